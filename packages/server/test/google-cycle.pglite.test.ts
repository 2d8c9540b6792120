import { afterAll, beforeAll } from 'vitest';
import { openPgliteStore, type SqlStore } from '../src/store/sql';
import { googleCycleFake } from './google-cycle-fake';
import { providerCycleSuite } from './provider-cycle-suite';

// One embedded database for the file (opening one is slow), emptied before each test.
let store: SqlStore;
beforeAll(async () => {
  store = await openPgliteStore({ dataDir: 'memory://' });
}, 120_000);
afterAll(() => store?.close());

providerCycleSuite(
  'Google Meet, PGlite',
  async () => {
    await store.truncate();
    return { store: { transaction: store.transaction.bind(store), close: async () => undefined } };
  },
  googleCycleFake,
  { timeoutMs: 120_000 },
);
