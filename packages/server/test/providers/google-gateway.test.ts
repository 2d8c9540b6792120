import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/providers/gateway';
import { createHttpGoogleGateway, eventIdFor, type HttpGoogleGateway } from '../../src/providers/google';
import { type FakeGoogle, type FakeGoogleOptions, startFakeGoogle } from '../../src/testing';

// The Google Meet gateway against the fake Google over loopback HTTP: what the server's
// connection flow and meeting worker see, for each way Google answers.

const REDIRECT = 'http://127.0.0.1:9/google/callback';
const DAY = 86_400_000;
let google: FakeGoogle;
let clock: number;
let sleeps: number[];

async function start(options: FakeGoogleOptions = {}) {
  google = await startFakeGoogle({ now: () => clock, ...options });
}

beforeEach(async () => {
  clock = Date.now();
  sleeps = [];
  await start();
});
afterEach(async () => {
  await google.close();
});

function gatewayFor(): HttpGoogleGateway {
  return createHttpGoogleGateway(
    {
      clientId: google.clientId,
      clientSecret: google.clientSecret,
      redirectUri: REDIRECT,
      oauthBase: google.oauthBase,
      apiBase: google.apiBase,
    },
    {
      runtime: {
        now: () => clock,
        random: () => 0.5,
        // Records the waits instead of waiting, so backoff is asserted without slowing the test.
        sleep: async (ms) => void sleeps.push(ms),
      },
    },
  );
}

async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return Buffer.from(digest).toString('base64url');
}

