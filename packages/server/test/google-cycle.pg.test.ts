import { afterAll, beforeAll, describe } from 'vitest';
import { openPostgresStore, recreateDatabase, type SqlStore } from '../src/store/sql';
import { googleCycleFake } from './google-cycle-fake';
import { providerCycleSuite } from './provider-cycle-suite';

// A real PostgreSQL: scripts/with-postgres.sh (run by `npm test` and CI) sets this.
const url = process.env.SESSION_LINKS_TEST_DATABASE_URL;
if (!url) {
  if (process.env.CI)
    throw new Error('SESSION_LINKS_TEST_DATABASE_URL is not set: CI runs the Google Meet cycle on PostgreSQL, it never skips it');
  console.warn('google-cycle.pg.test.ts: SESSION_LINKS_TEST_DATABASE_URL is not set — the Google Meet cycle on PostgreSQL SKIPPED');
}

describe.skipIf(!url)('PostgreSQL', () => {
  // Two pools on one database: two server instances, each with its own connections.
  let store: SqlStore;
  let other: SqlStore;
  beforeAll(async () => {
    const dbUrl = await recreateDatabase(url as string, 'sl_google_test');
    store = await openPostgresStore({ connectionString: dbUrl, max: 10 });
    other = await openPostgresStore({ connectionString: dbUrl, max: 10 });
  }, 60_000);
  afterAll(async () => {
    await other?.close();
    await store?.close();
  });

  providerCycleSuite(
    'Google Meet, PostgreSQL',
    async () => {
      // The worker claims due meetings of every site: each test starts from an empty database.
      await store.truncate();
      const keepOpen = (s: SqlStore) => ({ transaction: s.transaction.bind(s), close: async () => undefined });
      return { store: keepOpen(store), twin: async () => keepOpen(other) };
    },
    googleCycleFake,
    { timeoutMs: 60_000 },
  );
});
