import { createMemoryStore } from '../src/testing';
import { readCacheSuite } from './read-cache-suite';

readCacheSuite('memory', async () => {
  const store = createMemoryStore();
  return { a: store, b: store, close: () => store.close() };
});
