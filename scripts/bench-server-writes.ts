// Writes and the meeting worker for `pnpm bench:server` (scripts/bench-server.ts runs them;
// `--only writes` or `--only worker` picks them alone). Not a test: the figures depend on the
// machine and on what else runs on it.
//
// Writes: a second site of 10,000 sessions (200 a week from tomorrow, so the next 14 days hold
// the ~400 sessions whose meetings a write reconciles), a course of 500 of them, 2,000 clients
// and a booking per session, written over loopback HTTP to `session-links-server` (the CLI) —
// one session's link, the course's link, and replacing the default (the impact preview the
// widget shows first, then the write) — each one at a time, with p50/p99/max.
//
// Worker: 10,000 pending meetings of 100 staff members, each with their own Zoom account (its
// own Zoom user and Zoom account at the loopback fake Zoom, with its per-second limits), made by
// `session-links-server worker` (the CLI, a child process) against that fake; the fake counts
// every 429 it answered. The same with Google Meet accounts against the fake Google (each
// conference answered `pending` first, so every meeting is one insert and one later read), and
// with Microsoft Teams work accounts against the fake Microsoft (one Graph create a meeting).
// Each provider's accounts are paced at that provider's rate (its *_API_REQUESTS_PER_SECOND).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import type { Account } from '@session-links/core';
import type { TokenSet } from '../packages/server/src/providers/gateway';
import { createZoomTokens } from '../packages/server/src/providers/gateway-tokens';
import type { SqlStore } from '../packages/server/src/store/sql';
import type { StoredTokens } from '../packages/server/src/store/types';
import {
  createFakeZoomGateway,
  type FakeGoogle,
  type FakeMicrosoft,
  type FakeZoom,
  startFakeGoogle,
  startFakeMicrosoft,
  startFakeZoom,
} from '../packages/server/src/testing';

const DAY = 86_400_000;
export const WRITE_SITE = 'bench-w';
const WRITE_SESSIONS = 10_000;
const COURSE = 'course-w';
const COURSE_EVERY = 20; // 10,000 / 20 = 500 sessions of the course
const CLIENTS = 2_000;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const customAccount = (id: string, url: string): Account => ({ id, kind: 'custom', health: 'connected', provider: 'other', link: { url } });

/** Upcoming times from tomorrow 08:00 UTC on, `perWeek` a week (what the write site and the worker's sessions use). */
function startOf(i: number, perWeek: number, t0: number): string {
  return new Date(t0 + Math.floor(i * ((7 * DAY) / perWeek))).toISOString();
}

const tomorrow = () => {
  const d = new Date(Date.now() + DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 8);
};

// ---- the write site ---------------------------------------------------------------------------

