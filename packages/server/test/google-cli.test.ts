import { describe, expect, it } from 'vitest';
import { cliProcesses } from './cli-process';

// The CLI with Google Meet, as a user runs it: a child process, talked to over HTTP on loopback.
const WIDGET = 'http://localhost:5173';
const { run, freshDir } = cliProcesses({
  dirPrefix: 'session-links-google-cli-',
  scrub: (key) => key.startsWith('ZOOM_') || key.startsWith('GOOGLE_') || key === 'SESSION_LINKS_TOKEN_KEY',
});

async function owner(url: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', 'Bearer dev:owner');
  if (!headers.has('origin')) headers.set('origin', WIDGET);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  return { status: res.status, body: await res.json() };
}

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('session-links-server with Google Meet (CLI)', () => {
  it('refuses to start on a missing or malformed Google variable, naming it', async () => {
    const missing = run(['--data', freshDir()], { GOOGLE_CLIENT_ID: 'id.apps.googleusercontent.com' });
    expect((await missing.exited).code).toBe(1);
    expect(missing.output()).toContain('Google configuration: GOOGLE_CLIENT_SECRET is required');
    const insecure = run(['--data', freshDir()], {
      GOOGLE_CLIENT_ID: 'id.apps.googleusercontent.com',
      GOOGLE_CLIENT_SECRET: 'secret',
      GOOGLE_REDIRECT_URI: 'https://app.example/api/session-links/google/callback',
      SESSION_LINKS_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64'),
      GOOGLE_API_BASE: 'http://googleapis.example',
    });
    expect((await insecure.exited).code).toBe(1);
    expect(insecure.output()).toContain('GOOGLE_API_BASE must use https');
  }, 60_000);

  it('--fakes: Google Meet is offered, connects through the fake Google’s consent page and the callback page; the worker makes Meet links', async () => {
    const r = run(['--port', '0', '--data', freshDir(), '--seed', 'no-default', '--dev-auth', '--fakes'], {
      SESSION_LINKS_ALLOWED_ORIGINS: WIDGET,
    });
    const api = await new Promise<string>((resolve, reject) => {
      const check = () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(r.output());
        if (m?.[1]) resolve(`${m[1]}/api/session-links`);
      };
      r.child.stdout?.on('data', check);
      check();
      r.exited.then(({ code }) => reject(new Error(`the CLI exited (${code}):\n${r.output()}`)));
    });
    const fakeGoogle = /fake Google on (http:\/\/127\.0\.0\.1:\d+)/.exec(r.output())?.[1];
    expect(fakeGoogle).toBeDefined();
    expect(r.output()).toContain('google meet: fake Google on loopback');
    expect((await owner(`${api}/sites/site-studio/providers`)).body).toContainEqual({ provider: 'google-meet', configured: true });

    const started = await owner(`${api}/sites/site-studio/connections`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'google-meet', target: { type: 'default' } }),
    });
    expect(started.status).toBe(200);
    expect(started.body.authorizeUrl.startsWith(`${fakeGoogle}/o/oauth2/v2/auth?`)).toBe(true);

    // The popup: Google's consent page (Calendar left ticked), Continue, back to the server's callback page.
    const html = await (await fetch(started.body.authorizeUrl)).text();
    const form = new URLSearchParams();
    for (const [, field, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(field!, value!);
    for (const [, scope] of html.matchAll(/name="grant_scope" value="([^"]+)" checked/g)) form.append('grant_scope', scope!);
    form.set('decision', 'allow');
    const back = (await fetch(`${fakeGoogle}/o/oauth2/v2/auth`, { method: 'POST', body: form, redirect: 'manual' })).headers.get(
      'location',
    )!;
    expect(back.startsWith(`${api}/google/callback?`)).toBe(true);
    const page = await (await fetch(back)).text();
    const posted = JSON.parse(/var d=(.*?);if\(window\.opener\)/.exec(page)![1]!);
    expect(posted.origin).toBe(WIDGET);

    const version = (await owner(`${api}/sites/site-studio/settings`)).body.version;
    const done = await owner(`${api}/sites/site-studio/connections/complete`, {
      method: 'POST',
      body: JSON.stringify({ state: posted.message.state, code: posted.message.code, version }),
    });
    expect(done.status).toBe(200);
    expect(done.body.account).toMatchObject({
      kind: 'google-meet',
      health: 'connected',
      user: { email: 'host@fake-google.test', name: 'Gina Host' },
    });

    // The worker (every 5 s) makes the events; Google answers their conferences pending first, then the Meet link.
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
    type Session = { resolution: { status: string; link?: { guestUrl: string; provider: string } } };
    const linked = await until('sessions linked to Google Meet', async () => {
      const sessions = (await owner(`${api}/sites/site-studio/sessions?from=${from}&to=${to}`)).body as Session[];
      const meet = sessions.filter((s) => s.resolution.status === 'linked' && s.resolution.link?.provider === 'google-meet');
      return meet.length > 0 ? meet : null;
    });
    for (const s of linked) expect(s.resolution.link!.guestUrl).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(new Set(linked.map((s) => s.resolution.link!.guestUrl)).size).toBe(linked.length);
    expect(r.output()).not.toMatch(/meeting worker: .*failed [1-9]/);

    r.child.kill('SIGTERM');
    expect((await r.exited).code).toBe(0);
  }, 240_000);
});
