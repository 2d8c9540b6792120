import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql, type Transaction } from 'kysely';

export interface Migration {
  /** File name without `.sql`, e.g. `001_initial`: the order and the id recorded in `schema_migrations`. */
  name: string;
  sql: string;
}

/** Runs one SQL script (several statements) inside the given transaction. */
export type ScriptRunner = (trx: Transaction<unknown>, script: string) => Promise<void>;

/**
 * The checked-in migrations folder. It sits at the package root, next to `src/` and
 * `dist/`; this module runs from `src/sql/` in development and from `dist/` when built.
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

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order, each in
 * its own transaction. Every transaction first takes one advisory lock, so two server
 * instances starting at once apply each migration exactly once: the second waits, then
 * finds it recorded. Returns the names applied now.
 */
export async function migrate(db: Kysely<unknown>, runScript: ScriptRunner, migrations = readMigrations()): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('session-links:migrations'))`.execute(trx);
      await sql`create table if not exists schema_migrations (
        name text primary key,
        applied_at timestamptz not null default now()
      )`.execute(trx);
      const done = await sql<{ name: string }>`select name from schema_migrations where name = ${migration.name}`.execute(trx);
      if (done.rows.length > 0) return false;
      await runScript(trx, migration.sql);
      await sql`insert into schema_migrations (name) values (${migration.name})`.execute(trx);
      return true;
    });
    if (ran) applied.push(migration.name);
  }
  return applied;
}