/** The write site, in bulk through the store, in one transaction. */
export async function seedWriteSite(store: SqlStore): Promise<string> {
  const t = performance.now();
  const t0 = tomorrow();
  const staff = Array.from({ length: 10 }, (_, i) => `w-staff-${i}`);
  const services = [
    { id: 'w-yoga', name: 'Yoga', kind: 'class', online: true },
    { id: 'w-coaching', name: 'Coaching', kind: 'appointment', online: true },
    { id: COURSE, name: 'Course W', kind: 'course', online: true },
  ];
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('host_sites')
      .values({
        id: WRITE_SITE,
        name: 'Bench writes',
        plan: JSON.stringify({ id: 'business', name: 'Business', includesOnlineSessions: true }),
      })
      .execute();
    await trx
      .insertInto('host_members')
      .values({ site_id: WRITE_SITE, user_id: 'owner', name: 'Owner', role: 'owner', staff_id: null })
      .execute();
    await trx
      .insertInto('host_staff')
      .values(staff.map((id) => ({ site_id: WRITE_SITE, id, name: `Staff ${id}`, email: `${id}@bench.example` })))
      .execute();
    await trx
      .insertInto('host_services')
      .values(services.map((s) => ({ site_id: WRITE_SITE, ...s })))
      .execute();
    await trx
      .insertInto('sl_settings')
      .values({
        site_id: WRITE_SITE,
        default_account: JSON.stringify(customAccount('w-default', 'https://meet.google.com/abc-defg-hij')),
        version: 1,
      })
      .execute();
    await trx
      .insertInto('sl_staff_accounts')
      .values(
        staff.slice(1, 4).map((id) => ({
          site_id: WRITE_SITE,
          staff_id: id,
          account: JSON.stringify(customAccount(`${id}-custom`, `https://whereby.com/${id}`)),
          version: 1,
        })),
      )
      .execute();
    for (let from = 0; from < CLIENTS; from += 1000) {
      await trx
        .insertInto('host_clients')
        .values(
          Array.from({ length: 1000 }, (_, k) => ({
            site_id: WRITE_SITE,
            id: `c-${from + k}`,
            name: `Client ${from + k}`,
            email: `c-${from + k}@bench.example`,
          })),
        )
        .execute();
    }
    for (let from = 0; from < WRITE_SESSIONS; from += 1000) {
      const sessions = [];
      const bookings = [];
      for (let i = from; i < Math.min(WRITE_SESSIONS, from + 1000); i += 1) {
        const start = startOf(i, 200, t0);
        const service = i % COURSE_EVERY === 0 ? COURSE : (services[i % 2]?.id as string);
        sessions.push({
          site_id: WRITE_SITE,
          id: `w-${i}`,
          service_id: service,
          staff_id: i % 7 === 0 ? null : (staff[i % staff.length] as string),
          start,
          end: new Date(Date.parse(start) + 3_600_000).toISOString(),
          start_at: start,
        });
        bookings.push({ site_id: WRITE_SITE, id: `b-${i}`, client_id: `c-${i % CLIENTS}`, service_id: service, session_id: `w-${i}` });
      }
      await trx.insertInto('host_sessions').values(sessions).execute();
      await trx.insertInto('host_bookings').values(bookings).execute();
    }
    // The course's participants book the course, not a session.
    await trx
      .insertInto('host_bookings')
      .values(
        Array.from({ length: 20 }, (_, k) => ({
          site_id: WRITE_SITE,
          id: `b-course-${k}`,
          client_id: `c-${k}`,
          service_id: COURSE,
          session_id: null,
        })),
      )
      .execute();
  });
  await store.analyze();
  return `seeded the write site (${WRITE_SESSIONS} sessions, a course of ${WRITE_SESSIONS / COURSE_EVERY}, ${CLIENTS} clients, ${WRITE_SESSIONS + 20} bookings) in ${((performance.now() - t) / 1000).toFixed(2)} s`;
}

/** One JSON request over a keep-alive agent; the answer's status and size. */
function send(agent: http.Agent, port: number, method: string, urlPath: string, body?: unknown): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        headers: {
          authorization: 'Bearer dev:owner',
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface WriteRow {
  store: string;
  op: string;
  runs: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  statements?: number;
}

/** Times `runs` calls of `fn` one at a time after `warm` uncounted ones. */
async function timed(runs: number, warm: number, fn: (i: number) => Promise<void>): Promise<{ times: number[]; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < warm + runs; i += 1) {
    const t = performance.now();
    try {
      await fn(i);
      if (i >= warm) times.push(performance.now() - t);
    } catch {
      if (i >= warm) errors += 1;
    }
  }
  return { times: times.sort((a, b) => a - b), errors };
}

const rowOf = (store: string, op: string, r: { times: number[]; errors: number }): WriteRow => ({
  store,
  op,
  runs: r.times.length,
  p50: pct(r.times, 50),
  p99: pct(r.times, 99),
  max: r.times.at(-1) ?? 0,
  errors: r.errors,
});

const ok = async (p: Promise<{ status: number; text: string }>) => {
  const r = await p;
  if (r.status !== 200) throw new Error(`status ${r.status}: ${r.text.slice(0, 200)}`);
  return JSON.parse(r.text) as Record<string, unknown>;
};

