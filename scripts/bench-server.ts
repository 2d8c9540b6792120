// pnpm bench:server — the server over loopback HTTP, on PGlite and on PostgreSQL.
//
// For each database: seeds one site in bulk through the store (10,000 sessions, 200 a week,
// in one transaction of multi-row inserts), starts `session-links-server` (the CLI) on it as
// a child process, and runs one load loop per target — 50 concurrent keep-alive connections
// for a fixed time — printing one table: store, operation, concurrency, rps, p50, p99, max,
// errors, body size and the load average (os.loadavg(), 1 min) before and after the target.
// Then "where the time goes": the same reads in process (no HTTP), with the number of SQL
// statements per request and the time in the database, in the service and in JSON.
//
// PostgreSQL: DATABASE_URL or SESSION_LINKS_TEST_DATABASE_URL; when neither is set the script
// runs itself again under scripts/with-postgres.sh (a throwaway server, removed afterwards).
// Knobs: BENCH_ONLY=pglite|postgres, BENCH_OPS (a regular expression on the operation names),
// BENCH_SECONDS (per target, default 4), BENCH_SESSIONS, BENCH_BREAKDOWN=0 (skip the in-process part),
// BENCH_NO_CACHE=0 (skip the rows with the read cache off). The server runs with its read cache on
// (the default); the week's reads are then run again on a server started with SESSION_LINKS_READ_CACHE=off.
// Writes and the meeting worker (scripts/bench-server-writes.ts): on a second 10,000-session site,
// one session's link, a course's link over 500 sessions and replacing the default (preview and
// write), one at a time over HTTP; then 10,000 pending meetings of 100 Zoom accounts made by
// `session-links-server worker` against the loopback fake Zoom with its per-account limits, and
// the same with Google Meet and with Microsoft Teams accounts against their fakes.
// `--only reads|writes|worker` (comma-separated) runs a part; BENCH_ZOOM_RATE (Medium calls a
// second per Zoom account, default 2: a free account), BENCH_GOOGLE_RATE (default 10),
// BENCH_MICROSOFT_RATE (default 4), BENCH_WORKER_MEETINGS, BENCH_WORKER_ACCOUNTS, BENCH_WORKER_SECONDS,
// BENCH_WORKER_PROVIDERS (comma-separated, default zoom,google-meet,teams: a worker row for each).
// Not a timed test: the numbers depend on the machine and on what else runs on it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Account, MAX_SESSION_RANGE_DAYS } from '@session-links/core';
import { createService } from '../packages/server/src/service';
import {
  DEFAULT_GOOGLE_REQUESTS_PER_SECOND,
  DEFAULT_MICROSOFT_REQUESTS_PER_SECOND,
  DEFAULT_ZOOM_REQUESTS_PER_SECOND,
} from '../packages/server/src/service/zoom-pacer';
import { openPgliteStore, openPostgresStore, recreateDatabase, type SqlStore } from '../packages/server/src/store/sql';
import { createFakeZoomGateway } from '../packages/server/src/testing';
import {
  runWorker,
  runWrites,
  seedWriteSite,
  type WorkerProvider,
  type WorkerRow,
  type WriteRow,
  workerLine,
  writeHeader,
  writeLine,
} from './bench-server-writes';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const pgUrl = process.env.SESSION_LINKS_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const only = process.env.BENCH_ONLY; // pglite | postgres
const PARTS = ['reads', 'writes', 'worker'] as const;
const onlyArg = process.argv.indexOf('--only');
const parts = new Set(
  onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '').split(',').filter(Boolean) : (process.env.BENCH_PARTS?.split(',') ?? PARTS),
);
for (const p of parts) {
  if (!(PARTS as readonly string[]).includes(p)) {
    console.error(`bench:server: --only takes ${PARTS.join(', ')} (comma-separated); got ${p}`);
    process.exit(2);
  }
}

// No PostgreSQL given: run again with a throwaway one, which scripts/with-postgres.sh removes afterwards.
if (!pgUrl && only !== 'pglite' && !process.env.BENCH_WRAPPED) {
  const result = spawnSync(
    'bash',
    [
      path.join(root, 'scripts/with-postgres.sh'),
      process.execPath,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, BENCH_WRAPPED: '1' } },
  );
  process.exit(result.status ?? 1);
}

