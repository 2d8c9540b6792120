import { afterEach, describe, expect, it } from 'vitest';
import { createHandler, runMeetingWorker, SYNC_SECRET_HEADER } from '../src';
import { createMemoryStore } from '../src/testing';
import { googleCycleFake } from './google-cycle-fake';

// The meeting worker with Google Meet, where Google's answers differ from what was sent.

const NOW = Date.parse('2030-03-04T12:00:00Z');
const BASE = 'https://app.example/api/session-links';
const SITE = 'site-g';
const SECRET = 'sync-secret-for-google-worker-tests';
const KEY = 'Z29vZ2xlLXdvcmtlci10b2tlbi1rZXktMzItYnl0ZXM=';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const clock = { ms: NOW };
  const store = createMemoryStore();
  const fake = await googleCycleFake({ now: () => clock.ms, apiBase: BASE, tokenKey: KEY });
  cleanups.push(() => fake.close());
  const handler = createHandler({
    store,
    providers: [fake.runtime],
    now: () => new Date(clock.ms),
    sync: { secret: SECRET },
    authenticate: async () => ({ userId: 'owner' }),
  });
  const call = async (method: string, path: string, body?: unknown, sync = false) => {
    const headers = new Headers({ origin: 'https://app.example' });
    if (body !== undefined) headers.set('content-type', 'application/json');
    if (sync) headers.set(SYNC_SECRET_HEADER, SECRET);
    const res = await handler(
      new Request(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    );
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const sync = (path: string, body: unknown) => call('PUT', `/sync/sites/${SITE}${path}`, body, true);
  await sync('', { name: 'Studio', plan: { id: 'pro', name: 'Pro', includesOnlineSessions: true } });
  await sync('/members/owner', { name: 'Olivia', role: 'owner', staffId: null });
  await sync('/services/yoga', { name: 'Yoga', kind: 'class', online: true });
  const connect = async () => {
    const started = await call('POST', `/sites/${SITE}/connections`, { provider: 'google-meet', target: { type: 'default' } });
    const back = new URL(await fake.consent(started.body.authorizeUrl, 'allow'));
    const version = (await call('GET', `/sites/${SITE}/settings`)).body.version;
    const done = await call('POST', `/sites/${SITE}/connections/complete`, {
      state: back.searchParams.get('state'),
      code: back.searchParams.get('code'),
      version,
    });
    expect(done.status).toBe(200);
  };
  /** Worker runs, 10 s apart: the insert (the conference pending), then the read once Google has made it. */
  const work = async () => {
    for (let i = 0; i < 5; i++) {
      await runMeetingWorker(store, { 'google-meet': fake.runtime }, new Date(clock.ms));
      clock.ms += 10_000;
    }
  };
  return { clock, fake, call, sync, connect, work };
}

describe('meeting worker with Google Meet', () => {
  it('a session starting at a fraction of a second: the meeting Google keeps to the second is not patched again', async () => {
    const { fake, call, sync, connect, work } = await setup();
    await sync('/sessions/s1', { serviceId: 'yoga', staffId: null, start: '2030-03-05T09:00:04.800Z', end: '2030-03-05T10:00:04.800Z' });
    await connect();
    await work();
    const session = (await call('GET', `/sites/${SITE}/sessions/s1`)).body;
    expect(session.resolution).toMatchObject({ status: 'linked', link: { provider: 'google-meet' } });
    expect(fake.calls()).toMatchObject({ creates: 1, updates: 0 });
    expect(fake.meetings()[0]!.start).toBe('2030-03-05T09:00:04.000Z');
  });

  it('an account idle for 100 days is refreshed at Google, not taken for dead (Google allows six months unused, Zoom 90 days)', async () => {
    const { clock, fake, call, sync, connect, work } = await setup();
    await connect();
    clock.ms += 100 * 86_400_000;
    const start = new Date(clock.ms + 86_400_000).toISOString();
    await sync('/sessions/later', { serviceId: 'yoga', staffId: null, start, end: new Date(Date.parse(start) + 3_600_000).toISOString() });
    await work();
    expect((await call('GET', `/sites/${SITE}/settings`)).body.defaultAccount.health).toBe('connected');
    expect((await call('GET', `/sites/${SITE}/sessions/later`)).body.resolution).toMatchObject({ status: 'linked' });
    expect(fake.calls().refreshes).toBe(1);
  });
});
