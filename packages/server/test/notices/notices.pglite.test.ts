import { afterAll, beforeAll } from 'vitest';
import { SqlOutbox } from '../../src/notices/outbox-sql';
import { openPgliteStore, type SqlStore } from '../../src/store/sql';
import { noticesSuite } from './suite';

let store: SqlStore;
beforeAll(async () => {
  store = await openPgliteStore({ dataDir: 'memory://' });
}, 60_000);
afterAll(() => store?.close());

noticesSuite('PGlite', async () => {
  const outbox = new SqlOutbox(store.db);
  await outbox.truncate();
  return { outbox, write: (fn) => store.db.transaction().execute((trx) => fn(trx)) };
});