const cli = path.join(root, 'packages/server/src/cli.ts');
const SITE = 'bench';
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const PER_WEEK = 200;
const CONCURRENCY = 50;
const T0 = Date.UTC(2031, 0, 6); // a Monday, far ahead: every session is upcoming
const WEEK = 7 * 86_400_000;
const spacing = WEEK / PER_WEEK;
const rangeEnd = new Date(T0 + SESSIONS * spacing).toISOString();
const STAFF = Array.from({ length: 10 }, (_, i) => `staff-${i}`);
const SERVICES = [
  { id: 'coaching', name: 'Coaching', kind: 'appointment', online: true },
  { id: 'yoga', name: 'Yoga', kind: 'class', online: true },
  { id: 'pilates', name: 'Pilates', kind: 'class', online: true },
  { id: 'course-a', name: 'Course A', kind: 'course', online: true },
  { id: 'massage', name: 'Massage', kind: 'appointment', online: false },
] as const;
const ZOOM_ACCOUNT = 'zoom-bench-staff-0';

const load1 = () => os.loadavg()[0] ?? 0;

// ---- seeding, in bulk through the store ---------------------------------------------------

/**
 * One site with the mix a calendar has: a custom default, staff with custom accounts and one
 * with Zoom (a ready meeting for each of its sessions), a course link, an override on every
 * 50th session. Host rows go in as multi-row inserts of 1,000, all in one transaction.
 */
async function seed(store: SqlStore): Promise<string> {
  const t = performance.now();
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('host_sites')
      .values({
        id: SITE,
        name: 'Bench studio',
        plan: JSON.stringify({ id: 'business', name: 'Business', includesOnlineSessions: true }),
      })
      .execute();
    await trx
      .insertInto('host_members')
      .values({ site_id: SITE, user_id: 'owner', name: 'Owner', role: 'owner', staff_id: null })
      .execute();
    await trx
      .insertInto('host_members')
      .values({ site_id: SITE, user_id: 'staff-user', name: 'Staff 1', role: 'staff', staff_id: 'staff-1' })
      .execute();
    await trx
      .insertInto('host_staff')
      .values(STAFF.map((id) => ({ site_id: SITE, id, name: `Staff ${id}`, email: `${id}@bench.example` })))
      .execute();
    await trx
      .insertInto('host_services')
      .values(SERVICES.map((s) => ({ site_id: SITE, id: s.id, name: s.name, kind: s.kind, online: s.online })))
      .execute();
    const account = (id: string, url: string): Account => ({
      id,
      kind: 'custom',
      health: 'connected',
      provider: 'other',
      link: { url },
    });
    await trx
      .insertInto('sl_settings')
      .values({
        site_id: SITE,
        default_account: JSON.stringify(account('default-custom', 'https://meet.google.com/abc-defg-hij')),
        version: 1,
      })
      .execute();
    const zoom: Account = { id: ZOOM_ACCOUNT, kind: 'zoom', health: 'connected', user: { email: 'zoom@bench.example', name: 'Zoom' } };
    await trx
      .insertInto('sl_staff_accounts')
      .values([
        { site_id: SITE, staff_id: 'staff-0', account: JSON.stringify(zoom), version: 1 },
        ...STAFF.slice(1, 4).map((id) => ({
          site_id: SITE,
          staff_id: id,
          account: JSON.stringify(account(`${id}-custom`, `https://whereby.com/${id}`)),
          version: 1,
        })),
      ])
      .execute();
    await trx
      .insertInto('sl_course_links')
      .values({
        site_id: SITE,
        service_id: 'course-a',
        link: JSON.stringify({ url: 'https://teams.microsoft.com/l/course-a' }),
        version: 1,
      })
      .execute();
    for (let from = 0; from < SESSIONS; from += 1000) {
      const rows = [];
      const meetings = [];
      const overrides = [];
      for (let i = from; i < Math.min(SESSIONS, from + 1000); i += 1) {
        const start = new Date(T0 + i * spacing).toISOString();
        const service = SERVICES[i % SERVICES.length]?.id as string;
        const staffId = i % 7 === 0 ? null : (STAFF[i % STAFF.length] as string);
        rows.push({
          site_id: SITE,
          id: `s-${i}`,
          service_id: service,
          staff_id: staffId,
          start,
          end: new Date(T0 + i * spacing + 3_600_000).toISOString(),
          start_at: start,
        });
        if (staffId === 'staff-0' && service !== 'course-a') {
          meetings.push({
            site_id: SITE,
            account_id: ZOOM_ACCOUNT,
            session_id: `s-${i}`,
            status: 'ready',
            start,
            start_at: start,
            duration_minutes: 60,
            topic: service,
            zoom_meeting_id: String(90_000_000_000 + i),
            join_url: `https://zoom.us/j/${90_000_000_000 + i}`,
            start_url: `https://zoom.us/s/${90_000_000_000 + i}?zak=host`,
            password: 'pw',
            attempts: 1,
            updated_at: start,
          });
        }
        if (i % 50 === 25) {
          overrides.push({
            site_id: SITE,
            session_id: `s-${i}`,
            override: JSON.stringify({
              kind: 'link',
              link: { type: 'CUSTOM', provider: 'google-meet', guestUrl: `https://meet.google.com/s-${i}` },
            }),
            version: 1,
          });
        }
      }
      await trx.insertInto('host_sessions').values(rows).execute();
      if (meetings.length > 0) await trx.insertInto('sl_meetings').values(meetings).execute();
      if (overrides.length > 0) await trx.insertInto('sl_session_overrides').values(overrides).execute();
    }
  });
  await store.analyze();
  const ms = performance.now() - t;
  return `seeded ${SESSIONS} sessions in bulk through the store in ${(ms / 1000).toFixed(2)} s (${Math.round(SESSIONS / (ms / 1000))} sessions/s)`;
}

