import {
  createSiteSnapshot,
  DEFAULT_LINK_HISTORY_PAGE,
  type LinkActor,
  type LinkHistoryPage,
  type LinkHistoryQuery,
  type Resolution,
  resolveSessionLink,
  type Session,
} from '@session-links/core';
import type { HostSession, StoreTx } from '../store/types';
import { authorize, type Caller, type Ctx, type Env, type LinkChange, type OnLinkChanges, omit, type Params, run } from './context';
import { notFound } from './errors';
import { bookingsOf, toldOf } from './notices';
import { meetingLinks } from './read-view';
import { redactResolution, shownResolution, viewerOf } from './redaction';
import type { SiteParts } from './site';

// R30: every change of a session's resolved link is kept. Wherever sessions are reconciled
// (a write, the meeting worker, the host's sync), `recordLinkChanges` resolves them, compares
// each with the ledger (the last link the server saw of it) and, in the same transaction,
// appends one history entry per changed session and moves the ledger on.

export type { LinkChange, OnLinkChanges } from './context';

/** The writer of a member's operation. */
export const userActor = (ctx: Pick<Ctx, 'user'>): LinkActor => ({ type: 'user', userId: ctx.user.id, name: ctx.user.name });
export const CALENDAR_ACTOR: LinkActor = Object.freeze({ type: 'calendar' });
export const ZOOM_ACTOR: LinkActor = Object.freeze({ type: 'provider', provider: 'zoom' });

/** A resolution as the ledger keeps it: never a start link (R18: it carries a host token). */
export function keptResolution(r: Resolution): Resolution {
  if (r.status !== 'linked' || r.link.hostUrl === undefined) return r;
  return { ...r, link: omit(r.link, 'hostUrl') };
}

/** What a change is: the link a client gets, where it comes from, or why there is none (key order does not matter: JSONB reorders). */
function fingerprint(r: Resolution): string {
  const warnings = [...r.warnings].sort().join(',');
  if (r.status === 'none') return JSON.stringify(['none', r.reason, warnings]);
  const l = r.link;
  return JSON.stringify([
    'linked',
    r.source,
    r.accountId,
    r.staffId,
    warnings,
    l.type,
    l.provider,
    l.guestUrl,
    l.password ?? null,
    l.description ?? null,
    l.meetingId ?? null,
  ]);
}

export const sameKeptLink = (a: Resolution, b: Resolution): boolean => fingerprint(a) === fingerprint(b);

/** `siteParts` without a member's context: the worker and the sync have none. */
async function siteInputs(tx: StoreTx, siteId: string): Promise<SiteParts> {
  const [settings, staff, staffAccounts, services, courseLinks] = await Promise.all([
    tx.getSettings(siteId),
    tx.listStaff(siteId),
    tx.listStaffAccounts(siteId),
    tx.listServices(siteId),
    tx.listCourseLinks(siteId),
  ]);
  const members = staff.map((s) => {
    const row = staffAccounts.get(s.id);
    return { id: s.id, name: s.name, email: s.email, account: row?.value ?? null, version: row?.version ?? 0 };
  });
  return [settings, members, services, courseLinks];
}

/** The sessions of a site from `at` on (no end: a site-wide change reaches every upcoming session). */
async function upcomingSessions(tx: StoreTx, siteId: string, at: string): Promise<HostSession[]> {
  return tx.listSessions(siteId, { from: at });
}

/**
 * Resolves these sessions (default: every upcoming session of the site) as reads would,
 * compares each with the ledger and records the differences: one history entry per changed
 * session, the ledger moved on, then `onLinkChanges` — all in `tx`. A session never seen
 * before gets its baseline in the ledger and no entry. Returns the changes.
 */
