import { MemoryOutbox } from '../../src/notices/outbox';
import { noticesSuite } from './suite';

noticesSuite('memory', async () => ({ outbox: new MemoryOutbox(), write: (fn) => fn(undefined) }));
