import { ApiError } from '@session-links/client';
import { createOpenApiDocument } from '@session-links/client/openapi';
import { createSyncClient } from '@session-links/client/sync';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../src';
import { createFakeZoomGateway, createMemoryStore, MAIN_SITE, seedScenario } from '../../src/testing';

const NOW = new Date('2030-03-04T12:00:00Z');
const BASE = 'http://host.example/api/session-links';
const SECRET = 'sync-secret-for-pull-tests';
const S = `${BASE}/sites/${MAIN_SITE}`;
const owner = { authorization: 'Bearer dev:owner', 'content-type': 'application/json' };

const stores: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function start() {
  const zoom = createFakeZoomGateway();
  const store = createMemoryStore(seedScenario('zoom-default', { zoom, now: NOW }));
  stores.push(store);
  const clock = { now: NOW };
  const handler = createHandler({
    store,
    zoom,
    now: () => clock.now,
    meetings: 'worker',
    sync: { secret: SECRET },
    authenticate: async (request) => {
      const auth = request.headers.get('authorization') ?? '';
      return auth.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
    },
  });
  const fetch = ((url: string, init?: RequestInit) => handler(new Request(url, init))) as typeof globalThis.fetch;
  const host = createSyncClient({ baseUrl: BASE, secret: SECRET, fetch });
  const ownerCall = async (method: string, path: string, body?: unknown) => {
    const res = await handler(
      new Request(`${S}${path}`, { method, headers: owner, body: body === undefined ? undefined : JSON.stringify(body) }),
    );
    return { status: res.status, body: await res.json() };
  };
  /** The owner gives yoga-3 (booked by Eva Mulder) a link of its own. */
  const changeYoga = async (url: string) => {
    const version = (await ownerCall('GET', '/sessions/yoga-3')).body.session.version;
    const res = await ownerCall('PUT', '/sessions/yoga-3/link', { change: { kind: 'custom', link: { url } }, version });
    expect(res.status).toBe(200);
  };
  return { store, clock, handler, fetch, host, ownerCall, changeYoga };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: unknown) => (e instanceof ApiError ? e.code : String(e)),
  );

