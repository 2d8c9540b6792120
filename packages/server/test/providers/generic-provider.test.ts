import { describe, expect, it } from 'vitest';
import { createHandler, GatewayError, type ProviderGateway, type ProviderMeeting, runMeetingWorker, tokensFor } from '../../src';
import { createFakeZoomGateway, createMemoryStore, MAIN_SITE, seedScenario } from '../../src/testing';

// R31: what the server does with any provider behind the gateway contract — told apart by
// the provider it names, not by being Zoom. A provider here is the in-process fake under
// another name, with the behaviours Google Meet and Teams document.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the answers under test
type Json = any;

const NOW = new Date('2030-03-04T12:00:00Z');
const S = `/sites/${MAIN_SITE}`;

/** The fake gateway as another provider, whose meetings first answer `pending` (Google's conference data). */
function pendingProvider(provider: 'google-meet' | 'teams', pendingLooks: number) {
  const base = createFakeZoomGateway({ zoomEmailOf: () => 'owner@studio.example' });
  const looks = new Map<string, number>();
  const made = new Map<string, ProviderMeeting & { start: string; durationMinutes: number; key: string }>();
  const calls = { create: 0, find: 0 };
  const gateway: ProviderGateway = {
    ...base,
    provider,
    async createMeeting(_token, input) {
      calls.create++;
      const id = `${provider}-${input.key}`;
      made.set(id, { id, joinUrl: null, startUrl: null, password: null, pending: true, ...input });
      looks.set(id, 0);
      return { id, joinUrl: null, startUrl: null, password: null, pending: true };
    },
    async findMeeting(_token, input) {
      calls.find++;
      const id = input.meetingId ?? `${provider}-${input.key}`;
      const m = made.get(id);
      if (!m) return null;
      const n = (looks.get(id) ?? 0) + 1;
      looks.set(id, n);
      if (n > pendingLooks) Object.assign(m, { joinUrl: `https://meet.example/${id}`, pending: false });
      return { id, joinUrl: m.joinUrl, startUrl: null, password: null, start: m.start, durationMinutes: m.durationMinutes };
    },
    async updateMeeting() {},
    async deleteMeeting() {},
  };
  return { gateway, calls, made };
}

