import { afterAll, beforeAll, describe } from 'vitest';
import { openPostgresStore, recreateDatabase, type SqlStore } from '../src/store/sql';
import type { Store } from '../src/store/types';
import { contractSuite } from './contract';

// A real PostgreSQL: scripts/with-postgres.sh (run by `npm test` and CI) sets this.
const url = process.env.SESSION_LINKS_TEST_DATABASE_URL;
if (!url) {
  if (process.env.CI)
    throw new Error('SESSION_LINKS_TEST_DATABASE_URL is not set: CI runs the PostgreSQL contract tests, it never skips them');
  console.warn(
    'contract.pg.test.ts: SESSION_LINKS_TEST_DATABASE_URL is not set — HTTP contract on PostgreSQL SKIPPED (run it with scripts/with-postgres.sh)',
  );
}

describe.skipIf(!url)('PostgreSQL', () => {
  // Its own database on the test server, one pool for the file, emptied before each test.
  let shared: SqlStore;
  beforeAll(async () => {
    shared = await openPostgresStore({ connectionString: await recreateDatabase(url as string, 'sl_contract_test'), max: 20 });
  }, 60_000);
  afterAll(() => shared?.close());

  contractSuite('PostgreSQL', async (): Promise<Store> => {
    await shared.truncate();
    return {
      transaction: (fn) => shared.transaction(fn),
      siteRevision: (s: string, u: string) => shared.siteRevision(s, u),
      // R29: the store's own outbox, as a host's server records notices in it.
      notices: shared.notices,
      close: async () => {},
    } as Store;
  });
});
