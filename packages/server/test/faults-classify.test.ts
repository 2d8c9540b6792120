import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { toStoreError, unavailableReason } from '../src/store/sql/faults';
import { StoreUnavailableError } from '../src/store/unavailable';

// Which errors mean "the database is away" (503 UNAVAILABLE, R25) and which stay a 500.
// The whole behaviour, on a real PostgreSQL, is faults.pg.test.ts.

const sockets: Socket[] = [];
const servers: Server[] = [];
afterAll(() => {
  for (const s of sockets) s.destroy();
  for (const s of servers) s.close();
});

/** A loopback port that takes connections and never answers: a frozen server. */
async function silentPort(): Promise<number> {
  const server = createServer((socket) => sockets.push(socket));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function connectError(config: pg.ClientConfig): Promise<unknown> {
  const client = new pg.Client(config);
  client.on('error', () => undefined);
  return client.connect().then(
    () => {
      throw new Error('connected');
    },
    (error: unknown) => error,
  );
}

const dbError = (code: string, message: string) => Object.assign(new pg.DatabaseError(message, 0, 'error'), { code });

describe('what counts as the database being away', () => {
  it('a refused connection and a server that never answers the handshake', async () => {
    const refused = await connectError({ host: '127.0.0.1', port: await closedPort(), user: 'x', database: 'x' });
    expect(unavailableReason(refused)).toBe('ECONNREFUSED');
    const silent = await connectError({
      host: '127.0.0.1',
      port: await silentPort(),
      user: 'x',
      database: 'x',
      connectionTimeoutMillis: 200,
    });
    expect(unavailableReason(silent)).toBe('timeout');
    const wrapped = toStoreError(silent);
    expect(wrapped).toBeInstanceOf(StoreUnavailableError);
    expect((wrapped as StoreUnavailableError).retryAfter).toBeGreaterThan(0);
  });

  it('SQLSTATEs of a server going or starting, connection exceptions, our own timeouts', () => {
    expect(unavailableReason(dbError('57P01', 'terminating connection due to administrator command'))).toBe('57P01');
    expect(unavailableReason(dbError('57P03', 'the database system is starting up'))).toBe('57P03');
    expect(unavailableReason(dbError('08006', 'connection failure'))).toBe('08006');
    expect(unavailableReason(dbError('57014', 'canceling statement due to statement timeout'))).toBe('statement timeout');
    expect(unavailableReason(new Error('Connection terminated unexpectedly'))).toBe('connection lost');
    expect(unavailableReason(new Error('Query read timeout'))).toBe('timeout');
    expect(unavailableReason(new Error('timeout exceeded when trying to connect'))).toBe('timeout');
  });

  it('everything else stays what it is (a 500)', () => {
    const unique = dbError('23505', 'duplicate key value violates unique constraint');
    expect(unavailableReason(unique)).toBeNull();
    expect(toStoreError(unique)).toBe(unique);
    expect(unavailableReason(dbError('57014', 'canceling statement due to user request'))).toBeNull();
    expect(unavailableReason(dbError('22P02', 'invalid input syntax for type integer'))).toBeNull();
    expect(unavailableReason(new TypeError('x is undefined'))).toBeNull();
    expect(unavailableReason('ECONNREFUSED')).toBeNull();
  });
});
