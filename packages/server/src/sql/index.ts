import { PGlite } from '@electric-sql/pglite';
import { Kysely, type KyselyConfig, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrate } from './migrate';
import { PgliteDialect } from './pglite-dialect';
import type { Database } from './schema';
import { SqlStore } from './store';

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

export interface PostgresStoreOptions {
  connectionString: string;
  /** Pool size (default 10). */
  max?: number;
  /** Kysely's statement log (profiling: count and time the statements of a request). */
  log?: KyselyConfig['log'];
}

/** A PostgreSQL server through a `pg` pool, migrated on open. Several server instances may share it. */
export async function openPostgresStore({ connectionString, max = 10, log }: PostgresStoreOptions): Promise<SqlStore> {
  const pool = new pg.Pool({ connectionString, max });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  try {
    await migrate(db as Kysely<unknown>, async (trx, script) => {
      // No parameters: pg sends it with the simple protocol, which runs several statements.
      await sql.raw(script).execute(trx);
    });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new SqlStore(db, 'postgres', pool);
}

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
