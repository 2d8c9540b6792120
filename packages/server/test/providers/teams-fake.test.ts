import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSUMER_TENANT_ID, type FakeMicrosoft, type FakeMicrosoftUser, startFakeMicrosoft } from '../../src/testing';

// Raw HTTP to the fake, the way Microsoft's documentation describes the calls, so the fake is
// checked independently of our own client.

const REDIRECT = 'http://127.0.0.1:9/teams/callback';
const VERIFIER = 'verifier-abcdefghijklmnopqrstuvwxyz0123456789';
const SCOPE = 'User.Read OnlineMeetings.ReadWrite offline_access';
const DAY = 86_400_000;

const WORK: FakeMicrosoftUser = {
  id: '0a0a0a0a-0000-4000-8000-000000000001',
  kind: 'work',
  tenantId: 'f00dcafe-0000-4000-8000-000000000001',
  email: 'anna@contoso.test',
  displayName: 'Anna de Vries',
};
const PERSONAL: FakeMicrosoftUser = {
  id: '0b0b0b0b-0000-4000-8000-000000000002',
  kind: 'personal',
  tenantId: 'ignored',
  email: 'anna@outlook.test',
  displayName: 'Anna Privé',
};

let ms: FakeMicrosoft;
let clock: number;

beforeEach(async () => {
  clock = Date.parse('2026-12-01T08:00:00Z');
  ms = await startFakeMicrosoft({ users: [WORK, PERSONAL], now: () => clock });
});
afterEach(async () => {
  await ms.close();
});

const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

async function consent(
  decision: 'allow' | 'deny',
  params: Record<string, string> = {},
  options: { tenant?: string; userId?: string } = {},
) {
  const tenant = options.tenant ?? 'common';
  const query = new URLSearchParams({
    client_id: ms.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    response_mode: 'query',
    scope: SCOPE,
    state: 'state-123',
    code_challenge: challengeOf(VERIFIER),
    code_challenge_method: 'S256',
    ...params,
  });
  const pageResponse = await fetch(`${ms.oauthBase}/${tenant}/oauth2/v2.0/authorize?${query}`, { redirect: 'manual' });
  if (pageResponse.status === 302) return new URL(pageResponse.headers.get('location')!);
  expect(pageResponse.status).toBe(200);
  const html = await pageResponse.text();
  expect(html).toContain('>Accept</button>');
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name!, value!);
  form.set('user_id', options.userId ?? WORK.id);
  form.set('decision', decision);
  const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!;
  const decided = await fetch(`${ms.oauthBase}${action}`, { method: 'POST', body: form, redirect: 'manual' });
  expect(decided.status).toBe(302);
  return new URL(decided.headers.get('location')!);
}

