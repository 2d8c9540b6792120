import { PGlite } from '@electric-sql/pglite';
import { Kysely, type KyselyConfig, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { StoreTx } from '../types';
import { DataFolderError, type DataFolderLock, lockDataFolder } from './data-folder';
import { createPgPool, DEFAULT_POSTGRES_TIMEOUTS, kyselyPool, type PostgresTimeouts } from './faults';
import { checkSchemaName, DEFAULT_SCHEMA, migrate } from './migrate';
import { PgliteDialect } from './pglite-dialect';
import type { Database } from './schema';
import { SqlStore } from './store';

export { copyStore, describeCounts, type TableCounts, TargetNotEmptyError } from './copy';
export { DataFolderError, LOCK_FILE } from './data-folder';
export { DEFAULT_POSTGRES_TIMEOUTS, type PostgresTimeouts } from './faults';
export { checkSchemaName, DEFAULT_SCHEMA, findMigrationsDir, type Migration, migrate, readMigrations } from './migrate';
export { PgliteDialect } from './pglite-dialect';
export type { Database } from './schema';
export { SqlStore } from './store';

export interface PgliteStoreOptions {
  /** A folder (created when missing), or `memory://` for a throwaway database. */
  dataDir: string;
  /** Kysely's statement log (profiling: count and time the statements of a request). */
  log?: KyselyConfig['log'];
  /** The PostgreSQL schema of the tables (default `session_links`). */
  schema?: string;
}

/** A PGlite store that gives its data folder back when closed. */
class PgliteSqlStore extends SqlStore {
  constructor(
    db: Kysely<Database>,
    private readonly lock: DataFolderLock | null,
  ) {
    super(db, 'pglite');
  }
  override async close(): Promise<void> {
    try {
      await super.close();
    } finally {
      this.lock?.release();
    }
  }
}

/** The folder of a PGlite data dir on the file system (`./x`, `file://x`), or null (`memory://`, `idb://`). */
function folderOf(dataDir: string): string | null {
  if (dataDir.startsWith('file://')) return dataDir.slice('file://'.length);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir) ? null : dataDir;
}

/**
 * The embedded default: PostgreSQL in WASM over a data folder, migrated on open. One
 * process per folder (R25): the folder is locked while the store is open, and a second
 * open — another process, or this one again — fails with a `DataFolderError` (`IN_USE`)
 * that says what to do instead; a folder it cannot write fails with `NOT_WRITABLE`.
 */
export async function openPgliteStore({ dataDir, log, schema = DEFAULT_SCHEMA }: PgliteStoreOptions): Promise<SqlStore> {
  checkSchemaName(schema);
  const folder = folderOf(dataDir);
  const lock = folder === null ? null : lockDataFolder(folder);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir);
  } catch (error) {
    lock?.release();
    const reason = `${(error as Error)?.message ?? error}`.split('\n')[0];
    throw new DataFolderError(`cannot open the data folder ${dataDir}: ${reason}`, 'CANNOT_OPEN', dataDir);
  }
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite), log });
  try {
    // One connection: its search_path, set once, holds for every query after.
    await pglite.exec(`set search_path = ${schema}`);
    // PGlite's extended protocol takes one statement per query: scripts go through exec,
    // on the connection the transaction holds.
    await migrate(
      db as Kysely<unknown>,
      async (_trx, script) => {
        await pglite.exec(script);
      },
      undefined,
      schema,
    );
  } catch (error) {
    await db.destroy();
    lock?.release();
    throw error;
  }
  return new PgliteSqlStore(db, lock);
}

export interface PostgresStoreOptions extends Partial<PostgresTimeouts> {
  connectionString: string;
  /** Pool size (default 10). */
  max?: number;
  /** Kysely's statement log (profiling: count and time the statements of a request). */
  log?: KyselyConfig['log'];
  /** The PostgreSQL schema of the tables (default `session_links`): a host's own tables elsewhere are never touched. */
  schema?: string;
}

/**
 * A PostgreSQL server through a `pg` pool, migrated on open. Several server instances may share it.
 * While the server is away (restart, failover, stop, frozen) operations fail with
 * `StoreUnavailableError` within the timeouts (see `DEFAULT_POSTGRES_TIMEOUTS`), and work
 * again as soon as it is back: the pool makes new connections (R25).
 * Every connection resolves names in `schema` only, from its start (`-c search_path=…`).
 */
export async function openPostgresStore({
  connectionString,
  max = 10,
  log,
  schema = DEFAULT_SCHEMA,
  ...timeouts
}: PostgresStoreOptions): Promise<SqlStore> {
  checkSchemaName(schema);
  // Migrations may run longer than a request's statement timeout: their own connection, without it.
  const migrator = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: createPgPool(connectionString, 1, null, schema) }) });
  try {
    await migrate(
      migrator,
      async (trx, script) => {
        // No parameters: pg sends it with the simple protocol, which runs several statements.
        await sql.raw(script).execute(trx);
      },
      undefined,
      schema,
    );
  } finally {
    await migrator.destroy();
  }
  const pool = createPgPool(connectionString, max, { ...DEFAULT_POSTGRES_TIMEOUTS, ...definedOnly(timeouts) }, schema);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: kyselyPool(pool) }), log });
  return new SqlStore(db, 'postgres', pool);
}

const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Runs `seed` in one transaction when the store is empty, once however many instances
 * start at once: on PostgreSQL the check and the seed happen under an advisory lock (held
 * on a connection of its own), so the first one seeds and the others find it seeded.
 * PGlite has one process per folder (its lock) and one connection: no lock needed.
 * Returns whether this call seeded.
 */
export async function seedIfEmpty(store: SqlStore, seed: (tx: StoreTx) => Promise<void>): Promise<boolean> {
  const once = async () => {
    if (!(await store.isEmpty())) return false;
    await store.transaction(seed);
    return true;
  };
  if (store.driver === 'pglite') return once();
  return store.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('session-links:seed'))`.execute(conn);
    try {
      return await once();
    } finally {
      await sql`select pg_advisory_unlock(hashtext('session-links:seed'))`.execute(conn);
    }
  });
}

export interface OpenStoreOptions {
  /** A PostgreSQL URL; `DATABASE_URL` when omitted. */
  databaseUrl?: string;
  /** PGlite's folder when there is no database URL (default `./.session-links-data`). */
  dataDir?: string;
  /** The PostgreSQL schema of the tables; `SESSION_LINKS_DB_SCHEMA` when omitted, else `session_links`. */
  schema?: string;
}

/** PostgreSQL when a database URL is given or `DATABASE_URL` is set, else PGlite in `dataDir`. */
export function openStore(options: OpenStoreOptions = {}): Promise<SqlStore> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  const schema = options.schema ?? (process.env.SESSION_LINKS_DB_SCHEMA || DEFAULT_SCHEMA);
  if (url) return openPostgresStore({ connectionString: url, schema });
  return openPgliteStore({ dataDir: options.dataDir ?? './.session-links-data', schema });
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
