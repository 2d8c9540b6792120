import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/providers/gateway';
import { MicrosoftConfigError } from '../../src/providers/microsoft/client';
import { readMicrosoftSettings } from '../../src/providers/microsoft/config';
import { createTeamsIntegration } from '../../src/providers/microsoft/connect';
import { createTeamsGateway, TEAMS_REFUSED_REASON, type TeamsGateway } from '../../src/providers/microsoft/gateway';
import { type FakeMicrosoft, type FakeMicrosoftUser, startFakeMicrosoft } from '../../src/testing';

// The Teams gateway against the fake Microsoft over loopback HTTP: what the server's
// connection flow and meeting worker get from it.

const REDIRECT = 'http://127.0.0.1:9/api/session-links/teams/callback';
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
  tenantId: '',
  email: 'anna@outlook.test',
  displayName: 'Anna Privé',
};

let ms: FakeMicrosoft;
let gateway: TeamsGateway;
let clock: number;
let sleeps: number[];

beforeEach(async () => {
  clock = Date.parse('2026-12-01T08:00:00Z');
  sleeps = [];
  ms = await startFakeMicrosoft({ users: [WORK, PERSONAL], now: () => clock });
  gateway = gatewayFor();
});
afterEach(async () => {
  await ms.close();
});

function gatewayFor(tenant = 'common') {
  return createTeamsGateway(
    {
      clientId: ms.clientId,
      clientSecret: ms.clientSecret,
      redirectUri: REDIRECT,
      tenant,
      oauthBase: ms.oauthBase,
      graphBase: ms.graphBase,
    },
    {
      runtime: {
        now: () => clock,
        // Records the waits instead of waiting, so backoff is asserted without slowing the test.
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 0.5,
        retry: { attempts: 3 },
      },
    },
  );
}

async function challengeOf(verifier: string) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const VERIFIER = 'a-verifier-the-server-made-itself-0123456789';

/** The popup: the consent page, the account chosen, Accept pressed; the callback's code exchanged. */
async function connect(userId = WORK.id, via: TeamsGateway = gateway) {
  const { authorizeUrl, callbackOrigin } = await via.authorizationUrl({
    state: 'server-state-0123456789',
    codeChallenge: await challengeOf(VERIFIER),
    origin: 'http://localhost:5173',
    userId: 'owner',
  });
  expect(callbackOrigin).toBe('http://127.0.0.1:9');
  const html = await (await fetch(authorizeUrl)).text();
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name!, value!);
  form.set('user_id', userId);
  form.set('decision', 'allow');
  const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!;
  const back = new URL(
    (await fetch(`${ms.oauthBase}${action}`, { method: 'POST', body: form, redirect: 'manual' })).headers.get('location')!,
  );
  expect(back.searchParams.get('state')).toBe('server-state-0123456789');
  return via.exchangeCode({ code: back.searchParams.get('code')!, codeVerifier: VERIFIER });
}

const YOGA = { key: 'acct-1:session-1', topic: 'Yoga', start: '2026-12-10T09:00:00.000Z', durationMinutes: 60 };

describe('Teams gateway: connecting', () => {
  it('asks for consent on the tenant with PKCE S256 and offline access, and exchanges the code for tokens and the user', async () => {
    const { authorizeUrl } = await gateway.authorizationUrl({
      state: 's'.repeat(22),
      codeChallenge: await challengeOf(VERIFIER),
      origin: 'x',
      userId: 'u',
    });
    const url = new URL(authorizeUrl);
    expect(url.pathname).toBe('/common/oauth2/v2.0/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe(await challengeOf(VERIFIER));
    expect(url.searchParams.get('scope')!.split(' ').sort()).toEqual(['OnlineMeetings.ReadWrite', 'User.Read', 'offline_access']);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(authorizeUrl).not.toContain(VERIFIER);
    expect(gateway.provider).toBe('teams');

    const tokens = await connect();
    expect(tokens.expiresIn).toBe(3599);
    expect(await gateway.getUser(tokens.accessToken)).toEqual({ id: WORK.id, email: WORK.email, name: 'Anna de Vries' });
    expect(ms.calls.token.authorizationCode).toBe(1);
  });

  it('uses the configured tenant: `organizations` keeps personal accounts out at sign-in', async () => {
    const organizations = gatewayFor('organizations');
    const { authorizeUrl } = await organizations.authorizationUrl({
      state: 's',
      codeChallenge: await challengeOf(VERIFIER),
      origin: 'x',
      userId: 'u',
    });
    expect(new URL(authorizeUrl).pathname).toBe('/organizations/oauth2/v2.0/authorize');
    const page = await (await fetch(authorizeUrl)).text();
    expect(page).toContain(WORK.email);
    expect(page).not.toContain(PERSONAL.email);
    expect((await connect(WORK.id, organizations)).refreshToken).toBeTruthy();
  });

  it('refuses a wrong verifier with a denied error, never as an expired account', async () => {
    const { authorizeUrl } = await gateway.authorizationUrl({
      state: 's',
      codeChallenge: await challengeOf('another-verifier-0123456789-abcdefghijklmnop'),
      origin: 'x',
      userId: 'u',
    });
    const html = await (await fetch(authorizeUrl)).text();
    const form = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name!, value!);
    form.set('user_id', WORK.id);
    form.set('decision', 'allow');
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!;
    const back = new URL(
      (await fetch(`${ms.oauthBase}${action}`, { method: 'POST', body: form, redirect: 'manual' })).headers.get('location')!,
    );
    await expect(gateway.exchangeCode({ code: back.searchParams.get('code')!, codeVerifier: VERIFIER })).rejects.toMatchObject({
      kind: 'invalid_grant',
      message: expect.stringMatching(/^AADSTS501481/),
    });
  });
});