/** What the user does in the popup: open the consent page, leave or untick Calendar, press a button. */
async function consent(authorizeUrl: string, decision: 'allow' | 'deny', options: { calendar?: boolean } = {}): Promise<URL> {
  const pageResponse = await fetch(authorizeUrl);
  expect(pageResponse.status).toBe(200);
  const html = await pageResponse.text();
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name!, value!);
  if (options.calendar !== false) {
    for (const [, value] of html.matchAll(/<input type="checkbox" name="grant_scope" value="([^"]+)" checked>/g))
      form.append('grant_scope', value!);
  }
  form.set('decision', decision);
  const response = await fetch(`${google.oauthBase}/o/oauth2/v2/auth`, { method: 'POST', body: form, redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

const VERIFIER = 'verifier-abcdefghijklmnopqrstuvwxyz0123456789-google';

async function connect(gateway: HttpGoogleGateway, options: { calendar?: boolean } = {}) {
  const { authorizeUrl } = await gateway.authorizationUrl({
    state: 'st-1',
    codeChallenge: await challengeOf(VERIFIER),
    origin: 'http://127.0.0.1:9',
    userId: 'u1',
  });
  const back = await consent(authorizeUrl, 'allow', options);
  return gateway.exchangeCode({ code: back.searchParams.get('code')!, codeVerifier: VERIFIER });
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

const meeting = { key: 'acc-1:sess-1', topic: 'Morning yoga', start: '2026-12-01T09:00:00.000Z', durationMinutes: 45 };

describe('Google gateway: connecting (OAuth 2.0 with PKCE, offline access)', () => {
  it('asks for Calendar events and sign-in scopes, offline, with the consent screen forced and an S256 challenge', async () => {
    const gateway = gatewayFor();
    const challenge = await challengeOf(VERIFIER);
    const { authorizeUrl, callbackOrigin } = await gateway.authorizationUrl({
      state: 'st-1',
      codeChallenge: challenge,
      origin: 'x',
      userId: 'u1',
    });
    const url = new URL(authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${google.oauthBase}/o/oauth2/v2/auth`);
    expect(url.searchParams.get('scope')!.split(' ')).toEqual([
      'openid',
      'email',
      'profile',
      'https://www.googleapis.com/auth/calendar.events',
    ]);
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('prompt')).toBe('consent');
    expect(url.searchParams.get('code_challenge')).toBe(challenge);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('state')).toBe('st-1');
    expect(authorizeUrl).not.toContain(VERIFIER);
    expect(callbackOrigin).toBe('http://127.0.0.1:9');
  });

  it('exchanges the code with the verifier for a refresh token, and names the Google user', async () => {
    const gateway = gatewayFor();
    const tokens = await connect(gateway);
    expect(tokens.refreshToken).toMatch(/^1\/\//);
    expect(tokens.expiresIn).toBe(3599);
    expect(await gateway.getUser(tokens.accessToken)).toEqual({
      id: '104000000000000000001',
      email: 'host@fake-google.test',
      name: 'Gina Host',
    });
  });

  it('refuses a code exchanged with the wrong verifier, and a code used twice, as denied', async () => {
    const gateway = gatewayFor();
    const { authorizeUrl } = await gateway.authorizationUrl({
      state: 's',
      codeChallenge: await challengeOf(VERIFIER),
      origin: 'x',
      userId: 'u',
    });
    const code = (await consent(authorizeUrl, 'allow')).searchParams.get('code')!;
    expect((await rejection(gateway.exchangeCode({ code, codeVerifier: `${VERIFIER}-other` }))).kind).toBe('denied');
    expect((await rejection(gateway.exchangeCode({ code, codeVerifier: VERIFIER }))).kind).toBe('denied');
  });

  it('refuses a connection where the user unticked Google Calendar on the consent screen', async () => {
    const error = await rejection(connect(gatewayFor(), { calendar: false }));
    expect(error.kind).toBe('denied');
    expect(error.message).toMatch(/Calendar access was not granted/);
  });

  it('refreshes without rotation: the same refresh token comes back and keeps working', async () => {
    const gateway = gatewayFor();
    const tokens = await connect(gateway);
    const first = await gateway.refresh(tokens.refreshToken);
    expect(first.refreshToken).toBe(tokens.refreshToken);
    expect(first.accessToken).not.toBe(tokens.accessToken);
    const second = await gateway.refresh(tokens.refreshToken);
    expect(second.refreshToken).toBe(tokens.refreshToken);
    expect((await gateway.getUser(second.accessToken)).email).toBe('host@fake-google.test');
    expect(google.calls.token.refresh).toBe(2);
  });

  it('reads a revoked grant as invalid_grant (the account is expired), and its access token as unauthorized', async () => {
    const gateway = gatewayFor();
    const tokens = await connect(gateway);
    google.revokeAccess('104000000000000000001');
    expect((await rejection(gateway.refresh(tokens.refreshToken))).kind).toBe('invalid_grant');
    expect((await rejection(gateway.createMeeting(tokens.accessToken, meeting))).kind).toBe('unauthorized');
  });

  it('an app in Testing: the refresh token dies 7 days after it was issued', async () => {
    await google.close();
    await start({ publishingStatus: 'testing' });
    const gateway = gatewayFor();
    const tokens = await connect(gateway);
    clock += 6 * DAY;
    expect((await gateway.refresh(tokens.refreshToken)).refreshToken).toBe(tokens.refreshToken);
    clock += DAY;
    expect((await rejection(gateway.refresh(tokens.refreshToken))).kind).toBe('invalid_grant');
  });

  it('a published app: a refresh token unused for six months dies, one in use lives on', async () => {
    const gateway = gatewayFor();
    const used = await connect(gateway);
    const idle = await connect(gateway);
    for (let month = 0; month < 7; month++) {
      clock += 30 * DAY;
      await gateway.refresh(used.refreshToken);
    }
    expect((await rejection(gateway.refresh(idle.refreshToken))).kind).toBe('invalid_grant');
  });
});

describe('Google gateway: meetings on the primary calendar', () => {
  it('creates an event with a Meet conference: pending first, then the link through findMeeting; no invitations sent', async () => {
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    const created = await gateway.createMeeting(accessToken, meeting);
    expect(created).toEqual({ id: await eventIdFor(meeting.key), joinUrl: null, startUrl: null, password: null, pending: true });

    const found = await gateway.findMeeting(accessToken, { key: meeting.key, start: meeting.start, meetingId: created.id });
    expect(found?.pending).toBeUndefined();
    expect(found?.joinUrl).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(found).toMatchObject({ id: created.id, start: meeting.start, durationMinutes: 45 });

    const event = google.getEvent(created.id)!;
    expect(event).toMatchObject({ summary: 'Morning yoga', start: meeting.start, end: '2026-12-01T09:45:00.000Z', status: 'confirmed' });
    expect(event.privateProperties).toEqual({ sessionLinksKey: meeting.key });
    expect(event.sendUpdates).toEqual([{ method: 'insert', value: 'none' }]);
    const insert = google.calls.log.find((c) => c.method === 'POST' && c.path.endsWith('/events'))!;
    expect(new URLSearchParams(insert.query).get('conferenceDataVersion')).toBe('1');
  });

  it('answers the link at once when Google made the conference straight away', async () => {
    google.switches.conferencePending = 0;
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    const created = await gateway.createMeeting(accessToken, meeting);
    expect(created.pending).toBeUndefined();
    expect(created.joinUrl).toBe(google.getEvent(created.id)!.conference!.meetLink);
  });

  it('keeps a meeting pending while Google keeps saying pending, and never makes a second event', async () => {
    google.switches.conferencePending = 4;
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    const created = await gateway.createMeeting(accessToken, meeting);
    for (let i = 0; i < 3; i++)
      expect((await gateway.findMeeting(accessToken, { key: meeting.key, start: meeting.start }))?.pending).toBe(true);
    expect((await gateway.findMeeting(accessToken, { key: meeting.key, start: meeting.start }))?.joinUrl).toMatch(/^https:\/\/meet/);
    expect(google.events().map((e) => e.id)).toEqual([created.id]);
  });

  it('the same key twice makes one event and one conference', async () => {
    google.switches.conferencePending = 0;
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    const first = await gateway.createMeeting(accessToken, meeting);
    const second = await gateway.createMeeting(accessToken, meeting);
    expect(second).toEqual(first);
    expect(google.events()).toHaveLength(1);
    expect(google.calls.events.insert).toBe(2); // the second answered 409 duplicate, then read
    const other = await gateway.createMeeting(accessToken, { ...meeting, key: 'acc-1:sess-2' });
    expect(other.id).not.toBe(first.id);
    expect(other.joinUrl).not.toBe(first.joinUrl);
  });

  it('an insert whose answer was lost (a cut connection) is retried and finds the event made, not a second one', async () => {
    google.switches.conferencePending = 0;
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    google.switches.cutInsertResponses = 1;
    const created = await gateway.createMeeting(accessToken, meeting);
    expect(created.joinUrl).toMatch(/^https:\/\/meet/);
    expect(google.events()).toHaveLength(1);
    expect(sleeps).toHaveLength(1);
  });

  it('asks again for a conference Google failed to make, on the same event', async () => {
    google.switches.failConferences = 1;
    google.switches.conferencePending = 0;
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    const created = await gateway.createMeeting(accessToken, meeting);
    expect(created.joinUrl).toMatch(/^https:\/\/meet/);
    const event = google.getEvent(created.id)!;
    expect(event.conference?.status).toBe('success');
    expect(event.sendUpdates.map((u) => `${u.method}:${u.value}`)).toEqual(['insert:none', 'patch:none']);
    expect(google.events()).toHaveLength(1);
  });

  it('moves the event in place (events.patch, no invitations), keeping its Meet link', async () => {
    google.switches.conferencePending = 0;
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    const created = await gateway.createMeeting(accessToken, meeting);
    await gateway.updateMeeting(accessToken, created.id, {
      topic: 'Evening yoga',
      start: '2026-12-01T18:30:00+01:00',
      durationMinutes: 60,
    });
    const event = google.getEvent(created.id)!;
    expect(event).toMatchObject({ summary: 'Evening yoga', start: '2026-12-01T17:30:00.000Z', end: '2026-12-01T18:30:00.000Z' });
    expect(event.sendUpdates.at(-1)).toEqual({ method: 'patch', value: 'none' });
    const found = await gateway.findMeeting(accessToken, { key: meeting.key, start: '2026-12-01T17:30:00.000Z' });
    expect(found).toMatchObject({ id: created.id, joinUrl: created.joinUrl, start: '2026-12-01T17:30:00.000Z', durationMinutes: 60 });
    expect(google.events()).toHaveLength(1);
  });

  it('reads event times Google answers in the calendar’s own zone', async () => {
    google.switches.conferencePending = 0;
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    const created = await gateway.createMeeting(accessToken, meeting);
    // The event was written in UTC; a user who edits it in Amsterdam leaves it answered with +01:00.
    const raw = await fetch(`${google.apiBase}/calendar/v3/calendars/primary/events/${created.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        start: { dateTime: '2026-12-01T10:15:00', timeZone: 'Europe/Amsterdam' },
        end: { dateTime: '2026-12-01T11:00:00', timeZone: 'Europe/Amsterdam' },
      }),
    });
    expect(((await raw.json()) as { start: { dateTime: string } }).start.dateTime).toBe('2026-12-01T10:15:00+01:00');
    expect(await gateway.findMeeting(accessToken, { key: meeting.key, start: meeting.start })).toMatchObject({
      start: '2026-12-01T09:15:00.000Z',
      durationMinutes: 45,
    });
  });

  it('deletes the event; deleting it again (410) or one never made (404) is fine; a deleted event is not found', async () => {
    google.switches.conferencePending = 0;
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    const created = await gateway.createMeeting(accessToken, meeting);
    await gateway.deleteMeeting(accessToken, created.id);
    expect(google.getEvent(created.id)?.status).toBe('cancelled');
    expect(google.getEvent(created.id)?.sendUpdates.at(-1)).toEqual({ method: 'delete', value: 'none' });
    await gateway.deleteMeeting(accessToken, created.id);
    expect(google.calls.log.filter((c) => c.method === 'DELETE').map((c) => c.status)).toEqual([204, 410]);
    await gateway.deleteMeeting(accessToken, 'slneverexisted0');
    expect(await gateway.findMeeting(accessToken, { key: meeting.key, start: meeting.start })).toBeNull();
  });

  it('a move of an event the user deleted in Google Calendar fails as unavailable (the meeting is gone), not as done', async () => {
    google.switches.conferencePending = 0;
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    const created = await gateway.createMeeting(accessToken, meeting);
    expect(google.deleteEventAsUser(created.id)).toBe(true);
    const error = await rejection(
      gateway.updateMeeting(accessToken, created.id, { topic: 'x', start: meeting.start, durationMinutes: 30 }),
    );
    expect(error.kind).toBe('unavailable');
    expect((error as { cause?: { kind?: string } }).cause?.kind).toBe('not-found');
  });

  it('makes the key’s meeting again after it was deleted: the event (whose id stays taken) is restored with a Meet link', async () => {
    google.switches.conferencePending = 0;
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    const created = await gateway.createMeeting(accessToken, meeting);
    await gateway.deleteMeeting(accessToken, created.id);
    const again = await gateway.createMeeting(accessToken, { ...meeting, start: '2026-12-02T09:00:00.000Z' });
    expect(again.id).toBe(created.id);
    expect(again.joinUrl).toMatch(/^https:\/\/meet/);
    expect(google.getEvent(created.id)).toMatchObject({ status: 'confirmed', start: '2026-12-02T09:00:00.000Z' });
    expect(google.events()).toHaveLength(1);
  });
});

describe('Google gateway: limits and failures', () => {
  it.each([
    ['userRateLimitExceeded', 403],
    ['rateLimitExceeded', 403],
    ['tooManyRequests', 429],
  ] as const)('waits out a short %s (%i) with backoff, then succeeds', async (limit, _status) => {
    google.switches.conferencePending = 0;
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    google.switches.rateLimit = limit;
    google.switches.rateLimitNext = 1;
    expect((await gateway.createMeeting(accessToken, meeting)).joinUrl).toMatch(/^https:\/\/meet/);
    expect(sleeps).toEqual([1000]);
    expect(google.events()).toHaveLength(1);
  });

  it('hands a limit that outlasts the retries back as rate_limited, with Google’s Retry-After', async () => {
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    google.switches.rateLimit = 'tooManyRequests';
    google.switches.retryAfterSeconds = 120;
    google.switches.rateLimitNext = 1;
    const error = await rejection(gateway.createMeeting(accessToken, meeting));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfter: 120 });
    expect(sleeps).toEqual([]);
    expect(google.events()).toHaveLength(0);
  });

  it('backs off for an hour on Calendar’s usage limits (quotaExceeded), without waiting inline', async () => {
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    google.switches.rateLimit = 'quotaExceeded';
    google.switches.rateLimitNext = 1;
    expect(await rejection(gateway.createMeeting(accessToken, meeting))).toMatchObject({ kind: 'rate_limited', retryAfter: 3600 });
    expect(sleeps).toEqual([]);
  });

  it('retries 5xx with backoff, and gives up as unavailable', async () => {
    const gateway = gatewayFor();
    const { accessToken } = await connect(gateway);
    google.switches.failNext = 2;
    expect((await gateway.getUser(accessToken)).email).toBe('host@fake-google.test');
    expect(sleeps).toEqual([375, 750]);
    google.switches.failNext = 10;
    expect((await rejection(gateway.deleteMeeting(accessToken, 'slwhatever0'))).kind).toBe('unavailable');
    expect(google.calls.events.delete).toBe(4);
  });

  it('retries a 500 from the token endpoint, and reads a bad access token as unauthorized', async () => {
    const gateway = gatewayFor();
    const tokens = await connect(gateway);
    google.switches.tokenFailNext = 1;
    expect((await gateway.refresh(tokens.refreshToken)).refreshToken).toBe(tokens.refreshToken);
    expect(google.calls.token.refresh).toBe(2);
    expect((await rejection(gateway.findMeeting('ya29.not-a-token', { key: meeting.key, start: meeting.start }))).kind).toBe(
      'unauthorized',
    );
  });
});
