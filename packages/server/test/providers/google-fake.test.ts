import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGoogle, startFakeGoogle } from '../../src/testing';

// These tests speak raw HTTP to the fake, the way Google's documentation describes the calls,
// so the fake is checked independently of our own client.

const REDIRECT = 'http://127.0.0.1:9/google/callback';
const VERIFIER = 'verifier-abcdefghijklmnopqrstuvwxyz0123456789';
const SCOPE = 'openid email profile https://www.googleapis.com/auth/calendar.events';
let google: FakeGoogle;

beforeEach(async () => {
  google = await startFakeGoogle({ redirectUris: [REDIRECT] });
});
afterEach(async () => {
  await google.close();
});

const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

function authorizeUrl(params: Record<string, string> = {}) {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: google.clientId,
    redirect_uri: REDIRECT,
    scope: SCOPE,
    state: 'state-123',
    code_challenge: challengeOf(VERIFIER),
    code_challenge_method: 'S256',
    access_type: 'offline',
    prompt: 'consent',
    ...params,
  });
  return `${google.oauthBase}/o/oauth2/v2/auth?${query}`;
}

async function consent(params: Record<string, string> = {}, decision = 'allow', calendar = true) {
  const html = await (await fetch(authorizeUrl(params))).text();
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name!, value!);
  if (calendar) for (const [, value] of html.matchAll(/name="grant_scope" value="([^"]+)" checked/g)) form.append('grant_scope', value!);
  form.set('decision', decision);
  const decided = await fetch(`${google.oauthBase}/o/oauth2/v2/auth`, { method: 'POST', body: form, redirect: 'manual' });
  expect(decided.status).toBe(302);
  return new URL(decided.headers.get('location')!);
}

