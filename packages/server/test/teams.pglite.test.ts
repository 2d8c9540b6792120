import { afterAll, beforeAll } from 'vitest';
import { openPgliteStore, type SqlStore } from '../src/store/sql';
import { providerCycleSuite } from './provider-cycle-suite';
import { teamsCycleFake } from './teams-cycle-fake';
import { teamsSuite } from './teams-suite';

// One embedded database for the file (opening one is slow), emptied before each test.
// PGlite is one database per process: the second "instance" shares the same store.
let store: SqlStore;
beforeAll(async () => {
  store = await openPgliteStore({ dataDir: 'memory://' });
}, 120_000);
afterAll(() => store?.close());

const shared = async () => {
  await store.truncate();
  return { transaction: store.transaction.bind(store), close: async () => undefined };
};

providerCycleSuite('Teams, PGlite', async () => ({ store: await shared() }), teamsCycleFake, { timeoutMs: 120_000 });

teamsSuite(
  'PGlite',
  async () => {
    const one = await shared();
    return { store: one, twin: async () => one };
  },
  { timeoutMs: 120_000 },
);
