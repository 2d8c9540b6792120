import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from '@session-links/client';
import { createSyncClient } from '@session-links/client/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler, type Store } from '../src';
import { toNodeListener } from '../src/http/node';
import { createMemoryStore } from '../src/testing';

// The typed sync client against the real handler, over HTTP on loopback.
const NOW = new Date('2030-03-04T12:00:00Z');
const SECRET = 'sync-client-test-secret';
const SITE = 'site-sync';
// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by their documented shape
type Json = any;

let server: Server | undefined;
afterEach(async () => {
  if (server) {
    server.close();
    await once(server, 'close');
    server = undefined;
  }
});

async function start(): Promise<{ store: Store; apiBase: string; owner: (path: string) => Promise<{ status: number; body: Json }> }> {
  const store = createMemoryStore();
  const handler = createHandler({
    store,
    now: () => NOW,
    sync: { secret: SECRET },
    authenticate: async (request) => {
      const auth = request.headers.get('authorization');
      return auth?.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
    },
  });
  server = createServer(toNodeListener(handler));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/session-links`;
  const owner = async (path: string) => {
    const res = await fetch(`${apiBase}/sites/${SITE}${path}`, { headers: { authorization: 'Bearer dev:olivia' } });
    return { status: res.status, body: await res.json() };
  };
  return { store, apiBase, owner };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('createSyncClient against the real handler', () => {
  it('puts every resource, in order, and the widgets’ API sees them; deletes them again', async () => {
    const { store, apiBase, owner } = await start();
    const sync = createSyncClient({ baseUrl: apiBase, secret: SECRET });
    await sync.putSite(SITE, { name: 'Sync Studio', plan: { id: 'business', name: 'Business', includesOnlineSessions: true } });
    await sync.putStaff(SITE, 'anna', { name: 'Anna de Vries', email: 'anna@studio.example' });
    await sync.putMember(SITE, 'olivia', { name: 'Olivia Owner', role: 'owner', staffId: null });
    await sync.putMember(SITE, 'anna-user', { name: 'Anna de Vries', role: 'staff', staffId: 'anna' });
    await sync.putService(SITE, 'yoga', { name: 'Morning yoga', kind: 'class', online: true });
    await sync.putSession(SITE, 'yoga-1', {
      serviceId: 'yoga',
      staffId: 'anna',
      start: '2030-03-06T08:00:00.000Z',
      end: '2030-03-06T09:00:00.000Z',
    });
    await sync.putClient(SITE, 'c-carla', { name: 'Carla Smit', email: 'carla@clients.example' });
    await sync.putBooking(SITE, 'b-1', { clientId: 'c-carla', serviceId: 'yoga', sessionId: 'yoga-1' });

    expect((await owner('/me')).body).toMatchObject({ role: 'owner', name: 'Olivia Owner' });
    expect((await owner('/staff')).body.map((s: { id: string }) => s.id)).toEqual(['anna']);
    expect((await owner('/services')).body.map((s: { id: string }) => s.id)).toEqual(['yoga']);
    expect((await owner('/sessions/yoga-1')).body.session).toMatchObject({
      serviceId: 'yoga',
      staffId: 'anna',
      start: '2030-03-06T08:00:00.000Z',
    });
    const bookings = () => store.transaction((tx) => tx.listBookings(SITE, { sessionIds: ['yoga-1'] }));
    expect((await bookings()).map((b) => b.id)).toEqual(['b-1']);

    await sync.deleteBooking(SITE, 'b-1');
    expect(await bookings()).toEqual([]);
    await sync.deleteClient(SITE, 'c-carla');
    await sync.deleteSession(SITE, 'yoga-1');
    expect((await owner('/sessions/yoga-1')).status).toBe(404);
    await sync.deleteService(SITE, 'yoga');
    await sync.deleteMember(SITE, 'anna-user');
    await sync.deleteStaff(SITE, 'anna');
    expect((await owner('/staff')).body).toEqual([]);
    await sync.deleteMember(SITE, 'olivia');
    expect((await owner('/me')).status).toBe(403);
    await sync.deleteSite(SITE);
    // Deleting what is absent is not an error.
    await sync.deleteSite(SITE);
  });

  it('a refusal is an ApiError with the server’s code and fields; a wrong secret is UNAUTHORIZED', async () => {
    const { apiBase } = await start();
    const sync = createSyncClient({ baseUrl: apiBase, secret: SECRET });
    await sync.putSite(SITE, { name: 'Sync Studio', plan: { id: 'free', name: 'Free', includesOnlineSessions: false } });
    const unknown = await failure(
      sync.putSession(SITE, 's-1', {
        serviceId: 'nothing',
        staffId: null,
        start: '2030-03-06T08:00:00.000Z',
        end: '2030-03-06T09:00:00.000Z',
      }),
    );
    expect(unknown).toMatchObject({ code: 'VALIDATION', status: 422 });
    expect(unknown.fields).toHaveProperty('serviceId');
    // Checked before sending, with the server's own schema.
    const malformed = await failure(sync.putSession(SITE, 's-1', { serviceId: 'yoga', staffId: null, start: 'tomorrow', end: 'later' }));
    expect(malformed).toMatchObject({ code: 'VALIDATION', status: 0 });
    const wrong = await failure(createSyncClient({ baseUrl: apiBase, secret: 'wrong' }).deleteSite(SITE));
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
  });
});
