import { PGlite } from '@electric-sql/pglite';
import { Kysely, type KyselyConfig, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createPgPool, DEFAULT_POSTGRES_TIMEOUTS, kyselyPool, type PostgresTimeouts } from './faults';
import { migrate } from './migrate';
import { PgliteDialect } from './pglite-dialect';
import type { Database } from './schema';
import { SqlStore } from './store';

export { DEFAULT_POSTGRES_TIMEOUTS, type PostgresTimeouts } from './faults';
export { findMigrationsDir, type Migration, migrate, readMigrations } from './migrate';
export { PgliteDialect } from './pglite-dialect';
export type { Database } from './schema';
export { SqlStore } from './store';

export interface PgliteStoreOptions {
  /** A folder (created when missing), or `memory://` for a throwaway database. */
  dataDir: string;
  /** Kysely's statement log (profiling: count and time the statements of a request). */
  log?: KyselyConfig['log'];
}

/** The embedded default: PostgreSQL in WASM over a data folder, migrated on open. One process per folder. */
export async function openPgliteStore({ dataDir, log }: PgliteStoreOptions): Promise<SqlStore> {
  const pglite = await PGlite.create(dataDir);
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite), log });
  try {
    // PGlite's extended protocol takes one statement per query: scripts go through exec,
    // on the connection the transaction holds.
    await migrate(db as Kysely<unknown>, async (_trx, script) => {
      await pglite.exec(script);
    });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new SqlStore(db, 'pglite');
}

export interface PostgresStoreOptions extends Partial<PostgresTimeouts> {
  connectionString: string;
  /** Pool size (default 10). */
  max?: number;
  /** Kysely's statement log (profiling: count and time the statements of a request). */
  log?: KyselyConfig['log'];
}

/**
 * A PostgreSQL server through a `pg` pool, migrated on open. Several server instances may share it.
 * While the server is away (restart, failover, stop, frozen) operations fail with
 * `StoreUnavailableError` within the timeouts (see `DEFAULT_POSTGRES_TIMEOUTS`), and work
 * again as soon as it is back: the pool makes new connections (R25).
 */
export async function openPostgresStore({ connectionString, max = 10, log, ...timeouts }: PostgresStoreOptions): Promise<SqlStore> {
  // Migrations may run longer than a request's statement timeout: their own connection, without it.
  const migrator = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: createPgPool(connectionString, 1, null) }) });
  try {
    await migrate(migrator, async (trx, script) => {
      // No parameters: pg sends it with the simple protocol, which runs several statements.
      await sql.raw(script).execute(trx);
    });
  } finally {
    await migrator.destroy();
  }
  const pool = createPgPool(connectionString, max, { ...DEFAULT_POSTGRES_TIMEOUTS, ...definedOnly(timeouts) });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: kyselyPool(pool) }), log });
  return new SqlStore(db, 'postgres', pool);
}

const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export interface OpenStoreOptions {
  /** A PostgreSQL URL; `DATABASE_URL` when omitted. */
  databaseUrl?: string;
  /** PGlite's folder when there is no database URL (default `./.session-links-data`). */
  dataDir?: string;
}

/** PostgreSQL when a database URL is given or `DATABASE_URL` is set, else PGlite in `dataDir`. */
export function openStore(options: OpenStoreOptions = {}): Promise<SqlStore> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url) return openPostgresStore({ connectionString: url });
  return openPgliteStore({ dataDir: options.dataDir ?? './.session-links-data' });
}

/**
 * Drops and creates database `name` on the server of `adminUrl` and returns its URL:
 * a clean database per test file or benchmark run on one throwaway server.
 */
export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