// ---- the server under test ------------------------------------------------------------

interface Server {
  child: ChildProcess;
  port: number;
  /** PostgreSQL's postmaster: the CPU of its processes (the backends) is counted per target. */
  postmaster?: number;
}

async function startServer(env: NodeJS.ProcessEnv, dataDir: string, postmaster?: number): Promise<Server> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      '--conditions=@session-links/source',
      cli,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--data',
      dataDir,
      '--dev-auth',
    ],
    // The default rate limiter would answer a load test with 429s: it measures the server, not the limiter.
    // --dev-auth runs only in development (R27).
    { cwd: root, env: { ...env, SESSION_LINKS_RATE_LIMIT: 'off', NODE_ENV: 'development' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m?.[1]) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${out}`)));
  });
  return { child, port, postmaster };
}

async function stopServer({ child }: Server): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// ---- the one load loop ------------------------------------------------------------------

interface Target {
  op: string;
  path: string;
  concurrency: number;
  user?: string;
  /** Refetch with `If-None-Match` (the last answer's ETag), as a widget does on focus: 304s count as answers. */
  conditional?: boolean;
}

interface Row {
  store: string;
  op: string;
  concurrency: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  bytes: number;
  loadBefore: number;
  loadAfter: number;
  /** Answers that were 304 Not Modified (conditional targets). */
  notModified: number;
  /** CPU ms per answer: the server process, the PostgreSQL processes (null: PGlite runs in the server), this load generator. */
  cpuServer: number | null;
  cpuPg: number | null;
  cpuGen: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** One GET over a keep-alive agent; node:http costs the client less CPU than fetch, and the client shares the machine. */
function get(
  agent: http.Agent,
  port: number,
  target: Target,
  signal: AbortSignal,
  etag?: string,
): Promise<{ status: number; bytes: number; etag?: string }> {
  const headers: Record<string, string> = { authorization: `Bearer dev:${target.user ?? 'owner'}` };
  if (etag) headers['if-none-match'] = etag;
  return new Promise((resolve, reject) => {
    const req = http.get({ agent, host: '127.0.0.1', port, path: target.path, signal, headers }, (res) => {
      // Only counts the bytes: parsing 200 sessions here would take CPU from the server.
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, etag: res.headers.etag }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/**
 * One keep-alive connection speaking just the HTTP/1.1 the bench needs, as wrk or autocannon
 * do: the request is one prebuilt write, the answer is read up to its Content-Length without
 * a full HTTP parser or per-chunk events — so the generator takes less of the CPU the server
 * and PostgreSQL share with it. One request at a time (no pipelining). `BENCH_CLIENT=http`
 * uses node:http instead.
 */
class RawConnection {
  private socket: net.Socket | null = null;
  private head: Buffer | null = null;
  private expected = -1;
  private received = 0;
  private status = 0;
  private etag: string | undefined;
  private pending: { resolve: (r: { status: number; bytes: number; etag?: string }) => void; reject: (e: Error) => void } | null = null;

  constructor(
    private readonly port: number,
    signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.fail(new Error('aborted')), { once: true });
  }

  get(path: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; etag?: string }> {
    if (!this.socket) {
      const socket = net.connect(this.port, '127.0.0.1');
      socket.setNoDelay(true);
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('error', (e) => this.fail(e));
      socket.on('close', () => this.fail(new Error('connection closed')));
      this.socket = socket;
    }
    let text = `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1:${this.port}\r\n`;
    for (const [k, v] of Object.entries(headers)) text += `${k}: ${v}\r\n`;
    this.head = null;
    this.expected = -1;
    this.received = 0;
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket?.write(`${text}\r\n`);
    });
  }

  private onData(chunk: Buffer): void {
    if (this.expected < 0) {
      this.head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      const end = this.head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const text = this.head.toString('latin1', 0, end);
      this.status = Number(text.slice(9, 12));
      this.etag = /\r\netag: *([^\r]+)/i.exec(text)?.[1];
      const length = /\r\ncontent-length: *(\d+)/i.exec(text)?.[1];
      if (length === undefined && this.status !== 304) {
        this.fail(new Error('no content-length'));
        return;
      }
      this.expected = Number(length ?? 0);
      this.received = this.head.length - end - 4;
      this.head = null;
    } else {
      this.received += chunk.length;
    }
    if (this.received >= this.expected) {
      const pending = this.pending;
      this.pending = null;
      if (this.received > this.expected) this.fail(new Error('more bytes than Content-Length'));
      else pending?.resolve({ status: this.status, bytes: this.received, etag: this.etag });
    }
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    this.socket?.destroy();
    this.socket = null;
    pending?.reject(error);
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }
}

const RAW_CLIENT = process.env.BENCH_CLIENT !== 'http';

/**
 * `concurrency` workers each send their next request when the previous answer is complete.
 * Counted: the answers completed after a one-second warm-up, for `seconds` (latency: of those
 * also sent after it, so a cold server's first round does not count) — or, when
 * answers are slow (the 10,000-session range), until at least five (one connection) or ten
 * have come. Requests still in flight then are aborted, so a target takes a bounded time.
 * Latency is per request, from sending to the last byte.
 */
async function runTarget(store: string, server: Server, target: Target, seconds = SECONDS): Promise<Row> {
  const { port } = server;
  const agent = new http.Agent({ keepAlive: true, maxSockets: target.concurrency });
  const loadBefore = load1();
  const times: number[] = [];
  let errors = 0;
  let bytes = 0;
  let notModified = 0;
  /** Answers completed after the warm-up (the rate); `times` holds those also sent after it. */
  let answered = 0;
  type Cpu = { server: number | null; pg: number | null; gen: NodeJS.CpuUsage };
  let counted = null as Cpu | null;
  const warmUntil = performance.now() + 1000;
  const endAt = warmUntil + seconds * 1000;
  let stoppedAt = 0;
  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // one listener per connection
  const done = () => performance.now() >= endAt && times.length + errors >= Math.min(Math.max(target.concurrency, 5), 10);
  const stop = () => {
    if (stoppedAt === 0) stoppedAt = performance.now();
    abort.abort();
  };
  const timer = setInterval(() => {
    if (done()) stop();
  }, 50);
  const cpuNow = () => ({
    server: server.child.pid === undefined ? null : processCpuMs(server.child.pid),
    pg: server.postmaster === undefined ? null : postgresCpuMs(server.postmaster),
    gen: process.cpuUsage(),
  });
  const worker = async () => {
    let etag: string | undefined;
    const raw = RAW_CLIENT ? new RawConnection(port, abort.signal) : null;
    while (!abort.signal.aborted) {
      const t = performance.now();
      try {
        const sendTag = target.conditional ? etag : undefined;
        const res = raw
          ? await raw.get(target.path, {
              authorization: `Bearer dev:${target.user ?? 'owner'}`,
              ...(sendTag ? { 'if-none-match': sendTag } : {}),
            })
          : await get(agent, port, target, abort.signal, sendTag);
        const end = performance.now();
        if (res.status !== 200 && !(res.status === 304 && etag)) throw new Error(`status ${res.status}`);
        if (res.status === 200) etag = res.etag;
        if (end >= warmUntil && !abort.signal.aborted) {
          counted ??= cpuNow();
          answered += 1;
          // Latency only of requests sent after the warm-up: one sent before it (a cold server's
          // first round, 50 at once) is not what the target measures, though it ends inside.
          if (t >= warmUntil) {
            times.push(end - t);
            if (res.status === 304) notModified += 1;
          }
          if (res.status !== 304) bytes = res.bytes;
        }
      } catch {
        if (performance.now() >= warmUntil && !abort.signal.aborted) errors += 1;
      }
      if (done()) stop();
    }
    raw?.close();
  };
  await Promise.all(Array.from({ length: target.concurrency }, worker));
  const cpuEnd = cpuNow();
  clearInterval(timer);
  const elapsed = (stoppedAt - warmUntil) / 1000;
  const perAnswer = (a: number | null | undefined, b: number | null) =>
    a === null || a === undefined || b === null || answered === 0 ? null : (b - a) / answered;
  const gen = counted ? process.cpuUsage(counted.gen) : { user: 0, system: 0 };
  agent.destroy();
  times.sort((a, b) => a - b);
  return {
    store,
    op: target.op,
    concurrency: target.concurrency,
    requests: times.length,
    rps: answered / elapsed,
    p50: pct(times, 50),
    p99: pct(times, 99),
    max: times.at(-1) ?? 0,
    errors,
    bytes,
    loadBefore,
    loadAfter: load1(),
    notModified,
    cpuServer: perAnswer(counted?.server, cpuEnd.server),
    cpuPg: perAnswer(counted?.pg, cpuEnd.pg),
    cpuGen: answered === 0 ? 0 : (gen.user + gen.system) / 1000 / answered,
  };
}

const q = (from: number, to: string | number) =>
  `from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(typeof to === 'string' ? to : new Date(to).toISOString())}`;
const api = `/api/session-links/sites/${SITE}`;
const weekQuery = q(T0 + 10 * WEEK, T0 + 11 * WEEK);
// The widest range one request may ask for (R26: MAX_SESSION_RANGE_DAYS); a client pages longer ones.
const capQuery = q(T0 + 10 * WEEK, T0 + 10 * WEEK + MAX_SESSION_RANGE_DAYS * 864e5);
const ALL_TARGETS: Target[] = [
  { op: 'getSettings', path: `${api}/settings`, concurrency: CONCURRENCY },
  { op: 'listSessions week (200)', path: `${api}/sessions?${weekQuery}`, concurrency: CONCURRENCY },
  { op: 'listSessions week (200)', path: `${api}/sessions?${weekQuery}`, concurrency: 1 },
  { op: 'listSessions week, staff', path: `${api}/sessions?${weekQuery}`, concurrency: CONCURRENCY, user: 'staff-user' },
  { op: `listSessions ${MAX_SESSION_RANGE_DAYS} days (cap)`, path: `${api}/sessions?${capQuery}`, concurrency: 1 },
  { op: `listSessions ${MAX_SESSION_RANGE_DAYS} days (cap)`, path: `${api}/sessions?${capQuery}`, concurrency: CONCURRENCY },
];
// Refetches with If-None-Match (304 without a body): a host's widgets on focus. Not the goal's figure, which is full answers.
if (process.env.BENCH_CONDITIONAL !== '0') {
  ALL_TARGETS.push(
    { op: 'getSettings, If-None-Match', path: `${api}/settings`, concurrency: CONCURRENCY, conditional: true },
    { op: 'listSessions week, If-None-Match', path: `${api}/sessions?${weekQuery}`, concurrency: CONCURRENCY, conditional: true },
  );
}
const TARGETS = process.env.BENCH_OPS ? ALL_TARGETS.filter((t) => new RegExp(process.env.BENCH_OPS as string).test(t.op)) : ALL_TARGETS;

const HEADER =
  'store       operation                             conc  requests     rps    p50 ms    p99 ms    max ms  errors    body   CPU ms/answer: server   pg  gen   load 1m';
const cpu = (n: number | null) => (n === null ? '–' : n.toFixed(2)).padStart(5);
const line = (r: Row) =>
  `${r.store.padEnd(11)} ${r.op.padEnd(36)} ${String(r.concurrency).padStart(5)} ${String(r.requests).padStart(9)} ${r.rps
    .toFixed(0)
    .padStart(7)} ${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(9)} ${r.max.toFixed(1).padStart(9)} ${String(
    r.errors,
  ).padStart(
    7,
  )} ${`${(r.bytes / 1024).toFixed(0)} kB`.padStart(7)}${r.notModified > 0 ? ` (${Math.round((100 * r.notModified) / r.requests)}% 304)` : ''}` +
  `                  ${cpu(r.cpuServer)} ${cpu(r.cpuPg)} ${cpu(r.cpuGen)}   ${r.loadBefore.toFixed(1)}→${r.loadAfter.toFixed(1)}`;

// ---- where the time goes (in process, no HTTP) -------------------------------------------

/**
 * Counts every statement and the wall time during which at least one was in flight (the
 * union of their intervals: statements sent together through Promise.all overlap), through
 * the store's Kysely log.
 */
function statementCounter() {
  const stats = { statements: 0, ms: 0 };
  let busyUntil = 0;
  const log = (event: { queryDurationMillis: number }) => {
    const end = performance.now();
    const start = end - event.queryDurationMillis;
    stats.statements += 1;
    stats.ms += end - Math.max(start, Math.min(busyUntil, end));
    busyUntil = Math.max(busyUntil, end);
  };
  return { stats, log };
}

/** CPU time (ms) a process has used, from /proc (Linux): the PostgreSQL backend's share of a request. */
function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** The parent of a process (the postmaster of a PostgreSQL backend). */
function parentPid(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) || undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (ms) of every child of the postmaster (backends, writers) so far, from /proc (Linux). */
function postgresCpuMs(postmaster: number): number | null {
  let total = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      if (parentPid(Number(entry)) === postmaster) total += processCpuMs(Number(entry)) ?? 0;
    }
  } catch {
    return null;
  }
  return total;
}

/**
 * The same reads one at a time in process, no HTTP. Besides wall time (which a loaded
 * machine inflates), CPU time: this process's (service, driver, and for PGlite the
 * database too) and the PostgreSQL backend's, read from /proc — those hold on a busy machine.
 */
async function breakdown(label: string, store: SqlStore, stats: { statements: number; ms: number }): Promise<string[]> {
  const service = createService({ store, zoom: createFakeZoomGateway() });
  const caller = { userId: 'owner', origin: 'http://127.0.0.1' };
  let backendPid: number | null = null;
  if (store.driver === 'postgres') {
    const rows = await store.db.selectNoFrom((eb) => eb.fn<number>('pg_backend_pid').as('pid')).execute();
    backendPid = rows[0]?.pid ?? null;
  }
  const cases: [string, () => Promise<unknown>, number][] = [
    ['getSettings', () => service.operations.getSettings(caller, { siteId: SITE }), 300],
    [
      'listSessions week',
      () =>
        service.operations.listSessions(
          caller,
          { siteId: SITE },
          { from: new Date(T0 + 10 * WEEK).toISOString(), to: new Date(T0 + 11 * WEEK).toISOString() },
        ),
      200,
    ],
    [
      `listSessions ${SESSIONS}`,
      () => service.operations.listSessions(caller, { siteId: SITE }, { from: new Date(T0).toISOString(), to: rangeEnd }),
      10,
    ],
  ];
  const lines: string[] = [];
  for (const [op, fn, runs] of cases) {
    for (let i = 0; i < Math.min(runs, 20); i += 1) await fn(); // warm up
    stats.statements = 0;
    stats.ms = 0;
    let result: unknown;
    const cpu0 = process.cpuUsage();
    const pg0 = backendPid === null ? null : processCpuMs(backendPid);
    const t = performance.now();
    for (let i = 0; i < runs; i += 1) result = await fn();
    const total = (performance.now() - t) / runs;
    const cpu = process.cpuUsage(cpu0);
    const pg1 = backendPid === null ? null : processCpuMs(backendPid);
    const nodeCpu = (cpu.user + cpu.system) / 1000 / runs;
    const pgCpu = pg0 === null || pg1 === null ? null : (pg1 - pg0) / runs;
    const t2 = performance.now();
    for (let i = 0; i < runs; i += 1) JSON.stringify(result);
    const json = (performance.now() - t2) / runs;
    const db = stats.ms / runs;
    const f = (n: number) => n.toFixed(2).padStart(7);
    lines.push(
      `${label.padEnd(11)} ${op.padEnd(19)} ${(stats.statements / runs).toFixed(0).padStart(3)} ${f(total)} ${f(db)} ${f(total - db)} ` +
        `${f(nodeCpu)} ${pgCpu === null ? '      –' : f(pgCpu)} ${f(json)}`,
    );
  }
  return lines;
}

// ---- the run ---------------------------------------------------------------------------------

console.log(
  `bench:server — ${SESSIONS} sessions (${PER_WEEK}/week), ${CONCURRENCY} concurrent keep-alive connections, ${SECONDS} s per target after 1 s warm-up, ` +
    `Node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
