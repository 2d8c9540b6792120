import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLAIM_LEASE_MS,
  createHandler,
  createZoomIntegration,
  runMeetingWorker,
  type Store,
  SYNC_SECRET_HEADER,
  type ZoomIntegration,
  type ZoomSettings,
} from '../src';
import { toNodeListener } from '../src/http/node';
import { createTokenCipher, generateTokenKey } from '../src/providers/zoom';
import { startFakeZoom } from '../src/testing';

// Answers are checked field by field; a loose type keeps that readable.
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the answers under test
type Json = any;

export interface ZoomSuiteStores {
  store: Store;
  /** Another store on the same data, as a second server instance would open it (PostgreSQL: another pool). */
  twin: () => Promise<Store>;
}

const NOW = Date.parse('2030-03-04T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE_PATH = '/api/session-links';
const APP = 'https://app.example';
const WIDGET = 'https://widget.example';
const SITE = 'site-zoom';
const SYNC_SECRET = 'sync-secret-for-zoom-tests';
const WEBHOOK_SECRET = 'zoom-webhook-secret-token';

/**
 * The server talking to Zoom for real (R14, R17, R19, R22, R23), through HTTP
 * (`createHandler`) against a real store and the fake Zoom on loopback.
 */
export function zoomSuite(name: string, open: () => Promise<ZoomSuiteStores>, options: { timeoutMs?: number } = {}): void {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** `firstStartMs`: when the first session starts (default an hour after NOW); a test whose clock moves hours on starts them later, so none has started when the worker runs (R22). */
  async function setup(options: { sessions?: number; spacingMs?: number; firstStartMs?: number } = {}) {
    const clock = { ms: NOW };
    const fake = await startFakeZoom({ now: () => clock.ms });
    cleanups.push(() => fake.close());
    const stores = await open();
    cleanups.push(() => stores.store.close());
    const settings: ZoomSettings = {
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      redirectUri: `${APP}${BASE_PATH}/zoom/callback`,
      webhookSecretToken: WEBHOOK_SECRET,
      tokenKey: generateTokenKey(),
      oauthBase: fake.oauthBase,
      apiBase: fake.apiBase,
    };

    /** One server instance: its own handler, Zoom client and token manager over `store`. */
    function instance(store: Store, o: { allowedOrigins?: string[]; maxBodyBytes?: number } = { allowedOrigins: [WIDGET] }) {
      const zoom: ZoomIntegration = createZoomIntegration(settings, {
        basePath: BASE_PATH,
        // Waits between retries return at once (no real sleeps); Zoom's clock is the test's.
        // Two meetings per page: a lookup at Zoom walks `next_page_token` for real.
        runtime: { sleep: async () => undefined, now: () => clock.ms, listPageSize: 2 },
      });
      const handler = createHandler({
        store,
        zoom,
        now: () => new Date(clock.ms),
        sync: { secret: SYNC_SECRET },
        ...(o.maxBodyBytes !== undefined ? { maxBodyBytes: o.maxBodyBytes } : {}),
        // The widgets run on another origin than the server (its callback page): the host allows it (R27).
        allowedOrigins: o.allowedOrigins,
        authenticate: async (request) => {
          const auth = request.headers.get('authorization') ?? '';
          return auth.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
        },
      });
      const call = async (user: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
        const headers = new Headers({ origin: WIDGET });
        if (user) headers.set('authorization', `Bearer dev:${user}`);
        if (body !== undefined) headers.set('content-type', 'application/json');
        const res = await handler(
          new Request(`${APP}${BASE_PATH}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
        );
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : null };
      };
      const sync = async (method: string, path: string, body?: unknown) => {
        const res = await handler(
          new Request(`${APP}${BASE_PATH}/sync/sites/${SITE}${path}`, {
            method,
            headers: { 'content-type': 'application/json', [SYNC_SECRET_HEADER]: SYNC_SECRET },
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
        );
        expect(res.status).toBe(200);
      };
      const work = (limit?: number) => runMeetingWorker(store, zoom.gateway, new Date(clock.ms), { tokens: zoom.tokens, limit });
      return {
        zoom,
        handler,
        call,
        sync,
        work,
        owner: (method: string, path: string, body?: unknown) => call('owner', method, path, body),
      };
    }

    const a = instance(stores.store);

    // The host's data, through the sync API: one site, its owner, a class with sessions every `spacing`.
    const sessionCount = options.sessions ?? 18;
    const spacing = options.spacingMs ?? DAY;
    await a.sync('PUT', '', { name: 'Zoom studio', plan: { id: 'pro', name: 'Pro', includesOnlineSessions: true } });
    await a.sync('PUT', '/members/owner', { name: 'Olivia Owner', role: 'owner', staffId: null });
    await a.sync('PUT', '/staff/st-anna', { name: 'Anna', email: 'anna@studio.example' });
    await a.sync('PUT', '/services/svc-yoga', { name: 'Yoga', kind: 'class', online: true });
    const sessionIds: string[] = [];
    for (let i = 0; i < sessionCount; i++) {
      const start = (options.firstStartMs ?? NOW + HOUR) + i * spacing;
      const id = `ses-${String(i).padStart(2, '0')}`;
      sessionIds.push(id);
      await a.sync('PUT', `/sessions/${id}`, {
        serviceId: 'svc-yoga',
        staffId: 'st-anna',
        start: new Date(start).toISOString(),
        end: new Date(start + HOUR).toISOString(),
      });
    }

    /** The real popup flow: start, Zoom's consent page, the callback page, complete. */
    async function consent(inst = a, decision: 'allow' | 'deny' = 'allow') {
      const started = await inst.owner('POST', `/sites/${SITE}/connections`, { provider: 'zoom', target: { type: 'default' } });
      expect(started.status).toBe(200);
      const { authorizeUrl, state, callbackOrigin } = started.body;
      const html = await (await fetch(authorizeUrl)).text();
      const form = new URLSearchParams();
      for (const [, field, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(field!, value!);
      form.set('decision', decision);
      const answer = await fetch(`${fake.oauthBase}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
      const back = answer.headers.get('location')!;
      const page = await inst.handler(new Request(back));
      return { state, authorizeUrl, callbackOrigin, back, page, message: await postedMessage(page) };
    }

    async function connect(inst = a) {
      const flow = await consent(inst);
      const version = (await inst.owner('GET', `/sites/${SITE}/settings`)).body.version;
      const done = await inst.owner('POST', `/sites/${SITE}/connections/complete`, {
        state: flow.message.message.state,
        code: flow.message.message.code,
        version,
      });
      expect(done.status).toBe(200);
      return done.body.account as { id: string; health: string };
    }

    const settingsOf = async () => (await a.owner('GET', `/sites/${SITE}/settings`)).body;
    const sessions = async () =>
      (
        await a.owner(
          'GET',
          `/sites/${SITE}/sessions?from=${encodeURIComponent(new Date(NOW - DAY).toISOString())}&to=${encodeURIComponent(new Date(NOW + 60 * DAY).toISOString())}`,
        )
      ).body as Json[];
    const tokensRow = (accountId: string) => stores.store.transaction((tx) => tx.getTokens(accountId));
    const meetingsOf = (accountId: string) => stores.store.transaction((tx) => tx.listMeetings(SITE, { accountId }));

    return { clock, fake, settings, stores, instance, a, sessionIds, consent, connect, settingsOf, sessions, tokensRow, meetingsOf };
  }

  /** The callback page's message and target origin, read from its one script. */
  async function postedMessage(page: Response): Promise<Json> {
    const html = await page.text();
    const found = /var d=(.*?);if\(window\.opener\)/.exec(html);
    return found ? JSON.parse(found[1]!) : null;
  }

  /**
   * `store`, except that the worker's meeting transaction (the one that claims the leased rows
   * and calls Zoom) throws after its work, before it commits: an error, or a killed process.
   * The worker's other transactions (create attempts, tokens) commit as usual.
   */
  function failingMeetingTransactions(store: Store, message: string): Store {
    return {
      transaction: (fn) =>
        store.transaction(async (tx) => {
          let meetingWork = false;
          const watched = new Proxy(tx, {
            get: (target, prop) => {
              if (prop === 'claimMeetings') meetingWork = true;
              const value = Reflect.get(target, prop, target);
              return typeof value === 'function' ? value.bind(target) : value;
            },
          });
          const value = await fn(watched);
          if (meetingWork) throw new Error(message);
          return value;
        }),
      close: async () => undefined,
    };
  }

  /** Serves a handler on loopback, for Zoom's webhooks. */
  async function serve(handler: (r: Request) => Promise<Response>): Promise<string> {
    const server: Server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE_PATH}/zoom/webhook`;
  }

  describe(`Zoom integration (${name})`, { timeout: options.timeoutMs ?? 30_000 }, () => {
    it('connect → meetings → refresh → expiry → reconnect, through the popup flow and the worker', async () => {
      const t = await setup();
      // Connecting: Zoom's consent page with PKCE S256 and our callback; the widget accepts the server's own origin.
      const flow = await t.consent();
      const authorize = new URL(flow.authorizeUrl);
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${t.fake.oauthBase}/oauth/authorize`);
      expect(authorize.searchParams.get('redirect_uri')).toBe(`${APP}${BASE_PATH}/zoom/callback`);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(flow.callbackOrigin).toBe(APP);
      expect(flow.page.status).toBe(200);
      expect(flow.page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'nonce-[\w-]+'/);
      expect(flow.page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(flow.message.origin).toBe(WIDGET); // posted to the widget's origin only
      expect(flow.message.message).toMatchObject({ type: 'session-links:connection-callback', outcome: 'allow', state: flow.state });
      const done = await t.a.owner('POST', `/sites/${SITE}/connections/complete`, {
        state: flow.state,
        code: flow.message.message.code,
        version: 0,
      });
      expect(done.status).toBe(200);
      const account = done.body.account;
      expect(account).toMatchObject({ kind: 'zoom', health: 'connected', user: { email: 'host@fake-zoom.test', name: 'Fay Host' } });
      expect(t.fake.calls.token.authorizationCode).toBe(1);
      expect(t.fake.calls.users.me).toBe(1);

      // No meeting is made during a write or a read: pending until the worker runs.
      expect(t.fake.calls.meetings.create).toBe(0);
      expect((await t.sessions()).every((s) => s.resolution.reason === 'PROVIDER_MEETING_PENDING')).toBe(true);
      // Meetings: one per upcoming session in the 14-day horizon (14 of 18), and no more on a second run.
      expect(await t.a.work()).toMatchObject({ created: 14, failed: 0 });
      expect(await t.a.work()).toMatchObject({ created: 0, failed: 0 });
      expect(t.fake.meetings()).toHaveLength(14);
      const listed = await t.sessions();
      const linked = listed.filter((s) => s.resolution.status === 'linked');
      expect(linked).toHaveLength(14);
      for (const s of linked) {
        const meeting = t.fake.getMeeting(s.resolution.link.meetingId)!;
        expect(meeting.startTime).toBe(`${s.session.start.slice(0, 19)}Z`);
        expect(meeting.duration).toBe(60);
        expect(meeting.topic).toBe('Yoga');
        expect(meeting.password).toMatch(/^\w{8}$/);
        expect(s.resolution.link.guestUrl).toBe(meeting.joinUrl);
      }

      // Refresh: an hour later the access token has expired; a moved session is patched after one refresh.
      t.clock.ms += 2 * HOUR;
      const moved = listed.find((s) => s.session.id === 'ses-03')!;
      const newStart = Date.parse(moved.session.start) + 2 * HOUR;
      await t.a.sync('PUT', '/sessions/ses-03', {
        serviceId: 'svc-yoga',
        staffId: 'st-anna',
        start: new Date(newStart).toISOString(),
        end: new Date(newStart + 90 * 60_000).toISOString(),
      });
      expect(await t.a.work()).toMatchObject({ updated: 1, created: 0, failed: 0 });
      expect(t.fake.calls.token.refresh).toBe(1);
      expect(t.fake.calls.meetings.update).toBe(1);
      const patched = t.fake.getMeeting(moved.resolution.link.meetingId)!;
      expect(patched.startTime).toBe(`${new Date(newStart).toISOString().slice(0, 19)}Z`);
      expect(patched.duration).toBe(90);

      // Expiry: Zoom refuses the refresh (invalid_grant) → `expired` at once, visible in getSettings; no silent fallback.
      t.clock.ms += 2 * HOUR;
      t.fake.switches.refuseRefreshes = 1;
      await t.a.sync('PUT', '/sessions/ses-04', {
        serviceId: 'svc-yoga',
        staffId: 'st-anna',
        start: new Date(NOW + HOUR + 4 * DAY + HOUR).toISOString(),
        end: new Date(NOW + HOUR + 4 * DAY + 2 * HOUR).toISOString(),
      });
      expect(await t.a.work()).toMatchObject({ updated: 0, failed: 1 });
      expect((await t.settingsOf()).defaultAccount).toMatchObject({ id: account.id, health: 'expired' });
      expect(await t.tokensRow(account.id)).toBeNull();
      expect(t.fake.calls.meetings.update).toBe(1);

      // Reconnect: a new account; the old one's rows are dropped (Zoom can no longer be asked), new meetings made.
      const again = await t.connect();
      expect(again.health).toBe('connected');
      expect(again.id).not.toBe(account.id);
      expect((await t.settingsOf()).defaultAccount).toMatchObject({ id: again.id, health: 'connected' });
      await t.a.work();
      expect(await t.meetingsOf(account.id)).toHaveLength(0);
      expect((await t.meetingsOf(again.id)).map((m) => m.status)).toEqual(Array(14).fill('ready'));
      expect(t.fake.calls.meetings.create).toBe(28);
      expect((await t.sessions()).filter((s) => s.resolution.status === 'linked' && s.resolution.accountId === again.id)).toHaveLength(14);
    });

    it('PKCE and one-time state: a code exchanged with another flow’s verifier fails; a replayed or expired state is refused', async () => {
      const t = await setup({ sessions: 1 });
      const one = await t.consent();
      const two = await t.consent();
      // Flow one's state with flow two's code: the server sends verifier one, Zoom refuses.
      const crossed = await t.a.owner('POST', `/sites/${SITE}/connections/complete`, {
        state: one.state,
        code: two.message.message.code,
        version: 0,
      });
      expect(crossed.body.error).toMatchObject({ code: 'VALIDATION', reason: 'PROVIDER_DENIED' });
      expect(t.fake.calls.token.authorizationCode).toBe(1);
      // The state was spent anyway (R19).
      const replay = await t.a.owner('POST', `/sites/${SITE}/connections/complete`, {
        state: one.state,
        code: one.message.message.code,
        version: 0,
      });
      expect(replay.body.error).toMatchObject({ reason: 'PROVIDER_STATE_MISMATCH' });
      expect(t.fake.calls.token.authorizationCode).toBe(1);
      // A state used once is refused the second time, before Zoom is asked.
      const three = await t.consent();
      const first = await t.a.owner('POST', `/sites/${SITE}/connections/complete`, {
        state: three.state,
        code: three.message.message.code,
        version: 0,
      });
      expect(first.status).toBe(200);
      const again = await t.a.owner('POST', `/sites/${SITE}/connections/complete`, {
        state: three.state,
        code: three.message.message.code,
        version: 1,
      });
      expect(again.body.error).toMatchObject({ reason: 'PROVIDER_STATE_MISMATCH' });
      expect(t.fake.calls.token.authorizationCode).toBe(2);
      // An expired state: refused, and its callback page posts nothing.
      const four = await t.consent();
      t.clock.ms += 11 * 60_000;
      const late = await t.a.handler(new Request(four.back));
      expect(late.status).toBe(400);
      expect(await postedMessage(late)).toBeNull();
      const expired = await t.a.owner('POST', `/sites/${SITE}/connections/complete`, {
        state: four.state,
        code: four.message.message.code,
        version: 1,
      });
      expect(expired.body.error).toMatchObject({ reason: 'PROVIDER_STATE_MISMATCH' });
      expect(t.fake.calls.token.authorizationCode).toBe(2);
      // Deny on Zoom's page: the callback tells the widget `deny`, without a code.
      const denied = await t.consent(t.a, 'deny');
      expect(denied.message.message).toEqual({ type: 'session-links:connection-callback', outcome: 'deny', state: denied.state });
    });

    it('the callback page escapes what it is given and posts to the recorded origin only', async () => {
      const t = await setup({ sessions: 1 });
      const flow = await t.consent();
      const hostile = new URL(flow.back);
      hostile.searchParams.set('code', '</script><script>alert(1)</script>');
      const page = await t.a.handler(new Request(hostile));
      const html = await page.clone().text();
      expect(html).not.toContain('<script>alert(1)');
      expect((await postedMessage(page)).message.code).toBe('</script><script>alert(1)</script>');
      // An unknown state: nothing posted, nobody told.
      hostile.searchParams.set('state', 'x'.repeat(43));
      const unknown = await t.a.handler(new Request(hostile));
      expect(unknown.status).toBe(400);
      expect(await postedMessage(unknown)).toBeNull();
    });

    it('a connection starts only from an origin the host allows, spelled exactly: hostile ones are refused at the start, so no code is posted there (R27)', async () => {
      const t = await setup({ sessions: 0 });
      const startFrom = async (handler: (r: Request) => Promise<Response>, headers: Record<string, string>, at = APP) => {
        const res = await handler(
          new Request(`${at}${BASE_PATH}/sites/${SITE}/connections`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer dev:owner', ...headers },
            body: JSON.stringify({ provider: 'zoom', target: { type: 'default' } }),
          }),
        );
        return { status: res.status, body: (await res.json()) as Json };
      };
      const refused = { error: { code: 'FORBIDDEN', reason: 'ORIGIN_NOT_ALLOWED' } };
      // Allowed: the widget's origin (configured).
      const hostile = [
        'https://evil.example',
        '*',
        'null',
        `${WIDGET}/`,
        'https://WIDGET.example',
        'https://widget.example:443',
        'http://widget.example',
        'https://widget.example.evil.example',
        APP, // the server's own origin is not in a list that names only the widget
      ];
      for (const origin of hostile) {
        const res = await startFrom(t.a.handler, { origin });
        expect(res, origin).toMatchObject({ status: 403, body: refused });
        expect(JSON.stringify(res.body)).not.toContain('state');
      }
      // No Origin header: the request URL's origin counts, and a spoofed Host is not the widget.
      expect(await startFrom(t.a.handler, {}, 'https://evil.example')).toMatchObject({ status: 403, body: refused });
      const allowed = await startFrom(t.a.handler, { origin: WIDGET });
      expect(allowed.status).toBe(200);
      expect(allowed.body.state).toEqual(expect.any(String));

      // Default: the server's own origin, that of the redirect URI; nothing else, whatever the Host says.
      const own = t.instance(t.stores.store, {});
      expect(await startFrom(own.handler, { origin: WIDGET })).toMatchObject({ status: 403, body: refused });
      expect(await startFrom(own.handler, { origin: 'https://evil.example' }, 'https://evil.example')).toMatchObject({ status: 403 });
      expect(await startFrom(own.handler, {}, 'https://evil.example')).toMatchObject({ status: 403, body: refused });
      expect((await startFrom(own.handler, { origin: APP })).status).toBe(200);
      expect((await startFrom(own.handler, {})).status).toBe(200);
      // Through Node with a spoofed Host header (the adapter builds the URL from it): refused.
      const url = new URL(await serve(own.handler));
      const spoofed = await new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ provider: 'zoom', target: { type: 'default' } });
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path: `${BASE_PATH}/sites/${SITE}/connections`,
            headers: { host: 'evil.example', 'content-type': 'application/json', authorization: 'Bearer dev:owner' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      expect(spoofed).toBe(403);
      // A list that is not one of origins is refused when the handler is made.
      expect(() => createHandler({ store: t.stores.store, authenticate: async () => null, allowedOrigins: ['*'] })).toThrow(
        /not an origin/,
      );
      expect(() => createHandler({ store: t.stores.store, authenticate: async () => null, allowedOrigins: ['null'] })).toThrow(
        /not an origin/,
      );
    });

    it('refresh race: access token expired, 20 concurrent Zoom operations on two server instances → exactly one refresh, all succeed', async () => {
      const t = await setup({ sessions: 20, spacingMs: 12 * HOUR, firstStartMs: NOW + DAY });
      await t.connect();
      t.clock.ms += 2 * HOUR; // the access token has expired
      const b = t.instance(await t.stores.twin());
      const runs = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? t.a : b).work(1));
      const results = await Promise.all(runs);
      expect(t.fake.calls.token.refresh).toBe(1);
      expect(results.reduce((n, r) => n + r.created, 0)).toBe(20);
      expect(results.every((r) => r.failed === 0)).toBe(true);
      expect(t.fake.meetings()).toHaveLength(20);
      expect((await t.settingsOf()).defaultAccount.health).toBe('connected');
    });

    it('a refresh is committed on its own: the meeting transaction dies after it, the rotated token survives, the next run uses it', async () => {
      const t = await setup({ sessions: 3, firstStartMs: NOW + DAY });
      const account = await t.connect();
      const before = (await t.tokensRow(account.id))!;
      t.clock.ms += 2 * HOUR; // the access token has expired: the next run refreshes it
      // The worker's meeting transaction (the one working on the claimed rows) dies after the Zoom calls, before it commits.
      const dying = t.instance(failingMeetingTransactions(t.stores.store, 'the meeting transaction failed'));
      await expect(dying.work()).rejects.toThrow('the meeting transaction failed');
      expect(t.fake.calls.token.refresh).toBe(1);
      expect(t.fake.calls.meetings.create).toBe(3); // made with the refreshed token, their ids lost with the transaction
      // The rotated pair was committed before the meeting transaction: the account is still connected.
      const after = (await t.tokensRow(account.id))!;
      expect(after.refreshToken).not.toBe(before.refreshToken);
      expect(Date.parse(after.accessExpiresAt)).toBeGreaterThan(t.clock.ms);
      expect((await t.settingsOf()).defaultAccount).toMatchObject({ id: account.id, health: 'connected' });

      // After the dead run's lease: the next run uses the rotated token (no second refresh) and adopts the meetings.
      t.clock.ms += CLAIM_LEASE_MS;
      expect(await t.a.work()).toMatchObject({ created: 0, adopted: 3, failed: 0 });
      expect(t.fake.calls.token.refresh).toBe(1);
      expect(t.fake.meetings()).toHaveLength(3);
      // An hour later the rotated refresh token itself is used: Zoom accepts it, once.
      t.clock.ms += 2 * HOUR;
      const moved = NOW + DAY + 2 * DAY + HOUR; // ses-02, an hour later
      await t.a.sync('PUT', '/sessions/ses-02', {
        serviceId: 'svc-yoga',
        staffId: 'st-anna',
        start: new Date(moved).toISOString(),
        end: new Date(moved + HOUR).toISOString(),
      });
      expect(await t.a.work()).toMatchObject({ updated: 1, failed: 0 });
      expect(t.fake.calls.token.refresh).toBe(2);
      // Zoom never answered a refresh with invalid_grant, and the account stayed connected throughout.
      expect(t.fake.calls.log.filter((c) => c.path.endsWith('/oauth/token') && c.status !== 200)).toEqual([]);
      expect((await t.settingsOf()).defaultAccount).toMatchObject({ id: account.id, health: 'connected' });
      expect((await t.meetingsOf(account.id)).map((m) => m.status)).toEqual(['ready', 'ready', 'ready']);
    });

    it('webhooks: url_validation answered; forged or stale signature → 401, nothing changed; app_deauthorized → expired, tokens deleted', async () => {
      const t = await setup({ sessions: 2 });
      const account = await t.connect();
      const url = await serve(t.a.handler);
      const before = await t.settingsOf();

      const challenge = await t.fake.sendWebhook(url, 'endpoint.url_validation', { plainToken: 'plain-123' }, { secret: WEBHOOK_SECRET });
      expect(challenge.status).toBe(200);
      const { createHmac } = await import('node:crypto');
      expect(JSON.parse(challenge.body)).toEqual({
        plainToken: 'plain-123',
        encryptedToken: createHmac('sha256', WEBHOOK_SECRET).update('plain-123').digest('hex'),
      });

      const payload = t.fake.deauthorize(t.fake.users[0]!.id);
      const forged = await t.fake.sendWebhook(url, 'app_deauthorized', payload, { secret: 'not-the-secret' });
      expect(forged.status).toBe(401);
      const stale = await t.fake.sendWebhook(url, 'app_deauthorized', payload, {
        secret: WEBHOOK_SECRET,
        timestamp: Math.floor(t.clock.ms / 1000) - 301,
      });
      expect(stale.status).toBe(401);
      expect(await t.settingsOf()).toEqual(before);
      expect(await t.tokensRow(account.id)).not.toBeNull();

      const real = await t.fake.sendWebhook(url, 'app_deauthorized', payload, { secret: WEBHOOK_SECRET });
      expect(real.status).toBe(200);
      expect((await t.settingsOf()).defaultAccount).toMatchObject({ id: account.id, health: 'expired' });
      expect(await t.tokensRow(account.id)).toBeNull();
    });

    it("webhooks keep their own 64 kB limit whatever the API's body limit: a 2 kB event passes a 1 kB API limit, a 70 kB one is refused", async () => {
      const t = await setup({ sessions: 1 });
      const url = await serve(t.instance(t.stores.store, { allowedOrigins: [WIDGET], maxBodyBytes: 1024 }).handler);
      const padded = await t.fake.sendWebhook(
        url,
        'endpoint.url_validation',
        { plainToken: 'p', pad: 'x'.repeat(2048) },
        { secret: WEBHOOK_SECRET },
      );
      expect(padded.status).toBe(200);
      const roomy = await serve(t.instance(t.stores.store, { allowedOrigins: [WIDGET], maxBodyBytes: 1024 * 1024 }).handler);
      const huge = await t.fake.sendWebhook(
        roomy,
        'endpoint.url_validation',
        { plainToken: 'p', pad: 'x'.repeat(70 * 1024) },
        { secret: WEBHOOK_SECRET },
      );
      expect(huge.status).toBe(413);
      expect(JSON.parse(huge.body)).toEqual({ error: 'payload too large' });
    });

    it('a 401 from the API: one refresh, and when Zoom refuses it the account is expired at once', async () => {
      const t = await setup({ sessions: 2 });
      const account = await t.connect();
      // The user removed the app at Zoom and the webhook never came: the access token is refused.
      t.fake.deauthorize(t.fake.users[0]!.id);
      expect(await t.a.work()).toMatchObject({ created: 0, failed: 2 });
      expect(t.fake.calls.meetings.create).toBe(1); // one 401, then no more calls for that account
      expect(t.fake.calls.token.refresh).toBe(1);
      expect((await t.settingsOf()).defaultAccount).toMatchObject({ id: account.id, health: 'expired' });
      expect(await t.tokensRow(account.id)).toBeNull();
      expect(t.fake.meetings()).toHaveLength(0);
    });

    it('an expired account’s meetings are not tried again run after run: the worker fails them once, then leaves them (R17, R22)', async () => {
      const t = await setup({ sessions: 3 });
      const account = await t.connect();
      t.fake.deauthorize(t.fake.users[0]!.id);
      expect(await t.a.work()).toMatchObject({ created: 0, failed: 3 });
      for (let i = 0; i < 4; i++) {
        t.clock.ms += 2 * 3_600_000;
        expect(await t.a.work()).toMatchObject({ created: 0, failed: 0 });
      }
      expect(await t.meetingsOf(account.id)).toEqual([]);
      expect((await t.sessions()).map((s) => s.resolution.reason)).toEqual(Array(3).fill('ACCOUNT_UNHEALTHY'));
      // Reconnected (a new account): its meetings are made.
      const again = await t.connect();
      t.clock.ms += 5_000;
      // The first session has begun meanwhile (8 hours): the two upcoming ones.
      expect(await t.a.work()).toMatchObject({ created: 2, failed: 0 });
      const upcoming = (await t.sessions()).filter((s) => Date.parse(s.session.start) >= t.clock.ms);
      expect(upcoming.map((s) => [s.resolution.status, s.resolution.accountId])).toEqual(Array(2).fill(['linked', again.id]));
    });

    it('a 401 with a refresh token Zoom still accepts: refreshed once in its own transaction, then the meetings are made', async () => {
      const t = await setup({ sessions: 3 });
      const account = await t.connect();
      // The stored access token looks fresh but Zoom refuses it (revoked at Zoom); the refresh token is good.
      const cipher = await createTokenCipher(t.settings.tokenKey);
      const row = (await t.tokensRow(account.id))!;
      const revoked = await cipher.encrypt('revoked-access-token', account.id);
      await t.stores.store.transaction((tx) => tx.putTokens({ ...row, accessToken: revoked }));
      expect(await t.a.work()).toMatchObject({ created: 3, failed: 0 });
      expect(t.fake.calls.token.refresh).toBe(1);
      expect(t.fake.calls.meetings.create).toBe(4); // one 401, then three with the refreshed token
      expect(t.fake.meetings()).toHaveLength(3);
      const after = (await t.tokensRow(account.id))!;
      expect(after.refreshToken).not.toBe(row.refreshToken);
      expect(after.zoomUserId).toBe(row.zoomUserId);
      expect((await t.settingsOf()).defaultAccount).toMatchObject({ id: account.id, health: 'connected' });
      expect((await t.meetingsOf(account.id)).map((m) => m.status)).toEqual(['ready', 'ready', 'ready']);
    });

    it('meeting.deleted at Zoom for a meeting a session still needs → made again by the worker', async () => {
      const t = await setup({ sessions: 2 });
      await t.connect();
      await t.a.work();
      const [first] = await t.sessions();
      const gone = t.fake.deleteMeetingAsHost(first.resolution.link.meetingId)!;
      const url = await serve(t.a.handler);
      expect((await t.fake.sendWebhook(url, 'meeting.deleted', gone, { secret: WEBHOOK_SECRET })).status).toBe(200);
      expect((await t.sessions())[0].resolution).toMatchObject({ status: 'none', reason: 'PROVIDER_MEETING_PENDING' });
      expect(await t.a.work()).toMatchObject({ created: 1 });
      const [again] = await t.sessions();
      expect(again.resolution.status).toBe('linked');
      expect(again.resolution.link.meetingId).not.toBe(first.resolution.link.meetingId);
      expect(t.fake.meetings()).toHaveLength(2);
    });

    it('removing a link deletes its meeting; disconnecting deletes them all, then the tokens', async () => {
      const t = await setup({ sessions: 3 });
      const account = await t.connect();
      await t.a.work();
      const [first] = await t.sessions();
      const version = (await t.a.owner('GET', `/sites/${SITE}/sessions/${first.session.id}`)).body.session.version;
      const removed = await t.a.owner('PUT', `/sites/${SITE}/sessions/${first.session.id}/link`, { change: { kind: 'removed' }, version });
      expect(removed.status).toBe(200);
      expect(await t.a.work()).toMatchObject({ deleted: 1 });
      expect(t.fake.calls.meetings.delete).toBe(1);
      expect(t.fake.getMeeting(first.resolution.link.meetingId)).toBeUndefined();
      expect(t.fake.meetings()).toHaveLength(2);

      const settings = await t.settingsOf();
      expect((await t.a.owner('POST', `/sites/${SITE}/settings/default-account/disconnect`, { version: settings.version })).status).toBe(
        200,
      );
      expect(await t.tokensRow(account.id)).not.toBeNull(); // kept for the deletes
      expect(await t.a.work()).toMatchObject({ deleted: 2 });
      expect(t.fake.meetings()).toHaveLength(0);
      expect(await t.tokensRow(account.id)).toBeNull();
    });

    it('429s delay but never duplicate or lose a meeting; the daily cap delays the far-off ones, never tomorrow’s', async () => {
      const t = await setup({ sessions: 10, spacingMs: 12 * HOUR });
      const account = await t.connect();
      // Retry-After longer than the client waits inline: the row is rescheduled and the account's batch stops.
      t.fake.switches.rateLimitNext = 3;
      t.fake.switches.retryAfterSeconds = 120;
      expect(await t.a.work()).toMatchObject({ created: 0, failed: 10 });
      expect(t.fake.calls.meetings.create).toBe(1);
      // Every row of the account waits exactly as long as Zoom asked.
      const retryAt = new Date(t.clock.ms + 120_000).toISOString();
      expect((await t.meetingsOf(account.id)).map((m) => m.nextAttemptAt)).toEqual(Array(10).fill(retryAt));
      expect(await t.a.work()).toMatchObject({ created: 0, failed: 0 }); // nothing due before Retry-After
      t.clock.ms += 60_000;
      expect(await t.a.work()).toMatchObject({ created: 0, failed: 0 }); // still not, halfway
      expect(t.fake.calls.meetings.create).toBe(1);
      expect((await t.sessions()).every((s) => s.resolution.reason === 'PROVIDER_MEETING_PENDING')).toBe(true);
      for (let i = 0; i < 5 && t.fake.meetings().length < 10; i++) {
        t.clock.ms += 121_000;
        await t.a.work();
      }
      expect(t.fake.meetings()).toHaveLength(10);
      expect(new Set(t.fake.meetings().map((m) => m.startTime)).size).toBe(10);
      expect((await t.sessions()).every((s) => s.resolution.status === 'linked')).toBe(true);

      // The daily cap: 4 made, the 5th refused, the rest of the batch waits, unasked.
      const u = await setup({ sessions: 10, spacingMs: 12 * HOUR });
      await u.connect();
      u.fake.switches.dailyMeetingCap = 4;
      expect(await u.a.work()).toMatchObject({ created: 4, failed: 6 });
      expect(u.fake.calls.meetings.create).toBe(5);
      const soonest = (await u.sessions()).slice(0, 4);
      expect(soonest.every((s) => s.resolution.status === 'linked')).toBe(true);
      expect(await u.a.work()).toMatchObject({ created: 0, failed: 0 }); // waiting for 00:00 UTC
      u.clock.ms = (Math.floor(u.clock.ms / DAY) + 1) * DAY + 1000;
      expect(await u.a.work()).toMatchObject({ created: 4 });
      u.clock.ms += DAY;
      expect(await u.a.work()).toMatchObject({ created: 2 });
      expect(new Set(u.fake.meetings().map((m) => m.startTime)).size).toBe(10);
      expect(u.fake.meetings()).toHaveLength(10);
      // Zoom refused (429) or was never asked: nothing to look up afterwards.
      expect(u.fake.calls.meetings.list).toBe(0);
    });

    it('5xx on a create: not retried blindly (Zoom may have made it); after the backoff the worker looks first, then creates once', async () => {
      const t = await setup({ sessions: 10, spacingMs: 12 * HOUR });
      await t.connect();
      t.fake.switches.failNext = 2;
      expect(await t.a.work()).toMatchObject({ created: 8, failed: 2 });
      expect(t.fake.calls.meetings.create).toBe(10);
      expect(await t.a.work()).toMatchObject({ created: 0, failed: 0 }); // backing off
      t.clock.ms += 31_000;
      expect(await t.a.work()).toMatchObject({ created: 2, adopted: 0, failed: 0 });
      // Each lookup walked every page of the user's meetings (8 then 9, two per page).
      expect(t.fake.calls.meetings.list).toBe(4 + 5);
      expect(t.fake.meetings()).toHaveLength(10);
      expect(new Set(t.fake.meetings().map((m) => m.startTime)).size).toBe(10);
      expect((await t.sessions()).every((s) => s.resolution.status === 'linked')).toBe(true);
    });

    /** Zoom holds exactly one meeting per session, and the stored row has its id and links. */
    async function expectOneMeetingPerSession(t: Awaited<ReturnType<typeof setup>>, accountId: string, count: number) {
      const atZoom = t.fake.meetings();
      expect(atZoom).toHaveLength(count);
      expect(new Set(atZoom.map((m) => m.startTime)).size).toBe(count);
      const stored = await t.meetingsOf(accountId);
      expect(stored.map((m) => m.status)).toEqual(Array(count).fill('ready'));
      expect(stored.every((m) => m.createAttemptId === null)).toBe(true);
      for (const m of stored) {
        const zoomMeeting = t.fake.getMeeting(m.zoomMeetingId!)!;
        expect(zoomMeeting.agenda).toContain(`${accountId}:${m.sessionId}`);
        expect(zoomMeeting.startTime).toBe(`${m.start.slice(0, 19)}Z`);
        expect(m.joinUrl).toBe(zoomMeeting.joinUrl);
        // Sealed at rest (R27): it opens to Zoom's start URL with the server's key.
        expect(m.startUrl).not.toBe(zoomMeeting.startUrl);
        expect(await t.a.zoom.tokens.openStartUrl(accountId, m.sessionId, m.startUrl!)).toBe(zoomMeeting.startUrl);
        expect(m.password).toBe(zoomMeeting.password);
      }
      const linked = (await t.sessions()).filter((s) => s.resolution.status === 'linked');
      expect(linked).toHaveLength(count);
    }

    it('no duplicate after a lost answer: Zoom made the meeting but the connection was cut; the next run finds and adopts it', async () => {
      const t = await setup({ sessions: 3 });
      const account = await t.connect();
      t.fake.switches.cutCreateResponses = 1;
      expect(await t.a.work()).toMatchObject({ created: 2, failed: 1 });
      expect(t.fake.meetings()).toHaveLength(3); // Zoom made all three; we know of two
      const lost = (await t.meetingsOf(account.id)).filter((m) => m.zoomMeetingId === null);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatchObject({ status: 'pending', createAttemptAt: new Date(t.clock.ms).toISOString() });
      expect(lost[0]!.createAttemptId).toEqual(expect.any(String));

      t.clock.ms += 31_000;
      expect(await t.a.work()).toMatchObject({ created: 0, adopted: 1, failed: 0 });
      expect(t.fake.calls.meetings.create).toBe(3);
      expect(t.fake.calls.meetings.list).toBe(2); // 3 meetings, 2 per page
      await expectOneMeetingPerSession(t, account.id, 3);
    });

    it('no duplicate after a crash: Zoom made the meetings, the process died before the commit; the next run adopts them', async () => {
      const t = await setup({ sessions: 3 });
      const account = await t.connect();
      // The worker's Zoom transaction dies after the calls, before it commits (what a killed process leaves).
      const dying = t.instance(failingMeetingTransactions(t.stores.store, 'the process died before the commit'));
      await expect(dying.work()).rejects.toThrow('died before the commit');
      expect(t.fake.calls.meetings.create).toBe(3);
      expect(t.fake.meetings()).toHaveLength(3);
      const left = await t.meetingsOf(account.id);
      expect(left.map((m) => [m.status, m.zoomMeetingId])).toEqual(Array(3).fill(['pending', null]));
      expect(left.every((m) => m.createAttemptId !== null)).toBe(true);

      // The dead run's lease on the rows runs out; a restarted worker finds each at Zoom instead of creating it again.
      expect(await t.a.work()).toMatchObject({ created: 0, adopted: 0, failed: 0 });
      t.clock.ms += CLAIM_LEASE_MS;
      expect(await t.a.work()).toMatchObject({ created: 0, adopted: 3, failed: 0 });
      expect(t.fake.calls.meetings.create).toBe(3);
      await expectOneMeetingPerSession(t, account.id, 3);
      // And nothing more on the next run.
      expect(await t.a.work()).toMatchObject({ created: 0, adopted: 0, updated: 0 });
    });

    it('a crash, then the session moves before the retry: the meeting found at Zoom is adopted and moved, not made again', async () => {
      const t = await setup({ sessions: 1 });
      const account = await t.connect();
      t.fake.switches.cutCreateResponses = 1;
      expect(await t.a.work()).toMatchObject({ failed: 1 });
      const [session] = await t.sessions();
      const newStart = Date.parse(session.session.start) + 3 * HOUR;
      await t.a.sync('PUT', `/sessions/${session.session.id}`, {
        serviceId: 'svc-yoga',
        staffId: 'st-anna',
        start: new Date(newStart).toISOString(),
        end: new Date(newStart + HOUR).toISOString(),
      });
      t.clock.ms += 31_000;
      expect(await t.a.work()).toMatchObject({ created: 0, adopted: 1, failed: 0 });
      expect(t.fake.calls.meetings.update).toBe(1);
      await expectOneMeetingPerSession(t, account.id, 1);
      expect(t.fake.meetings()[0]!.startTime).toBe(`${new Date(newStart).toISOString().slice(0, 19)}Z`);
    });

    it('a Zoom link added by hand past the horizon is made at Zoom; replacing it deletes the meeting there; a deleted session’s meeting is deleted, retried through 5xx', async () => {
      const t = await setup({ sessions: 18 });
      const account = await t.connect();
      expect(await t.a.work()).toMatchObject({ created: 14, failed: 0 });
      // ses-16 starts 16 days out, past the 14-day horizon: no meeting until someone adds a Zoom link by hand.
      const far = 'ses-16';
      const v1 = (await t.a.owner('GET', `/sites/${SITE}/sessions/${far}`)).body.session.version;
      const added = await t.a.owner('PUT', `/sites/${SITE}/sessions/${far}/link`, { change: { kind: 'meeting' }, version: v1 });
      expect(added.status).toBe(200);
      expect(added.body.resolution).toMatchObject({ status: 'none', reason: 'PROVIDER_MEETING_PENDING' });
      expect(t.fake.calls.meetings.create).toBe(14); // never during a write
      expect(await t.a.work()).toMatchObject({ created: 1, failed: 0 });
      const linked = (await t.a.owner('GET', `/sites/${SITE}/sessions/${far}`)).body;
      expect(linked.resolution).toMatchObject({ status: 'linked', source: 'session', link: { type: 'ZOOM' } });
      const meetingId = linked.resolution.link.meetingId;
      expect(t.fake.getMeeting(meetingId)!.startTime).toBe(`${linked.session.start.slice(0, 19)}Z`);

      // Replaced by a custom link: the meeting is deleted at Zoom.
      const replaced = await t.a.owner('PUT', `/sites/${SITE}/sessions/${far}/link`, {
        change: { kind: 'custom', link: { url: 'https://whereby.com/one-off' } },
        version: linked.session.version,
      });
      expect(replaced.status).toBe(200);
      expect(await t.a.work()).toMatchObject({ deleted: 1, failed: 0 });
      expect(t.fake.getMeeting(meetingId)).toBeUndefined();
      expect(t.fake.meetings()).toHaveLength(14);

      // The host deletes a session; Zoom answers 500 to every attempt of the first run: retried later, then deleted.
      const [first] = await t.sessions();
      const gone = first.resolution.link.meetingId;
      await t.a.sync('DELETE', `/sessions/${first.session.id}`);
      t.fake.switches.failNext = 4;
      expect(await t.a.work()).toMatchObject({ deleted: 0, failed: 1 });
      expect(t.fake.getMeeting(gone)).toBeDefined();
      expect(await t.a.work()).toMatchObject({ deleted: 0, failed: 0 }); // backing off
      t.clock.ms += 31_000;
      expect(await t.a.work()).toMatchObject({ deleted: 1, failed: 0 });
      expect(t.fake.getMeeting(gone)).toBeUndefined();
      expect(t.fake.meetings()).toHaveLength(13);
      expect((await t.meetingsOf(account.id)).map((m) => m.status)).toEqual(Array(13).fill('ready'));
    });

    it('hand-added Zoom meetings follow the account that now applies: replaced default, then disconnected and connected again (R22)', async () => {
      const t = await setup({ sessions: 18 });
      // The worker runs every few seconds, and the fake Zoom holds each account to Zoom's calls a
      // second on this test's clock: each run is a later one.
      const work = () => {
        t.clock.ms += 5_000;
        return t.a.work();
      };
      const first = await t.connect();
      expect(await work()).toMatchObject({ created: 14, failed: 0 });
      // One session in the horizon and one past it get a Zoom meeting by hand.
      const near = 'ses-02';
      const far = 'ses-16';
      for (const id of [near, far]) {
        const version = (await t.a.owner('GET', `/sites/${SITE}/sessions/${id}`)).body.session.version;
        expect((await t.a.owner('PUT', `/sites/${SITE}/sessions/${id}/link`, { change: { kind: 'meeting' }, version })).status).toBe(200);
      }
      await work();
      const linked = async (id: string) => (await t.a.owner('GET', `/sites/${SITE}/sessions/${id}`)).body.resolution;
      const atZoom = (meetingId: string) => t.fake.getMeeting(meetingId);
      expect(await linked(far)).toMatchObject({ status: 'linked', source: 'session', accountId: first.id });

      // The default is replaced by another Zoom connection: the hand-added meetings come from the new account.
      const second = await t.connect();
      expect(second.id).not.toBe(first.id);
      const run = await work();
      expect(run.failed).toBe(0);
      for (const id of [near, far]) {
        const r = await linked(id);
        expect(r).toMatchObject({ status: 'linked', source: 'session', accountId: second.id, link: { type: 'ZOOM' } });
        expect(atZoom(r.link.meetingId)).toBeDefined();
      }
      expect(await t.meetingsOf(first.id)).toEqual([]);

      // Disconnected (no links at all, R8), then connected again: made again from the account connected now.
      const settings = await t.settingsOf();
      expect((await t.a.owner('POST', `/sites/${SITE}/settings/default-account/disconnect`, { version: settings.version })).status).toBe(
        200,
      );
      await work();
      expect(await linked(far)).toMatchObject({ status: 'none', reason: 'NO_DEFAULT_ACCOUNT' });
      const third = await t.connect();
      expect(await linked(far)).toMatchObject({ status: 'none', reason: 'PROVIDER_MEETING_PENDING' });
      const again = await work();
      expect(again.failed).toBe(0);
      for (const id of [near, far]) expect(await linked(id)).toMatchObject({ status: 'linked', source: 'session', accountId: third.id });
      // Nothing is left for an account that is gone: the next runs have nothing to fail on.
      expect(await t.meetingsOf(second.id)).toEqual([]);
      expect(await work()).toMatchObject({ failed: 0 });
    });

    it('a hand-added Zoom meeting no Zoom account can make any more says so (NO_MEETING_ACCOUNT); the worker leaves it alone and makes it once Zoom is connected again (R22)', async () => {
      const t = await setup({ sessions: 18 });
      const work = () => {
        t.clock.ms += 5_000;
        return t.a.work();
      };
      const first = await t.connect();
      expect(await work()).toMatchObject({ created: 14, failed: 0 });
      const near = 'ses-02';
      const far = 'ses-16';
      for (const id of [near, far]) {
        const version = (await t.a.owner('GET', `/sites/${SITE}/sessions/${id}`)).body.session.version;
        expect((await t.a.owner('PUT', `/sites/${SITE}/sessions/${id}/link`, { change: { kind: 'meeting' }, version })).status).toBe(200);
      }
      await work();
      const linked = async (id: string) => (await t.a.owner('GET', `/sites/${SITE}/sessions/${id}`)).body.resolution;
      expect(await linked(far)).toMatchObject({ status: 'linked', source: 'session', accountId: first.id });

      // The default becomes a custom link: neither Anna nor the site has a Zoom account now.
      const settings = await t.settingsOf();
      const custom = await t.a.owner('PUT', `/sites/${SITE}/settings/default-account`, {
        link: { url: 'https://whereby.com/studio' },
        version: settings.version,
      });
      expect(custom.status).toBe(200);
      for (let i = 0; i < 3; i++) expect(await work()).toMatchObject({ failed: 0 });
      for (const id of [near, far]) expect(await linked(id)).toEqual({ status: 'none', reason: 'NO_MEETING_ACCOUNT', warnings: [] });
      const listed = (await t.sessions()).filter((s) => [near, far].includes(s.session.id));
      expect(listed.map((s) => s.resolution.reason)).toEqual(['NO_MEETING_ACCOUNT', 'NO_MEETING_ACCOUNT']);
      // Nothing is asked of the account that is gone: its meetings were deleted at Zoom, nothing waits on it.
      expect(await t.meetingsOf(first.id)).toEqual([]);
      expect(t.fake.meetings()).toHaveLength(0);

      // Zoom connected again as the default: both hand-added meetings are made from it.
      const second = await t.connect();
      expect(await linked(far)).toMatchObject({ status: 'none', reason: 'PROVIDER_MEETING_PENDING' });
      expect(await work()).toMatchObject({ failed: 0 });
      for (const id of [near, far]) {
        const r = await linked(id);
        expect(r).toMatchObject({ status: 'linked', source: 'session', accountId: second.id, link: { type: 'ZOOM' } });
        expect(t.fake.getMeeting(r.link.meetingId)).toBeDefined();
      }
    });

    it('meetings stuck from before hand-added meetings followed their account (pending, the account gone) are planned again by the next worker run', async () => {
      /** What the old code left: the session's Zoom override names an account no one holds, whose pending meeting failed on every run. */
      const strand = (t: Awaited<ReturnType<typeof setup>>, ids: string[]) =>
        t.stores.store.transaction(async (tx) => {
          const at = new Date(t.clock.ms).toISOString();
          for (const id of ids) {
            const row = await tx.getSessionOverride(SITE, id);
            expect(await tx.putSessionOverride(SITE, id, row.version, { kind: 'meeting', accountId: 'zoom-gone' })).toBe(true);
            const host = (await tx.getSession(SITE, id))!;
            await tx.ensureMeeting({
              siteId: SITE,
              accountId: 'zoom-gone',
              sessionId: id,
              start: host.start,
              durationMinutes: 60,
              topic: 'Yoga',
              updatedAt: at,
            });
            await tx.updateMeeting(SITE, 'zoom-gone', id, { attempts: 7, nextAttemptAt: at, lastError: 'ZOOM_EXPIRED', updatedAt: at });
          }
        });
      const linked = async (t: Awaited<ReturnType<typeof setup>>, id: string) =>
        (await t.a.owner('GET', `/sites/${SITE}/sessions/${id}`)).body.resolution;

      // A Zoom default applies: the first run makes their meetings from it.
      const t = await setup({ sessions: 18 });
      const account = await t.connect();
      expect(await t.a.work()).toMatchObject({ created: 14, failed: 0 });
      // Past the horizon: no meeting of the default's exists for them.
      await strand(t, ['ses-15', 'ses-16']);
      t.clock.ms += 5_000;
      expect(await t.a.work()).toMatchObject({ created: 2, failed: 0 });
      for (const id of ['ses-15', 'ses-16']) {
        const r = await linked(t, id);
        expect(r).toMatchObject({ status: 'linked', source: 'session', accountId: account.id, link: { type: 'ZOOM' } });
        expect(t.fake.getMeeting(r.link.meetingId)).toBeDefined();
      }
      expect(await t.meetingsOf('zoom-gone')).toEqual([]);
      t.clock.ms += 5_000;
      expect(await t.a.work()).toMatchObject({ created: 0, failed: 0 });

      // No Zoom account applies (a custom default): the sessions say so, and the worker stops asking.
      const u = await setup({ sessions: 3 });
      const version = (await u.settingsOf()).version;
      expect(
        (await u.a.owner('PUT', `/sites/${SITE}/settings/default-account`, { link: { url: 'https://whereby.com/studio' }, version }))
          .status,
      ).toBe(200);
      await strand(u, ['ses-01']);
      expect(await u.a.work()).toMatchObject({ failed: 0 });
      expect(await linked(u, 'ses-01')).toEqual({ status: 'none', reason: 'NO_MEETING_ACCOUNT', warnings: [] });
      expect(await u.meetingsOf('zoom-gone')).toEqual([]);
      u.clock.ms += 3_600_000;
      expect(await u.a.work()).toMatchObject({ created: 0, failed: 0 });
    });

    it('a start URL (hostUrl) from Zoom reaches the owner only, never a staff member whose session the site’s Zoom hosts (R18)', async () => {
      const t = await setup({ sessions: 2 });
      await t.connect();
      await t.a.sync('PUT', '/members/anna', { name: 'Anna', role: 'staff', staffId: 'st-anna' });
      await t.a.work();
      const owner = await t.sessions();
      expect(owner).toHaveLength(2);
      for (const s of owner) expect(s.resolution.link.hostUrl).toBe(t.fake.getMeeting(s.resolution.link.meetingId)!.startUrl);
      const range = `from=${encodeURIComponent(new Date(NOW - DAY).toISOString())}&to=${encodeURIComponent(new Date(NOW + 60 * DAY).toISOString())}`;
      const anna = await t.a.call('anna', 'GET', `/sites/${SITE}/sessions?${range}`);
      expect(anna.status).toBe(200);
      expect(anna.body.map((s: Json) => s.resolution.link.guestUrl)).toEqual(owner.map((s) => s.resolution.link.guestUrl));
      for (const s of owner) expect(JSON.stringify(anna.body)).not.toContain(s.resolution.link.hostUrl);
      const one = await t.a.call('anna', 'GET', `/sites/${SITE}/sessions/${owner[0].session.id}`);
      expect(one.body.resolution.link.hostUrl).toBeUndefined();
    });

    it('a refresh token older than Zoom allows (90 days): expired at once, without asking Zoom, visible in getSettings', async () => {
      const t = await setup({ sessions: 0 });
      const account = await t.connect();
      t.clock.ms += 91 * DAY;
      const start = t.clock.ms + HOUR;
      await t.a.sync('PUT', '/sessions/ses-late', {
        serviceId: 'svc-yoga',
        staffId: 'st-anna',
        start: new Date(start).toISOString(),
        end: new Date(start + HOUR).toISOString(),
      });
      expect(await t.a.work()).toMatchObject({ created: 0, failed: 1 });
      expect(t.fake.calls.token.refresh).toBe(0);
      expect(t.fake.calls.meetings.create).toBe(0);
      expect((await t.settingsOf()).defaultAccount).toMatchObject({ id: account.id, health: 'expired' });
      expect(await t.tokensRow(account.id)).toBeNull();
    });

    it('tokens in the store are not readable without the key', async () => {
      const t = await setup({ sessions: 1 });
      const account = await t.connect();
      const row = (await t.tokensRow(account.id))!;
      const cipher = await createTokenCipher(t.settings.tokenKey);
      const access = await cipher.decrypt(row.accessToken, account.id);
      const refresh = await cipher.decrypt(row.refreshToken, account.id);
      // They are the real tokens: Zoom accepts the access token…
      expect((await fetch(`${t.fake.apiBase}/users/me`, { headers: { authorization: `Bearer ${access}` } })).status).toBe(200);
      // …and neither appears in the stored row, which another key (or another account's AAD) cannot open.
      const stored = JSON.stringify(row);
      expect(stored).not.toContain(access);
      expect(stored).not.toContain(refresh);
      const other = await createTokenCipher(generateTokenKey());
      await expect(other.decrypt(row.accessToken, account.id)).rejects.toThrow();
      await expect(cipher.decrypt(row.accessToken, 'another-account')).rejects.toThrow();
    });

    it('start URLs (they carry the zak host token) are sealed at rest; the owner still gets them over HTTP (R18, R27)', async () => {
      const t = await setup({ sessions: 3 });
      const account = await t.connect();
      await t.a.work();
      const rows = await t.meetingsOf(account.id);
      expect(rows).toHaveLength(3);
      const owner = await t.sessions();
      for (const row of rows) {
        const made = t.fake.getMeeting(row.zoomMeetingId!)!;
        expect(made.startUrl).toContain('zak=');
        // The stored row (the raw column in PGlite and PostgreSQL) holds neither the URL nor its token.
        expect(JSON.stringify(row)).not.toContain(made.startUrl);
        expect(JSON.stringify(row)).not.toContain('zak=');
        expect(row.startUrl).toMatch(/^v1\./);
        const served = owner.find((s) => s.session.id === row.sessionId);
        expect(served.resolution.link.hostUrl).toBe(made.startUrl);
      }
      // Bound to its meeting: the sealed value copied onto another row does not open there; it is dropped, never shown sealed.
      const [first, second] = rows as [(typeof rows)[number], (typeof rows)[number]];
      await t.stores.store.transaction((tx) => tx.updateMeeting(SITE, account.id, second.sessionId, { startUrl: first.startUrl }));
      const moved = await t.a.owner('GET', `/sites/${SITE}/sessions/${second.sessionId}`);
      expect(moved.body.resolution.status).toBe('linked');
      expect(moved.body.resolution.link.hostUrl).toBeUndefined();
    });

    it('a start URL stored before sealing existed reads as before and is sealed on the meeting’s next write (R27)', async () => {
      const t = await setup({ sessions: 1 });
      const account = await t.connect();
      await t.a.work();
      const [row] = await t.meetingsOf(account.id);
      const plain = t.fake.getMeeting(row!.zoomMeetingId!)!.startUrl;
      await t.stores.store.transaction((tx) => tx.updateMeeting(SITE, account.id, row!.sessionId, { startUrl: plain }));
      expect((await t.a.owner('GET', `/sites/${SITE}/sessions/${row!.sessionId}`)).body.resolution.link.hostUrl).toBe(plain);
      // The session moves: the worker updates the meeting at Zoom, and seals the start URL with that write.
      const start = Date.parse(row!.start) + HOUR;
      await t.a.sync('PUT', `/sessions/${row!.sessionId}`, {
        serviceId: 'svc-yoga',
        staffId: 'st-anna',
        start: new Date(start).toISOString(),
        end: new Date(start + HOUR).toISOString(),
      });
      expect(await t.a.work()).toMatchObject({ updated: 1, failed: 0 });
      const [after] = await t.meetingsOf(account.id);
      expect(after!.startUrl).toMatch(/^v1\./);
      expect(JSON.stringify(after)).not.toContain('zak=');
      expect((await t.a.owner('GET', `/sites/${SITE}/sessions/${row!.sessionId}`)).body.resolution.link.hostUrl).toBe(plain);
    });

    it('refuses to start on a missing or malformed Zoom variable, naming it', async () => {
      const t = await setup({ sessions: 0 });
      const make = (patch: Partial<ZoomSettings>) => () =>
        createHandler({ store: t.stores.store, authenticate: async () => null, zoomConfig: { ...t.settings, ...patch } });
      expect(make({ clientId: '' })).toThrow(/ZOOM_CLIENT_ID/);
      expect(make({ tokenKey: 'short' })).toThrow(/SESSION_LINKS_TOKEN_KEY/);
      expect(make({ redirectUri: `${APP}/elsewhere/zoom/callback` })).toThrow(/ZOOM_REDIRECT_URI/);
      expect(make({ apiBase: 'http://api.example/v2' })).toThrow(/ZOOM_API_BASE/);
      expect(make({})).not.toThrow();
    });
  });
}
