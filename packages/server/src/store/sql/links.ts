import type { CustomLink, SessionOverride } from '@session-links/core';
import { sql, type Transaction } from 'kysely';
import type { Versioned } from '../types';
import { putVersioned, textArray } from './rows';
import type { Database } from './schema';

/** Session overrides and course links: the links set by hand. */
export function linkRows(trx: Transaction<Database>) {
  return {
    async getSessionOverride(siteId: string, sessionId: string): Promise<Versioned<SessionOverride | null>> {
      const row = await trx
        .selectFrom('sl_session_overrides')
        .select(['override', 'version'])
        .where('site_id', '=', siteId)
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return row ? { value: row.override as SessionOverride | null, version: row.version } : { value: null, version: 0 };
    },

    async listSessionOverrides(siteId: string, sessionIds: readonly string[]): Promise<Map<string, Versioned<SessionOverride | null>>> {
      if (sessionIds.length === 0) return new Map();
      const rows = await trx
        .selectFrom('sl_session_overrides')
        .select(['session_id', 'override', 'version'])
        .where('site_id', '=', siteId)
        .where('session_id', '=', sql<string>`any(${textArray(sessionIds)})`)
        .execute();
      return new Map(rows.map((r) => [r.session_id, { value: r.override as SessionOverride | null, version: r.version }]));
    },

    putSessionOverride(siteId: string, sessionId: string, expectedVersion: number, override: SessionOverride | null): Promise<boolean> {
      return putVersioned(trx, 'sl_session_overrides', { site_id: siteId, session_id: sessionId }, 'override', override, expectedVersion);
    },

    async getCourseLink(siteId: string, serviceId: string): Promise<Versioned<CustomLink | null>> {
      const row = await trx
        .selectFrom('sl_course_links')
        .select(['link', 'version'])
        .where('site_id', '=', siteId)
        .where('service_id', '=', serviceId)
        .executeTakeFirst();
      return row ? { value: row.link as CustomLink | null, version: row.version } : { value: null, version: 0 };
    },

    async listCourseLinks(siteId: string): Promise<Map<string, Versioned<CustomLink | null>>> {
      const rows = await trx
        .selectFrom('sl_course_links')
        .select(['service_id', 'link', 'version'])
        .where('site_id', '=', siteId)
        .orderBy('service_id')
        .execute();
      return new Map(rows.map((r) => [r.service_id, { value: r.link as CustomLink | null, version: r.version }]));
    },

    putCourseLink(siteId: string, serviceId: string, expectedVersion: number, link: CustomLink | null): Promise<boolean> {
      return putVersioned(trx, 'sl_course_links', { site_id: siteId, service_id: serviceId }, 'link', link, expectedVersion);
    },
  };
}
