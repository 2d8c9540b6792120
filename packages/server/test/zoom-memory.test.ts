import { createMemoryStore } from '../src/testing';
import { providerCycleSuite } from './provider-cycle-suite';
import { zoomCycleFake } from './zoom-cycle-fake';
import { zoomSuite } from './zoom-suite';

zoomSuite('memory store', async () => {
  const store = createMemoryStore();
  return { store, twin: async () => store };
});

providerCycleSuite('Zoom, memory store', async () => ({ store: createMemoryStore() }), zoomCycleFake);
