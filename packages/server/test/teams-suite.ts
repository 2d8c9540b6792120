import { afterEach, describe, expect, it } from 'vitest';
import { createHandler, runMeetingWorker, type Store, SYNC_SECRET_HEADER } from '../src';
import type { TeamsIntegration } from '../src/providers/microsoft/connect';
import { type FakeMicrosoft, startFakeMicrosoft } from '../src/testing';
import { TEAMS_PERSONAL_USER, TEAMS_WORK_USER, teamsConsent, teamsIntegrationFor } from './teams-cycle-fake';

// Answers are checked field by field; a loose type keeps that readable.
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the answers under test
type Json = any;

export interface TeamsSuiteStores {
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
const SITE = 'site-teams';
const SYNC_SECRET = 'sync-secret-for-teams-tests';
const TOKEN_KEY = 'dGVhbXMtc3VpdGUtdG9rZW4ta2V5LTMyLWJ5dGVzISE=';

/**
 * What is Teams' own beyond the provider cycle (R23, R31), through HTTP (`createHandler`)
 * against a real store and the fake Microsoft on loopback: the refresh race on two server
 * instances — Microsoft rotates refresh tokens, so a second refresh of one account would spend
 * a token the other instance already replaced — and a personal account's refusal.
 */
export function teamsSuite(name: string, open: () => Promise<TeamsSuiteStores>, options: { timeoutMs?: number } = {}): void {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(o: { sessions: number; spacingMs: number; tenant?: string }) {
    const clock = { ms: NOW };
    const fake: FakeMicrosoft = await startFakeMicrosoft({ now: () => clock.ms, users: [TEAMS_WORK_USER, TEAMS_PERSONAL_USER] });
    cleanups.push(() => fake.close());
    const stores = await open();
    cleanups.push(() => stores.store.close());
    const context = { now: () => clock.ms, apiBase: `${APP}${BASE_PATH}`, tokenKey: TOKEN_KEY };

    /** One server instance: its own handler, Microsoft client and token manager over `store`. */
    function instance(store: Store) {
      // The tenant the app signs in to: `common` lets a personal account in (and be refused later).
      const teams: TeamsIntegration = teamsIntegrationFor(fake, context, o.tenant);
      const handler = createHandler({
        store,
        providers: [{ gateway: teams.gateway, tokens: teams.tokens }],
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
      const work = (limit?: number) =>
        runMeetingWorker(store, { teams: { gateway: teams.gateway, tokens: teams.tokens } }, new Date(clock.ms), { limit });
      return { teams, handler, owner, sync, work };
    }

    const a = instance(stores.store);
    await a.sync('PUT', '', { name: 'Teams studio', plan: { id: 'pro', name: 'Pro', includesOnlineSessions: true } });
    await a.sync('PUT', '/members/owner', { name: 'Olivia Owner', role: 'owner', staffId: null });
    await a.sync('PUT', '/staff/st-anna', { name: 'Anna', email: 'anna@studio.example' });
    await a.sync('PUT', '/services/svc-yoga', { name: 'Yoga', kind: 'class', online: true });
    for (let i = 0; i < o.sessions; i++) {
      const start = NOW + DAY + i * o.spacingMs; // a day ahead: runs hours later still find every session upcoming (R22)
      await a.sync('PUT', `/sessions/ses-${String(i).padStart(2, '0')}`, {
        serviceId: 'svc-yoga',
        staffId: 'st-anna',
        start: new Date(start).toISOString(),
        end: new Date(start + HOUR).toISOString(),
      });
    }

    /** The popup flow on instance `inst`: start, Microsoft's consent page (as `userId`), the callback page, complete. */
    async function connect(inst = a, userId = TEAMS_WORK_USER.id) {
      const started = await inst.owner('POST', `/sites/${SITE}/connections`, { provider: 'teams', target: { type: 'default' } });
      expect(started.status).toBe(200);
      const back = await teamsConsent(fake, started.body.authorizeUrl, 'allow', userId);
      const page = await inst.handler(new Request(back));
      const posted = JSON.parse(/var d=(.*?);if\(window\.opener\)/.exec(await page.text())?.[1] ?? 'null');
      const version = (await inst.owner('GET', `/sites/${SITE}/settings`)).body.version;
      const done = await inst.owner('POST', `/sites/${SITE}/connections/complete`, {
        state: posted.message.state,
        code: posted.message.code,
        version,
      });
      expect(done.status).toBe(200);
      return done.body.account as { id: string; kind: string; health: string };
    }

    const settings = async () => (await a.owner('GET', `/sites/${SITE}/settings`)).body;
    return { clock, fake, stores, instance, a, connect, settings };
  }

  describe(`Teams (${name})`, { timeout: options.timeoutMs ?? 30_000 }, () => {
    it('refresh race: access token expired, 20 concurrent operations on two server instances → exactly one refresh at Microsoft, all succeed', async () => {
      const t = await setup({ sessions: 20, spacingMs: 12 * HOUR });
      const account = await t.connect();
      expect(account).toMatchObject({ kind: 'teams', health: 'connected' });
      t.clock.ms += 2 * HOUR; // the access token has expired
      const b = t.instance(await t.stores.twin());
      const runs = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? t.a : b).work(1));
      const results = await Promise.all(runs);
      expect(t.fake.calls.token.refresh).toBe(1);
      // The fake refuses a redeemed refresh token: a second refresh would have shown here as a 400.
      expect(t.fake.calls.log.filter((c) => c.path.endsWith('/oauth2/v2.0/token') && c.status !== 200)).toEqual([]);
      expect(results.reduce((n, r) => n + r.created, 0)).toBe(20);
      expect(results.every((r) => r.failed === 0)).toBe(true);
      expect(t.fake.meetings()).toHaveLength(20);
      expect(new Set(t.fake.meetings().map((m) => m.externalId)).size).toBe(20);
      expect((await t.settings()).defaultAccount).toMatchObject({ id: account.id, health: 'connected' });
    });

    it('a personal Microsoft account connects, its first meeting is refused once: the account shows an error, and Microsoft is not asked again in a loop', async () => {
      const t = await setup({ sessions: 6, spacingMs: DAY, tenant: 'common' });
      const common = t.instance(t.stores.store);
      // Signed in with `common`, a personal account gets through the consent page.
      const account = await t.connect(common, TEAMS_PERSONAL_USER.id);
      expect(account).toMatchObject({ kind: 'teams', health: 'connected' });
      const first = await common.work();
      expect(first.created).toBe(0);
      expect(t.fake.calls.meetings.createOrGet).toBe(1); // the account's other rows wait: no call for each
      expect(t.fake.meetings()).toHaveLength(0);
      expect((await t.settings()).defaultAccount).toMatchObject({ id: account.id, health: 'error' });
      for (let i = 0; i < 5; i++) {
        t.clock.ms += 10 * 60_000;
        await common.work();
      }
      expect(t.fake.calls.meetings.createOrGet).toBe(1);
    });

    it("a create whose answer was lost, then the session started before the next run: the meeting Microsoft made is the session's, never left at Microsoft unowned (R22)", async () => {
      const t = await setup({ sessions: 1, spacingMs: DAY });
      await t.connect();
      // Graph makes the meeting, then the connection is cut before its answer (each retry too).
      t.fake.switches.cutCreateResponses = 100;
      const first = await t.a.work();
      expect(first).toMatchObject({ created: 0, failed: 1 });
      expect(t.fake.meetings()).toHaveLength(1);
      t.fake.switches.cutCreateResponses = 0;
      // No run until the session had started (the worker was down).
      t.clock.ms += DAY + 10 * 60_000;
      await t.a.work();
      // Graph cannot look a meeting up by its key without making it: the one it made is the session's link.
      const made = t.fake.meetings();
      expect(made).toHaveLength(1);
      const session = (await t.a.owner('GET', `/sites/${SITE}/sessions/ses-00`)).body;
      expect(session.resolution).toMatchObject({ status: 'linked', link: { guestUrl: made[0]?.joinWebUrl } });
    });

    it('a create whose answer was lost, then the host deleted the session: the meeting Microsoft made is deleted there too (R22)', async () => {
      const t = await setup({ sessions: 1, spacingMs: DAY });
      await t.connect();
      t.fake.switches.cutCreateResponses = 100;
      expect(await t.a.work()).toMatchObject({ created: 0, failed: 1 });
      expect(t.fake.meetings()).toHaveLength(1);
      t.fake.switches.cutCreateResponses = 0;
      await t.a.sync('DELETE', '/sessions/ses-00');
      t.clock.ms += 10 * 60_000;
      await t.a.work();
      expect(t.fake.meetings()).toEqual([]);
    });
  });
}