export async function recordLinkChanges(
  tx: StoreTx,
  siteId: string,
  o: {
    actor: LinkActor;
    at: Date;
    sessions?: readonly (HostSession | Session)[];
    onLinkChanges?: OnLinkChanges | undefined;
    /** The site-wide inputs of resolution, already read in this transaction when nothing has changed them since. */
    parts?: SiteParts | undefined;
  },
): Promise<LinkChange[]> {
  const at = o.at.toISOString();
  const hosts = o.sessions ?? (await upcomingSessions(tx, siteId, at));
  if (hosts.length === 0) return [];
  const site = await tx.getSite(siteId);
  if (!site) return [];
  const ids = hosts.map((h) => h.id);
  const [[settings, staff, services, courseLinks], overrides, meetings, ledger] = await Promise.all([
    o.parts ?? siteInputs(tx, siteId),
    tx.listSessionOverrides(siteId, ids),
    tx.listMeetings(siteId, { sessionIds: ids }),
    tx.getLinkLedger(siteId, ids),
  ]);
  const snapshot = createSiteSnapshot({
    plan: site.plan,
    defaultAccount: settings.value,
    services,
    staff,
    courseLinks: [...courseLinks].map(([serviceId, row]) => ({ serviceId, link: row.value })),
    meetings: meetingLinks(meetings),
    now: o.at,
  });
  const changes: LinkChange[] = [];
  const seen: { sessionId: string; link: Resolution }[] = [];
  for (const h of hosts) {
    // The override as stored now (a session passed in may predate this transaction's write).
    const row = overrides.get(h.id);
    const session: Session = { ...h, override: row?.value ?? null, version: row?.version ?? 0 };
    const after = keptResolution(resolveSessionLink(session, snapshot));
    const before = ledger.get(h.id);
    if (before && sameKeptLink(before, after)) continue;
    seen.push({ sessionId: h.id, link: after });
    if (before) changes.push({ sessionId: h.id, before, after, actor: o.actor, at });
  }
  await tx.putLinkLedger(siteId, seen, at);
  await tx.insertLinkHistory(siteId, changes);
  if (changes.length > 0 && o.onLinkChanges) await o.onLinkChanges(tx, siteId, changes);
  return changes;
}

/** A member's write: the touched sessions (default: every upcoming one) recorded with the member as actor. */
export function recordWriteChanges(ctx: Ctx, sessions?: readonly Session[], parts?: SiteParts): Promise<LinkChange[]> {
  return recordLinkChanges(ctx.tx, ctx.site.id, {
    actor: userActor(ctx),
    at: ctx.env.now(),
    sessions,
    onLinkChanges: writeHook(ctx),
    parts,
  });
}

/** The hook for what a member's write changed, inline meetings included: with the write's "Tell them now" (R29). */
export function writeHook(ctx: Ctx): OnLinkChanges | undefined {
  const hook = ctx.env.onLinkChanges;
  if (!hook) return undefined;
  return (tx, siteId, changes) => hook(tx, siteId, changes, { tellClients: ctx.tellClients });
}

/** Reading a session's history (R30): the owner any session's, a staff member their own sessions' (R10); redacted by R18. */
export function historyOperations(env: Env) {
  return {
    getSessionLinkHistory: async (caller: Caller, p: Params, query: LinkHistoryQuery): Promise<LinkHistoryPage> => {
      const { page, session, bookings } = await run(env, p.siteId, caller, async (ctx) => {
        const sessionId = p.sessionId as string;
        const session = await ctx.tx.getSession(ctx.site.id, sessionId);
        if (!session) throw notFound(`session ${sessionId}`);
        authorize(ctx, 'getSessionLinkHistory', { session });
        const limit = query.limit === undefined ? DEFAULT_LINK_HISTORY_PAGE : Number(query.limit);
        // One more than asked: whether there is an older page.
        const rows = await ctx.tx.listLinkHistory(ctx.site.id, sessionId, {
          ...(query.before === undefined ? {} : { before: query.before }),
          limit: limit + 1,
        });
        const page = rows.slice(0, limit);
        const viewer = await viewerOf(ctx);
        const shown = (r: Resolution) => shownResolution(env, keptResolution(redactResolution(r, viewer)), sessionId);
        // The newest entry still waiting for a meeting when the session has started: none came, and none
        // will (meetings are made for upcoming sessions, R22); it says so, as the session itself does.
        const started = Date.parse(session.start) < env.now().getTime();
        const outcome = (r: Resolution, newest: boolean): Resolution =>
          newest && started && r.status === 'none' && r.reason === 'PROVIDER_MEETING_PENDING' ? { ...r, reason: 'NO_MEETING_MADE' } : r;
        const entries = await Promise.all(
          page.map(async (e, i) => ({
            id: e.id,
            sessionId: e.sessionId,
            at: e.at,
            actor: e.actor,
            before: await shown(e.before),
            after: await shown(outcome(e.after, i === 0 && query.before === undefined)),
          })),
        );
        return {
          page: { entries, nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null },
          session,
          bookings: await bookingsOf(ctx, [session]),
        };
      });
      // R30 "and who was told": each change's notices (R29), read outside the transaction as listNotices reads them.
      const told = await toldOf(env, p.siteId, session, bookings, page.entries);
      return { ...page, entries: page.entries.map((e, i) => ({ ...e, told: told[i] ?? [] })) };
    },
  };
}