console.log('The load generator runs on the same machine as the server and the database: it takes CPU from them.\n');

const { DATABASE_URL: _ignored, SESSION_LINKS_TEST_DATABASE_URL: _ignored2, ...baseEnv } = process.env;
const rows: Row[] = [];
const writeRows: WriteRow[] = [];
const workerRows: WorkerRow[] = [];
const notes: string[] = [];
const where: string[] = [];
const reads = parts.has('reads');
const writes = parts.has('writes');
const WORKER = {
  accounts: Number(process.env.BENCH_WORKER_ACCOUNTS ?? 100),
  meetings: Number(process.env.BENCH_WORKER_MEETINGS ?? 10_000),
  perSecond: Number(process.env.BENCH_ZOOM_RATE ?? DEFAULT_ZOOM_REQUESTS_PER_SECOND),
  googlePerSecond: Number(process.env.BENCH_GOOGLE_RATE ?? DEFAULT_GOOGLE_REQUESTS_PER_SECOND),
  microsoftPerSecond: Number(process.env.BENCH_MICROSOFT_RATE ?? DEFAULT_MICROSOFT_REQUESTS_PER_SECOND),
  seconds: Number(process.env.BENCH_WORKER_SECONDS ?? 240),
};
const WORKER_PROVIDERS = (process.env.BENCH_WORKER_PROVIDERS ?? 'zoom,google-meet,teams').split(',').filter(Boolean) as WorkerProvider[];

