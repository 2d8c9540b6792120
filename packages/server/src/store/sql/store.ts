import { type Kysely, sql, type Transaction } from 'kysely';
import { SqlOutbox } from '../../notices/outbox-sql';
import type { CalendarSource, CalendarSync, HostMember, HostSite, Store, StoreNotices, StoreNoticesSource, StoreTx } from '../types';
import type { ReadView, ReadViewRequest, ReadViewSource, SiteRevision, SiteRevisionSource } from '../views';
import { accountRows } from './accounts';
import { calendarRows } from './calendar';
import { calendarSyncRows } from './calendar-sync';
import { connectionRows } from './connections';
import { toStoreError } from './faults';
import { historyRows } from './history';
import { linkRows } from './links';
import { meetingRows } from './meetings';
import { type Database, TABLES } from './schema';
import { templateRows } from './templates';
import { readView } from './view';

/**
 * The SQL Store: one implementation for PGlite and PostgreSQL, over Kysely. Versions
 * are checked by the database itself (`update … where version = $expected`, `insert …
 * on conflict do nothing` for a row never written), so two instances on one PostgreSQL
 * cannot both win a race.
 */
export class SqlStore implements Store, ReadViewSource, SiteRevisionSource, StoreNoticesSource {
  /** R29's outbox in this database (`sl_notices`): `record` joins the write's transaction. */
  readonly notices: StoreNotices<SqlOutbox>;

  constructor(
    /** The Kysely instance, for tools and tests. */
    readonly db: Kysely<Database>,
    readonly driver: 'pglite' | 'postgres',
    /** PostgreSQL's pool, for the per-request statement sent as a named (prepared) statement. */
    private readonly pool?: NamedQueryPool,
  ) {
    this.notices = {
      outbox: new SqlOutbox(db),
      txOf: (tx) => {
        const trx = (tx as Partial<SqlTxHandle>).trx;
        if (!trx) throw new Error('Not a transaction of this SQL store: notices would not commit with it');
        return trx;
      },
    };
  }

  /**
   * A transaction cut by the database going away is rolled back (by us, or by the server
   * when the connection dies) and fails with `StoreUnavailableError` (R25).
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return away(this.db.transaction().execute((trx) => fn(sqlTx(trx))));
  }

  /**
   * A whole read in one statement on the pool: no BEGIN/COMMIT, one round trip. One
   * statement sees one snapshot, so the parts agree with each other as in a transaction.
   */
  readView(request: ReadViewRequest): Promise<ReadView> {
    return away(readView(this.db, request));
  }

  /** The site, the caller's member row and the site's revision (bumped by triggers, migration 003) in one statement. */
  siteRevision(siteId: string, userId: string): Promise<SiteRevision> {
    return away(this.readSiteRevision(siteId, userId));
  }

  private async readSiteRevision(siteId: string, userId: string): Promise<SiteRevision> {
    type Row = { site: HostSite | null; member: HostMember | null; revision: string | null };
    // On PostgreSQL a named statement: parsed and planned once per connection, then only bound
    // and executed — it runs on every cached read.
    const rows = this.pool
      ? (await this.pool.query<Row>({ name: 'sl_site_revision', text: SITE_REVISION_SQL, values: [siteId, userId] })).rows
      : (
          await sql<Row>`select
      (select json_strip_nulls(json_build_object('id', id, 'name', name, 'plan', plan, 'locale', locale, 'timeZone', time_zone))
        from host_sites where id = ${siteId}) as site,
      (select json_build_object('userId', user_id, 'name', name, 'role', role, 'staffId', staff_id)
        from host_members where site_id = ${siteId} and user_id = ${userId}) as member,
      (select revision::text from sl_site_revisions where site_id = ${siteId}) as revision`.execute(this.db)
        ).rows;
    const row = rows[0];
    return { site: row?.site ?? null, member: row?.member ?? null, revision: row?.revision ?? '0' };
  }

  /** True when nothing was ever synced or written (the CLI seeds only an empty database). */
  async isEmpty(): Promise<boolean> {
    const { rows } = await sql<{
      any: boolean;
    }>`select exists (select 1 from host_sites) or exists (select 1 from sl_settings) as any`.execute(this.db);
    return !rows[0]?.any;
  }

  /** Empties every table (tests, benchmarks). */
  async truncate(): Promise<void> {
    await sql`truncate ${sql.join(TABLES.map((t) => sql.table(t)))}`.execute(this.db);
  }

  /** Refreshes the planner's statistics: after a bulk load, so range queries use their indexes at once. */
  async analyze(): Promise<void> {
    await sql`analyze`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** The promise, its error as `StoreUnavailableError` when the database is away. */
const away = <T>(promise: Promise<T>): Promise<T> =>
  promise.catch((error: unknown) => {
    throw toStoreError(error);
  });

/** The part of `pg.Pool` the store uses directly. */
export interface NamedQueryPool {
  query<R>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

/** `siteRevision`'s statement (the same as the Kysely one PGlite runs), with $1 = site, $2 = user. */
const SITE_REVISION_SQL = `select
  (select json_strip_nulls(json_build_object('id', id, 'name', name, 'plan', plan, 'locale', locale, 'timeZone', time_zone))
    from host_sites where id = $1) as site,
  (select json_build_object('userId', user_id, 'name', name, 'role', role, 'staffId', staff_id)
    from host_members where site_id = $1 and user_id = $2) as member,
  (select revision::text from sl_site_revisions where site_id = $1) as revision`;

/** The Kysely transaction under a SQL `StoreTx`: what the outbox joins (R29). */
interface SqlTxHandle {
  readonly trx: Transaction<Database>;
}

/** A transaction's `StoreTx`: one module per aggregate, composed over the same Kysely transaction. */
function sqlTx(trx: Transaction<Database>): StoreTx & CalendarSource & CalendarSync & ReadViewSource & SqlTxHandle {
  return {
    trx,
    /** The same one-statement read, inside this transaction. */
    readView: (request: ReadViewRequest): Promise<ReadView> => readView(trx, request),
    ...accountRows(trx),
    ...linkRows(trx),
    ...templateRows(trx),
    ...connectionRows(trx),
    ...meetingRows(trx),
    ...calendarRows(trx),
    ...calendarSyncRows(trx),
    ...historyRows(trx),
  };
}
