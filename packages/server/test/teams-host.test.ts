import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_SECRET_HEADER } from '../src';
import { createSessionLinksServer, type SessionLinksServer } from '../src/host';
import { createMemoryStore, type FakeMicrosoft, startFakeMicrosoft } from '../src/testing';
import { TEAMS_WORK_USER, teamsConsent } from './teams-cycle-fake';

// `createSessionLinksServer` with MICROSOFT_* in its environment (here pointing at the fake on loopback).

const ORIGIN = 'https://host.example';
const BASE = `${ORIGIN}/api/session-links`;
const SITE = 'site-host-teams';
const SYNC_SECRET = 'sync-secret-for-the-teams-host-test-0123456789';
const authenticate = async (request: Request) => (request.headers.get('authorization') === 'Bearer dev:owner' ? { userId: 'owner' } : null);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fakeMicrosoft(): Promise<FakeMicrosoft> {
  const fake = await startFakeMicrosoft({ users: [TEAMS_WORK_USER] });
  cleanups.push(() => fake.close());
  return fake;
}

function envFor(fake: FakeMicrosoft) {
  return {
    MICROSOFT_CLIENT_ID: fake.clientId,
    MICROSOFT_CLIENT_SECRET: fake.clientSecret,
    MICROSOFT_REDIRECT_URI: `${BASE}/microsoft/callback`,
    MICROSOFT_OAUTH_BASE: fake.oauthBase,
    MICROSOFT_GRAPH_BASE: fake.graphBase,
    SESSION_LINKS_TOKEN_KEY: Buffer.alloc(32, 9).toString('base64'),
    SESSION_LINKS_SYNC_SECRET: SYNC_SECRET,
  };
}

function server(options: Parameters<typeof createSessionLinksServer>[0]): SessionLinksServer {
  const s = createSessionLinksServer(options);
  cleanups.push(() => s.close());
  return s;
}

async function call(s: SessionLinksServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const h = new Headers({ origin: ORIGIN, authorization: 'Bearer dev:owner', ...headers });
  if (body !== undefined) h.set('content-type', 'application/json');
  const res = await s.handler(
    new Request(`${BASE}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('createSessionLinksServer with Microsoft Teams', () => {
  it('reads MICROSOFT_*: Teams is offered, connects through the popup flow, and runWorker makes its meetings', async () => {
    const fake = await fakeMicrosoft();
    const s = server({ authenticate, env: envFor(fake), store: createMemoryStore(), worker: 'cron' });
    const sync = (path: string, body: unknown) => call(s, 'PUT', `/sync/sites/${SITE}${path}`, body, { [SYNC_SECRET_HEADER]: SYNC_SECRET });
    expect((await sync('', { name: 'Host studio', plan: { id: 'pro', name: 'Pro', includesOnlineSessions: true } })).status).toBe(200);
    await sync('/members/owner', { name: 'Olivia', role: 'owner', staffId: null });
    await sync('/staff/st-anna', { name: 'Anna', email: 'anna@studio.example' });
    await sync('/services/svc-yoga', { name: 'Yoga', kind: 'class', online: true });
    const start = Date.now() + 3_600_000;
    for (let i = 0; i < 3; i++) {
      const at = start + i * 86_400_000;
      await sync(`/sessions/ses-${i}`, {
        serviceId: 'svc-yoga',
        staffId: 'st-anna',
        start: new Date(at).toISOString(),
        end: new Date(at + 3_600_000).toISOString(),
      });
    }

    expect((await call(s, 'GET', `/sites/${SITE}/providers`)).body).toContainEqual({ provider: 'teams', configured: true });
    const started = await call(s, 'POST', `/sites/${SITE}/connections`, { provider: 'teams', target: { type: 'default' } });
    expect(started.status).toBe(200);
    const back = await teamsConsent(fake, started.body.authorizeUrl, 'allow', TEAMS_WORK_USER.id);
    expect(back.startsWith(`${BASE}/microsoft/callback?`)).toBe(true);
    const page = await (await s.handler(new Request(back))).text();
    const posted = JSON.parse(/var d=(.*?);if\(window\.opener\)/.exec(page)?.[1] ?? 'null');
    const version = (await call(s, 'GET', `/sites/${SITE}/settings`)).body.version;
    const done = await call(s, 'POST', `/sites/${SITE}/connections/complete`, {
      state: posted.message.state,
      code: posted.message.code,
      version,
    });
    expect(done.body.account).toMatchObject({ kind: 'teams', health: 'connected' });

    expect(await s.runWorker()).toMatchObject({ created: 3, failed: 0 });
    expect(fake.meetings()).toHaveLength(3);
  });

  it('teams: null leaves Teams out whatever the environment', async () => {
    const fake = await fakeMicrosoft();
    const s = server({ authenticate, env: envFor(fake), store: createMemoryStore(), worker: 'cron', teams: null });
    await call(
      s,
      'PUT',
      `/sync/sites/${SITE}`,
      { name: 'Host studio', plan: { id: 'pro', name: 'Pro', includesOnlineSessions: true } },
      {
        [SYNC_SECRET_HEADER]: SYNC_SECRET,
      },
    );
    await call(
      s,
      'PUT',
      `/sync/sites/${SITE}/members/owner`,
      { name: 'Olivia', role: 'owner', staffId: null },
      { [SYNC_SECRET_HEADER]: SYNC_SECRET },
    );
    expect((await call(s, 'GET', `/sites/${SITE}/providers`)).body).toContainEqual({ provider: 'teams', configured: false });
  });
});
