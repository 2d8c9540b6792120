// pnpm bench:server — the server over loopback HTTP, on PGlite and on PostgreSQL.
//
// Starts `session-links-server` (the CLI) as a child process per database, seeds one site
// through the host sync API (10,000 sessions, ~200 a week, a custom default link, a few
// staff accounts), then loads it with 50 concurrent keep-alive connections and prints
// requests per second and p50/p99 for getSettings, listSessions of one week and
// listSessions of the whole 10,000-session range. Afterwards it times the same reads
// in-process (store only, service without HTTP) to show where the time goes.
//
// PostgreSQL: DATABASE_URL or SESSION_LINKS_TEST_DATABASE_URL (the root script runs this
// under scripts/with-postgres.sh, which provides a throwaway server). Not a timed test.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createService } from '../packages/server/src/service';
import { openPgliteStore, openPostgresStore, recreateDatabase, type SqlStore } from '../packages/server/src/sql';
import { createFakeZoomGateway } from '../packages/server/src/zoom/fake';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'packages/server/src/cli.ts');
const SECRET = 'bench-sync-secret';
const SITE = 'bench';
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10_000);
const PER_WEEK = 200;
const CONCURRENCY = 50;
const T0 = Date.UTC(2031, 0, 6); // a Monday, far enough ahead that nothing is "past"
const WEEK = 7 * 86_400_000;
const spacing = WEEK / PER_WEEK;
const rangeEnd = new Date(T0 + SESSIONS * spacing).toISOString();

interface Server {
  child: ChildProcess;
  base: string;
}

async function startServer(env: NodeJS.ProcessEnv, dataDir: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@session-links/source', cli, '--port', '0', '--data', dataDir, '--dev-auth'],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(`${m[1]}/api/session-links`);
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${out}`)));
  });
  return { child, base };
}

async function stopServer({ child }: Server): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function call(url: string, init: RequestInit & { user?: string; sync?: boolean } = {}): Promise<unknown> {
  const headers = new Headers(init.headers);
  if (init.body) headers.set('content-type', 'application/json');
  if (init.user) headers.set('authorization', `Bearer dev:${init.user}`);
  if (init.sync) headers.set('x-session-links-sync-secret', SECRET);
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Runs `tasks` with at most `n` in flight. */
async function pool<T>(n: number, count: number, task: (i: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, count) }, async () => {
      while (next < count) {
        const i = next++;
        await task(i);
      }
    }),
  );
}

async function seed(base: string): Promise<void> {
  const sync = `${base}/sync/sites/${SITE}`;
  const put = (url: string, body: unknown) => call(url, { method: 'PUT', body: JSON.stringify(body), sync: true });
  await put(sync, { name: 'Bench studio', plan: { id: 'business', name: 'Business', includesOnlineSessions: true } });
  await put(`${sync}/members/owner`, { name: 'Owner', role: 'owner', staffId: null });
  const staff = Array.from({ length: 10 }, (_, i) => `staff-${i}`);
  for (const id of staff) await put(`${sync}/staff/${id}`, { name: `Staff ${id}`, email: `${id}@bench.example` });
  const services = [
    { id: 'coaching', name: 'Coaching', kind: 'appointment', online: true },
    { id: 'yoga', name: 'Yoga', kind: 'class', online: true },
    { id: 'pilates', name: 'Pilates', kind: 'class', online: true },
    { id: 'massage', name: 'Massage', kind: 'appointment', online: false },
  ];
  for (const s of services) await put(`${sync}/services/${s.id}`, { name: s.name, kind: s.kind, online: s.online });
  const t = performance.now();
  let done = 0;
  await pool(CONCURRENCY, SESSIONS, async (i) => {
    if (++done % 1000 === 0) process.stdout.write(`  … ${done} sessions synced\n`);
    const start = T0 + i * spacing;
    await put(`${sync}/sessions/s-${i}`, {
      serviceId: services[i % services.length]?.id,
      staffId: i % 7 === 0 ? null : staff[i % staff.length],
      start: new Date(start).toISOString(),
      end: new Date(start + 3_600_000).toISOString(),
    });
  });
  const ms = performance.now() - t;
  console.log(
    `  seeded ${SESSIONS} sessions through the sync API in ${(ms / 1000).toFixed(1)} s (${Math.round(SESSIONS / (ms / 1000))}/s)`,
  );
  const api = `${base}/sites/${SITE}`;
  await call(`${api}/settings/default-account`, {
    method: 'PUT',
    user: 'owner',
    body: JSON.stringify({ link: { url: 'https://meet.google.com/abc-defg-hij' }, version: 0 }),
  });
  for (const id of staff.slice(0, 3)) {
    await call(`${api}/staff/${id}/account`, {
      method: 'PUT',
      user: 'owner',
      body: JSON.stringify({ link: { url: `https://whereby.com/${id}` }, version: 0 }),
    });
  }
}