function token(params: Record<string, string>, tenant = 'common') {
  return fetch(`${ms.oauthBase}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: ms.clientId, client_secret: ms.clientSecret, ...params }),
  });
}

type Tokens = { access_token: string; refresh_token: string; expires_in: number; token_type: string; scope: string };

async function connect(userId = WORK.id): Promise<Tokens> {
  const back = await consent('allow', {}, { userId });
  const response = await token({
    grant_type: 'authorization_code',
    code: back.searchParams.get('code')!,
    redirect_uri: REDIRECT,
    code_verifier: VERIFIER,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Tokens;
}

const graph = (path: string, accessToken: string, init: RequestInit = {}) =>
  fetch(`${ms.graphBase}/v1.0${path}`, {
    ...init,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
  });

const meetingBody = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ subject: 'Yoga', startDateTime: '2026-12-10T09:00:00Z', endDateTime: '2026-12-10T10:00:00Z', ...extra });

describe('fake Microsoft identity platform: authorize', () => {
  it('Accept redirects with a code and the state unchanged; Cancel with access_denied', async () => {
    const back = await consent('allow');
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.searchParams.get('code')).toMatch(/^[\w.-]{20,}$/);
    const denied = await consent('deny');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('error_description')).toMatch(/^AADSTS65004/);
    expect(denied.searchParams.get('state')).toBe('state-123');
    expect(ms.calls.authorize).toBe(2);
  });

  it('refuses without a scope or without a PKCE S256 challenge; a wrong client or redirect stays on Microsoft’s page', async () => {
    expect((await consent('allow', { scope: '' })).searchParams.get('error')).toBe('invalid_request');
    expect((await consent('allow', { code_challenge_method: 'plain' })).searchParams.get('error')).toBe('invalid_request');
    const wrongClient = await fetch(`${ms.oauthBase}/common/oauth2/v2.0/authorize?client_id=nope&redirect_uri=${REDIRECT}`, {
      redirect: 'manual',
    });
    expect(wrongClient.status).toBe(400);
    expect(await wrongClient.text()).toContain('AADSTS700016');
  });

  it('lets only work accounts sign in to `organizations`, only personal ones to `consumers`', async () => {
    const work = await (await fetch(`${ms.oauthBase}/organizations/oauth2/v2.0/authorize?${authorizeQuery()}`)).text();
    expect(work).toContain(WORK.email);
    expect(work).not.toContain(PERSONAL.email);
    const personal = await (await fetch(`${ms.oauthBase}/consumers/oauth2/v2.0/authorize?${authorizeQuery()}`)).text();
    expect(personal).toContain(PERSONAL.email);
    expect(personal).not.toContain(WORK.email);
    const both = await (await fetch(`${ms.oauthBase}/common/oauth2/v2.0/authorize?${authorizeQuery()}`)).text();
    expect(both).toContain(WORK.email);
    expect(both).toContain(PERSONAL.email);
  });
});

function authorizeQuery() {
  return new URLSearchParams({
    client_id: ms.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: SCOPE,
    state: 's',
    code_challenge: challengeOf(VERIFIER),
    code_challenge_method: 'S256',
  });
}

describe('fake Microsoft identity platform: token endpoint', () => {
  it('redeems a code once, only with the right verifier and client secret, answering Microsoft’s error JSON', async () => {
    const first = await consent('allow');
    const wrongSecret = await token({
      grant_type: 'authorization_code',
      code: first.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
      client_secret: 'nope',
    });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });

    const second = await consent('allow');
    const wrongVerifier = await token({
      grant_type: 'authorization_code',
      code: second.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: 'x'.repeat(43),
    });
    expect(wrongVerifier.status).toBe(400);
    const body = (await wrongVerifier.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    expect(body.error_description).toMatch(/^AADSTS501481: /);
    expect(body).toHaveProperty('trace_id');
    expect(body).toHaveProperty('correlation_id');
    // The failed attempt spent the code.
    const retried = await token({
      grant_type: 'authorization_code',
      code: second.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
    });
    expect(await retried.json()).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });

    const tokens = await connect();
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(tokens.scope).toContain('OnlineMeetings.ReadWrite');
    expect(tokens.refresh_token).toBeTruthy();
  });

  it('gives no refresh token without offline_access', async () => {
    const back = await consent('allow', { scope: 'User.Read OnlineMeetings.ReadWrite' });
    const response = await token({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.access_token).toBeTruthy();
    expect(body).not.toHaveProperty('refresh_token');
  });

  it('rotates refresh tokens: every use returns a new one, and (strict fake) the redeemed one is refused', async () => {
    const tokens = await connect();
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, scope: SCOPE });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as Tokens;
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect(next.access_token).not.toBe(tokens.access_token);
    const reused = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await token({ grant_type: 'refresh_token', refresh_token: next.refresh_token })).status).toBe(200);
    expect(ms.calls.token.refresh).toBe(3);
  });

  it('keeps a redeemed refresh token working when switched to Microsoft’s documented behaviour', async () => {
    ms.switches.redeemedRefreshTokensStayValid = true;
    const tokens = await connect();
    expect((await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(200);
    expect((await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(200);
  });

  it('refuses a refresh token unused for 90 days with AADSTS700082, and a used one stays alive', async () => {
    const tokens = await connect();
    clock += 89 * DAY;
    const kept = (await (await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).json()) as Tokens;
    clock += 90 * DAY;
    const expired = await token({ grant_type: 'refresh_token', refresh_token: kept.refresh_token });
    expect(expired.status).toBe(400);
    const body = (await expired.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [700082] });
    expect(body.error_description).toMatch(/^AADSTS700082: The refresh token has expired due to inactivity\..*inactive for 90\.00:00:00/);
  });

  it('refuses every refresh token of a user who revoked the app (AADSTS50173); issued access tokens live out their hour', async () => {
    const tokens = await connect();
    ms.revoke(WORK.id);
    const refused = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50173] });
    expect((await graph('/me', tokens.access_token)).status).toBe(200);
    clock += 3600_000;
    expect((await graph('/me', tokens.access_token)).status).toBe(401);
    // Consenting again works.
    const again = await connect();
    expect((await token({ grant_type: 'refresh_token', refresh_token: again.refresh_token })).status).toBe(200);
  });

  it('answers 500 temporarily_unavailable when switched to', async () => {
    ms.switches.tokenFailNext = 1;
    const failed = await token({ grant_type: 'refresh_token', refresh_token: 'whatever' });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: 'temporarily_unavailable' });
  });
});

describe('fake Microsoft Graph', () => {
  it('reads /me, and creates, patches and deletes an online meeting with Graph-shaped bodies', async () => {
    const { access_token } = await connect();
    expect(await (await graph('/me', access_token)).json()).toMatchObject({
      id: WORK.id,
      displayName: 'Anna de Vries',
      userPrincipalName: WORK.email,
      mail: WORK.email,
    });

    const created = await graph('/me/onlineMeetings', access_token, { method: 'POST', body: meetingBody() });
    expect(created.status).toBe(201);
    const meeting = (await created.json()) as {
      id: string;
      joinWebUrl: string;
      joinMeetingIdSettings: Record<string, unknown>;
      participants: { organizer: { identity: { user: Record<string, unknown> } } };
    };
    expect(meeting).toMatchObject({
      subject: 'Yoga',
      startDateTime: '2026-12-10T09:00:00.0000000Z',
      endDateTime: '2026-12-10T10:00:00.0000000Z',
      externalId: null,
    });
    expect(meeting.joinWebUrl).toMatch(new RegExp(`^${ms.url}/l/meetup-join/19%3Ameeting_`));
    expect(meeting.joinMeetingIdSettings).toMatchObject({ joinMeetingId: expect.stringMatching(/^\d{12}$/) });
    expect(meeting.participants.organizer.identity.user).toMatchObject({ id: WORK.id, tenantId: WORK.tenantId });
    expect((await fetch(meeting.joinWebUrl)).status).toBe(200);

    const id = encodeURIComponent(meeting.id);
    // Moving a meeting takes both times.
    const half = await graph(`/me/onlineMeetings/${id}`, access_token, {
      method: 'PATCH',
      body: JSON.stringify({ startDateTime: '2026-12-11T09:00:00Z' }),
    });
    expect(half.status).toBe(400);
    const patched = await graph(`/me/onlineMeetings/${id}`, access_token, {
      method: 'PATCH',
      body: JSON.stringify({ startDateTime: '2026-12-11T09:00:00Z', endDateTime: '2026-12-11T09:45:00Z', subject: 'Yoga (moved)' }),
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: meeting.id, joinWebUrl: meeting.joinWebUrl, subject: 'Yoga (moved)' });
    expect(ms.getMeeting(meeting.id)?.endDateTime).toBe('2026-12-11T09:45:00.0000000Z');
    expect(ms.meetings()).toHaveLength(1);

    expect((await graph(`/me/onlineMeetings/${id}`, access_token, { method: 'DELETE' })).status).toBe(204);
    const again = await graph(`/me/onlineMeetings/${id}`, access_token, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: { code: 'NotFound' } });
    expect(ms.meetings()).toHaveLength(0);
    expect(ms.calls.meetings).toMatchObject({ create: 1, update: 2, delete: 2 });
  });

  it('createOrGet: the same externalId returns the same meeting (200), unchanged; another organizer gets their own', async () => {
    const { access_token } = await connect();
    const first = await graph('/me/onlineMeetings/createOrGet', access_token, {
      method: 'POST',
      body: meetingBody({ externalId: 'acct:s1' }),
    });
    expect(first.status).toBe(201);
    const made = (await first.json()) as Record<string, unknown>;
    const second = await graph('/me/onlineMeetings/createOrGet', access_token, {
      method: 'POST',
      body: meetingBody({
        externalId: 'acct:s1',
        subject: 'Other',
        startDateTime: '2027-01-01T09:00:00Z',
        endDateTime: '2027-01-01T10:00:00Z',
      }),
    });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ id: made.id, subject: 'Yoga', startDateTime: '2026-12-10T09:00:00.0000000Z' });
    expect(ms.meetings()).toHaveLength(1);
    const missing = await graph('/me/onlineMeetings/createOrGet', access_token, { method: 'POST', body: meetingBody() });
    expect(missing.status).toBe(400);

    const colleague: FakeMicrosoftUser = {
      ...WORK,
      id: '0c0c0c0c-0000-4000-8000-000000000003',
      email: 'bo@contoso.test',
      displayName: 'Bo',
    };
    ms.registerUser(colleague);
    const theirs = await connect(colleague.id);
    const own = await graph('/me/onlineMeetings/createOrGet', theirs.access_token, {
      method: 'POST',
      body: meetingBody({ externalId: 'acct:s1' }),
    });
    expect(own.status).toBe(201);
    expect(ms.meetings()).toHaveLength(2);
  });

  it('refuses online meetings for a personal Microsoft account with 403, though /me works', async () => {
    const { access_token } = await connect(PERSONAL.id);
    expect(await (await graph('/me', access_token)).json()).toMatchObject({ id: PERSONAL.id, mail: null });
    const refused = await graph('/me/onlineMeetings', access_token, { method: 'POST', body: meetingBody() });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'Forbidden' } });
    expect(ms.users.find((u) => u.id === PERSONAL.id)?.tenantId).toBe(CONSUMER_TENANT_ID);
  });

  it('answers 401 for a bad or expired token, 429 with Retry-After, 503 when switched to', async () => {
    const { access_token } = await connect();
    const bad = await graph('/me', 'nope');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    ms.switches.rateLimitNext = 1;
    ms.switches.retryAfterSeconds = 7;
    const limited = await graph('/me/onlineMeetings', access_token, { method: 'POST', body: meetingBody() });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
    ms.switches.failNext = 1;
    expect((await graph('/me', access_token)).status).toBe(503);
    expect(ms.meetings()).toHaveLength(0);
    clock += 3599_000;
    expect((await graph('/me', access_token)).status).toBe(401);
  });

  it('allows a user as many Graph calls a second as switched to (the pace the worker keeps), then 429 with Retry-After: 1', async () => {
    const { access_token } = await connect();
    ms.switches.perUserPerSecond = 2;
    clock = Math.ceil(clock / 1000) * 1000; // the start of a second
    expect((await graph('/me', access_token)).status).toBe(200);
    expect((await graph('/me/onlineMeetings', access_token, { method: 'POST', body: meetingBody() })).status).toBe(201);
    const limited = await graph('/me/onlineMeetings', access_token, { method: 'POST', body: meetingBody() });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(ms.meetings()).toHaveLength(1);
    clock += 1000; // the next second
    expect((await graph('/me/onlineMeetings', access_token, { method: 'POST', body: meetingBody() })).status).toBe(201);
  });
});
