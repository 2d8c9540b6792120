import { createMemoryStore } from '../src/testing';
import { hostileSuite } from './hostile';

hostileSuite('memory', async () => createMemoryStore());
