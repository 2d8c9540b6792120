import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POSTGRES_TIMEOUTS } from '../src/store/sql';
import { findPostgresBin, type PgCluster, startPgCluster } from './pg-cluster';

// R25: the server (the CLI) and the meeting worker (`session-links-server worker`) on a
// PostgreSQL of this file's own, which is restarted, stopped, terminated and frozen under them.
const bin = findPostgresBin();
if (!bin) {
  if (process.env.CI)
    throw new Error('faults.pg.test.ts: no PostgreSQL server binaries (/usr/lib/postgresql/*/bin): CI never skips the fault suite');
  console.warn('faults.pg.test.ts: no PostgreSQL server binaries (/usr/lib/postgresql/*/bin or PG_BIN) — fault suite SKIPPED');
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'packages/server/src/cli.ts');
const SECRET = 'faults-test-secret';
const SITE = 'site-studio';
/**
 * How long a request may take while the database is away: a connection not had within the
 * connect timeout, or a statement unanswered a second after the statement timeout, plus
 * a second for the rest of the request on a busy machine.
 */
const BOUND_MS = DEFAULT_POSTGRES_TIMEOUTS.connectTimeoutMs + DEFAULT_POSTGRES_TIMEOUTS.statementTimeoutMs + 2_000;
/** Service is back within this of the database's return. */
const BACK_MS = 10_000;

interface Proc {
  child: ChildProcess;
  output: () => string;
}

function spawnCli(args: string[], env: NodeJS.ProcessEnv): Proc {
  const { DATABASE_URL: _shared, ...clean } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', cli, ...args], {
    cwd: root,
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  return { child, output: () => out };
}

