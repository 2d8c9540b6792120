import { afterAll, beforeAll, describe } from 'vitest';
import { openPostgresStore, recreateDatabase, type SqlStore } from '../../src/store/sql';
import type { Store } from '../../src/store/types';
import { deliverySuite } from './delivery-suite';

// A real PostgreSQL: scripts/with-postgres.sh (run by `npm test` and CI) sets this.
const url = process.env.SESSION_LINKS_TEST_DATABASE_URL;
if (!url) {
  if (process.env.CI)
    throw new Error('SESSION_LINKS_TEST_DATABASE_URL is not set: CI runs the PostgreSQL delivery tests, it never skips them');
  console.warn(
    'delivery.pg.test.ts: SESSION_LINKS_TEST_DATABASE_URL is not set — delivery on PostgreSQL SKIPPED (run it with scripts/with-postgres.sh)',
  );
}

describe.skipIf(!url)('PostgreSQL', () => {
  let shared: SqlStore;
  beforeAll(async () => {
    shared = await openPostgresStore({ connectionString: await recreateDatabase(url as string, 'sl_delivery_test'), max: 10 });
  }, 60_000);
  afterAll(() => shared?.close());

  deliverySuite('PostgreSQL', async (): Promise<Store> => {
    await shared.truncate();
    return {
      transaction: (fn) => shared.transaction(fn),
      siteRevision: (s: string, u: string) => shared.siteRevision(s, u),
      notices: shared.notices,
      close: async () => {},
    } as Store;
  });
});
