import type { Account, Impact, Session } from '@session-links/core';
import type { HostSession, StoreTx } from '../store/types';
import type { Ctx, ProviderRuntimes } from './context';
import { CALENDAR_ACTOR, type OnLinkChanges, recordLinkChanges, recordWriteChanges, writeHook } from './history';
import { processDueMeetings } from './meeting-worker';
import { reconcileHostSessions, reconcileMeetings, retire, retireAccountMeetings } from './meetings';
import { load, type SiteParts, withOverrides } from './site';

// R22: after a write, the meetings follow the new links — the service's side of meeting
// orchestration (planning and the worker are in meetings.ts).

/** After a write: the meetings of upcoming sessions in the horizon follow the new links; inline mode makes them now. */
export async function afterWrite(ctx: Ctx, only?: readonly Session[], parts?: SiteParts): Promise<void> {
  const { now, horizonDays, inline, providers } = ctx.env;
  const at = now();
  const sessions =
    only ??
    (await withOverrides(
      ctx,
      await ctx.tx.listSessions(ctx.site.id, {
        from: at.toISOString(),
        to: new Date(at.getTime() + horizonDays * 86_400_000).toISOString(),
      }),
    ));
  if (sessions.length > 0) {
    const { snapshot, services } = await load(ctx, [], parts);
    const names = new Map(services.map((s) => [s.id, s.name]));
    await reconcileMeetings(ctx.tx, ctx.site.id, sessions, snapshot, {
      now: at,
      horizonDays,
      topicOf: (s) => names.get(s.serviceId) ?? 'Online session',
    });
  }
  // R30: what the write did to the links, by the member (every upcoming session after a site-wide change).
  await recordWriteChanges(ctx, only, parts);
  if (inline && hasProviders(providers))
    await processDueMeetings(ctx.tx, providers, at, {
      siteId: ctx.site.id,
      limit: Number.MAX_SAFE_INTEGER,
      onLinkChanges: writeHook(ctx),
    });
}

const hasProviders = (providers: ProviderRuntimes) => Object.keys(providers).length > 0;

/** An account replaced by another (or by none): its meetings are retired, hand-added meetings move on. */
export async function replacedAccount(ctx: Ctx, before: Account | null, after: Account | null): Promise<void> {
  if (before && before.kind !== 'custom' && before.id !== after?.id)
    await retireAccountMeetings(ctx.tx, ctx.site.id, before.id, ctx.env.now().toISOString());
  await rehomeHandAddedMeetings(ctx);
}

/**
 * A meeting added by hand (R7) names the account it came from. Once that account
 * is no one's any more (replaced, or disconnected and connected again: a new account),
 * the session's meeting comes from the connected account that applies now (core's
 * `handAddedMeetingAccount`, R22), made by the worker; with none that applies the session
 * says so (`NO_MEETING_ACCOUNT`) and nothing is asked of a provider until an account appears: every
 * account change brings the meetings of the upcoming hand-added sessions in line, past the
 * horizon too.
 */
async function rehomeHandAddedMeetings(ctx: Ctx): Promise<void> {
  const at = ctx.env.now();
  const hosts = (await ctx.tx.listSessions(ctx.site.id)).filter((h) => Date.parse(h.start) >= at.getTime());
  if (hosts.length === 0) return;
  const handAdded = (await withOverrides(ctx, hosts)).filter((s) => s.override?.kind === 'meeting');
  // Past the horizon too: a hand-added meeting is made whenever it is added (R22).
  if (handAdded.length > 0) await afterWrite(ctx, handAdded);
}

/**
 * A session that moves to a connected account whose meeting is not made yet does not lose
 * its link: the server makes one (R22). A preview counts it as changed, not lost.
 */
export function meetingsToBeMade(impact: Impact): Impact {
  const counts = { ...impact.counts };
  const sessions = impact.sessions.map((s) => {
    if (s.change !== 'lost' || s.after.status !== 'none' || s.after.reason !== 'PROVIDER_MEETING_PENDING') return s;
    counts.lost--;
    counts.changed++;
    return { ...s, change: 'changed' as const };
  });
  return { ...impact, sessions, counts };
}

/** What the sync API does besides storing host data: a moved or reassigned session's meeting follows (R22). */
export function createSyncReactions(o: {
  now: () => Date;
  horizonDays: number;
  inline: boolean;
  providers: ProviderRuntimes;
  onLinkChanges?: OnLinkChanges;
}) {
  async function sessionsChanged(tx: StoreTx, siteId: string, hosts: readonly HostSession[]): Promise<void> {
    if (hosts.length === 0 || !(await tx.getSite(siteId))) return;
    const at = o.now();
    await reconcileHostSessions(tx, siteId, hosts, { now: at, horizonDays: o.horizonDays });
    // R30: a session new to the server gets its baseline; a moved or reassigned one, an entry by the host's calendar.
    await recordLinkChanges(tx, siteId, { actor: CALENDAR_ACTOR, at, sessions: hosts, onLinkChanges: o.onLinkChanges });
    if (o.inline && hasProviders(o.providers))
      await processDueMeetings(tx, o.providers, at, {
        siteId,
        limit: Number.MAX_SAFE_INTEGER,
        onLinkChanges: o.onLinkChanges,
      });
  }
  return {
    sessionsChanged,
    /**
     * The host's data changed what every upcoming session's link can be (a service, the plan, a
     * staff member gone): their meetings follow and the changes are recorded now, by the host's
     * calendar (R22, R29, R30) — not left for the next member's write to record as theirs.
     */
    async siteChanged(tx: StoreTx, siteId: string, scope: { serviceId?: string; staffId?: string } = {}): Promise<void> {
      // Only the sessions the change can reach: a service's own, a staff member's, or (the plan) all.
      const upcoming = await tx.listSessions(siteId, {
        from: o.now().toISOString(),
        ...(scope.serviceId === undefined ? {} : { serviceId: scope.serviceId }),
      });
      await sessionsChanged(tx, siteId, scope.staffId === undefined ? upcoming : upcoming.filter((s) => s.staffId === scope.staffId));
    },
    async sessionDeleted(tx: StoreTx, siteId: string, sessionId: string): Promise<void> {
      const at = o.now();
      // As any retired meeting: one whose create may have reached the provider (its answer lost) is deleted there too.
      for (const m of await tx.listMeetings(siteId, { sessionIds: [sessionId] })) await retire(tx, m, at.toISOString());
      if (o.inline && hasProviders(o.providers)) await processDueMeetings(tx, o.providers, at, { siteId, limit: Number.MAX_SAFE_INTEGER });
    },
  };
}