async function benchStore(name: string, open: () => Promise<SqlStore>, serverEnv: NodeJS.ProcessEnv, dataDir: string) {
  if (!reads && !writes) return;
  const store = await open();
  let postmaster: number | undefined;
  try {
    if (reads) notes.push(`${name}: ${await seed(store)}`);
    if (writes) notes.push(`${name}: ${await seedWriteSite(store)}`);
    if (store.driver === 'postgres') {
      const rows = await store.db.selectNoFrom((eb) => eb.fn<number>('pg_backend_pid').as('pid')).execute();
      postmaster = rows[0]?.pid === undefined ? undefined : parentPid(rows[0].pid);
    }
  } finally {
    await store.close();
  }
  const server = await startServer(serverEnv, dataDir, postmaster);
  try {
    for (const target of reads ? TARGETS : []) {
      const row = await runTarget(name, server, target);
      rows.push(row);
      console.log(line(row));
    }
    if (writes) {
      const load = load1();
      for (const row of await runWrites(name, server.port)) {
        writeRows.push(row);
        console.log(writeLine(row));
      }
      notes.push(`${name}: writes ran at load average ${load.toFixed(1)}→${load1().toFixed(1)} (1 min)`);
    }
  } finally {
    await stopServer(server);
  }
  // The same week's reads with the read cache off, for comparison.
  const uncached = TARGETS.filter((t) => (t.op.startsWith('listSessions week') || t.op === 'getSettings') && !t.conditional);
  if (!reads || process.env.BENCH_NO_CACHE === '0' || uncached.length === 0) return;
  const plain = await startServer({ ...serverEnv, SESSION_LINKS_READ_CACHE: 'off' }, dataDir, postmaster);
  try {
    for (const target of uncached) {
      const row = await runTarget(name, plain, { ...target, op: `${target.op}, no cache` });
      rows.push(row);
      console.log(line(row));
    }
  } finally {
    await stopServer(plain);
  }
}

