import { describe, expect, it } from 'vitest';
import { createHandler, createZoomIntegration, SYNC_SECRET_HEADER, type ZoomSettings } from '../src';
import { generateTokenKey } from '../src/providers/zoom';
import { openPgliteStore } from '../src/store/sql';
import { startFakeZoom } from '../src/testing';
import { cliProcesses } from './cli-process';

// The CLI with Zoom, as a user runs it: a child process, talked to over HTTP on loopback.
const WIDGET = 'http://localhost:5173';
const { run, freshDir } = cliProcesses({
  dirPrefix: 'session-links-zoom-cli-',
  scrub: (key) => key.startsWith('ZOOM_') || key === 'SESSION_LINKS_TOKEN_KEY',
});

async function owner(url: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', 'Bearer dev:owner');
  if (!headers.has('origin')) headers.set('origin', WIDGET);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  return { status: res.status, body: await res.json() };
}

describe('session-links-server with Zoom (CLI)', () => {
  it('refuses to start on a missing or malformed Zoom variable, naming it', async () => {
    const missing = run(['--data', freshDir()], { ZOOM_CLIENT_ID: 'id' });
    expect((await missing.exited).code).toBe(1);
    expect(missing.output()).toContain('ZOOM_CLIENT_SECRET is required');
    const badKey = run(['--data', freshDir()], {
      ZOOM_CLIENT_ID: 'id',
      ZOOM_CLIENT_SECRET: 'secret',
      ZOOM_REDIRECT_URI: 'https://app.example/api/session-links/zoom/callback',
      ZOOM_WEBHOOK_SECRET_TOKEN: 'whsec',
      SESSION_LINKS_TOKEN_KEY: 'too-short',
    });
    expect((await badKey.exited).code).toBe(1);
    expect(badKey.output()).toContain('SESSION_LINKS_TOKEN_KEY');
  }, 60_000);

  /** Starts the CLI; resolves with the API base once it listens. */
  async function listening(r: ReturnType<typeof run>): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const check = () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(r.output());
        if (m?.[1]) resolve(`${m[1]}/api/session-links`);
      };
      r.child.stdout?.on('data', check);
      check();
      r.exited.then(({ code }) => reject(new Error(`the CLI exited (${code}):\n${r.output()}`)));
    });
  }

  /** Resolves once the output matches `pattern`. */
  function printed(r: ReturnType<typeof run>, pattern: RegExp): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(r.output())) resolve();
      };
      r.child.stdout?.on('data', check);
      check();
      r.exited.then(({ code }) => reject(new Error(`the CLI exited (${code}) before printing ${pattern}:\n${r.output()}`)));
    });
  }

  it('--seed zoom-default --zoom fake: the seeded Zoom account is connected at the fake Zoom, healthy, and its meetings get made there', async () => {
    const r = run(['--port', '0', '--data', freshDir(), '--seed', 'zoom-default', '--dev-auth', '--zoom', 'fake']);
    const api = await listening(r);
    const fakeZoom = /fake Zoom on (http:\/\/127\.0\.0\.1:\d+)/.exec(r.output())?.[1];
    expect(fakeZoom).toBeDefined();
    expect(r.output()).toContain('seeded Zoom accounts connected at the fake Zoom: olivia@studio.example, anna@studio.example');

    // The worker (first run at start) makes the seeded sessions' meetings at the fake Zoom with the seeded tokens.
    await printed(r, /meeting worker: created [1-9]/);
    expect(r.output()).not.toMatch(/meeting worker: .*failed [1-9]/);
    const settings = await owner(`${api}/sites/site-studio/settings`);
    expect(settings.body.defaultAccount).toMatchObject({ id: 'zoom-studio', kind: 'zoom', health: 'connected' });
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const sessions = await owner(`${api}/sites/site-studio/sessions?from=${from}&to=${to}`);
    // Zoom links of the default (owner) and of a staff member's own Zoom (anna), all at the fake Zoom.
    const zoomLinked = sessions.body.filter(
      (s: { resolution: { status: string; link?: { type: string } } }) => s.resolution.link?.type === 'ZOOM',
    );
    expect(new Set(zoomLinked.map((s: { resolution: { accountId: string } }) => s.resolution.accountId))).toEqual(
      new Set(['zoom-studio', 'zoom-anna']),
    );
    for (const s of zoomLinked) {
      expect(s.resolution.status).toBe('linked');
      expect(s.resolution.link.guestUrl.startsWith(`${fakeZoom}/j/`)).toBe(true);
      // The fake Zoom knows the meeting: its join page answers.
      expect((await fetch(s.resolution.link.guestUrl)).status).toBe(200);
    }

    r.child.kill('SIGTERM');
    expect((await r.exited).code).toBe(0);
  }, 240_000);

  it('real Zoom (ZOOM_* set): seeding Zoom accounts is refused, saying why; a scenario without them seeds', async () => {
    const realZoom = {
      ZOOM_CLIENT_ID: 'id',
      ZOOM_CLIENT_SECRET: 'secret',
      ZOOM_REDIRECT_URI: 'https://app.example/api/session-links/zoom/callback',
      ZOOM_WEBHOOK_SECRET_TOKEN: 'whsec',
      SESSION_LINKS_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    const refused = run(['--port', '0', '--data', freshDir(), '--seed', 'zoom-default'], realZoom);
    const started = listening(refused).then(
      () => 'listening',
      () => 'exited',
    );
    expect(await Promise.race([started, refused.exited.then(() => 'exited')])).toBe('exited');
    expect((await refused.exited).code).toBe(1);
    expect(refused.output()).toContain('--seed zoom-default has Zoom accounts (olivia@studio.example, anna@studio.example)');
    expect(refused.output()).toContain('cannot be seeded for real Zoom');
    expect(refused.output()).not.toContain('listening on');

    const fine = run(['--port', '0', '--data', freshDir(), '--seed', 'no-default', '--dev-auth'], realZoom);
    const api = await listening(fine);
    expect(fine.output()).toContain('seeded scenario no-default');
    expect(fine.output()).toContain('zoom: Zoom at https://api.zoom.us/v2');
    expect((await owner(`${api}/sites/site-studio/settings`)).body).toMatchObject({ defaultAccount: null });
    fine.child.kill('SIGTERM');
    expect((await fine.exited).code).toBe(0);
  }, 120_000);

  it('--fakes (was --zoom fake): connects through the fake Zoom’s consent page and the callback page; the worker makes the meetings', async () => {
    // The widget runs on another origin than the server: the host allows it (R27).
    const r = run(['--port', '0', '--data', freshDir(), '--seed', 'no-default', '--dev-auth', '--fakes'], {
      SESSION_LINKS_ALLOWED_ORIGINS: ` ${WIDGET}, https://other.example `,
    });
    const api = await new Promise<string>((resolve, reject) => {
      r.child.stdout?.on('data', () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(r.output());
        if (m?.[1]) resolve(`${m[1]}/api/session-links`);
      });
      r.exited.then(({ code }) => reject(new Error(`the CLI exited (${code}):\n${r.output()}`)));
    });
    const fakeZoom = /fake Zoom on (http:\/\/127\.0\.0\.1:\d+)/.exec(r.output())?.[1];
    expect(fakeZoom).toBeDefined();

    // Any other origin is refused at the start: no state, no code posted there.
    const evil = await owner(`${api}/sites/site-studio/connections`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: JSON.stringify({ provider: 'zoom', target: { type: 'default' } }),
    });
    expect(evil).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN', reason: 'ORIGIN_NOT_ALLOWED' } } });

    const started = await owner(`${api}/sites/site-studio/connections`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'zoom', target: { type: 'default' } }),
    });
    expect(started.status).toBe(200);
    expect(started.body.authorizeUrl.startsWith(`${fakeZoom}/oauth/authorize?`)).toBe(true);
    expect(started.body.callbackOrigin).toBe(new URL(api).origin);

    // The popup: Zoom's consent page, Allow, back to the server's callback page.
    const html = await (await fetch(started.body.authorizeUrl)).text();
    const form = new URLSearchParams();
    for (const [, field, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(field!, value!);
    form.set('decision', 'allow');
    const back = (await fetch(`${fakeZoom}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' })).headers.get('location')!;
    expect(back.startsWith(`${api}/zoom/callback?`)).toBe(true);
    const page = await (await fetch(back)).text();
    const posted = JSON.parse(/var d=(.*?);if\(window\.opener\)/.exec(page)![1]!);
    expect(posted.origin).toBe(WIDGET);

    const version = (await owner(`${api}/sites/site-studio/settings`)).body.version;
    const done = await owner(`${api}/sites/site-studio/connections/complete`, {
      method: 'POST',
      body: JSON.stringify({ state: posted.message.state, code: posted.message.code, version }),
    });
    expect(done.status).toBe(200);
    expect(done.body.account).toMatchObject({ kind: 'zoom', health: 'connected' });

    // The worker (every 5 s) makes the meetings at the fake, and says so.
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (/meeting worker: created [1-9]/.test(r.output())) resolve();
      };
      r.child.stdout?.on('data', check);
      check();
      r.exited.then(({ code }) => reject(new Error(`the CLI exited (${code}):\n${r.output()}`)));
    });
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const sessions = await owner(`${api}/sites/site-studio/sessions?from=${from}&to=${to}`);
    const linked = sessions.body.filter((s: { resolution: { status: string } }) => s.resolution.status === 'linked');
    expect(linked.length).toBeGreaterThan(0);
    expect(linked[0].resolution.link.guestUrl.startsWith(`${fakeZoom}/j/`)).toBe(true);

    r.child.kill('SIGTERM');
    expect((await r.exited).code).toBe(0);
  }, 240_000);

  it('session-links-server worker: the meeting worker alone, with ZOOM_* set (here pointing at a fake Zoom on loopback), makes the meetings a connection needs', async () => {
    const dir = freshDir();
    const fake = await startFakeZoom();
    try {
      const basePath = '/api/session-links';
      const settings: ZoomSettings = {
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        redirectUri: `http://127.0.0.1:9${basePath}/zoom/callback`,
        webhookSecretToken: 'whsec-worker-test',
        tokenKey: generateTokenKey(),
        oauthBase: fake.oauthBase,
        apiBase: fake.apiBase,
      };
      // The API side, in this process on the same data folder: the host's data through the sync API, Zoom through the popup flow.
      const store = await openPgliteStore({ dataDir: dir });
      const secret = 'sync-secret-worker-test';
      const handler = createHandler({
        store,
        zoom: createZoomIntegration(settings, { basePath }),
        allowedOrigins: [WIDGET],
        sync: { secret },
        authenticate: async (request) => (request.headers.get('authorization') === 'Bearer dev:owner' ? { userId: 'owner' } : null),
      });
      const call = async (path: string, init: { method: string; body?: unknown; sync?: boolean }) => {
        const headers = new Headers({ origin: WIDGET });
        if (init.sync) headers.set(SYNC_SECRET_HEADER, secret);
        else headers.set('authorization', 'Bearer dev:owner');
        if (init.body !== undefined) headers.set('content-type', 'application/json');
        const res = await handler(
          new Request(`http://127.0.0.1:9${basePath}${path}`, {
            method: init.method,
            headers,
            body: init.body === undefined ? undefined : JSON.stringify(init.body),
          }),
        );
        return { status: res.status, body: await res.json() };
      };
      const site = '/sync/sites/site-w';
      expect(
        (
          await call(site, {
            method: 'PUT',
            sync: true,
            body: { name: 'W', plan: { id: 'pro', name: 'Pro', includesOnlineSessions: true } },
          })
        ).status,
      ).toBe(200);
      await call(`${site}/members/owner`, { method: 'PUT', sync: true, body: { name: 'Olivia', role: 'owner', staffId: null } });
      await call(`${site}/staff/st-1`, { method: 'PUT', sync: true, body: { name: 'Anna', email: 'anna@w.example' } });
      await call(`${site}/services/svc-1`, { method: 'PUT', sync: true, body: { name: 'Yoga', kind: 'class', online: true } });
      for (let i = 0; i < 3; i++) {
        const start = Date.now() + 3_600_000 + i * 86_400_000;
        const body = {
          serviceId: 'svc-1',
          staffId: 'st-1',
          start: new Date(start).toISOString(),
          end: new Date(start + 3_600_000).toISOString(),
        };
        expect((await call(`${site}/sessions/ses-${i}`, { method: 'PUT', sync: true, body })).status).toBe(200);
      }
      const started = await call('/sites/site-w/connections', { method: 'POST', body: { provider: 'zoom', target: { type: 'default' } } });
      const html = await (await fetch(started.body.authorizeUrl)).text();
      const form = new URLSearchParams();
      for (const [, field, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(field!, value!);
      form.set('decision', 'allow');
      const back = (await fetch(`${fake.oauthBase}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' })).headers.get(
        'location',
      )!;
      const posted = JSON.parse(/var d=(.*?);if\(window\.opener\)/.exec(await (await handler(new Request(back))).text())![1]!);
      const done = await call('/sites/site-w/connections/complete', {
        method: 'POST',
        body: { state: posted.message.state, code: posted.message.code, version: 0 },
      });
      expect(done.status).toBe(200);
      const accountId: string = done.body.account.id;
      await store.close();
      expect(fake.calls.meetings.create).toBe(0); // the API side made none

      // The worker process alone, on the same folder, with the same settings from the environment.
      const r = run(['worker', '--data', dir], {
        ZOOM_CLIENT_ID: settings.clientId,
        ZOOM_CLIENT_SECRET: settings.clientSecret,
        ZOOM_REDIRECT_URI: settings.redirectUri,
        ZOOM_WEBHOOK_SECRET_TOKEN: settings.webhookSecretToken,
        SESSION_LINKS_TOKEN_KEY: settings.tokenKey,
        ZOOM_OAUTH_BASE: settings.oauthBase,
        ZOOM_API_BASE: settings.apiBase,
        // The fake Zoom allows Pro's 20 creates a second: all three in the first run.
        ZOOM_API_REQUESTS_PER_SECOND: '20',
      });
      // Its first run, whatever it did, says so in one line.
      await printed(r, /meeting worker: created \d+, updated \d+, deleted \d+, failed \d+/);
      expect(r.output()).toContain('meeting worker: created 3, updated 0, deleted 0, failed 0');
      expect(r.output()).toContain('meeting worker running (Zoom)');
      expect(r.output()).not.toContain('listening on');
      expect(fake.meetings()).toHaveLength(3);
      expect(fake.meetings().every((m) => m.agenda.includes(`${accountId}:ses-`))).toBe(true);
      r.child.kill('SIGTERM');
      expect((await r.exited).code).toBe(0);
    } finally {
      await fake.close();
    }
  }, 240_000);
});
