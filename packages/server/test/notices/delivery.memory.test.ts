import { createMemoryStore } from '../../src/testing';
import { deliverySuite } from './delivery-suite';

deliverySuite('memory', async () => createMemoryStore());
