import { afterAll, beforeAll } from 'vitest';
import { openPgliteStore, type SqlStore } from '../src/store/sql';
import { readCacheSuite } from './read-cache-suite';

// One PGlite for the file, emptied before each test; both instances share it.
let shared: SqlStore;
beforeAll(async () => {
  shared = await openPgliteStore({ dataDir: 'memory://' });
}, 120_000);
afterAll(() => shared?.close());

readCacheSuite('PGlite', async () => {
  await shared.truncate();
  const view = Object.assign(Object.create(shared) as SqlStore, { close: async () => {} });
  return { a: view, b: view, close: async () => {} };
});