/**
 * The writes, one at a time, over HTTP against a running server on the seeded write site.
 * `sessionRuns`: one-session changes counted (each on a session never changed before, so
 * the version is 0), after 20 uncounted.
 */
export async function runWrites(storeName: string, port: number, sessionRuns = 300): Promise<WriteRow[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const api = `/api/session-links/sites/${WRITE_SITE}`;
  const rows: WriteRow[] = [];
  try {
    // One session's link: a custom link on a session of the next 14 days (its meetings reconciled) or later.
    const one = await timed(sessionRuns, 20, async (i) => {
      const id = `w-${1 + i * 7}`;
      await ok(
        send(agent, port, 'PUT', `${api}/sessions/${id}/link`, {
          change: { kind: 'custom', link: { url: `https://meet.google.com/s-${i}` } },
          version: 0,
        }),
      );
    });
    rows.push(rowOf(storeName, 'one session’s link', one));

    // The course's link: 500 sessions, the answer names every changed session and who to tell.
    let courseVersion = 0;
    const course = await timed(20, 2, async (i) => {
      await ok(
        send(agent, port, 'PUT', `${api}/courses/${COURSE}/link`, {
          link: { url: `https://zoom.us/j/${7_000_000_000 + i}` },
          version: courseVersion,
        }),
      );
      courseVersion += 1;
    });
    rows.push(rowOf(storeName, `course link (${WRITE_SESSIONS / COURSE_EVERY} sessions)`, course));

    // Replacing the default: the preview over every session, then the write (as the widget does).
    let version = Number((await ok(send(agent, port, 'GET', `${api}/settings`))).version);
    const previews: number[] = [];
    const writes: number[] = [];
    const both: number[] = [];
    let errors = 0;
    for (let i = 0; i < 12; i += 1) {
      const link = { url: `https://meet.google.com/new-${i}-xyz` };
      try {
        const t = performance.now();
        const impact = await ok(
          send(agent, port, 'POST', `${api}/impact`, { type: 'replace-default', account: customAccount('preview', link.url) }),
        );
        if (!Array.isArray(impact.sessions) || impact.sessions.length === 0) throw new Error('the preview names no session');
        const w = performance.now();
        const settings = await ok(send(agent, port, 'PUT', `${api}/settings/default-account`, { link, version }));
        version = Number(settings.version);
        const end = performance.now();
        if (i < 2) continue; // warm-up
        previews.push(w - t);
        writes.push(end - w);
        both.push(end - t);
      } catch {
        if (i >= 2) errors += 1;
      }
    }
    const sorted = (a: number[]) => a.sort((x, y) => x - y);
    rows.push(rowOf(storeName, `replace default: preview (${WRITE_SESSIONS})`, { times: sorted(previews), errors }));
    rows.push(rowOf(storeName, 'replace default: write', { times: sorted(writes), errors }));
    rows.push(rowOf(storeName, 'replace default: preview + write', { times: sorted(both), errors }));
  } finally {
    agent.destroy();
  }
  return rows;
}

// ---- the meeting worker -------------------------------------------------------------------------

export const WORKER_SITE = 'bench-z';
export type WorkerProvider = 'zoom' | 'google-meet' | 'teams';
/** An account's user at the provider's fake and the tokens the fake issued it. */
interface BenchAccount {
  userId: string;
  tokens: TokenSet;
}
export interface WorkerBenchOptions {
  /** Whose accounts make the meetings (default Zoom). */
  provider?: WorkerProvider;
  accounts: number;
  meetings: number;
  /** The fake Zoom's per-account limit of Medium calls (meeting creates) a second. */
  perSecond: number;
  /** Calls a second the worker sends one Google account (GOOGLE_API_REQUESTS_PER_SECOND); the fake Google allows 600 a minute. */
  googlePerSecond: number;
  /** Calls a second the worker sends one Microsoft account (MICROSOFT_API_REQUESTS_PER_SECOND); the fake Microsoft allows as many. */
  microsoftPerSecond: number;
  /** Give up after this long. */
  seconds: number;
}

