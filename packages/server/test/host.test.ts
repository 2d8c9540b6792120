import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler, type Store } from '../src';
import { createSessionLinksServer, type SessionLinksServer } from '../src/host';
import { createFakeZoomGateway, createMemoryStore, MAIN_SITE, seedScenario } from '../src/testing';

const NOW = new Date('2030-03-04T12:00:00Z');
const BASE = 'http://host.example/api/session-links';
const owner = { authorization: 'Bearer dev:owner' };
const authenticate = async (request: Request) => {
  const auth = request.headers.get('authorization');
  return auth?.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'session-links-host-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function server(options: Parameters<typeof createSessionLinksServer>[0]): SessionLinksServer {
  const s = createSessionLinksServer(options);
  cleanups.push(() => s.close());
  return s;
}

/** A loopback port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const seeded = (zoom = createFakeZoomGateway()) => createMemoryStore(seedScenario('zoom-default', { zoom, now: NOW }));

describe('a store opened on the first request', () => {
  it('createHandler takes a factory: concurrent first requests share one open', async () => {
    let opens = 0;
    const zoom = createFakeZoomGateway();
    const handler = createHandler({
      store: async () => {
        opens++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return seeded(zoom);
      },
      zoom,
      now: () => NOW,
      authenticate,
    });
    expect(opens).toBe(0);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => handler(new Request(`${BASE}/sites/${MAIN_SITE}/settings`, { headers: owner }))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(opens).toBe(1);
  });

  it('the default store (PGlite) is not opened by createSessionLinksServer, only by the first request', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const s = server({ authenticate, env: { SESSION_LINKS_DATA_DIR: dataDir } });
    expect(existsSync(dataDir)).toBe(false);
    // No site yet (nothing synced): 403/404 from the store, not 5xx — the store opened.
    const first = await s.handler(new Request(`${BASE}/sites/${MAIN_SITE}/me`, { headers: owner }));
    expect(first.status).toBeLessThan(500);
    expect(existsSync(dataDir)).toBe(true);
  });

  it('an unreachable DATABASE_URL: nothing at creation, 503 UNAVAILABLE with retryAfter per request, never cached as broken', async () => {
    const port = await closedPort();
    const s = server({ authenticate, env: { DATABASE_URL: `postgres://nobody:secret@127.0.0.1:${port}/none` } });
    for (let i = 0; i < 2; i++) {
      const answer = await s.handler(new Request(`${BASE}/sites/${MAIN_SITE}/me`, { headers: owner }));
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      const body = (await answer.json()) as { error: { code: string; retryAfter: number; message: string } };
      expect(body.error).toMatchObject({ code: 'UNAVAILABLE', retryAfter: Number(answer.headers.get('retry-after')) });
      expect(body.error.message).not.toContain('secret');
    }
  });

  it('a database that accepts connections and never answers: the first requests answer 503 UNAVAILABLE within the bound, not hang', async () => {
    // A frozen PostgreSQL: the kernel accepts the connection, nothing ever answers.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const sockets = new Set<import('node:net').Socket>();
    silent.on('connection', (socket) => sockets.add(socket));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          silent.close(() => resolve());
        }),
    );
    const { port } = silent.address() as { port: number };
    const { openPostgresStore } = await import('../src/store/sql');
    const handler = createHandler({
      store: () => openPostgresStore({ connectionString: `postgres://nobody:secret@127.0.0.1:${port}/none` }),
      authenticate,
      openTimeoutMs: 300,
    });
    for (let i = 0; i < 2; i++) {
      const answer = await handler(new Request(`${BASE}/sites/${MAIN_SITE}/me`, { headers: owner }));
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
    }
  });

  it('a failed open is tried again on the next request (PGlite: a folder that could not be created, then can)', async () => {
    const dataDir = path.join(tempDir(), 'data');
    writeFileSync(dataDir, 'not a folder'); // PGlite cannot make its folder here
    const s = server({ authenticate, env: { SESSION_LINKS_DATA_DIR: dataDir } });
    const me = () => s.handler(new Request(`${BASE}/sites/${MAIN_SITE}/me`, { headers: owner }));
    expect((await me()).status).toBe(503);
    rmSync(dataDir);
    expect((await me()).status).toBeLessThan(500);
  });
});

describe('createSessionLinksServer wires the environment', () => {
  it('SESSION_LINKS_SYNC_SECRET turns the sync API on; without it the sync routes are 404', async () => {
    const store = seeded();
    const on = server({ authenticate, store, env: { SESSION_LINKS_SYNC_SECRET: 's3cret-for-tests' }, worker: 'off' });
    const put = (s: SessionLinksServer, secret: string) =>
      s.handler(
        new Request(`${BASE}/sync/sites/${MAIN_SITE}/clients/c-new`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-session-links-sync-secret': secret },
          body: JSON.stringify({ name: 'New', email: 'new@clients.example' }),
        }),
      );
    expect((await put(on, 's3cret-for-tests')).status).toBe(200);
    expect((await put(on, 'wrong')).status).toBe(401);
    const off = server({ authenticate, store: createMemoryStore(), env: {}, worker: 'off' });
    expect((await put(off, 's3cret-for-tests')).status).toBe(404);
  });

  it('real Zoom from ZOOM_* (its webhook route is served); a partial configuration throws naming the variable', async () => {
    const env = {
      ZOOM_CLIENT_ID: 'client-id',
      ZOOM_CLIENT_SECRET: 'client-secret',
      ZOOM_REDIRECT_URI: 'https://studio.example/api/session-links/zoom/callback',
      ZOOM_WEBHOOK_SECRET_TOKEN: 'webhook-secret',
      SESSION_LINKS_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    const webhook = (s: SessionLinksServer) =>
      s.handler(new Request(`${BASE}/zoom/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    // Unsigned: refused by the configured webhook (401), absent without configuration (404).
    expect((await webhook(server({ authenticate, store: createMemoryStore(), env, worker: 'off' }))).status).toBe(401);
    expect((await webhook(server({ authenticate, store: createMemoryStore(), env: {}, worker: 'off' }))).status).toBe(404);
    expect(() => createSessionLinksServer({ authenticate, env: { ...env, ZOOM_CLIENT_SECRET: '' } })).toThrow(/ZOOM_CLIENT_SECRET/);
  });

  it('SESSION_LINKS_ALLOWED_ORIGINS is read as a list', async () => {
    const { allowedOriginsFromEnv } = await import('../src/host');
    expect(allowedOriginsFromEnv({ SESSION_LINKS_ALLOWED_ORIGINS: 'https://a.example, https://b.example' })).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(allowedOriginsFromEnv({})).toBeUndefined();
  });
});

describe('the meeting worker', () => {
  const newSession = (s: SessionLinksServer, id: string) =>
    s.handler(
      new Request(`${BASE}/sync/sites/${MAIN_SITE}/sessions/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-session-links-sync-secret': 'sync' },
        body: JSON.stringify({ serviceId: 'yoga', staffId: null, start: '2030-03-06T08:00:00.000Z', end: '2030-03-06T09:00:00.000Z' }),
      }),
    );
  const linkOf = async (s: SessionLinksServer, id: string) =>
    (
      (await (await s.handler(new Request(`${BASE}/sites/${MAIN_SITE}/sessions/${id}`, { headers: owner }))).json()) as {
        resolution: { status: string; reason?: string; link?: { type: string; provider: string } };
      }
    ).resolution;

  it('runs in the process by default, starting with the store on the first request, never at creation', async () => {
    const zoom = createFakeZoomGateway();
    let opened: Store | null = null;
    const s = server({
      authenticate,
      zoom,
      store: async () => {
        opened = seeded(zoom);
        return opened;
      },
      env: { SESSION_LINKS_SYNC_SECRET: 'sync' },
      workerIntervalMs: 20,
      handler: { now: () => NOW },
    });
    expect(s.worker).toBe('in-process');
    expect(opened).toBeNull();
    expect((await newSession(s, 'yoga-new')).status).toBe(200);
    await until(async () => (await linkOf(s, 'yoga-new')).status === 'linked', 'the in-process worker to make the meeting');
  });

  it('on a serverless platform it is a cron pass: the cron route needs its secret and runs one bounded pass', async () => {
    const zoom = createFakeZoomGateway();
    const s = server({
      authenticate,
      zoom,
      store: seeded(zoom),
      env: { VERCEL: '1', SESSION_LINKS_SYNC_SECRET: 'sync', CRON_SECRET: 'cron-secret' },
      handler: { now: () => NOW },
    });
    expect(s.worker).toBe('cron');
    expect((await newSession(s, 'yoga-new')).status).toBe(200);
    expect((await linkOf(s, 'yoga-new')).reason).toBe('PROVIDER_MEETING_PENDING');
    expect((await s.cron(new Request('http://host.example/api/cron/session-links'))).status).toBe(401);
    expect(
      (await s.cron(new Request('http://host.example/api/cron/session-links', { headers: { authorization: 'Bearer nope' } }))).status,
    ).toBe(401);
    const pass = await s.cron(
      new Request('http://host.example/api/cron/session-links', { headers: { authorization: 'Bearer cron-secret' } }),
    );
    expect(pass.status).toBe(200);
    expect(await pass.json()).toMatchObject({ ok: true, created: 1 });
    expect((await linkOf(s, 'yoga-new')).status).toBe('linked');
    const none = server({ authenticate, store: createMemoryStore(), env: {}, worker: 'off' });
    expect((await none.cron(new Request('http://host.example/cron', { headers: { authorization: 'Bearer x' } }))).status).toBe(404);
  });

  it('a provider besides Zoom (R31): offered, connected, and its meetings made by the cron pass — with no Zoom at all', async () => {
    const teams = { ...createFakeZoomGateway({ zoomEmailOf: () => 'olivia@contoso.example' }), provider: 'teams' as const };
    const s = server({
      authenticate,
      providers: [teams],
      store: createMemoryStore(seedScenario('no-default', { now: NOW })),
      env: { VERCEL: '1', SESSION_LINKS_SYNC_SECRET: 'sync', CRON_SECRET: 'cron-secret' },
      handler: { now: () => NOW },
    });
    const post = (path: string, body: unknown) =>
      s.handler(
        new Request(`${BASE}/sites/${MAIN_SITE}${path}`, {
          method: 'POST',
          headers: { ...owner, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const offered = await (await s.handler(new Request(`${BASE}/sites/${MAIN_SITE}/providers`, { headers: owner }))).json();
    expect(offered).toEqual([
      { provider: 'zoom', configured: false },
      { provider: 'google-meet', configured: false },
      { provider: 'teams', configured: true },
    ]);
    const started = (await (await post('/connections', { provider: 'teams', target: { type: 'default' } })).json()) as { state: string };
    const done = await post('/connections/complete', { state: started.state, code: 'allow:olivia@contoso.example', version: 0 });
    expect(done.status).toBe(200);
    expect((await newSession(s, 'yoga-new')).status).toBe(200);
    expect((await linkOf(s, 'yoga-new')).reason).toBe('PROVIDER_MEETING_PENDING');
    const pass = await s.cron(
      new Request('http://host.example/api/cron/session-links', { headers: { authorization: 'Bearer cron-secret' } }),
    );
    expect(await pass.json()).toMatchObject({ ok: true });
    expect(await linkOf(s, 'yoga-new')).toMatchObject({ status: 'linked', link: { type: 'MEETING', provider: 'teams' } });
  });
});

describe('CORS: none by default, only for the origins named', () => {
  const settings = (s: SessionLinksServer, origin: string, method = 'GET') =>
    s.handler(
      new Request(`${BASE}/sites/${MAIN_SITE}/settings`, {
        method,
        headers: method === 'OPTIONS' ? { origin, 'access-control-request-method': 'PUT' } : { ...owner, origin },
      }),
    );

  it('by default no answer carries a CORS header, and a preflight is not answered with one', async () => {
    const s = server({ authenticate, store: seeded(), env: {}, worker: 'off' });
    const answer = await settings(s, 'https://app.example');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect((await settings(s, 'https://app.example', 'OPTIONS')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('with cors.origins: those origins get their own name back (never *), others nothing', async () => {
    const s = server({
      authenticate,
      store: seeded(),
      env: {},
      worker: 'off',
      cors: { origins: ['https://app.example'], credentials: true },
    });
    const preflight = await settings(s, 'https://app.example', 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    const read = await settings(s, 'https://app.example');
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(read.headers.get('access-control-allow-credentials')).toBe('true');
    expect(read.headers.get('vary')).toContain('Origin');
    const other = await settings(s, 'https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect((await settings(s, 'https://evil.example', 'OPTIONS')).status).toBe(403);
    expect(() => createSessionLinksServer({ authenticate, env: {}, cors: { origins: ['*'] } })).toThrow(/refused/);
  });
});
