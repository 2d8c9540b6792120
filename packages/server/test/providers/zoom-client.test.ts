import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createZoomClient, type ZoomClient, type ZoomClientRuntime, ZoomConfigError } from '../../src/providers/zoom/client';
import { type FakeZoom, startFakeZoom } from '../../src/testing';

const REDIRECT = 'http://127.0.0.1:9/zoom/callback';
let zoom: FakeZoom;
let sleeps: number[];

beforeEach(async () => {
  zoom = await startFakeZoom();
  sleeps = [];
});
afterEach(async () => {
  await zoom.close();
});

function clientFor(runtime: ZoomClientRuntime = {}): ZoomClient {
  return createZoomClient(
    { clientId: zoom.clientId, clientSecret: zoom.clientSecret, redirectUri: REDIRECT, oauthBase: zoom.oauthBase, apiBase: zoom.apiBase },
    {
      // Records the waits instead of waiting, so backoff is asserted without slowing the test.
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...runtime,
    },
  );
}

/** What the user does in the popup: open the consent page and press a button. */
async function pressOnConsentPage(authorizeUrl: string, decision: 'allow' | 'deny'): Promise<URL> {
  const html = await (await fetch(authorizeUrl)).text();
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name!, value!);
  form.set('decision', decision);
  const response = await fetch(`${zoom.oauthBase}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  return new URL(response.headers.get('location')!);
}

async function connected(client: ZoomClient) {
  const request = await client.startAuthorization();
  const back = await pressOnConsentPage(request.url, 'allow');
  const tokens = await client.exchangeCode({ code: back.searchParams.get('code')!, codeVerifier: request.codeVerifier });
  if (!tokens.ok) throw new Error(`exchange failed: ${tokens.error.kind}`);
  return tokens.value;
}

describe('Zoom client: OAuth with PKCE', () => {
  it('runs the code flow: consent URL with S256, state back unchanged, code exchanged with the verifier', async () => {
    const client = clientFor();
    const request = await client.startAuthorization();
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe(`${zoom.oauthBase}/oauth/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('state')).toBe(request.state);
    expect(request.state.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits, base64url
    expect(request.codeVerifier).not.toBe(url.searchParams.get('code_challenge'));
    expect(request.url).not.toContain(request.codeVerifier);

    const back = await pressOnConsentPage(request.url, 'allow');
    expect(back.searchParams.get('state')).toBe(request.state);
    const tokens = await client.exchangeCode({ code: back.searchParams.get('code')!, codeVerifier: request.codeVerifier });
    expect(tokens.ok).toBe(true);
    if (!tokens.ok) return;
    const expiresIn = Date.parse(tokens.value.accessExpiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(3590_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000);

    const me = await client.getMe(tokens.value.accessToken);
    expect(me).toEqual({ ok: true, value: { id: 'fz-user-1', accountId: 'fz-account-1', email: 'host@fake-zoom.test', name: 'Fay Host' } });
  });

  it('fails the exchange with the wrong verifier, and a replayed code', async () => {
    const client = clientFor();
    const first = await client.startAuthorization();
    const other = await client.startAuthorization();
    const back = await pressOnConsentPage(first.url, 'allow');
    const wrong = await client.exchangeCode({ code: back.searchParams.get('code')!, codeVerifier: other.codeVerifier });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'invalid-grant' } });

    const second = await client.startAuthorization();
    const code = (await pressOnConsentPage(second.url, 'allow')).searchParams.get('code')!;
    expect((await client.exchangeCode({ code, codeVerifier: second.codeVerifier })).ok).toBe(true);
    const replay = await client.exchangeCode({ code, codeVerifier: second.codeVerifier });
    expect(replay).toMatchObject({ ok: false, error: { kind: 'invalid-grant' } });
    expect(zoom.calls.token.authorizationCode).toBe(3);
  });

  it('brings a denied consent back as error=access_denied with the state', async () => {
    const request = await clientFor().startAuthorization();
    const back = await pressOnConsentPage(request.url, 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(request.state);
  });

  it('refreshes with rotation: the old refresh token is refused after use', async () => {
    const client = clientFor();
    const tokens = await connected(client);
    const refreshed = await client.refresh(tokens.refreshToken);
    expect(refreshed.ok).toBe(true);
    if (!refreshed.ok) return;
    expect(refreshed.value.refreshToken).not.toBe(tokens.refreshToken);
    expect((await client.getMe(refreshed.value.accessToken)).ok).toBe(true);

    expect(await client.refresh(tokens.refreshToken)).toMatchObject({ ok: false, error: { kind: 'invalid-grant' } });
    expect((await client.refresh(refreshed.value.refreshToken)).ok).toBe(true);
    expect(zoom.calls.token.refresh).toBe(3);
  });

  it('refuses wrong client credentials as rejected, not as invalid_grant', async () => {
    const client = createZoomClient(
      { clientId: zoom.clientId, clientSecret: 'wrong', redirectUri: REDIRECT, oauthBase: zoom.oauthBase, apiBase: zoom.apiBase },
      { sleep: async () => {} },
    );
    expect(await client.refresh('anything')).toMatchObject({ ok: false, error: { kind: 'rejected', code: 'invalid_client' } });
  });

  it('retries a 500 from the token endpoint', async () => {
    const client = clientFor();
    const tokens = await connected(client);
    zoom.switches.tokenFailNext = 1;
    expect((await client.refresh(tokens.refreshToken)).ok).toBe(true);
    expect(zoom.calls.token.refresh).toBe(2);
    expect(sleeps).toHaveLength(1);
  });
});

