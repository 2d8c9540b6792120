import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from './schema';

// What the aggregates' row modules share: parameters both drivers send alike, and the version check.

/** A JSONB parameter: serialised here, so both drivers send the same text. */
export const jsonb = (value: unknown): RawBuilder<unknown> => (value === null ? sql`null` : sql`${JSON.stringify(value)}::jsonb`);
/** A text[] parameter for `= any(…)`: one parameter whatever the number of ids. */
export const textArray = (values: readonly string[]): RawBuilder<string[]> => sql`${[...values]}::text[]`;

export const affected = (result: { numAffectedRows?: bigint; numUpdatedRows?: bigint; numInsertedOrUpdatedRows?: bigint }) =>
  Number(result.numAffectedRows ?? result.numUpdatedRows ?? result.numInsertedOrUpdatedRows ?? 0n);

export type VersionedTable = 'sl_settings' | 'sl_staff_accounts' | 'sl_session_overrides' | 'sl_course_links' | 'sl_templates';
/**
 * Writes `value` into `column` of the row at `key` when its version is `expected`
 * (0: no row yet), storing `expected + 1`. False, and nothing written, otherwise.
 */
export async function putVersioned(
  trx: Transaction<Database>,
  table: VersionedTable,
  key: Record<string, string>,
  column: string,
  value: unknown,
  expected: number,
): Promise<boolean> {
  const keys = Object.keys(key);
  if (expected === 0) {
    const result = await sql`insert into ${sql.table(table)} (${sql.join([...keys, column, 'version'].map((k) => sql.ref(k)))})
      values (${sql.join([...Object.values(key).map((v) => sql`${v}`), jsonb(value), sql`1`])})
      on conflict do nothing`.execute(trx);
    return affected(result) === 1;
  }
  const where = sql.join(
    keys.map((k) => sql`${sql.ref(k)} = ${key[k]}`),
    sql` and `,
  );
  const result = await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${jsonb(value)}, version = ${expected + 1}
    where ${where} and version = ${expected}`.execute(trx);
  return affected(result) === 1;
}
