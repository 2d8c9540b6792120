import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDelivery } from '../../src/notices/delivery-worker';
import { SqlOutbox } from '../../src/notices/outbox-sql';
import { smtpTransport } from '../../src/notices/transports/smtp';
import { copyStore, openPgliteStore, openPostgresStore, recreateDatabase, type SqlStore } from '../../src/store/sql';
import { startSmtpCatcher } from './smtp-catcher';
import { dutchRender, input, noticesSuite } from './suite';

// A real PostgreSQL: scripts/with-postgres.sh (run by `npm test` and CI) sets this.
const url = process.env.SESSION_LINKS_TEST_DATABASE_URL;
if (!url) {
  if (process.env.CI)
    throw new Error('SESSION_LINKS_TEST_DATABASE_URL is not set: CI runs the PostgreSQL notice tests, it never skips them');
  console.warn(
    'notices.pg.test.ts: SESSION_LINKS_TEST_DATABASE_URL is not set — notices on PostgreSQL SKIPPED (run it with scripts/with-postgres.sh)',
  );
}

describe.skipIf(!url)('PostgreSQL', () => {
  let dbUrl: string;
  let store: SqlStore;
  beforeAll(async () => {
    dbUrl = await recreateDatabase(url as string, 'sl_notices_test');
    store = await openPostgresStore({ connectionString: dbUrl, max: 10 });
  }, 60_000);
  afterAll(() => store?.close());

  noticesSuite('PostgreSQL', async () => {
    const outbox = new SqlOutbox(store.db);
    await outbox.truncate();
    return { outbox, write: (fn) => store.db.transaction().execute((trx) => fn(trx)) };
  });

  it('two worker instances, each with its own pool, deliver 200 notices: each once, no Message-ID twice', async () => {
    const outbox = new SqlOutbox(store.db);
    await outbox.truncate();
    const other = await openPostgresStore({ connectionString: dbUrl, max: 5 });
    const smtp = await startSmtpCatcher();
    const transports = [
      smtpTransport({ url: smtp.url, from: 'studio@example.nl' }),
      smtpTransport({ url: smtp.url, from: 'studio@example.nl' }),
    ];
    try {
      const inputs = Array.from({ length: 200 }, (_, i) => input(`b${i}`, 'https://zoom.us/j/1', `https://zoom.us/j/${i + 2}`));
      await store.db.transaction().execute((trx) => outbox.record(trx, inputs));
      const workers = [new SqlOutbox(store.db), new SqlOutbox(other.db)].map(async (o, w) => {
        let sent = 0;
        for (;;) {
          const r = await runDelivery({ outbox: o, transport: transports[w]!, render: dutchRender, batchSize: 10, concurrency: 5 });
          sent += r.sent;
          if (r.claimed === 0) return sent;
        }
      });
      const [a, b] = await Promise.all(workers);
      expect(a! + b!).toBe(200);
      // Both took part (a batch of 10 each at least), or the test proves nothing about two instances.
      expect(Math.min(a!, b!)).toBeGreaterThan(0);
      await smtp.waitFor(200);
      const ids = smtp.messages.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(200);
      expect(smtp.messages).toHaveLength(200);
      expect(await outbox.list({ status: 'sent' })).toHaveLength(200);
    } finally {
      for (const t of transports) await t.close?.();
      await smtp.close();
      await other.close();
    }
  }, 60_000);

  it('claims racing from two pools never take the same notice (row locks, SKIP LOCKED)', async () => {
    const outbox = new SqlOutbox(store.db);
    await outbox.truncate();
    const other = await openPostgresStore({ connectionString: dbUrl, max: 5 });
    try {
      await store.db.transaction().execute((trx) =>
        outbox.record(
          trx,
          Array.from({ length: 200 }, (_, i) => input(`b${i}`, 'https://zoom.us/j/1', 'https://zoom.us/j/2')),
        ),
      );
      const outboxes = [outbox, new SqlOutbox(other.db)];
      const taken: string[] = [];
      for (;;) {
        const batches = await Promise.all(
          Array.from({ length: 8 }, (_, i) => outboxes[i % 2]!.claim({ now: new Date(), limit: 5, leaseMs: 60_000 })),
        );
        const ids = batches.flat().map((n) => n.id);
        if (ids.length === 0) break;
        taken.push(...ids);
      }
      expect(taken).toHaveLength(200);
      expect(new Set(taken).size).toBe(200);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('migrate-to (copyStore) carries the outbox from PGlite to PostgreSQL, order and all', async () => {
    const source = await openPgliteStore({ dataDir: 'memory://' });
    const target = await openPostgresStore({ connectionString: await recreateDatabase(url as string, 'sl_notices_copy_test'), max: 2 });
    try {
      const from = new SqlOutbox(source.db);
      await source.db
        .transaction()
        .execute((trx) =>
          from.record(trx, [input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2'), input('b2', null, 'https://zoom.us/j/3')]),
        );
      const [first] = await from.claim({ now: new Date(), limit: 1, leaseMs: 60_000 });
      await from.complete(first!.id, new Date(), first!.claim);
      const counts = await copyStore(source, target);
      expect(counts.sl_notices).toBe(2);
      const to = new SqlOutbox(target.db);
      expect(await to.list()).toEqual(await from.list());
      // New notices continue after the copied ones.
      await target.db.transaction().execute((trx) => to.record(trx, [input('b3', null, 'https://zoom.us/j/4')]));
      expect((await to.list()).map((n) => n.booking)).toEqual(['b1', 'b2', 'b3']);
    } finally {
      await source.close();
      await target.close();
    }
  }, 60_000);

  it('a worker killed after the SMTP server took the message, before it recorded it: re-sent with the same Message-ID, recorded once', async () => {
    const outbox = new SqlOutbox(store.db);
    await outbox.truncate();
    await store.db.transaction().execute((trx) => outbox.record(trx, [input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2')]));
    const smtp = await startSmtpCatcher();
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-worker.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', script], {
      env: { ...process.env, NOTICES_DATABASE_URL: dbUrl, NOTICES_SMTP_URL: smtp.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    // The message is complete at the server: the worker dies before the 250 reaches it.
    smtp.onDataEnd = () => child.kill('SIGKILL');
    const transport = smtpTransport({ url: smtp.url, from: 'studio@example.nl' });
    try {
      expect(await exited, output).toBe('SIGKILL');
      smtp.onDataEnd = undefined;
      await smtp.waitFor(1);
      const [sending] = await outbox.list();
      expect(sending).toMatchObject({ status: 'sending', attempts: 1, sentAt: null });
      // Before the lease ends nobody takes it again; after, another worker does.
      expect(await runDelivery({ outbox, transport, render: dutchRender })).toMatchObject({ claimed: 0 });
      const later = new Date(Date.now() + 61_000);
      expect(await runDelivery({ outbox, transport, render: dutchRender, now: () => later })).toMatchObject({ claimed: 1, sent: 1 });
      await smtp.waitFor(2);
      expect(smtp.messages.map((m) => m.messageId)).toEqual([sending!.messageId, sending!.messageId]);
      expect(await outbox.list()).toEqual([expect.objectContaining({ status: 'sent', attempts: 2, sentAt: later.toISOString() })]);
    } finally {
      child.kill('SIGKILL');
      await transport.close?.();
      await smtp.close();
    }
  }, 60_000);
});
