import { afterAll, beforeAll } from 'vitest';
import { openPgliteStore, type SqlStore } from '../../src/store/sql';
import type { Store } from '../../src/store/types';
import { deliverySuite } from './delivery-suite';

// One PGlite for the file, emptied before each test; the suite's close() leaves it open.
let shared: SqlStore;
beforeAll(async () => {
  shared = await openPgliteStore({ dataDir: 'memory://' });
}, 120_000);
afterAll(() => shared?.close());

deliverySuite('PGlite', async (): Promise<Store> => {
  await shared.truncate();
  return {
    transaction: (fn) => shared.transaction(fn),
    siteRevision: (s: string, u: string) => shared.siteRevision(s, u),
    notices: shared.notices,
    close: async () => {},
  } as Store;
});
