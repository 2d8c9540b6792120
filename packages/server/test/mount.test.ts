import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler } from '../src';
import { toNodeListener } from '../src/http/node';
import { createFakeZoomGateway, createMemoryStore, MAIN_SITE, seedScenario } from '../src/testing';

const NOW = new Date('2030-03-04T12:00:00Z');

async function seededHandler() {
  const zoom = createFakeZoomGateway();
  const store = createMemoryStore(seedScenario('zoom-default', { zoom, now: NOW }));
  return createHandler({
    store,
    zoom,
    now: () => NOW,
    authenticate: async (request) => {
      const auth = request.headers.get('authorization');
      return auth?.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
    },
  });
}

let server: Server | undefined;
afterEach(async () => {
  if (server) {
    server.close();
    await once(server, 'close');
    server = undefined;
  }
});

describe('mounting the handler', () => {
  it('in Node http, over loopback: reads, a JSON write, 401 and the body cap', async () => {
    server = createServer(toNodeListener(await seededHandler()));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/session-links/sites/${MAIN_SITE}`;
    const owner = { authorization: 'Bearer dev:owner' };

    const settings = await fetch(`${base}/settings`, { headers: owner });
    expect(settings.status).toBe(200);
    const { version } = (await settings.json()) as { version: number };

    const saved = await fetch(`${base}/settings/default-account`, {
      method: 'PUT',
      headers: { ...owner, 'content-type': 'application/json' },
      body: JSON.stringify({ link: { url: 'https://meet.google.com/abc-defg-hij' }, version }),
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ version: version + 1, defaultAccount: { kind: 'custom', provider: 'google-meet' } });

    expect((await fetch(`${base}/settings`)).status).toBe(401);
    const big = await fetch(`${base}/impact`, {
      method: 'POST',
      headers: { ...owner, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'disconnect-default', pad: 'x'.repeat(100_000) }),
    });
    expect(big.status).toBe(413);
  });

  it('in Node http: a read carries a strong ETag, If-None-Match gets a 304 without a body until the data changes', async () => {
    server = createServer(toNodeListener(await seededHandler()));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/session-links/sites/${MAIN_SITE}`;
    const owner = { authorization: 'Bearer dev:owner' };
    const first = await fetch(`${base}/settings`, { headers: owner });
    const text = await first.text();
    const etag = first.headers.get('etag') as string;
    expect(first.status).toBe(200);
    expect(first.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    const { version } = JSON.parse(text) as { version: number };

    const same = await fetch(`${base}/settings`, { headers: { ...owner, 'if-none-match': etag } });
    expect([same.status, await same.text(), same.headers.get('etag')]).toEqual([304, '', etag]);
    // No identity: 401 whatever the tag.
    expect((await fetch(`${base}/settings`, { headers: { 'if-none-match': etag } })).status).toBe(401);

    const saved = await fetch(`${base}/settings/default-account`, {
      method: 'PUT',
      headers: { ...owner, 'content-type': 'application/json' },
      body: JSON.stringify({ link: { url: 'https://meet.google.com/abc-defg-hij' }, version }),
    });
    expect(saved.status).toBe(200);
    const after = await fetch(`${base}/settings`, { headers: { ...owner, 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.json()).toMatchObject({ version: version + 1 });
  });

  it('as the README mounts it (no Zoom configuration): Connect answers 501 NOT_CONFIGURED; the fake is there only by name', async () => {
    const authenticate = async () => ({ userId: 'owner' });
    const connect = (handler: (r: Request) => Promise<Response>) =>
      handler(
        new Request(`http://127.0.0.1/api/session-links/sites/${MAIN_SITE}/connections`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ provider: 'zoom', target: { type: 'default' } }),
        }),
      );
    const seeded = () => createMemoryStore(seedScenario('no-default', { zoom: createFakeZoomGateway(), now: NOW }));
    const plain = await connect(createHandler({ store: seeded(), authenticate }));
    expect(plain.status).toBe(501);
    expect(await plain.json()).toMatchObject({ error: { code: 'NOT_CONFIGURED', reason: 'PROVIDER_NOT_CONFIGURED' } });
    const fake = await connect(createHandler({ store: seeded(), authenticate, zoom: 'fake' }));
    expect(fake.status).toBe(200);
    expect(await fake.json()).toMatchObject({ authorizeUrl: expect.stringContaining('/session-links-zoom-consent.html?') });
  });

  it('in Hono, as a catch-all route', async () => {
    const handler = await seededHandler();
    const app = new Hono();
    app.all('/api/session-links/*', (c) => handler(c.req.raw));
    const res = await app.request(`/api/session-links/sites/${MAIN_SITE}/me`, { headers: { authorization: 'Bearer dev:anna' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'anna', role: 'staff' });
    expect((await app.request('/api/session-links/nope', { headers: { authorization: 'Bearer dev:anna' } })).status).toBe(404);
  });
});
