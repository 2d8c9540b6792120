import { createMemoryStore } from '../src/testing';
import { zoomSuite } from './zoom-suite';

zoomSuite('memory store', async () => {
  const store = createMemoryStore();
  return { store, twin: async () => store };
});
