import type {
  Booking,
  LinkHistoryEntry,
  NoticeList,
  NoticePolicy,
  NoticeState,
  NoticesQuery,
  NoticeTold,
  OnlineSettings,
  Resolution,
  SendNoticesResult,
  Notice as ShownNotice,
} from '@session-links/core';
import { DEFAULT_COALESCE_WINDOW_MS, type Notice, type NoticeInput, type NoticeStatus, type Outbox } from '../notices/outbox';
import type { HostSession, StoreNotices, StoreTx } from '../store/types';
import { authorize, type Caller, type Ctx, type Env, type LinkChange, type OnLinkChanges, type Params, run } from './context';
import { conflict, notFound, ServiceError } from './errors';
import { settingsOf, toSettings } from './site';

// R29: telling clients. The hook below turns the link changes a transaction recorded (R30)
// into one notice per booked client of each changed upcoming session, in that transaction,
// through the store's outbox; the operations let the owner choose the policy, see who was
// told and send held or failed notices.

/** What a notice is about: the link a client holds, or none. */
const guestLink = (r: Resolution): string | null => (r.status === 'linked' ? r.link.guestUrl : null);
/** Why the link is what it is: its source, or why there is none (`NO_DEFAULT_ACCOUNT`). */
const why = (r: Resolution): string => (r.status === 'linked' ? r.source : r.reason);
const fromCourse = (r: Resolution): boolean => r.status === 'linked' && r.source === 'course';
/** A meeting not made yet: the worker's next change brings the link; the client is told then. */
const pendingMeeting = (r: Resolution): boolean => r.status === 'none' && r.reason === 'PROVIDER_MEETING_PENDING';

/**
 * Whether a change's notices go out now, wait for the owner, or are not recorded (R29): sent
 * when "Tell them now" was ticked, or — not asked — when the site tells automatically; held
 * otherwise, except that `off` records none unless the member asked to tell.
 */
export function noticeDecision(policy: NoticePolicy, tellClients: boolean | undefined): 'queued' | 'held' | 'none' {
  if (tellClients ?? policy === 'auto') return 'queued';
  return policy === 'off' ? 'none' : 'held';
}

/** The outbox as every store's is: its `record` takes what `txOf` gives. */
const outboxOf = (notices: StoreNotices): Outbox<unknown> => notices.outbox as Outbox<unknown>;

/**
 * R29's hook (`onLinkChanges`): in the transaction of the change, one notice per booking of
 * each changed session that has not started, through the store's outbox — coalesced there
 * with an open notice of the same booking, or cancelled when the link went back.
 *
 * A write whose new link is a Zoom meeting still to be made tells no one yet; its "Tell them
 * now" is kept per session, and the worker's change that brings the link decides with it.
 */
export function noticeRecorder(notices: StoreNotices): OnLinkChanges {
  return async (tx, siteId, changes, write) => {
    const tell = write?.tellClients;
    if (tell !== undefined) {
      const waiting = changes.filter((c) => pendingMeeting(c.after)).map((c) => ({ sessionId: c.sessionId, tellClients: tell }));
      if (waiting.length > 0) await tx.putNoticeChoices(siteId, waiting);
    }
    const made = changes.filter((c) => pendingMeeting(c.before) && !pendingMeeting(c.after)).map((c) => c.sessionId);
    const kept = made.length > 0 ? await tx.takeNoticeChoices(siteId, made) : new Map<string, boolean>();
    const inputs = await noticeInputs(tx, siteId, changes);
    if (inputs.length === 0) return;
    const policy = await tx.getNoticePolicy(siteId);
    const chosen: NoticeInput[] = [];
    const madeNow = new Set(made);
    for (const input of inputs) {
      // A meeting made now belongs to the write that asked for it: its choice, never this write's
      // (an inline run in a staff member's write makes the owner's meetings too, R29).
      const decision = noticeDecision(policy, madeNow.has(input.session) ? kept.get(input.session) : tell);
      if (decision === 'none') continue;
      // `hold: false` also sends an open held notice of the same booking that this change joins.
      chosen.push({ ...input, hold: decision === 'held' });
    }
    if (chosen.length === 0) return;
    const at = changes[0] ? new Date(changes[0].at) : new Date();
    await outboxOf(notices).record(notices.txOf(tx), chosen, at);
  };
}

