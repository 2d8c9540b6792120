import { afterEach, describe, expect, it } from 'vitest';
import { createHandler, hasSiteRevision, runMeetingWorker, type Store, SYNC_SECRET_HEADER } from '../src';
import { createFakeZoomGateway, MAIN_SITE, seedScenario } from '../src/testing';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the answers under test
type Json = any;

/**
 * Two server instances on one database (`open` gives two stores over it: two pools on
 * PostgreSQL), each with its own read cache. What one writes, the other reads at once.
 */
export function readCacheSuite(name: string, open: () => Promise<{ a: Store; b: Store; close: () => Promise<void> }>): void {
  const NOW = new Date('2030-03-04T12:00:00Z');
  const BASE = 'http://host.example/api/session-links';
  const SECRET = 'sync-secret-for-tests';
  const S = `/sites/${MAIN_SITE}`;
  const range = `from=${encodeURIComponent('2030-02-01T00:00:00Z')}&to=${encodeURIComponent('2030-04-01T00:00:00Z')}`;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  async function start() {
    const { a, b, close } = await open();
    closers.push(close);
    const zoom = createFakeZoomGateway({ zoomEmailOf: (u) => `${u}@zoom.example` });
    await a.transaction(seedScenario('zoom-default', { zoom, now: NOW }));
    // B's full reads, counted: a cached answer makes none.
    const reads = { b: 0 };
    const counted: Store = {
      transaction: (fn) => {
        reads.b++;
        return b.transaction(fn);
      },
      close: () => b.close(),
    };
    if (hasSiteRevision(b)) Object.assign(counted, { siteRevision: b.siteRevision.bind(b) });
    const handlerOf = (store: Store, readCache?: false) =>
      createHandler({
        store,
        zoom,
        now: () => NOW,
        sync: { secret: SECRET },
        readCache,
        authenticate: async (request) => {
          const auth = request.headers.get('authorization') ?? '';
          return auth.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
        },
      });
    const handlers = { a: handlerOf(a), b: handlerOf(counted), off: handlerOf(b, false), offCounted: handlerOf(counted, false) };
    const call = async (via: keyof typeof handlers, user: string, method: string, path: string, body?: unknown, ifNoneMatch?: string) => {
      const headers = new Headers({ authorization: `Bearer dev:${user}` });
      if (body !== undefined) headers.set('content-type', 'application/json');
      if (ifNoneMatch !== undefined) headers.set('if-none-match', ifNoneMatch);
      const res = await handlers[via](
        new Request(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
      );
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Json) : null, text, etag: res.headers.get('etag') };
    };
    const sync = async (method: string, path: string, body?: unknown) =>
      (
        await handlers.a(
          new Request(`${BASE}/sync${path}`, {
            method,
            headers: { 'content-type': 'application/json', [SYNC_SECRET_HEADER]: SECRET },
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
        )
      ).status;
    return { a, b, zoom, reads, call, sync };
  }

  describe(`read cache on ${name}: two instances behave as one`, () => {
    it('B answers a repeated read from its cache; an operation through A is seen by B at once', async () => {
      const h = await start();
      const first = await h.call('b', 'owner', 'GET', `${S}/settings`);
      const before = h.reads.b;
      expect((await h.call('b', 'owner', 'GET', `${S}/settings`)).text).toBe(first.text);
      expect(h.reads.b).toBe(before); // a hit: no full read
      const put = await h.call('a', 'owner', 'PUT', `${S}/settings/default-account`, {
        link: { url: 'https://whereby.com/moved-here' },
        version: first.body.version,
      });
      expect(put.status).toBe(200);
      const after = await h.call('b', 'owner', 'GET', `${S}/settings`);
      expect(after.body.defaultAccount.link.url).toBe('https://whereby.com/moved-here');
      expect(after.body.version).toBe(first.body.version + 1);
    });

    it('with the cache off, concurrent identical reads of one revision are computed once and nothing is kept', async () => {
      const h = await start();
      if (!hasSiteRevision(h.b)) return; // a store without revisions reads every request (memory)
      const before = h.reads.b;
      const answers = await Promise.all(Array.from({ length: 20 }, () => h.call('offCounted', 'owner', 'GET', `${S}/sessions?${range}`)));
      expect(new Set(answers.map((a) => a.text)).size).toBe(1);
      // One read for the first request, at most one more for those that saw the revision after it returned.
      expect(h.reads.b - before).toBeLessThanOrEqual(2);
      // Not a cache: the next read, after they all returned, reads again.
      const settled = h.reads.b;
      await h.call('offCounted', 'owner', 'GET', `${S}/sessions?${range}`);
      expect(h.reads.b).toBeGreaterThan(settled);
      // And a write is seen at once.
      const settings = (await h.call('offCounted', 'owner', 'GET', `${S}/settings`)).body;
      expect(
        (
          await h.call('a', 'owner', 'PUT', `${S}/settings/default-account`, {
            link: { url: 'https://whereby.com/off-and-on' },
            version: settings.version,
          })
        ).status,
      ).toBe(200);
      expect((await h.call('offCounted', 'owner', 'GET', `${S}/settings`)).body.defaultAccount.link.url).toBe(
        'https://whereby.com/off-and-on',
      );
    });

    it('a session moved through the sync API on A is moved on B at once', async () => {
      const h = await start();
      const startOf = async (via: 'b' | 'off') =>
        ((await h.call(via, 'owner', 'GET', `${S}/sessions?${range}`)).body as Json[]).find((r) => r.session.id === 'coaching-chris-1')
          ?.session.start;
      const was = await startOf('b');
      expect(await startOf('b')).toBe(was);
      const detail = (await h.call('b', 'owner', 'GET', `${S}/sessions/coaching-chris-1`)).body.session;
      const moved = {
        serviceId: detail.serviceId,
        staffId: detail.staffId,
        start: '2030-03-20T09:00:00.000Z',
        end: '2030-03-20T10:00:00.000Z',
      };
      expect(await h.sync('PUT', `/sites/${MAIN_SITE}/sessions/coaching-chris-1`, moved)).toBe(200);
      expect(await startOf('b')).toBe(moved.start);
      expect((await h.call('b', 'owner', 'GET', `${S}/sessions/coaching-chris-1`)).body.session.start).toBe(moved.start);
    });

    it('a meeting the worker stores shows on B at once', async () => {
      const h = await start();
      const v = (await h.call('a', 'owner', 'GET', `${S}/sessions/massage-1`)).body.session.version;
      expect((await h.call('a', 'owner', 'PUT', `${S}/sessions/massage-1/link`, { change: { kind: 'meeting' }, version: v })).status).toBe(
        200,
      );
      const pending = await h.call('b', 'owner', 'GET', `${S}/sessions/massage-1`);
      expect(pending.body.resolution).toMatchObject({ status: 'none', reason: 'PROVIDER_MEETING_PENDING' });
      expect((await h.call('b', 'owner', 'GET', `${S}/sessions/massage-1`)).text).toBe(pending.text);
      expect((await runMeetingWorker(h.a, h.zoom, NOW)).created).toBeGreaterThan(0);
      expect((await h.call('b', 'owner', 'GET', `${S}/sessions/massage-1`)).body.resolution).toMatchObject({
        status: 'linked',
        link: { type: 'ZOOM', hostUrl: expect.stringMatching(/^https:\/\/zoom\.us\/s\//) },
      });
    });

    it('a staff member after the owner (same revision) gets the body redacted for them, not the owner’s (R18)', async () => {
      const h = await start();
      const hostUrls = async (user: string) =>
        Object.fromEntries(
          ((await h.call('b', user, 'GET', `${S}/sessions?${range}`)).body as Json[])
            .filter((r) => r.resolution.status === 'linked' && r.resolution.link.type === 'ZOOM')
            .map((r) => [r.session.id, r.resolution.link.hostUrl ?? null]),
        );
      const owner = await hostUrls('owner');
      expect(owner['coaching-anna-1']).toMatch(/^https:\/\/zoom\.us\/s\//);
      const anna = await hostUrls('anna');
      expect(anna['coaching-anna-1']).toBe(owner['coaching-anna-1']);
      expect(anna['coaching-chris-1']).toBeNull();
      const bram = await hostUrls('bram');
      expect(Object.values(bram).every((v) => v === null)).toBe(true);
      expect((await h.call('b', 'bram', 'GET', `${S}/sessions/coaching-anna-1`)).text).not.toContain('zoom.us/s/');
    });

    it('a non-member gets 403 though the body is cached; a member removed through A gets 403 on B at once', async () => {
      const h = await start();
      expect((await h.call('b', 'owner', 'GET', `${S}/services`)).status).toBe(200);
      expect((await h.call('b', 'bram', 'GET', `${S}/services`)).status).toBe(200);
      const stranger = await h.call('b', 'stranger', 'GET', `${S}/services`);
      expect(stranger.status).toBe(403);
      expect(stranger.body.error.code).toBe('FORBIDDEN');
      expect(await h.sync('DELETE', `/sites/${MAIN_SITE}/members/bram`)).toBe(200);
      expect((await h.call('b', 'bram', 'GET', `${S}/services`)).status).toBe(403);
      expect((await h.call('b', 'bram', 'GET', `${S}/sessions?${range}`)).status).toBe(403);
    });

    it('an ETag from A is a 304 on B until a write through A; never across audiences (R18) nor for a non-member', async () => {
      const h = await start();
      const sessions = `${S}/sessions?${range}`;
      const first = await h.call('a', 'owner', 'GET', sessions);
      expect(first.etag).toMatch(/^"[\w-]{20,}"$/);
      // Same bytes for the same audience: B, with its own cache, gives the same tag.
      const again = await h.call('b', 'owner', 'GET', sessions, undefined, first.etag as string);
      expect([again.status, again.text, again.etag]).toEqual([304, '', first.etag]);
      expect((await h.call('b', 'owner', 'GET', sessions, undefined, `"other", W/${first.etag}`)).status).toBe(304);
      // Staff see another body (no hostUrl of colleagues): the owner's tag is not theirs.
      const staff = await h.call('b', 'bram', 'GET', sessions, undefined, first.etag as string);
      expect(staff.status).toBe(200);
      expect(staff.etag).not.toBe(first.etag);
      expect(staff.text).not.toContain('zoom.us/s/');
      // Permissions come first: a non-member with a valid tag gets 403, not 304.
      expect((await h.call('b', 'stranger', 'GET', sessions, undefined, first.etag as string)).status).toBe(403);
      // A write through A: B's answer to the old tag is the new body, with a new tag.
      const settings = await h.call('a', 'owner', 'GET', `${S}/settings`);
      const put = await h.call('a', 'owner', 'PUT', `${S}/settings/default-account`, {
        link: { url: 'https://whereby.com/etag-moved' },
        version: settings.body.version,
      });
      expect(put.status).toBe(200);
      const changed = await h.call('b', 'owner', 'GET', `${S}/settings`, undefined, settings.etag as string);
      expect(changed.status).toBe(200);
      expect(changed.body.defaultAccount.link.url).toBe('https://whereby.com/etag-moved');
      expect(changed.etag).not.toBe(settings.etag);
      expect((await h.call('b', 'owner', 'GET', `${S}/settings`, undefined, changed.etag as string)).status).toBe(304);
    });

    it('concurrent reads on B share revision statements, yet every read sent after a write through A sees it', async () => {
      const h = await start();
      const url = async () => (await h.call('b', 'owner', 'GET', `${S}/settings`)).body.defaultAccount?.link?.url;
      const settings = await h.call('a', 'owner', 'GET', `${S}/settings`);
      const before = Promise.all(Array.from({ length: 20 }, url));
      const put = await h.call('a', 'owner', 'PUT', `${S}/settings/default-account`, {
        link: { url: 'https://whereby.com/concurrent' },
        version: settings.body.version,
      });
      expect(put.status).toBe(200);
      const after = await Promise.all(Array.from({ length: 20 }, url));
      expect(after).toEqual(Array(20).fill('https://whereby.com/concurrent'));
      expect((await before).length).toBe(20);
    });

    it('with the cache off the answers are the same, for every role and cached read', async () => {
      const h = await start();
      const paths = [`${S}/settings`, `${S}/staff`, `${S}/services`, `${S}/sessions?${range}`, `${S}/sessions/coaching-anna-1`];
      for (const user of ['owner', 'anna', 'bram', 'stranger']) {
        for (const path of paths) {
          const off = await h.call('off', user, 'GET', path);
          await h.call('b', user, 'GET', path);
          const cached = await h.call('b', user, 'GET', path);
          expect([user, path, cached.status, cached.text]).toEqual([user, path, off.status, off.text]);
        }
      }
    });
  });
}
