import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../src';
import { runDelivery, smtpTransport, storeNoticeRenderer } from '../../src/notices';
import { openPostgresStore, recreateDatabase, type SqlStore } from '../../src/store/sql';
import { createFakeZoomGateway, MAIN_SITE, seedScenario } from '../../src/testing';
import { calendarOf } from './delivery-suite';
import { startSmtpCatcher } from './smtp-catcher';

// A real PostgreSQL: scripts/with-postgres.sh (run by `npm test` and CI) sets this.
const url = process.env.SESSION_LINKS_TEST_DATABASE_URL;
if (!url) {
  if (process.env.CI)
    throw new Error('SESSION_LINKS_TEST_DATABASE_URL is not set: CI runs the PostgreSQL delivery tests, it never skips them');
  console.warn(
    'delivery-workers.pg.test.ts: SESSION_LINKS_TEST_DATABASE_URL is not set — delivery workers on PostgreSQL SKIPPED (run it with scripts/with-postgres.sh)',
  );
}

const NOW = new Date('2030-03-04T12:00:00Z');
const BASE = 'http://host.example/api/session-links';
const S = `${BASE}/sites/${MAIN_SITE}`;
const owner = { authorization: 'Bearer dev:owner', 'content-type': 'application/json' };

describe.skipIf(!url)('delivery workers with the site templates on PostgreSQL', () => {
  let dbUrl: string;
  let store: SqlStore;
  beforeAll(async () => {
    dbUrl = await recreateDatabase(url as string, 'sl_delivery_workers_test');
    store = await openPostgresStore({ connectionString: dbUrl, max: 10 });
  }, 60_000);
  afterAll(() => store?.close());

  async function seeded() {
    await store.truncate();
    const zoom = createFakeZoomGateway();
    await store.transaction(seedScenario('zoom-default', { zoom, now: NOW }));
    const handler = createHandler({
      store,
      zoom,
      now: () => NOW,
      meetings: 'worker',
      authenticate: async (r) => (r.headers.get('authorization') === owner.authorization ? { userId: 'owner' } : null),
    });
    const call = async (method: string, p: string, body?: unknown) => {
      const res = await handler(
        new Request(`${S}${p}`, { method, headers: owner, body: body === undefined ? undefined : JSON.stringify(body) }),
      );
      return { status: res.status, body: await res.json() };
    };
    return call;
  }

  it('two worker instances, each with its own pool, deliver a course change to 202 booked clients: one e-mail each, rendered, no Message-ID twice', async () => {
    const call = await seeded();
    await store.transaction(async (tx) => {
      for (let i = 0; i < 200; i += 1) {
        await tx.upsertClient(MAIN_SITE, { id: `c-bulk-${i}`, name: `Cliënt ${i}`, email: `bulk${i}@clients.example` });
        await tx.upsertBooking(MAIN_SITE, { id: `b-bulk-${i}`, clientId: `c-bulk-${i}`, serviceId: 'pottery', sessionId: null });
      }
    });
    const version = (await call('GET', '/courses/pottery/link')).body.courseLink.version;
    expect((await call('PUT', '/courses/pottery/link', { link: { url: 'https://whereby.com/pottery' }, version })).status).toBe(200);
    expect(await store.notices.outbox.list({ site: MAIN_SITE, status: 'queued' })).toHaveLength(202);

    const other = await openPostgresStore({ connectionString: dbUrl, max: 5 });
    const smtp = await startSmtpCatcher();
    const transports = [
      smtpTransport({ url: smtp.url, from: 'studio@example.nl' }),
      smtpTransport({ url: smtp.url, from: 'studio@example.nl' }),
    ];
    try {
      const workers = [store, other].map(async (s, w) => {
        let sent = 0;
        for (;;) {
          const r = await runDelivery({
            outbox: s.notices.outbox,
            transport: transports[w]!,
            render: storeNoticeRenderer(s, { now: () => NOW }),
            now: () => NOW,
            batchSize: 10,
            concurrency: 5,
          });
          sent += r.sent;
          if (r.claimed === 0) return sent;
        }
      });
      const [a, b] = await Promise.all(workers);
      expect(a! + b!).toBe(202);
      expect(Math.min(a!, b!)).toBeGreaterThan(0);
      await smtp.waitFor(202);
      expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(202);
      const recipients = smtp.messages.map((m) => (m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : null));
      expect(new Set(recipients).size).toBe(202);
      const bulk = smtp.messages.find((m) => m.text?.includes('Cliënt 7,'));
      expect(bulk?.subject).toBe('Changes to your course Pottery for beginners');
      expect(calendarOf(bulk!)).toMatchObject({ method: 'REQUEST', url: 'https://whereby.com/pottery' });
      expect(await store.notices.outbox.list({ site: MAIN_SITE, status: 'sent' })).toHaveLength(202);
    } finally {
      for (const t of transports) await t.close?.();
      await smtp.close();
      await other.close();
    }
  }, 120_000);

  it('a worker killed after the SMTP server took the rendered e-mail, before it recorded it: re-sent with the same Message-ID and content, recorded once', async () => {
    const call = await seeded();
    const version = (await call('GET', '/sessions/yoga-3')).body.session.version;
    const change = { kind: 'custom', link: { url: 'https://whereby.com/yoga-3' } };
    expect((await call('PUT', '/sessions/yoga-3/link', { change, version })).status).toBe(200);
    const smtp = await startSmtpCatcher();
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-render-worker.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', script], {
      env: { ...process.env, NOTICES_DATABASE_URL: dbUrl, NOTICES_SMTP_URL: smtp.url, NOTICES_NOW: NOW.toISOString() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    smtp.onDataEnd = () => child.kill('SIGKILL');
    const transport = smtpTransport({ url: smtp.url, from: 'studio@example.nl' });
    try {
      expect(await exited, output).toBe('SIGKILL');
      smtp.onDataEnd = undefined;
      await smtp.waitFor(1);
      const [sending] = await store.notices.outbox.list({ site: MAIN_SITE });
      expect(sending).toMatchObject({ status: 'sending', attempts: 1, sentAt: null });
      const deliver = (at: Date) =>
        runDelivery({ outbox: store.notices.outbox, transport, render: storeNoticeRenderer(store, { now: () => at }), now: () => at });
      expect(await deliver(NOW)).toMatchObject({ claimed: 0 });
      const later = new Date(NOW.getTime() + 61_000);
      expect(await deliver(later)).toMatchObject({ claimed: 1, sent: 1 });
      await smtp.waitFor(2);
      const [first, second] = smtp.messages;
      expect([first?.messageId, second?.messageId]).toEqual([sending!.messageId, sending!.messageId]);
      expect(second?.text).toBe(first?.text);
      expect(calendarOf(second!)).toEqual(calendarOf(first!));
      expect(await store.notices.outbox.list({ site: MAIN_SITE })).toEqual([
        expect.objectContaining({ status: 'sent', attempts: 2, sentAt: later.toISOString() }),
      ]);
    } finally {
      child.kill('SIGKILL');
      await transport.close?.();
      await smtp.close();
    }
  }, 60_000);
});
