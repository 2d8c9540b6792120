import { describe, expect, it } from 'vitest';
import {
  accountHealthAffected,
  accountHealthPreview,
  applySessionLinkChange,
  applySettingsChange,
  type Booking,
  createSiteSnapshot,
  impactOfChange,
  type Link,
  mayPerform,
  meetingKey,
  pendingMeetingAccount,
  resolveSessionLink,
  type Session,
  type SiteSnapshot,
  serviceVideoBlocker,
} from '../src';
import { custom, service, session, staff, zoom } from './fixtures';

const now = '2030-06-01T00:00:00Z';
const past = '2030-05-01T10:00:00Z';
const future = '2030-07-01T10:00:00Z';
const clients = [
  { id: 'c1', name: 'Carla', email: 'carla@example.com' },
  { id: 'c2', name: 'Daan', email: 'daan@example.com' },
  { id: 'c3', name: 'Eva', email: 'eva@example.com' },
];
const sessions: Session[] = [
  session('a-past', 'appt', 'anna', null, past),
  session('a-next', 'appt', 'anna', null, future),
  session('b-next', 'appt', 'bram', null, future),
  session('c-past', 'course', null, null, past),
  session('c-next', 'course', null, null, future),
  session('onsite', 'onsite', 'bram', null, future),
];
// The meetings the server has made for both Zoom accounts (R22).
const meetings = new Map<string, Link>(
  ['site', 'anna-zoom'].flatMap((a) =>
    sessions.map((s): [string, Link] => [
      meetingKey(a, s.id),
      { type: 'ZOOM', provider: 'zoom', guestUrl: `https://zoom.us/j/${a}-${s.id}`, meetingId: `${a}-${s.id}` },
    ]),
  ),
);
const site = createSiteSnapshot({
  plan: { includesOnlineSessions: true },
  defaultAccount: zoom('site'),
  services: [service('appt', 'appointment'), service('course', 'course'), service('onsite', 'class', false)],
  staff: [staff('anna', zoom('anna-zoom')), staff('bram', null)],
  courseLinks: [],
  meetings,
});
const bookings: Booking[] = [
  { id: 'b1', clientId: 'c1', serviceId: 'appt', sessionId: 'b-next' },
  { id: 'b2', clientId: 'c2', serviceId: 'course', sessionId: null },
  { id: 'b3', clientId: 'c3', serviceId: 'appt', sessionId: 'a-next' },
];
const options = { now, bookings, clients };

