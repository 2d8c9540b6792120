import { type ConnectedProvider, createSiteSnapshot, meetingNeeded, type Session, type SiteSnapshot } from '@session-links/core';
import type { HostSession, StoredMeeting, StoreTx } from '../store/types';

/** Meetings are made for upcoming sessions within this many days (R22), and for links added by hand. */
export const DEFAULT_HORIZON_DAYS = 14;
const DAY = 86_400_000;

const minutesBetween = (start: string, end: string) => Math.max(1, Math.round((Date.parse(end) - Date.parse(start)) / 60_000));

/** Zoom has (or may have: a create whose answer was lost) this meeting. */
const mayBeAtZoom = (m: StoredMeeting) => m.zoomMeetingId !== null || m.createAttemptId !== null;

/** Marks a meeting for deletion at Zoom, or drops the row when Zoom never had it. */
export async function retire(tx: StoreTx, m: StoredMeeting, now: string): Promise<void> {
  if (!mayBeAtZoom(m)) await tx.deleteMeeting(m.siteId, m.accountId, m.sessionId);
  else if (m.status !== 'deleting') {
    await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, { status: 'deleting', attempts: 0, nextAttemptAt: null, updatedAt: now });
  }
}

/**
 * Every meeting of an account that is no longer held (disconnected, replaced) is deleted at
 * Zoom (R22). Its tokens stay until the worker has deleted the last one (best effort).
 */
export async function retireAccountMeetings(tx: StoreTx, siteId: string, accountId: string, now: string): Promise<void> {
  let atZoom = 0;
  for (const m of await tx.listMeetings(siteId, { accountId })) {
    if (mayBeAtZoom(m)) atZoom++;
    await retire(tx, m, now);
  }
  if (atZoom === 0) await tx.deleteTokens(accountId);
}

/**
 * Brings the stored meetings of these sessions in line with what their links need
 * (R22): a pending meeting for each upcoming session whose link is a Zoom meeting and
 * starts within the horizon (or was added by hand), the meeting of any other account
 * retired, a moved session's meeting marked for update. Never calls Zoom.
 */
export async function reconcileMeetings(
  tx: StoreTx,
  siteId: string,
  sessions: readonly Session[],
  site: SiteSnapshot,
  options: { now: Date; horizonDays: number; topicOf: (session: Session) => string },
): Promise<void> {
  const nowMs = options.now.getTime();
  const nowIso = options.now.toISOString();
  const horizon = nowMs + options.horizonDays * DAY;
  const upcoming = sessions.filter((s) => Date.parse(s.start) >= nowMs);
  if (upcoming.length === 0) return;
  const existing = new Map<string, StoredMeeting[]>();
  for (const m of await tx.listMeetings(siteId, { sessionIds: upcoming.map((s) => s.id) })) {
    const list = existing.get(m.sessionId) ?? [];
    list.push(m);
    existing.set(m.sessionId, list);
  }
  const held = new Map<string, boolean>();
  /** Each held account's provider: its meetings are made there (R31). */
  const providerOf = new Map<string, ConnectedProvider>();
  for (const account of [site.defaultAccount, ...[...site.staff.values()].map((s) => s.account)]) {
    if (!account) continue;
    held.set(account.id, account.health === 'connected');
    if (account.kind !== 'custom') providerOf.set(account.id, account.kind);
  }

  for (const session of upcoming) {
    const wanted = meetingNeeded(session, site);
    const rows = existing.get(session.id) ?? [];
    for (const m of rows) {
      // An unhealthy account's meetings stay: reconnecting it brings its links back, and Zoom could not be asked anyway.
      if (m.accountId !== wanted && held.get(m.accountId) !== false) await retire(tx, m, nowIso);
    }
    if (wanted === null) continue;
    const handAdded = session.override?.kind === 'meeting';
    if (!handAdded && Date.parse(session.start) >= horizon) continue;
    const durationMinutes = minutesBetween(session.start, session.end);
    const mine = rows.find((m) => m.accountId === wanted);
    if (!mine) {
      await tx.ensureMeeting({
        siteId,
        accountId: wanted,
        sessionId: session.id,
        start: session.start,
        durationMinutes,
        topic: options.topicOf(session),
        updatedAt: nowIso,
        provider: providerOf.get(wanted) ?? 'zoom',
      });
    } else if (mine.status === 'deleting' || mine.start !== session.start || mine.durationMinutes !== durationMinutes) {
      // Moved in time (or wanted again): the worker updates the meeting at Zoom; its join link stays valid meanwhile.
      await tx.updateMeeting(siteId, wanted, session.id, {
        status: 'pending',
        start: session.start,
        durationMinutes,
        attempts: 0,
        nextAttemptAt: null,
        updatedAt: nowIso,
      });
    }
  }
}

/**
 * A pending meeting of an account no one holds can never be made: its tokens are gone. Such
 * rows were left by hand-added meetings before they followed the account (R22: the worker
 * failed on them every run, across restarts; migration 005 makes them due at the upgrade).
 * Their sessions are planned again by today's rules: the row goes (or is deleted at Zoom),
 * and the meeting comes from the Zoom account that applies now, or the session says that
 * none can make it (`NO_MEETING_ACCOUNT`).
 */
export async function replanStranded(
  tx: StoreTx,
  siteId: string,
  rows: readonly StoredMeeting[],
  now: Date,
  horizonDays = DEFAULT_HORIZON_DAYS,
): Promise<void> {
  for (const m of rows) await retire(tx, m, now.toISOString());
  const ids = [...new Set(rows.map((m) => m.sessionId))];
  const hosts = (await Promise.all(ids.map((id) => tx.getSession(siteId, id)))).filter((h) => h !== null);
  await reconcileHostSessions(tx, siteId, hosts, { now, horizonDays });
}

/**
 * Plans the meetings of these host sessions from the site as it is now (R22): what a
 * session outside any member's operation needs — a host sync that moved it, or a stranded
 * meeting planned again. Never calls Zoom.
 */
export async function reconcileHostSessions(
  tx: StoreTx,
  siteId: string,
  hosts: readonly HostSession[],
  options: { now: Date; horizonDays: number },
): Promise<void> {
  const site = await tx.getSite(siteId);
  if (!site || hosts.length === 0) return;
  const [settings, staff, staffAccounts, services, courseLinks, overrides] = await Promise.all([
    tx.getSettings(siteId),
    tx.listStaff(siteId),
    tx.listStaffAccounts(siteId),
    tx.listServices(siteId),
    tx.listCourseLinks(siteId),
    tx.listSessionOverrides(
      siteId,
      hosts.map((h) => h.id),
    ),
  ]);
  const snapshot = createSiteSnapshot({
    plan: site.plan,
    defaultAccount: settings.value,
    services,
    staff: staff.map((member) => ({ id: member.id, account: staffAccounts.get(member.id)?.value ?? null })),
    courseLinks: [...courseLinks].map(([serviceId, row]) => ({ serviceId, link: row.value })),
  });
  const sessions: Session[] = hosts.map((h) => {
    const row = overrides.get(h.id);
    return { ...h, override: row?.value ?? null, version: row?.version ?? 0 };
  });
  const names = new Map(services.map((s) => [s.id, s.name]));
  await reconcileMeetings(tx, siteId, sessions, snapshot, {
    ...options,
    topicOf: (s) => names.get(s.serviceId) ?? 'Online session',
  });
}
