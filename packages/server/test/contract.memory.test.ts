import { createMemoryStore } from '../src';
import { contractSuite } from './contract';

contractSuite('memory', async () => createMemoryStore());
