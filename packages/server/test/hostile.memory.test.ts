import { createMemoryStore } from '../src';
import { hostileSuite } from './hostile';

hostileSuite('memory', async () => createMemoryStore());
