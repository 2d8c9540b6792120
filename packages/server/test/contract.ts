import { defaultTemplate, type RouteName, routes } from '@session-links/core';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHandler,
  hasSiteRevision,
  hasStoreNotices,
  type OnLinkChanges,
  runMeetingWorker,
  type Store,
  type StoreNotices,
  type StoreTx,
  SYNC_SECRET_HEADER,
} from '../src';
import { plainNoticeRender, runDelivery, TransportError } from '../src/notices';
import { createFakeZoomGateway, MAIN_SITE, SCENARIOS, type ScenarioName, SECOND_SITE, seedScenario } from '../src/testing';

// Answers are checked field by field against what the contract says; a loose type keeps that readable.
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the answers under test
type Json = any;

/**
 * The HTTP contract of @session-links/server, run against one kind of store.
 * `makeStore` returns an EMPTY store (the suite seeds it with a scenario through the
 * Store interface) and the suite calls `close()` on it when a test ends.
 */
export function contractSuite(name: string, makeStore: () => Promise<Store>): void {
  const NOW = new Date('2030-03-04T12:00:00Z');
  const BASE = 'http://host.example/api/session-links';
  const SECRET = 'sync-secret-for-tests';
  const stores: Store[] = [];

  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  interface Harness {
    store: Store;
    zoom: ReturnType<typeof createFakeZoomGateway>;
    clock: { now: Date };
    /** Fails the next call of this StoreTx method with a database-like error. */
    faults: { next: string | null };
    errors: { requestId: string }[];
    call: (
      user: string | null,
      method: string,
      path: string,
      body?: unknown,
      init?: RequestInit,
    ) => Promise<{ status: number; body: Json }>;
    owner: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Json }>;
    sync: (method: string, path: string, body?: unknown, secret?: string) => Promise<{ status: number; body: Json }>;
    /** R29: the store's outbox, as the delivery worker sees it. */
    notices: StoreNotices;
  }

  async function start(
    scenarioName: ScenarioName = 'zoom-default',
    options: {
      meetings?: 'worker' | 'inline';
      limited?: boolean;
      zoomConfigured?: false;
      onLinkChanges?: OnLinkChanges;
      /** Answers of the fake Zoom about a new meeting that say it is still being made. */
      pendingReads?: number;
    } = {},
  ) {
    const raw = await makeStore();
    stores.push(raw);
    const zoom = createFakeZoomGateway({ zoomEmailOf: (u) => `${u}@zoom.example`, pendingReads: options.pendingReads });
    await raw.transaction(seedScenario(scenarioName, { zoom, now: NOW }));
    const faults = { next: null as string | null };
    const wrap = (tx: StoreTx): StoreTx =>
      new Proxy(tx, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (faults.next === key) {
              faults.next = null;
              return Promise.reject(new Error('connection to the database lost (injected)'));
            }
            return value.apply(target, args);
          };
        },
      });
    const store: Store = { transaction: (fn) => raw.transaction((tx) => fn(wrap(tx))), close: () => raw.close() };
    // The read cache stays on (the default): every contract test also checks it is never stale.
    if (hasSiteRevision(raw)) Object.assign(store, { siteRevision: raw.siteRevision.bind(raw) });
    // R29: notices go to the store's own outbox, as they do for a host (createHandler's default).
    if (!hasStoreNotices(raw)) throw new Error('the contract suite needs a store with its own outbox (R29)');
    Object.assign(store, { notices: raw.notices });
    const clock = { now: NOW };
    const errors: { requestId: string }[] = [];
    const handler = createHandler({
      store,
      // Mounted as the README shows, without Zoom: not configured (R27); otherwise the fake, by name.
      zoom: options.zoomConfigured === false ? undefined : zoom,
      now: () => clock.now,
      meetings: options.meetings ?? 'worker',
      sync: { secret: SECRET },
      authenticate: async (request) => {
        const auth = request.headers.get('authorization') ?? '';
        return auth.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
      },
      rateLimit: options.limited ? async () => ({ retryAfter: 30 }) : undefined,
      onError: (_error, info) => errors.push(info),
      ...(options.onLinkChanges ? { onLinkChanges: options.onLinkChanges } : {}),
    });
    const call: Harness['call'] = async (user, method, path, body, init = {}) => {
      const headers = new Headers(init.headers);
      if (user) headers.set('authorization', `Bearer dev:${user}`);
      if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
      const res = await handler(
        new Request(`${BASE}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        }),
      );
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const h: Harness = {
      store: raw,
      zoom,
      clock,
      faults,
      errors,
      call,
      owner: (method, path, body) => call('owner', method, path, body),
      sync: (method, path, body, secret = SECRET) =>
        handler(
          new Request(`${BASE}/sync${path}`, {
            method,
            headers: { 'content-type': 'application/json', [SYNC_SECRET_HEADER]: secret },
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
        ).then(async (res) => ({ status: res.status, body: await res.json() })),
      notices: raw.notices,
    };
    return h;
  }

  const S = `/sites/${MAIN_SITE}`;
  const range = `from=${encodeURIComponent('2030-02-01T00:00:00Z')}&to=${encodeURIComponent('2030-04-01T00:00:00Z')}`;
  const settingsVersion = async (h: Harness) => (await h.owner('GET', `${S}/settings`)).body.version as number;
  /** The owner connects Olivia's Zoom as the default through the popup flow's two calls; the completion's answer. */
  const connectZoomDefault = async (h: Harness) => {
    const started = await h.owner('POST', `${S}/connections`, { provider: 'zoom', target: { type: 'default' } });
    const done = await h.owner('POST', `${S}/connections/complete`, {
      state: started.body.state,
      code: 'allow:olivia@zoom.example',
      version: await settingsVersion(h),
    });
    expect(done.status).toBe(200);
    return done;
  };
  const staffVersion = async (h: Harness, id: string) =>
    ((await h.owner('GET', `${S}/staff`)).body as { id: string; version: number }[]).find((s) => s.id === id)!.version;
  const sessionVersion = async (h: Harness, id: string) => (await h.owner('GET', `${S}/sessions/${id}`)).body.session.version as number;
  const videoVersion = async (h: Harness, serviceId: string) =>
    (await h.owner('GET', `${S}/services/${serviceId}/video`)).body.version as number;
  const templateVersion = async (h: Harness) =>
    (await h.owner('GET', `${S}/automations/booking-confirmation/template`)).body.version as number;
  /** Everything the owner can read: a refusal must leave it exactly as it was. */
  const everything = async (h: Harness) =>
    JSON.stringify(
      await Promise.all([
        h.owner('GET', `${S}/settings`),
        h.owner('GET', `${S}/staff`),
        h.owner('GET', `${S}/services`),
        h.owner('GET', `${S}/sessions?${range}`),
        h.owner('GET', `${S}/courses/pottery/link`),
        h.owner('GET', `${S}/automations`),
        h.owner('GET', `${S}/automations/booking-confirmation/template`),
      ]),
    );

  /** A valid request for every operation of the contract, as the owner would send it. */
  const requests: { [N in RouteName]: (h: Harness) => Promise<[string, string, unknown?]> } = {
    getMe: async () => ['GET', `${S}/me`],
    getSettings: async () => ['GET', `${S}/settings`],
    setNoticePolicy: async (h) => ['PUT', `${S}/settings/notices`, { policy: 'review', version: await settingsVersion(h) }],
    setDefaultCustomLink: async (h) => [
      'PUT',
      `${S}/settings/default-account`,
      { link: { url: 'https://meet.google.com/new-room' }, version: await settingsVersion(h) },
    ],
    disconnectDefault: async (h) => ['POST', `${S}/settings/default-account/disconnect`, { version: await settingsVersion(h) }],
    listProviders: async () => ['GET', `${S}/providers`],
    startConnection: async () => ['POST', `${S}/connections`, { provider: 'zoom', target: { type: 'default' } }],
    completeConnection: async (h) => {
      const started = await h.owner('POST', `${S}/connections`, { provider: 'zoom', target: { type: 'default' } });
      return [
        'POST',
        `${S}/connections/complete`,
        { state: started.body.state, code: 'allow:olivia@zoom.example', version: await settingsVersion(h) },
      ];
    },
    previewImpact: async () => ['POST', `${S}/impact`, { type: 'disconnect-default' }],
    listStaff: async () => ['GET', `${S}/staff`],
    setStaffCustomLink: async (h) => [
      'PUT',
      `${S}/staff/chris/account`,
      { link: { url: 'https://whereby.com/chris' }, version: await staffVersion(h, 'chris') },
    ],
    removeStaffAccount: async (h) => ['POST', `${S}/staff/bram/account/remove`, { version: await staffVersion(h, 'bram') }],
    listServices: async () => ['GET', `${S}/services`],
    getServiceVideo: async () => ['GET', `${S}/services/massage/video`],
    setServiceVideo: async (h) => ['PUT', `${S}/services/massage/video`, { online: true, version: await videoVersion(h, 'massage') }],
    listSessions: async () => ['GET', `${S}/sessions?${range}`],
    getSession: async () => ['GET', `${S}/sessions/yoga-1`],
    getSessionLinkHistory: async () => ['GET', `${S}/sessions/yoga-1/history?limit=5`],
    setSessionLink: async (h) => [
      'PUT',
      `${S}/sessions/yoga-1/link`,
      { change: { kind: 'removed' }, version: await sessionVersion(h, 'yoga-1') },
    ],
    getCourseLink: async () => ['GET', `${S}/courses/pottery/link`],
    setCourseLink: async () => ['PUT', `${S}/courses/pottery/link`, { link: { url: 'https://whereby.com/pottery' }, version: 0 }],
    listNotices: async () => ['GET', `${S}/notices?sessionId=yoga-1`],
    sendNotices: async () => ['POST', `${S}/notices/send`, { ids: ['no-such-notice'] }],
    listAutomations: async () => ['GET', `${S}/automations`],
    getTemplate: async () => ['GET', `${S}/automations/booking-confirmation/template`],
    saveTemplate: async (h) => [
      'PUT',
      `${S}/automations/booking-confirmation/template`,
      { subject: 'Booked', body: 'See you', joinOnline: { elements: ['join-link'] }, version: await templateVersion(h) },
    ],
    resetTemplate: async (h) => ['POST', `${S}/automations/booking-confirmation/template/reset`, { version: await templateVersion(h) }],
    renderBookingEmail: async () => ['POST', `${S}/bookings/b-2/emails/booking-confirmation`, { timeZone: 'Europe/Amsterdam' }],
  };

  describe(`server contract (${name})`, () => {
    describe('every operation answers what the contract says', () => {
      it.each(Object.keys(routes) as RouteName[])('%s', async (op) => {
        const h = await start();
        const [method, path, body] = await requests[op](h);
        const res = await h.owner(method, path, body);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(routes[op].response.safeParse(res.body).success).toBe(true);
      });
    });

    describe('every error code', () => {
      it('UNAUTHORIZED (401) without an identity, before anything else', async () => {
        const h = await start();
        const res = await h.call(null, 'GET', `${S}/settings`);
        expect(res).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
      });
      it('RATE_LIMITED (429) with retryAfter when the host limiter says so', async () => {
        const h = await start('zoom-default', { limited: true });
        expect(await h.owner('GET', `${S}/settings`)).toMatchObject({
          status: 429,
          body: { error: { code: 'RATE_LIMITED', retryAfter: 30 } },
        });
      });
      it('NOT_FOUND (404) for an unknown route, session, service, staff member and automation, with the error body', async () => {
        const h = await start();
        for (const [method, path] of [
          ['GET', '/nope'],
          ['DELETE', `${S}/settings`],
          ['GET', `${S}/sessions/nope`],
          ['GET', `${S}/courses/nope/link`],
          ['GET', `${S}/automations/nope/template`],
        ] as const) {
          const res = await h.owner(method, path);
          expect(res, `${method} ${path}`).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
        }
        expect(await h.owner('PUT', `${S}/staff/nobody/account`, { link: { url: 'https://whereby.com/x' }, version: 0 })).toMatchObject({
          status: 404,
        });
      });
      it('FORBIDDEN (403) for a user who is not a member of the site, and the same answer for a site that does not exist (no enumeration)', async () => {
        const h = await start();
        const existing = await h.call('stranger', 'GET', `${S}/settings`);
        expect(existing).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
        for (const [method, path, body] of [
          ['GET', '/sites/elsewhere/settings'],
          ['GET', '/sites/elsewhere/me'],
          ['GET', `/sites/elsewhere/sessions?${range}`],
          ['PUT', '/sites/elsewhere/settings/default-account', { link: { url: 'https://whereby.com/x' }, version: 0 }],
        ] as const) {
          const missing = await h.call('stranger', method, path, body);
          expect(missing, `${method} ${path}`).toEqual({ status: existing.status, body: existing.body });
          expect(await h.owner(method, path, body), `${method} ${path} as the owner of another site`).toEqual(missing);
        }
        expect(await h.call('stranger', 'GET', `${S}/me`)).toEqual(await h.call('stranger', 'GET', '/sites/elsewhere/me'));
      });
      it('VALIDATION (422) with field errors for a body or query the core schemas refuse; nothing stored', async () => {
        const h = await start();
        const before = await everything(h);
        const bad = await h.owner('PUT', `${S}/settings/default-account`, { link: { url: 'javascript:alert(1)' }, version: 1 });
        expect(bad).toMatchObject({ status: 422, body: { error: { code: 'VALIDATION', fields: { 'link.url': ['url.scheme'] } } } });
        const query = await h.owner('GET', `${S}/sessions?from=yesterday`);
        expect(query).toMatchObject({ status: 422, body: { error: { code: 'VALIDATION' } } });
        expect(Object.keys(query.body.error.fields)).toEqual(expect.arrayContaining(['from', 'to']));
        expect(await h.owner('POST', `${S}/impact`, '{"type":')).toMatchObject({ status: 422, body: { error: { code: 'VALIDATION' } } });
        expect(await everything(h)).toBe(before);
      });
      it('415 for a body that is not JSON, 413 for one above 64 kB', async () => {
        const h = await start();
        const notJson = await h.call('owner', 'POST', `${S}/impact`, 'type=disconnect-default', {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect(notJson).toMatchObject({ status: 415, body: { error: { code: 'VALIDATION' } } });
        const big = await h.owner('PUT', `${S}/automations/booking-confirmation/template`, {
          subject: 'x',
          body: 'y'.repeat(70_000),
          joinOnline: { elements: [] },
          version: 1,
        });
        expect(big).toMatchObject({ status: 413, body: { error: { code: 'VALIDATION' } } });
      });
      it('CONFLICT (409) for a stale version; nothing overwritten', async () => {
        const h = await start();
        const version = await settingsVersion(h);
        expect((await h.owner('POST', `${S}/settings/default-account/disconnect`, { version: version - 1 })).status).toBe(409);
        expect((await h.owner('GET', `${S}/settings`)).body).toMatchObject({ version, defaultAccount: { id: 'zoom-studio' } });
        expect((await h.owner('POST', `${S}/settings/default-account/disconnect`, { version })).status).toBe(200);
        const again = await h.owner('POST', `${S}/settings/default-account/disconnect`, { version });
        expect(again).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
      });
      it('PLAN_REQUIRED (402) without a plan', async () => {
        const h = await start('no-plan');
        const res = await h.owner('PUT', `${S}/settings/default-account`, { link: { url: 'https://whereby.com/x' }, version: 0 });
        expect(res).toMatchObject({ status: 402, body: { error: { code: 'PLAN_REQUIRED' } } });
      });
      it('DEFAULT_ACCOUNT_REQUIRED (412) for a staff account while the site has no default (R9)', async () => {
        const h = await start('no-default');
        const res = await h.owner('PUT', `${S}/staff/anna/account`, { link: { url: 'https://whereby.com/x' }, version: 1 });
        expect(res).toMatchObject({ status: 412, body: { error: { code: 'DEFAULT_ACCOUNT_REQUIRED' } } });
        const zoom = await h.call('anna', 'POST', `${S}/connections`, { provider: 'zoom', target: { type: 'staff', staffId: 'anna' } });
        expect(zoom.status).toBe(412);
      });
      it('VALIDATION with a reason for the blockers: course without sessions, not a course, no Zoom account', async () => {
        const h = await start('course-without-sessions');
        expect(await h.owner('PUT', `${S}/courses/pottery/link`, { link: null, version: 0 })).toMatchObject({
          status: 422,
          body: { error: { reason: 'COURSE_HAS_NO_SESSIONS' } },
        });
        expect(await h.owner('PUT', `${S}/courses/yoga/link`, { link: null, version: 0 })).toMatchObject({
          status: 422,
          body: { error: { reason: 'NOT_A_COURSE' } },
        });
        const c = await start('custom-default');
        const res = await c.owner('PUT', `${S}/sessions/coaching-bram-1/link`, {
          change: { kind: 'meeting' },
          version: await sessionVersion(c, 'coaching-bram-1'),
        });
        expect(res).toMatchObject({ status: 422, body: { error: { code: 'VALIDATION', reason: 'NO_MEETING_ACCOUNT' } } });
      });
      it('SERVER (500) for a database error: a request id in the body and the log, no stack, nothing half-written', async () => {
        const h = await start();
        const version = await settingsVersion(h);
        // The write is stored, then the transaction fails while reconciling meetings: all of it must roll back.
        h.faults.next = 'listMeetings';
        const res = await h.owner('PUT', `${S}/settings/default-account`, { link: { url: 'https://whereby.com/x' }, version });
        expect(res.status).toBe(500);
        expect(res.body.error).toMatchObject({ code: 'SERVER', requestId: expect.any(String) });
        expect(JSON.stringify(res.body)).not.toMatch(/injected|at .*\.ts/);
        expect(h.errors.map((e) => e.requestId)).toEqual([res.body.error.requestId]);
        expect((await h.owner('GET', `${S}/settings`)).body).toMatchObject({ version, defaultAccount: { id: 'zoom-studio' } });
      });
    });

    describe('permission matrix (R10): owner and staff member Anna × every write', () => {
      const writes: [string, boolean, (h: Harness) => Promise<[string, string, unknown?]>][] = [
        ['set the default custom link', false, requests.setDefaultCustomLink],
        ['disconnect the default', false, requests.disconnectDefault],
        ['start Zoom for the default', false, requests.startConnection],
        [
          'start Zoom for herself',
          true,
          async () => ['POST', `${S}/connections`, { provider: 'zoom', target: { type: 'staff', staffId: 'anna' } }],
        ],
        [
          'start Zoom for Bram',
          false,
          async () => ['POST', `${S}/connections`, { provider: 'zoom', target: { type: 'staff', staffId: 'bram' } }],
        ],
        ['preview disconnecting the default', false, requests.previewImpact],
        [
          'preview her own account change',
          true,
          async () => ['POST', `${S}/impact`, { type: 'set-staff-account', staffId: 'anna', account: null }],
        ],
        [
          "preview Bram's account change",
          false,
          async () => ['POST', `${S}/impact`, { type: 'set-staff-account', staffId: 'bram', account: null }],
        ],
        [
          'preview removing the link of her own session',
          true,
          async () => ['POST', `${S}/impact`, { type: 'set-session-link', sessionId: 'coaching-anna-1', change: { kind: 'removed' } }],
        ],
        [
          "preview removing the link of Bram's session",
          false,
          async () => ['POST', `${S}/impact`, { type: 'set-session-link', sessionId: 'coaching-bram-1', change: { kind: 'removed' } }],
        ],
        [
          'preview a course link',
          false,
          async () => ['POST', `${S}/impact`, { type: 'set-course-link', serviceId: 'pottery', link: null }],
        ],
        [
          "set Bram's custom link",
          false,
          async (h) => [
            'PUT',
            `${S}/staff/bram/account`,
            { link: { url: 'https://whereby.com/b' }, version: await staffVersion(h, 'bram') },
          ],
        ],
        ["remove Bram's account", false, requests.removeStaffAccount],
        [
          "change Bram's session",
          false,
          async (h) => [
            'PUT',
            `${S}/sessions/coaching-bram-1/link`,
            { change: { kind: 'removed' }, version: await sessionVersion(h, 'coaching-bram-1') },
          ],
        ],
        [
          'change an unassigned session',
          false,
          async (h) => ['PUT', `${S}/sessions/yoga-3/link`, { change: { kind: 'removed' }, version: await sessionVersion(h, 'yoga-3') }],
        ],
        ['set a course link', false, requests.setCourseLink],
        ["switch a service's online sessions on", false, requests.setServiceVideo],
        [
          "preview switching a service's online sessions off",
          false,
          async () => ['POST', `${S}/impact`, { type: 'set-service-online', serviceId: 'yoga', online: false }],
        ],
        ['list automations', false, requests.listAutomations],
        ['read a template', false, requests.getTemplate],
        ['save a template', false, requests.saveTemplate],
        ['reset a template', false, requests.resetTemplate],
        [
          'set her own custom link',
          true,
          async (h) => [
            'PUT',
            `${S}/staff/anna/account`,
            { link: { url: 'https://whereby.com/anna' }, version: await staffVersion(h, 'anna') },
          ],
        ],
        [
          'change her own session',
          true,
          async (h) => [
            'PUT',
            `${S}/sessions/coaching-anna-1/link`,
            { change: { kind: 'removed' }, version: await sessionVersion(h, 'coaching-anna-1') },
          ],
        ],
        [
          'remove her own account',
          true,
          async (h) => ['POST', `${S}/staff/anna/account/remove`, { version: await staffVersion(h, 'anna') }],
        ],
      ];
      it.each(writes)('%s → Anna allowed: %s; the owner always; a refusal changes nothing', async (_name, allowed, make) => {
        const h = await start();
        const before = await everything(h);
        const [method, path, body] = await make(h);
        const res = await h.call('anna', method, path, body);
        if (allowed) expect(res.status, JSON.stringify(res.body)).toBe(200);
        else {
          expect(res).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
          expect(await everything(h)).toBe(before);
        }
        const fresh = await start();
        const [m2, p2, b2] = await make(fresh);
        expect((await fresh.owner(m2, p2, b2)).status).toBe(200);
      });
      it('the role comes from the store, never from the request', async () => {
        const h = await start();
        const res = await h.call(
          'anna',
          'POST',
          `${S}/settings/default-account/disconnect`,
          { version: 1 },
          {
            headers: { 'x-session-links-user': 'owner', 'x-role': 'owner' },
          },
        );
        expect(res.status).toBe(403);
        expect((await h.call('bram', 'GET', `${S}/me`)).body).toMatchObject({ id: 'bram', role: 'staff', staffId: 'bram' });
      });
    });

    describe('secrets by role (R18)', () => {
      const hostUrls = async (h: Harness, user: string) =>
        Object.fromEntries(
          ((await h.call(user, 'GET', `${S}/sessions?${range}`)).body as Json[])
            .filter((r) => r.resolution.status === 'linked' && r.resolution.link.type === 'ZOOM')
            .map((r) => [r.session.id, r.resolution.link.hostUrl ?? null]),
        );
      it('a Zoom start link goes to the owner and to the staff member whose account hosts it, to nobody else', async () => {
        const h = await start();
        const owner = await hostUrls(h, 'owner');
        expect(owner['coaching-anna-1']).toMatch(/^https:\/\/zoom\.us\/s\//);
        expect(owner['coaching-chris-1']).toMatch(/^https:\/\/zoom\.us\/s\//);
        const anna = await hostUrls(h, 'anna');
        expect(anna['coaching-anna-1']).toBe(owner['coaching-anna-1']); // her own Zoom
        expect(anna['coaching-chris-1']).toBeNull(); // the site default's meeting
        const bram = await hostUrls(h, 'bram');
        expect(Object.values(bram).every((v) => v === null)).toBe(true);
        expect(Object.keys(bram)).toEqual(Object.keys(owner));
        const detail = await h.call('bram', 'GET', `${S}/sessions/coaching-anna-1`);
        expect(detail.body.resolution.link.hostUrl).toBeUndefined();
        const impact = await h.call('bram', 'POST', `${S}/impact`, { type: 'set-staff-account', staffId: 'bram', account: null });
        expect(JSON.stringify(impact.body)).not.toContain('zoom.us/s/');
      });
      it("staff see colleagues' accounts without their custom-link password", async () => {
        const h = await start();
        const set = await h.owner('PUT', `${S}/staff/bram/account`, {
          link: { url: 'https://whereby.com/bram', password: 'bram-secret' },
          version: await staffVersion(h, 'bram'),
        });
        expect(set.status).toBe(200);
        const bramFor = async (user: string) =>
          ((await h.call(user, 'GET', `${S}/staff`)).body as Json[]).find((s) => s.id === 'bram').account.link;
        expect(await bramFor('owner')).toMatchObject({ password: 'bram-secret' });
        expect(await bramFor('bram')).toMatchObject({ password: 'bram-secret' });
        expect(await bramFor('anna')).toEqual({ url: 'https://whereby.com/bram' });
      });
      it("a colleague's custom-link password reaches no other staff member through the sessions either (one rule for every answer)", async () => {
        const h = await start();
        const set = await h.owner('PUT', `${S}/staff/bram/account`, {
          link: { url: 'https://whereby.com/bram', password: 'bram-secret' },
          version: await staffVersion(h, 'bram'),
        });
        expect(set.status).toBe(200);
        const listed = async (user: string) =>
          ((await h.call(user, 'GET', `${S}/sessions?${range}`)).body as Json[]).find((r) => r.session.id === 'coaching-bram-1').resolution;
        const detail = async (user: string) => (await h.call(user, 'GET', `${S}/sessions/coaching-bram-1`)).body.resolution;
        for (const read of [listed, detail]) {
          expect((await read('owner')).link).toMatchObject({ guestUrl: 'https://whereby.com/bram', password: 'bram-secret' });
          expect((await read('bram')).link).toMatchObject({ password: 'bram-secret' });
          const anna = await read('anna');
          expect(anna).toMatchObject({
            status: 'linked',
            source: 'staff',
            staffId: 'bram',
            link: { guestUrl: 'https://whereby.com/bram' },
          });
          expect(anna.link.password).toBeUndefined();
          expect(JSON.stringify(await read('chris'))).not.toContain('bram-secret');
        }
        // What an impact answer carries follows the same rule: Anna removing her own account sees nothing of Bram's.
        const impact = await h.call('anna', 'POST', `${S}/impact`, { type: 'set-staff-account', staffId: 'anna', account: null });
        expect(impact.status).toBe(200);
        expect(JSON.stringify(impact.body)).not.toContain('bram-secret');
        const owner = await h.owner('GET', `${S}/sessions/coaching-bram-1`);
        expect(JSON.stringify(owner.body)).toContain('bram-secret');
      });
      it('the site default custom-link password is for every member (it is not a colleague’s account)', async () => {
        const h = await start();
        const set = await h.owner('PUT', `${S}/settings/default-account`, {
          link: { url: 'https://whereby.com/studio', password: 'studio-secret' },
          version: await settingsVersion(h),
        });
        expect(set.status).toBe(200);
        const res = await h.call('bram', 'GET', `${S}/sessions/coaching-chris-1`);
        expect(res.body.resolution).toMatchObject({ source: 'default', link: { password: 'studio-secret' } });
      });
    });

    describe('no stand-ins (R27)', () => {
      it('without Zoom configuration, connecting Zoom answers 501 NOT_CONFIGURED and nothing is made up; everything else works', async () => {
        const h = await start('no-default', { zoomConfigured: false, meetings: 'inline' });
        for (const target of [{ type: 'default' }, { type: 'staff', staffId: 'anna' }]) {
          const res = await h.owner('POST', `${S}/connections`, { provider: 'zoom', target });
          expect(res).toMatchObject({ status: 501, body: { error: { code: 'NOT_CONFIGURED', reason: 'PROVIDER_NOT_CONFIGURED' } } });
          expect(JSON.stringify(res.body)).not.toContain('authorizeUrl');
        }
        const complete = await h.owner('POST', `${S}/connections/complete`, {
          state: 'x'.repeat(43),
          code: 'allow:olivia@zoom.example',
          version: await settingsVersion(h),
        });
        expect(complete).toMatchObject({ status: 501, body: { error: { code: 'NOT_CONFIGURED' } } });
        // Who may not connect is told so first, as always.
        expect((await h.call('bram', 'POST', `${S}/connections`, { provider: 'zoom', target: { type: 'default' } })).status).toBe(403);
        // A custom link works without Zoom, inline meetings or not.
        const set = await h.owner('PUT', `${S}/settings/default-account`, {
          link: { url: 'https://meet.google.com/abc-defg-hij' },
          version: await settingsVersion(h),
        });
        expect(set.status).toBe(200);
        const one = await h.owner('GET', `${S}/sessions/yoga-1`);
        expect(one.body.resolution).toMatchObject({ status: 'linked', link: { guestUrl: 'https://meet.google.com/abc-defg-hij' } });
        expect(h.zoom.calls.createMeeting).toBe(0);
      });
      it('a Zoom account left from before, on a server without Zoom configuration: its new sessions say Zoom is not set up, not "pending"', async () => {
        const h = await start('zoom-default', { zoomConfigured: false });
        const synced = await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/late-anna`, {
          serviceId: 'coaching',
          staffId: 'anna',
          start: '2030-03-06T09:00:00.000Z',
          end: '2030-03-06T10:00:00.000Z',
        });
        expect(synced.status).toBe(200);
        for (const user of ['owner', 'anna', 'bram']) {
          const res = await h.call(user, 'GET', `${S}/sessions/late-anna`);
          expect(res.body.resolution).toEqual({ status: 'none', reason: 'PROVIDER_NOT_CONFIGURED', provider: 'zoom', warnings: [] });
          const listed = ((await h.call(user, 'GET', `${S}/sessions?${range}`)).body as Json[]).find((r) => r.session.id === 'late-anna');
          expect(listed.resolution.reason).toBe('PROVIDER_NOT_CONFIGURED');
        }
      });
    });

    describe('Zoom connection state (R14, R19)', () => {
      const startFor = (h: Harness, user = 'owner', target: unknown = { type: 'default' }) =>
        h
          .call(user, 'POST', `${S}/connections`, { provider: 'zoom', target })
          .then((r) => r.body as { state: string; authorizeUrl: string });
      const complete = (h: Harness, user: string, state: string, code: string, version: number) =>
        h.call(user, 'POST', `${S}/connections/complete`, { state, code, version });

      it('is random (≥ 128 bits), carries a PKCE S256 challenge, and is spent by its first completion', async () => {
        const h = await start();
        const a = await startFor(h);
        const b = await startFor(h);
        expect(a.state).not.toBe(b.state);
        expect(a.state).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
        expect(new URL(a.authorizeUrl).searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(a.authorizeUrl).not.toContain('verifier');
        const version = await settingsVersion(h);
        const ok = await complete(h, 'owner', a.state, 'allow:olivia@zoom.example', version);
        expect(ok).toMatchObject({
          status: 200,
          body: { target: { type: 'default' }, account: { kind: 'zoom', user: { email: 'olivia@zoom.example' } } },
        });
        const replay = await complete(h, 'owner', a.state, 'allow:olivia@zoom.example', version + 1);
        expect(replay).toMatchObject({ status: 422, body: { error: { reason: 'PROVIDER_STATE_MISMATCH' } } });
      });
      it('is spent by a denial and by a conflict too', async () => {
        const h = await start();
        const version = await settingsVersion(h);
        const denied = await startFor(h);
        expect(await complete(h, 'owner', denied.state, 'deny', version)).toMatchObject({ body: { error: { reason: 'PROVIDER_DENIED' } } });
        expect((await complete(h, 'owner', denied.state, 'allow:x@zoom.example', version)).body.error.reason).toBe(
          'PROVIDER_STATE_MISMATCH',
        );
        const stale = await startFor(h);
        expect((await complete(h, 'owner', stale.state, 'allow:x@zoom.example', version - 1)).status).toBe(409);
        expect((await complete(h, 'owner', stale.state, 'allow:x@zoom.example', version)).body.error.reason).toBe(
          'PROVIDER_STATE_MISMATCH',
        );
        expect((await h.owner('GET', `${S}/settings`)).body.defaultAccount.id).toBe('zoom-studio');
      });
      it('expires after 10 minutes', async () => {
        const h = await start();
        const version = await settingsVersion(h);
        const s = await startFor(h);
        h.clock.now = new Date(NOW.getTime() + 10 * 60_000 + 1000);
        expect((await complete(h, 'owner', s.state, 'allow:x@zoom.example', version)).body.error.reason).toBe('PROVIDER_STATE_MISMATCH');
        h.clock.now = NOW;
        const fresh = await startFor(h);
        h.clock.now = new Date(NOW.getTime() + 9 * 60_000);
        expect((await complete(h, 'owner', fresh.state, 'allow:x@zoom.example', version)).status).toBe(200);
      });
      it('is bound to the user and the site that started it', async () => {
        const h = await start();
        const annas = await startFor(h, 'anna', { type: 'staff', staffId: 'anna' });
        const v = await staffVersion(h, 'anna');
        expect((await complete(h, 'owner', annas.state, 'allow:x@zoom.example', v)).body.error.reason).toBe('PROVIDER_STATE_MISMATCH');
        // Spent by that attempt: not even Anna can use it now.
        expect((await complete(h, 'anna', annas.state, 'allow:x@zoom.example', v)).body.error.reason).toBe('PROVIDER_STATE_MISMATCH');
        const two = await start('two-sites');
        const main = await startFor(two);
        const other = await two.owner('POST', '/sites/site-annex/connections/complete', {
          state: main.state,
          code: 'allow:x@zoom.example',
          version: 1,
        });
        expect(other.body.error.reason).toBe('PROVIDER_STATE_MISMATCH');
      });
    });

    describe('optimistic concurrency (R20)', () => {
      it('50 concurrent writes of one resource from one version: exactly 1 wins, 49 CONFLICT, nothing lost', async () => {
        const h = await start();
        const version = await settingsVersion(h);
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            h.owner('PUT', `${S}/settings/default-account`, { link: { url: `https://whereby.com/room-${i}` }, version }),
          ),
        );
        const statuses = results.map((r) => r.status);
        expect(statuses.filter((s) => s === 200)).toHaveLength(1);
        expect(statuses.filter((s) => s === 409)).toHaveLength(49);
        const winner = results.find((r) => r.status === 200)!.body;
        const stored = (await h.owner('GET', `${S}/settings`)).body;
        expect(stored).toMatchObject({ version: version + 1, defaultAccount: { link: { url: winner.defaultAccount.link.url } } });
      });
      it('every answer to a write carries the version the next write must send', async () => {
        const h = await start();
        const v = await sessionVersion(h, 'yoga-1');
        const first = await h.owner('PUT', `${S}/sessions/yoga-1/link`, { change: { kind: 'removed' }, version: v });
        expect(first.body.session.version).toBe(v + 1);
        const second = await h.owner('PUT', `${S}/sessions/yoga-1/link`, { change: { kind: 'reset' }, version: v + 1 });
        expect(second.body).toMatchObject({ session: { version: v + 2, override: null } });
      });
    });

    describe('meetings (R22)', () => {
      it('connecting a Zoom default makes one pending meeting per upcoming session in the horizon; reads never call Zoom; the worker makes them', async () => {
        const h = await start('custom-default');
        await connectZoomDefault(h);
        const calls = { ...h.zoom.calls };
        const pending = (await h.owner('GET', `${S}/sessions?${range}`)).body as Json[];
        expect(h.zoom.calls).toEqual(calls); // reading never calls Zoom
        const reasons = (rows: Json[]) =>
          rows.map((r) => [r.session.id, r.resolution.status === 'linked' ? r.resolution.source : r.resolution.reason]);
        expect(reasons(pending)).toContainEqual(['coaching-chris-1', 'PROVIDER_MEETING_PENDING']);
        expect(reasons(pending)).toContainEqual(['coaching-bram-1', 'staff']);
        const result = await runMeetingWorker(h.store, h.zoom, NOW);
        // Upcoming sessions on the default Zoom within 14 days: chris's coaching, 3 yoga, 2 pottery (anna has her own Zoom).
        const expected = pending.filter((r) => r.resolution.status === 'none' && r.resolution.reason === 'PROVIDER_MEETING_PENDING');
        expect(result.created).toBe(expected.length);
        // The past session of a week ago gets none, and says so rather than "pending".
        expect(reasons(pending)).toContainEqual(['pottery-1', 'NO_MEETING_MADE']);
        const after = (await h.owner('GET', `${S}/sessions?${range}`)).body as Json[];
        expect(reasons(after)).toContainEqual(['coaching-chris-1', 'default']);
        expect((await runMeetingWorker(h.store, h.zoom, NOW)).created).toBe(0); // idempotent
      });
      it('a past session whose meeting was never made says so (NO_MEETING_MADE, naming the provider), never pending; an upcoming one is pending until the worker runs; a past one that got its meeting keeps it', async () => {
        const h = await start('custom-default');
        await connectZoomDefault(h);
        const notMade = { status: 'none', reason: 'NO_MEETING_MADE', provider: 'zoom', warnings: [] };
        const resolutionOf = async (id: string) => (await h.owner('GET', `${S}/sessions/${id}`)).body.resolution;
        const listed = async (id: string) =>
          ((await h.owner('GET', `${S}/sessions?${range}`)).body as Json[]).find((r) => r.session.id === id).resolution;
        // pottery-1 (a week ago) now takes the default's Zoom, and the worker makes meetings for upcoming sessions only.
        expect(await resolutionOf('pottery-1')).toEqual(notMade);
        expect(await listed('pottery-1')).toEqual(notMade);
        expect(await resolutionOf('pottery-2')).toEqual({
          status: 'none',
          reason: 'PROVIDER_MEETING_PENDING',
          provider: 'zoom',
          warnings: [],
        });
        // Anna's own Zoom made the meeting of her past session when it was upcoming: it keeps its link.
        expect(await resolutionOf('coaching-anna-past')).toMatchObject({ status: 'linked', source: 'staff', link: { type: 'ZOOM' } });
        await runMeetingWorker(h.store, h.zoom, NOW);
        expect(await resolutionOf('pottery-2')).toMatchObject({ status: 'linked', source: 'default', link: { type: 'ZOOM' } });
        expect(await resolutionOf('pottery-1')).toEqual(notMade);
        // A meeting added by hand to a past session (here one on its course's own link): the preview, the answer and the history say none was made.
        const course = await h.owner('PUT', `${S}/courses/pottery/link`, { link: { url: 'https://whereby.com/pottery' }, version: 0 });
        expect(course.status).toBe(200);
        const change = { kind: 'meeting' };
        const impact = await h.owner('POST', `${S}/impact`, { type: 'set-session-link', sessionId: 'pottery-1', change });
        expect(impact.body.sessions).toMatchObject([{ sessionId: 'pottery-1', change: 'lost', after: notMade }]);
        const saved = await h.owner('PUT', `${S}/sessions/pottery-1/link`, { change, version: await sessionVersion(h, 'pottery-1') });
        expect(saved.body.resolution).toEqual(notMade);
        await runMeetingWorker(h.store, h.zoom, NOW);
        expect(await resolutionOf('pottery-1')).toEqual(notMade);
        const history = (await h.owner('GET', `${S}/sessions/pottery-1/history`)).body;
        expect(history.entries[0]).toMatchObject({ after: notMade });
      });
      it('a late worker run makes no meeting for a session that started meanwhile: it says none was made, and the run after leaves it alone (R22)', async () => {
        const h = await start('custom-default');
        const done = await connectZoomDefault(h);
        const listed = async () => (await h.owner('GET', `${S}/sessions?${range}`)).body as Json[];
        const pending = (await listed()).filter((r) => r.resolution.reason === 'PROVIDER_MEETING_PENDING');
        const pottery2 = pending.find((r) => r.session.id === 'pottery-2');
        expect(pottery2).toBeDefined();
        // No worker ran until pottery-2 had started (the host's worker was down, say).
        const later = new Date(Date.parse(pottery2.session.start) + 60_000);
        h.clock.now = later;
        const started = pending.filter((r) => Date.parse(r.session.start) <= later.getTime()).map((r) => r.session.id as string);
        await runMeetingWorker(h.store, h.zoom, later);
        // Zoom made the meetings still ahead, none for the sessions that had started.
        const rows = await h.store.transaction((tx) => tx.listMeetings(MAIN_SITE, { accountId: done.body.account.id }));
        expect(rows.filter((m) => Date.parse(m.start) <= later.getTime())).toEqual([]);
        expect(rows.filter((m) => m.joinUrl !== null).length).toBeGreaterThan(0);
        for (const id of started) expect((await h.owner('GET', `${S}/sessions/${id}`)).body.resolution.reason, id).toBe('NO_MEETING_MADE');
        expect((await h.owner('GET', `${S}/sessions/pottery-2`)).body.resolution).toEqual({
          status: 'none',
          reason: 'NO_MEETING_MADE',
          provider: 'zoom',
          warnings: [],
        });
        // Nothing is left due for it: the next run asks Zoom nothing about it.
        const calls = { ...h.zoom.calls };
        await runMeetingWorker(h.store, h.zoom, new Date(later.getTime() + 3_600_000));
        expect(h.zoom.calls).toEqual(calls);
        // The host's calendar moves it to next week: upcoming again, it gets its meeting.
        h.clock.now = new Date(later.getTime() + 3_600_000);
        const session = (await h.owner('GET', `${S}/sessions/pottery-2`)).body.session;
        const week = 7 * 24 * 3_600_000;
        const moved = {
          serviceId: session.serviceId,
          staffId: session.staffId,
          start: new Date(Date.parse(session.start) + week).toISOString(),
          end: new Date(Date.parse(session.end) + week).toISOString(),
        };
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/pottery-2`, moved)).status).toBe(200);
        expect((await h.owner('GET', `${S}/sessions/pottery-2`)).body.resolution.reason).toBe('PROVIDER_MEETING_PENDING');
        await runMeetingWorker(h.store, h.zoom, h.clock.now);
        expect((await h.owner('GET', `${S}/sessions/pottery-2`)).body.resolution).toMatchObject({
          status: 'linked',
          link: { provider: 'zoom' },
        });
      });
      it('a Zoom link added by hand is pending until the worker makes it, then shows', async () => {
        const h = await start();
        const v = await sessionVersion(h, 'massage-1');
        const res = await h.owner('PUT', `${S}/sessions/massage-1/link`, { change: { kind: 'meeting' }, version: v });
        expect(res.body.resolution).toEqual({ status: 'none', reason: 'PROVIDER_MEETING_PENDING', provider: 'zoom', warnings: [] });
        await runMeetingWorker(h.store, h.zoom, NOW);
        expect((await h.owner('GET', `${S}/sessions/massage-1`)).body.resolution).toMatchObject({
          status: 'linked',
          source: 'session',
          link: { type: 'ZOOM', guestUrl: expect.stringMatching(/^https:\/\/zoom\.us\/j\//) },
        });
      });
      it('in inline mode (the mocks) a write makes its meetings before answering', async () => {
        const h = await start('zoom-default', { meetings: 'inline' });
        const v = await sessionVersion(h, 'massage-1');
        const res = await h.owner('PUT', `${S}/sessions/massage-1/link`, { change: { kind: 'meeting' }, version: v });
        expect(res.body.resolution).toMatchObject({ status: 'linked', link: { type: 'ZOOM' } });
      });
      it('replacing a session’s Zoom link deletes its meeting; disconnecting the default deletes all of its meetings', async () => {
        const h = await start();
        const v = await sessionVersion(h, 'coaching-chris-1');
        await h.owner('PUT', `${S}/sessions/coaching-chris-1/link`, {
          change: { kind: 'custom', link: { url: 'https://whereby.com/one-off' } },
          version: v,
        });
        expect((await runMeetingWorker(h.store, h.zoom, NOW)).deleted).toBe(1);
        await h.owner('POST', `${S}/settings/default-account/disconnect`, { version: await settingsVersion(h) });
        const r = await runMeetingWorker(h.store, h.zoom, NOW);
        expect(r.deleted).toBeGreaterThan(3);
        expect((await runMeetingWorker(h.store, h.zoom, NOW)).deleted).toBe(0);
      });
    });

    describe('impact previews (R16)', () => {
      it('moving sessions to a Zoom account whose meetings are not made yet counts them as changed, not lost', async () => {
        const h = await start();
        const res = await h.owner('POST', `${S}/impact`, { type: 'set-staff-account', staffId: 'anna', account: null });
        expect(res.body.counts).toMatchObject({ lost: 0, changed: 2 });
        expect(res.body.clientsToNotify.map((c: Json) => c.id)).toEqual(['c-carla']);
        const gone = await h.owner('POST', `${S}/impact`, { type: 'disconnect-default' });
        expect(gone.body.counts.lost).toBeGreaterThan(0);
        expect(gone.body.counts.changed).toBe(0);
      });
      it("removing one session's link names the booked clients who lose it, without any start link (R16, R18)", async () => {
        const h = await start();
        const removal = { type: 'set-session-link', sessionId: 'pottery-2', change: { kind: 'removed' } };
        const res = await h.owner('POST', `${S}/impact`, removal);
        expect(res.status).toBe(200);
        // pottery-2 is a course session: everyone booked on the course holds its link.
        expect(res.body.clientsToNotify.map((c: Json) => c.name)).toEqual(['Carla Smit', 'Finn de Boer']);
        expect(res.body.sessions).toMatchObject([
          { sessionId: 'pottery-2', serviceId: 'pottery', change: 'lost', after: { status: 'none', reason: 'REMOVED' } },
        ]);
        expect(res.body.sessions[0].before.link.guestUrl).toMatch(/^https:\/\/zoom\.us\/j\//);
        expect(JSON.stringify(res.body)).not.toContain('hostUrl');
        // Anna is assigned to pottery-2; its meeting is the site's (the owner hosts it): no start link for her either.
        const anna = await h.call('anna', 'POST', `${S}/impact`, removal);
        expect(anna.status).toBe(200);
        expect(JSON.stringify(anna.body)).not.toContain('zoom.us/s/');
        // Nothing was changed by previewing.
        expect((await h.owner('GET', `${S}/sessions/pottery-2`)).body.resolution.status).toBe('linked');
      });
      it("a staff member previewing a change to a colleague's session is refused, an unknown session is not found (R10)", async () => {
        const h = await start();
        const bram = await h.call('anna', 'POST', `${S}/impact`, {
          type: 'set-session-link',
          sessionId: 'coaching-bram-1',
          change: { kind: 'custom', link: { url: 'https://whereby.com/x' } },
        });
        expect(bram).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
        const nobody = await h.owner('POST', `${S}/impact`, {
          type: 'set-session-link',
          sessionId: 'no-such',
          change: { kind: 'removed' },
        });
        expect(nobody).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
        const noClients = await h.owner('POST', `${S}/impact`, {
          type: 'set-session-link',
          sessionId: 'coaching-chris-1',
          change: { kind: 'removed' },
        });
        expect(noClients.body).toMatchObject({ counts: { lost: 1 }, clientsToNotify: [] });
      });
    });

    describe("a service's video-conferencing switch (R1, R8, R16, R20)", () => {
      const reasonOf = async (h: Harness, sessionId: string) => {
        const r = (await h.owner('GET', `${S}/sessions/${sessionId}`)).body.resolution;
        return r.status === 'linked' ? r.source : r.reason;
      };
      it('switching a service off: its upcoming sessions lose their links, the booked clients are named, the worker deletes their meetings', async () => {
        const h = await start();
        const v = await videoVersion(h, 'yoga');
        const preview = await h.owner('POST', `${S}/impact`, { type: 'set-service-online', serviceId: 'yoga', online: false });
        const res = await h.owner('PUT', `${S}/services/yoga/video`, { online: false, version: v });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.video).toEqual({ serviceId: 'yoga', online: false, version: v + 1 });
        expect(res.body.impact.counts).toMatchObject({ lost: 3, changed: 0, gained: 0 });
        expect(res.body.impact.sessions.map((s: Json) => s.sessionId).sort()).toEqual(['yoga-1', 'yoga-2', 'yoga-3']);
        expect(res.body.impact.clientsToNotify.map((c: Json) => c.name)).toEqual(['Eva Mulder']);
        // The preview said the same before anything changed.
        expect(preview.body.counts).toEqual(res.body.impact.counts);
        expect(await reasonOf(h, 'yoga-3')).toBe('OFFLINE');
        expect(await reasonOf(h, 'coaching-chris-1')).toBe('default'); // other services untouched
        expect((await h.owner('GET', `${S}/services`)).body).toContainEqual({
          id: 'yoga',
          name: 'Morning yoga',
          kind: 'class',
          online: false,
        });
        expect((await h.owner('GET', `${S}/services/yoga/video`)).body).toEqual({ serviceId: 'yoga', online: false, version: v + 1 });
        // yoga-1 (Anna's Zoom) and yoga-3 (the default's) had meetings; yoga-2 is Bram's Meet room.
        expect((await runMeetingWorker(h.store, h.zoom, NOW)).deleted).toBe(2);
      });
      it('switching a service on with a Zoom default: its sessions gain a meeting the worker makes; the preview counts them', async () => {
        const h = await start();
        const preview = await h.owner('POST', `${S}/impact`, { type: 'set-service-online', serviceId: 'massage', online: true });
        expect(preview.body.counts).toMatchObject({ gained: 1, lost: 0 });
        const res = await h.owner('PUT', `${S}/services/massage/video`, { online: true, version: await videoVersion(h, 'massage') });
        expect(res.status).toBe(200);
        expect(res.body.impact.sessions).toMatchObject([
          { sessionId: 'massage-1', change: 'gained', before: { reason: 'OFFLINE' }, after: { reason: 'PROVIDER_MEETING_PENDING' } },
        ]);
        expect(await reasonOf(h, 'massage-1')).toBe('PROVIDER_MEETING_PENDING');
        expect((await runMeetingWorker(h.store, h.zoom, NOW)).created).toBe(1);
        expect(await reasonOf(h, 'massage-1')).toBe('default');
      });
      it('R8: with no default account switching on is allowed, and its sessions still get no link', async () => {
        const h = await start('no-default');
        const res = await h.owner('PUT', `${S}/services/massage/video`, { online: true, version: await videoVersion(h, 'massage') });
        expect(res.status).toBe(200);
        expect(res.body.video.online).toBe(true);
        expect(res.body.impact.counts).toMatchObject({ gained: 0, lost: 0, changed: 0 });
        expect(await reasonOf(h, 'massage-1')).toBe('NO_DEFAULT_ACCOUNT');
      });
      it('R1: without the plan, PLAN_REQUIRED and nothing changes', async () => {
        const h = await start('no-plan');
        const before = await everything(h);
        const res = await h.owner('PUT', `${S}/services/massage/video`, { online: true, version: await videoVersion(h, 'massage') });
        expect(res).toMatchObject({ status: 402, body: { error: { code: 'PLAN_REQUIRED' } } });
        expect(await everything(h)).toBe(before);
      });
      it('a stale version is a CONFLICT; a host sync that changes `online` raises the version and stands over the switch', async () => {
        const h = await start();
        const v = await videoVersion(h, 'yoga');
        expect((await h.owner('PUT', `${S}/services/yoga/video`, { online: false, version: v })).status).toBe(200);
        const stale = await h.owner('PUT', `${S}/services/yoga/video`, { online: true, version: v });
        expect(stale).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
        // The host's sync resends the service unchanged (still off): nothing for an open switch to be stale about.
        const yoga = { name: 'Morning yoga', kind: 'class' };
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/services/yoga`, { ...yoga, online: false })).status).toBe(200);
        expect(await videoVersion(h, 'yoga')).toBe(v + 1);
        // The host switches it on in its own data: the host's word stands, and a switch opened before it conflicts.
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/services/yoga`, { ...yoga, online: true })).status).toBe(200);
        expect((await h.owner('GET', `${S}/services/yoga/video`)).body).toEqual({ serviceId: 'yoga', online: true, version: v + 2 });
        expect((await h.owner('PUT', `${S}/services/yoga/video`, { online: false, version: v + 1 })).status).toBe(409);
      });
      it('a service deleted and synced again starts its version afresh on every store', async () => {
        const h = await start();
        const v = await videoVersion(h, 'yoga');
        expect((await h.owner('PUT', `${S}/services/yoga/video`, { online: false, version: v })).status).toBe(200);
        expect(await videoVersion(h, 'yoga')).toBeGreaterThan(0);
        expect((await h.sync('DELETE', `/sites/${MAIN_SITE}/services/yoga`)).status).toBe(200);
        expect(
          (await h.sync('PUT', `/sites/${MAIN_SITE}/services/yoga`, { name: 'Morning yoga', kind: 'class', online: true })).status,
        ).toBe(200);
        expect(await videoVersion(h, 'yoga')).toBe(0);
      });
      it('an unknown service is NOT_FOUND, a malformed body VALIDATION; nothing changes', async () => {
        const h = await start();
        const before = await everything(h);
        expect(await h.owner('GET', `${S}/services/nope/video`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
        expect(await h.owner('PUT', `${S}/services/nope/video`, { online: true, version: 0 })).toMatchObject({ status: 404 });
        expect(await h.owner('PUT', `${S}/services/yoga/video`, { online: 'yes', version: 0 })).toMatchObject({
          status: 422,
          body: { error: { code: 'VALIDATION', fields: { online: expect.any(Array) } } },
        });
        expect(await everything(h)).toBe(before);
      });
    });

    describe('booking e-mails with a calendar part (R28)', () => {
      /** The produced iCalendar text, read by a real parser (ical.js): METHOD and the one event. */
      const parseIcs = (ics: string) => {
        const calendar = new ICAL.Component(ICAL.parse(ics));
        const event = calendar.getFirstSubcomponent('vevent');
        if (!event) throw new Error('no VEVENT');
        const value = (name: string) => event.getFirstPropertyValue(name);
        return {
          method: calendar.getFirstPropertyValue('method'),
          uid: value('uid'),
          sequence: Number(value('sequence')),
          status: value('status'),
          location: value('location'),
          url: value('url'),
          description: value('description') as string | null,
          summary: value('summary'),
          start: (value('dtstart') as ICAL.Time).toJSDate().toISOString(),
          attendee: event.getFirstProperty('attendee')?.getParameter('cn'),
        };
      };
      const email = (h: Harness, booking: string, automation = 'booking-confirmation', body: unknown = { timeZone: 'Europe/Amsterdam' }) =>
        h.owner('POST', `${S}/bookings/${booking}/emails/${automation}`, body);

      it("renders the site's saved template for a booking, with the resolved link in LOCATION, DESCRIPTION and URL", async () => {
        const h = await start();
        const session = (await h.owner('GET', `${S}/sessions/coaching-bram-1`)).body;
        const link = session.resolution.link.guestUrl as string;
        const res = await email(h, 'b-2');
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.to).toEqual({ name: 'Daan Visser', email: 'daan@clients.example' });
        expect(res.body.subject).toBe('Your booking for Career coaching is confirmed');
        expect(res.body.text).toContain(`Join the session: ${link}`);
        expect(res.body.html).toContain(`href="${link}"`);
        const ics = parseIcs(res.body.calendar.ics);
        expect(ics).toMatchObject({ method: 'REQUEST', status: 'CONFIRMED', location: link, url: link, summary: 'Career coaching' });
        expect(ics.description).toContain(link);
        expect(ics.start).toBe(session.session.start);
        expect(ics.uid).toBe(res.body.calendar.uid);
        // A saved template is what is rendered: the owner removed the description from the join-online section.
        const saved = await h.owner('PUT', `${S}/automations/booking-confirmation/template`, {
          subject: 'See you, {client}',
          body: 'Hello {client}, {service} starts {start}.',
          joinOnline: { elements: ['join-link'] },
          version: await templateVersion(h),
        });
        expect(saved.status).toBe(200);
        const after = await email(h, 'b-2');
        expect(after.body.subject).toBe('See you, Daan Visser');
        expect(after.body.text).not.toContain('Camera on');
        expect(after.body.join).toEqual({ url: link, password: null, description: null });
        expect(parseIcs(after.body.calendar.ics).description).not.toContain('Camera on');
      });

      it('user text cannot break out of its line: a bare CR in a description or a service name stays inside its value, and a client address with CRLF is no recipient', async () => {
        const h = await start();
        const changed = await h.owner('PUT', `${S}/sessions/coaching-bram-1/link`, {
          change: { kind: 'custom', link: { url: 'https://whereby.com/x', description: 'Hi\rORGANIZER:mailto:evil@x.example' } },
          version: await sessionVersion(h, 'coaching-bram-1'),
        });
        expect(changed.status, JSON.stringify(changed.body)).toBe(200);
        expect(
          (
            await h.sync('PUT', `/sites/${MAIN_SITE}/services/coaching`, {
              name: 'Coaching\rATTENDEE;CN=x:mailto:evil@x.example',
              kind: 'appointment',
              online: true,
            })
          ).status,
        ).toBe(200);
        const daan = { name: 'Daan\r\nBcc: x', email: 'daan@clients.example\r\nBcc: victim@x.example' };
        // The sync API refuses such an address (R26); one stored before it did is still no recipient.
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/clients/c-daan`, daan)).status).toBe(422);
        await h.store.transaction((tx) => tx.upsertClient(MAIN_SITE, { id: 'c-daan', ...daan }));
        const res = await email(h, 'b-2');
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const ics = res.body.calendar.ics as string;
        // Every CR ends a line (CRLF); no property the text tried to add.
        expect(ics.replace(/\r\n/g, '')).not.toContain('\r');
        const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
        expect(lines.filter((l) => /^(ORGANIZER:mailto:evil|ATTENDEE;CN=x)/.test(l))).toEqual([]);
        expect(parseIcs(ics).description).toContain('ORGANIZER:mailto:evil@x.example');
        expect(res.body.to).toEqual({ name: 'Daan  Bcc: x', email: null });
      });

      it('keeps the UID of a booking and session, raises SEQUENCE after a link change, and carries the new link', async () => {
        const h = await start();
        const first = parseIcs((await email(h, 'b-2')).body.calendar.ics);
        const again = parseIcs((await email(h, 'b-2')).body.calendar.ics);
        expect(again.uid).toBe(first.uid);
        const changed = await h.owner('PUT', `${S}/sessions/coaching-bram-1/link`, {
          change: { kind: 'custom', link: { url: 'https://whereby.com/new-room', password: 'p4ss' } },
          version: await sessionVersion(h, 'coaching-bram-1'),
        });
        expect(changed.status, JSON.stringify(changed.body)).toBe(200);
        const res = await email(h, 'b-2', 'booking-changed');
        const update = parseIcs(res.body.calendar.ics);
        expect(update.uid).toBe(first.uid);
        expect(update.sequence).toBeGreaterThan(first.sequence);
        expect(update).toMatchObject({ method: 'REQUEST', location: 'https://whereby.com/new-room', url: 'https://whereby.com/new-room' });
        expect(update.description).toContain('p4ss');
        // Another booking of another session: another UID.
        expect(parseIcs((await email(h, 'b-3')).body.calendar.ics).uid).not.toBe(first.uid);
      });

      it('cancels the online event (METHOD:CANCEL, a higher SEQUENCE) when the session goes on site; the e-mail says it is on site', async () => {
        const h = await start();
        const before = parseIcs((await email(h, 'b-2')).body.calendar.ics);
        expect(
          (await h.sync('PUT', `/sites/${MAIN_SITE}/services/coaching`, { name: 'Career coaching', kind: 'appointment', online: false }))
            .status,
        ).toBe(200);
        const res = await email(h, 'b-2', 'booking-changed');
        expect(res.status).toBe(200);
        const cancel = parseIcs(res.body.calendar.ics);
        expect(cancel).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: before.uid, location: null, url: null });
        expect(cancel.sequence).toBeGreaterThan(before.sequence);
        expect(res.body.join).toBeNull();
        expect(res.body.text).toContain('This session is on site');
      });

      it("in the template's language and the site's time zone, names with accents and markup as inert text; a Zoom meeting's link and password, never its start link", async () => {
        const h = await start();
        await runMeetingWorker(h.store, h.zoom, NOW);
        const name = 'Zoë Çelik <img src=x onerror=alert(1)>';
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/clients/c-carla`, { name, email: 'zoe@clients.example' })).status).toBe(200);
        await h.store.transaction(async (tx) => {
          expect(await tx.putTemplate(MAIN_SITE, 1, { ...defaultTemplate('session-reminder', 'nl'), version: 2 })).toBe(true);
        });
        const owner = (await h.owner('GET', `${S}/sessions/coaching-anna-1`)).body;
        expect(owner.resolution.link.hostUrl).toBeTruthy();
        const res = await email(h, 'b-1', 'session-reminder', { timeZone: 'America/New_York' });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.locale).toBe('nl');
        const at = new Date(owner.session.start);
        const written = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'America/New_York' }).format(at);
        expect(res.body.text).toContain(`Hoi ${name},`);
        expect(res.body.text).toContain(`om ${written} `);
        expect(res.body.html).not.toContain('<img');
        expect(res.body.html).toContain('Zoë Çelik &lt;img src=x onerror=alert(1)&gt;');
        expect(res.body.subject).toBe('Herinnering: Career coaching komt eraan');
        expect(JSON.stringify(res.body)).not.toContain(owner.resolution.link.hostUrl);
        const ics = parseIcs(res.body.calendar.ics);
        expect(ics.location).toBe(owner.resolution.link.guestUrl);
        expect(ics.attendee).toBe('Zoë Çelik <img src=x onerror=alert(1)>');
        expect(owner.resolution.link.password).toBeTruthy();
        expect(ics.description).toContain(`Wachtwoord: ${owner.resolution.link.password}`);
      });

      it("the host's server gets it with the sync secret and no user; a wrong secret is 401", async () => {
        const h = await start();
        const path = `${S}/bookings/b-2/emails/appointment-approved`;
        const host = await h.call(null, 'POST', path, {}, { headers: { [SYNC_SECRET_HEADER]: SECRET } });
        expect(host.status, JSON.stringify(host.body)).toBe(200);
        expect(host.body.subject).toBe('Your appointment request is approved');
        expect(parseIcs(host.body.calendar.ics).method).toBe('REQUEST');
        expect((await h.call(null, 'POST', path, {}, { headers: { [SYNC_SECRET_HEADER]: 'wrong' } })).status).toBe(401);
        expect((await h.call(null, 'POST', path, {}, { headers: { [SYNC_SECRET_HEADER]: '' } })).status).toBe(401);
        expect((await h.call(null, 'POST', path, {})).status).toBe(401);
      });

      it('a whole-course booking gets its next session, or the one asked for; a session of another booking is not found', async () => {
        const h = await start();
        const next = await email(h, 'b-4', 'course-changed');
        expect(next.status, JSON.stringify(next.body)).toBe(200);
        expect(next.body.sessionId).toBe('pottery-2');
        const asked = await email(h, 'b-4', 'course-changed', { sessionId: 'pottery-3' });
        expect(asked.body.sessionId).toBe('pottery-3');
        expect(parseIcs(asked.body.calendar.ics).uid).not.toBe(parseIcs(next.body.calendar.ics).uid);
        expect((await email(h, 'b-4', 'course-changed', { sessionId: 'yoga-1' })).status).toBe(404);
        expect((await email(h, 'b-2', 'booking-confirmation', { sessionId: 'yoga-1' })).status).toBe(404);
        expect((await email(h, 'no-such-booking')).status).toBe(404);
        expect((await email(h, 'b-2', 'no-such-automation')).status).toBe(404);
        expect((await email(h, 'b-2', 'booking-confirmation', { timeZone: 'Mars/Olympus_Mons' })).status).toBe(422);
      });

      it('staff are refused, even for their own session (R10, R18); another site’s owner is refused', async () => {
        const h = await start('two-sites');
        // Bram hosts coaching-bram-1, which b-2 books: the client's e-mail is still the owner's.
        expect((await h.call('bram', 'POST', `${S}/bookings/b-2/emails/booking-confirmation`, {})).status).toBe(403);
        expect((await h.call('anna', 'POST', `${S}/bookings/b-1/emails/booking-confirmation`, {})).status).toBe(403);
        expect((await h.sync('PUT', `/sites/${SECOND_SITE}/members/olga`, { name: 'Olga', role: 'owner', staffId: null })).status).toBe(
          200,
        );
        expect((await h.call('olga', 'POST', `/sites/${SECOND_SITE}/bookings/b-2/emails/booking-confirmation`, {})).status).toBe(200);
        expect((await h.call('olga', 'POST', `${S}/bookings/b-2/emails/booking-confirmation`, {})).status).toBe(403);
      });

      describe("the site's locale and time zone", () => {
        const NL = '/sites/site-nl';
        const plan = { id: 'business', name: 'Business', includesOnlineSessions: true };
        const START = '2030-03-06T08:00:00.000Z';
        /** A host's new site, synced from scratch: an owner, an online service, one session booked by one client, a custom default link. */
        const syncDutchSite = async (h: Harness, site: Record<string, unknown>) => {
          const puts: [string, unknown][] = [
            ['', site],
            ['/members/olga', { name: 'Olga Oost', role: 'owner', staffId: null }],
            ['/services/yoga', { name: 'Ochtendyoga', kind: 'class', online: true }],
            ['/sessions/yoga-1', { serviceId: 'yoga', staffId: null, start: START, end: '2030-03-06T09:00:00.000Z' }],
            ['/clients/c-joke', { name: 'Joke Jansen', email: 'joke@klanten.example' }],
            ['/bookings/b-1', { clientId: 'c-joke', serviceId: 'yoga', sessionId: 'yoga-1' }],
          ];
          for (const [path, body] of puts) {
            const res = await h.sync('PUT', `${NL}${path}`, body);
            expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(200);
          }
          const linked = await h.call('olga', 'PUT', `${NL}/settings/default-account`, {
            link: { url: 'https://whereby.com/yoga' },
            version: 0,
          });
          expect(linked.status, JSON.stringify(linked.body)).toBe(200);
        };
        const written = (locale: string, timeZone: string) =>
          new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(START));

        it('a site synced with nl and Europe/Amsterdam gets Dutch e-mails at Amsterdam time, with no request field', async () => {
          const h = await start();
          await syncDutchSite(h, { name: 'Studio Oost', plan, locale: 'nl', timeZone: 'Europe/Amsterdam' });
          const res = await h.call('olga', 'POST', `${NL}/bookings/b-1/emails/booking-confirmation`, {});
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          expect(res.body).toMatchObject({
            locale: 'nl',
            timeZone: 'Europe/Amsterdam',
            subject: 'Je boeking voor Ochtendyoga is bevestigd',
          });
          // 08:00 UTC is 09:00 in Amsterdam in March (CET).
          expect(written('nl-NL', 'Europe/Amsterdam')).toBe('09:00');
          expect(res.body.text).toContain('Hoi Joke Jansen,');
          expect(res.body.text).toContain(`om ${written('nl-NL', 'Europe/Amsterdam')} `);
          expect(res.body.text).toContain('Deelnemen aan de sessie: https://whereby.com/yoga');
          expect(res.body.text).not.toMatch(/Join the session|08:00/);
          // The host's server asking with the sync secret gets the same; a time zone in the request still wins.
          const host = await h.call(
            null,
            'POST',
            `${NL}/bookings/b-1/emails/session-reminder`,
            {},
            { headers: { [SYNC_SECRET_HEADER]: SECRET } },
          );
          expect(host.body).toMatchObject({ locale: 'nl', timeZone: 'Europe/Amsterdam', subject: 'Herinnering: Ochtendyoga komt eraan' });
          const asked = await h.call('olga', 'POST', `${NL}/bookings/b-1/emails/booking-confirmation`, { timeZone: 'America/New_York' });
          expect(asked.body).toMatchObject({ locale: 'nl', timeZone: 'America/New_York' });
          expect(asked.body.text).toContain(`om ${written('nl-NL', 'America/New_York')} `);
          // The widget's editor and preview read the same default: the site's templates are Dutch until saved otherwise.
          const template = await h.call('olga', 'GET', `${NL}/automations/booking-confirmation/template`);
          expect(template.body).toMatchObject({ locale: 'nl', subject: 'Je boeking voor {service} is bevestigd', version: 0 });
          const saved = await h.call('olga', 'PUT', `${NL}/automations/booking-confirmation/template`, {
            subject: 'Tot snel, {client}',
            body: template.body.body,
            joinOnline: { elements: ['join-link'] },
            version: 0,
          });
          expect(saved.body).toMatchObject({ locale: 'nl', subject: 'Tot snel, {client}', version: 1 });
          const reset = await h.call('olga', 'POST', `${NL}/automations/booking-confirmation/template/reset`, { version: 1 });
          expect(reset.status, JSON.stringify(reset.body)).toBe(200);
          expect(reset.body).toMatchObject({ locale: 'nl', subject: 'Je boeking voor {service} is bevestigd', version: 2 });
        });

        it('a site synced without locale or time zone keeps working, in English and UTC; a PUT without them clears them', async () => {
          const h = await start();
          await syncDutchSite(h, { name: 'Studio Oost', plan });
          const english = await h.call('olga', 'POST', `${NL}/bookings/b-1/emails/booking-confirmation`, {});
          expect(english.status, JSON.stringify(english.body)).toBe(200);
          expect(english.body).toMatchObject({ locale: 'en', timeZone: 'UTC', subject: 'Your booking for Ochtendyoga is confirmed' });
          expect(english.body.text).toContain(written('en-GB', 'UTC'));
          // Given, then left out again: back to English and UTC.
          expect((await h.sync('PUT', NL, { name: 'Studio Oost', plan, locale: 'nl', timeZone: 'Europe/Amsterdam' })).status).toBe(200);
          expect((await h.call('olga', 'POST', `${NL}/bookings/b-1/emails/booking-confirmation`, {})).body.locale).toBe('nl');
          expect((await h.sync('PUT', NL, { name: 'Studio Oost', plan })).status).toBe(200);
          const again = await h.call('olga', 'POST', `${NL}/bookings/b-1/emails/booking-confirmation`, {});
          expect(again.body).toMatchObject({ locale: 'en', timeZone: 'UTC' });
          // The seeded main site has neither: its e-mails are as before.
          expect((await email(h, 'b-2', 'booking-confirmation', {})).body).toMatchObject({ locale: 'en', timeZone: 'UTC' });
        });

        it('a time zone or locale the server does not know is 422 VALIDATION, and the site keeps what it had', async () => {
          const h = await start();
          await syncDutchSite(h, { name: 'Studio Oost', plan, locale: 'nl', timeZone: 'Europe/Amsterdam' });
          for (const [body, field] of [
            [{ name: 'Studio Oost', plan, locale: 'nl', timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
            [{ name: 'Studio Oost', plan, locale: 'nl', timeZone: '' }, 'timeZone'],
            [{ name: 'Studio Oost', plan, locale: 'nl', timeZone: 42 }, 'timeZone'],
            [{ name: 'Studio Oost', plan, locale: 'fr', timeZone: 'Europe/Paris' }, 'locale'],
          ] as const) {
            const res = await h.sync('PUT', NL, body);
            expect(res.status, JSON.stringify(body)).toBe(422);
            expect(res.body.error.code).toBe('VALIDATION');
            expect(Object.keys(res.body.error.fields)).toContain(field);
          }
          const res = await h.call('olga', 'POST', `${NL}/bookings/b-1/emails/booking-confirmation`, {});
          expect(res.body).toMatchObject({ locale: 'nl', timeZone: 'Europe/Amsterdam' });
        });

        it("the scenarios' Dutch sites are seeded in Dutch, at Amsterdam time", async () => {
          const h = await start('dutch-site');
          const res = await email(h, 'b-2', 'booking-confirmation', {});
          expect(res.body).toMatchObject({
            locale: 'nl',
            timeZone: 'Europe/Amsterdam',
            subject: 'Je boeking voor Career coaching is bevestigd',
          });
          expect((await h.owner('GET', `${S}/automations/session-reminder/template`)).body).toMatchObject({ locale: 'nl', version: 1 });
          const two = await start('two-sites');
          expect((await two.sync('PUT', `/sites/${SECOND_SITE}/members/olga`, { name: 'Olga', role: 'owner', staffId: null })).status).toBe(
            200,
          );
          const annex = await two.call('olga', 'POST', `/sites/${SECOND_SITE}/bookings/b-2/emails/booking-confirmation`, {});
          expect(annex.body).toMatchObject({ locale: 'nl', timeZone: 'Europe/Amsterdam' });
          expect((await email(two, 'b-2', 'booking-confirmation', {})).body).toMatchObject({ locale: 'en', timeZone: 'UTC' });
        });
      });
    });

    describe('link history (R30)', () => {
      const history = async (h: Harness, sessionId: string, user = 'owner', query = '') =>
        h.call(user, 'GET', `${S}/sessions/${sessionId}/history${query}`);
      const entriesOf = async (h: Harness, sessionId: string): Promise<Json[]> => {
        const res = await history(h, sessionId, 'owner', '?limit=100');
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return res.body.entries;
      };
      const OWNER = { type: 'user', userId: 'owner', name: 'Olivia Owner' };
      const why = (r: Json) => (r.status === 'linked' ? r.source : r.reason);

      it('a seeded session has its baseline and no entry', async () => {
        const h = await start();
        expect(await history(h, 'yoga-1')).toEqual({ status: 200, body: { entries: [], nextCursor: null } });
      });

      it('a course link change: one entry per session of the course, by the owner, from the old link to the course link', async () => {
        const h = await start();
        const before = (await h.owner('GET', `${S}/sessions/pottery-2`)).body.resolution;
        const res = await h.owner('PUT', `${S}/courses/pottery/link`, { link: { url: 'https://whereby.com/pottery' }, version: 0 });
        expect(res.status).toBe(200);
        for (const id of ['pottery-1', 'pottery-2', 'pottery-3']) {
          const entries = await entriesOf(h, id);
          expect(entries, id).toHaveLength(1);
          expect(entries[0]).toMatchObject({
            sessionId: id,
            at: NOW.toISOString(),
            actor: OWNER,
            after: { status: 'linked', source: 'course', link: { guestUrl: 'https://whereby.com/pottery' } },
          });
        }
        // The link as it was, without its start link (R18: never kept).
        const { hostUrl, ...joinLink } = before.link;
        expect(hostUrl).toEqual(expect.any(String));
        expect((await entriesOf(h, 'pottery-2'))[0].before).toEqual({ ...before, link: joinLink });
        // Nothing else moved.
        expect(await entriesOf(h, 'yoga-1')).toEqual([]);
      });

      it('a meeting still pending when its session starts: the session and its newest history entry say none was made (R22)', async () => {
        const h = await start();
        const v = await sessionVersion(h, 'massage-1');
        await h.owner('PUT', `${S}/sessions/massage-1/link`, { change: { kind: 'meeting' }, version: v });
        const pending = { status: 'none', reason: 'PROVIDER_MEETING_PENDING', provider: 'zoom', warnings: [] };
        expect((await entriesOf(h, 'massage-1'))[0]).toMatchObject({ before: { reason: 'OFFLINE' }, after: pending });
        // No worker ran before the session started (the host's server was down, say): it has started without its meeting.
        const massage = (await h.owner('GET', `${S}/sessions/massage-1`)).body.session;
        h.clock.now = new Date(Date.parse(massage.start) + 10 * 60_000);
        const notMade = { ...pending, reason: 'NO_MEETING_MADE' };
        expect((await h.owner('GET', `${S}/sessions/massage-1`)).body.resolution).toEqual(notMade);
        const entries = await entriesOf(h, 'massage-1');
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatchObject({ actor: OWNER, before: { reason: 'OFFLINE' }, after: notMade });
      });

      it('replacing the default: an entry for every upcoming session on it, none for sessions on a staff account', async () => {
        const h = await start();
        const res = await h.owner('PUT', `${S}/settings/default-account`, {
          link: { url: 'https://meet.google.com/new-room' },
          version: await settingsVersion(h),
        });
        expect(res.status).toBe(200);
        for (const id of ['yoga-3', 'coaching-chris-1']) {
          const [entry, ...rest] = await entriesOf(h, id);
          expect(rest, id).toEqual([]);
          expect(entry).toMatchObject({ actor: OWNER, after: { status: 'linked', source: 'default', link: { provider: 'google-meet' } } });
          expect(why(entry.before)).toBe('default');
          expect(entry.before.link.guestUrl).not.toBe(entry.after.link.guestUrl);
        }
        expect(await entriesOf(h, 'coaching-bram-1')).toEqual([]); // Bram's own account
      });

      it('the worker making a meeting: an entry by Zoom after the owner’s; no start link in any answer', async () => {
        const h = await start();
        const v = await sessionVersion(h, 'massage-1');
        await h.owner('PUT', `${S}/sessions/massage-1/link`, { change: { kind: 'meeting' }, version: v });
        await runMeetingWorker(h.store, h.zoom, NOW);
        const detail = (await h.owner('GET', `${S}/sessions/massage-1`)).body.resolution;
        expect(detail.link.hostUrl).toEqual(expect.any(String)); // the owner sees it on the session…
        const res = await history(h, 'massage-1');
        expect(res.body.entries.map((e: Json) => [e.actor, why(e.before), why(e.after)])).toEqual([
          [{ type: 'provider', provider: 'zoom' }, 'PROVIDER_MEETING_PENDING', 'session'],
          [OWNER, 'OFFLINE', 'PROVIDER_MEETING_PENDING'],
        ]);
        expect(res.body.entries[0].after.link).toMatchObject({ type: 'ZOOM', guestUrl: detail.link.guestUrl });
        // …never in its history, for anyone.
        const text = JSON.stringify([res.body, (await history(h, 'massage-1', 'chris')).body]);
        expect(text).not.toContain('hostUrl');
        expect(text).not.toContain(detail.link.hostUrl);
      });

      it('a host sync moving a session to another staff member: an entry by the host’s calendar', async () => {
        const h = await start();
        const session = (await h.owner('GET', `${S}/sessions/coaching-chris-1`)).body.session;
        const moved = { serviceId: 'coaching', staffId: 'bram', start: session.start, end: session.end };
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/coaching-chris-1`, moved)).status).toBe(200);
        const [entry, ...rest] = await entriesOf(h, 'coaching-chris-1');
        expect(rest).toEqual([]);
        expect(entry).toMatchObject({
          actor: { type: 'calendar' },
          before: { source: 'default' },
          after: { source: 'staff', staffId: 'bram' },
        });
        // The same sync again changes nothing.
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/coaching-chris-1`, moved)).status).toBe(200);
        expect(await entriesOf(h, 'coaching-chris-1')).toHaveLength(1);
      });

      it('a staff member reads the history of their own sessions only (R10); an unknown session is not found', async () => {
        const h = await start();
        expect((await history(h, 'coaching-anna-1', 'anna')).status).toBe(200);
        const refused = await history(h, 'yoga-2', 'anna');
        expect(refused.status).toBe(403);
        expect(refused.body.error.code).toBe('FORBIDDEN');
        expect((await history(h, 'yoga-3', 'anna')).status).toBe(403); // nobody's session: the owner's
        expect((await history(h, 'nope')).status).toBe(404);
        expect((await history(h, 'yoga-1', 'owner', '?limit=0')).status).toBe(422);
        expect((await history(h, 'yoga-1', 'owner', '?limit=101')).status).toBe(422);
        expect((await history(h, 'yoga-1', 'owner', '?before=abc')).status).toBe(422);
      });

      it('paging returns every entry once, newest first', async () => {
        const h = await start();
        for (let i = 1; i <= 7; i++) {
          const res = await h.owner('PUT', `${S}/sessions/yoga-1/link`, {
            change: { kind: 'custom', link: { url: `https://whereby.com/room-${i}` } },
            version: await sessionVersion(h, 'yoga-1'),
          });
          expect(res.status).toBe(200);
        }
        const seen: Json[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res: { status: number; body: Json } = await history(h, 'yoga-1', 'owner', `?limit=3${cursor ? `&before=${cursor}` : ''}`);
          expect(res.status).toBe(200);
          expect(res.body.entries.length).toBeLessThanOrEqual(3);
          seen.push(...res.body.entries);
          cursor = res.body.nextCursor;
          pages++;
        } while (cursor !== null && pages < 10);
        expect(pages).toBe(3);
        expect(new Set(seen.map((e) => e.id)).size).toBe(7);
        expect(seen.map((e) => e.after.link.guestUrl)).toEqual([7, 6, 5, 4, 3, 2, 1].map((i) => `https://whereby.com/room-${i}`));
      });
    });

    describe('telling clients (R29)', () => {
      const notices = (h: Harness, query: string, user = 'owner') => h.call(user, 'GET', `${S}/notices?${query}`);
      const listed = async (h: Harness, query: string): Promise<Json> => {
        const res = await notices(h, query);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return res.body;
      };
      const who = (list: Json) => list.notices.map((n: Json) => [n.clientName, n.kind, n.status]).sort();
      const setPolicy = async (h: Harness, policy: string) =>
        expect((await h.owner('PUT', `${S}/settings/notices`, { policy, version: await settingsVersion(h) })).status).toBe(200);
      const courseVersion = async (h: Harness) => (await h.owner('GET', `${S}/courses/pottery/link`)).body.courseLink.version as number;
      const setCourse = async (h: Harness, url: string | null, extra: object = {}) =>
        h.owner('PUT', `${S}/courses/pottery/link`, { link: url ? { url } : null, version: await courseVersion(h), ...extra });
      const setSession = async (h: Harness, id: string, change: Json, extra: object = {}) =>
        h.owner('PUT', `${S}/sessions/${id}/link`, { change, version: await sessionVersion(h, id), ...extra });
      const all = (h: Harness) => h.notices.outbox.list({ site: MAIN_SITE });
      const told = async (h: Harness, sessionId: string) =>
        (await h.owner('GET', `${S}/sessions/${sessionId}/history?limit=100`)).body.entries.map((e: Json) =>
          [...e.told].sort((a: Json, b: Json) => a.bookingId.localeCompare(b.bookingId)),
        );

      it('a course link: one notice per booked client of the course, in the same write; history says who was told', async () => {
        const h = await start();
        const old = (await h.owner('GET', `${S}/sessions/pottery-2`)).body.resolution.link.guestUrl;
        expect((await setCourse(h, 'https://whereby.com/pottery')).status).toBe(200);

        const list = await listed(h, 'serviceId=pottery');
        expect(list.summary).toEqual({ total: 2, sent: 0, pending: 2, failed: 0, held: 0 });
        expect(who(list)).toEqual([
          ['Carla Smit', 'course-changed', 'pending'],
          ['Finn de Boer', 'course-changed', 'pending'],
        ]);
        // Two upcoming sessions, one whole-course booking each: one notice per booking, with the link it replaces.
        const rows = await all(h);
        expect(rows.map((n) => [n.booking, n.oldLink, n.newLink, n.status]).sort()).toEqual([
          ['b-4', old, 'https://whereby.com/pottery', 'queued'],
          ['b-5', old, 'https://whereby.com/pottery', 'queued'],
        ]);
        expect(await told(h, 'pottery-2')).toEqual([
          [
            { bookingId: 'b-4', clientName: 'Finn de Boer', status: 'pending' },
            { bookingId: 'b-5', clientName: 'Carla Smit', status: 'pending' },
          ],
        ]);
        // The course's past session changed too, but nobody is told about a session that is over.
        expect(await told(h, 'pottery-1')).toEqual([[]]);
      });

      it("a session override tells that session's booked client; a session nobody booked tells no one", async () => {
        const h = await start();
        expect((await setSession(h, 'yoga-3', { kind: 'custom', link: { url: 'https://whereby.com/yoga' } })).status).toBe(200);
        expect(who(await listed(h, 'sessionId=yoga-3'))).toEqual([['Eva Mulder', 'booking-changed', 'pending']]);
        expect((await setSession(h, 'yoga-1', { kind: 'custom', link: { url: 'https://whereby.com/yoga-1' } })).status).toBe(200);
        expect((await listed(h, 'sessionId=yoga-1')).summary.total).toBe(0);
        expect(await all(h)).toHaveLength(1);
      });

      it("a staff account set tells that member's booked clients; removed, they are told once the worker has made the default's meeting", async () => {
        const h = await start();
        const anna = await h.owner('PUT', `${S}/staff/anna/account`, {
          link: { url: 'https://whereby.com/anna' },
          version: await staffVersion(h, 'anna'),
        });
        expect(anna.status).toBe(200);
        expect(who(await listed(h, 'sessionId=coaching-anna-1'))).toEqual([['Carla Smit', 'booking-changed', 'pending']]);
        expect((await listed(h, 'serviceId=pottery')).summary.total).toBe(0); // Anna's course uses the default (R5)

        const bram = await h.owner('POST', `${S}/staff/bram/account/remove`, { version: await staffVersion(h, 'bram') });
        expect(bram.status).toBe(200);
        // The default is Zoom: until its meeting exists Daan has no new link to be told about.
        expect((await listed(h, 'sessionId=coaching-bram-1')).summary.total).toBe(0);
        await runMeetingWorker(h.store, h.zoom, NOW);
        const made = (await h.owner('GET', `${S}/sessions/coaching-bram-1`)).body.resolution.link.guestUrl;
        expect(who(await listed(h, 'sessionId=coaching-bram-1'))).toEqual([['Daan Visser', 'booking-changed', 'pending']]);
        const [daan] = await h.notices.outbox.ofBookings(MAIN_SITE, ['b-2']);
        expect(daan).toMatchObject({ oldLink: null, newLink: made, why: { before: 'PROVIDER_MEETING_PENDING', after: 'default' } });
        // The history's entry by Zoom says who was told.
        expect((await told(h, 'coaching-bram-1'))[0]).toEqual([{ bookingId: 'b-2', clientName: 'Daan Visser', status: 'pending' }]);
      });

      it('replacing then disconnecting the default: clients on it are told once, of the last state', async () => {
        const h = await start();
        const replaced = await h.owner('PUT', `${S}/settings/default-account`, {
          link: { url: 'https://meet.google.com/new-room' },
          version: await settingsVersion(h),
        });
        expect(replaced.status).toBe(200);
        expect(who(await listed(h, 'sessionId=yoga-3'))).toEqual([['Eva Mulder', 'booking-changed', 'pending']]);
        expect((await listed(h, 'sessionId=coaching-bram-1')).summary.total).toBe(0); // Bram's own account
        h.clock.now = new Date(NOW.getTime() + 60_000);
        const disconnected = await h.owner('POST', `${S}/settings/default-account/disconnect`, { version: await settingsVersion(h) });
        expect(disconnected.status).toBe(200);
        // A minute later: the same notice, now saying the session has no link.
        const eva = await h.notices.outbox.ofBookings(MAIN_SITE, ['b-3']);
        expect(eva.map((n) => [n.newLink, n.why.after, n.status])).toEqual([[null, 'NO_DEFAULT_ACCOUNT', 'queued']]);
      });

      it("the host's sync moving a session to another staff member tells its booked client", async () => {
        const h = await start();
        const session = (await h.owner('GET', `${S}/sessions/coaching-anna-1`)).body.session;
        const moved = { serviceId: 'coaching', staffId: 'bram', start: session.start, end: session.end };
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/coaching-anna-1`, moved)).status).toBe(200);
        expect(who(await listed(h, 'sessionId=coaching-anna-1'))).toEqual([['Carla Smit', 'booking-changed', 'pending']]);
        const [carla] = await h.notices.outbox.ofBookings(MAIN_SITE, ['b-1']);
        expect(carla?.newLink).toBe('https://meet.google.com/bra-mjan-sen');
      });

      it('a refused write records no notice, and neither does a write rolled back after its notices were recorded', async () => {
        let failHook = false;
        const h = await start('zoom-default', {
          onLinkChanges: async () => {
            if (failHook) throw new Error('the host hook failed (injected)');
          },
        });
        const stale = await h.owner('PUT', `${S}/courses/pottery/link`, { link: { url: 'https://whereby.com/x' }, version: 7 });
        expect(stale.status).toBe(409);
        expect(await all(h)).toEqual([]);
        // The host's hook runs after R29's in the same transaction: its failure takes the notices with it.
        failHook = true;
        expect((await setCourse(h, 'https://whereby.com/pottery')).status).toBe(500);
        failHook = false;
        expect(await all(h)).toEqual([]);
        expect((await h.owner('GET', `${S}/courses/pottery/link`)).body.courseLink.link).toBeNull();
        expect((await listed(h, 'serviceId=pottery')).summary.total).toBe(0);
      });

      it('"let me review first" holds notices until the owner sends them; only the owner may send', async () => {
        const h = await start();
        await setPolicy(h, 'review');
        expect((await h.owner('GET', `${S}/settings`)).body.notices).toBe('review');
        expect((await setCourse(h, 'https://whereby.com/pottery')).status).toBe(200);
        const held = await listed(h, 'serviceId=pottery');
        expect(held.summary).toEqual({ total: 2, sent: 0, pending: 0, failed: 0, held: 2 });
        const ids = held.notices.map((n: Json) => n.id);
        const byStaff = await h.call('anna', 'POST', `${S}/notices/send`, { ids });
        expect([byStaff.status, byStaff.body.error.code]).toEqual([403, 'FORBIDDEN']);
        expect(await h.owner('POST', `${S}/notices/send`, { ids: [...ids, 'not-a-notice'] })).toEqual({ status: 200, body: { queued: 2 } });
        expect((await listed(h, 'serviceId=pottery')).summary).toMatchObject({ pending: 2, held: 0 });
        // Sent already: nothing more to send.
        expect((await h.owner('POST', `${S}/notices/send`, { ids })).body).toEqual({ queued: 0 });
      });

      it('"Tell them now" decides over the policy: unticked holds, ticked sends — even with notices off', async () => {
        const h = await start();
        // auto, unticked: held for later.
        await setSession(h, 'yoga-3', { kind: 'custom', link: { url: 'https://whereby.com/a' } }, { tellClients: false });
        expect((await listed(h, 'sessionId=yoga-3')).summary).toMatchObject({ total: 1, held: 1 });
        // review, ticked: sent (the held notice of the same booking joins it).
        await setPolicy(h, 'review');
        await setSession(h, 'yoga-3', { kind: 'custom', link: { url: 'https://whereby.com/b' } }, { tellClients: true });
        expect((await listed(h, 'sessionId=yoga-3')).summary).toMatchObject({ total: 1, pending: 1, held: 0 });
        // off, not asked: none; off, ticked: sent.
        await setPolicy(h, 'off');
        await setSession(h, 'coaching-anna-1', { kind: 'custom', link: { url: 'https://whereby.com/c' } });
        expect((await listed(h, 'sessionId=coaching-anna-1')).summary.total).toBe(0);
        await setSession(h, 'coaching-anna-1', { kind: 'custom', link: { url: 'https://whereby.com/d' } }, { tellClients: true });
        expect((await listed(h, 'sessionId=coaching-anna-1')).summary).toMatchObject({ total: 1, pending: 1 });
        // off: a change nobody chose in a dialog (the host's calendar) records none.
        const session = (await h.owner('GET', `${S}/sessions/coaching-bram-1`)).body.session;
        const moved = { serviceId: 'coaching', staffId: 'chris', start: session.start, end: session.end };
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/coaching-bram-1`, moved)).status).toBe(200);
        expect((await listed(h, 'sessionId=coaching-bram-1')).summary.total).toBe(0);
      });

      it('"Tell them now" of a Zoom connection holds until the worker has made the meetings, and decides for their notices then', async () => {
        const h = await start('custom-default');
        const started = await h.owner('POST', `${S}/connections`, { provider: 'zoom', target: { type: 'default' } });
        const done = await h.owner('POST', `${S}/connections/complete`, {
          state: started.body.state,
          code: 'allow:olivia@zoom.example',
          version: await settingsVersion(h),
          tellClients: false,
        });
        expect(done.status, JSON.stringify(done.body)).toBe(200);
        // The meetings are on their way: nobody has a new link to be told about yet.
        expect(await all(h)).toEqual([]);
        await runMeetingWorker(h.store, h.zoom, NOW);
        // Made by the worker, told as the owner chose in the dialog (unticked: held), not by the site's `auto`.
        expect(who(await listed(h, 'sessionId=yoga-3'))).toEqual([['Eva Mulder', 'booking-changed', 'held']]);
        expect((await listed(h, 'serviceId=pottery')).summary).toMatchObject({ total: 2, held: 2 });
        // The choice was for that change only: nothing of it is left for a later meeting.
        const left = await h.store.transaction((tx) => tx.takeNoticeChoices(MAIN_SITE, ['yoga-3', 'pottery-2', 'pottery-3']));
        expect([...left]).toEqual([]);
      });

      it("a staff member's \"Tell them now\" is for their own change: meetings of the owner's change, made in the same inline run, follow the owner's choice (off: no one told)", async () => {
        const h = await start('custom-default', { meetings: 'inline', pendingReads: 1 });
        await setPolicy(h, 'off');
        const started = await h.owner('POST', `${S}/connections`, { provider: 'zoom', target: { type: 'default' } });
        const done = await h.owner('POST', `${S}/connections/complete`, {
          state: started.body.state,
          code: 'allow:olivia@zoom.example',
          version: await settingsVersion(h),
        });
        expect(done.status, JSON.stringify(done.body)).toBe(200);
        // Zoom is still making the owner's meetings: pending, nobody told.
        expect((await h.owner('GET', `${S}/sessions/yoga-3`)).body.resolution.reason).toBe('PROVIDER_MEETING_PENDING');
        h.clock.now = new Date(NOW.getTime() + 10 * 60_000);
        const anna = await h.call('anna', 'PUT', `${S}/staff/anna/account`, {
          link: { url: 'https://whereby.com/anna' },
          version: await staffVersion(h, 'anna'),
          tellClients: true,
        });
        expect(anna.status, JSON.stringify(anna.body)).toBe(200);
        // Anna's write ran the worker inline: the owner's meetings are made now …
        expect((await h.owner('GET', `${S}/sessions/yoga-3`)).body.resolution.status).toBe('linked');
        // … and their clients are not told on Anna's word: only her own sessions' clients are.
        const told = await all(h);
        expect(told.length).toBeGreaterThan(0);
        for (const n of told) expect((await h.owner('GET', `${S}/sessions/${n.session}`)).body.session.staffId, n.session).toBe('anna');
      });

      it("a change in the host's data (a service synced offline) is the calendar's: recorded when synced, by the policy (off: no one told), never told later on a staff member's \"Tell them now\"", async () => {
        const h = await start();
        await setPolicy(h, 'off');
        const yoga = { name: 'Morning yoga', kind: 'class' };
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/services/yoga`, { ...yoga, online: false })).status).toBe(200);
        // The history says the host's calendar changed it, when it did.
        const history = (await h.owner('GET', `${S}/sessions/yoga-3/history`)).body;
        expect(history.entries[0]).toMatchObject({ actor: { type: 'calendar' }, after: { status: 'none' } });
        const anna = await h.call('anna', 'PUT', `${S}/staff/anna/account`, {
          link: { url: 'https://whereby.com/anna' },
          version: await staffVersion(h, 'anna'),
          tellClients: true,
        });
        expect(anna.status, JSON.stringify(anna.body)).toBe(200);
        expect((await listed(h, 'sessionId=yoga-3')).summary.total).toBe(0);
        expect((await listed(h, 'sessionId=coaching-anna-1')).summary).toMatchObject({ total: 1, pending: 1 });
      });

      it("a service switched off tells its booked clients their session has no link now, as the switch's dialog chose", async () => {
        const h = await start();
        const off = await h.owner('PUT', `${S}/services/yoga/video`, {
          online: false,
          version: await videoVersion(h, 'yoga'),
          tellClients: false,
        });
        expect(off.status).toBe(200);
        expect(who(await listed(h, 'sessionId=yoga-3'))).toEqual([['Eva Mulder', 'booking-changed', 'held']]);
        const [eva] = await h.notices.outbox.ofBookings(MAIN_SITE, ['b-3']);
        expect(eva).toMatchObject({ newLink: null, why: { before: 'default', after: 'OFFLINE' } });
      });

      it('changes close together become one notice; a link changed back cancels it', async () => {
        const h = await start('custom-default');
        await setSession(h, 'yoga-3', { kind: 'custom', link: { url: 'https://whereby.com/a' } });
        h.clock.now = new Date(NOW.getTime() + 60_000);
        await setSession(h, 'yoga-3', { kind: 'custom', link: { url: 'https://whereby.com/b' } });
        const rows = await all(h);
        expect(rows.map((n) => n.newLink)).toEqual(['https://whereby.com/b']);
        h.clock.now = new Date(NOW.getTime() + 120_000);
        await setSession(h, 'yoga-3', { kind: 'reset' });
        expect(await all(h)).toEqual([]);
        expect((await listed(h, 'sessionId=yoga-3')).summary.total).toBe(0);
      });

      it('the list counts what delivery did: sent, failed with a short reason, and sent again on request', async () => {
        const h = await start();
        expect((await setCourse(h, 'https://whereby.com/pottery')).status).toBe(200);
        const result = await runDelivery({
          outbox: h.notices.outbox,
          now: () => h.clock.now,
          render: plainNoticeRender,
          transport: {
            name: 'test',
            async send(notice) {
              if (notice.client.email.startsWith('finn@')) throw new TransportError('address refused', true);
            },
          },
        });
        expect(result).toMatchObject({ sent: 1, dead: 1 });
        const list = await listed(h, 'serviceId=pottery');
        expect(list.summary).toEqual({ total: 2, sent: 1, pending: 0, failed: 1, held: 0 });
        const failed = list.notices.find((n: Json) => n.status === 'failed');
        expect(failed).toMatchObject({ clientName: 'Finn de Boer', error: 'address refused', sentAt: null });
        expect(list.notices.find((n: Json) => n.status === 'sent').sentAt).toBe(NOW.toISOString());
        expect(JSON.stringify(list)).not.toContain('@clients.example');
        expect((await told(h, 'pottery-3'))[0].map((t: Json) => t.status)).toEqual(['failed', 'sent']);
        expect((await h.owner('POST', `${S}/notices/send`, { ids: [failed.id] })).body).toEqual({ queued: 1 });
        expect((await listed(h, 'serviceId=pottery')).summary).toMatchObject({ sent: 1, pending: 1, failed: 0 });
      });

      it("who may read them: the owner any session's or course's, a staff member their own sessions' only", async () => {
        const h = await start();
        expect((await notices(h, 'sessionId=coaching-anna-1', 'anna')).status).toBe(200);
        for (const [query, user] of [
          ['sessionId=yoga-2', 'anna'],
          ['sessionId=yoga-3', 'anna'],
          ['serviceId=pottery', 'anna'],
        ] as const) {
          const res = await notices(h, query, user);
          expect([query, res.status, res.body.error.code]).toEqual([query, 403, 'FORBIDDEN']);
        }
        expect((await notices(h, 'sessionId=nope')).status).toBe(404);
        expect((await notices(h, 'serviceId=nope')).status).toBe(404);
        expect((await notices(h, '')).status).toBe(422);
        expect((await notices(h, 'sessionId=yoga-3&serviceId=pottery')).status).toBe(422);
        expect((await h.call('anna', 'PUT', `${S}/settings/notices`, { policy: 'off', version: await settingsVersion(h) })).status).toBe(
          403,
        );
        expect((await h.owner('PUT', `${S}/settings/notices`, { policy: 'off', version: 0 })).status).toBe(409);
        expect((await h.owner('PUT', `${S}/settings/notices`, { policy: 'never', version: await settingsVersion(h) })).status).toBe(422);
      });
    });

    describe('the host sync API', () => {
      it('refuses a missing or wrong secret', async () => {
        const h = await start();
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/clients/c-new`, { name: 'N', email: 'n@x' }, 'wrong')).status).toBe(401);
      });
      it('takes a path with a trailing or doubled slash as before the router was shared (hosts build these URLs by hand)', async () => {
        const h = await start();
        const client = { name: 'N', email: 'n@x.example' };
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/clients/c-new/`, client)).status).toBe(200);
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}//clients/c-new`, client)).status).toBe(200);
        expect(
          (
            await h.sync('PUT', `/sites/${MAIN_SITE}/`, {
              name: 'Studio Noord',
              plan: { id: 'business', name: 'Business', includesOnlineSessions: true },
            })
          ).status,
        ).toBe(200);
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/clients`, client)).status).toBe(404);
      });
      it('upserts idempotently and deletes; a moved session gets its meeting updated, keeping its link meanwhile', async () => {
        const h = await start();
        const before = (await h.owner('GET', `${S}/sessions/coaching-chris-1`)).body;
        const moved = { serviceId: 'coaching', staffId: 'chris', start: '2030-03-07T10:00:00.000Z', end: '2030-03-07T11:00:00.000Z' };
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/coaching-chris-1`, moved)).status).toBe(200);
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/coaching-chris-1`, moved)).status).toBe(200);
        const after = (await h.owner('GET', `${S}/sessions/coaching-chris-1`)).body;
        expect(after.session.start).toBe(moved.start);
        expect(after.resolution.link.guestUrl).toBe(before.resolution.link.guestUrl);
        const r = await runMeetingWorker(h.store, h.zoom, NOW);
        expect(r).toMatchObject({ updated: 1, created: 0 });
        expect((await h.sync('DELETE', `/sites/${MAIN_SITE}/sessions/coaching-chris-1`)).status).toBe(200);
        expect((await h.sync('DELETE', `/sites/${MAIN_SITE}/sessions/coaching-chris-1`)).status).toBe(200);
        expect((await h.owner('GET', `${S}/sessions/coaching-chris-1`)).status).toBe(404);
        expect((await runMeetingWorker(h.store, h.zoom, NOW)).deleted).toBe(1);
      });
      it('a new member can sign in with the role the host gave', async () => {
        const h = await start();
        expect((await h.call('dana', 'GET', `${S}/me`)).status).toBe(403);
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/members/dana`, { name: 'Dana', role: 'owner', staffId: null })).status).toBe(200);
        expect((await h.call('dana', 'GET', `${S}/me`)).body).toMatchObject({ role: 'owner', name: 'Dana' });
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/members/dana`, { name: 'Dana', role: 'boss' })).status).toBe(422);
      });
      it('refuses a session of an unknown service or staff member, or ending before it starts: 422 with fields, nothing written', async () => {
        const h = await start();
        const session = { serviceId: 'coaching', staffId: 'chris', start: '2030-03-07T10:00:00.000Z', end: '2030-03-07T11:00:00.000Z' };
        const unknownService = await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/s-new`, { ...session, serviceId: 'no-such-service' });
        expect(unknownService).toMatchObject({
          status: 422,
          body: { error: { code: 'VALIDATION', fields: { serviceId: [expect.any(String)] } } },
        });
        const unknownStaff = await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/s-new`, { ...session, staffId: 'nobody' });
        expect(unknownStaff).toMatchObject({
          status: 422,
          body: { error: { code: 'VALIDATION', fields: { staffId: [expect.any(String)] } } },
        });
        const backwards = await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/s-new`, { ...session, end: '2030-03-07T09:00:00.000Z' });
        expect(backwards).toMatchObject({ status: 422, body: { error: { code: 'VALIDATION', fields: { end: [expect.any(String)] } } } });
        const empty = await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/s-new`, { ...session, end: session.start });
        expect(empty.body.error.fields).toHaveProperty('end');
        expect((await h.owner('GET', `${S}/sessions/s-new`)).status).toBe(404);
        // An existing session is not moved backwards either.
        const before = (await h.owner('GET', `${S}/sessions/coaching-chris-1`)).body.session;
        const moved = { serviceId: 'coaching', staffId: 'chris', start: before.end, end: before.start };
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/coaching-chris-1`, moved)).status).toBe(422);
        expect((await h.owner('GET', `${S}/sessions/coaching-chris-1`)).body.session).toEqual(before);
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/s-new`, session)).status).toBe(200);
      });
      it('refuses a booking of an unknown client, service or session, or of another service’s session: 422 with fields, nothing written', async () => {
        const h = await start();
        const bookingsOf = () => h.store.transaction((tx) => tx.listBookings(MAIN_SITE, { sessionIds: ['coaching-chris-1'] }));
        const before = await bookingsOf();
        const booking = { clientId: 'c-carla', serviceId: 'coaching', sessionId: 'coaching-chris-1' };
        const refused = async (body: unknown, field: string) => {
          const answer = await h.sync('PUT', `/sites/${MAIN_SITE}/bookings/b-new`, body);
          expect(answer).toMatchObject({ status: 422, body: { error: { code: 'VALIDATION', fields: { [field]: [expect.any(String)] } } } });
        };
        await refused({ ...booking, clientId: 'c-nobody' }, 'clientId');
        await refused({ ...booking, serviceId: 'no-such-service', sessionId: null }, 'serviceId');
        await refused({ ...booking, sessionId: 'no-such-session' }, 'sessionId');
        await refused({ ...booking, sessionId: 'yoga-3' }, 'sessionId');
        expect(await bookingsOf()).toEqual(before);
        expect((await h.sync('PUT', `/sites/${MAIN_SITE}/bookings/b-new`, booking)).status).toBe(200);
        expect((await bookingsOf()).map((b) => b.id)).toContain('b-new');
      });
      it('an unknown resource name is 404, never a 500', async () => {
        const h = await start();
        for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
          expect((await h.sync('PUT', `/sites/${MAIN_SITE}/${name}/x`, { name: 'x' })).status).toBe(404);
        }
      });
    });

    it('seeds every scenario through the Store interface', async () => {
      for (const scenarioName of SCENARIOS.filter((s) => s !== 'busy-calendar')) {
        const h = await start(scenarioName);
        expect((await h.owner('GET', `${S}/settings`)).status).toBe(200);
      }
    });
  });
}