function token(params: Record<string, string>, client = { client_id: google.clientId, client_secret: google.clientSecret }) {
  return fetch(`${google.oauthBase}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...client, ...params }),
  });
}

type Tokens = { access_token: string; refresh_token?: string; expires_in: number; token_type: string; scope: string; id_token?: string };

async function exchange(back: URL): Promise<Tokens> {
  const response = await token({
    grant_type: 'authorization_code',
    code: back.searchParams.get('code')!,
    redirect_uri: REDIRECT,
    code_verifier: VERIFIER,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Tokens;
}

const events = (accessToken: string, path = '', init: RequestInit = {}) =>
  fetch(`${google.apiBase}/calendar/v3/calendars/primary/events${path}`, {
    ...init,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
  });

const body = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    summary: 'Yoga',
    start: { dateTime: '2026-12-01T09:00:00Z', timeZone: 'UTC' },
    end: { dateTime: '2026-12-01T10:00:00Z', timeZone: 'UTC' },
    ...extra,
  });
interface EventJson {
  id: string;
  status: string;
  hangoutLink?: string;
  conferenceData?: {
    createRequest: { requestId: string; conferenceSolutionKey: { type: string }; status: { statusCode: string } };
    entryPoints?: Array<{ entryPointType: string; uri: string }>;
    conferenceSolution?: { name: string };
  };
}
const meet = (requestId: string) => ({ conferenceData: { createRequest: { requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } } });

describe('fake Google: authorization', () => {
  it('shows its own error page (no redirect) for an unregistered redirect URI or an unknown client', async () => {
    const mismatch = await fetch(authorizeUrl({ redirect_uri: 'http://127.0.0.1:9/elsewhere' }), { redirect: 'manual' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('redirect_uri_mismatch');
    const client = await fetch(authorizeUrl({ client_id: 'nope' }), { redirect: 'manual' });
    expect(client.status).toBe(401);
    expect(await client.text()).toContain('invalid_client');
  });

  it('refuses a request without a PKCE S256 challenge', async () => {
    const response = await fetch(authorizeUrl({ code_challenge_method: 'plain' }), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('invalid_request');
  });

  it('Cancel redirects with error=access_denied and the state', async () => {
    const back = await consent({}, 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('state-123');
  });

  it('Continue redirects with a code, the state and the scopes granted', async () => {
    const back = await consent();
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.searchParams.get('code')).toMatch(/^4\/0/);
    expect(back.searchParams.get('scope')).toContain('https://www.googleapis.com/auth/calendar.events');
  });
});

describe('fake Google: token endpoint', () => {
  it('exchanges a code once, with the right verifier and client, for tokens and an ID token naming the user', async () => {
    const back = await consent();
    const code = back.searchParams.get('code')!;
    const wrongClient = await token(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: VERIFIER },
      { client_id: google.clientId, client_secret: 'nope' },
    );
    expect(wrongClient.status).toBe(401);
    expect(await wrongClient.json()).toEqual({ error: 'invalid_client', error_description: 'Unauthorized' });

    const fresh = await consent();
    const wrongVerifier = await token({
      grant_type: 'authorization_code',
      code: fresh.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: 'x'.repeat(43),
    });
    expect(await wrongVerifier.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid code verifier.' });
    // The failed attempt spent the code.
    const replay = await token({
      grant_type: 'authorization_code',
      code: fresh.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });

    const tokens = await exchange(await consent());
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    const claims = JSON.parse(Buffer.from(tokens.id_token!.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({
      iss: google.oauthBase,
      aud: google.clientId,
      sub: '104000000000000000001',
      email: 'host@fake-google.test',
    });
  });

  it('gives a refresh token only for offline access, and again only when consent is forced', async () => {
    expect((await exchange(await consent({ access_type: 'online' }))).refresh_token).toBeUndefined();
    expect((await exchange(await consent())).refresh_token).toBeDefined();
    expect((await exchange(await consent({ prompt: '' }))).refresh_token).toBeUndefined();
    expect((await exchange(await consent({ prompt: 'consent' }))).refresh_token).toBeDefined();
  });

  it('refreshes without rotating: no refresh token in the answer, the old one keeps working', async () => {
    const { refresh_token } = await exchange(await consent());
    for (let i = 0; i < 2; i++) {
      const response = await token({ grant_type: 'refresh_token', refresh_token: refresh_token! });
      const json = (await response.json()) as Tokens;
      expect(response.status).toBe(200);
      expect(json.refresh_token).toBeUndefined();
      expect(json.access_token).toMatch(/^ya29\./);
    }
  });

  it('revocation ends the grant: invalid_grant "Token has been expired or revoked."', async () => {
    const { refresh_token, access_token } = await exchange(await consent());
    const revoked = await fetch(`${google.oauthBase}/revoke?token=${encodeURIComponent(access_token)}`, { method: 'POST' });
    expect(revoked.status).toBe(200);
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: refresh_token! });
    expect(refreshed.status).toBe(400);
    expect(await refreshed.json()).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    expect((await events(access_token, '/x0000')).status).toBe(401);
  });
});

describe('fake Google: Calendar events with a Meet conference', () => {
  async function accessToken(calendar = true) {
    return (await exchange(await consent({}, 'allow', calendar))).access_token;
  }

  it('answers a new conference pending, then success with hangoutLink and entry points on a later get', async () => {
    const at = await accessToken();
    const inserted = await events(at, '?conferenceDataVersion=1&sendUpdates=none', { method: 'POST', body: body(meet('req-1')) });
    expect(inserted.status).toBe(200);
    const event = (await inserted.json()) as EventJson;
    expect(event.conferenceData?.createRequest).toEqual({
      requestId: 'req-1',
      conferenceSolutionKey: { type: 'hangoutsMeet' },
      status: { statusCode: 'pending' },
    });
    expect(event.hangoutLink).toBeUndefined();
    const later = (await (await events(at, `/${event.id}`)).json()) as EventJson;
    expect(later.conferenceData?.createRequest.status.statusCode).toBe('success');
    expect(later.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(later.conferenceData?.entryPoints?.[0]).toMatchObject({ entryPointType: 'video', uri: later.hangoutLink });
    expect(later.conferenceData?.conferenceSolution?.name).toBe('Google Meet');
  });

  it('ignores conferenceData without conferenceDataVersion=1', async () => {
    const at = await accessToken();
    const event = (await (await events(at, '', { method: 'POST', body: body(meet('req-1')) })).json()) as Record<string, unknown>;
    expect(event.conferenceData).toBeUndefined();
  });

  it('ignores a repeated requestId: the same conference, no second one', async () => {
    google.switches.conferencePending = 0;
    const at = await accessToken();
    const first = (await (await events(at, '?conferenceDataVersion=1', { method: 'POST', body: body(meet('req-1')) })).json()) as EventJson;
    const second = (await (
      await events(at, '?conferenceDataVersion=1', { method: 'POST', body: body(meet('req-1')) })
    ).json()) as EventJson;
    expect(second.hangoutLink).toBe(first.hangoutLink);
    expect(new Set(google.events().map((e) => e.conference?.meetLink)).size).toBe(1);
  });

  it('refuses an event id already taken (a cancelled event keeps its id) with 409 duplicate', async () => {
    const at = await accessToken();
    expect((await events(at, '', { method: 'POST', body: body({ id: 'abcdef0123' }) })).status).toBe(200);
    expect((await events(at, '/abcdef0123', { method: 'DELETE' })).status).toBe(204);
    const again = await events(at, '', { method: 'POST', body: body({ id: 'abcdef0123' }) });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({
      error: {
        errors: [{ domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' }],
        code: 409,
        message: 'The requested identifier already exists.',
      },
    });
    expect((await events(at, '', { method: 'POST', body: body({ id: 'not_base32hex!' }) })).status).toBe(400);
  });

  it('answers 410 deleted for a second delete and 404 for an unknown event', async () => {
    const at = await accessToken();
    const { id } = (await (await events(at, '', { method: 'POST', body: body() })).json()) as { id: string };
    expect((await events(at, `/${id}?sendUpdates=none`, { method: 'DELETE' })).status).toBe(204);
    expect(((await (await events(at, `/${id}`)).json()) as { status: string }).status).toBe('cancelled');
    const gone = await events(at, `/${id}`, { method: 'DELETE' });
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ error: { errors: [{ domain: 'global', reason: 'deleted' }], code: 410 } });
    expect((await events(at, '/neverexisted0', { method: 'DELETE' })).status).toBe(404);
    expect(google.getEvent(id)?.sendUpdates).toEqual([
      { method: 'insert', value: null },
      { method: 'delete', value: 'none' },
    ]);
  });

  it('refuses a bad token with 401 authError, and a token without the Calendar scope with 403 insufficientPermissions', async () => {
    const unauthorized = await events('ya29.nope', '/x');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('www-authenticate')).toContain('invalid_token');
    expect(await unauthorized.json()).toMatchObject({
      error: { errors: [{ reason: 'authError' }], code: 401, message: 'Invalid Credentials' },
    });
    const noCalendar = await events(await accessToken(false), '', { method: 'POST', body: body() });
    expect(noCalendar.status).toBe(403);
    expect(await noCalendar.json()).toMatchObject({ error: { errors: [{ reason: 'insufficientPermissions' }] } });
  });

  it('answers the documented usage-limit errors: 403 usageLimits and 429', async () => {
    const at = await accessToken();
    google.switches.rateLimit = 'userRateLimitExceeded';
    google.switches.rateLimitNext = 1;
    const user = await events(at, '', { method: 'POST', body: body() });
    expect(user.status).toBe(403);
    expect(await user.json()).toEqual({
      error: {
        errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' }],
        code: 403,
        message: 'User Rate Limit Exceeded',
      },
    });
    google.switches.rateLimit = 'tooManyRequests';
    google.switches.retryAfterSeconds = 30;
    google.switches.rateLimitNext = 1;
    const many = await events(at, '', { method: 'POST', body: body() });
    expect(many.status).toBe(429);
    expect(many.headers.get('retry-after')).toBe('30');
    expect(await many.json()).toMatchObject({ error: { errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }], code: 429 } });
    expect(google.events()).toHaveLength(0);
  });

  it("keeps Calendar's per-user quota (600 calls a minute by default): beyond it, 403 userRateLimitExceeded", async () => {
    expect(google.switches.perUserPerMinute).toBe(600);
    const at = await accessToken();
    google.switches.perUserPerMinute = 2;
    expect((await events(at, '', { method: 'POST', body: body() })).status).toBe(200);
    expect((await events(at, '', { method: 'POST', body: body() })).status).toBe(200);
    const limited = await events(at, '', { method: 'POST', body: body() });
    expect(limited.status).toBe(403);
    expect(await limited.json()).toMatchObject({ error: { errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded' }] } });
    expect(google.events()).toHaveLength(2);
  });

  it('rejects an empty time range and a local time without a zone', async () => {
    const at = await accessToken();
    const empty = await events(at, '', {
      method: 'POST',
      body: body({ end: { dateTime: '2026-12-01T08:00:00Z' } }),
    });
    expect(await empty.json()).toMatchObject({ error: { errors: [{ reason: 'timeRangeEmpty' }], code: 400 } });
    const zoneless = await events(at, '', { method: 'POST', body: body({ start: { dateTime: '2026-12-01T09:00:00' } }) });
    expect(zoneless.status).toBe(400);
  });
});