describe('Teams gateway: refresh', () => {
  it('rotates: each refresh answers a new refresh token, and the redeemed one is refused as invalid_grant', async () => {
    const first = await connect();
    const second = await gateway.refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    const error = await gateway.refresh(first.refreshToken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'invalid_grant' });
    const third = await gateway.refresh(second.refreshToken);
    expect(await gateway.getUser(third.accessToken)).toMatchObject({ id: WORK.id });
    expect(ms.calls.token.refresh).toBe(3);
  });

  it('a refresh token unused for 90 days (AADSTS700082) is invalid_grant, saying why', async () => {
    const tokens = await connect();
    clock += 90 * DAY;
    const error = await gateway.refresh(tokens.refreshToken).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_grant', message: expect.stringContaining('90 days without use') });
    expect((error as Error).message).toContain('AADSTS700082');
    expect((error as Error).message).not.toContain('Trace ID');
    expect(ms.calls.token.refresh).toBe(1); // not retried
  });

  it('a revoked account is invalid_grant (AADSTS50173)', async () => {
    const tokens = await connect();
    ms.revoke(WORK.id);
    await expect(gateway.refresh(tokens.refreshToken)).rejects.toMatchObject({
      kind: 'invalid_grant',
      message: expect.stringContaining('revoked'),
    });
  });

  it('retries a token endpoint 500 with backoff, then answers', async () => {
    const tokens = await connect();
    ms.switches.tokenFailNext = 1;
    const next = await gateway.refresh(tokens.refreshToken);
    expect(next.refreshToken).toBeTruthy();
    expect(sleeps).toHaveLength(1);
    expect(ms.calls.token.refresh).toBe(2);
  });
});