describe('Zoom client: meetings and failures', () => {
  const input = { topic: 'Morning yoga', start: '2026-12-01T09:00:00.000Z', durationMinutes: 45, password: 'sl12345' };

  it('creates, updates and deletes a meeting; a meeting already gone counts as deleted', async () => {
    const client = clientFor();
    const { accessToken } = await connected(client);
    const created = await client.createMeeting(accessToken, input);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value).toMatchObject({
      topic: 'Morning yoga',
      start: '2026-12-01T09:00:00.000Z',
      durationMinutes: 45,
      password: 'sl12345',
    });
    expect(created.value.id).toMatch(/^\d+$/);
    expect(zoom.getMeeting(created.value.id)).toMatchObject({ startTime: '2026-12-01T09:00:00Z', timezone: 'UTC' });

    expect(await client.updateMeeting(accessToken, created.value.id, { start: '2026-12-01T10:30:00+01:00' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(zoom.getMeeting(created.value.id)?.startTime).toBe('2026-12-01T09:30:00Z');

    expect(await client.deleteMeeting(accessToken, created.value.id)).toEqual({ ok: true, value: { alreadyGone: false } });
    expect(await client.deleteMeeting(accessToken, created.value.id)).toEqual({ ok: true, value: { alreadyGone: true } });
    expect(await client.updateMeeting(accessToken, created.value.id, { topic: 'x' })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
  });

  it('waits out a 429 for its Retry-After, then succeeds, creating one meeting', async () => {
    const client = clientFor();
    const { accessToken } = await connected(client);
    zoom.switches.rateLimitNext = 1;
    zoom.switches.retryAfterSeconds = 3;
    const created = await client.createMeeting(accessToken, input);
    expect(created.ok).toBe(true);
    expect(sleeps).toEqual([3000]);
    expect(zoom.calls.meetings.create).toBe(2);
    expect(zoom.meetings()).toHaveLength(1);
  });

  it('hands a long Retry-After back to the caller without waiting', async () => {
    const client = clientFor();
    const { accessToken } = await connected(client);
    zoom.switches.rateLimitNext = 1;
    zoom.switches.retryAfterSeconds = 120;
    const result = await client.createMeeting(accessToken, input);
    expect(result).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAfterSeconds: 120, daily: false } });
    expect(sleeps).toEqual([]);
    expect(zoom.meetings()).toHaveLength(0);
  });

  it('reads the daily create/update cap as rate-limited until the next UTC midnight', async () => {
    const client = clientFor({ now: () => Date.UTC(2026, 10, 24, 22, 59, 30) });
    const { accessToken } = await connected(client);
    zoom.switches.dailyMeetingCap = 0;
    const result = await client.createMeeting(accessToken, input);
    expect(result).toMatchObject({ ok: false, error: { kind: 'rate-limited', daily: true, retryAfterSeconds: 3630 } });
    expect(sleeps).toEqual([]);
  });

  it('retries 500s with growing backoff and succeeds', async () => {
    const client = clientFor({ retry: { baseDelayMs: 100, maxDelayMs: 10_000 } });
    const { accessToken } = await connected(client);
    zoom.switches.failNext = 2;
    expect((await client.getMe(accessToken)).ok).toBe(true);
    expect(zoom.calls.users.me).toBe(3);
    expect(sleeps).toEqual([75, 150]); // cap/2 + jitter(0.5)·cap/2, cap = 100·2^n
  });

  it('never retries a create on a 500 or a cut connection (Zoom may have made it): transient, for the caller to look up', async () => {
    const client = clientFor();
    const { accessToken } = await connected(client);
    zoom.switches.failNext = 1;
    expect(await client.createMeeting(accessToken, input)).toMatchObject({ ok: false, error: { kind: 'transient', status: 500 } });
    zoom.switches.cutCreateResponses = 1;
    expect(await client.createMeeting(accessToken, input)).toMatchObject({ ok: false, error: { kind: 'transient', status: null } });
    expect(zoom.calls.meetings.create).toBe(2);
    expect(sleeps).toEqual([]);
    expect(zoom.meetings()).toHaveLength(1); // the cut one
  });

  it('lists every page of the user’s meetings and reads one with its start URL and password', async () => {
    const client = clientFor({ listPageSize: 2 });
    const { accessToken } = await connected(client);
    for (const day of ['01', '02', '03', '04', '05']) {
      const made = await client.createMeeting(accessToken, { ...input, start: `2026-12-${day}T09:00:00Z`, agenda: `[day ${day}]` });
      expect(made.ok).toBe(true);
    }
    const listed = await client.listMeetings(accessToken);
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.map((m) => m.agenda)).toEqual(['[day 01]', '[day 02]', '[day 03]', '[day 04]', '[day 05]']);
    expect(zoom.calls.meetings.list).toBe(3);
    const one = await client.getMeeting(accessToken, listed.value[2]!.id);
    expect(one).toMatchObject({ ok: true, value: { start: '2026-12-03T09:00:00.000Z', password: 'sl12345', agenda: '[day 03]' } });
  });

  it('gives up after the bounded attempts with a transient error', async () => {
    const client = clientFor({ retry: { attempts: 3 } });
    const { accessToken } = await connected(client);
    zoom.switches.failNext = 10;
    expect(await client.getMe(accessToken)).toMatchObject({ ok: false, error: { kind: 'transient', status: 500 } });
    expect(zoom.calls.users.me).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('surfaces a 401 at once, without retrying', async () => {
    const client = clientFor();
    expect(await client.getMe('not-a-token')).toMatchObject({
      ok: false,
      error: { kind: 'unauthorized', message: 'Invalid access token.' },
    });
    expect(zoom.calls.users.me).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('treats a refused connection as transient', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = createZoomClient(
      {
        clientId: 'c',
        clientSecret: 's',
        redirectUri: REDIRECT,
        oauthBase: `http://127.0.0.1:${port}`,
        apiBase: `http://127.0.0.1:${port}/v2`,
      },
      { sleep: async (ms) => void sleeps.push(ms), retry: { attempts: 2 } },
    );
    expect(await client.getMe('t')).toMatchObject({ ok: false, error: { kind: 'transient', status: null } });
    expect(await client.refresh('r')).toMatchObject({ ok: false, error: { kind: 'transient', status: null } });
    expect(sleeps).toHaveLength(2);
  });

  it('refuses plain-http bases that are not loopback', () => {
    const config = { clientId: 'c', clientSecret: 's', redirectUri: 'https://app.example/zoom/callback' };
    expect(() => createZoomClient({ ...config, oauthBase: 'http://zoom.example' })).toThrow(ZoomConfigError);
    expect(() => createZoomClient({ ...config, apiBase: 'http://api.zoom.example/v2' })).toThrow('ZOOM_API_BASE must use https');
    expect(createZoomClient(config).apiBase).toBe('https://api.zoom.us/v2');
  });
});