describe('impact before change (R16)', () => {
  it('disconnecting the default loses every upcoming link, names the clients and the staff whose accounts stop being used', () => {
    const impact = impactOfChange(sessions, site, { type: 'disconnect-default' }, options);
    expect(impact.sessions.map((s) => [s.sessionId, s.change])).toEqual([
      ['a-next', 'lost'],
      ['b-next', 'lost'],
      ['c-next', 'lost'],
    ]);
    expect(impact.counts).toEqual({ lost: 3, changed: 0, gained: 0, past: 0, upcoming: 3 });
    expect(impact.clientsToNotify.map((c) => c.name)).toEqual(['Carla', 'Daan', 'Eva']);
    expect(impact.staffNoLongerUsingOwnAccount).toEqual(['anna']);
  });
  it('replacing the default with a custom link changes the sessions on the default only', () => {
    const impact = impactOfChange(
      sessions,
      site,
      { type: 'replace-default', account: custom('new', 'https://meet.google.com/x') },
      options,
    );
    expect(impact.sessions.map((s) => s.sessionId)).toEqual(['b-next', 'c-next']);
    expect(impact.counts.changed).toBe(2);
    expect(impact.clientsToNotify.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(impact.staffNoLongerUsingOwnAccount).toEqual([]);
  });
  it('giving a staff member an account changes their upcoming sessions only', () => {
    const impact = impactOfChange(
      sessions,
      site,
      { type: 'set-staff-account', staffId: 'bram', account: custom('bram-x', 'https://whereby.com/bram') },
      options,
    );
    expect(impact.sessions.map((s) => [s.sessionId, s.change])).toEqual([['b-next', 'changed']]);
  });
  it('removing a staff account moves their sessions back to the default', () => {
    const impact = impactOfChange(sessions, site, { type: 'set-staff-account', staffId: 'anna', account: null }, options);
    expect(impact.sessions.map((s) => [s.sessionId, s.after.status === 'linked' && s.after.source])).toEqual([['a-next', 'default']]);
    expect(impact.staffNoLongerUsingOwnAccount).toEqual(['anna']);
  });
  it('R6: a course link edit touches past and future sessions of that course and names its booked clients', () => {
    const impact = impactOfChange(
      sessions,
      site,
      { type: 'set-course-link', serviceId: 'course', link: { url: 'https://whereby.com/course' } },
      options,
    );
    expect(impact.sessions.map((s) => [s.sessionId, s.past])).toEqual([
      ['c-past', true],
      ['c-next', false],
    ]);
    expect(impact.counts).toMatchObject({ changed: 2, past: 1, upcoming: 1 });
    expect(impact.clientsToNotify.map((c) => c.name)).toEqual(['Daan']);
  });
  it('reconnecting after a disconnect gains the links back, with no client to notify', () => {
    const disconnected = applySettingsChange(site, { type: 'disconnect-default' });
    const impact = impactOfChange(sessions, disconnected, { type: 'replace-default', account: zoom('site') }, options);
    expect(impact.counts).toMatchObject({ gained: 3, lost: 0, changed: 0 });
    expect(impact.clientsToNotify).toEqual([]);
  });
  it('a change that changes nothing has no impact', () => {
    const impact = impactOfChange(sessions, site, { type: 'replace-default', account: zoom('site') }, options);
    expect(impact.sessions).toEqual([]);
  });
  it('applySettingsChange leaves the original snapshot untouched', () => {
    applySettingsChange(site, { type: 'set-staff-account', staffId: 'anna', account: null });
    expect(site.staff.get('anna')?.account?.id).toBe('anna-zoom');
  });
});

describe("one session's link (R7, R16): who loses it", () => {
  const courseBookings: Booking[] = [...bookings, { id: 'b4', clientId: 'c3', serviceId: 'course', sessionId: null }];
  it('removing it names the clients booked on that session, and touches no other session', () => {
    const impact = impactOfChange(sessions, site, { type: 'set-session-link', sessionId: 'b-next', change: { kind: 'removed' } }, options);
    expect(impact.sessions.map((s) => [s.sessionId, s.change, s.after.status === 'none' && s.after.reason])).toEqual([
      ['b-next', 'lost', 'REMOVED'],
    ]);
    expect(impact.counts).toEqual({ lost: 1, changed: 0, gained: 0, past: 0, upcoming: 1 });
    expect(impact.clientsToNotify.map((c) => c.name)).toEqual(['Carla']);
  });
  it("removing one course session's link names everyone booked on the course (they hold every session's link)", () => {
    const impact = impactOfChange(
      sessions,
      site,
      { type: 'set-session-link', sessionId: 'c-next', change: { kind: 'removed' } },
      { ...options, bookings: courseBookings },
    );
    expect(impact.sessions.map((s) => s.sessionId)).toEqual(['c-next']);
    expect(impact.clientsToNotify.map((c) => c.name)).toEqual(['Daan', 'Eva']);
  });
  it('replacing it with a custom link changes it; nobody booked: nobody to tell', () => {
    const impact = impactOfChange(
      sessions,
      site,
      { type: 'set-session-link', sessionId: 'a-next', change: { kind: 'custom', link: { url: 'https://whereby.com/one-off' } } },
      { ...options, bookings: [] },
    );
    expect(impact.sessions.map((s) => [s.sessionId, s.change])).toEqual([['a-next', 'changed']]);
    expect(impact.clientsToNotify).toEqual([]);
  });
  it('adding a link to an on-site session gains one, with no client holding an old link', () => {
    const impact = impactOfChange(
      sessions,
      site,
      { type: 'set-session-link', sessionId: 'onsite', change: { kind: 'custom', link: { url: 'https://whereby.com/x' } } },
      options,
    );
    expect(impact.counts).toMatchObject({ gained: 1, lost: 0, changed: 0 });
    expect(impact.clientsToNotify).toEqual([]);
  });
  it('a Zoom meeting from the account the session already uses changes nothing; a refused change neither', () => {
    const same = impactOfChange(sessions, site, { type: 'set-session-link', sessionId: 'a-next', change: { kind: 'meeting' } }, options);
    expect(same.sessions).toEqual([]);
    const noPlan = { ...site, plan: { includesOnlineSessions: false } };
    const refused = impactOfChange(
      sessions,
      noPlan,
      { type: 'set-session-link', sessionId: 'b-next', change: { kind: 'removed' } },
      options,
    );
    expect(refused.sessions).toEqual([]);
  });
  it('applySessionLinkChange stores what the server would: removed, or back to the rules on reset', () => {
    const removed = applySessionLinkChange(sessions[1] as Session, site, { kind: 'removed' });
    expect(removed.override).toEqual({ kind: 'removed' });
    expect(applySessionLinkChange(removed, site, { kind: 'reset' }).override).toBeNull();
    expect(applySettingsChange(site, { type: 'set-session-link', sessionId: 'a-next', change: { kind: 'removed' } })).toBe(site);
  });
});

describe('sessions an unhealthy account affects (R17)', () => {
  const upcoming = sessions.filter((s) => Date.parse(s.start) >= Date.parse(now));
  const withHealth = (defaultHealth: 'connected' | 'expired', annaHealth: 'connected' | 'expired'): SiteSnapshot =>
    createSiteSnapshot({
      plan: { includesOnlineSessions: true },
      defaultAccount: zoom('site', defaultHealth),
      services: [service('appt', 'appointment'), service('course', 'course'), service('onsite', 'class', false)],
      staff: [staff('anna', zoom('anna-zoom', annaHealth)), staff('bram', custom('bram-meet', 'https://meet.google.com/bram'))],
      courseLinks: [],
      meetings,
    });

  it('an expired default: every upcoming session left without a link, the staff fallbacks included', () => {
    const expired = withHealth('expired', 'expired');
    const noLink = upcoming.filter((s) => {
      const r = resolveSessionLink(s, expired);
      return r.status === 'none' && r.reason === 'ACCOUNT_UNHEALTHY';
    });
    // Anna's (her Zoom expired too, so she falls back to the expired default) and the course's; Bram's own link works.
    expect(noLink.map((s) => s.id)).toEqual(['a-next', 'c-next']);
    const impact = impactOfChange(sessions, expired, accountHealthPreview({ type: 'default' }), options);
    expect(accountHealthAffected(impact)).toBe(noLink.length);
    // The old preview, a Zoom account whose meetings are still to be made, counted none of them.
    const pending = impactOfChange(sessions, expired, { type: 'replace-default', account: pendingMeetingAccount() }, options);
    expect(accountHealthAffected(pending)).toBe(0);
  });

  it('an expired staff account: their upcoming sessions that fall back, whether the default works or not', () => {
    for (const defaultHealth of ['connected', 'expired'] as const) {
      const snapshot = withHealth(defaultHealth, 'expired');
      const fallBack = upcoming.filter((s) => resolveSessionLink(s, snapshot).warnings.includes('STAFF_ACCOUNT_UNHEALTHY'));
      expect(fallBack.map((s) => s.id)).toEqual(['a-next']);
      const impact = impactOfChange(sessions, snapshot, accountHealthPreview({ type: 'staff', staffId: 'anna' }), options);
      expect(accountHealthAffected(impact), defaultHealth).toBe(fallBack.length);
    }
  });
});

describe("a service's video-conferencing switch (R1, R8, R10, R16)", () => {
  it('switching a service off loses the links of its upcoming sessions only, and names the clients holding them', () => {
    const impact = impactOfChange(sessions, site, { type: 'set-service-online', serviceId: 'appt', online: false }, options);
    expect(impact.sessions.map((s) => [s.sessionId, s.change])).toEqual([
      ['a-next', 'lost'],
      ['b-next', 'lost'],
    ]);
    expect(impact.clientsToNotify.map((c) => c.id)).toEqual(['c1', 'c3']);
    // Anna's Zoom stops hosting this service's sessions, not her others: no "stops being used".
    expect(impact.staffNoLongerUsingOwnAccount).toEqual([]);
    expect(applySettingsChange(site, { type: 'set-service-online', serviceId: 'appt', online: false }).services.get('appt')?.online).toBe(
      false,
    );
  });
  it('switching one on counts a Zoom meeting still to be made as a link gained; with no default nothing changes (R8)', () => {
    const noMeetings = { ...site, meetings: new Map<string, Link>() };
    const on = { type: 'set-service-online', serviceId: 'onsite', online: true } as const;
    const impact = impactOfChange(sessions, noMeetings, on, options);
    expect(impact.sessions).toMatchObject([
      { sessionId: 'onsite', change: 'gained', before: { reason: 'OFFLINE' }, after: { reason: 'PROVIDER_MEETING_PENDING' } },
    ]);
    expect(impactOfChange(sessions, { ...site, defaultAccount: null }, on, options).sessions).toEqual([]);
    // Elsewhere "no link" to "meeting pending" still counts as nothing (R17's health preview relies on it).
    expect(
      impactOfChange(sessions, { ...noMeetings, defaultAccount: null }, { type: 'replace-default', account: zoom('z') }, options).counts
        .gained,
    ).toBe(0);
  });
  it('only the owner may switch a service or preview it; R1 needs the plan, R8 does not block it', () => {
    const staffUser = { role: 'staff', staffId: 'anna' } as const;
    const owner = { role: 'owner', staffId: null } as const;
    expect(mayPerform(owner, 'setServiceVideo')).toBe(true);
    expect(mayPerform(staffUser, 'setServiceVideo')).toBe(false);
    expect(mayPerform(staffUser, 'getServiceVideo')).toBe(true);
    expect(mayPerform(staffUser, 'previewImpact', { change: { type: 'set-service-online', serviceId: 'appt', online: false } })).toBe(
      false,
    );
    expect(serviceVideoBlocker({ plan: { id: 'free', name: 'Free', includesOnlineSessions: false } })).toBe('PLAN_REQUIRED');
    expect(serviceVideoBlocker({ plan: { id: 'b', name: 'Business', includesOnlineSessions: true } })).toBeNull();
  });
});