describe('Teams gateway: meetings', () => {
  it('makes a meeting for a session: a Teams join URL, no host link', async () => {
    const { accessToken } = await connect();
    const meeting = await gateway.createMeeting(accessToken, YOGA);
    expect(meeting.joinUrl).toMatch(new RegExp(`^${ms.url}/l/meetup-join/`));
    expect(meeting.startUrl).toBeNull();
    expect(meeting.pending).toBeUndefined();
    const made = ms.getMeeting(meeting.id)!;
    expect(made).toMatchObject({
      subject: 'Yoga',
      externalId: YOGA.key,
      startDateTime: '2026-12-10T09:00:00.0000000Z',
      endDateTime: '2026-12-10T10:00:00.0000000Z',
    });
    expect(meeting.password).toBe(made.passcode);
  });

  it('the same key twice is one meeting — also when the first answer was lost after Microsoft made it', async () => {
    const { accessToken } = await connect();
    ms.switches.cutCreateResponses = 1;
    const retried = await gateway.createMeeting(accessToken, YOGA); // the cut answer is retried inline
    const again = await gateway.createMeeting(accessToken, YOGA);
    expect(again.id).toBe(retried.id);
    expect(again.joinUrl).toBe(retried.joinUrl);
    expect(ms.meetings()).toHaveLength(1);
    expect(ms.calls.meetings.create).toBe(0);
    expect(ms.calls.meetings.createOrGet).toBe(3);
    // Another session of the same account gets its own meeting.
    await gateway.createMeeting(accessToken, { ...YOGA, key: 'acct-1:session-2' });
    expect(ms.meetings()).toHaveLength(2);
  });

  it('a retried create for a session that moved meanwhile brings the one meeting up to date', async () => {
    const { accessToken } = await connect();
    const first = await gateway.createMeeting(accessToken, YOGA);
    const moved = await gateway.createMeeting(accessToken, { ...YOGA, start: '2026-12-11T10:00:00.000Z', durationMinutes: 45 });
    expect(moved.id).toBe(first.id);
    expect(ms.meetings()).toHaveLength(1);
    expect(ms.getMeeting(first.id)).toMatchObject({
      startDateTime: '2026-12-11T10:00:00.0000000Z',
      endDateTime: '2026-12-11T10:45:00.0000000Z',
    });
  });

  it('an update is a PATCH of the same meeting (same join URL), never a new one', async () => {
    const { accessToken } = await connect();
    const meeting = await gateway.createMeeting(accessToken, YOGA);
    await gateway.updateMeeting(accessToken, meeting.id, { topic: 'Yoga (moved)', start: '2026-12-12T07:30:00.000Z', durationMinutes: 90 });
    expect(ms.meetings()).toHaveLength(1);
    expect(ms.getMeeting(meeting.id)).toMatchObject({
      subject: 'Yoga (moved)',
      startDateTime: '2026-12-12T07:30:00.0000000Z',
      endDateTime: '2026-12-12T09:00:00.0000000Z',
      joinWebUrl: meeting.joinUrl,
    });
    expect(ms.calls.meetings.update).toBe(1);
    expect(ms.calls.meetings.createOrGet).toBe(1);
    expect(await gateway.findMeeting(accessToken, { key: YOGA.key, start: YOGA.start, meetingId: meeting.id })).toMatchObject({
      id: meeting.id,
      joinUrl: meeting.joinUrl,
      start: '2026-12-12T07:30:00.000Z',
      durationMinutes: 90,
    });
  });

  it('a deletion is a DELETE; deleting twice is fine, and a deleted meeting is not found', async () => {
    const { accessToken } = await connect();
    const meeting = await gateway.createMeeting(accessToken, YOGA);
    await gateway.deleteMeeting(accessToken, meeting.id);
    await gateway.deleteMeeting(accessToken, meeting.id);
    expect(ms.meetings()).toHaveLength(0);
    expect(ms.calls.meetings.delete).toBe(2);
    expect(await gateway.findMeeting(accessToken, { key: YOGA.key, start: YOGA.start, meetingId: meeting.id })).toBeNull();
  });

  it('a personal Microsoft account is refused with a reason to show, once, not retried', async () => {
    const { accessToken } = await connect(PERSONAL.id);
    expect(await gateway.getUser(accessToken)).toEqual({ id: PERSONAL.id, email: PERSONAL.email, name: 'Anna Privé' });
    const error = await gateway.createMeeting(accessToken, YOGA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'refused', reason: TEAMS_REFUSED_REASON });
    expect(ms.calls.meetings.createOrGet).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('429: a short Retry-After is waited out here; a long one is handed back as rate_limited with its seconds', async () => {
    const { accessToken } = await connect();
    ms.switches.rateLimitNext = 1;
    ms.switches.retryAfterSeconds = 2;
    await gateway.createMeeting(accessToken, YOGA);
    expect(sleeps).toEqual([2000]);
    ms.switches.rateLimitNext = 1;
    ms.switches.retryAfterSeconds = 120;
    await expect(gateway.createMeeting(accessToken, { ...YOGA, key: 'acct-1:session-2' })).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfter: 120,
    });
    expect(ms.meetings()).toHaveLength(1);
  });

  it('401 is unauthorized; 5xx after the retries is unavailable', async () => {
    const { accessToken } = await connect();
    await expect(gateway.createMeeting('not-a-token', YOGA)).rejects.toMatchObject({ kind: 'unauthorized' });
    ms.switches.failNext = 3;
    await expect(gateway.createMeeting(accessToken, YOGA)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(sleeps).toHaveLength(2);
    expect(ms.meetings()).toHaveLength(0);
  });
});

describe('Teams configuration', () => {
  const key = 'dGVhbXMtY29uZmlnLXRlc3QtdG9rZW4ta2V5LTMyYiE=';
  const env = {
    MICROSOFT_CLIENT_ID: 'id',
    MICROSOFT_CLIENT_SECRET: 'secret',
    MICROSOFT_REDIRECT_URI: 'https://example.test/api/session-links/microsoft/callback',
    SESSION_LINKS_TOKEN_KEY: key,
  };

  it('defaults to the common tenant and Microsoft’s public cloud', () => {
    expect(readMicrosoftSettings(env)).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
      redirectUri: 'https://example.test/api/session-links/microsoft/callback',
      tenant: 'common',
      tokenKey: key,
      oauthBase: 'https://login.microsoftonline.com',
      graphBase: 'https://graph.microsoft.com',
    });
  });

  it('names what is missing or cannot work', () => {
    expect(() => readMicrosoftSettings({ ...env, MICROSOFT_CLIENT_SECRET: ' ' })).toThrow(
      new MicrosoftConfigError('MICROSOFT_CLIENT_SECRET is required'),
    );
    expect(() => readMicrosoftSettings({ ...env, MICROSOFT_GRAPH_BASE: 'http://graph.example.test' })).toThrow(
      /MICROSOFT_GRAPH_BASE must use https/,
    );
    expect(() => readMicrosoftSettings({ ...env, MICROSOFT_TENANT: 'consumers' })).toThrow(
      /personal Microsoft accounts cannot make Teams meetings/,
    );
    expect(() => readMicrosoftSettings({ ...env, MICROSOFT_TENANT: '../evil' })).toThrow(/MICROSOFT_TENANT/);
    expect(() => readMicrosoftSettings({ ...env, SESSION_LINKS_TOKEN_KEY: 'short' })).toThrow(MicrosoftConfigError);
    expect(() =>
      createTeamsIntegration(readMicrosoftSettings({ ...env, MICROSOFT_REDIRECT_URI: 'https://example.test/elsewhere' }), {
        basePath: '/api/session-links',
      }),
    ).toThrow(/MICROSOFT_REDIRECT_URI must end in \/api\/session-links\/microsoft\/callback/);
  });
});