function setup(providers: ProviderGateway[], zoom: ProviderGateway | null = null) {
  const clock = { ms: NOW.getTime() };
  const store = createMemoryStore(seedScenario('no-default', { now: NOW }));
  const handler = createHandler({
    store,
    ...(zoom ? { zoom } : {}),
    providers,
    now: () => new Date(clock.ms),
    authenticate: async (request) => {
      const auth = request.headers.get('authorization') ?? '';
      return auth.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
    },
  });
  const owner = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const res = await handler(
      new Request(`http://127.0.0.1/api/session-links${path}`, {
        method,
        headers: { authorization: 'Bearer dev:owner', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const connect = async (provider: string) => {
    const started = await owner('POST', `${S}/connections`, { provider, target: { type: 'default' } });
    expect(started.status).toBe(200);
    const version = (await owner('GET', `${S}/settings`)).body.version;
    return owner('POST', `${S}/connections/complete`, { state: started.body.state, code: 'allow:owner@studio.example', version });
  };
  const runtimes = Object.fromEntries(providers.map((g) => [g.provider, { gateway: g, tokens: tokensFor(g) }]));
  const work = () => runMeetingWorker(store, runtimes, new Date(clock.ms));
  const sessions = async () =>
    (
      await owner(
        'GET',
        `${S}/sessions?from=${encodeURIComponent(NOW.toISOString())}&to=${encodeURIComponent(new Date(clock.ms + 14 * 86_400_000).toISOString())}`,
      )
    ).body as Json[];
  return { clock, store, handler, owner, connect, work, sessions };
}

describe('providers behind one contract (R31)', () => {
  it('listProviders says which providers this server is configured for; connecting another answers NOT_CONFIGURED, naming it (R27)', async () => {
    const t = setup([], createFakeZoomGateway());
    expect((await t.owner('GET', `${S}/providers`)).body).toEqual([
      { provider: 'zoom', configured: true },
      { provider: 'google-meet', configured: false },
      { provider: 'teams', configured: false },
    ]);
    const teams = await t.owner('POST', `${S}/connections`, { provider: 'teams', target: { type: 'default' } });
    expect(teams).toMatchObject({ status: 501, body: { error: { code: 'NOT_CONFIGURED', reason: 'PROVIDER_NOT_CONFIGURED' } } });
    expect(teams.body.error.message).toContain('Microsoft Teams');
    // A provider the contract does not know is a validation error, not a guess.
    expect((await t.owner('POST', `${S}/connections`, { provider: 'webex', target: { type: 'default' } })).status).toBe(422);
  });

  it('a connected account is of its provider; a meeting the provider is still making is looked at again, never made twice', async () => {
    const google = pendingProvider('google-meet', 2);
    const t = setup([google.gateway]);
    const done = await t.connect('google-meet');
    expect(done.status).toBe(200);
    expect(done.body.account).toMatchObject({ kind: 'google-meet', health: 'connected', user: { email: 'owner@studio.example' } });
    expect(done.body.account.id).toMatch(/^google-meet-/);

    const meetingIds = (await t.sessions()).filter((s) => s.resolution.reason === 'PROVIDER_MEETING_PENDING').map((s) => s.session.id);
    const upcoming = meetingIds.length;
    expect(upcoming).toBeGreaterThan(0);
    const ours = async () => (await t.sessions()).filter((s) => meetingIds.includes(s.session.id));
    // First run: every create answers `pending`; the sessions say so, naming the provider.
    await t.work();
    expect(google.calls.create).toBe(upcoming);
    for (const s of await ours()) expect(s.resolution).toMatchObject({ reason: 'PROVIDER_MEETING_PENDING', provider: 'google-meet' });
    // Not due again at once: a run now asks nothing.
    const finds = google.calls.find;
    await t.work();
    expect(google.calls.find).toBe(finds);
    // Later runs look (by the meeting's id) until the provider has made it; no second create.
    for (let i = 0; i < 6; i++) {
      t.clock.ms += 5 * 60_000;
      await t.work();
    }
    expect(google.calls.create).toBe(upcoming);
    for (const s of await ours()) {
      expect(s.resolution).toMatchObject({ status: 'linked', link: { type: 'MEETING', provider: 'google-meet' } });
      expect(s.resolution.link.guestUrl).toBe(`https://meet.example/${s.resolution.link.meetingId}`);
    }
    // A refresh keeps the token row the account's provider's: the next refresh goes to Google, not Zoom.
    const accountId = done.body.account.id as string;
    t.clock.ms += 2 * 60 * 60_000;
    const refreshed = await tokensFor(google.gateway)
      .forStore(t.store, () => t.clock.ms)
      .get(accountId);
    expect(refreshed).toMatchObject({ ok: true, refreshed: true });
    expect((await t.store.transaction((tx) => tx.getTokens(accountId)))?.provider).toBe('google-meet');
  });

  it('a permanent refusal (a personal Microsoft account cannot make Teams meetings) shows as the account’s error and is not retried run after run', async () => {
    const base = createFakeZoomGateway({ zoomEmailOf: () => 'someone@outlook.example' });
    let creates = 0;
    const teams: ProviderGateway = {
      ...base,
      provider: 'teams',
      async createMeeting() {
        creates++;
        throw new GatewayError('refused', 'Graph answered 403', undefined, 'A personal Microsoft account cannot create Teams meetings');
      },
    };
    const t = setup([teams]);
    expect((await t.connect('teams')).status).toBe(200);
    await t.work();
    const refusedOnce = creates;
    expect(refusedOnce).toBe(1);
    expect((await t.owner('GET', `${S}/settings`)).body.defaultAccount).toMatchObject({ kind: 'teams', health: 'error' });
    t.clock.ms += 2 * 60 * 60_000;
    await t.work();
    expect(creates).toBe(refusedOnce);
  });

  it('R30: one worker run making meetings of two providers files each session’s change under its own provider', async () => {
    const teams: ProviderGateway = { ...createFakeZoomGateway({ zoomEmailOf: () => 'anna@studio.example' }), provider: 'teams' };
    const zoom = createFakeZoomGateway({ zoomEmailOf: () => 'owner@studio.example' });
    const t = setup([zoom, teams]);
    expect((await t.connect('zoom')).status).toBe(200);
    const started = await t.owner('POST', `${S}/connections`, { provider: 'teams', target: { type: 'staff', staffId: 'anna' } });
    const anna = (await t.owner('GET', `${S}/staff`)).body.find((m: Json) => m.id === 'anna');
    const done = await t.owner('POST', `${S}/connections/complete`, {
      state: started.body.state,
      code: 'allow:anna@studio.example',
      version: anna.version,
    });
    expect(done.status).toBe(200);
    // One run makes the default's Zoom meetings and Anna's Teams meetings.
    await t.work();
    const linked = (await t.sessions()).filter((s) => s.resolution.status === 'linked');
    const annas = linked.filter((s) => s.resolution.source === 'staff');
    const defaults = linked.filter((s) => s.resolution.source === 'default');
    expect(annas.length).toBeGreaterThan(0);
    expect(defaults.length).toBeGreaterThan(0);
    const newestActor = async (sessionId: string) => (await t.owner('GET', `${S}/sessions/${sessionId}/history`)).body.entries[0].actor;
    for (const s of annas) expect(await newestActor(s.session.id), s.session.id).toEqual({ type: 'provider', provider: 'teams' });
    for (const s of defaults) expect(await newestActor(s.session.id), s.session.id).toEqual({ type: 'provider', provider: 'zoom' });
  });

  it('each provider’s callback path answers only the connections started for that provider', async () => {
    const google = pendingProvider('google-meet', 0);
    const t = setup([google.gateway], createFakeZoomGateway());
    const started = await t.owner('POST', `${S}/connections`, { provider: 'google-meet', target: { type: 'default' } });
    const callback = (path: string) =>
      t.handler(new Request(`http://127.0.0.1/api/session-links${path}?state=${started.body.state}&code=abc`));
    expect((await callback('/zoom/callback')).status).toBe(400);
    expect((await callback('/microsoft/callback')).status).toBe(400);
    const page = await callback('/google/callback');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Google Meet');
  });
});
