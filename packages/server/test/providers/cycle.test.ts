import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createMemoryTokenStorage,
  createTokenCipher,
  createTokenManager,
  createZoomClient,
  generateTokenKey,
  handleZoomWebhookRequest,
  type MemoryTokenStorage,
  type ZoomClient,
  type ZoomMeetingDetails,
  type ZoomWebhookEvent,
} from '../../src/providers/zoom';
import { type FakeZoom, startFakeZoom } from '../../src/testing';

// The whole connect → meetings → refresh → deauthorize → reconnect cycle through the pieces
// the service will wire together, against the fake Zoom on loopback.

const REDIRECT = 'http://127.0.0.1:9/zoom/callback';
const SECRET = 'cycle-webhook-secret';
const SITE = 'site-studio';
const ACCOUNT = 'acct-owner-zoom';

let zoom: FakeZoom;
let receiver: Server;
let webhookUrl: string;
let storage: MemoryTokenStorage;
let events: ZoomWebhookEvent[];

beforeEach(async () => {
  zoom = await startFakeZoom();
  storage = createMemoryTokenStorage();
  events = [];
  // What the server's webhook route will do: verify, then act (here: drop tokens on deauthorization).
  receiver = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const response = await handleZoomWebhookRequest(new Request('http://127.0.0.1/zoom/webhook', { method: 'POST', headers, body }), {
      secret: SECRET,
      onEvent: async (event) => {
        events.push(event);
        if (event.type === 'app_deauthorized') await storage.withLockedTokens(ACCOUNT, (locked) => locked.remove());
      },
    });
    res.writeHead(response.status).end(await response.text());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zoom/webhook`;
});
afterEach(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await zoom.close();
});

async function connectThroughConsentPage(client: ZoomClient) {
  const request = await client.startAuthorization();
  const html = await (await fetch(request.url)).text();
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name!, value!);
  form.set('decision', 'allow');
  const back = new URL(
    (await fetch(`${zoom.oauthBase}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' })).headers.get('location')!,
  );
  expect(back.searchParams.get('state')).toBe(request.state);
  const tokens = await client.exchangeCode({ code: back.searchParams.get('code')!, codeVerifier: request.codeVerifier });
  if (!tokens.ok) throw new Error(tokens.error.kind);
  return tokens.value;
}

it('connect → meetings → refresh → deauthorization → reconnect', async () => {
  const sleeps: number[] = [];
  const client = createZoomClient(
    { clientId: zoom.clientId, clientSecret: zoom.clientSecret, redirectUri: REDIRECT, oauthBase: zoom.oauthBase, apiBase: zoom.apiBase },
    { sleep: async (ms) => void sleeps.push(ms) },
  );
  const cipher = await createTokenCipher(generateTokenKey());
  let clock = Date.now();
  const manager = createTokenManager({ storage, zoom: client, cipher, now: () => clock });

  // Connect: tokens stored encrypted.
  const tokens = await connectThroughConsentPage(client);
  const me = await client.getMe(tokens.accessToken);
  expect(me).toMatchObject({ ok: true, value: { email: 'host@fake-zoom.test' } });
  await manager.saveTokens(SITE, ACCOUNT, tokens);
  const row = storage.get(ACCOUNT)!;
  expect(JSON.stringify(row)).not.toContain(tokens.accessToken);
  expect(JSON.stringify(row)).not.toContain(tokens.refreshToken);

  // Meetings, one of them through a 429: still one meeting per session.
  const sessions = ['2026-12-01T09:00:00Z', '2026-12-02T09:00:00Z', '2026-12-03T09:00:00Z'];
  zoom.switches.rateLimitNext = 1;
  const created: ZoomMeetingDetails[] = [];
  for (const start of sessions) {
    const result = await manager.call(ACCOUNT, (token) =>
      client.createMeeting(token, { topic: 'Yoga', start, durationMinutes: 60, password: 'yoga1' }),
    );
    if (!result.ok) throw new Error(result.error.kind);
    created.push(result.value);
  }
  expect(zoom.meetings()).toHaveLength(3);
  expect(sleeps).toEqual([1000]);
  expect(zoom.calls.token.refresh).toBe(0);

  // 58 minutes later the token is inside its refresh window: one refresh, then the move goes through.
  clock += 58 * 60_000;
  const moved = await manager.call(ACCOUNT, (token) => client.updateMeeting(token, created[0]!.id, { start: '2026-12-01T10:00:00Z' }));
  expect(moved.ok).toBe(true);
  expect(zoom.calls.token.refresh).toBe(1);
  expect(zoom.getMeeting(created[0]!.id)?.startTime).toBe('2026-12-01T10:00:00Z');

  // The host deletes one meeting in Zoom: we hear about it.
  const deletedPayload = zoom.deleteMeetingAsHost(created[1]!.id)!;
  expect((await zoom.sendWebhook(webhookUrl, 'meeting.deleted', deletedPayload, { secret: SECRET })).status).toBe(200);
  expect(events.at(-1)).toMatchObject({ type: 'meeting.deleted', meetingId: created[1]!.id });

  // The user removes the app: the account is expired from then on, never a silent fallback.
  expect((await zoom.sendWebhook(webhookUrl, 'app_deauthorized', zoom.deauthorize('fz-user-1'), { secret: SECRET })).status).toBe(200);
  expect(storage.get(ACCOUNT)).toBeNull();
  expect(await manager.call(ACCOUNT, (token) => client.getMe(token))).toEqual({
    ok: false,
    error: { kind: 'expired', cause: 'no-tokens' },
  });

  // Reconnect: works again, and cleaning up a meeting Zoom already lost is not an error.
  await manager.saveTokens(SITE, ACCOUNT, await connectThroughConsentPage(client));
  expect(await manager.call(ACCOUNT, (token) => client.deleteMeeting(token, created[2]!.id))).toEqual({
    ok: true,
    value: { alreadyGone: false },
  });
  expect(await manager.call(ACCOUNT, (token) => client.deleteMeeting(token, created[1]!.id))).toEqual({
    ok: true,
    value: { alreadyGone: true },
  });
  expect(zoom.meetings().map((m) => String(m.id))).toEqual([created[0]!.id]);
});