interface Result {
  op: string;
  concurrency: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  bytes: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function load(op: string, url: string, concurrency: number, requests: number): Promise<Result> {
  const headers = { authorization: 'Bearer dev:owner' };
  // Warm up: connections, caches, JIT.
  await pool(concurrency, Math.min(requests, concurrency * 2), async () => {
    await (await fetch(url, { headers })).arrayBuffer();
  });
  const times: number[] = [];
  let bytes = 0;
  const t0 = performance.now();
  await pool(concurrency, requests, async () => {
    const t = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${Buffer.from(body).toString()}`);
    bytes = body.byteLength;
  });
  const total = performance.now() - t0;
  times.sort((a, b) => a - b);
  return {
    op,
    concurrency,
    requests,
    rps: requests / (total / 1000),
    p50: pct(times, 50),
    p99: pct(times, 99),
    max: times.at(-1) ?? 0,
    bytes,
  };
}

async function measure(base: string): Promise<Result[]> {
  const api = `${base}/sites/${SITE}`;
  const weekFrom = new Date(T0 + 10 * WEEK).toISOString();
  const weekTo = new Date(T0 + 11 * WEEK).toISOString();
  const week = `${api}/sessions?from=${encodeURIComponent(weekFrom)}&to=${encodeURIComponent(weekTo)}`;
  const all = `${api}/sessions?from=${encodeURIComponent(new Date(T0).toISOString())}&to=${encodeURIComponent(rangeEnd)}`;
  const n = Number(process.env.BENCH_REQUESTS ?? 2000);
  const runs: [string, string, number, number][] = [
    ['getSettings', `${api}/settings`, CONCURRENCY, n],
    ['listSessions, one week', week, CONCURRENCY, n],
    [`listSessions, ${SESSIONS} sessions`, all, 1, 20],
    [`listSessions, ${SESSIONS} sessions`, all, CONCURRENCY, 100],
  ];
  const results: Result[] = [];
  for (const [op, url, c, count] of runs) {
    try {
      const r = await load(op, url, c, count);
      results.push(r);
      print('', [r]); // as it comes, so a later failure keeps what was measured
    } catch (error) {
      console.log(`  ${op} at ${c} concurrent: FAILED — ${(error as Error).message} ${(error as { cause?: Error }).cause?.message ?? ''}`);
    }
  }
  return results;
}

/** The same reads without HTTP: the store's queries, then the whole service call. */
async function breakdown(store: SqlStore): Promise<string[]> {
  const service = createService({ store, zoom: createFakeZoomGateway() });
  const time = async (fn: () => Promise<unknown>, runs = 10) => {
    await fn();
    const t = performance.now();
    for (let i = 0; i < runs; i += 1) await fn();
    return (performance.now() - t) / runs;
  };
  const from = new Date(T0).toISOString();
  const lines: string[] = [];
  for (const [label, to] of [
    ['one week', new Date(T0 + WEEK).toISOString()],
    [`${SESSIONS} sessions`, rangeEnd],
  ] as const) {
    const sessions = await store.transaction((tx) => tx.listSessions(SITE, { from, to }));
    const ids = sessions.map((s) => s.id);
    const q = await time(() => store.transaction((tx) => tx.listSessions(SITE, { from, to })));
    const o = await time(() => store.transaction((tx) => tx.listSessionOverrides(SITE, ids)));
    const m = await time(() => store.transaction((tx) => tx.listMeetings(SITE, { sessionIds: ids })));
    const caller = { userId: 'owner', origin: 'http://127.0.0.1' };
    let result: unknown;
    const s = await time(async () => {
      result = await service.operations.listSessions(caller, { siteId: SITE }, { from, to });
    });
    const j = await time(async () => JSON.stringify(result));
    lines.push(
      `  ${label.padEnd(16)} store: listSessions ${q.toFixed(1)} ms, overrides ${o.toFixed(1)} ms, meetings ${m.toFixed(1)} ms; ` +
        `whole service call ${s.toFixed(1)} ms; JSON.stringify ${j.toFixed(1)} ms`,
    );
  }
  return lines;
}

function print(name: string, results: Result[]) {
  console.log(`\n${name}`);
  console.log('  operation                     conc  requests    req/s     p50 ms    p99 ms    max ms   body');
  for (const r of results) {
    console.log(
      `  ${r.op.padEnd(28)} ${String(r.concurrency).padStart(5)} ${String(r.requests).padStart(9)} ${r.rps.toFixed(0).padStart(8)} ` +
        `${r.p50.toFixed(1).padStart(10)} ${r.p99.toFixed(1).padStart(9)} ${r.max.toFixed(1).padStart(9)}   ${(r.bytes / 1024).toFixed(0)} kB`,
    );
  }
}

const pgUrl = process.env.SESSION_LINKS_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const only = process.env.BENCH_ONLY; // pglite | postgres
const { DATABASE_URL: _ignored, ...baseEnv } = process.env;
console.log(
  `bench:server — ${SESSIONS} sessions (${PER_WEEK}/week), ${CONCURRENCY} concurrent keep-alive connections, Node ${process.version}`,
);

if (only !== 'postgres') {
  const dir = mkdtempSync(path.join(tmpdir(), 'session-links-bench-'));
  try {
    const server = await startServer({ ...baseEnv, SESSION_LINKS_SYNC_SECRET: SECRET }, dir);
    let results: Result[];
    try {
      await seed(server.base);
      results = await measure(server.base);
    } finally {
      await stopServer(server);
    }
    print('PGlite (embedded, one connection)', results);
    const store = await openPgliteStore({ dataDir: dir });
    try {
      console.log('  where the time goes (in-process, no HTTP):');
      for (const line of await breakdown(store)) console.log(line);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (only !== 'pglite') {
  if (!pgUrl) {
    console.log('\nPostgreSQL: skipped (no DATABASE_URL; run `pnpm bench:server`, which starts one)');
  } else {
    const url = await recreateDatabase(pgUrl, 'sl_bench');
    const server = await startServer({ ...baseEnv, DATABASE_URL: url, SESSION_LINKS_SYNC_SECRET: SECRET }, '/nonexistent');
    let results: Result[];
    try {
      await seed(server.base);
      results = await measure(server.base);
    } finally {
      await stopServer(server);
    }
    print('PostgreSQL 15 (pg pool of 10)', results);
    const store = await openPostgresStore({ connectionString: url });
    try {
      console.log('  where the time goes (in-process, no HTTP):');
      for (const line of await breakdown(store)) console.log(line);
    } finally {
      await store.close();
    }
  }
}