async function noticeInputs(tx: StoreTx, siteId: string, changes: readonly LinkChange[]): Promise<NoticeInput[]> {
  const told = changes.filter((c) => !pendingMeeting(c.after));
  if (told.length === 0) return [];
  const hosts = await tx.listSessions(siteId, { ids: [...new Set(told.map((c) => c.sessionId))] });
  const upcoming = new Map(hosts.filter((h) => Date.parse(h.start) > Date.parse(told[0]?.at ?? '')).map((h) => [h.id, h]));
  if (upcoming.size === 0) return [];
  const bookings = await tx.listBookings(siteId, {
    sessionIds: [...upcoming.keys()],
    serviceIds: [...new Set([...upcoming.values()].map((h) => h.serviceId))],
  });
  if (bookings.length === 0) return [];
  const clients = new Map((await tx.listClients(siteId, [...new Set(bookings.map((b) => b.clientId))])).map((c) => [c.id, c] as const));
  // By session, and a whole-course booking by its course: a site-wide change of 10,000 sessions walks each booking once per session it holds.
  const bySession = new Map<string, Booking[]>();
  const byCourse = new Map<string, Booking[]>();
  for (const b of bookings) {
    const [map, key] = b.sessionId === null ? [byCourse, b.serviceId] : [bySession, b.sessionId];
    const list = map.get(key);
    if (list) list.push(b);
    else map.set(key, [b]);
  }
  const inputs: NoticeInput[] = [];
  for (const change of told) {
    const session = upcoming.get(change.sessionId);
    if (!session) continue;
    const kind =
      fromCourse(change.after) || (fromCourse(change.before) && !(change.after.status === 'linked' && change.after.source === 'session'))
        ? 'course-changed'
        : 'booking-changed';
    for (const b of [...(bySession.get(session.id) ?? []), ...(byCourse.get(session.serviceId) ?? [])]) {
      const client = clients.get(b.clientId);
      if (!client) continue;
      inputs.push({
        site: siteId,
        booking: b.id,
        session: session.id,
        client: { name: client.name, email: client.email },
        kind,
        oldLink: pendingMeeting(change.before) ? null : guestLink(change.before),
        newLink: guestLink(change.after),
        why: { before: why(change.before), after: why(change.after) },
      });
    }
  }
  return inputs;
}

/** A notice's state as the widgets show it. */
export function noticeState(status: NoticeStatus): NoticeState {
  switch (status) {
    case 'sent':
      return 'sent';
    case 'dead':
      return 'failed';
    case 'held':
      return 'held';
    default:
      return 'pending';
  }
}

const shown = (n: Notice): ShownNotice => ({
  id: n.id,
  bookingId: n.booking,
  sessionId: n.session,
  clientName: n.client.name,
  kind: n.kind,
  status: noticeState(n.status),
  error: n.status === 'dead' || n.status === 'failed' ? n.lastError : null,
  createdAt: n.created,
  sentAt: n.sentAt,
});

/** The latest notice of each booking (notices oldest first), and their counts. */
export function noticeList(notices: readonly Notice[]): NoticeList {
  const latest = new Map<string, Notice>();
  for (const n of notices) latest.set(n.booking, n);
  const list = [...latest.values()].map(shown);
  const count = (s: NoticeState) => list.filter((n) => n.status === s).length;
  return {
    summary: { total: list.length, sent: count('sent'), pending: count('pending'), failed: count('failed'), held: count('held') },
    notices: list,
  };
}