export interface WorkerRow {
  store: string;
  made: number;
  seconds: number;
  rate: number;
  limit: number;
  tooMany: number;
  otherErrors: number;
  apiCalls: number;
  /** Meetings at the fake beyond one per session (an account's meeting at the same start twice): must be 0. */
  duplicates: number;
}

/** A Zoom user (and Zoom account) at the fake Zoom for staff member `i`, with the tokens it issued. */
function zoomBenchAccount(fake: FakeZoom, i: number): BenchAccount {
  const userId = `fz-bench-${i}`;
  fake.registerUser({
    id: userId,
    accountId: `fz-bench-account-${i}`,
    email: `z-${i}@bench.example`,
    firstName: 'Staff',
    lastName: String(i),
  });
  const issued = fake.issueTokens(userId);
  return { userId, tokens: { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresIn: issued.expires_in } };
}

/** A Google account at the fake Google for staff member `i`, with the tokens it issued. */
function googleBenchAccount(fake: FakeGoogle, i: number): BenchAccount {
  const userId = `1049${String(i).padStart(17, '0')}`;
  fake.registerUser({ sub: userId, email: `z-${i}@bench.example`, givenName: 'Staff', familyName: String(i), timeZone: 'UTC' });
  const issued = fake.issueTokens(userId);
  return { userId, tokens: { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresIn: issued.expires_in } };
}

/** A work account at the fake Microsoft for staff member `i`, with the tokens it issued. */
function teamsBenchAccount(fake: FakeMicrosoft, i: number): BenchAccount {
  const userId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  fake.registerUser({ id: userId, kind: 'work', tenantId: 'bench-tenant', email: `z-${i}@bench.example`, displayName: `Staff ${i}` });
  const issued = fake.issueTokens(userId);
  return { userId, tokens: { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresIn: issued.expires_in } };
}

/** How many of `keys` (one per meeting at the fake) repeat an earlier one. */
const duplicatesOf = (keys: readonly string[]) => keys.length - new Set(keys).size;

/** Pending meetings for `accounts` staff members with an account of `provider` each, their tokens issued by its fake, sealed with `tokenKey`. */
async function seedWorkerSite(
  store: SqlStore,
  provider: WorkerProvider,
  accountOf: (i: number) => BenchAccount,
  tokenKey: string,
  o: WorkerBenchOptions,
): Promise<void> {
  const t0 = tomorrow();
  const now = new Date();
  const sealer = createZoomTokens({ gateway: createFakeZoomGateway(), tokenKey });
  const staff = Array.from({ length: o.accounts }, (_, i) => `z-staff-${i}`);
  const prefix = provider === 'zoom' ? 'zoom' : provider === 'teams' ? 'teams' : 'google';
  const sealed: StoredTokens[] = [];
  for (let i = 0; i < o.accounts; i += 1) {
    const { userId, tokens } = accountOf(i);
    const row = await sealer.seal({ siteId: WORKER_SITE, accountId: `${prefix}-bench-${i}`, zoomUserId: userId, tokens, now });
    sealed.push({ ...row, provider });
  }
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('host_sites')
      .values({
        id: WORKER_SITE,
        name: 'Bench worker',
        plan: JSON.stringify({ id: 'business', name: 'Business', includesOnlineSessions: true }),
      })
      .execute();
    await trx
      .insertInto('host_staff')
      .values(staff.map((id) => ({ site_id: WORKER_SITE, id, name: id, email: `${id}@bench.example` })))
      .execute();
    await trx
      .insertInto('host_services')
      .values({ site_id: WORKER_SITE, id: 'z-class', name: 'Class', kind: 'class', online: true })
      .execute();
    await trx
      .insertInto('sl_settings')
      .values({
        site_id: WORKER_SITE,
        default_account: JSON.stringify(customAccount('z-default', 'https://meet.google.com/abc-defg-hij')),
        version: 1,
      })
      .execute();
    await trx
      .insertInto('sl_staff_accounts')
      .values(
        staff.map((id, i) => ({
          site_id: WORKER_SITE,
          staff_id: id,
          account: JSON.stringify({
            id: `${prefix}-bench-${i}`,
            kind: provider,
            health: 'connected',
            user: { email: `z-${i}@bench.example`, name: `Staff ${i}` },
          } satisfies Account),
          version: 1,
        })),
      )
      .execute();
    for (let from = 0; from < o.meetings; from += 1000) {
      const sessions = [];
      const meetings = [];
      for (let j = from; j < Math.min(o.meetings, from + 1000); j += 1) {
        // Sessions in time order, each account's spread over the whole range: a batch holds many accounts.
        const start = startOf(j, 1000, t0);
        const i = j % o.accounts;
        sessions.push({
          site_id: WORKER_SITE,
          id: `z-${j}`,
          service_id: 'z-class',
          staff_id: staff[i] as string,
          start,
          end: new Date(Date.parse(start) + 3_600_000).toISOString(),
          start_at: start,
        });
        meetings.push({
          site_id: WORKER_SITE,
          account_id: `${prefix}-bench-${i}`,
          provider,
          session_id: `z-${j}`,
          status: 'pending',
          start,
          start_at: start,
          duration_minutes: 60,
          topic: 'Class',
          attempts: 0,
          updated_at: now.toISOString(),
        });
      }
      await trx.insertInto('host_sessions').values(sessions).execute();
      await trx.insertInto('sl_meetings').values(meetings).execute();
    }
  });
  await store.transaction(async (tx) => {
    for (const t of sealed) await tx.putTokens(t);
  });
  await store.analyze();
}

