import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, readMigrations, recreateDatabase, type SqlStore } from '../src/store/sql';
import { storeContract } from './store-contract';

// A real PostgreSQL: scripts/with-postgres.sh (run by `npm test` and CI) sets this.
const url = process.env.SESSION_LINKS_TEST_DATABASE_URL;
if (!url) {
  if (process.env.CI)
    throw new Error('SESSION_LINKS_TEST_DATABASE_URL is not set: CI runs the PostgreSQL store tests, it never skips them');
  console.warn(
    'store.pg.test.ts: SESSION_LINKS_TEST_DATABASE_URL is not set — PostgreSQL store tests SKIPPED (run them with scripts/with-postgres.sh)',
  );
}

describe.skipIf(!url)('PostgreSQL', () => {
  let store: SqlStore;
  let other: SqlStore;
  let dbUrl: string;
  beforeAll(async () => {
    dbUrl = await recreateDatabase(url as string, 'sl_store_test');
    store = await openPostgresStore({ connectionString: dbUrl, max: 20 });
    other = await openPostgresStore({ connectionString: dbUrl });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await other?.close();
  });

  storeContract('PostgreSQL', async () => {
    await store.truncate();
    return store;
  });

  it('two store instances on one database: 50 concurrent writes from one version, exactly one wins', async () => {
    await store.truncate();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? other : store).transaction((t) =>
          t.putSettings('site-a', 0, { id: `c${i}`, kind: 'zoom', health: 'connected', user: { email: 'e', name: `n${i}` } }),
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await other.transaction((t) => t.getSettings('site-a'))).toMatchObject({ version: 1, value: { id: `c${winner}` } });
  });

  it('migrations run once when two instances start together on an empty database', async () => {
    const fresh = await recreateDatabase(url as string, 'sl_migrate_test');
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => openPostgresStore({ connectionString: fresh, max: 2 })));
    try {
      const client = new pg.Client({ connectionString: fresh });
      await client.connect();
      const { rows } = await client.query('select name from session_links.schema_migrations order by name');
      await client.end();
      expect(rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
      expect(await a?.transaction((t) => t.getSettings('x'))).toEqual({ value: null, version: 0 });
    } finally {
      await Promise.all([a, b, c].map((s) => s?.close()));
    }
  }, 60_000);
});
