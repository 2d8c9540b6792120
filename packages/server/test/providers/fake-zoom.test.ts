import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeZoom, startFakeZoom } from '../../src/testing';

// These tests speak raw HTTP to the fake, the way Zoom's documentation describes the calls,
// so the fake is checked independently of our own client.

const REDIRECT = 'http://127.0.0.1:9/zoom/callback';
let zoom: FakeZoom;

beforeEach(async () => {
  zoom = await startFakeZoom();
});
afterEach(async () => {
  await zoom.close();
});

const basic = () => `Basic ${Buffer.from(`${zoom.clientId}:${zoom.clientSecret}`).toString('base64')}`;
const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

async function consent(decision: 'allow' | 'deny', params: Record<string, string> = {}) {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: zoom.clientId,
    redirect_uri: REDIRECT,
    state: 'state-123',
    code_challenge: challengeOf('verifier-abcdefghijklmnopqrstuvwxyz0123456789'),
    code_challenge_method: 'S256',
    ...params,
  });
  const pageResponse = await fetch(`${zoom.oauthBase}/oauth/authorize?${query}`, { redirect: 'manual' });
  if (pageResponse.status === 302) return new URL(pageResponse.headers.get('location')!);
  const html = await pageResponse.text();
  expect(html).toContain('>Allow</button>');
  expect(html).toContain('>Deny</button>');
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name!, value!);
  form.set('decision', decision);
  const decided = await fetch(`${zoom.oauthBase}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  expect(decided.status).toBe(302);
  return new URL(decided.headers.get('location')!);
}

function token(params: Record<string, string>, auth = basic()) {
  return fetch(`${zoom.oauthBase}/oauth/token`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
}

async function connect() {
  const verifier = 'verifier-abcdefghijklmnopqrstuvwxyz0123456789';
  const back = await consent('allow');
  const response = await token({
    grant_type: 'authorization_code',
    code: back.searchParams.get('code')!,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; refresh_token: string; expires_in: number; token_type: string };
}

const api = (path: string, accessToken: string, init: RequestInit = {}) =>
  fetch(`${zoom.apiBase}${path}`, { ...init, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' } });

describe('fake Zoom: consent page', () => {
  it('Allow redirects to the redirect URI with a code and the state unchanged', async () => {
    const back = await consent('allow');
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.searchParams.get('code')).toMatch(/^[\w-]{16,}$/);
    expect(zoom.calls.authorize).toBe(1);
  });

  it('Deny redirects with error=access_denied and the state', async () => {
    const back = await consent('deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('refuses an authorization request without a PKCE S256 challenge', async () => {
    const back = await consent('allow', { code_challenge_method: 'plain' });
    expect(back.searchParams.get('error')).toBe('invalid_request');
  });
});

describe('fake Zoom: token endpoint', () => {
  it('exchanges a code once, only with the right verifier and client credentials', async () => {
    const verifier = 'verifier-abcdefghijklmnopqrstuvwxyz0123456789';
    const first = await consent('allow');
    const code = first.searchParams.get('code')!;
    const wrongClient = await token(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      `Basic ${Buffer.from(`${zoom.clientId}:nope`).toString('base64')}`,
    );
    expect(wrongClient.status).toBe(401);
    expect(await wrongClient.json()).toMatchObject({ error: 'invalid_client' });

    const second = await consent('allow');
    const wrong = await token({
      grant_type: 'authorization_code',
      code: second.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: 'x'.repeat(43),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    // The code was spent by the failed attempt too.
    const retried = await token({
      grant_type: 'authorization_code',
      code: second.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(await retried.json()).toMatchObject({ error: 'invalid_grant' });

    const third = await consent('allow');
    const missing = await token({ grant_type: 'authorization_code', code: third.searchParams.get('code')!, redirect_uri: REDIRECT });
    expect(await missing.json()).toMatchObject({ error: 'invalid_grant' });

    const fourth = await consent('allow');
    const ok = await token({
      grant_type: 'authorization_code',
      code: fourth.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    const replay = await token({
      grant_type: 'authorization_code',
      code: fourth.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    expect(zoom.calls.token.authorizationCode).toBe(6);
  });

  it('rotates refresh tokens: the old one is refused once used', async () => {
    const tokens = await connect();
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as { access_token: string; refresh_token: string };
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect(next.access_token).not.toBe(tokens.access_token);
    const reused = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await token({ grant_type: 'refresh_token', refresh_token: next.refresh_token })).status).toBe(200);
    expect(zoom.calls.token.refresh).toBe(3);
  });

  it('refuses the next refresh with invalid_grant when switched to', async () => {
    const tokens = await connect();
    zoom.switches.refuseRefreshes = 1;
    const refused = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers 500 on the token endpoint when switched to', async () => {
    zoom.switches.tokenFailNext = 1;
    const failed = await token({ grant_type: 'refresh_token', refresh_token: 'whatever' });
    expect(failed.status).toBe(500);
  });
});

describe('fake Zoom: API', () => {
  it('reads the user, creates, patches and deletes a meeting with Zoom-shaped bodies', async () => {
    const { access_token } = await connect();
    const me = await api('/users/me', access_token);
    expect(await me.json()).toMatchObject({ id: 'fz-user-1', email: 'host@fake-zoom.test', account_id: 'fz-account-1' });

    const created = await api('/users/me/meetings', access_token, {
      method: 'POST',
      body: JSON.stringify({
        topic: 'Yoga',
        type: 2,
        start_time: '2026-12-01T09:00:00Z',
        duration: 45,
        timezone: 'UTC',
        password: 'abc123',
      }),
    });
    expect(created.status).toBe(201);
    const meeting = (await created.json()) as Record<string, unknown>;
    expect(meeting).toMatchObject({ topic: 'Yoga', start_time: '2026-12-01T09:00:00Z', duration: 45, password: 'abc123' });
    expect(typeof meeting.id).toBe('number');
    expect(meeting.join_url).toMatch(new RegExp(`^${zoom.url}/j/${meeting.id}\\?pwd=`));
    expect(meeting.start_url).toMatch(new RegExp(`^${zoom.url}/s/${meeting.id}\\?zak=`));

    const patched = await api(`/meetings/${meeting.id}`, access_token, {
      method: 'PATCH',
      body: JSON.stringify({ start_time: '2026-12-02T10:00:00Z' }),
    });
    expect(patched.status).toBe(204);
    expect(zoom.getMeeting(meeting.id as number)?.startTime).toBe('2026-12-02T10:00:00Z');

    expect((await api(`/meetings/${meeting.id}`, access_token, { method: 'DELETE' })).status).toBe(204);
    const again = await api(`/meetings/${meeting.id}`, access_token, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: 3001 });
    expect(zoom.meetings()).toHaveLength(0);
    expect(zoom.calls.meetings).toMatchObject({ create: 1, update: 1, delete: 2 });
  });

  it('lists a user’s meetings like Zoom: page_size (at most 300), next_page_token, agenda cut to 250, no start URL or password', async () => {
    const { access_token } = await connect();
    for (let i = 0; i < 7; i++) {
      const made = await api('/users/me/meetings', access_token, {
        method: 'POST',
        body: JSON.stringify({
          topic: `M${i}`,
          type: 2,
          start_time: `2030-01-0${i + 1}T09:00:00Z`,
          duration: 30,
          agenda: `[k${i}] ${'x'.repeat(400)}`,
        }),
      });
      expect(made.status).toBe(201);
    }
    const seen: Array<Record<string, unknown>> = [];
    let token = '';
    let pages = 0;
    do {
      const query = new URLSearchParams({ type: 'scheduled', page_size: '3' });
      if (token) query.set('next_page_token', token);
      const page = (await (await api(`/users/me/meetings?${query}`, access_token)).json()) as Record<string, unknown>;
      expect(page).toMatchObject({ page_size: 3, total_records: 7 });
      seen.push(...(page.meetings as Array<Record<string, unknown>>));
      token = page.next_page_token as string;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen.map((m) => m.topic)).toEqual(['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    expect(seen[0]).toMatchObject({ start_time: '2030-01-01T09:00:00Z', duration: 30, type: 2 });
    expect((seen[0]!.agenda as string).length).toBe(250);
    expect((seen[0]!.agenda as string).startsWith('[k0] ')).toBe(true);
    expect(seen[0]).not.toHaveProperty('start_url');
    expect(seen[0]).not.toHaveProperty('password');
    // GET /meetings/{id} has the whole agenda.
    expect(((await (await api(`/meetings/${seen[0]!.id}`, access_token)).json()) as { agenda: string }).agenda).toHaveLength(405);
    // page_size above 300 is capped; an unknown next_page_token is refused.
    const big = (await (await api('/users/me/meetings?page_size=1000', access_token)).json()) as Record<string, unknown>;
    expect(big).toMatchObject({ page_size: 300, next_page_token: '' });
    expect((await api('/users/me/meetings?next_page_token=nope', access_token)).status).toBe(400);
    expect((await api('/users/me/meetings?type=everything', access_token)).status).toBe(400);
    expect(zoom.calls.meetings.list).toBe(3 + 3);
  });

  it('cuts the answer of a create when switched to: the meeting exists, the caller hears nothing', async () => {
    const { access_token } = await connect();
    zoom.switches.cutCreateResponses = 1;
    await expect(
      api('/users/me/meetings', access_token, {
        method: 'POST',
        body: JSON.stringify({ topic: 'Lost', type: 2, start_time: '2030-01-01T09:00:00Z', duration: 30 }),
      }),
    ).rejects.toThrow();
    expect(zoom.meetings().map((m) => m.topic)).toEqual(['Lost']);
    expect(zoom.switches.cutCreateResponses).toBe(0);
  });

  it('registers a user and issues a token pair for it (seeded demos)', async () => {
    zoom.registerUser({ id: 'fz-seed-1', accountId: 'fz-account-seed', email: 'seed@studio.example', firstName: 'Seed', lastName: 'User' });
    const issued = zoom.issueTokens('fz-seed-1');
    expect(await (await api('/users/me', issued.access_token)).json()).toMatchObject({ id: 'fz-seed-1', email: 'seed@studio.example' });
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(() => zoom.issueTokens('nobody')).toThrow();
  });

  it('answers 401 with code 124 for an unknown or expired token', async () => {
    const unknown = await api('/users/me', 'not-a-token');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ code: 124, message: 'Invalid access token.' });

    zoom.switches.accessTokenLifetimeSeconds = 0;
    const { access_token } = await connect();
    const expired = await api('/users/me', access_token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: 124 });
  });

  it('answers 429 with Retry-After, then 500, for the next N calls as switched', async () => {
    const { access_token } = await connect();
    zoom.switches.rateLimitNext = 2;
    zoom.switches.retryAfterSeconds = 7;
    zoom.switches.failNext = 1;
    const limited = await api('/users/me', access_token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await api('/users/me', access_token)).status).toBe(429);
    expect((await api('/users/me', access_token)).status).toBe(500);
    expect((await api('/users/me', access_token)).status).toBe(200);
    expect(zoom.calls.users.me).toBe(4);
  });

  it('caps meeting creates and updates per user per day with Zoom’s daily-limit message', async () => {
    const { access_token } = await connect();
    zoom.switches.dailyMeetingCap = 2;
    const create = () =>
      api('/users/me/meetings', access_token, {
        method: 'POST',
        body: JSON.stringify({ topic: 'T', type: 2, start_time: '2026-12-01T09:00:00Z', duration: 30 }),
      });
    const first = (await (await create()).json()) as { id: number };
    expect((await api(`/meetings/${first.id}`, access_token, { method: 'PATCH', body: JSON.stringify({ duration: 60 }) })).status).toBe(
      204,
    );
    const capped = await create();
    expect(capped.status).toBe(429);
    expect(((await capped.json()) as { message: string }).message).toContain('daily rate limit (2) of Meeting Create/Update');
    expect(zoom.meetings()).toHaveLength(1);
  });

  it('limits API calls per Zoom account per second like Zoom (429, Retry-After, QPS), per category, shared by the account’s users', async () => {
    await zoom.close();
    let clock = Date.parse('2026-12-01T08:00:00.250Z');
    zoom = await startFakeZoom({ now: () => clock });
    zoom.switches.perSecond = { medium: 2, light: 3 };
    const user = (id: string, accountId: string) => {
      zoom.registerUser({ id, accountId, email: `${id}@studio.example`, firstName: id, lastName: 'Host' });
      return zoom.issueTokens(id).access_token;
    };
    const [a, b, other] = [user('fz-a', 'fz-account-x'), user('fz-b', 'fz-account-x'), user('fz-c', 'fz-account-y')];
    const create = (token: string) =>
      api('/users/me/meetings', token, {
        method: 'POST',
        body: JSON.stringify({ topic: 'T', type: 2, start_time: '2026-12-02T09:00:00Z', duration: 30 }),
      });
    expect((await create(a)).status).toBe(201);
    expect((await create(b)).status).toBe(201);
    // A third create in the same second by another user of the same account: refused, nothing made.
    const limited = await create(b);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('x-ratelimit-type')).toBe('QPS');
    expect(limited.headers.get('x-ratelimit-category')).toBe('Medium');
    expect(((await limited.json()) as { code: number }).code).toBe(429);
    expect(zoom.meetings()).toHaveLength(2);
    // Another account has its own limit; Light calls have theirs.
    expect((await create(other)).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await api('/users/me', a)).status).toBe(200);
    expect((await api('/users/me', b)).status).toBe(429);
    // The next second: allowed again.
    clock += 750;
    expect((await create(a)).status).toBe(201);
    expect((await api('/users/me', b)).status).toBe(200);
    expect(zoom.meetings()).toHaveLength(4);
    // A refused call does not count toward the daily cap (per user): fz-b has made one, so two more are one too many.
    zoom.switches.perSecond = { medium: Number.POSITIVE_INFINITY, light: Number.POSITIVE_INFINITY };
    zoom.switches.dailyMeetingCap = 2;
    expect((await create(b)).status).toBe(201);
    expect((await create(b)).status).toBe(429);
  });

  it('stops accepting a user’s tokens once the app is deauthorized', async () => {
    const { access_token, refresh_token } = await connect();
    const payload = zoom.deauthorize('fz-user-1');
    expect(payload).toMatchObject({ user_id: 'fz-user-1', account_id: 'fz-account-1', client_id: zoom.clientId });
    expect((await api('/users/me', access_token)).status).toBe(401);
    expect(await (await token({ grant_type: 'refresh_token', refresh_token })).json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('fake Zoom: webhooks', () => {
  it('signs v0:{timestamp}:{body} with HMAC-SHA256 of the secret, in seconds', async () => {
    const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
    const receiver = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      received.push({ headers: req.headers, body });
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zoom/webhook`;
    try {
      const delivery = await zoom.sendWebhook(
        target,
        'meeting.deleted',
        { object: { id: 1 } },
        { secret: 's3cret', timestamp: 1_700_000_000 },
      );
      expect(delivery.status).toBe(200);
      const [hit] = received;
      expect(hit!.headers['x-zm-request-timestamp']).toBe('1700000000');
      const expected = `v0=${createHmac('sha256', 's3cret').update(`v0:1700000000:${hit!.body}`).digest('hex')}`;
      expect(hit!.headers['x-zm-signature']).toBe(expected);
      expect(JSON.parse(hit!.body)).toMatchObject({ event: 'meeting.deleted', payload: { object: { id: 1 } } });
      const now = Math.floor(Date.now() / 1000);
      await zoom.sendWebhook(target, 'app_deauthorized', {}, { secret: 's3cret' });
      expect(Math.abs(Number(received[1]!.headers['x-zm-request-timestamp']) - now)).toBeLessThan(5);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
