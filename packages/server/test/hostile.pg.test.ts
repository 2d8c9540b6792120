import { describe } from 'vitest';
import { openPostgresStore, recreateDatabase } from '../src/store/sql';
import { hostileSuite } from './hostile';

// A real PostgreSQL: scripts/with-postgres.sh (run by `npm test` and CI) sets this.
const url = process.env.SESSION_LINKS_TEST_DATABASE_URL;
if (!url) {
  if (process.env.CI)
    throw new Error('SESSION_LINKS_TEST_DATABASE_URL is not set: CI runs the PostgreSQL hostile-input tests, it never skips them');
  console.warn(
    'hostile.pg.test.ts: SESSION_LINKS_TEST_DATABASE_URL is not set — hostile input on PostgreSQL SKIPPED (run it with scripts/with-postgres.sh)',
  );
}

describe.skipIf(!url)('PostgreSQL', () => {
  // Its own database on the test server, one pool for the file.
  hostileSuite('PostgreSQL', async () =>
    openPostgresStore({ connectionString: await recreateDatabase(url as string, 'sl_hostile_test'), max: 10 }),
  );
});
