import { sql } from 'kysely';
import { TABLES } from './schema';
import type { SqlStore } from './store';

/** Rows per table, in `TABLES` order. */
export type TableCounts = Record<(typeof TABLES)[number], number>;

/** The target already holds data and `force` was not given: nothing was copied. */
export class TargetNotEmptyError extends Error {
  constructor(readonly counts: Partial<TableCounts>) {
    super(
      `the target database already holds session-links data (${describeCounts(counts)}): migrate-to copies into an empty one; ` +
        '--force replaces what is there',
    );
    this.name = 'TargetNotEmptyError';
  }
}

/** `host_sites 1, sl_settings 1` for the tables that have rows. */
export function describeCounts(counts: Partial<TableCounts>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([t, n]) => `${t} ${n}`);
  return parts.length > 0 ? parts.join(', ') : 'no rows';
}

/** Tables with a `GENERATED ALWAYS AS IDENTITY` column `ord` (the order rows were first synced in). */
const WITH_ORD = new Set<string>([
  'sl_link_history',
  'host_members',
  'host_staff',
  'host_services',
  'host_sessions',
  'host_clients',
  'host_bookings',
  'sl_notices',
]);

/**
 * Copies every row of `source` into `target` (both migrated to the same version), in one
 * transaction on the target: all or nothing. Rows travel as JSON (`json_agg` on the
 * source, `json_populate_recordset` on the target), so every column keeps its exact value:
 * versions (R20), sealed tokens (they open with the same `SESSION_LINKS_TOKEN_KEY`), the
 * `ord` that keeps lists in their order, timestamps. The source is only read. A target
 * with data is refused unless `force`, which empties it first (same transaction).
 */
export async function copyStore(source: SqlStore, target: SqlStore, { force = false } = {}): Promise<TableCounts> {
  // One snapshot of the source.
  const data = await source.db.transaction().execute(async (trx) => {
    const out = new Map<string, { json: string; count: number }>();
    for (const table of TABLES) {
      const { rows } = await sql<{ json: string; count: number }>`select coalesce(json_agg(t), '[]')::text as json, count(*)::int as count
        from ${sql.table(table)} t`.execute(trx);
      out.set(table, rows[0] ?? { json: '[]', count: 0 });
    }
    return out;
  });

  await target.db.transaction().execute(async (trx) => {
    // A server seeding the target at this moment waits (seedIfEmpty's lock), then finds it full.
    await sql`select pg_advisory_xact_lock(hashtext('session-links:seed'))`.execute(trx);
    const present: Partial<TableCounts> = {};
    for (const table of TABLES) {
      const { rows } = await sql<{ count: number }>`select count(*)::int as count from ${sql.table(table)}`.execute(trx);
      present[table] = rows[0]?.count ?? 0;
    }
    if (Object.values(present).some((n) => n > 0)) {
      if (!force) throw new TargetNotEmptyError(present);
      await sql`truncate ${sql.join(TABLES.map((t) => sql.table(t)))}`.execute(trx);
    }
    for (const table of TABLES) {
      if (table === 'sl_site_revisions') continue;
      const rows = data.get(table);
      if (!rows || rows.count === 0) continue;
      await sql`insert into ${sql.table(table)} ${sql.raw(WITH_ORD.has(table) ? 'overriding system value ' : '')}
        select * from json_populate_recordset(null::${sql.table(table)}, ${rows.json}::json)`.execute(trx);
      if (WITH_ORD.has(table)) {
        // New rows continue after the copied ones.
        await sql`select setval(pg_get_serial_sequence(${table}, 'ord'), (select max(ord) from ${sql.table(table)}))`.execute(trx);
      }
    }
    // The inserts above bumped the revisions (triggers): keep the larger of theirs and the source's.
    const revisions = data.get('sl_site_revisions');
    if (revisions && revisions.count > 0) {
      await sql`insert into sl_site_revisions as r (site_id, revision)
        select site_id, revision from json_populate_recordset(null::sl_site_revisions, ${revisions.json}::json)
        on conflict (site_id) do update set revision = greatest(r.revision, excluded.revision)`.execute(trx);
    }
  });
  return Object.fromEntries(TABLES.map((t) => [t, data.get(t)?.count ?? 0])) as TableCounts;
}
