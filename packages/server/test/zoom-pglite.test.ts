import { afterAll, beforeAll } from 'vitest';
import { openPgliteStore, type SqlStore } from '../src/store/sql';
import { providerCycleSuite } from './provider-cycle-suite';
import { zoomCycleFake } from './zoom-cycle-fake';
import { zoomSuite } from './zoom-suite';

// One embedded database for the file (opening one is slow), emptied before each test.
// PGlite is one database per process: the second "instance" shares the same store.
let store: SqlStore;
beforeAll(async () => {
  store = await openPgliteStore({ dataDir: 'memory://' });
}, 120_000);
afterAll(() => store?.close());

zoomSuite(
  'PGlite',
  async () => {
    await store.truncate();
    const shared = { transaction: store.transaction.bind(store), close: async () => undefined };
    return { store: shared, twin: async () => shared };
  },
  { timeoutMs: 120_000 },
);

providerCycleSuite(
  'Zoom, PGlite',
  async () => {
    await store.truncate();
    return { store: { transaction: store.transaction.bind(store), close: async () => undefined } };
  },
  zoomCycleFake,
  { timeoutMs: 120_000 },
);
