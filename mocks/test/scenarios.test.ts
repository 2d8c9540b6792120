import {
  accountSchema,
  bookingSchema,
  clientSchema,
  courseLinkSchema,
  planSchema,
  serviceSchema,
  sessionSchema,
  staffMemberSchema,
  templateSchema,
} from '@session-links/core';
import { createMockBackend, MAIN_SITE, SCENARIOS, scenario } from '@session-links/mocks';
import { describe, expect, it } from 'vitest';

const now = new Date('2030-03-04T12:00:00Z');

describe('scenarios', () => {
  it.each(SCENARIOS)('%s: every record is valid against the core schemas', (name) => {
    const data = scenario(name, now);
    for (const site of data.sites) {
      planSchema.parse(site.plan);
      if (site.defaultAccount) accountSchema.parse(site.defaultAccount);
      for (const s of site.staff) staffMemberSchema.parse(s);
      for (const s of site.services) serviceSchema.parse(s);
      for (const s of site.sessions) sessionSchema.parse(s);
      for (const c of site.courseLinks) courseLinkSchema.parse(c);
      for (const c of site.clients) clientSchema.parse(c);
      for (const b of site.bookings) bookingSchema.parse(b);
      for (const t of site.templates) templateSchema.parse(t);
      // Bookings point at sessions and services that exist.
      for (const b of site.bookings) {
        expect(site.services.some((s) => s.id === b.serviceId)).toBe(true);
        if (b.sessionId) expect(site.sessions.some((s) => s.id === b.sessionId)).toBe(true);
      }
    }
  });

  it.each(SCENARIOS)(
    '%s: the seeded store holds the scenario, with the same ids and versions',
    async (name) => {
      const backend = createMockBackend(name, { now: () => now });
      await backend.ready;
      const stored = backend.data;
      const data = scenario(name, now);
      expect(stored.sites.map((s) => s.id)).toEqual(data.sites.map((s) => s.id));
      const site = stored.sites[0]!;
      const want = data.sites[0]!;
      expect(site.defaultAccount).toEqual(want.defaultAccount);
      expect(site.settingsVersion).toBe(want.settingsVersion);
      expect(site.staff).toEqual(want.staff);
      expect(site.sessions.length).toBe(want.sessions.length);
      // busy-calendar seeds 10,000 sessions and their meetings: room for a busy CI machine.
    },
    30_000,
  );

  it('each scenario resolves the way its name says', async () => {
    const sources = async (name: (typeof SCENARIOS)[number]) => {
      const backend = createMockBackend(name, { now: () => now });
      await backend.ready;
      const site = backend.data.sites.find((s) => s.id === MAIN_SITE)!;
      const details = await Promise.all(site.sessions.map((s) => backend.getSession(MAIN_SITE, s.id)));
      return new Set(details.map(({ resolution: r }) => (r.status === 'linked' ? r.source : r.reason)));
    };
    expect(await sources('no-plan')).toEqual(new Set(['NO_PLAN']));
    expect(await sources('no-default')).toEqual(new Set(['NO_DEFAULT_ACCOUNT']));
    expect(await sources('default-disconnected')).toEqual(new Set(['NO_DEFAULT_ACCOUNT']));
    expect(await sources('zoom-default')).toEqual(new Set(['staff', 'default', 'OFFLINE']));
    expect(await sources('expired-zoom')).toEqual(new Set(['staff', 'ACCOUNT_UNHEALTHY', 'OFFLINE']));
  });

  it('Zoom meetings were made through the fake Zoom, distinct per session and the same on every run', async () => {
    const meetings = async () => {
      const b = createMockBackend('zoom-default', { now: () => now });
      await b.ready;
      const site = b.data.sites[0]!;
      const details = await Promise.all(site.sessions.map((s) => b.getSession(MAIN_SITE, s.id)));
      return details.flatMap(({ resolution: r }) => (r.status === 'linked' && r.link.type === 'ZOOM' ? [r.link.meetingId] : []));
    };
    const first = await meetings();
    expect(first.length).toBeGreaterThan(3);
    expect(new Set(first).size).toBe(first.length);
    expect(await meetings()).toEqual(first);
  });

  it('writes persist in the backend, reset() brings the scenario back, and nothing leaks into the scenario', async () => {
    const backend = createMockBackend('zoom-default', { now: () => now });
    await backend.ready;
    await backend.call('disconnectDefault', { siteId: MAIN_SITE }, { version: backend.getSettings(MAIN_SITE).version });
    expect(backend.getSettings(MAIN_SITE).defaultAccount).toBeNull();
    const other = createMockBackend('zoom-default');
    await other.ready;
    expect(other.getSettings(MAIN_SITE).defaultAccount).not.toBeNull();
    await backend.reset().ready;
    expect(backend.getSettings(MAIN_SITE).defaultAccount).toMatchObject({ id: 'zoom-studio' });
  });
});
