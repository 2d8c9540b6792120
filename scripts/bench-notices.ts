// pnpm bench:notices — the outbox of notices (R29) on PostgreSQL: recording 1,000 notices in
// one transaction (a course change with 1,000 booked clients; target ≤ 200 ms) — straight into
// the outbox, and through the real write path (the owner's setCourseLink, whose transaction
// records them through R29's hook: the hook's share is timed) — and delivering
// them to a loopback SMTP server (smtp-server) through nodemailer, 20 pooled connections, each
// rendered from the site's template when sent, as the CLI's worker does (target ≥ 200 messages/s, no Message-ID twice). PostgreSQL: SESSION_LINKS_TEST_DATABASE_URL or DATABASE_URL (the
// package script runs it under scripts/with-postgres.sh, a throwaway server).
// Knobs: BENCH_NOTICES (default 1000), BENCH_ROUNDS (default 5).
// Not a timed test: the numbers depend on the machine and on what else runs on it.

import { fork } from 'node:child_process';
import os from 'node:os';
import { runDelivery } from '../packages/server/src/notices/delivery-worker';
import type { NoticeInput } from '../packages/server/src/notices/outbox';
import { SqlOutbox } from '../packages/server/src/notices/outbox-sql';
import { plainNoticeRender } from '../packages/server/src/notices/plain-render';
import { storeNoticeRenderer } from '../packages/server/src/notices/render';
import { smtpTransport } from '../packages/server/src/notices/transports/smtp';
import { scenario } from '../packages/server/src/scenarios';
import { seedFromData } from '../packages/server/src/seed';
import { createService, type OnLinkChanges } from '../packages/server/src/service';
import { noticeRecorder } from '../packages/server/src/service/notices';
import { openPostgresStore, recreateDatabase } from '../packages/server/src/store/sql';

