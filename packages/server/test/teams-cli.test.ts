import { describe, expect, it } from 'vitest';
import { cliProcesses } from './cli-process';

// The CLI with Microsoft Teams, as a user runs it: a child process, talked to over HTTP on loopback.
const WIDGET = 'http://localhost:5173';
const { run, printed, freshDir } = cliProcesses({
  dirPrefix: 'session-links-teams-cli-',
  scrub: (key) => key.startsWith('ZOOM_') || key.startsWith('MICROSOFT_') || key === 'SESSION_LINKS_TOKEN_KEY',
});

async function owner(url: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', 'Bearer dev:owner');
  if (!headers.has('origin')) headers.set('origin', WIDGET);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  return { status: res.status, body: await res.json() };
}

describe('session-links-server with Microsoft Teams (CLI)', () => {
  it('refuses to start on a missing or malformed Microsoft variable, naming it', async () => {
    const teams = {
      MICROSOFT_CLIENT_ID: 'id',
      MICROSOFT_CLIENT_SECRET: 'secret',
      MICROSOFT_REDIRECT_URI: 'https://app.example/api/session-links/microsoft/callback',
      SESSION_LINKS_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    const missing = run(['--data', freshDir()], { MICROSOFT_CLIENT_ID: 'id' });
    expect((await missing.exited).code).toBe(1);
    expect(missing.output()).toContain('Microsoft Teams configuration: MICROSOFT_CLIENT_SECRET is required');
    const consumers = run(['--data', freshDir()], { ...teams, MICROSOFT_TENANT: 'consumers' });
    expect((await consumers.exited).code).toBe(1);
    expect(consumers.output()).toContain('personal Microsoft accounts cannot make Teams meetings');
    const wrongPath = run(['--data', freshDir()], { ...teams, MICROSOFT_REDIRECT_URI: 'https://app.example/teams/callback' });
    expect((await wrongPath.exited).code).toBe(1);
    expect(wrongPath.output()).toContain('MICROSOFT_REDIRECT_URI must end in /api/session-links/microsoft/callback');
    // The worker's pace per Microsoft account (R31), named like Zoom's: at least one call a second.
    const pace = run(['--data', freshDir()], { ...teams, MICROSOFT_API_REQUESTS_PER_SECOND: '0' });
    expect((await pace.exited).code).toBe(1);
    expect(pace.output()).toContain('MICROSOFT_API_REQUESTS_PER_SECOND must be a number of at least 1, got 0');
  }, 60_000);

  it('--fakes: Teams is offered, connects through the fake Microsoft’s consent page and the callback page; the worker makes the meetings there', async () => {
    const r = run(['--port', '0', '--data', freshDir(), '--seed', 'no-default', '--dev-auth', '--fakes'], {
      SESSION_LINKS_ALLOWED_ORIGINS: WIDGET,
    });
    const api = `${(await printed(r, /listening on (http:\/\/127\.0\.0\.1:\d+)\n/))[1]}/api/session-links`;
    const fakeMicrosoft = /fake Microsoft on (http:\/\/127\.0\.0\.1:\d+)/.exec(r.output())?.[1];
    expect(fakeMicrosoft).toBeDefined();
    expect(r.output()).toContain('teams: fake Microsoft on loopback');

    expect((await owner(`${api}/sites/site-studio/providers`)).body).toContainEqual({ provider: 'teams', configured: true });
    const started = await owner(`${api}/sites/site-studio/connections`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'teams', target: { type: 'default' } }),
    });
    expect(started.status).toBe(200);
    expect(started.body.authorizeUrl.startsWith(`${fakeMicrosoft}/common/oauth2/v2.0/authorize?`)).toBe(true);

    // The popup: Microsoft's consent page, Accept, back to the server's callback page.
    const html = await (await fetch(started.body.authorizeUrl)).text();
    const form = new URLSearchParams();
    for (const [, field, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(field!, value!);
    form.set('decision', 'allow');
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!;
    const back = (await fetch(`${fakeMicrosoft}${action}`, { method: 'POST', body: form, redirect: 'manual' })).headers.get('location')!;
    expect(back.startsWith(`${api}/microsoft/callback?`)).toBe(true);
    const page = await (await fetch(back)).text();
    const posted = JSON.parse(/var d=(.*?);if\(window\.opener\)/.exec(page)![1]!);
    expect(posted.origin).toBe(WIDGET);

    const version = (await owner(`${api}/sites/site-studio/settings`)).body.version;
    const done = await owner(`${api}/sites/site-studio/connections/complete`, {
      method: 'POST',
      body: JSON.stringify({ state: posted.message.state, code: posted.message.code, version }),
    });
    expect(done.status).toBe(200);
    expect(done.body.account).toMatchObject({ kind: 'teams', health: 'connected', user: { email: 'megan@fake-contoso.test' } });

    // The worker (every 5 s) makes the meetings at the fake, and says so.
    await printed(r, /meeting worker: created [1-9]/);
    expect(r.output()).not.toMatch(/meeting worker: .*failed [1-9]/);
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const sessions = await owner(`${api}/sites/site-studio/sessions?from=${from}&to=${to}`);
    const linked = sessions.body.filter((s: { resolution: { status: string } }) => s.resolution.status === 'linked');
    expect(linked.length).toBeGreaterThan(0);
    for (const s of linked) {
      expect(s.resolution.link.guestUrl.startsWith(`${fakeMicrosoft}/l/meetup-join/`)).toBe(true);
      expect((await fetch(s.resolution.link.guestUrl)).status).toBe(200);
    }
    expect(new Set(linked.map((s: { resolution: { link: { guestUrl: string } } }) => s.resolution.link.guestUrl)).size).toBe(linked.length);

    r.child.kill('SIGTERM');
    expect((await r.exited).code).toBe(0);
  }, 240_000);
});
