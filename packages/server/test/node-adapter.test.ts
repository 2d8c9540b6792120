import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler, createRateLimiter } from '../src';
import { toNodeListener } from '../src/http/node';
import { createFakeZoomGateway, createMemoryStore, MAIN_SITE, seedScenario } from '../src/testing';

// The Node adapter as a client meets it: a raw socket on loopback, bytes in, bytes out.
const NOW = new Date('2030-03-04T12:00:00Z');
const SITE = `/api/session-links/sites/${MAIN_SITE}`;

let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  if (server) {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
    server = undefined;
  }
});

async function listen(options: Partial<Parameters<typeof createHandler>[0]> = {}): Promise<number> {
  const zoom = createFakeZoomGateway();
  const handler = createHandler({
    store: createMemoryStore(seedScenario('zoom-default', { zoom, now: NOW })),
    zoom,
    now: () => NOW,
    authenticate: async (request) => {
      const auth = request.headers.get('authorization');
      return auth?.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
    },
    ...options,
  });
  server = createServer(toNodeListener(handler));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** A raw keep-alive connection: what arrived so far, and whether the server closed it. */
function open(port: number) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  const state = { received: '', closed: false };
  socket.on('data', (chunk: Buffer) => {
    state.received += chunk.toString('latin1');
  });
  socket.on('close', () => {
    state.closed = true;
  });
  socket.on('error', () => undefined);
  return { socket, state };
}

/** Waits until `done()` holds, polling; fails with `what` after the deadline. */
async function until(done: () => boolean, what: () => string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const statuses = (text: string) => [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));

describe('the Node adapter (R26)', () => {
  const get = `GET ${SITE}/settings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer dev:owner\r\n\r\n`;

  it.each([
    ['a declared Content-Length over the cap', (body: string) => `Content-Length: ${body.length}\r\n\r\n${body}`],
    [
      'a chunked body that grows over the cap',
      (body: string) => `Transfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    ],
  ])('after a 413 for %s on a keep-alive connection, the next request is answered or the connection is closed', async (_name, framing) => {
    const port = await listen();
    const { socket, state } = open(port);
    const body = JSON.stringify({ type: 'disconnect-default', pad: 'x'.repeat(200_000) });
    socket.write(
      `POST ${SITE}/impact HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer dev:owner\r\nContent-Type: application/json\r\n${framing(body)}`,
    );
    await until(
      () => statuses(state.received).length >= 1,
      () => state.received,
    );
    expect(statuses(state.received)[0]).toBe(413);
    if (!state.closed) socket.write(get);
    // Never a connection left hanging: a second answer, or the server's close (announced).
    await until(
      () => state.closed || statuses(state.received).length >= 2,
      () => `neither answered nor closed: ${JSON.stringify(state.received.slice(0, 400))}`,
    );
    if (statuses(state.received).length >= 2) expect(statuses(state.received)[1]).toBe(200);
    else expect(state.received).toMatch(/^connection: close\r$/im);
  });

  it('a request line or Host the URL parser refuses gets a 400 with a code, not a 500', async () => {
    const port = await listen();
    const { socket, state } = open(port);
    socket.write(`GET ${SITE}/settings HTTP/1.1\r\nHost: [bad\r\nAuthorization: Bearer dev:owner\r\nConnection: close\r\n\r\n`);
    await until(
      () => state.closed,
      () => state.received,
    );
    expect(statuses(state.received)).toEqual([400]);
    expect(state.received).toMatch(/"code":"VALIDATION"/);
    expect(state.received).toMatch(/^x-content-type-options: nosniff\r$/im);
  });

  it("limits by the socket's address before authentication: 429 RATE_LIMITED with retryAfter and Retry-After", async () => {
    const port = await listen({ rateLimit: createRateLimiter({ perAddress: { burst: 3, perSecond: 0.01 }, perUser: false }) });
    const answers: Response[] = [];
    for (let i = 0; i < 5; i++) answers.push(await fetch(`http://127.0.0.1:${port}${SITE}/settings`));
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 429, 429]);
    const limited = answers[3] as Response;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED', retryAfter: Number(limited.headers.get('retry-after')) } });
  });
});
