import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpZoomGateway, type GatewayErrorKind, type HttpZoomGateway } from '../../src/providers/zoom/gateway';
import { type FakeZoom, startFakeZoom } from '../../src/testing';

const REDIRECT = 'http://127.0.0.1:9/api/session-links/zoom/callback';

class TestGatewayError extends Error {
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

let zoom: FakeZoom;
let gateway: HttpZoomGateway;

beforeEach(async () => {
  zoom = await startFakeZoom();
  gateway = createHttpZoomGateway(
    { clientId: zoom.clientId, clientSecret: zoom.clientSecret, redirectUri: REDIRECT, oauthBase: zoom.oauthBase, apiBase: zoom.apiBase },
    {
      runtime: { sleep: async () => {}, retry: { attempts: 2 } },
      makeError: (kind, message, retryAfter) => new TestGatewayError(kind, message, retryAfter),
    },
  );
});
afterEach(async () => {
  await zoom.close();
});

async function challengeOf(verifier: string) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function connect() {
  const verifier = 'a-verifier-the-server-made-itself-0123456789';
  const { authorizeUrl, callbackOrigin } = await gateway.authorizationUrl({
    state: 'server-state-0123456789',
    codeChallenge: await challengeOf(verifier),
    origin: 'http://localhost:5173',
    userId: 'owner',
  });
  expect(callbackOrigin).toBe('http://127.0.0.1:9');
  const html = await (await fetch(authorizeUrl)).text();
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name!, value!);
  form.set('decision', 'allow');
  const back = new URL(
    (await fetch(`${zoom.oauthBase}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' })).headers.get('location')!,
  );
  expect(back.searchParams.get('state')).toBe('server-state-0123456789');
  return gateway.exchangeCode({ code: back.searchParams.get('code')!, codeVerifier: verifier });
}

describe('HTTP Zoom gateway (the server’s ZoomGateway shape)', () => {
  it('connects with the server’s own state and PKCE challenge, and makes meetings with a password', async () => {
    const tokens = await connect();
    expect(tokens.expiresIn).toBe(3600);
    expect(await gateway.getUser(tokens.accessToken)).toEqual({ id: 'fz-user-1', email: 'host@fake-zoom.test', name: 'Fay Host' });
    const meeting = await gateway.createMeeting(tokens.accessToken, {
      key: 'acct:s1',
      topic: 'Yoga',
      start: '2026-12-01T09:00:00.000Z',
      durationMinutes: 60,
    });
    expect(meeting.password).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(zoom.getMeeting(meeting.id)?.password).toBe(meeting.password);
    await gateway.updateMeeting(tokens.accessToken, meeting.id, { topic: 'Yoga', start: '2026-12-01T10:00:00.000Z', durationMinutes: 60 });
    await gateway.deleteMeeting(tokens.accessToken, meeting.id);
    await gateway.deleteMeeting(tokens.accessToken, meeting.id); // already gone: fine
    expect(zoom.meetings()).toHaveLength(0);
  });

  it('throws the caller’s error kinds: invalid_grant, unauthorized, rate_limited with retryAfter, unavailable', async () => {
    const tokens = await connect();
    await gateway.refresh(tokens.refreshToken);
    await expect(gateway.refresh(tokens.refreshToken)).rejects.toMatchObject({ kind: 'invalid_grant' });
    await expect(gateway.getUser('nope')).rejects.toMatchObject({ kind: 'unauthorized' });
    zoom.switches.dailyMeetingCap = 0;
    const fresh = await connect();
    await expect(
      gateway.createMeeting(fresh.accessToken, { key: 'k', topic: 'T', start: '2026-12-01T09:00:00Z', durationMinutes: 30 }),
    ).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfter: expect.any(Number),
    });
    zoom.switches.failNext = 5;
    await expect(gateway.getUser(fresh.accessToken)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
