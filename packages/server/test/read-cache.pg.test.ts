import { afterAll, beforeAll, describe } from 'vitest';
import { openPostgresStore, recreateDatabase, type SqlStore } from '../src/store/sql';
import { readCacheSuite } from './read-cache-suite';

// A real PostgreSQL (scripts/with-postgres.sh sets the variable): two pools on one database, as two server instances.
const url = process.env.SESSION_LINKS_TEST_DATABASE_URL;
if (!url) {
  if (process.env.CI) throw new Error('SESSION_LINKS_TEST_DATABASE_URL is not set: CI runs the PostgreSQL read-cache tests');
  console.warn('read-cache.pg.test.ts: SESSION_LINKS_TEST_DATABASE_URL is not set — read cache on PostgreSQL SKIPPED');
}

describe.skipIf(!url)('PostgreSQL', () => {
  let a: SqlStore;
  let b: SqlStore;
  beforeAll(async () => {
    const db = await recreateDatabase(url as string, 'sl_read_cache_test');
    a = await openPostgresStore({ connectionString: db, max: 5 });
    b = await openPostgresStore({ connectionString: db, max: 5 });
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  readCacheSuite('PostgreSQL', async () => {
    await a.truncate();
    const keep = (s: SqlStore) => Object.assign(Object.create(s) as SqlStore, { close: async () => {} });
    return { a: keep(a), b: keep(b), close: async () => {} };
  });
});
