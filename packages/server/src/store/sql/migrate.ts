import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql, type Transaction } from 'kysely';
import { TABLES } from './schema';

export interface Migration {
  /** File name without `.sql`, e.g. `001_initial`: the order and the id recorded in `schema_migrations`. */
  name: string;
  sql: string;
}

/** Runs one SQL script (several statements) inside the given transaction. */
export type ScriptRunner = (trx: Transaction<unknown>, script: string) => Promise<void>;

/**
 * The checked-in migrations folder. It sits at the package root, next to `src/` and
 * `dist/`; this module runs from `src/store/sql/` in development and from `dist/` when built.
 */
export function findMigrationsDir(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let i = 0; i < 4; i += 1) {
    const candidate = path.join(dir, 'migrations');
    if (existsSync(path.join(candidate, '001_initial.sql'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`session-links: migrations folder not found above ${from}`);
}

export function readMigrations(dir = findMigrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ name: f.replace(/\.sql$/, ''), sql: readFileSync(path.join(dir, f), 'utf8') }));
}

/** The PostgreSQL schema session-links keeps its tables in unless told otherwise. */
export const DEFAULT_SCHEMA = 'session_links';

/** A schema name as an unquoted PostgreSQL identifier (lower case, digits, underscores), or an error. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`session-links: not a plain schema name: ${JSON.stringify(schema)} (lower-case letters, digits and _)`);
  }
  return schema;
}

/** Every relation and function the migrations create, for moving a database of an earlier version out of `public`. */
const LEGACY_TABLES = ['schema_migrations', ...TABLES] as const;
const LEGACY_FUNCTIONS = ['sl_bump_site_revision', 'sl_bump_site_revision_by_id'] as const;

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order, each in
 * its own transaction. Every transaction first takes one advisory lock, so two server
 * instances starting at once apply each migration exactly once: the second waits, then
 * finds it recorded. Returns the names applied now.
 *
 * Everything lives in its own schema (`session_links` by default), `schema_migrations`
 * included, so a host database with tables of its own (a Rails `schema_migrations`, a
 * `sessions` table) is never touched. The connections must resolve names in that schema
 * only (`search_path`, set by the open functions); the migrations also set it for their
 * own transactions. A database made by an earlier version, which kept everything in
 * `public`, is moved into the schema once (`ALTER … SET SCHEMA`, same transaction).
 */
export async function migrate(
  db: Kysely<unknown>,
  runScript: ScriptRunner,
  migrations = readMigrations(),
  schema = DEFAULT_SCHEMA,
): Promise<string[]> {
  checkSchemaName(schema);
  const locked = async (trx: Transaction<unknown>) => {
    await sql`select pg_advisory_xact_lock(hashtext('session-links:migrations'))`.execute(trx);
    // Under the lock: CREATE SCHEMA IF NOT EXISTS is not safe against a concurrent one. Only
    // when missing: it asks for CREATE on the database even when the schema exists, and a
    // DBA may have made the schema for a user without that right.
    const { rows } = await sql<{ found: boolean }>`select exists (select 1 from pg_namespace where nspname = ${schema}) as found`.execute(
      trx,
    );
    if (!rows[0]?.found) await sql`create schema ${sql.id(schema)}`.execute(trx);
    await sql`select set_config('search_path', ${schema}, true)`.execute(trx);
  };
  const applied: string[] = [];
  const moved = await db.transaction().execute(async (trx) => {
    await locked(trx);
    return adoptLegacyPublic(trx, schema);
  });
  if (moved) applied.push(`moved from public to ${schema}`);
  for (const migration of migrations) {
    const ran = await db.transaction().execute(async (trx) => {
      await locked(trx);
      await sql`create table if not exists ${sql.id(schema, 'schema_migrations')} (
        name text primary key,
        applied_at timestamptz not null default now()
      )`.execute(trx);
      const done = await sql<{
        name: string;
      }>`select name from ${sql.id(schema, 'schema_migrations')} where name = ${migration.name}`.execute(trx);
      if (done.rows.length > 0) return false;
      await runScript(trx, migration.sql);
      await sql`insert into ${sql.id(schema, 'schema_migrations')} (name) values (${migration.name})`.execute(trx);
      return true;
    });
    if (ran) applied.push(migration.name);
  }
  return applied;
}

/**
 * Before version 0.2 the tables sat in `public`. When `schema` has no `schema_migrations`
 * yet and `public` holds ours (a `name` column with `001_initial` in it, and `sl_settings`),
 * our tables and trigger functions move into `schema` (indexes, triggers, identity
 * sequences and data go with them); the host's own tables in `public` stay where they are.
 */
async function adoptLegacyPublic(trx: Transaction<unknown>, schema: string): Promise<boolean> {
  if (schema === 'public') return false;
  const { rows } = await sql<{ target: string | null; settings: string | null; ours: boolean }>`select
      to_regclass(${`${schema}.schema_migrations`})::text as target,
      to_regclass('public.sl_settings')::text as settings,
      exists (select 1 from information_schema.columns
        where table_schema = 'public' and table_name = 'schema_migrations' and column_name = 'name') as ours`.execute(trx);
  const found = rows[0];
  if (!found || found.target !== null || found.settings === null || !found.ours) return false;
  const initial = await sql`select 1 from public.schema_migrations where name = '001_initial'`.execute(trx);
  if (initial.rows.length === 0) return false;
  for (const table of LEGACY_TABLES) {
    await sql`alter table if exists ${sql.id('public', table)} set schema ${sql.id(schema)}`.execute(trx);
  }
  for (const fn of LEGACY_FUNCTIONS) {
    const exists = await sql<{ fn: string | null }>`select to_regprocedure(${`public.${fn}()`})::text as fn`.execute(trx);
    if (exists.rows[0]?.fn) await sql`alter function ${sql.id('public', fn)}() set schema ${sql.id(schema)}`.execute(trx);
  }
  return true;
}
