import { type Link, meetingKey, type Session, type SiteSnapshot, zoomMeetingNeeded } from '@session-links/core';
import type { Store, StoredMeeting, StoreTx } from './store/types';
import { type ZoomGateway, ZoomGatewayError } from './zoom/gateway';

/** Meetings are made for upcoming sessions within this many days (R22), and for links added by hand. */
export const DEFAULT_HORIZON_DAYS = 14;
const DAY = 86_400_000;

/** The stored meetings a snapshot resolves with: those that exist at Zoom (also while an update is pending). */
export function meetingLinks(meetings: readonly StoredMeeting[]): Map<string, Link> {
  const links = new Map<string, Link>();
  for (const m of meetings) {
    if (m.status === 'deleting' || m.joinUrl === null || m.zoomMeetingId === null) continue;
    const link: Link = { type: 'ZOOM', provider: 'zoom', guestUrl: m.joinUrl, meetingId: m.zoomMeetingId };
    if (m.startUrl !== null) link.hostUrl = m.startUrl;
    if (m.password !== null) link.password = m.password;
    links.set(meetingKey(m.accountId, m.sessionId), link);
  }
  return links;
}

const minutesBetween = (start: string, end: string) => Math.max(1, Math.round((Date.parse(end) - Date.parse(start)) / 60_000));

/** Marks a meeting for deletion at Zoom, or drops the row when Zoom never had it. */
async function retire(tx: StoreTx, m: StoredMeeting, now: string): Promise<void> {
  if (m.zoomMeetingId === null) await tx.deleteMeeting(m.siteId, m.accountId, m.sessionId);
  else if (m.status !== 'deleting') {
    await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, { status: 'deleting', attempts: 0, nextAttemptAt: null, updatedAt: now });
  }
}

/** Every meeting of an account that is no longer held (disconnected, replaced) is deleted at Zoom (R22). */
export async function retireAccountMeetings(tx: StoreTx, siteId: string, accountId: string, now: string): Promise<void> {
  for (const m of await tx.listMeetings(siteId, { accountId })) await retire(tx, m, now);
  await tx.deleteTokens(accountId);
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
  if (site.defaultAccount) held.set(site.defaultAccount.id, site.defaultAccount.health === 'connected');
  for (const s of site.staff.values()) if (s.account) held.set(s.account.id, s.account.health === 'connected');

  for (const session of upcoming) {
    const wanted = zoomMeetingNeeded(session, site);
    const rows = existing.get(session.id) ?? [];
    for (const m of rows) {
      // An unhealthy account's meetings stay: reconnecting it brings its links back, and Zoom could not be asked anyway.
      if (m.accountId !== wanted && held.get(m.accountId) !== false) await retire(tx, m, nowIso);
    }
    if (wanted === null) continue;
    const handAdded = session.override?.kind === 'zoom';
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

export interface MeetingWorkerOptions {
  /** Meetings handled per run. */
  limit?: number;
  /** Only this site's meetings (the mocks complete a write's meetings at once). */
  siteId?: string;
}

export interface MeetingWorkerResult {
  created: number;
  updated: number;
  deleted: number;
  failed: number;
}

const backoffMs = (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** attempts);

/** An access token for the account, refreshed when it is about to expire (R23); null when the account has none or lost it. */
async function accessToken(tx: StoreTx, zoom: ZoomGateway, siteId: string, accountId: string, now: Date): Promise<string | null> {
  const tokens = await tx.getTokens(accountId, { lock: true });
  if (!tokens) return null;
  if (Date.parse(tokens.accessExpiresAt) - now.getTime() > 60_000) return tokens.accessToken;
  try {
    const fresh = await zoom.refresh(tokens.refreshToken);
    await tx.putTokens({
      siteId,
      accountId,
      accessToken: fresh.accessToken,
      refreshToken: fresh.refreshToken,
      accessExpiresAt: new Date(now.getTime() + fresh.expiresIn * 1000).toISOString(),
      refreshIssuedAt: now.toISOString(),
    });
    return fresh.accessToken;
  } catch (error) {
    if (error instanceof ZoomGatewayError && error.kind === 'invalid_grant') {
      // R23: Zoom no longer accepts this authorisation: the account is expired, visibly (R17).
      await tx.setAccountHealth(siteId, accountId, 'expired');
      await tx.deleteTokens(accountId);
      return null;
    }
    throw error;
  }
}

/**
 * Does the Zoom work that is due, in `tx`: creates pending meetings, updates moved ones,
 * deletes retired ones, soonest session first. Failures are kept on the row and retried
 * with backoff; a meeting stays pending (ZOOM_MEETING_PENDING) until Zoom made it.
 */
export async function processDueMeetings(
  tx: StoreTx,
  zoom: ZoomGateway,
  now: Date,
  options: MeetingWorkerOptions = {},
): Promise<MeetingWorkerResult> {
  const result: MeetingWorkerResult = { created: 0, updated: 0, deleted: 0, failed: 0 };
  const nowIso = now.toISOString();
  const due = (await tx.claimDueMeetings(nowIso, options.limit ?? 100)).filter((m) => !options.siteId || m.siteId === options.siteId);
  for (const m of due) {
    try {
      const token = await accessToken(tx, zoom, m.siteId, m.accountId, now);
      if (token === null) {
        if (m.status === 'deleting') {
          // Nothing can be asked of Zoom any more for this account: forget the row.
          await tx.deleteMeeting(m.siteId, m.accountId, m.sessionId);
          result.deleted++;
        } else {
          await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
            attempts: m.attempts + 1,
            nextAttemptAt: new Date(now.getTime() + backoffMs(m.attempts)).toISOString(),
            lastError: 'NO_TOKENS',
            updatedAt: nowIso,
          });
          result.failed++;
        }
        continue;
      }
      if (m.status === 'deleting') {
        if (m.zoomMeetingId !== null) await zoom.deleteMeeting(token, m.zoomMeetingId);
        await tx.deleteMeeting(m.siteId, m.accountId, m.sessionId);
        result.deleted++;
      } else if (m.zoomMeetingId === null) {
        const made = await zoom.createMeeting(token, {
          key: meetingKey(m.accountId, m.sessionId),
          topic: m.topic,
          start: m.start,
          durationMinutes: m.durationMinutes,
        });
        await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
          status: 'ready',
          zoomMeetingId: made.id,
          joinUrl: made.joinUrl,
          startUrl: made.startUrl,
          password: made.password,
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
          updatedAt: nowIso,
        });
        result.created++;
      } else {
        await zoom.updateMeeting(token, m.zoomMeetingId, { topic: m.topic, start: m.start, durationMinutes: m.durationMinutes });
        await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
          status: 'ready',
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
          updatedAt: nowIso,
        });
        result.updated++;
      }
    } catch (error) {
      const wait =
        error instanceof ZoomGatewayError && error.kind === 'rate_limited' && error.retryAfter !== undefined
          ? error.retryAfter * 1000
          : backoffMs(m.attempts);
      await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
        attempts: m.attempts + 1,
        nextAttemptAt: new Date(now.getTime() + wait).toISOString(),
        lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
        updatedAt: nowIso,
      });
      result.failed++;
    }
  }
  return result;
}

/**
 * One run of the meeting worker (R22): the due Zoom work in one transaction. A host
 * calls it on a timer (or the CLI's worker does); reads never do.
 */
export function runMeetingWorker(
  store: Store,
  zoom: ZoomGateway,
  now: Date = new Date(),
  options: MeetingWorkerOptions = {},
): Promise<MeetingWorkerResult> {
  return store.transaction((tx) => processDueMeetings(tx, zoom, now, options));
}