/** Polls `check` until it returns a value (not undefined), or fails after `ms`. */
async function until<T>(what: string, ms: number, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!bin)('PostgreSQL goes away under a running server and worker (R25)', () => {
  let cluster: PgCluster;
  let server: Proc;
  let worker: Proc;
  let api = '';

  interface Answer {
    status: number;
    body: { error?: { code: string; retryAfter?: number } } & Record<string, unknown>;
    retryAfterHeader: string | null;
    ms: number;
  }
  async function call(route: string, init: { method?: string; body?: unknown; sync?: boolean } = {}): Promise<Answer> {
    const headers: Record<string, string> = init.sync ? { 'x-session-links-sync-secret': SECRET } : { authorization: 'Bearer dev:owner' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    // A request that hangs fails here, long after the bound.
    const res = await fetch(`${api}${route}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(BOUND_MS * 3),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: JSON.parse(text),
      retryAfterHeader: res.headers.get('retry-after'),
      ms: performance.now() - started,
    };
  }

  const alive = () => {
    expect(server.child.exitCode, server.output()).toBeNull();
    expect(server.child.signalCode, server.output()).toBeNull();
    expect(worker.child.exitCode, worker.output()).toBeNull();
    expect(worker.child.signalCode, worker.output()).toBeNull();
  };

  /** 503 UNAVAILABLE with retryAfter in the body and the header, within the bound. */
  const expectUnavailable = (a: Answer) => {
    expect(a.status, JSON.stringify(a.body)).toBe(503);
    expect(a.body.error?.code).toBe('UNAVAILABLE');
    expect(a.body.error?.retryAfter).toBeGreaterThan(0);
    expect(a.retryAfterHeader).toBe(String(a.body.error?.retryAfter));
    expect(a.ms).toBeLessThan(BOUND_MS);
  };

  // ---- acknowledged writes: a synced session each, and a versioned template -------------

  let automation = '';
  const sessions: string[] = [];
  let template = { subject: '', body: '', joinOnline: true, version: 0 };
  const templateRoute = () => `/sites/${SITE}/automations/${automation}/template`;

  // Within the worker's horizon, so the site's Zoom default gets each a meeting.
  const inTwoDays = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 86_400_000;
  const at = (hours: number) => new Date(inTwoDays + hours * 3_600_000).toISOString();

  async function write(tag: string) {
    const id = `fault-${tag}`;
    const synced = await call(`/sync/sites/${SITE}/sessions/${id}`, {
      method: 'PUT',
      sync: true,
      body: { serviceId: 'yoga', staffId: 'chris', start: at(sessions.length), end: at(sessions.length + 1) },
    });
    expect(synced.status, JSON.stringify(synced.body)).toBe(200);
    sessions.push(id);
    const saved = await call(templateRoute(), { method: 'PUT', body: { ...template, subject: `subject ${tag}` } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    template = saved.body as unknown as typeof template;
    expect(template.subject).toBe(`subject ${tag}`);
  }

  /** Writes attempted while the database is away: refused with UNAVAILABLE, and nothing of them is there afterwards. */
  async function writeDuringOutage(tag: string) {
    expectUnavailable(
      await call(`/sync/sites/${SITE}/sessions/lost-${tag}`, {
        method: 'PUT',
        sync: true,
        body: { serviceId: 'yoga', staffId: 'bram', start: '2030-03-02T18:00:00.000Z', end: '2030-03-02T19:00:00.000Z' },
      }),
    );
    expectUnavailable(await call(templateRoute(), { method: 'PUT', body: { ...template, subject: `lost ${tag}` } }));
  }

  /** Service is back (polled), and every acknowledged write is there, nothing of a refused one. */
  async function backWithEverything(lost?: string) {
    const back = performance.now();
    await until('service back', BACK_MS, async () => ((await call(`/sites/${SITE}/me`)).status === 200 ? true : undefined));
    expect(performance.now() - back).toBeLessThan(BACK_MS);
    const now = await call(templateRoute());
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({ subject: template.subject, version: template.version });
    for (const id of sessions) expect((await call(`/sites/${SITE}/sessions/${id}`)).status, id).toBe(200);
    if (lost) expect((await call(`/sites/${SITE}/sessions/lost-${lost}`)).status).toBe(404);
    alive();
  }

  beforeAll(async () => {
    cluster = await startPgCluster(bin as string);
    const env = { DATABASE_URL: cluster.url, SESSION_LINKS_SYNC_SECRET: SECRET };
    server = spawnCli(['--port', '0', '--seed', 'zoom-default', '--dev-auth'], env);
    api = await until('the server listening', 60_000, () => {
      if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(server.output());
      return m?.[1] ? `${m[1]}/api/session-links` : undefined;
    });
    worker = spawnCli(['worker', '--zoom', 'in-process'], env);
    await until('the worker running', 60_000, () => (/meeting worker running/.test(worker.output()) ? true : undefined));
    const automations = await call(`/sites/${SITE}/automations`);
    automation = (automations.body as unknown as { id: string }[])[0]?.id as string;
    const current = await call(templateRoute());
    template = current.body as unknown as typeof template;
  }, 120_000);

  afterAll(async () => {
    for (const p of [server, worker]) if (p && p.child.exitCode === null) p.child.kill('SIGKILL');
    await cluster?.destroy();
  });

  it('a restart (pg_ctl restart -m fast): requests during it are answered 200 or 503 UNAVAILABLE, service is back at once', async () => {
    await write('restart');
    const answers: Answer[] = [];
    let restarting = true;
    const load = (async () => {
      while (restarting) answers.push(await call(`/sites/${SITE}/sessions/${sessions[0]}`));
    })();
    await cluster.restart();
    await backWithEverything();
    restarting = false;
    await load;
    for (const a of answers) {
      if (a.status !== 200) expectUnavailable(a);
    }
  });

  it('a stop, then a start: UNAVAILABLE while stopped, the worker says so in one line, nothing refused is written', async () => {
    await write('stop');
    await cluster.stop();
    expectUnavailable(await call(`/sites/${SITE}/me`));
    expectUnavailable(await call(`/sites/${SITE}/sessions/${sessions[0]}`));
    await writeDuringOutage('stop');
    // The worker's next run (every 5 s) meets the stopped database: one line, no stack.
    const line = await until('the worker noticing', 15_000, () =>
      worker
        .output()
        .split('\n')
        .find((l) => l.includes('meeting worker: the database is unavailable')),
    );
    expect(line).toMatch(/^\[session-links\] meeting worker: the database is unavailable \([\w ]+\); next run in \d+ s$/);
    expect(worker.output()).not.toMatch(/^\s+at /m);
    alive();
    await cluster.start();
    await backWithEverything('stop');
  });

  it('pg_terminate_backend of every connection: service is back at once', async () => {
    await write('terminate');
    const ended = await cluster.query<{ ended: boolean }>(
      'select pg_terminate_backend(pid) as ended from pg_stat_activity where pid <> pg_backend_pid()',
    );
    expect(ended.length).toBeGreaterThan(0);
    const first = await call(`/sites/${SITE}/me`);
    if (first.status !== 200) expectUnavailable(first);
    await backWithEverything();
  });

  it('a frozen database (SIGSTOP): UNAVAILABLE within the bound, not a hanging request; back after SIGCONT', async () => {
    await write('freeze');
    cluster.freeze();
    try {
      const [read, me] = await Promise.all([call(`/sites/${SITE}/sessions/${sessions[0]}`), call(`/sites/${SITE}/me`)]);
      expectUnavailable(read);
      expectUnavailable(me);
      await writeDuringOutage('freeze');
      alive();
    } finally {
      cluster.thaw();
    }
    await backWithEverything('freeze');
  });

  it('after it all, the worker still makes meetings', async () => {
    await write('after');
    const id = sessions.at(-1) as string;
    let last = '';
    await until('the meeting made', 20_000, async () => {
      last = JSON.stringify((await call(`/sites/${SITE}/sessions/${id}`)).body);
      return last.includes('zoom.us/j/') ? true : undefined;
    }).catch((error) => {
      throw new Error(`${error.message}: ${last}`);
    });
    alive();
  });
});