/** The meeting worker on its own database (or folder): no server beside it. */
async function benchWorker(
  name: string,
  open: () => Promise<SqlStore>,
  env: NodeJS.ProcessEnv,
  dataDir: string,
  provider: WorkerProvider = 'zoom',
) {
  if (!parts.has('worker')) return;
  const load = load1();
  const row = await runWorker(name, open, { cli, cwd: root, env, args: ['--data', dataDir] }, { ...WORKER, provider });
  workerRows.push(row);
  console.log(`${workerLine(row)}   load ${load.toFixed(1)}→${load1().toFixed(1)}`);
}

if (reads || writes) console.log(HEADER);
if (only !== 'postgres') {
  const dir = mkdtempSync(path.join(tmpdir(), 'session-links-bench-'));
  const workerDir = mkdtempSync(path.join(tmpdir(), 'session-links-bench-worker-'));
  try {
    await benchStore('PGlite', () => openPgliteStore({ dataDir: dir }), { ...baseEnv }, dir);
    if (reads && process.env.BENCH_BREAKDOWN !== '0') {
      const { stats, log } = statementCounter();
      const store = await openPgliteStore({ dataDir: dir, log });
      try {
        where.push(...(await breakdown('PGlite', store, stats)));
      } finally {
        await store.close();
      }
    }
    for (const provider of WORKER_PROVIDERS) {
      // A folder of its own per provider: each run seeds the worker's site afresh.
      const providerDir = path.join(workerDir, provider);
      await benchWorker('PGlite', () => openPgliteStore({ dataDir: providerDir }), { ...baseEnv }, providerDir, provider);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(workerDir, { recursive: true, force: true });
  }
}
if (only !== 'pglite' && pgUrl) {
  const url = await recreateDatabase(pgUrl, 'sl_bench');
  await benchStore('PostgreSQL', () => openPostgresStore({ connectionString: url }), { ...baseEnv, DATABASE_URL: url }, '/nonexistent');
  if (reads && process.env.BENCH_BREAKDOWN !== '0') {
    const { stats, log } = statementCounter();
    const store = await openPostgresStore({ connectionString: url, max: 1, log });
    try {
      where.push(...(await breakdown('PostgreSQL', store, stats)));
    } finally {
      await store.close();
    }
  }
  for (const provider of parts.has('worker') ? WORKER_PROVIDERS : []) {
    const workerUrl = await recreateDatabase(pgUrl, `sl_bench_worker_${provider.replace('-', '_')}`);
    await benchWorker(
      'PostgreSQL',
      () => openPostgresStore({ connectionString: workerUrl }),
      { ...baseEnv, DATABASE_URL: workerUrl },
      '/nonexistent',
      provider,
    );
  }
}

console.log('');
for (const n of notes) console.log(n);
if (where.length > 0) {
  console.log('\nWhere the time goes — one request at a time, in process (no HTTP), ms per request:');
  console.log('  stmts: SQL statements per request (BEGIN/COMMIT included); wall = database (statements in flight) + service (rules,');
  console.log(
    '  redaction, row mapping); CPU: this process (service, driver; PGlite runs inside it) and the PostgreSQL backend; JSON: stringify.',
  );
  console.log('store       operation           stmts    wall  database  service  node CPU  pg CPU    JSON');
  for (const w of where) console.log(w);
}
if (writeRows.length > 0) {
  console.log(`\n${writeHeader}`);
  for (const r of writeRows) console.log(writeLine(r));
}
if (workerRows.length > 0) {
  console.log(
    `\nMeeting worker: ${WORKER.meetings} pending meetings of ${WORKER.accounts} accounts of one provider per row, paced per account at ` +
      `Zoom ${WORKER.perSecond}/s (the fake Zoom allowing as many creates), Google ${WORKER.googlePerSecond}/s (the fake Google allowing 600 ` +
      `calls a minute), Microsoft ${WORKER.microsoftPerSecond}/s (the fake Microsoft allowing as many calls):`,
  );
  for (const r of workerRows) console.log(workerLine(r));
}
if (reads) {
  console.log(
    `\nrps: answers per second over the ${SECONDS} s after warm-up (longer when one answer takes longer); p50/p99/max: latency from sending to the last byte; load 1m: os.loadavg()[0] before→after the target.` +
      '\nGoals (issue 13): PostgreSQL listSessions week p99 ≤ 25 ms at 50 connections. Since issue 20 one request reads at most 62 days (a client pages).',
  );
}
if (writes || parts.has('worker')) {
  console.log(
    'Goals (issue 20), PostgreSQL: one session’s change p99 ≤ 30 ms; replacing the default ≤ 1 s; the worker never answered 429 and close to its limit.',
  );
}