describe('the pull API (R29): a host without SMTP or a webhook claims notices with their e-mails and marks them', () => {
  it('claims a due notice with its rendered e-mail and calendar update, marks it sent once; the owner sees it told', async () => {
    const h = start();
    await h.changeYoga('https://whereby.com/yoga-3');
    const [notice, ...rest] = await h.host.claimNotices({ limit: 10 });
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({
      siteId: MAIN_SITE,
      bookingId: 'b-3',
      sessionId: 'yoga-3',
      kind: 'booking-changed',
      attempts: 1,
      to: { name: 'Eva Mulder', email: 'eva@clients.example' },
      newLink: 'https://whereby.com/yoga-3',
      message: { subject: 'Your booking for Morning yoga has changed', method: 'REQUEST' },
    });
    expect(notice!.messageId).toMatch(/^<notice-.+@session-links>$/);
    expect(notice!.message.text).toContain('https://whereby.com/yoga-3');
    const event = new ICAL.Component(ICAL.parse(notice!.message.ics)).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('url')).toBe('https://whereby.com/yoga-3');
    // Claimed: nobody else gets it while the claim holds.
    expect(await h.host.claimNotices()).toEqual([]);
    await h.host.markNoticeSent(notice!.id, notice!.claim);
    expect(await codeOf(h.host.markNoticeSent(notice!.id, notice!.claim))).toBe('CONFLICT');
    const listed = (await h.ownerCall('GET', '/notices?sessionId=yoga-3')).body;
    expect(listed.summary).toMatchObject({ total: 1, sent: 1 });
    expect(listed.notices[0]).toMatchObject({ status: 'sent', sentAt: NOW.toISOString() });
  });

  it('a claim that ran out: the notice is claimed again with the same Message-ID, and the old claim is a CONFLICT', async () => {
    const h = start();
    await h.changeYoga('https://whereby.com/yoga-3');
    const [first] = await h.host.claimNotices({ leaseSeconds: 10 });
    h.clock.now = new Date(NOW.getTime() + 10_000);
    const [again] = await h.host.claimNotices({ leaseSeconds: 60 });
    expect(again).toMatchObject({ id: first!.id, messageId: first!.messageId, attempts: 2 });
    expect(again!.claim).not.toBe(first!.claim);
    expect(await codeOf(h.host.markNoticeSent(first!.id, first!.claim))).toBe('CONFLICT');
    expect(await codeOf(h.host.markNoticeFailed(first!.id, first!.claim, 'mailbox full'))).toBe('CONFLICT');
    expect(await codeOf(h.host.markNoticeSent(again!.id, again!.claim))).toBe('OK');
  });

  it('failed: tried again later; permanent: given up, the owner sees the reason; a wrong secret, a bad body, an unknown notice are refused', async () => {
    const h = start();
    await h.changeYoga('https://whereby.com/yoga-3');
    const [notice] = await h.host.claimNotices();
    await h.host.markNoticeFailed(notice!.id, notice!.claim, 'mailbox full');
    expect(await h.host.claimNotices()).toEqual([]); // not due before its backoff
    h.clock.now = new Date(NOW.getTime() + 5 * 60_000);
    const [retry] = await h.host.claimNotices();
    expect(retry).toMatchObject({ id: notice!.id, attempts: 2 });
    await h.host.markNoticeFailed(retry!.id, retry!.claim, 'address refused', { permanent: true });
    h.clock.now = new Date(NOW.getTime() + 24 * 3600_000);
    expect(await h.host.claimNotices()).toEqual([]);
    const listed = (await h.ownerCall('GET', '/notices?sessionId=yoga-3')).body;
    expect(listed.notices[0]).toMatchObject({ status: 'failed', error: 'address refused' });

    const wrong = createSyncClient({ baseUrl: BASE, secret: 'not-the-secret', fetch: h.fetch });
    expect(await codeOf(wrong.claimNotices())).toBe('UNAUTHORIZED');
    expect(await codeOf(h.host.markNoticeSent('no-such-notice', 'x'))).toBe('NOT_FOUND');
    const tooLong = await h.fetch(`${BASE}/sync/notices/${notice!.id}/failed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-session-links-sync-secret': SECRET },
      body: JSON.stringify({ claim: 'x', reason: 'r'.repeat(201) }),
    });
    expect(tooLong.status).toBe(422);
    const hugeLimit = await h.fetch(`${BASE}/sync/notices/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-session-links-sync-secret': SECRET },
      body: JSON.stringify({ limit: 10_000 }),
    });
    expect(hugeLimit.status).toBe(422);
  });

  it("a client address that is not one mailbox (CR/LF and a header, several addresses) is refused by the sync API, and one already stored is never handed to the host's mailer: given up as 'address invalid'", async () => {
    for (const email of ['eva@clients.example\r\nBcc: spy@evil.example', 'eva@clients.example, spy@evil.example']) {
      const h = start();
      expect(await codeOf(h.host.putClient(MAIN_SITE, 'c-eva', { name: 'Eva Mulder', email }))).toBe('VALIDATION');
      const raw = await h.fetch(`${BASE}/sync/sites/${MAIN_SITE}/clients/c-eva`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-session-links-sync-secret': SECRET },
        body: JSON.stringify({ name: 'Eva Mulder', email }),
      });
      expect(raw.status).toBe(422);
      expect((await raw.json()).error.fields).toEqual({ email: ['email.invalid'] });
      // Stored before the sync API refused such addresses: delivery checks again (defence in depth).
      await h.store.transaction((tx) => tx.upsertClient(MAIN_SITE, { id: 'c-eva', name: 'Eva Mulder', email }));
      await h.changeYoga('https://whereby.com/yoga-3');
      expect(await h.host.claimNotices()).toEqual([]);
      const [dead] = await h.store.notices.outbox.list({ site: MAIN_SITE });
      expect(dead).toMatchObject({ status: 'dead', lastError: 'address invalid' });
    }
  });

  it("a host's failure reason that quotes the client's address is kept and shown without it", async () => {
    const h = start();
    await h.changeYoga('https://whereby.com/yoga-3');
    const [notice] = await h.host.claimNotices();
    await h.host.markNoticeFailed(notice!.id, notice!.claim, '550 5.1.1 <eva@clients.example>: user unknown', { permanent: true });
    const listed = (await h.ownerCall('GET', '/notices?sessionId=yoga-3')).body;
    expect(listed.notices[0]).toMatchObject({ status: 'failed', error: '550 5.1.1 <[address]>: user unknown' });
    expect(JSON.stringify(listed)).not.toContain('eva@clients.example');
  });

  it('a notice whose booking is gone is given up when claimed, not handed out', async () => {
    const h = start();
    await h.changeYoga('https://whereby.com/yoga-3');
    await h.host.deleteBooking(MAIN_SITE, 'b-3');
    expect(await h.host.claimNotices()).toEqual([]);
    const [dead] = await h.store.notices.outbox.list({ site: MAIN_SITE });
    expect(dead).toMatchObject({ status: 'dead', lastError: 'the booking or its session no longer exists' });
  });

  it('is in the OpenAPI document under the sync tag, with the stale claim as 409', () => {
    const doc = createOpenApiDocument() as { paths: Record<string, Record<string, { tags: string[]; responses: object }>> };
    expect(doc.paths['/sync/notices/claim']?.post?.tags).toEqual(['sync']);
    expect(Object.keys(doc.paths['/sync/notices/{noticeId}/sent']?.post?.responses ?? {})).toContain('409');
    expect(doc.paths['/sync/notices/{noticeId}/failed']?.post).toBeDefined();
  });
});
