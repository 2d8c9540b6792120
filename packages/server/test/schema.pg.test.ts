import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore, openStore, readMigrations, recreateDatabase, type SqlStore } from '../src/store/sql';

// A real PostgreSQL: scripts/with-postgres.sh (run by `npm test` and CI) sets this.
const url = process.env.SESSION_LINKS_TEST_DATABASE_URL;
if (!url) {
  if (process.env.CI)
    throw new Error('SESSION_LINKS_TEST_DATABASE_URL is not set: CI runs the PostgreSQL schema tests, it never skips them');
  console.warn(
    'schema.pg.test.ts: SESSION_LINKS_TEST_DATABASE_URL is not set — PostgreSQL schema tests SKIPPED (run them with scripts/with-postgres.sh)',
  );
}

async function query<R extends pg.QueryResultRow>(dbUrl: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Where a table is: the schemas holding a table of that name. */
const schemasOf = async (dbUrl: string, table: string) =>
  (
    await query<{ table_schema: string }>(
      dbUrl,
      `select table_schema from information_schema.tables where table_name = '${table}' order by table_schema`,
    )
  ).map((r) => r.table_schema);

const stores: SqlStore[] = [];
afterAll(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

const zoom = { id: 'z', kind: 'zoom' as const, health: 'connected' as const, user: { email: 'e@x.example', name: 'Z' } };

describe.skipIf(!url)('PostgreSQL: session-links in its own schema', () => {
  it('a host database with a Rails schema_migrations and its own sessions table opens fine; the host tables are untouched', async () => {
    const dbUrl = await recreateDatabase(url as string, 'sl_schema_host_test');
    await query(
      dbUrl,
      `create table schema_migrations (version varchar primary key);
       insert into schema_migrations values ('20240101000000'), ('20240202000000');
       create table sessions (id serial primary key, session_id varchar not null, data text);
       insert into sessions (session_id, data) values ('abc', 'rails session');`,
    );
    const store = await openPostgresStore({ connectionString: dbUrl });
    stores.push(store);
    expect(await store.transaction((t) => t.putSettings('site-1', 0, zoom))).toBe(true);
    expect(await store.transaction((t) => t.getSettings('site-1'))).toMatchObject({ version: 1, value: { id: 'z' } });

    // The host's tables: same rows, same columns.
    expect(await query(dbUrl, 'select version from public.schema_migrations order by version')).toEqual([
      { version: '20240101000000' },
      { version: '20240202000000' },
    ]);
    expect(await query(dbUrl, 'select id, session_id, data from public.sessions')).toEqual([
      { id: 1, session_id: 'abc', data: 'rails session' },
    ]);
    expect(
      (
        await query<{ column_name: string }>(
          dbUrl,
          `select column_name from information_schema.columns where table_schema = 'public' and table_name = 'schema_migrations'`,
        )
      ).map((r) => r.column_name),
    ).toEqual(['version']);
    // Ours: all in session_links, the migrations table included; nothing of ours in public.
    expect(await schemasOf(dbUrl, 'sl_settings')).toEqual(['session_links']);
    expect(await schemasOf(dbUrl, 'host_sessions')).toEqual(['session_links']);
    expect(await schemasOf(dbUrl, 'schema_migrations')).toEqual(['public', 'session_links']);
    expect(
      (await query<{ name: string }>(dbUrl, 'select name from session_links.schema_migrations order by name')).map((r) => r.name),
    ).toEqual(readMigrations().map((m) => m.name));
    expect(
      await query(dbUrl, `select table_name from information_schema.tables where table_schema = 'public' order by table_name`),
    ).toEqual([{ table_name: 'schema_migrations' }, { table_name: 'sessions' }]);
  }, 60_000);

  it('another schema by option or SESSION_LINKS_DB_SCHEMA: two separate stores in one database', async () => {
    const dbUrl = await recreateDatabase(url as string, 'sl_schema_option_test');
    const a = await openPostgresStore({ connectionString: dbUrl, schema: 'links_a' });
    stores.push(a);
    const before = process.env.SESSION_LINKS_DB_SCHEMA;
    process.env.SESSION_LINKS_DB_SCHEMA = 'links_b';
    let b: SqlStore;
    try {
      b = await openStore({ databaseUrl: dbUrl });
    } finally {
      if (before === undefined) delete process.env.SESSION_LINKS_DB_SCHEMA;
      else process.env.SESSION_LINKS_DB_SCHEMA = before;
    }
    stores.push(b);
    await a.transaction((t) => t.putSettings('site-1', 0, zoom));
    expect(await b.transaction((t) => t.getSettings('site-1'))).toEqual({ value: null, version: 0 });
    expect(await schemasOf(dbUrl, 'sl_settings')).toEqual(['links_a', 'links_b']);
    await expect(openPostgresStore({ connectionString: dbUrl, schema: 'bad"; drop' })).rejects.toThrow('not a plain schema name');
  }, 60_000);

  it('a user without CREATE on the database opens a schema made for it beforehand', async () => {
    const dbUrl = await recreateDatabase(url as string, 'sl_schema_role_test');
    await query(
      dbUrl,
      `do $$ begin if not exists (select 1 from pg_roles where rolname = 'sl_schema_app') then create role sl_schema_app login; end if; end $$;
       create schema session_links authorization sl_schema_app;`,
    );
    expect(await query(dbUrl, `select has_database_privilege('sl_schema_app', current_database(), 'CREATE') as can`)).toEqual([
      { can: false },
    ]);
    const asApp = new URL(dbUrl);
    asApp.username = 'sl_schema_app';
    asApp.password = '';
    const store = await openPostgresStore({ connectionString: asApp.toString(), max: 2 });
    stores.push(store);
    expect(await store.transaction((t) => t.putSettings('site-1', 0, zoom))).toBe(true);
  }, 60_000);

  it('a database of an earlier version (everything in public) is moved into session_links on open, data and versions intact', async () => {
    const dbUrl = await recreateDatabase(url as string, 'sl_schema_legacy_test');
    // What 0.1 did: schema_migrations and every table in public.
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    await client.query('create table schema_migrations (name text primary key, applied_at timestamptz not null default now())');
    for (const m of readMigrations()) {
      await client.query(m.sql);
      await client.query('insert into schema_migrations (name) values ($1)', [m.name]);
    }
    await client.query(`create table sessions (id serial primary key, data text); insert into sessions (data) values ('host')`);
    await client.end();
    const old = await openPostgresStore({ connectionString: dbUrl, schema: 'public' });
    await old.transaction(async (t) => {
      await t.upsertSite({ id: 'site-1', name: 'Studio', plan: { id: 'p', name: 'Plan', includesOnlineSessions: true } });
      await t.upsertSession('site-1', {
        id: 's1',
        serviceId: 'yoga',
        staffId: null,
        start: '2030-01-01T09:00:00.000Z',
        end: '2030-01-01T10:00:00.000Z',
      });
      await t.putSettings('site-1', 0, zoom);
      await t.putSettings('site-1', 1, { ...zoom, id: 'z2' });
    });
    const revisionBefore = (await old.siteRevision('site-1', 'nobody')).revision;
    await old.close();

    const store = await openPostgresStore({ connectionString: dbUrl });
    stores.push(store);
    expect(await store.transaction((t) => t.getSettings('site-1'))).toMatchObject({ version: 2, value: { id: 'z2' } });
    expect((await store.transaction((t) => t.listSessions('site-1'))).map((s) => s.id)).toEqual(['s1']);
    // The revision triggers came along and still fire.
    await store.transaction((t) => t.putSettings('site-1', 2, zoom));
    expect(BigInt((await store.siteRevision('site-1', 'nobody')).revision)).toBeGreaterThan(BigInt(revisionBefore));
    // Identity columns keep counting where they were.
    await store.transaction((t) =>
      t.upsertSession('site-1', {
        id: 's2',
        serviceId: 'yoga',
        staffId: null,
        start: '2030-01-02T09:00:00.000Z',
        end: '2030-01-02T10:00:00.000Z',
      }),
    );
    expect((await store.transaction((t) => t.listSessions('site-1'))).map((s) => s.id)).toEqual(['s1', 's2']);
    expect(
      await query(dbUrl, `select table_name from information_schema.tables where table_schema = 'public' order by table_name`),
    ).toEqual([{ table_name: 'sessions' }]);
    expect(await schemasOf(dbUrl, 'sl_meetings')).toEqual(['session_links']);
    expect(await query(dbUrl, 'select data from public.sessions')).toEqual([{ data: 'host' }]);
  }, 60_000);
});
