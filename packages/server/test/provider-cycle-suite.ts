import type { ConnectedProvider } from '@session-links/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler, type ProviderGateway, type ProviderTokens, runMeetingWorker, type Store, SYNC_SECRET_HEADER } from '../src';

// Answers are checked field by field; a loose type keeps that readable.
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the answers under test
type Json = any;

export interface CycleStores {
  store: Store;
  /** Another store on the same data, as a second server instance would open it (PostgreSQL: another pool). Default: `store`. */
  twin?: () => Promise<Store>;
}

/** A meeting as the provider's fake holds it, in the suite's terms. */
export interface FakeProviderMeeting {
  id: string;
  joinUrl: string;
  /** ISO, UTC. */
  start: string;
  durationMinutes: number;
  topic: string;
}

/**
 * One provider's loopback fake, as the cycle suite drives it (R31): the Google Meet and Teams
 * helpers each write one factory and a test file per store that runs the suite with it.
 */
export interface ProviderFake {
  provider: ConnectedProvider;
  /** The path of the provider's callback under the handler's base path (`/zoom/callback`). */
  callbackPath: string;
  /** The handler's gateway for this fake, with its tokens (sealed with `tokenKey`). */
  runtime: { gateway: ProviderGateway; tokens: ProviderTokens };
  /** The user the consent page connects. */
  user: { email: string; name: string };
  /**
   * The consent page, answered: given the authorize URL the server made, the URL the provider
   * sends the popup back to (the server's callback with `code` and `state`, or `error`).
   */
  consent(authorizeUrl: string, decision: 'allow' | 'deny'): Promise<string>;
  /** The meetings the provider holds now. */
  meetings(): FakeProviderMeeting[];
  /** Calls the fake answered so far. */
  calls(): { codeExchanges: number; refreshes: number; creates: number; updates: number; deletes: number };
  /** The next refresh is refused as the provider refuses a dead grant (`invalid_grant`, `AADSTS700082`…). */
  refuseNextRefresh(): void;
  /** How long an access token lives, in ms: the suite moves its clock past it to force a refresh. */
  accessTokenLifetimeMs: number;
  close(): Promise<void>;
}

/**
 * What a factory is given: the suite's clock, where the handler is mounted (the app registers
 * `${apiBase}${callbackPath}` as its redirect URI), the key tokens are sealed with.
 */
export interface ProviderFakeContext {
  now: () => number;
  apiBase: string;
  tokenKey: string;
}

export type ProviderFakeFactory = (context: ProviderFakeContext) => Promise<ProviderFake>;