/** The bookings of these sessions (a whole-course booking of their courses included). */
export async function bookingsOf(ctx: Ctx, sessions: readonly HostSession[]): Promise<Booking[]> {
  if (sessions.length === 0) return [];
  const bookings = await ctx.tx.listBookings(ctx.site.id, {
    sessionIds: sessions.map((s) => s.id),
    serviceIds: [...new Set(sessions.map((s) => s.serviceId))],
  });
  const ids = new Set(sessions.map((s) => s.id));
  const courses = new Set(sessions.map((s) => s.serviceId));
  return bookings.filter((b) => (b.sessionId === null ? courses.has(b.serviceId) : ids.has(b.sessionId)));
}

/**
 * Who was told of each change of a session's link (R30): per booking of the session, the
 * notice recorded for that change — the one open for it within the coalescing window, which
 * later changes of the window merged into. A change after the session started told no one.
 */
export async function toldOf(
  env: Env,
  siteId: string,
  session: Pick<HostSession, 'start'>,
  bookings: readonly Booking[],
  entries: readonly Pick<LinkHistoryEntry, 'at'>[],
): Promise<NoticeTold[][]> {
  if (!env.notices || bookings.length === 0 || entries.length === 0) return entries.map(() => []);
  const notices = await env.notices.outbox.ofBookings(
    siteId,
    bookings.map((b) => b.id),
  );
  return entries.map((e) => {
    const at = Date.parse(e.at);
    if (Date.parse(session.start) <= at) return [];
    const told = new Map<string, Notice>();
    for (const n of notices) {
      const created = Date.parse(n.created);
      if (created <= at && created >= at - DEFAULT_COALESCE_WINDOW_MS) told.set(n.booking, n);
    }
    return [...told.values()].map((n) => ({ bookingId: n.booking, clientName: n.client.name, status: noticeState(n.status) }));
  });
}

/** The owner's policy, who was told (owner; staff their own sessions), and "send now". */
export function noticeOperations(env: Env) {
  return {
    setNoticePolicy: (caller: Caller, p: Params, input: { policy: NoticePolicy; version: number }): Promise<OnlineSettings> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'setNoticePolicy');
        if (!(await ctx.tx.putNoticePolicy(ctx.site.id, input.version, input.policy))) throw conflict();
        return toSettings(ctx, await settingsOf(ctx));
      }),

    listNotices: async (caller: Caller, p: Params, query: NoticesQuery): Promise<NoticeList> => {
      if ((query.sessionId === undefined) === (query.serviceId === undefined))
        throw new ServiceError('VALIDATION', 'Ask for one session or one course', { fields: { sessionId: ['query.oneOf'] } });
      const bookings = await run(env, p.siteId, caller, async (ctx) => {
        if (query.sessionId !== undefined) {
          const session = await ctx.tx.getSession(ctx.site.id, query.sessionId);
          if (!session) throw notFound(`session ${query.sessionId}`);
          authorize(ctx, 'listNotices', { session });
          return bookingsOf(ctx, [session]);
        }
        const serviceId = query.serviceId as string;
        authorize(ctx, 'listNotices');
        if (!(await ctx.tx.getService(ctx.site.id, serviceId))) throw notFound(`service ${serviceId}`);
        const upcoming = await ctx.tx.listSessions(ctx.site.id, { serviceId, from: env.now().toISOString() });
        return bookingsOf(ctx, upcoming);
      });
      // Outside the transaction: the SQL outbox reads on the pool (PGlite has one connection).
      if (!env.notices || bookings.length === 0) return noticeList([]);
      return noticeList(
        await env.notices.outbox.ofBookings(
          p.siteId,
          bookings.map((b) => b.id),
        ),
      );
    },

    sendNotices: async (caller: Caller, p: Params, input: { ids: string[] }): Promise<SendNoticesResult> => {
      await run(env, p.siteId, caller, async (ctx) => authorize(ctx, 'sendNotices'));
      if (!env.notices) return { queued: 0 };
      return { queued: await env.notices.outbox.resend(p.siteId, input.ids, env.now()) };
    },
  };
}
