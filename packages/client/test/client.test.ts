import { ApiError, createClient } from '@session-links/client';
import { MAIN_SITE, SECOND_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { afterEach, describe, expect, it } from 'vitest';

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | undefined;
afterEach(() => stop?.());

// Noon: the scenario's "today 18:00" course session is upcoming, "a week ago" is past.
const NOW = new Date('2030-03-04T12:00:00Z');

function start(name: Parameters<typeof setupMockApi>[0], options: Parameters<typeof setupMockApi>[1] = {}) {
  const api = setupMockApi(name, { now: () => NOW, ...options });
  api.server.listen({ onUnhandledRequest: 'error' });
  stop = () => api.server.close();
  return { ...api, client: createClient({ baseUrl, siteId: MAIN_SITE }) };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('client against the mocks: every operation', () => {
  it('reads the settings, user, staff, services and sessions of a Zoom-default site', async () => {
    const { client } = start('zoom-default');
    const settings = await client.getSettings();
    expect(settings).toMatchObject({ siteId: MAIN_SITE, plan: { includesOnlineSessions: true }, defaultAccount: { kind: 'zoom' } });
    expect(await client.getMe()).toMatchObject({ role: 'owner' });
    expect((await client.listStaff()).map((s) => [s.id, s.account?.kind ?? null])).toEqual([
      ['anna', 'zoom'],
      ['bram', 'custom'],
      ['chris', null],
    ]);
    expect((await client.listServices()).map((s) => s.kind)).toEqual(['appointment', 'class', 'course', 'appointment']);
    const now = NOW.getTime();
    const sessions = await client.listSessions({
      from: new Date(now - 30 * 864e5).toISOString(),
      to: new Date(now + 30 * 864e5).toISOString(),
    });
    const byId = Object.fromEntries(sessions.map((s) => [s.session.id, s.resolution]));
    expect(byId['coaching-anna-1']).toMatchObject({ status: 'linked', source: 'staff', staffId: 'anna' });
    expect(byId['coaching-bram-1']).toMatchObject({ status: 'linked', source: 'staff', link: { provider: 'google-meet' } });
    expect(byId['coaching-chris-1']).toMatchObject({ status: 'linked', source: 'default' });
    expect(byId['massage-1']).toMatchObject({ status: 'none', reason: 'OFFLINE' });
    expect(byId['pottery-1']).toMatchObject({ status: 'linked', source: 'default' });
  });

  it('sets a custom default and disconnects it, each answer carrying the new version', async () => {
    const { client } = start('zoom-default');
    const before = await client.getSettings();
    const set = await client.setDefaultCustomLink({ link: { url: ' https://meet.google.com/new-room ' }, version: before.version });
    expect(set.defaultAccount).toMatchObject({
      kind: 'custom',
      provider: 'google-meet',
      link: { url: 'https://meet.google.com/new-room' },
    });
    expect(set.version).toBe(before.version + 1);
    const off = await client.disconnectDefault({ version: set.version });
    expect(off.defaultAccount).toBeNull();
    expect((await client.getSettings()).defaultAccount).toBeNull();
  });

  it('connects Zoom: start gives a consent URL with a state, complete with that state connects the account', async () => {
    const { client } = start('no-default');
    const { authorizeUrl, state, callbackOrigin } = await client.startConnection({ provider: 'zoom', target: { type: 'default' } });
    const url = new URL(authorizeUrl);
    expect(url.searchParams.get('state')).toBe(state);
    expect(callbackOrigin).toBe(url.origin);
    const { version } = await client.getSettings();
    const done = await client.completeConnection({ state, code: 'allow:olivia@studio.example', version });
    expect(done).toMatchObject({ target: { type: 'default' }, account: { kind: 'zoom', user: { email: 'olivia@studio.example' } } });
    expect((await client.getSettings()).defaultAccount?.kind).toBe('zoom');
  });

  it('refuses a Zoom completion with a state it did not issue, and a denied consent', async () => {
    const { client } = start('no-default');
    const { state } = await client.startConnection({ provider: 'zoom', target: { type: 'default' } });
    const forged = await failure(client.completeConnection({ state: `${state}x`, code: 'allow:x@y', version: 0 }));
    expect([forged.code, forged.reason]).toEqual(['VALIDATION', 'PROVIDER_STATE_MISMATCH']);
    const denied = await failure(client.completeConnection({ state, code: 'denied', version: 0 }));
    expect([denied.code, denied.reason]).toEqual(['VALIDATION', 'PROVIDER_DENIED']);
    expect((await client.getSettings()).defaultAccount).toBeNull();
  });

  it('previews the impact of disconnecting the default', async () => {
    const { client } = start('zoom-default');
    const impact = await client.previewImpact({ type: 'disconnect-default' });
    expect(impact.counts.lost).toBeGreaterThan(0);
    expect(impact.counts.past).toBe(0);
    expect(impact.staffNoLongerUsingOwnAccount.sort()).toEqual(['anna', 'bram']);
    expect(impact.clientsToNotify.map((c) => c.name)).toContain('Carla Smit');
  });

  it("sets and removes a staff member's custom link", async () => {
    const { client } = start('zoom-default');
    const chris = (await client.listStaff()).find((s) => s.id === 'chris')!;
    const set = await client.setStaffCustomLink('chris', {
      link: { url: 'https://whereby.com/chris', password: 'pw' },
      version: chris.version,
    });
    expect(set.account).toMatchObject({ kind: 'custom', provider: 'whereby', link: { password: 'pw' } });
    const removed = await client.removeStaffAccount('chris', { version: set.version });
    expect(removed.account).toBeNull();
  });

  it('adds a Zoom meeting, a custom link, removes and resets the link of one session', async () => {
    const { client } = start('custom-default');
    const detail = await client.getSession('coaching-chris-1');
    expect(detail).toMatchObject({ resolution: { source: 'default', link: { provider: 'teams' } }, meetingAvailableFrom: null });
    const noZoom = await failure(
      client.setSessionLink('coaching-chris-1', { change: { kind: 'meeting' }, version: detail.session.version }),
    );
    expect([noZoom.code, noZoom.reason]).toEqual(['VALIDATION', 'NO_MEETING_ACCOUNT']);
    const custom = await client.setSessionLink('coaching-chris-1', {
      change: { kind: 'custom', link: { url: 'https://meet.google.com/one-off' } },
      version: detail.session.version,
    });
    expect(custom.resolution).toMatchObject({ source: 'session', link: { guestUrl: 'https://meet.google.com/one-off' } });
    const removed = await client.setSessionLink('coaching-chris-1', { change: { kind: 'removed' }, version: custom.session.version });
    expect(removed.resolution).toMatchObject({ status: 'none', reason: 'REMOVED' });
    const reset = await client.setSessionLink('coaching-chris-1', { change: { kind: 'reset' }, version: removed.session.version });
    expect(reset.resolution).toMatchObject({ source: 'default' });

    const anna = await client.getSession('coaching-anna-1');
    expect(anna.meetingAvailableFrom).toEqual({ from: 'staff', provider: 'zoom' });
    const zoom = await client.setSessionLink('coaching-anna-1', { change: { kind: 'meeting' }, version: anna.session.version });
    expect(zoom.resolution).toMatchObject({ source: 'session', link: { type: 'ZOOM', provider: 'zoom' } });
  });

  it('adds a link to a session that was offline (R7)', async () => {
    const { client } = start('zoom-default');
    const massage = await client.getSession('massage-1');
    expect(massage.resolution).toMatchObject({ status: 'none', reason: 'OFFLINE' });
    const added = await client.setSessionLink('massage-1', { change: { kind: 'meeting' }, version: massage.session.version });
    expect(added.resolution).toMatchObject({ status: 'linked', source: 'session', link: { type: 'ZOOM' } });
  });

  it('sets a course link: every session of the course changes and booked clients are named (R5, R6)', async () => {
    const { client } = start('zoom-default');
    const state = await client.getCourseLink('pottery');
    expect(state).toMatchObject({ sessionCount: 3, blocker: null, courseLink: { link: null } });
    const update = await client.setCourseLink('pottery', {
      link: { url: 'https://whereby.com/pottery' },
      version: state.courseLink.version,
    });
    expect(update.propagation.counts).toMatchObject({ changed: 3, past: 1, upcoming: 2 });
    expect(update.propagation.clientsToNotify.map((c) => c.name).sort()).toEqual(['Carla Smit', 'Finn de Boer']);
    const session = await client.getSession('pottery-3');
    expect(session.resolution).toMatchObject({ source: 'course', link: { guestUrl: 'https://whereby.com/pottery' } });
  });

  it('refuses a course link before the course has a session (R5)', async () => {
    const { client } = start('course-without-sessions');
    const state = await client.getCourseLink('pottery');
    expect(state.blocker).toBe('COURSE_HAS_NO_SESSIONS');
    const e = await failure(client.setCourseLink('pottery', { link: { url: 'https://whereby.com/p' }, version: 0 }));
    expect([e.code, e.reason]).toEqual(['VALIDATION', 'COURSE_HAS_NO_SESSIONS']);
  });

  it('lists automations, saves a template with elements removed and resets it (R12)', async () => {
    const { client } = start('zoom-default');
    const automations = await client.listAutomations();
    expect(automations.map((a) => a.joinSection)).toEqual(['complete', 'complete', 'complete', 'complete', 'complete']);
    const template = await client.getTemplate('booking-confirmation');
    const saved = await client.saveTemplate('booking-confirmation', { ...template, joinOnline: { elements: ['join-link'] } });
    expect(saved.joinOnline.elements).toEqual(['join-link']);
    expect((await client.listAutomations())[0]?.joinSection).toBe('partial');
    const reset = await client.resetTemplate('booking-confirmation', { version: saved.version });
    expect(reset.joinOnline.elements).toEqual(['heading', 'join-link', 'password', 'description']);
  });
});

describe('client errors: one ApiError per failure', () => {
  it('PLAN_REQUIRED without a plan', async () => {
    const { client } = start('no-plan');
    expect((await failure(client.setDefaultCustomLink({ link: { url: 'https://meet.google.com/x' }, version: 1 }))).code).toBe(
      'PLAN_REQUIRED',
    );
  });
  it('DEFAULT_ACCOUNT_REQUIRED for a staff account while the site has no default (R9)', async () => {
    const { client } = start('no-default');
    const e = await failure(client.setStaffCustomLink('anna', { link: { url: 'https://meet.google.com/x' }, version: 1 }));
    expect([e.code, e.status]).toEqual(['DEFAULT_ACCOUNT_REQUIRED', 412]);
  });
  it('FORBIDDEN for a staff member managing the default (R10)', async () => {
    const { client } = start('zoom-default', { signedInAs: 'anna' });
    const e = await failure(client.setDefaultCustomLink({ link: { url: 'https://meet.google.com/x' }, version: 1 }));
    expect([e.code, e.status]).toEqual(['FORBIDDEN', 403]);
  });
  it('NOT_FOUND for an unknown session', async () => {
    const { client } = start('zoom-default');
    expect((await failure(client.getSession('nope'))).code).toBe('NOT_FOUND');
  });
  it('CONFLICT for a stale version, and when the conflict switch is on', async () => {
    const { client, backend } = start('zoom-default');
    const { version } = await client.getSettings();
    expect((await failure(client.disconnectDefault({ version: version - 1 }))).code).toBe('CONFLICT');
    backend.conflictOnNextWrite();
    expect((await failure(client.disconnectDefault({ version }))).code).toBe('CONFLICT');
    expect((await client.disconnectDefault({ version })).defaultAccount).toBeNull();
  });
  it('VALIDATION before sending when the input breaks the shared schema, with field errors', async () => {
    const requests: string[] = [];
    const client = createClient({
      baseUrl,
      siteId: MAIN_SITE,
      fetch: async (input) => {
        requests.push(String(input));
        return new Response('{}');
      },
    });
    const e = await failure(client.setDefaultCustomLink({ link: { url: 'javascript:alert(1)' }, version: 1 }));
    expect(e.code).toBe('VALIDATION');
    expect(e.fields).toEqual({ 'link.url': ['url.scheme'] });
    expect(
      (await failure(client.setDefaultCustomLink({ link: { url: `https://x.example/${'a'.repeat(3000)}` }, version: 1 }))).fields,
    ).toEqual({ 'link.url': ['url.tooLong'] });
    expect(requests).toEqual([]);
  });
  it('VALIDATION from the server for a body the schema refuses', async () => {
    const { backend } = start('zoom-default');
    const res = await fetch(`${baseUrl}/sites/${MAIN_SITE}/settings/default-account`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ link: { url: 'data:text/html,hi' }, version: 1 }),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION', fields: { 'link.url': ['url.scheme'] } } });
    expect(backend.data.sites[0]?.defaultAccount?.kind).toBe('zoom');
  });
  it('NETWORK and SERVER from the failure switches', async () => {
    const { client, backend } = start('zoom-default');
    backend.fail('getSettings', 'network');
    expect((await failure(client.getSettings())).code).toBe('NETWORK');
    backend.fail('getSettings', 'server');
    expect(await failure(client.getSettings())).toMatchObject({ code: 'SERVER', status: 500 });
    backend.recover();
    expect((await client.getSettings()).siteId).toBe(MAIN_SITE);
  });
  it('a malformed response is an ApiError, not an exception deep inside', async () => {
    const client = createClient({
      baseUrl,
      siteId: MAIN_SITE,
      fetch: async () => new Response(JSON.stringify({ siteId: 1 }), { status: 200 }),
    });
    expect(await failure(client.getSettings())).toMatchObject({ code: 'SERVER', message: expect.stringContaining('malformed') });
    const html = createClient({ baseUrl, siteId: MAIN_SITE, fetch: async () => new Response('<html>', { status: 502 }) });
    expect(await failure(html.getSettings())).toMatchObject({ code: 'SERVER', status: 502 });
  });
  it('an aborted call rejects with the abort reason', async () => {
    const { client, backend } = start('zoom-default');
    backend.setLatency(5_000);
    const controller = new AbortController();
    const call = client.getSettings({ signal: controller.signal });
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });
  it('sends the host headers with every request', async () => {
    const seen: (string | null)[] = [];
    const client = createClient({
      baseUrl,
      siteId: MAIN_SITE,
      getHeaders: async () => ({ authorization: 'Bearer t0k3n' }),
      fetch: async (_input, init) => {
        seen.push(new Headers(init?.headers).get('authorization'));
        return new Response('{}', { status: 500 });
      },
    });
    await failure(client.getSettings());
    expect(seen).toEqual(['Bearer t0k3n']);
  });
  it('refuses a base URL that is neither a path on this origin nor absolute http(s), up front', () => {
    for (const baseUrl of ['api/session-links', '//evil.example/api', 'ftp://files.example/api', 'javascript:alert(1)']) {
      expect(() => createClient({ baseUrl, siteId: MAIN_SITE })).toThrow(/path on this origin|absolute/);
    }
  });
  it('a path (same origin) needs a page: on a server, where there is none, a call says to pass an absolute URL', async () => {
    const client = createClient({ baseUrl: '/api/session-links', siteId: MAIN_SITE });
    expect(client.baseUrl).toBe('/api/session-links');
    await expect(client.getSettings()).rejects.toThrow(/absolute URL/);
  });
});

describe('multi-site (R13)', () => {
  it('two clients for two sites on one page never mix', async () => {
    start('two-sites');
    const studio = createClient({ baseUrl, siteId: MAIN_SITE });
    const annex = createClient({ baseUrl, siteId: SECOND_SITE });
    const [a, b] = await Promise.all([studio.getSettings(), annex.getSettings()]);
    expect(a.defaultAccount?.kind).toBe('zoom');
    expect(b.defaultAccount).toMatchObject({ kind: 'custom', provider: 'whereby' });
    await annex.disconnectDefault({ version: b.version });
    expect((await studio.getSettings()).defaultAccount?.kind).toBe('zoom');
    expect((await annex.getSettings()).defaultAccount).toBeNull();
  });
});