const url = process.env.SESSION_LINKS_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error('bench:notices needs PostgreSQL: run it as `pnpm bench:notices` (scripts/with-postgres.sh starts one)');
  process.exit(1);
}
const count = Number(process.env.BENCH_NOTICES ?? 1000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const store = await openPostgresStore({ connectionString: await recreateDatabase(url, 'sl_bench_notices'), max: 10 });
const outbox = new SqlOutbox(store.db);
const inputs = (round: number): NoticeInput[] =>
  Array.from({ length: count }, (_, i) => ({
    site: 'bench-site',
    booking: `r${round}-b${i}`,
    session: `s${i % 50}`,
    client: { name: `Cliënt ${i}`, email: `client${i}@example.nl` },
    kind: 'course-changed',
    oldLink: 'https://zoom.us/j/100',
    newLink: 'https://zoom.us/j/200',
    why: { before: 'course', after: 'course' },
  }));

console.log(`Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(2)}; ${count} notices, ${rounds} rounds`);

// Recording: one transaction per round, as the change that causes them would.
const record: number[] = [];
const merge: number[] = [];
for (let r = 0; r < rounds; r += 1) {
  await outbox.truncate();
  const batch = inputs(r);
  let t = performance.now();
  await store.db.transaction().execute((trx) => outbox.record(trx, batch));
  record.push(performance.now() - t);
  // A second change within the window: every notice coalesces into the queued one.
  const again = batch.map((n) => ({ ...n, oldLink: n.newLink, newLink: 'https://zoom.us/j/300' }));
  t = performance.now();
  await store.db.transaction().execute((trx) => outbox.record(trx, again));
  merge.push(performance.now() - t);
}
console.log(`record ${count} in one transaction: median ${median(record).toFixed(1)} ms (${record.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`coalesce ${count} into queued ones: median ${median(merge).toFixed(1)} ms (${merge.map((x) => x.toFixed(0)).join(', ')})`);

// Through the real write path: a course with `count` whole-course bookings (two upcoming sessions
// each), the owner sets its link through the service; R29's hook (bookings, clients, the outbox)
// runs inside that write's transaction and is timed on its own.
{
  await store.truncate();
  const data = scenario('custom-default', new Date());
  const site = data.sites[0];
  if (!site) throw new Error('the scenario has no site');
  for (let i = 0; i < count; i += 1) {
    site.clients.push({ id: `bench-c${i}`, name: `Cliënt ${i}`, email: `client${i}@example.nl` });
    site.bookings.push({ id: `bench-b${i}`, clientId: `bench-c${i}`, serviceId: 'pottery', sessionId: null });
  }
  await store.transaction(seedFromData(data));
  // The scenario's own two course bookings besides ours.
  const booked = site.bookings.filter((b) => b.serviceId === 'pottery').length;
  const recorder = noticeRecorder(store.notices);
  let hookMs = 0;
  const timed: OnLinkChanges = async (...args) => {
    const t = performance.now();
    await recorder(...args);
    hookMs += performance.now() - t;
  };
  const service = createService({ store, zoom: null, notices: false, onLinkChanges: timed, readCache: false });
  const caller = { userId: 'owner', origin: 'http://localhost' };
  const writes: number[] = [];
  const hooks: number[] = [];
  let version = 0;
  for (let r = 0; r < rounds; r += 1) {
    await store.notices.outbox.truncate();
    hookMs = 0;
    const t = performance.now();
    const update = await service.operations.setCourseLink(
      caller,
      { siteId: site.id, serviceId: 'pottery' },
      { link: { url: `https://whereby.com/pottery-${r}` }, version },
    );
    writes.push(performance.now() - t);
    hooks.push(hookMs);
    version = update.courseLink.version;
  }
  const recorded = (await store.notices.outbox.list({ site: site.id, limit: count * 4 })).length;
  console.log(
    `setCourseLink with ${booked} booked clients: R29's hook inside the write median ${median(hooks).toFixed(1)} ms (${hooks.map((x) => x.toFixed(0)).join(', ')}), the whole write ${median(writes).toFixed(0)} ms; ${recorded} notices recorded`,
  );
  if (recorded !== booked) throw new Error(`expected ${booked} notices (one per booking), found ${recorded}`);

  // Delivery: the worker's runs until nothing is due, to a loopback SMTP server, each notice
  // rendered at send time from the site's saved 'course changed' template (R28) with its
  // calendar part, as the CLI's worker does. Each round is a new course link: one notice per booking.
  const rates: number[] = [];
  let duplicates = 0;
  // BENCH_PLAIN=1: the plain text the CLI used to send instead, to see what rendering costs on the same machine.
  const render = process.env.BENCH_PLAIN ? plainNoticeRender : storeNoticeRenderer(store);
  for (let r = 0; r < Math.min(rounds, 3); r += 1) {
    await store.notices.outbox.truncate();
    const update = await service.operations.setCourseLink(
      caller,
      { siteId: site.id, serviceId: 'pottery' },
      { link: { url: `https://whereby.com/pottery-delivery-${r}` }, version },
    );
    version = update.courseLink.version;
    const smtp = await startSink();
    const transport = smtpTransport({ url: smtp.url, from: 'Studio <studio@example.nl>', maxConnections: 20 });
    const t = performance.now();
    let sent = 0;
    for (;;) {
      const run = await runDelivery({ outbox: store.notices.outbox, transport, render, batchSize: 200, concurrency: 40 });
      sent += run.sent;
      if (run.claimed === 0) break;
      if (run.sent !== run.claimed) throw new Error(`a run claimed ${run.claimed} and sent ${run.sent}`);
    }
    const seconds = (performance.now() - t) / 1000;
    const messageIds = await smtp.idsOnce(booked, 10_000);
    duplicates += messageIds.length - new Set(messageIds).size;
    rates.push(sent / seconds);
    console.log(
      `deliver ${sent} ${process.env.BENCH_PLAIN ? 'plain' : 'rendered'} e-mails over SMTP: ${seconds.toFixed(2)} s, ${(sent / seconds).toFixed(0)} messages/s; received ${messageIds.length}, distinct Message-IDs ${new Set(messageIds).size}`,
    );
    if (sent !== booked) throw new Error(`expected ${booked} sent, ${sent} were`);
    await transport.close?.();
    await smtp.close();
  }
  console.log(
    `delivery ${process.env.BENCH_PLAIN ? 'of plain text' : 'with templates'}: median ${median(rates).toFixed(0)} messages/s, duplicates ${duplicates}; load ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
}
await store.close();

/** The loopback SMTP server in a child process (scripts/bench-smtp-sink.ts): its url, the Message-IDs it took, close. */
async function startSink() {
  const child = fork(new URL('./bench-smtp-sink.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx', '--conditions=@session-links/source'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m: { type: string; url: string }) => resolve(m.url));
  });
  const ids: string[] = [];
  const fetchIds = () =>
    new Promise<void>((resolve) => {
      child.once('message', (m: { ids: string[] }) => {
        ids.push(...m.ids);
        resolve();
      });
      child.send({ type: 'ids' });
    });
  return {
    url,
    /** Every Message-ID it took, once `n` arrived (or the time is up). */
    async idsOnce(n: number, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      for (await fetchIds(); ids.length < n && Date.now() < deadline; await fetchIds()) await new Promise((r) => setTimeout(r, 50));
      return ids;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'close' });
      }),
  };
}
