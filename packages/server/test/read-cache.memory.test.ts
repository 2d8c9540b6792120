import { createMemoryStore } from '../src';
import { readCacheSuite } from './read-cache-suite';

readCacheSuite('memory', async () => {
  const store = createMemoryStore();
  return { a: store, b: store, close: () => store.close() };
});
