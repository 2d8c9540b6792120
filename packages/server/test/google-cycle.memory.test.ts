import { createMemoryStore } from '../src/testing';
import { googleCycleFake } from './google-cycle-fake';
import { providerCycleSuite } from './provider-cycle-suite';

providerCycleSuite('Google Meet, memory store', async () => ({ store: createMemoryStore() }), googleCycleFake);
