import { ApiError, createClient, type SessionLinksClient } from '@session-links/client';
import { MAIN_SITE, USER_HEADER } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const baseUrl = 'http://localhost/api/session-links';
// A fresh backend for every test: each case starts from the scenario as seeded, whatever
// ran before it, so the cases hold in any order and on their own (`-t`).
let api: ReturnType<typeof setupMockApi>;
beforeEach(async () => {
  api = setupMockApi('zoom-default', { now: () => new Date('2030-03-04T12:00:00Z') });
  api.server.listen({ onUnhandledRequest: 'error' });
  // The seed seals Zoom tokens with WebCrypto: wait for it before reading the data directly.
  await api.backend.ready;
});
afterEach(() => api.server.close());

const as = (user: string) => createClient({ baseUrl, siteId: MAIN_SITE, getHeaders: () => ({ [USER_HEADER]: user }) });
const version = (c: SessionLinksClient) => c.getSettings().then((s) => s.version);
const staffVersion = async (c: SessionLinksClient, id: string) => (await c.listStaff()).find((s) => s.id === id)!.version;
// Staff may not read templates, so their version is read as the owner.
const templateVersion = () =>
  as('owner')
    .getTemplate('booking-confirmation')
    .then((t) => t.version);
const sessionVersion = async (c: SessionLinksClient, id: string) => (await c.getSession(id)).session.version;

/** Every write (and owner-only read), what it targets, and whether staff member Anna may do it (R10). */
const writes: [string, boolean, (c: SessionLinksClient) => Promise<unknown>][] = [
  [
    'set the default custom link',
    false,
    async (c) => c.setDefaultCustomLink({ link: { url: 'https://meet.google.com/x' }, version: await version(c) }),
  ],
  ['disconnect the default', false, async (c) => c.disconnectDefault({ version: await version(c) })],
  ['start Zoom for the default', false, (c) => c.startConnection({ provider: 'zoom', target: { type: 'default' } })],
  ['start Zoom for herself', true, (c) => c.startConnection({ provider: 'zoom', target: { type: 'staff', staffId: 'anna' } })],
  ['start Zoom for Bram', false, (c) => c.startConnection({ provider: 'zoom', target: { type: 'staff', staffId: 'bram' } })],
  ['preview disconnecting the default', false, (c) => c.previewImpact({ type: 'disconnect-default' })],
  ['preview her own account change', true, (c) => c.previewImpact({ type: 'set-staff-account', staffId: 'anna', account: null })],
  [
    "set Bram's custom link",
    false,
    async (c) => c.setStaffCustomLink('bram', { link: { url: 'https://meet.google.com/x' }, version: await staffVersion(c, 'bram') }),
  ],
  ["remove Bram's account", false, async (c) => c.removeStaffAccount('bram', { version: await staffVersion(c, 'bram') })],
  [
    "change Bram's session",
    false,
    async (c) => c.setSessionLink('coaching-bram-1', { change: { kind: 'removed' }, version: await sessionVersion(c, 'coaching-bram-1') }),
  ],
  [
    'change an unassigned session',
    false,
    async (c) => c.setSessionLink('yoga-3', { change: { kind: 'removed' }, version: await sessionVersion(c, 'yoga-3') }),
  ],
  ['set a course link', false, (c) => c.setCourseLink('pottery', { link: { url: 'https://whereby.com/p' }, version: 0 })],
  ['list automations', false, (c) => c.listAutomations()],
  ['read a template', false, (c) => c.getTemplate('booking-confirmation')],
  [
    'save a template',
    false,
    async (c) =>
      c.saveTemplate('booking-confirmation', { subject: 'x', body: 'y', joinOnline: { elements: [] }, version: await templateVersion() }),
  ],
  ['reset a template', false, async (c) => c.resetTemplate('booking-confirmation', { version: await templateVersion() })],
  [
    'set her own custom link',
    true,
    async (c) => c.setStaffCustomLink('anna', { link: { url: 'https://meet.google.com/anna' }, version: await staffVersion(c, 'anna') }),
  ],
  [
    'change her own session',
    true,
    async (c) => c.setSessionLink('coaching-anna-1', { change: { kind: 'removed' }, version: await sessionVersion(c, 'coaching-anna-1') }),
  ],
  ['remove her own account', true, async (c) => c.removeStaffAccount('anna', { version: await staffVersion(c, 'anna') })],
];

describe('permission matrix (R10): staff member Anna × every write', () => {
  it.each(writes)('%s → allowed: %s; a refusal changes nothing', async (_name, allowed, write) => {
    const anna = as('anna');
    const before = JSON.stringify(api.backend.data);
    const outcome = await write(anna).then(
      () => 'ok',
      (e: unknown) => (e instanceof ApiError ? e.code : String(e)),
    );
    expect(outcome).toBe(allowed ? 'ok' : 'FORBIDDEN');
    if (!allowed) expect(JSON.stringify(api.backend.data)).toBe(before);
  });
});

describe('permission matrix (R10): the owner × every write', () => {
  it.each(writes)('%s → allowed', async (name, _staffAllowed, write) => {
    const owner = as('owner');
    const before = JSON.stringify(api.backend.data);
    await expect(write(owner)).resolves.toBeDefined();
    // Reads leave the data alone; every write changes it.
    if (!/^(list|read|preview|start)/.test(name)) expect(JSON.stringify(api.backend.data)).not.toBe(before);
  });
});

describe('membership', () => {
  it('a user who is not a member of the site is refused everything', async () => {
    const stranger = as('nobody');
    await expect(stranger.getSettings()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(stranger.getMe()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
  it('getMe says who is signed in and their role', async () => {
    await expect(as('bram').getMe()).resolves.toMatchObject({ role: 'staff', staffId: 'bram', name: 'Bram Jansen' });
  });
});
