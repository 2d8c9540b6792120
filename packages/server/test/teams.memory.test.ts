import { createMemoryStore } from '../src/testing';
import { providerCycleSuite } from './provider-cycle-suite';
import { teamsCycleFake } from './teams-cycle-fake';
import { teamsSuite } from './teams-suite';

providerCycleSuite('Teams, memory store', async () => ({ store: createMemoryStore() }), teamsCycleFake);

teamsSuite('memory store', async () => {
  const store = createMemoryStore();
  return { store, twin: async () => store };
});
