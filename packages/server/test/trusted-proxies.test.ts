import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler, createRateLimiter, SYNC_SECRET_HEADER } from '../src';
import { createSessionLinksServer } from '../src/host';
import { toNodeListener } from '../src/http/node';
import { createMemoryStore, MAIN_SITE, seedScenario } from '../src/testing';

// R26 behind a reverse proxy: every request comes from the proxy's socket. Only when the host names
// its proxies (`trustedProxies`) does the client's address come from X-Forwarded-For, and only
// from requests whose socket is one of them: anyone else can write that header.
const NOW = new Date('2030-03-04T12:00:00Z');
const BASE = '/api/session-links';
const SECRET = 'trusted-proxies-secret-0123456789';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }
});

/** A handler with a guess budget of 3 wrong sync secrets, served through the Node adapter on `host`. */
async function serve(options: Partial<Parameters<typeof createHandler>[0]>, host = '127.0.0.1') {
  const handler = createHandler({
    store: createMemoryStore(seedScenario('no-default', { now: NOW })),
    now: () => NOW,
    sync: { secret: SECRET },
    authenticate: async () => null,
    rateLimit: createRateLimiter({ perAddress: false, perUser: false, wrongSyncSecrets: { burst: 3, perSecond: 0.001 } }),
    ...options,
  });
  const server = createServer(toNodeListener(handler));
  servers.push(server);
  server.listen(0, host);
  await once(server, 'listening');
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  /** A wrong sync secret, with this X-Forwarded-For (none: null). */
  return async (forwardedFor: string | null) => {
    const res = await fetch(`${origin}${BASE}/sync/sites/${MAIN_SITE}`, {
      method: 'PUT',
      headers: {
        [SYNC_SECRET_HEADER]: 'a-wrong-guess',
        'content-type': 'application/json',
        ...(forwardedFor === null ? {} : { 'x-forwarded-for': forwardedFor }),
      },
      body: '{}',
    });
    await res.arrayBuffer();
    return res.status;
  };
}

describe('trustedProxies: the client behind the host’s own proxies (R26)', () => {
  it('without it, a forged X-Forwarded-For is never read: every guess counts against the socket', async () => {
    const guess = await serve({});
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) statuses.push(await guess(`203.0.113.${i}`));
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('from a peer that is not a trusted proxy, X-Forwarded-For is not read either', async () => {
    const guess = await serve({ trustedProxies: ['10.0.0.0/8', '::1'] });
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) statuses.push(await guess(`203.0.113.${i}`));
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('from a trusted proxy, each forwarded client has its own budget: the right-most hop that is not a proxy', async () => {
    const guess = await serve({ trustedProxies: ['127.0.0.1', '10.0.0.0/8'] });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await guess('203.0.113.9'));
    expect(statuses).toEqual([401, 401, 401, 429]);
    // What the client wrote stands left of what the proxy appended: it cannot buy a fresh budget.
    expect(await guess('198.51.100.77, 203.0.113.9')).toBe(429);
    // Two proxy layers (an inner 10.x balancer appended its peer, the client): still that client.
    expect(await guess('203.0.113.9, 10.1.2.3')).toBe(429);
    // Another client behind the same proxy is not locked out by the first one's guesses.
    expect(await guess('203.0.113.10')).toBe(401);
    expect(await guess('203.0.113.11, 10.1.2.3')).toBe(401);
    // A proxy that forwards no header: the proxy's own address, with its own budget.
    expect(await guess(null)).toBe(401);
  });

  it('a trusted proxy reaching a dual-stack listener (::ffff:127.0.0.1) is the proxy 127.0.0.1; IPv6 clients it forwards are keyed by /64', async () => {
    const guess = await serve({ trustedProxies: ['127.0.0.1'] }, '::ffff:127.0.0.1');
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) statuses.push(await guess(`2001:db8:5:6::${i}`));
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(await guess('[2001:db8:5:7::1]:51234')).toBe(401);
  });

  it('a hop that is no plain address (hex, short or zero-padded IPv4, `unknown`, quoted, a zone-less bracket) never buys a fresh budget: it counts against the proxy', async () => {
    const guess = await serve({ trustedProxies: ['127.0.0.1'] });
    const statuses: number[] = [];
    for (const hop of ['0x7f.1', '127.1', '010.0.0.1', 'unknown', '"203.0.113.5"', '[2001:db8::1']) statuses.push(await guess(hop));
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    // One spelling of a client is one client: IPv4-mapped, with a port, bracketed.
    for (const hop of ['203.0.113.5', '::ffff:203.0.113.5', '203.0.113.5:4431']) expect(await guess(hop), hop).toBe(401);
    expect(await guess('[::ffff:cb00:7105]:80')).toBe(429);
  });

  it('an entry that is not an address or CIDR range is refused when the handler is made, naming it', () => {
    for (const entry of ['localhost', '10.0.0.0/33', '*', '::1/129']) {
      expect(() =>
        createHandler({ store: createMemoryStore(), authenticate: async () => null, trustedProxies: ['127.0.0.1', entry] }),
      ).toThrow(entry);
    }
  });

  it('createSessionLinksServer reads SESSION_LINKS_TRUSTED_PROXIES (served through the Node adapter), and throws naming a bad entry', async () => {
    const env = { SESSION_LINKS_SYNC_SECRET: SECRET, SESSION_LINKS_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' };
    const sessionLinks = createSessionLinksServer({ authenticate: async () => null, env, store: createMemoryStore(), worker: 'off' });
    const server = createServer(toNodeListener(sessionLinks.handler));
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE}/sync/sites/${MAIN_SITE}`;
    const guess = async (forwardedFor: string) => {
      const res = await fetch(url, {
        method: 'PUT',
        headers: { [SYNC_SECRET_HEADER]: 'a-wrong-guess', 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: '{}',
      });
      await res.arrayBuffer();
      return res.status;
    };
    // The default budget: 10 wrong secrets per client.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await guess('203.0.113.9'));
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    expect(await guess('203.0.113.10')).toBe(401);
    await sessionLinks.close();
    expect(() =>
      createSessionLinksServer({ authenticate: async () => null, env: { SESSION_LINKS_TRUSTED_PROXIES: '10.0.0.0/8,proxy.internal' } }),
    ).toThrow(/SESSION_LINKS_TRUSTED_PROXIES: "proxy\.internal"/);
  });
});
