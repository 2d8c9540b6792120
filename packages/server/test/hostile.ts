import { API_ERROR_CODES, type RouteName, routes } from '@session-links/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandler, createRateLimiter, type RequestHandler, type Store, SYNC_SECRET_HEADER } from '../src';
import { createFakeZoomGateway, MAIN_SITE, SECOND_SITE, seedScenario } from '../src/testing';

// Answers are checked field by field; a loose type keeps that readable.
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the answers under test
type Json = any;

/**
 * The hostile-input suite (R26), run against one kind of store: every family of malformed
 * request, in several spellings, to every route (path, query, body) and the sync API. Each
 * answer must be a 4xx with a code in the body and `nosniff`, no fault reported, and what
 * the owner can read must be exactly as it was. `openStore` returns an EMPTY store, opened
 * once for the file (the suite seeds it once and never writes successfully).
 */
export function hostileSuite(name: string, openStore: () => Promise<Store>): void {
  const NOW = new Date('2030-03-04T12:00:00Z');
  const BASE = 'http://host.example/api/session-links';
  const SECRET = 'sync-secret-for-hostile-tests';
  const S = `/sites/${MAIN_SITE}`;
  const range = `from=${encodeURIComponent('2030-02-01T00:00:00Z')}&to=${encodeURIComponent('2030-04-01T00:00:00Z')}`;

  let store: Store;
  let handler: RequestHandler;
  const faults: unknown[] = [];

  beforeAll(async () => {
    store = await openStore();
    const zoom = createFakeZoomGateway({ zoomEmailOf: (u) => `${u}@zoom.example` });
    await store.transaction(seedScenario('zoom-default', { zoom, now: NOW }));
    handler = createHandler({
      store,
      zoom,
      now: () => NOW,
      meetings: 'worker',
      sync: { secret: SECRET },
      authenticate: async (request) => {
        const auth = request.headers.get('authorization') ?? '';
        return auth.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
      },
      // Hundreds of requests as one owner: the limiter has its own family below.
      rateLimit: false,
      onError: (error) => faults.push(error),
    });
  }, 120_000);
  afterAll(() => store?.close());

  interface Answer {
    status: number;
    body: Json;
    nosniff: boolean;
  }
  async function send(method: string, path: string, init: { body?: string; headers?: Record<string, string>; user?: string | null } = {}) {
    const headers = new Headers(init.headers);
    const user = init.user === undefined ? 'owner' : init.user;
    if (user) headers.set('authorization', `Bearer dev:${user}`);
    if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const res = await handler(new Request(`${BASE}${path}`, { method, headers, body: init.body }));
    const text = await res.text();
    let body: Json = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    return { status: res.status, body, nosniff: res.headers.get('x-content-type-options') === 'nosniff' } satisfies Answer;
  }
  const json = (method: string, path: string, body: unknown, user?: string | null) =>
    send(method, path, { body: JSON.stringify(body), user });

  /** A refusal as R26 says: 4xx, a code the contract knows, nosniff. */
  function refused(answer: Answer, what: string) {
    expect(answer.status, `${what} → ${answer.status} ${JSON.stringify(answer.body)}`).toBeGreaterThanOrEqual(400);
    expect(answer.status, `${what} → ${answer.status} ${JSON.stringify(answer.body)}`).toBeLessThan(500);
    expect(API_ERROR_CODES, `${what}: a code in the body`).toContain(answer.body?.error?.code);
    expect(answer.nosniff, `${what}: nosniff`).toBe(true);
  }

  /** Everything the owner (and a staff member) can read: a refusal leaves it exactly as it was. */
  const everything = async () =>
    JSON.stringify(
      await Promise.all(
        [
          `${S}/me`,
          `${S}/settings`,
          `${S}/staff`,
          `${S}/services`,
          `${S}/sessions?${range}`,
          `${S}/sessions/yoga-1`,
          `${S}/courses/pottery/link`,
          `${S}/automations`,
          `${S}/automations/booking-confirmation/template`,
        ].map(async (path) => {
          const a = await send('GET', path);
          expect(a.status, path).toBe(200);
          return a.body;
        }),
      ),
    );

  /** Runs a family: the state before and after must be the same, and nothing reported as a fault. */
  async function family(run: () => Promise<void>) {
    const before = await everything();
    faults.length = 0;
    await run();
    expect(faults, 'faults reported to onError').toEqual([]);
    expect(await everything()).toBe(before);
  }

  const VALID_PARAMS: Record<string, string> = {
    siteId: MAIN_SITE,
    staffId: 'bram',
    sessionId: 'yoga-1',
    serviceId: 'pottery',
    automationId: 'booking-confirmation',
  };
  const ROUTES = Object.entries(routes) as [RouteName, (typeof routes)[RouteName]][];
  /** Every route's path with `param` spelt `segment` (raw, as sent) and the others valid. */
  const pathsWith = (segment: string) =>
    ROUTES.flatMap(([op, route]) =>
      [...route.path.matchAll(/\{(\w+)\}/g)].map(([, param]) => ({
        op,
        method: route.method.toUpperCase(),
        param: param as string,
        path: route.path.replace(/\{(\w+)\}/g, (_m, p: string) => (p === param ? segment : encodeURIComponent(VALID_PARAMS[p] as string))),
      })),
    );

  const version = async (path: string, pick: (body: Json) => number = (b) => b.version) => pick((await send('GET', path)).body);
  /** A valid body for every write, with every kind of text field present: what the families poison. */
  const writes: { op: RouteName; method: string; path: string; body: () => Promise<Json> }[] = [
    {
      op: 'setDefaultCustomLink',
      method: 'PUT',
      path: `${S}/settings/default-account`,
      body: async () => ({
        link: { url: 'https://whereby.com/new', password: 'pw', description: 'Room' },
        version: await version(`${S}/settings`),
      }),
    },
    {
      op: 'disconnectDefault',
      method: 'POST',
      path: `${S}/settings/default-account/disconnect`,
      body: async () => ({ version: await version(`${S}/settings`) }),
    },
    {
      op: 'startConnection',
      method: 'POST',
      path: `${S}/connections`,
      body: async () => ({ provider: 'zoom', target: { type: 'staff', staffId: 'bram' } }),
    },
    {
      op: 'completeConnection',
      method: 'POST',
      path: `${S}/connections/complete`,
      body: async () => ({ state: 'x'.repeat(32), code: 'allow:olivia@zoom.example', version: await version(`${S}/settings`) }),
    },
    {
      op: 'previewImpact',
      method: 'POST',
      path: `${S}/impact`,
      body: async () => ({
        type: 'set-course-link',
        serviceId: 'pottery',
        link: { url: 'https://whereby.com/p', password: 'pw', description: 'd' },
      }),
    },
    {
      op: 'setStaffCustomLink',
      method: 'PUT',
      path: `${S}/staff/chris/account`,
      body: async () => ({
        link: { url: 'https://whereby.com/chris', password: 'pw', description: 'Room' },
        version: await version(`${S}/staff`, (b) => b.find((s: Json) => s.id === 'chris').version),
      }),
    },
    {
      op: 'removeStaffAccount',
      method: 'POST',
      path: `${S}/staff/bram/account/remove`,
      body: async () => ({ version: await version(`${S}/staff`, (b) => b.find((s: Json) => s.id === 'bram').version) }),
    },
    {
      op: 'setSessionLink',
      method: 'PUT',
      path: `${S}/sessions/yoga-1/link`,
      body: async () => ({
        change: { kind: 'custom', link: { url: 'https://whereby.com/y', password: 'pw', description: 'Room' } },
        version: await version(`${S}/sessions/yoga-1`, (b) => b.session.version),
      }),
    },
    {
      op: 'setCourseLink',
      method: 'PUT',
      path: `${S}/courses/pottery/link`,
      body: async () => ({
        link: { url: 'https://whereby.com/pottery', password: 'pw', description: 'Room' },
        version: await version(`${S}/courses/pottery/link`, (b) => b.courseLink.version),
      }),
    },
    {
      op: 'saveTemplate',
      method: 'PUT',
      path: `${S}/automations/booking-confirmation/template`,
      body: async () => ({
        subject: 'Booked',
        body: 'See you',
        joinOnline: { elements: ['join-link'] },
        version: await version(`${S}/automations/booking-confirmation/template`),
      }),
    },
    {
      op: 'resetTemplate',
      method: 'POST',
      path: `${S}/automations/booking-confirmation/template/reset`,
      body: async () => ({ version: await version(`${S}/automations/booking-confirmation/template`) }),
    },
  ];

  /** Copies of `body` with one leaf changed by `change`, for every leaf `pick` selects. */
  function variants(body: Json, pick: (value: unknown) => boolean, change: (value: Json) => unknown): { at: string; body: Json }[] {
    const out: { at: string; body: Json }[] = [];
    const walk = (node: Json, path: (string | number)[]) => {
      if (node !== null && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) walk(v, [...path, Array.isArray(node) ? Number(k) : k]);
        return;
      }
      if (!pick(node)) return;
      const copy = structuredClone(body);
      let target = copy;
      for (const k of path.slice(0, -1)) target = target[k as string];
      target[path.at(-1) as string] = change(node);
      out.push({ at: path.join('.'), body: copy });
    };
    walk(body, []);
    return out;
  }

  // Spellings: percent-encoding that is not UTF-8, NUL and controls, lone surrogates.
  const MALFORMED = ['%ZZ', '%E0%A4%A', '%ED%A0%80', '%', '%C0%AF', '%FF', 'a%2', '%F4%90%80%80'];
  const BAD_IDS = ['%00', 'site-studio%00', '%00yoga-1', '%01', 'a%7Fb', '%C2%85', '%0A', 'a%0D%0Ab'];
  const BAD_TEXT = ['\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\udc00', '\ud83d'];
  const BAD_NUMBERS = [2 ** 31, 2 ** 31 + 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53, 1e308, -1, 0.5, Number.MAX_VALUE];

  describe(`hostile input (${name}): every malformed request gets a 4xx with a code and changes nothing (R26)`, () => {
    it('malformed percent-encoding in any path parameter, signed in or not: 4xx before authentication', async () => {
      await family(async () => {
        for (const segment of MALFORMED) {
          for (const { method, path, param } of pathsWith(segment)) {
            for (const user of ['owner', null]) {
              const a = await send(method, path, { body: method === 'GET' ? undefined : '{}', user });
              refused(a, `${user ?? 'nobody'} ${method} ${path}`);
              expect(a.status, `${method} ${path} (${param})`).toBe(404);
            }
          }
          refused(await send('GET', `/sites/${segment}/me`, { user: null }), `GET /sites/${segment}/me`);
        }
      });
    });

    it('the Zoom callback page (no user, no Zoom configuration needed): a state with NUL, a lone surrogate or markup is a 400 page, never a 500', async () => {
      for (const state of [
        '%00aaaaaaaaaaaaaaaaaaaaaa',
        'aaaaaaaaaaaaaaaaaaaa%00',
        '%ED%A0%80aaaaaaaaaaaaaaaaaaaa',
        '%3Cscript%3Eaaaaaaaaaaaaaaaa',
        'a'.repeat(300),
      ]) {
        const a = await send('GET', `/zoom/callback?state=${state}&code=x`, { user: null });
        expect(a.status, state).toBe(400);
        expect(a.nosniff, state).toBe(true);
      }
    });

    it('NUL and control characters in any id: 404 NOT_FOUND, never looked up', async () => {
      await family(async () => {
        for (const segment of BAD_IDS) {
          for (const { method, path } of pathsWith(segment)) {
            const a = await send(method, path, { body: method === 'GET' ? undefined : '{}' });
            refused(a, `${method} ${path}`);
            expect(a.status, `${method} ${path}`).toBe(404);
          }
        }
      });
    });

    it('NUL and lone surrogates in every text field of every write body: 422 VALIDATION with a field error', async () => {
      await family(async () => {
        for (const write of writes) {
          const valid = await write.body();
          for (const bad of BAD_TEXT) {
            for (const v of variants(
              valid,
              (x) => typeof x === 'string',
              (x) => `${x}${bad}`,
            )) {
              const a = await json(write.method, write.path, v.body);
              refused(a, `${write.op} ${v.at} + ${JSON.stringify(bad)}`);
              expect(a.status, `${write.op} ${v.at}`).toBe(422);
              expect(Object.keys(a.body.error.fields ?? {}).length, `${write.op} ${v.at}: a field error`).toBeGreaterThan(0);
            }
          }
        }
      });
    });

    it('versions and numbers outside the stored range, or of the wrong type, on every write: 422', async () => {
      await family(async () => {
        for (const write of writes) {
          const valid = await write.body();
          const bads: unknown[] = [...BAD_NUMBERS, '1', null, true, [], {}];
          for (const bad of bads) {
            for (const v of variants(
              valid,
              (x) => typeof x === 'number',
              () => bad,
            )) {
              const a = await json(write.method, write.path, v.body);
              refused(a, `${write.op} ${v.at} = ${JSON.stringify(bad)}`);
              expect(a.status, `${write.op} ${v.at} = ${JSON.stringify(bad)}`).toBe(422);
              expect(a.body.error.fields, `${write.op} ${v.at}`).toHaveProperty(v.at);
            }
          }
        }
      });
    });

    it('bodies that are not what the route takes: wrong types, not JSON, too large, not declared as JSON', async () => {
      await family(async () => {
        const bodies = [
          '',
          'null',
          '[]',
          '"text"',
          '42',
          '{"version":',
          '{"version": 1,}',
          '\ufeff{}',
          '{"__proto__": {"version": 1}, "version": "x"}',
          `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
          JSON.stringify({ pad: 'x'.repeat(70_000) }),
          '"\\ud800"',
          '{"\\u0000": 1}',
        ];
        for (const write of writes) {
          for (const body of bodies) refused(await send(write.method, write.path, { body }), `${write.op} ${body.slice(0, 30)}`);
          refused(
            await send(write.method, write.path, { body: '{}', headers: { 'content-type': 'text/plain' } }),
            `${write.op} text/plain`,
          );
          refused(
            await send(write.method, write.path, {
              body: JSON.stringify(await write.body()),
              headers: { 'content-type': 'application/xml' },
            }),
            `${write.op} xml`,
          );
        }
      });
    });

    it('listSessions: insane dates, NUL, malformed encoding and ranges past the cap in from and to: 422', async () => {
      await family(async () => {
        const good = '2030-03-01T00:00:00Z';
        const dates = [
          '0000-01-01T00:00:00Z',
          '0000-12-31T23:59:59.999Z',
          '0001-01-01T00:00:00+14:00',
          '1899-12-31T23:59:59Z',
          '9999-12-31T23:59:59Z',
          '+275760-09-13T00:00:00Z',
          '-000001-01-01T00:00:00Z',
          '2030-02-30T00:00:00Z',
          '2030-03-01T24:00:00Z',
          '2030-03-01T00:00:00\u0000Z',
          '2030-03-01T00:00:00Z\ud800',
          '',
          'now',
        ];
        // A lone surrogate has no UTF-8: sent as the bytes of one (which URLSearchParams reads as U+FFFD).
        const enc = (d: string) => encodeURIComponent(d.replace(/[\ud800-\udfff]/g, '')) + (/[\ud800-\udfff]/.test(d) ? '%ED%A0%80' : '');
        const queries: string[] = [];
        for (const d of dates) {
          queries.push(`from=${enc(d)}&to=${enc(good)}`);
          queries.push(`from=${enc(good)}&to=${enc(d)}`);
        }
        queries.push(
          `from=${encodeURIComponent('1990-01-01T00:00:00Z')}&to=${encodeURIComponent('2030-01-01T00:00:00Z')}`,
          `from=${encodeURIComponent('2030-01-01T00:00:00Z')}&to=${encodeURIComponent('2030-03-05T00:00:00Z')}`,
          `from=${encodeURIComponent('2030-03-05T00:00:00Z')}&to=${encodeURIComponent('2030-01-01T00:00:00Z')}`,
          'from=%ZZ&to=%E0%A4%A',
          'from=%00&to=%00',
          'to=2030-03-01T00:00:00Z',
          '',
        );
        for (const q of queries) {
          const a = await send('GET', `${S}/sessions?${q}`);
          refused(a, `listSessions ${q}`);
          expect(a.status, `listSessions ${q}`).toBe(422);
        }
        const tooLong = await send(
          'GET',
          `${S}/sessions?from=${encodeURIComponent('2030-01-01T00:00:00Z')}&to=${encodeURIComponent('2030-12-01T00:00:00Z')}`,
        );
        expect(tooLong.body.error.fields).toEqual({ to: ['range.tooLong'] });
      });
    });

    it('the sync API: malformed encoding, NUL ids, unstorable names, insane dates and out-of-range values', async () => {
      await family(async () => {
        const sync = (method: string, path: string, body?: unknown, secret = SECRET) =>
          send(method, `/sync${path}`, {
            user: null,
            body: body === undefined ? undefined : JSON.stringify(body),
            headers: { [SYNC_SECRET_HEADER]: secret },
          });
        for (const segment of [...MALFORMED, ...BAD_IDS]) {
          for (const path of [
            `/sites/${segment}`,
            `/sites/${segment}/staff/x`,
            `/sites/${MAIN_SITE}/staff/${segment}`,
            `/sites/${MAIN_SITE}/${segment}/x`,
          ]) {
            refused(await sync('PUT', path, { name: 'X', email: 'x@example.com' }), `sync PUT ${path}`);
            refused(await sync('DELETE', path), `sync DELETE ${path}`);
          }
        }
        const bodies: [string, Json][] = [
          ['staff/bram', { name: 'Bram', email: 'bram@example.com' }],
          ['members/owner', { name: 'Owner', role: 'owner', staffId: null }],
          ['services/pottery', { name: 'Pottery', kind: 'course', online: true }],
          ['clients/c-hostile', { name: 'Client', email: 'c@example.com' }],
          ['sessions/yoga-1', { serviceId: 'yoga', staffId: 'bram', start: '2030-03-05T09:00:00Z', end: '2030-03-05T10:00:00Z' }],
        ];
        for (const [path, valid] of bodies) {
          for (const bad of BAD_TEXT) {
            for (const v of variants(
              valid,
              (x) => typeof x === 'string',
              (x) => `${x}${bad}`,
            )) {
              const a = await sync('PUT', `/sites/${MAIN_SITE}/${path}`, v.body);
              refused(a, `sync ${path} ${v.at}`);
              expect(a.status, `sync ${path} ${v.at}`).toBe(422);
            }
          }
        }
        for (const when of ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
          for (const field of ['start', 'end']) {
            const body = { serviceId: 'yoga', staffId: 'bram', start: '2030-03-05T09:00:00Z', end: '2030-03-05T10:00:00Z', [field]: when };
            refused(await sync('PUT', `/sites/${MAIN_SITE}/sessions/yoga-1`, body), `sync session ${field} ${when}`);
          }
        }
        refused(
          await sync('PUT', `/sites/${MAIN_SITE}`, { name: 'Studio\u0000', plan: { id: 'p', name: 'P', includesOnlineSessions: true } }),
          'sync site',
        );
        refused(
          await sync('PUT', `/sites/${MAIN_SITE}`, { name: 'Studio', plan: { id: 'p', name: 'P\ud800', includesOnlineSessions: true } }),
          'sync plan',
        );
      });
    });

    it("the sync API: a client's e-mail that is not one mailbox (CR/LF, a list, a display name, NUL, too long) is a 422 naming the field, and no client is written or changed", async () => {
      const clients = () => store.transaction((tx) => tx.listClients(MAIN_SITE, ['c-carla', 'c-hostile']));
      const before = await clients();
      expect(before).toEqual([{ id: 'c-carla', name: 'Carla Smit', email: 'carla@clients.example' }]);
      await family(async () => {
        const invalid = [
          'carla@clients.example\r\nBcc: spy@evil.example',
          'carla@clients.example\nspy@evil.example',
          'carla@clients.example, spy@evil.example',
          'carla@clients.example;spy@evil.example',
          'Carla <carla@clients.example>',
          '<carla@clients.example>',
          'carla@clients.example\u0000',
          'carla\u0000@clients.example',
          'carla smit@clients.example',
          ' carla@clients.example',
          'carla@spy@clients.example',
          '@clients.example',
          'carla@',
          'carla@localhost',
          'carla',
          '',
        ];
        const tooLong = `carla@${'d'.repeat(250)}.example`;
        for (const [email, code] of [...invalid.map((e) => [e, 'email.invalid']), [tooLong, 'email.tooLong']] as const) {
          for (const clientId of ['c-hostile', 'c-carla']) {
            const a = await send('PUT', `/sync/sites/${MAIN_SITE}/clients/${clientId}`, {
              user: null,
              body: JSON.stringify({ name: 'Carla Smit', email }),
              headers: { [SYNC_SECRET_HEADER]: SECRET },
            });
            const what = `sync client ${clientId} ${JSON.stringify(email).slice(0, 60)}`;
            refused(a, what);
            expect(a.status, what).toBe(422);
            expect(a.body.error.code, what).toBe('VALIDATION');
            expect(a.body.error.fields, what).toEqual({ email: [code] });
          }
        }
      });
      expect(await clients()).toEqual(before);
    });

    it("the sync API: a staff member's e-mail (the invite's organiser) that is not one mailbox is a 422 naming the field; none at all is kept", async () => {
      const anna = async () => (await store.transaction((tx) => tx.listStaff(MAIN_SITE))).find((m) => m.id === 'anna');
      const before = await anna();
      await family(async () => {
        for (const email of [
          'anna@studio.example\r\nBcc: spy@evil.example',
          'anna@studio.example, spy@evil.example',
          'Anna <anna@studio.example>',
        ]) {
          const a = await send('PUT', `/sync/sites/${MAIN_SITE}/staff/anna`, {
            user: null,
            body: JSON.stringify({ name: 'Anna de Vries', email }),
            headers: { [SYNC_SECRET_HEADER]: SECRET },
          });
          const what = `sync staff ${JSON.stringify(email)}`;
          refused(a, what);
          expect([a.status, a.body.error.code, a.body.error.fields], what).toEqual([422, 'VALIDATION', { email: ['email.invalid'] }]);
        }
      });
      expect(await anna()).toEqual(before);
      const none = await send('PUT', `/sync/sites/${MAIN_SITE}/staff/st-new`, {
        user: null,
        body: JSON.stringify({ name: 'New Staff', email: '' }),
        headers: { [SYNC_SECRET_HEADER]: SECRET },
      });
      expect(none.status).toBe(200);
    });

    it('a signed-in non-member gets the same answer for a missing site and an existing one', async () => {
      await family(async () => {
        for (const { method, path } of pathsWith('no-such-site').filter((p) => p.param === 'siteId')) {
          const existing = await send(method, path.replace('no-such-site', MAIN_SITE), {
            user: 'stranger',
            body: method === 'GET' ? undefined : '{"version":0}',
          });
          const missing = await send(method, path, { user: 'stranger', body: method === 'GET' ? undefined : '{"version":0}' });
          refused(missing, `${method} ${path}`);
          // Writes whose body is refused first answer 422 for both; the point is: no difference.
          expect({ status: missing.status, body: missing.body }, `${method} ${path}`).toEqual({
            status: existing.status,
            body: existing.body,
          });
        }
      });
    });

    it('the default limiter: per client address before authentication, and wrong sync secrets per address', async () => {
      const limited = createHandler({
        store,
        now: () => NOW,
        sync: { secret: SECRET },
        authenticate: async () => null,
        // This test's host trusts its own proxy's header; the server never reads it unasked.
        clientAddress: (request) => request.headers.get('x-test-client'),
        rateLimit: createRateLimiter({ perAddress: { burst: 50, perSecond: 0.001 } }),
      });
      const ask = (client: string, path = `${S}/settings`, headers: Record<string, string> = {}) =>
        limited(
          new Request(`${BASE}${path}`, {
            method: path.startsWith('/sync') ? 'PUT' : 'GET',
            headers: { 'x-test-client': client, ...headers },
          }),
        );
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) statuses.push((await ask('198.51.100.7')).status);
      expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(50).every((s) => s === 429)).toBe(true);
      const answer = await ask('198.51.100.7');
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await answer.json()).toMatchObject({ error: { code: 'RATE_LIMITED', retryAfter: Number(answer.headers.get('retry-after')) } });
      // Another address is not held back by the first.
      expect((await ask('198.51.100.8')).status).toBe(401);
      // 300 wrong sync secrets in a row: 429 after the first few; the right secret from that address still goes
      // through (a guesser behind the host's own proxy must not lock the host out of its sync).
      const secrets: number[] = [];
      for (let i = 0; i < 300; i++)
        secrets.push((await ask('203.0.113.9', `/sync/sites/${MAIN_SITE}`, { [SYNC_SECRET_HEADER]: `guess-${i}` })).status);
      expect(secrets.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(secrets.slice(10).every((s) => s === 429)).toBe(true);
      const right = await ask('203.0.113.9', `/sync/sites/${MAIN_SITE}`, { [SYNC_SECRET_HEADER]: SECRET });
      expect([401, 429]).not.toContain(right.status);
    });
  });

  // After every family above (they compare what the owner reads before and after): these write.
  describe(`hostile callers of telling clients and providers (${name}): R18, R24, R27, R29, R31`, () => {
    const sync = (method: string, path: string, body?: unknown, secret = SECRET) =>
      send(method, path, {
        user: null,
        headers: { [SYNC_SECRET_HEADER]: secret },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    /** Gives a booked session a link of its own without telling anyone: one held notice per booking. */
    const relink = async (sessionId: string, url: string) => {
      const v = await version(`${S}/sessions/${sessionId}`, (b) => b.session.version);
      const a = await json('PUT', `${S}/sessions/${sessionId}/link`, {
        change: { kind: 'custom', link: { url } },
        version: v,
        tellClients: false,
      });
      expect(a.status, JSON.stringify(a.body)).toBe(200);
    };
    const noticesOf = async (sessionId: string, user = 'owner') =>
      (await send('GET', `${S}/notices?sessionId=${sessionId}`, { user })).body;
    let held: { yoga: string; anna: string; bram: string };
    beforeEach(() => {
      faults.length = 0;
    });
    afterEach(() => expect(faults, 'faults reported to onError').toEqual([]));

    beforeAll(async () => {
      await relink('yoga-3', 'https://whereby.com/hostile-yoga-3');
      await relink('coaching-anna-1', 'https://whereby.com/hostile-anna-1');
      await relink('coaching-bram-1', 'https://whereby.com/hostile-bram-1');
      const idOf = async (s: string) => {
        const [n] = (await noticesOf(s)).notices;
        expect(n, s).toMatchObject({ status: 'held' });
        return n.id as string;
      };
      held = { yoga: await idOf('yoga-3'), anna: await idOf('coaching-anna-1'), bram: await idOf('coaching-bram-1') };
      // Mallory owns a site of her own on the same server.
      expect(
        (
          await sync('PUT', `/sync/sites/${SECOND_SITE}`, {
            name: 'Annex',
            plan: { id: 'business', name: 'Business', includesOnlineSessions: true },
          })
        ).status,
      ).toBeLessThan(300);
      expect(
        (await sync('PUT', `/sync/sites/${SECOND_SITE}/members/mallory`, { name: 'Mallory', role: 'owner', staffId: null })).status,
      ).toBeLessThan(300);
    });

    it("notices: another site's owner, a staff member and malformed id lists neither read nor send another's notices", async () => {
      const M = `/sites/${SECOND_SITE}`;
      // Another site's owner: its own site sends none of ours, ours refuses her.
      expect(await json('POST', `${M}/notices/send`, { ids: [held.yoga, held.anna] }, 'mallory')).toMatchObject({
        status: 200,
        body: { queued: 0 },
      });
      refused(await json('POST', `${S}/notices/send`, { ids: [held.yoga] }, 'mallory'), 'a stranger sends our notices');
      refused(await send('GET', `${S}/notices?sessionId=yoga-3`, { user: 'mallory' }), 'a stranger reads our notices');
      refused(await send('GET', `${M}/notices?sessionId=yoga-3`, { user: 'mallory' }), 'our session through her site');
      refused(await json('PUT', `${S}/settings/notices`, { policy: 'off', version: 0 }, 'mallory'), 'a stranger sets our policy');
      // A staff member: their own session's notices only; never a colleague's or a course's, never the policy or sending.
      expect((await send('GET', `${S}/notices?sessionId=coaching-bram-1`, { user: 'bram' })).body.notices).toHaveLength(1);
      refused(await send('GET', `${S}/notices?sessionId=coaching-anna-1`, { user: 'bram' }), "a colleague's session");
      refused(await send('GET', `${S}/notices?sessionId=yoga-3`, { user: 'bram' }), 'an unassigned session');
      refused(await send('GET', `${S}/notices?serviceId=pottery`, { user: 'bram' }), "a course's notices");
      refused(await json('POST', `${S}/notices/send`, { ids: [held.bram] }, 'bram'), 'staff sends');
      const settings = (await send('GET', `${S}/settings`)).body;
      refused(await json('PUT', `${S}/settings/notices`, { policy: 'off', version: settings.version }, 'bram'), 'staff sets the policy');
      // Malformed lists and queries: refused, nothing sent.
      const bad: unknown[] = [
        { ids: [] },
        { ids: [42] },
        { ids: [null] },
        { ids: [{ id: held.yoga }] },
        { ids: [`${held.yoga}\u0000`] },
        { ids: ['\ud800'] },
        { ids: held.yoga },
        { ids: Array.from({ length: 501 }, () => held.yoga) },
        { ids: Array.from({ length: 100_000 }, (_, i) => `n-${i}`) },
        {},
      ];
      for (const body of bad) refused(await json('POST', `${S}/notices/send`, body), `send ${JSON.stringify(body).slice(0, 60)}`);
      for (const q of ['', 'sessionId=yoga-3&serviceId=yoga', 'sessionId=%00', 'serviceId=%ED%A0%80', 'sessionId=no-such'])
        refused(await send('GET', `${S}/notices?${q}`), `listNotices ?${q}`);
      for (const policy of ['__proto__', 'AUTO', 'never', '', null, 1])
        refused(await json('PUT', `${S}/settings/notices`, { policy, version: settings.version }), `policy ${String(policy)}`);
      expect((await send('GET', `${S}/settings`)).body).toEqual(settings);
      // "Tell them now" is a boolean or absent: anything else is refused before the change is made.
      const yoga = (await send('GET', `${S}/sessions/yoga-3`)).body.session;
      for (const tellClients of ['true', 1, 0, {}, [true]])
        refused(
          await json('PUT', `${S}/sessions/yoga-3/link`, { change: { kind: 'reset' }, version: yoga.version, tellClients }),
          `tellClients ${JSON.stringify(tellClients)}`,
        );
      expect((await send('GET', `${S}/sessions/yoga-3`)).body.session).toEqual(yoga);
      for (const s of ['yoga-3', 'coaching-anna-1', 'coaching-bram-1'])
        expect((await noticesOf(s)).notices[0], s).toMatchObject({ status: 'held' });
      // The same id many times is one notice sent once.
      expect(await json('POST', `${S}/notices/send`, { ids: [held.yoga, held.yoga, held.yoga] })).toMatchObject({
        status: 200,
        body: { queued: 1 },
      });
      expect((await noticesOf('yoga-3')).notices[0]).toMatchObject({ status: 'pending' });
    });

    it("the pull API: another notice's claim, a claim marked twice, a forged or malformed claim are refused and record nothing", async () => {
      expect((await json('POST', `${S}/notices/send`, { ids: [held.anna, held.bram] })).status).toBe(200);
      const claimed = (await sync('POST', '/sync/notices/claim', { limit: 100 })).body.notices as Json[];
      const a = claimed.find((n) => n.id === held.anna);
      const b = claimed.find((n) => n.id === held.bram);
      expect(a && b, JSON.stringify(claimed)).toBeTruthy();
      refused(await sync('POST', '/sync/notices/claim', { limit: 1 }, 'not-the-secret'), 'a wrong secret');
      for (const body of [
        { claim: b.claim },
        { claim: 'x'.repeat(32) },
        { claim: '' },
        { claim: 1 },
        { claim: 'a\u0000' },
        { claim: '\ud800' },
        {},
      ])
        refused(await sync('POST', `/sync/notices/${a.id}/sent`, body), `sent with ${JSON.stringify(body)}`);
      refused(
        await sync('POST', `/sync/notices/${a.id}/failed`, { claim: b.claim, reason: 'x', permanent: true }),
        "failed with another's claim",
      );
      refused(await sync('POST', `/sync/notices/${a.id}/failed`, { claim: a.claim, reason: 'x\ud800' }), 'a lone surrogate in the reason');
      refused(await sync('POST', `/sync/notices/no-such/sent`, { claim: a.claim }), 'an unknown notice');
      expect((await noticesOf('coaching-anna-1')).notices[0]).toMatchObject({ status: 'pending', error: null });
      expect((await sync('POST', `/sync/notices/${a.id}/sent`, { claim: a.claim })).status).toBe(200);
      refused(await sync('POST', `/sync/notices/${a.id}/sent`, { claim: a.claim }), 'sent twice');
      refused(await sync('POST', `/sync/notices/${a.id}/failed`, { claim: a.claim, reason: 'late', permanent: true }), 'failed after sent');
      expect((await noticesOf('coaching-anna-1')).notices[0]).toMatchObject({ status: 'sent', error: null });
    });

    it('providers: a name that is not a provider or not configured connects nothing; a state started for one provider is no use on another callback', async () => {
      expect((await send('GET', `${S}/providers`)).body).toEqual([
        { provider: 'zoom', configured: true },
        { provider: 'google-meet', configured: false },
        { provider: 'teams', configured: false },
      ]);
      const target = { type: 'staff' as const, staffId: 'bram' };
      for (const provider of ['__proto__', 'constructor', 'custom', 'ZOOM', 'zoom ', 'webex', '', null, ['zoom']])
        refused(await json('POST', `${S}/connections`, { provider, target }), `provider ${JSON.stringify(provider)}`);
      for (const provider of ['google-meet', 'teams']) {
        // Not configured is the contract's 501 NOT_CONFIGURED, as for Zoom (R27), with the reason the widget shows.
        const a = await json('POST', `${S}/connections`, { provider, target });
        expect({ status: a.status, code: a.body.error?.code }, provider).toEqual({ status: 501, code: 'NOT_CONFIGURED' });
      }
      refused(
        await json('POST', `${S}/connections`, { provider: 'zoom', target: { type: 'default' } }, 'bram'),
        'staff connects the default',
      );
      // A state started for Google Meet (as a server with Google configured would have stored it).
      const state = 'hostile-google-state-0123456789abcdef';
      await store.transaction((tx) =>
        tx.insertOAuthState({
          state,
          siteId: MAIN_SITE,
          userId: 'owner',
          target,
          provider: 'google-meet',
          codeVerifier: 'v'.repeat(64),
          origin: 'https://host.example',
          createdAt: NOW.toISOString(),
          expiresAt: new Date(NOW.getTime() + 600_000).toISOString(),
        }),
      );
      for (const path of ['/microsoft/callback', '/zoom/callback']) {
        const page = await send('GET', `${path}?state=${state}&code=stolen-code`, { user: null });
        expect(page.status, path).toBe(400);
        expect(String(page.body), path).not.toContain('stolen-code');
      }
      const own = await send('GET', `/google/callback?state=${state}&code=the-code`, { user: null });
      expect(own.status).toBe(200);
      expect(String(own.body)).toContain('https://host.example');
      // Completed by another user: refused, and the state is spent (R19).
      const v = await version(`${S}/staff/bram/account`);
      refused(await json('POST', `${S}/connections/complete`, { state, code: 'the-code', version: v }, 'bram'), "another user's state");
      const again = await json('POST', `${S}/connections/complete`, { state, code: 'the-code', version: v });
      refused(again, 'a spent state');
      expect(again.body.error.code).not.toBe('NOT_CONFIGURED');
    });
  });
}
