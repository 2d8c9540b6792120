import type { LinkActor, Resolution } from '@session-links/core';
import { sql, type Transaction } from 'kysely';
import type { NewLinkHistoryEntry, StoredLinkHistoryEntry } from '../types';
import { jsonb, textArray } from './rows';
import type { Database } from './schema';

/** R30: the link ledger (the last resolved link seen per session) and the history of its changes. */
export function historyRows(trx: Transaction<Database>) {
  return {
    async getLinkLedger(siteId: string, sessionIds: readonly string[]): Promise<Map<string, Resolution>> {
      if (sessionIds.length === 0) return new Map();
      const rows = await trx
        .selectFrom('sl_link_ledger')
        .select(['session_id', 'link'])
        .where('site_id', '=', siteId)
        .where('session_id', '=', sql<string>`any(${textArray(sessionIds)})`)
        .execute();
      return new Map(rows.map((r) => [r.session_id, r.link as Resolution]));
    },

    async putLinkLedger(siteId: string, rows: readonly { sessionId: string; link: Resolution }[], seenAt: string): Promise<void> {
      if (rows.length === 0) return;
      // One statement whatever the number of sessions (a default replaced touches them all).
      await sql`insert into sl_link_ledger (site_id, session_id, link, seen_at)
        select ${siteId}, r.session_id, r.link, ${seenAt}
        from jsonb_to_recordset(${jsonb(rows.map((r) => ({ session_id: r.sessionId, link: r.link })))}) as r(session_id text, link jsonb)
        on conflict (site_id, session_id) do update set link = excluded.link, seen_at = excluded.seen_at`.execute(trx);
    },

    async insertLinkHistory(siteId: string, entries: readonly NewLinkHistoryEntry[]): Promise<void> {
      if (entries.length === 0) return;
      // `with ordinality` keeps the entries' order in their ids.
      await sql`insert into sl_link_history (site_id, session_id, at, actor, before, after)
        select ${siteId}, e.value->>'session_id', e.value->>'at', e.value->'actor', e.value->'before', e.value->'after'
        from jsonb_array_elements(${jsonb(
          entries.map((e) => ({ session_id: e.sessionId, at: e.at, actor: e.actor, before: e.before, after: e.after })),
        )}) with ordinality as e(value, n)
        order by e.n`.execute(trx);
    },

    async listLinkHistory(siteId: string, sessionId: string, page: { before?: string; limit: number }): Promise<StoredLinkHistoryEntry[]> {
      let query = trx
        .selectFrom('sl_link_history')
        .select(['ord', 'session_id', 'at', 'actor', 'before', 'after'])
        .where('site_id', '=', siteId)
        .where('session_id', '=', sessionId);
      if (page.before !== undefined) query = query.where('ord', '<', page.before);
      const rows = await query.orderBy('ord', 'desc').limit(page.limit).execute();
      return rows.map((r) => ({
        id: String(r.ord),
        sessionId: r.session_id,
        at: r.at,
        actor: r.actor as LinkActor,
        before: r.before as Resolution,
        after: r.after as Resolution,
      }));
    },
  };
}