/**
 * Seeds the worker's site in the store `open` gives (a fresh database or folder), starts
 * `session-links-server worker` on it against the loopback fake Zoom, and waits until the fake
 * holds every meeting (or `seconds` pass).
 */
export async function runWorker(
  storeName: string,
  open: () => Promise<SqlStore>,
  child: { cli: string; cwd: string; env: NodeJS.ProcessEnv; args: string[] },
  o: WorkerBenchOptions,
): Promise<WorkerRow> {
  if (o.provider === 'google-meet') return runGoogleWorker(storeName, open, child, o);
  if (o.provider === 'teams') return runTeamsWorker(storeName, open, child, o);
  const fake = await startFakeZoom();
  fake.switches.perSecond = { medium: o.perSecond, light: o.perSecond * 2 };
  fake.switches.dailyMeetingCap = Math.max(100, Math.ceil(o.meetings / o.accounts));
  const tokenKey = randomBytes(32).toString('base64url');
  let worker: ChildProcess | null = null;
  try {
    const store = await open();
    try {
      await seedWorkerSite(store, 'zoom', (i) => zoomBenchAccount(fake, i), tokenKey, o);
    } finally {
      await store.close();
    }
    fake.resetCalls();
    worker = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', child.cli, 'worker', ...child.args], {
      cwd: child.cwd,
      env: {
        ...child.env,
        ZOOM_CLIENT_ID: fake.clientId,
        ZOOM_CLIENT_SECRET: fake.clientSecret,
        ZOOM_REDIRECT_URI: 'http://127.0.0.1:8787/api/session-links/zoom/callback',
        ZOOM_WEBHOOK_SECRET_TOKEN: randomBytes(16).toString('hex'),
        SESSION_LINKS_TOKEN_KEY: tokenKey,
        ZOOM_OAUTH_BASE: fake.oauthBase,
        ZOOM_API_BASE: fake.apiBase,
        ZOOM_API_REQUESTS_PER_SECOND: String(o.perSecond),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => worker?.on('exit', () => resolve()));
    const deadline = Date.now() + o.seconds * 1000;
    let gone = false;
    void exited.then(() => {
      gone = true;
    });
    while (fake.meetings().length < o.meetings && Date.now() < deadline && !gone) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const log = fake.calls.log;
    const api = log.filter((l) => l.path.startsWith('/v2/'));
    const creates = api.filter((l) => l.method === 'POST' && l.status === 201);
    const first = api[0]?.at ?? 0;
    const last = creates.at(-1)?.at ?? first;
    const seconds = Math.max(0.001, (last - first) / 1000);
    return {
      store: storeName,
      made: fake.meetings().length,
      seconds,
      rate: creates.length / seconds,
      limit: o.accounts * o.perSecond,
      tooMany: api.filter((l) => l.status === 429).length,
      otherErrors: api.filter((l) => l.status >= 400 && l.status !== 429).length,
      apiCalls: api.length,
      duplicates: duplicatesOf(fake.meetings().map((m) => `${m.hostId}|${Date.parse(m.startTime)}`)),
    };
  } finally {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker?.on('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await fake.close();
  }
}

/**
 * The worker against the fake Google: every meeting is an event insert answered `pending`,
 * then one read once Google has made the conference. Made: events whose Meet exists. The
 * worker paces each account as for Zoom (`ZOOM_API_REQUESTS_PER_SECOND`); Google's own limits
 * (600 calls a minute per user) are never reached at that pace.
 */
async function runGoogleWorker(
  storeName: string,
  open: () => Promise<SqlStore>,
  child: { cli: string; cwd: string; env: NodeJS.ProcessEnv; args: string[] },
  o: WorkerBenchOptions,
): Promise<WorkerRow> {
  const fake = await startFakeGoogle();
  const tokenKey = randomBytes(32).toString('base64url');
  let worker: ChildProcess | null = null;
  const made = () => fake.events().filter((e) => e.status === 'confirmed' && e.conference?.status === 'success').length;
  try {
    const store = await open();
    try {
      await seedWorkerSite(store, 'google-meet', (i) => googleBenchAccount(fake, i), tokenKey, o);
    } finally {
      await store.close();
    }
    fake.resetCalls();
    worker = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', child.cli, 'worker', ...child.args], {
      cwd: child.cwd,
      env: {
        ...child.env,
        GOOGLE_CLIENT_ID: fake.clientId,
        GOOGLE_CLIENT_SECRET: fake.clientSecret,
        GOOGLE_REDIRECT_URI: 'http://127.0.0.1:8787/api/session-links/google/callback',
        SESSION_LINKS_TOKEN_KEY: tokenKey,
        GOOGLE_OAUTH_BASE: fake.oauthBase,
        GOOGLE_API_BASE: fake.apiBase,
        GOOGLE_API_REQUESTS_PER_SECOND: String(o.googlePerSecond),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => worker?.on('exit', () => resolve()));
    const deadline = Date.now() + o.seconds * 1000;
    let gone = false;
    void exited.then(() => {
      gone = true;
    });
    while (made() < o.meetings && Date.now() < deadline && !gone) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const api = fake.calls.log.filter((l) => l.path.startsWith('/calendar/v3/'));
    const done = api.filter((l) => l.status === 200);
    const first = api[0]?.at ?? 0;
    const last = done.at(-1)?.at ?? first;
    const seconds = Math.max(0.001, (last - first) / 1000);
    const count = made();
    return {
      store: `${storeName}, Google`,
      made: count,
      seconds,
      rate: count / seconds,
      // Two calls a meeting at the worker's pace: the insert, then the read once Google made the conference.
      limit: (o.accounts * o.googlePerSecond) / 2,
      tooMany: api.filter((l) => l.status === 429 || l.status === 403).length,
      otherErrors: api.filter((l) => l.status >= 400 && l.status !== 429 && l.status !== 403).length,
      apiCalls: api.length,
      duplicates: duplicatesOf(
        fake
          .events()
          .filter((e) => e.status === 'confirmed')
          .map((e) => `${e.ownerSub}|${Date.parse(e.start)}`),
      ),
    };
  } finally {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker?.on('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await fake.close();
  }
}

/**
 * The worker against the fake Microsoft: every meeting is one `POST /me/onlineMeetings` of a
 * work account. The worker paces each account at MICROSOFT_API_REQUESTS_PER_SECOND and the
 * fake allows each user exactly that many Graph calls a second (429 with Retry-After beyond).
 */
async function runTeamsWorker(
  storeName: string,
  open: () => Promise<SqlStore>,
  child: { cli: string; cwd: string; env: NodeJS.ProcessEnv; args: string[] },
  o: WorkerBenchOptions,
): Promise<WorkerRow> {
  const fake = await startFakeMicrosoft();
  fake.switches.perUserPerSecond = o.microsoftPerSecond;
  const tokenKey = randomBytes(32).toString('base64url');
  let worker: ChildProcess | null = null;
  try {
    const store = await open();
    try {
      await seedWorkerSite(store, 'teams', (i) => teamsBenchAccount(fake, i), tokenKey, o);
    } finally {
      await store.close();
    }
    fake.resetCalls();
    worker = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', child.cli, 'worker', ...child.args], {
      cwd: child.cwd,
      env: {
        ...child.env,
        MICROSOFT_CLIENT_ID: fake.clientId,
        MICROSOFT_CLIENT_SECRET: fake.clientSecret,
        MICROSOFT_REDIRECT_URI: 'http://127.0.0.1:8787/api/session-links/microsoft/callback',
        SESSION_LINKS_TOKEN_KEY: tokenKey,
        MICROSOFT_OAUTH_BASE: fake.oauthBase,
        MICROSOFT_GRAPH_BASE: fake.graphBase,
        MICROSOFT_API_REQUESTS_PER_SECOND: String(o.microsoftPerSecond),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => worker?.on('exit', () => resolve()));
    const deadline = Date.now() + o.seconds * 1000;
    let gone = false;
    void exited.then(() => {
      gone = true;
    });
    while (fake.meetings().length < o.meetings && Date.now() < deadline && !gone) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const api = fake.calls.log.filter((l) => l.path.startsWith('/v1.0/'));
    const creates = api.filter((l) => l.method === 'POST' && l.status === 201);
    const first = api[0]?.at ?? 0;
    const last = creates.at(-1)?.at ?? first;
    const seconds = Math.max(0.001, (last - first) / 1000);
    const meetings = fake.meetings();
    return {
      store: `${storeName}, Teams`,
      made: meetings.length,
      seconds,
      rate: creates.length / seconds,
      limit: o.accounts * o.microsoftPerSecond,
      tooMany: api.filter((l) => l.status === 429).length,
      otherErrors: api.filter((l) => l.status >= 400 && l.status !== 429).length,
      apiCalls: api.length,
      duplicates: duplicatesOf(meetings.map((m) => `${m.organizerId}|${Date.parse(m.startDateTime)}`)),
    };
  } finally {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker?.on('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await fake.close();
  }
}

export const writeHeader = 'store       write (one at a time, over HTTP)            runs    p50 ms    p99 ms    max ms  errors';
export const writeLine = (r: WriteRow) =>
  `${r.store.padEnd(11)} ${r.op.padEnd(42)} ${String(r.runs).padStart(5)} ${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(9)} ${r.max
    .toFixed(1)
    .padStart(9)} ${String(r.errors).padStart(7)}`;
export const workerLine = (r: WorkerRow) =>
  `${r.store.padEnd(19)} ${String(r.made).padStart(6)} meetings in ${r.seconds.toFixed(1).padStart(6)} s = ${r.rate.toFixed(0).padStart(4)}/s ` +
  `(limit ${r.limit}/s: ${Math.round((100 * r.rate) / r.limit)}%), 429s answered: ${r.tooMany}, other errors: ${r.otherErrors}, API calls: ${r.apiCalls} ` +
  `(${(r.apiCalls / Math.max(1, r.made)).toFixed(2)}/meeting), duplicates: ${r.duplicates}`;

export const childPath = (root: string) => path.join(root, 'packages/server/src/cli.ts');