const NOW = Date.parse('2030-03-04T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE_PATH = '/api/session-links';
const APP = 'https://app.example';
const WIDGET = 'https://widget.example';
const SITE = 'site-cycle';
const SYNC_SECRET = 'sync-secret-for-cycle-tests';
const TOKEN_KEY = 'Y3ljbGUtc3VpdGUtdG9rZW4ta2V5LTMyLWJ5dGVzISE=';

/**
 * How a provider runs it: a factory for its fake (see `zoom-cycle-fake.ts`), then one call per
 * store, as `zoom-memory.test.ts`, `zoom-pglite.test.ts` and `zoom-pg.test.ts` do for Zoom:
 *
 * ```ts
 * providerCycleSuite('Google Meet, memory store', async () => ({ store: createMemoryStore() }), googleCycleFake);
 * ```
 *
 * The connect → meetings → move → refresh → expiry → reconnect cycle (R14, R17, R19, R22,
 * R23, R31) of one provider, through HTTP (`createHandler`) against a real store and the
 * provider's fake on loopback. The same assertions for every provider.
 */
export function providerCycleSuite(
  name: string,
  open: () => Promise<CycleStores>,
  factory: ProviderFakeFactory,
  options: { timeoutMs?: number } = {},
): void {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(sessionCount = 6, spacing = DAY) {
    const clock = { ms: NOW };
    const stores = await open();
    cleanups.push(() => stores.store.close());
    const fake = await factory({ now: () => clock.ms, apiBase: `${APP}${BASE_PATH}`, tokenKey: TOKEN_KEY });
    cleanups.push(() => fake.close());
    const handler = createHandler({
      store: stores.store,
      providers: [fake.runtime],
      now: () => new Date(clock.ms),
      sync: { secret: SYNC_SECRET },
      allowedOrigins: [WIDGET],
      authenticate: async (request) => {
        const auth = request.headers.get('authorization') ?? '';
        return auth.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
      },
    });
    const owner = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
      const headers = new Headers({ origin: WIDGET, authorization: 'Bearer dev:owner' });
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
    /** Worker runs until nothing is due now (a provider still making a meeting is looked at again, later). */
    const work = async () => {
      const total = { created: 0, updated: 0, deleted: 0, failed: 0 };
      for (let i = 0; i < 20; i++) {
        const r = await runMeetingWorker(stores.store, { [fake.provider]: fake.runtime }, new Date(clock.ms));
        total.created += r.created + (r.adopted ?? 0);
        total.updated += r.updated;
        total.deleted += r.deleted;
        total.failed += r.failed;
        if (r.created + r.updated + r.deleted + r.failed + (r.adopted ?? 0) === 0) break;
        clock.ms += 10_000;
      }
      return total;
    };

    await sync('PUT', '', { name: 'Cycle studio', plan: { id: 'pro', name: 'Pro', includesOnlineSessions: true } });
    await sync('PUT', '/members/owner', { name: 'Olivia Owner', role: 'owner', staffId: null });
    await sync('PUT', '/staff/st-anna', { name: 'Anna', email: 'anna@studio.example' });
    await sync('PUT', '/services/svc-yoga', { name: 'Yoga', kind: 'class', online: true });
    for (let i = 0; i < sessionCount; i++) {
      const start = NOW + DAY + i * spacing; // a day ahead: runs hours later still find every session upcoming (R22 makes no meeting for one that started)
      await sync('PUT', `/sessions/ses-${i}`, {
        serviceId: 'svc-yoga',
        staffId: 'st-anna',
        start: new Date(start).toISOString(),
        end: new Date(start + HOUR).toISOString(),
      });
    }

    /** The popup flow: start, the provider's consent page, the callback page, complete. */
    async function connect() {
      const providers = await owner('GET', `/sites/${SITE}/providers`);
      expect(providers.body).toContainEqual({ provider: fake.provider, configured: true });
      const started = await owner('POST', `/sites/${SITE}/connections`, { provider: fake.provider, target: { type: 'default' } });
      expect(started.status).toBe(200);
      const authorize = new URL(started.body.authorizeUrl);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('state')).toBe(started.body.state);
      const back = new URL(await fake.consent(started.body.authorizeUrl, 'allow'));
      expect(back.pathname).toBe(`${BASE_PATH}${fake.callbackPath}`);
      const page = await handler(new Request(back));
      expect(page.status).toBe(200);
      const html = await page.text();
      const posted = JSON.parse(/var d=(.*?);if\(window\.opener\)/.exec(html)?.[1] ?? 'null');
      expect(posted).toMatchObject({ origin: WIDGET, message: { outcome: 'allow', state: started.body.state } });
      const version = (await owner('GET', `/sites/${SITE}/settings`)).body.version;
      const done = await owner('POST', `/sites/${SITE}/connections/complete`, {
        state: posted.message.state,
        code: posted.message.code,
        version,
      });
      expect(done.status).toBe(200);
      return done.body.account as { id: string; kind: string; health: string; user: { email: string; name: string } };
    }

    const sessions = async () =>
      (
        await owner(
          'GET',
          `/sites/${SITE}/sessions?from=${encodeURIComponent(new Date(NOW - DAY).toISOString())}&to=${encodeURIComponent(new Date(NOW + 30 * DAY).toISOString())}`,
        )
      ).body as Json[];
    const settings = async () => (await owner('GET', `/sites/${SITE}/settings`)).body;
    return { clock, fake, stores, owner, sync, work, connect, sessions, settings };
  }

  describe(`provider cycle (${name})`, { timeout: options.timeoutMs ?? 30_000 }, () => {
    it('refresh race: access token expired, 20 concurrent meeting runs on two server instances → exactly one refresh, all made (R23)', async () => {
      const t = await setup(20, 12 * HOUR);
      await t.connect();
      t.clock.ms += t.fake.accessTokenLifetimeMs + HOUR; // the access token has expired
      const twin = t.stores.twin ? await t.stores.twin() : t.stores.store;
      const runtimes = { [t.fake.provider]: t.fake.runtime };
      const runs = Array.from({ length: 20 }, (_, i) =>
        runMeetingWorker(i % 2 === 0 ? t.stores.store : twin, runtimes, new Date(t.clock.ms), { limit: 1 }),
      );
      const results = await Promise.all(runs);
      expect(t.fake.calls().refreshes).toBe(1);
      expect(results.reduce((n, r) => n + r.created + (r.adopted ?? 0), 0)).toBe(20);
      expect(results.every((r) => r.failed === 0)).toBe(true);
      expect(t.fake.calls().creates).toBe(20);
      expect((await t.settings()).defaultAccount.health).toBe('connected');
    });

    it('connect → meetings → move → refresh → expiry → reconnect, through the popup flow and the worker (R31)', async () => {
      const t = await setup();
      const account = await t.connect();
      expect(account).toMatchObject({ kind: t.fake.provider, health: 'connected', user: t.fake.user });
      expect(t.fake.calls().codeExchanges).toBe(1);
      // Sealed at rest (R23, R31): the store holds the cipher's `v1.` texts, never the provider's tokens.
      const stored = await t.stores.store.transaction((tx) => tx.getTokens(account.id));
      expect(stored?.accessToken).toMatch(/^v1\./);
      expect(stored?.refreshToken).toMatch(/^v1\./);

      // No meeting during a write or a read: pending until the worker runs.
      expect(t.fake.calls().creates).toBe(0);
      expect((await t.sessions()).every((s) => s.resolution.reason === 'PROVIDER_MEETING_PENDING')).toBe(true);
      expect((await t.sessions())[0].resolution.provider).toBe(t.fake.provider);

      // Meetings: one per session, distinct, and none more on another run.
      await t.work();
      expect(await t.work()).toMatchObject({ created: 0, failed: 0 });
      const made = t.fake.meetings();
      expect(made).toHaveLength(6);
      const linked = (await t.sessions()).filter((s) => s.resolution.status === 'linked');
      expect(linked).toHaveLength(6);
      expect(new Set(linked.map((s) => s.resolution.link.guestUrl)).size).toBe(6);
      for (const s of linked) {
        expect(s.resolution.link.provider).toBe(t.fake.provider);
        const meeting = made.find((m) => m.id === s.resolution.link.meetingId);
        expect(meeting).toBeDefined();
        expect(Date.parse(meeting!.start)).toBe(Date.parse(s.session.start));
        expect(meeting!.durationMinutes).toBe(60);
        expect(meeting!.topic).toBe('Yoga');
        expect(s.resolution.link.guestUrl).toBe(meeting!.joinUrl);
      }

      // Move + refresh: past the access token's life, a moved session's meeting is updated in place (never a new one).
      t.clock.ms += t.fake.accessTokenLifetimeMs + HOUR;
      const moved = linked.find((s) => s.session.id === 'ses-3')!;
      const newStart = Date.parse(moved.session.start) + 2 * HOUR;
      await t.sync('PUT', '/sessions/ses-3', {
        serviceId: 'svc-yoga',
        staffId: 'st-anna',
        start: new Date(newStart).toISOString(),
        end: new Date(newStart + 90 * 60_000).toISOString(),
      });
      expect(await t.work()).toMatchObject({ updated: 1, created: 0, failed: 0 });
      expect(t.fake.calls().refreshes).toBe(1);
      expect(t.fake.calls().creates).toBe(6);
      const patched = t.fake.meetings().find((m) => m.id === moved.resolution.link.meetingId)!;
      expect(Date.parse(patched.start)).toBe(newStart);
      expect(patched.durationMinutes).toBe(90);
      expect(t.fake.meetings()).toHaveLength(6);

      // Expiry: the provider refuses the refresh → `expired` at once, visible in getSettings; no silent fallback.
      t.clock.ms += t.fake.accessTokenLifetimeMs + HOUR;
      t.fake.refuseNextRefresh();
      await t.sync('PUT', '/sessions/ses-4', {
        serviceId: 'svc-yoga',
        staffId: 'st-anna',
        start: new Date(NOW + HOUR + 4 * DAY + HOUR).toISOString(),
        end: new Date(NOW + HOUR + 4 * DAY + 2 * HOUR).toISOString(),
      });
      const failed = await t.work();
      expect(failed.updated).toBe(0);
      expect((await t.settings()).defaultAccount).toMatchObject({ id: account.id, health: 'expired' });
      expect(await t.stores.store.transaction((tx) => tx.getTokens(account.id))).toBeNull();

      // Reconnect: a new account, a new meeting for every session still to come.
      const again = await t.connect();
      expect(again.id).not.toBe(account.id);
      await t.work();
      const upcoming = (await t.sessions()).filter((s) => Date.parse(s.session.start) >= t.clock.ms);
      expect(upcoming.length).toBeGreaterThan(0);
      for (const s of upcoming) expect(s.resolution).toMatchObject({ status: 'linked', accountId: again.id });
    });
  });
}
