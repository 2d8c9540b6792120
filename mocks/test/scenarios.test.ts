import {
  accountSchema,
  bookingSchema,
  clientSchema,
  courseLinkSchema,
  planSchema,
  resolveSessionLinks,
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

  it('each scenario resolves the way its name says', () => {
    const sources = (name: (typeof SCENARIOS)[number]) => {
      const backend = createMockBackend(name, { now: () => now });
      const site = backend.site(MAIN_SITE);
      const resolved = resolveSessionLinks(site.sessions, backend.snapshot(site));
      return new Set(resolved.map((r) => (r.resolution.status === 'linked' ? r.resolution.source : r.resolution.reason)));
    };
    expect(sources('no-plan')).toEqual(new Set(['NO_PLAN']));
    expect(sources('no-default')).toEqual(new Set(['NO_DEFAULT_ACCOUNT']));
    expect(sources('default-disconnected')).toEqual(new Set(['NO_DEFAULT_ACCOUNT']));
    expect(sources('zoom-default')).toEqual(new Set(['staff', 'default', 'OFFLINE']));
    expect(sources('expired-zoom')).toEqual(new Set(['staff', 'ACCOUNT_UNHEALTHY', 'OFFLINE']));
  });

  it('Zoom meetings are distinct per session and the same on every run', () => {
    const meetings = (b = createMockBackend('zoom-default', { now: () => now })) => {
      const site = b.site(MAIN_SITE);
      return resolveSessionLinks(site.sessions, b.snapshot(site)).flatMap((r) =>
        r.resolution.status === 'linked' && r.resolution.link.type === 'ZOOM' ? [r.resolution.link.meetingId] : [],
      );
    };
    const first = meetings();
    expect(first.length).toBeGreaterThan(3);
    expect(new Set(first).size).toBe(first.length);
    expect(meetings()).toEqual(first);
  });

  it('writes persist in the backend and do not leak into the scenario', () => {
    const backend = createMockBackend('zoom-default', { now: () => now });
    backend.disconnectDefault(MAIN_SITE, { version: backend.getSettings(MAIN_SITE).version });
    expect(backend.getSettings(MAIN_SITE).defaultAccount).toBeNull();
    expect(createMockBackend('zoom-default').getSettings(MAIN_SITE).defaultAccount).not.toBeNull();
  });
});
