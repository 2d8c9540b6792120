import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler, createRateLimiter, SYNC_SECRET_HEADER } from '../src';
import { toNodeListener } from '../src/http/node';
import { createMemoryStore, MAIN_SITE, seedScenario } from '../src/testing';

// R26: what one client can spend is keyed by where it is, not by how it spells its address.
// IPv6: every line gets at least a /64, so a client rotating through its own /64 is one client.
const NOW = new Date('2030-03-04T12:00:00Z');
const BASE = '/api/session-links';
const SECRET = 'rate-limit-address-secret-0123456789';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }
});

type Options = Partial<Parameters<typeof createHandler>[0]>;

const handlerWith = (options: Options) =>
  createHandler({
    store: createMemoryStore(seedScenario('no-default', { now: NOW })),
    now: () => NOW,
    sync: { secret: SECRET },
    authenticate: async () => null,
    ...options,
  });

/** Serves `handler` through the Node adapter on a loopback address; resolves to its origin. */
async function serve(handler: ReturnType<typeof createHandler>, host = '127.0.0.1'): Promise<string> {
  const server = createServer(toNodeListener(handler));
  servers.push(server);
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A handler whose host says who the client is (as a platform's client-IP header would), served on loopback. */
async function asClient(options: Options) {
  const origin = await serve(handlerWith({ clientAddress: (request) => request.headers.get('x-test-client'), ...options }));
  const read = async (client: string) => {
    const res = await fetch(`${origin}${BASE}/sites/${MAIN_SITE}/settings`, { headers: { 'x-test-client': client } });
    await res.arrayBuffer();
    return res.status;
  };
  const guess = async (client: string, secret: string) => {
    const res = await fetch(`${origin}${BASE}/sync/sites/${MAIN_SITE}`, {
      method: 'PUT',
      headers: { 'x-test-client': client, [SYNC_SECRET_HEADER]: secret, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Studio', timeZone: 'Europe/Amsterdam' }),
    });
    await res.arrayBuffer();
    return res.status;
  };
  return { read, guess };
}

const fewPerAddress = () => createRateLimiter({ perAddress: { burst: 5, perSecond: 0.001 }, perUser: false });

describe('the default rate limiter keys IPv6 clients by their /64 (R26)', () => {
  it('many addresses of one /64 share one address bucket; another /64 has its own', async () => {
    const { read } = await asClient({ rateLimit: fewPerAddress() });
    // Five addresses of 2001:db8:1:2::/64, spelled every way a client or proxy may spell them.
    const oneLine = [
      '2001:db8:1:2::1',
      '2001:db8:1:2:ffff:ffff:ffff:fffe',
      '2001:0db8:0001:0002:0000:0000:0000:0003',
      '[2001:db8:1:2::4]',
      '2001:DB8:1:2:abcd::5',
    ];
    const statuses: number[] = [];
    for (const client of oneLine) statuses.push(await read(client));
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // A sixth address of that /64 finds the bucket empty.
    expect(await read('2001:db8:1:2:dead:beef:0:6')).toBe(429);
    // The next /64 (another line) is not held back.
    expect(await read('2001:db8:1:3::1')).toBe(401);
  });

  it('wrong sync secrets from many addresses of one /64 share one guess budget; another /64 has its own', async () => {
    const { guess } = await asClient({
      rateLimit: createRateLimiter({ perAddress: false, perUser: false, wrongSyncSecrets: { burst: 3, perSecond: 0.001 } }),
    });
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) statuses.push(await guess(`2001:db8:aa:bb:${i}::${i}`, `guess-${i}`));
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    // Zone ids name the host's interface, not another client: fe80::/64 with any zone is one line.
    expect(await guess('fe80::1%eth0', 'guess-a')).toBe(401);
    expect(await guess('fe80::2%eth1', 'guess-b')).toBe(401);
    expect(await guess('fe80::3', 'guess-c')).toBe(401);
    expect(await guess('fe80::4%2', 'guess-d')).toBe(429);
    expect(await guess('2001:db8:aa:bc::1', 'guess-e')).toBe(401);
    // The right secret still goes through from the exhausted /64.
    expect([401, 429]).not.toContain(await guess('2001:db8:aa:bb::99', SECRET));
  });

  it('an IPv4-mapped IPv6 address and its IPv4 address are one client; IPv4 addresses stay one each', async () => {
    const { read } = await asClient({ rateLimit: fewPerAddress() });
    const statuses: number[] = [];
    for (const client of ['198.51.100.7', '::ffff:198.51.100.7', '::FFFF:c633:6407', '0:0:0:0:0:ffff:198.51.100.7', '198.51.100.7'])
      statuses.push(await read(client));
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(await read('::ffff:198.51.100.7')).toBe(429);
    expect(await read('198.51.100.7')).toBe(429);
    // The neighbours in IPv4 are other clients, as before.
    expect(await read('198.51.100.8')).toBe(401);
    expect(await read('198.51.100.6')).toBe(401);
  });

  it("through the Node adapter: a socket's IPv4-mapped address (a dual-stack listener) is the IPv4 client; ::1 is another", async () => {
    // One handler, so one limiter, served on an IPv4 socket and on an IPv6 socket bound to the mapped
    // loopback: the same client (127.0.0.1) reaches it as 127.0.0.1 and as ::ffff:127.0.0.1.
    const handler = handlerWith({ rateLimit: fewPerAddress() });
    const v4 = await serve(handler, '127.0.0.1');
    const mapped = await serve(handler, '::ffff:127.0.0.1');
    const read = async (origin: string) => {
      const res = await fetch(`${origin}${BASE}/sites/${MAIN_SITE}/settings`);
      await res.arrayBuffer();
      return res.status;
    };
    const statuses = [await read(v4), await read(mapped), await read(v4), await read(mapped), await read(v4)];
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(await read(mapped)).toBe(429);
    expect(await read(v4)).toBe(429);
    // IPv6 loopback (a client of its own): works on this machine's loopback, checked by listening there.
    const v6 = await serve(handler, '::1');
    expect(await read(v6)).toBe(401);
  });
});
