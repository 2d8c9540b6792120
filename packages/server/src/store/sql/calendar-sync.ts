import type { Booking, Client, Service } from '@session-links/core';
import { sql, type Transaction } from 'kysely';
import type { HostMember, HostSession, HostSite, HostStaff, Versioned } from '../types';
import { SESSION_COLUMNS, toSession } from './calendar';
import { jsonb } from './rows';
import type { Database } from './schema';

/** The host's data as the sync API writes it (CalendarSync). */
export function calendarSyncRows(trx: Transaction<Database>) {
  return {
    async upsertSite(site: HostSite): Promise<void> {
      // A PUT replaces the site: a locale or time zone left out is cleared (back to `en`, `UTC`).
      const set = { name: site.name, plan: jsonb(site.plan), locale: site.locale ?? null, time_zone: site.timeZone ?? null };
      await trx
        .insertInto('host_sites')
        .values({ id: site.id, ...set })
        .onConflict((oc) => oc.column('id').doUpdateSet(set))
        .execute();
    },

    /** The site and every row of it: what the host synced and what session-links kept for it. */
    async deleteSite(siteId: string): Promise<void> {
      for (const table of [
        'host_members',
        'host_staff',
        'host_services',
        'host_sessions',
        'host_clients',
        'host_bookings',
        'sl_settings',
        'sl_staff_accounts',
        'sl_session_overrides',
        'sl_course_links',
        'sl_templates',
        'sl_tokens',
        'sl_meetings',
        'sl_link_ledger',
        'sl_link_history',
        'sl_notice_choices',
      ] as const) {
        await trx.deleteFrom(table).where('site_id', '=', siteId).execute();
      }
      await trx.deleteFrom('host_sites').where('id', '=', siteId).execute();
    },

    async upsertMember(siteId: string, member: HostMember): Promise<void> {
      const set = { name: member.name, role: member.role, staff_id: member.staffId };
      await trx
        .insertInto('host_members')
        .values({ site_id: siteId, user_id: member.userId, ...set })
        .onConflict((oc) => oc.columns(['site_id', 'user_id']).doUpdateSet(set))
        .execute();
    },

    async deleteMember(siteId: string, userId: string): Promise<void> {
      await trx.deleteFrom('host_members').where('site_id', '=', siteId).where('user_id', '=', userId).execute();
    },

    async upsertStaff(siteId: string, staff: HostStaff): Promise<void> {
      const set = { name: staff.name, email: staff.email };
      await trx
        .insertInto('host_staff')
        .values({ site_id: siteId, id: staff.id, ...set })
        .onConflict((oc) => oc.columns(['site_id', 'id']).doUpdateSet(set))
        .execute();
    },

    async deleteStaff(siteId: string, staffId: string): Promise<void> {
      await trx.deleteFrom('host_staff').where('site_id', '=', siteId).where('id', '=', staffId).execute();
    },

    async upsertService(siteId: string, service: Service): Promise<void> {
      const set = { name: service.name, kind: service.kind, online: service.online };
      await trx
        .insertInto('host_services')
        .values({ site_id: siteId, id: service.id, ...set })
        .onConflict((oc) =>
          oc.columns(['site_id', 'id']).doUpdateSet({
            ...set,
            // The host changed `online`: a video switch opened before it is out of date (R20).
            version: sql<number>`case when host_services.online <> excluded.online then host_services.version + 1 else host_services.version end`,
          }),
        )
        .execute();
    },

    /** A service's video-conferencing switch: the host's `online` field with its version. */
    async getServiceVideo(siteId: string, serviceId: string): Promise<Versioned<boolean> | null> {
      const r = await trx
        .selectFrom('host_services')
        .select(['online', 'version'])
        .where('site_id', '=', siteId)
        .where('id', '=', serviceId)
        .executeTakeFirst();
      return r ? { value: r.online, version: r.version } : null;
    },

    async putServiceOnline(siteId: string, serviceId: string, expectedVersion: number, online: boolean): Promise<boolean> {
      const result = await trx
        .updateTable('host_services')
        .set({ online, version: expectedVersion + 1 })
        .where('site_id', '=', siteId)
        .where('id', '=', serviceId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async deleteService(siteId: string, serviceId: string): Promise<void> {
      await trx.deleteFrom('host_services').where('site_id', '=', siteId).where('id', '=', serviceId).execute();
    },

    async upsertSession(siteId: string, session: HostSession): Promise<HostSession | null> {
      // Lock the previous row, so two syncs of one session report a consistent "before".
      const previous = await trx
        .selectFrom('host_sessions')
        .select(SESSION_COLUMNS)
        .where('site_id', '=', siteId)
        .where('id', '=', session.id)
        .forUpdate()
        .executeTakeFirst();
      const set = {
        service_id: session.serviceId,
        staff_id: session.staffId,
        start: session.start,
        end: session.end,
        start_at: session.start,
      };
      await trx
        .insertInto('host_sessions')
        .values({ site_id: siteId, id: session.id, ...set })
        .onConflict((oc) => oc.columns(['site_id', 'id']).doUpdateSet(set))
        .execute();
      return previous ? toSession(previous) : null;
    },

    async deleteSession(siteId: string, sessionId: string): Promise<HostSession | null> {
      const row = await trx
        .deleteFrom('host_sessions')
        .where('site_id', '=', siteId)
        .where('id', '=', sessionId)
        .returning(SESSION_COLUMNS)
        .executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async upsertClient(siteId: string, client: Client): Promise<void> {
      const set = { name: client.name, email: client.email };
      await trx
        .insertInto('host_clients')
        .values({ site_id: siteId, id: client.id, ...set })
        .onConflict((oc) => oc.columns(['site_id', 'id']).doUpdateSet(set))
        .execute();
    },

    async deleteClient(siteId: string, clientId: string): Promise<void> {
      await trx.deleteFrom('host_clients').where('site_id', '=', siteId).where('id', '=', clientId).execute();
    },

    async upsertBooking(siteId: string, booking: Booking): Promise<void> {
      const set = { client_id: booking.clientId, service_id: booking.serviceId, session_id: booking.sessionId };
      await trx
        .insertInto('host_bookings')
        .values({ site_id: siteId, id: booking.id, ...set })
        .onConflict((oc) => oc.columns(['site_id', 'id']).doUpdateSet(set))
        .execute();
    },

    async deleteBooking(siteId: string, bookingId: string): Promise<void> {
      await trx.deleteFrom('host_bookings').where('site_id', '=', siteId).where('id', '=', bookingId).execute();
    },
  };
}
