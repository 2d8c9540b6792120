import { createMemoryStore } from '../src/testing';
import { contractSuite } from './contract';

contractSuite('memory', async () => createMemoryStore());
