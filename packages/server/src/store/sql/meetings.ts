import type { ConnectedProvider } from '@session-links/core';
import { type Selectable, sql, type Transaction } from 'kysely';
import type { MeetingPatch, MeetingRef, MeetingStatus, NewMeeting, StoredMeeting } from '../types';
import { textArray } from './rows';
import type { Database } from './schema';

type MeetingRow = Omit<Selectable<Database['sl_meetings']>, 'start_at' | 'next_attempt_at'>;

export function toMeeting(row: MeetingRow): StoredMeeting {
  return {
    siteId: row.site_id,
    accountId: row.account_id,
    sessionId: row.session_id,
    provider: row.provider as ConnectedProvider,
    status: row.status as MeetingStatus,
    start: row.start,
    durationMinutes: row.duration_minutes,
    topic: row.topic,
    zoomMeetingId: row.zoom_meeting_id,
    joinUrl: row.join_url,
    startUrl: row.start_url,
    password: row.password,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt,
    lastError: row.last_error,
    createAttemptId: row.create_attempt_id,
    createAttemptAt: row.create_attempt_at,
    updatedAt: row.updated_at,
  };
}

export const MEETING_COLUMNS = [
  'site_id',
  'account_id',
  'session_id',
  'status',
  'start',
  'duration_minutes',
  'topic',
  'zoom_meeting_id',
  'join_url',
  'start_url',
  'password',
  'attempts',
  'next_attempt',
  'last_error',
  'create_attempt_id',
  'create_attempt_at',
  'updated_at',
  'provider',
] as const;

/** The meetings made at Zoom, their state and the worker's claims. */
export function meetingRows(trx: Transaction<Database>) {
  const self = {
    async findMeetingsByZoomId(zoomMeetingId: string): Promise<StoredMeeting[]> {
      const rows = await trx
        .selectFrom('sl_meetings')
        .select(MEETING_COLUMNS)
        .where('zoom_meeting_id', '=', zoomMeetingId)
        .where('provider', '=', 'zoom')
        .execute();
      return rows.map(toMeeting);
    },

    async listMeetings(siteId: string, filter?: { sessionIds?: readonly string[]; accountId?: string }): Promise<StoredMeeting[]> {
      if (filter?.sessionIds && filter.sessionIds.length === 0) return [];
      let query = trx.selectFrom('sl_meetings').select(MEETING_COLUMNS).where('site_id', '=', siteId);
      if (filter?.sessionIds) query = query.where('session_id', '=', sql<string>`any(${textArray(filter.sessionIds)})`);
      if (filter?.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
      const rows = await query.orderBy('start_at').orderBy('session_id').orderBy('account_id').execute();
      return rows.map(toMeeting);
    },

    async getMeeting(siteId: string, accountId: string, sessionId: string): Promise<StoredMeeting | null> {
      const row = await trx
        .selectFrom('sl_meetings')
        .select(MEETING_COLUMNS)
        .where('site_id', '=', siteId)
        .where('account_id', '=', accountId)
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return row ? toMeeting(row) : null;
    },

    async ensureMeeting(meeting: NewMeeting): Promise<StoredMeeting> {
      const inserted = await trx
        .insertInto('sl_meetings')
        .values({
          site_id: meeting.siteId,
          account_id: meeting.accountId,
          session_id: meeting.sessionId,
          status: 'pending',
          start: meeting.start,
          start_at: meeting.start,
          duration_minutes: meeting.durationMinutes,
          topic: meeting.topic,
          attempts: 0,
          updated_at: meeting.updatedAt,
          provider: meeting.provider ?? 'zoom',
        })
        .onConflict((oc) => oc.doNothing())
        .returning(MEETING_COLUMNS)
        .executeTakeFirst();
      if (inserted) return toMeeting(inserted);
      const existing = await self.getMeeting(meeting.siteId, meeting.accountId, meeting.sessionId);
      if (!existing) throw new Error('ensureMeeting: the meeting row vanished');
      return existing;
    },

    async updateMeeting(siteId: string, accountId: string, sessionId: string, patch: MeetingPatch): Promise<void> {
      const set: Partial<Omit<Database['sl_meetings'], 'provider'>> = {};
      if (patch.status !== undefined) set.status = patch.status;
      if (patch.start !== undefined) {
        set.start = patch.start;
        set.start_at = patch.start;
      }
      if (patch.durationMinutes !== undefined) set.duration_minutes = patch.durationMinutes;
      if (patch.topic !== undefined) set.topic = patch.topic;
      if (patch.zoomMeetingId !== undefined) set.zoom_meeting_id = patch.zoomMeetingId;
      if (patch.joinUrl !== undefined) set.join_url = patch.joinUrl;
      if (patch.startUrl !== undefined) set.start_url = patch.startUrl;
      if (patch.password !== undefined) set.password = patch.password;
      if (patch.attempts !== undefined) set.attempts = patch.attempts;
      if (patch.nextAttemptAt !== undefined) {
        set.next_attempt = patch.nextAttemptAt;
        set.next_attempt_at = patch.nextAttemptAt;
      }
      if (patch.lastError !== undefined) set.last_error = patch.lastError;
      if (patch.createAttemptId !== undefined) set.create_attempt_id = patch.createAttemptId;
      if (patch.createAttemptAt !== undefined) set.create_attempt_at = patch.createAttemptAt;
      if (patch.updatedAt !== undefined) set.updated_at = patch.updatedAt;
      if (Object.keys(set).length === 0) return;
      await trx
        .updateTable('sl_meetings')
        .set(set)
        .where('site_id', '=', siteId)
        .where('account_id', '=', accountId)
        .where('session_id', '=', sessionId)
        .execute();
    },

    async deleteMeeting(siteId: string, accountId: string, sessionId: string): Promise<void> {
      await trx
        .deleteFrom('sl_meetings')
        .where('site_id', '=', siteId)
        .where('account_id', '=', accountId)
        .where('session_id', '=', sessionId)
        .execute();
    },

    async claimDueMeetings(now: string, limit: number): Promise<StoredMeeting[]> {
      const rows = await trx
        .selectFrom('sl_meetings')
        .select(MEETING_COLUMNS)
        .where('status', 'in', ['pending', 'deleting'])
        .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', sql<string>`${now}::timestamptz`)]))
        .orderBy('start_at')
        .orderBy('site_id')
        .orderBy('account_id')
        .orderBy('session_id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      return rows.map(toMeeting);
    },

    async claimMeetings(refs: readonly MeetingRef[]): Promise<StoredMeeting[]> {
      if (refs.length === 0) return [];
      const keys = sql<string>`(select * from unnest(${textArray(refs.map((r) => r.siteId))}, ${textArray(refs.map((r) => r.accountId))}, ${textArray(refs.map((r) => r.sessionId))}))`;
      const rows = await trx
        .selectFrom('sl_meetings')
        .select(MEETING_COLUMNS)
        .where(sql<boolean>`(site_id, account_id, session_id) in ${keys}`)
        .orderBy('start_at')
        .orderBy('site_id')
        .orderBy('account_id')
        .orderBy('session_id')
        .forUpdate()
        .execute();
      return rows.map(toMeeting);
    },
  };
  return self;
}
