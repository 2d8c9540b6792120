import { describe, expect, it } from 'vitest';
import {
  type Account,
  applicableMeetingAccount,
  createSiteSnapshot,
  type Link,
  meetingKey,
  meetingNeeded,
  type Resolution,
  resolveSessionLink,
  resolveSessionLinks,
  type Session,
} from '../src';
import { custom, service, session, staff, zoom } from './fixtures';

const siteDefaultZoom = zoom('site-zoom');
const siteDefaultCustom = custom('site-meet', 'https://meet.google.com/abc-defg-hij');
const annaZoom = zoom('anna-zoom');
const bramCustom = custom('bram-teams', 'https://teams.microsoft.com/l/meetup-join/bram');
const courseLink = { url: 'https://whereby.com/course-room', password: 'pw' };

type DefaultCase = 'none' | 'zoom' | 'custom' | 'zoom-expired';
type StaffCase = 'no-staff' | 'no-account' | 'zoom' | 'custom' | 'zoom-expired';
type ServiceCase = 'appointment' | 'class' | 'course' | 'course-with-link' | 'offline';
type OverrideCase = 'none' | 'link' | 'removed';

const defaults: Record<DefaultCase, Account | null> = {
  none: null,
  zoom: siteDefaultZoom,
  custom: siteDefaultCustom,
  'zoom-expired': zoom('site-zoom', 'expired'),
};
const staffAccounts: Record<Exclude<StaffCase, 'no-staff'>, Account | null> = {
  'no-account': null,
  zoom: annaZoom,
  custom: bramCustom,
  'zoom-expired': zoom('anna-zoom', 'expired'),
};
/** A stored Zoom meeting, as the server keeps it after making it through Zoom's API (R22). */
const meeting = (accountId: string, sessionId: string): Link => ({
  type: 'ZOOM',
  provider: 'zoom',
  guestUrl: `https://zoom.us/j/${accountId}-${sessionId}?pwd=pw`,
  hostUrl: `https://zoom.us/s/${accountId}-${sessionId}`,
  password: 'pw',
  meetingId: `${accountId}-${sessionId}`,
});
const meetings = (accountIds: string[], sessionIds: string[]): Map<string, Link> =>
  new Map(accountIds.flatMap((a) => sessionIds.map((s) => [meetingKey(a, s), meeting(a, s)] as const)));
const overrideLink = { type: 'CUSTOM' as const, provider: 'other' as const, guestUrl: 'https://example.com/one-off' };

function resolve(d: DefaultCase, s: StaffCase, svc: ServiceCase, o: OverrideCase, plan = true, made = true): Resolution {
  const services = [
    service('appointment', 'appointment'),
    service('class', 'class'),
    service('course', 'course'),
    service('course-with-link', 'course'),
    service('offline', 'appointment', false),
  ];
  const site = createSiteSnapshot({
    plan: { includesOnlineSessions: plan },
    defaultAccount: defaults[d],
    services,
    staff: s === 'no-staff' ? [] : [staff('anna', staffAccounts[s])],
    courseLinks: [{ serviceId: 'course-with-link', link: courseLink }],
    meetings: made ? meetings(['site-zoom', 'anna-zoom'], ['s1']) : new Map(),
  });
  const override: Session['override'] = o === 'none' ? null : o === 'removed' ? { kind: 'removed' } : { kind: 'link', link: overrideLink };
  return resolveSessionLink(session('s1', svc, s === 'no-staff' ? null : 'anna', override), site);
}

/** The expected outcome, written as `source` or `!REASON`, plus a warning mark. */
function expected(d: DefaultCase, s: StaffCase, svc: ServiceCase, o: OverrideCase): string {
  if (d === 'none') return '!NO_DEFAULT_ACCOUNT'; // R8, overrides included
  if (o === 'removed') return '!REMOVED'; // R7
  if (o === 'link') return 'session'; // R7 beats R4, R5 and offline
  if (svc === 'offline') return '!OFFLINE';
  const defaultOutcome = d === 'zoom-expired' ? '!ACCOUNT_UNHEALTHY' : 'default'; // R17
  if (svc === 'course-with-link') return 'course'; // R5
  if (svc === 'course') return defaultOutcome; // R5: never staff accounts
  if (s === 'zoom' || s === 'custom') return 'staff'; // R4
  if (s === 'zoom-expired') return `${defaultOutcome}+STAFF_ACCOUNT_UNHEALTHY`; // R17: visible fallback
  return defaultOutcome;
}

function outcome(r: Resolution): string {
  const base = r.status === 'linked' ? r.source : `!${r.reason}`;
  return r.warnings.length ? `${base}+${r.warnings.join(',')}` : base;
}

const D: DefaultCase[] = ['none', 'zoom', 'custom', 'zoom-expired'];
const S: StaffCase[] = ['no-staff', 'no-account', 'zoom', 'custom', 'zoom-expired'];
const SV: ServiceCase[] = ['appointment', 'class', 'course', 'course-with-link', 'offline'];
const O: OverrideCase[] = ['none', 'link', 'removed'];
const table = D.flatMap((d) => S.flatMap((s) => SV.flatMap((svc) => O.map((o) => [d, s, svc, o] as const))));

describe('resolveSessionLink: every combination of default × staff × service × override (R4, R5, R7, R8, R17)', () => {
  it('covers 300 combinations', () => expect(table).toHaveLength(300));
  it.each(table)('default %s, staff %s, service %s, override %s', (d, s, svc, o) => {
    expect(outcome(resolve(d, s, svc, o))).toBe(expected(d, s, svc, o));
  });
});

/** Which account a resolution's link would come from when every meeting exists: the Zoom ones are pending without one. */
function pendingExpected(d: DefaultCase, s: StaffCase, svc: ServiceCase, o: OverrideCase): string {
  const withMeetings = expected(d, s, svc, o);
  const [base, warning] = withMeetings.split('+');
  const zoomDefault = d === 'zoom';
  const pending = warning ? `!PROVIDER_MEETING_PENDING+${warning}` : '!PROVIDER_MEETING_PENDING';
  if (base === 'staff' && s === 'zoom') return pending;
  if (base === 'default' && zoomDefault) return pending;
  return withMeetings;
}

describe('R22: with no stored meeting, a Zoom link is pending, never made up (same 300 combinations)', () => {
  it.each(table)('default %s, staff %s, service %s, override %s', (d, s, svc, o) => {
    expect(outcome(resolve(d, s, svc, o, true, false))).toBe(pendingExpected(d, s, svc, o));
  });
  it('a session-level Zoom meeting is pending until stored, then linked with its account', () => {
    const base = {
      plan: { includesOnlineSessions: true },
      defaultAccount: siteDefaultCustom,
      services: [service('c', 'class')],
      staff: [staff('anna', annaZoom)],
    };
    const s = session('s9', 'c', 'anna', { kind: 'meeting', accountId: 'anna-zoom' });
    expect(resolveSessionLink(s, createSiteSnapshot(base))).toEqual({
      status: 'none',
      reason: 'PROVIDER_MEETING_PENDING',
      provider: 'zoom',
      warnings: [],
    });
    expect(resolveSessionLink(s, createSiteSnapshot({ ...base, meetings: meetings(['anna-zoom'], ['s9']) }))).toMatchObject({
      status: 'linked',
      source: 'session',
      accountId: 'anna-zoom',
      link: { meetingId: 'anna-zoom-s9' },
    });
  });
});

describe('R1 plan', () => {
  it.each(table)('without a plan there is never a link (default %s, staff %s, service %s, override %s)', (d, s, svc, o) => {
    expect(resolve(d, s, svc, o, false)).toEqual({ status: 'none', reason: 'NO_PLAN', warnings: [] });
  });
});

describe('R3 link shape and R15 provenance', () => {
  it('a staff Zoom account yields a Zoom link with host URL and the staff member named', () => {
    const r = resolve('custom', 'zoom', 'appointment', 'none');
    expect(r).toMatchObject({
      status: 'linked',
      source: 'staff',
      staffId: 'anna',
      accountId: 'anna-zoom',
      link: { type: 'ZOOM', provider: 'zoom' },
    });
    if (r.status === 'linked') expect(r.link.hostUrl).toMatch(/^https:\/\/zoom\.us\/s\//);
  });
  it('a custom default yields its own URL, password-free, recognised as Google Meet', () => {
    const r = resolve('custom', 'no-account', 'class', 'none');
    expect(r).toMatchObject({
      status: 'linked',
      source: 'default',
      accountId: 'site-meet',
      link: { type: 'CUSTOM', provider: 'google-meet', guestUrl: 'https://meet.google.com/abc-defg-hij' },
    });
    if (r.status === 'linked') expect(r.link.password).toBeUndefined();
  });
  it('a course link carries its password', () => {
    expect(resolve('zoom', 'zoom', 'course-with-link', 'none')).toMatchObject({
      source: 'course',
      link: { guestUrl: 'https://whereby.com/course-room', password: 'pw', provider: 'whereby' },
    });
  });
  it('an override keeps its link as stored', () => {
    expect(resolve('zoom', 'zoom', 'offline', 'link')).toMatchObject({ source: 'session', link: overrideLink });
  });
  it('a Zoom account gives each session its own meeting; a custom account the same URL', () => {
    const site = createSiteSnapshot({
      plan: { includesOnlineSessions: true },
      defaultAccount: siteDefaultZoom,
      services: [service('c', 'class')],
      staff: [staff('bram', bramCustom)],
      meetings: meetings(['site-zoom'], ['a', 'b']),
    });
    const zoomLinks = resolveSessionLinks([session('a', 'c', null), session('b', 'c', null)], site).map((r) =>
      r.resolution.status === 'linked' ? r.resolution.link : null,
    );
    expect(zoomLinks[0]?.meetingId).not.toBe(zoomLinks[1]?.meetingId);
    expect(zoomLinks[0]?.guestUrl).not.toBe(zoomLinks[1]?.guestUrl);
    const customLinks = resolveSessionLinks([session('a', 'c', 'bram'), session('b', 'c', 'bram')], site).map((r) =>
      r.resolution.status === 'linked' ? r.resolution.link.guestUrl : null,
    );
    expect(customLinks).toEqual([
      bramCustom.kind === 'custom' ? bramCustom.link.url : '',
      bramCustom.kind === 'custom' ? bramCustom.link.url : '',
    ]);
  });
  it('a Zoom link is the meeting stored for that account and session, not another account’s', () => {
    const site = createSiteSnapshot({
      plan: { includesOnlineSessions: true },
      defaultAccount: siteDefaultZoom,
      services: [service('c', 'class')],
      staff: [],
      meetings: meetings(['anna-zoom', 'site-zoom'], ['a']),
    });
    expect(resolveSessionLink(session('a', 'c', null), site)).toMatchObject({ link: meeting('site-zoom', 'a') });
  });
  it('a session of an unknown service is treated as offline', () => {
    const site = createSiteSnapshot({ plan: { includesOnlineSessions: true }, defaultAccount: siteDefaultZoom, services: [], staff: [] });
    expect(resolveSessionLink(session('a', 'gone', null), site)).toMatchObject({ status: 'none', reason: 'OFFLINE' });
  });
});

describe('R7 applicable Zoom account', () => {
  const site = (def: Account | null, anna: Account | null) =>
    createSiteSnapshot({ plan: { includesOnlineSessions: true }, defaultAccount: def, services: [], staff: [staff('anna', anna)] });
  it.each([
    ['staff Zoom', siteDefaultCustom, annaZoom, 'anna', 'staff'],
    ['staff Zoom beats default Zoom', siteDefaultZoom, annaZoom, 'anna', 'staff'],
    ['staff custom, default Zoom', siteDefaultZoom, bramCustom, 'anna', 'default'],
    ['staff expired Zoom, default Zoom', siteDefaultZoom, zoom('anna-zoom', 'expired'), 'anna', 'default'],
    ['no staff, default Zoom', siteDefaultZoom, null, null, 'default'],
    ['staff custom, default custom', siteDefaultCustom, bramCustom, 'anna', null],
    ['no Zoom anywhere', siteDefaultCustom, null, 'anna', null],
    ['default Zoom expired, no staff account', zoom('site-zoom', 'expired'), null, 'anna', null],
    ['no default at all', null, annaZoom, 'anna', 'staff'],
  ] as const)('%s', (_name, def, anna, staffId, from) => {
    expect(applicableMeetingAccount({ staffId }, site(def, anna))?.from ?? null).toBe(from);
  });
});

describe('R22: which Zoom account must make a meeting for a session', () => {
  it('follows resolution: staff Zoom, default Zoom, a hand-added meeting; none for custom links and unhealthy accounts', () => {
    const site = createSiteSnapshot({
      plan: { includesOnlineSessions: true },
      defaultAccount: siteDefaultZoom,
      services: [service('c', 'class'), service('k', 'course')],
      staff: [staff('anna', annaZoom), staff('bram', bramCustom), staff('chris', zoom('chris-zoom', 'expired'))],
      courseLinks: [{ serviceId: 'k', link: courseLink }],
    });
    expect(meetingNeeded(session('1', 'c', 'anna'), site)).toBe('anna-zoom');
    expect(meetingNeeded(session('2', 'c', null), site)).toBe('site-zoom');
    expect(meetingNeeded(session('3', 'c', 'bram'), site)).toBeNull();
    expect(meetingNeeded(session('4', 'c', 'chris'), site)).toBe('site-zoom');
    expect(meetingNeeded(session('5', 'k', 'anna'), site)).toBeNull();
    expect(meetingNeeded(session('6', 'c', 'bram', { kind: 'meeting', accountId: 'site-zoom' }), site)).toBe('site-zoom');
    expect(meetingNeeded(session('7', 'c', 'anna', { kind: 'removed' }), site)).toBeNull();
  });
});

describe('R22, R3: a session that has started and never got its meeting says so (NO_MEETING_MADE), it is not pending', () => {
  const NOW = '2030-01-10T12:00:00Z';
  const PAST = '2030-01-10T11:00:00Z';
  const UPCOMING = '2030-01-10T13:00:00Z';
  const annaMeet: Account = {
    id: 'anna-meet',
    kind: 'google-meet',
    health: 'connected',
    user: { email: 'anna@example.com', name: 'Anna' },
  };
  const site = (o: { anna?: Account | null; def?: Account; made?: string[]; now?: string | null } = {}) =>
    createSiteSnapshot({
      plan: { includesOnlineSessions: true },
      defaultAccount: o.def ?? siteDefaultZoom,
      services: [service('c', 'class'), service('k', 'course')],
      staff: [staff('anna', o.anna ?? null)],
      meetings: meetings(o.made ?? [], ['s1']),
      ...(o.now === null ? {} : { now: o.now ?? NOW }),
    });
  const at = (start: string, serviceId = 'c', staffId: string | null = null, override: Session['override'] = null) =>
    session('s1', serviceId, staffId, override, start);

  it('the site default’s meeting of a past session: no meeting was made, naming the provider', () => {
    expect(resolveSessionLink(at(PAST), site())).toEqual({ status: 'none', reason: 'NO_MEETING_MADE', provider: 'zoom', warnings: [] });
    expect(resolveSessionLink(at(PAST, 'k'), site())).toEqual({
      status: 'none',
      reason: 'NO_MEETING_MADE',
      provider: 'zoom',
      warnings: [],
    });
  });
  it('a staff member’s Google Meet meeting of a past session names Google Meet', () => {
    expect(resolveSessionLink(at(PAST, 'c', 'anna'), site({ anna: annaMeet }))).toEqual({
      status: 'none',
      reason: 'NO_MEETING_MADE',
      provider: 'google-meet',
      warnings: [],
    });
  });
  it('a visible fallback keeps its warning (R17)', () => {
    expect(resolveSessionLink(at(PAST, 'c', 'anna'), site({ anna: zoom('anna-zoom', 'expired') }))).toEqual({
      status: 'none',
      reason: 'NO_MEETING_MADE',
      provider: 'zoom',
      warnings: ['STAFF_ACCOUNT_UNHEALTHY'],
    });
  });
  it('a meeting added by hand to a past session that was never made', () => {
    const added = at(PAST, 'c', null, { kind: 'meeting', accountId: 'site-zoom' });
    expect(resolveSessionLink(added, site())).toEqual({ status: 'none', reason: 'NO_MEETING_MADE', provider: 'zoom', warnings: [] });
  });
  it('a past session that did get its meeting keeps its link', () => {
    expect(resolveSessionLink(at(PAST), site({ made: ['site-zoom'] }))).toMatchObject({
      status: 'linked',
      source: 'default',
      link: { meetingId: 'site-zoom-s1' },
    });
  });
  it('an upcoming session’s meeting is pending until made; so is any session when no “now” is given', () => {
    expect(resolveSessionLink(at(UPCOMING), site())).toEqual({
      status: 'none',
      reason: 'PROVIDER_MEETING_PENDING',
      provider: 'zoom',
      warnings: [],
    });
    expect(resolveSessionLink(at(PAST), site({ now: null }))).toMatchObject({ reason: 'PROVIDER_MEETING_PENDING' });
  });
  it('the server still knows which account’s meeting it is (it makes none for a past session: that is the worker’s horizon)', () => {
    expect(meetingNeeded(at(PAST), site())).toBe('site-zoom');
  });
});

describe('R22: a hand-added Zoom meeting follows the Zoom account that applies now', () => {
  const site = (def: Account | null, anna: Account | null, made: string[] = []) =>
    createSiteSnapshot({
      plan: { includesOnlineSessions: true },
      defaultAccount: def,
      services: [service('c', 'class')],
      staff: [staff('anna', anna)],
      meetings: meetings(made, ['s1']),
    });
  const added = (from: string, staffId: string | null = 'anna') => session('s1', 'c', staffId, { kind: 'meeting', accountId: from });
  const gone = 'zoom-replaced';
  it.each([
    ['its own account, still held and connected', added('site-zoom'), site(siteDefaultZoom, annaZoom), 'site-zoom'],
    ['its account replaced: the staff member’s Zoom', added(gone), site(siteDefaultZoom, annaZoom), 'anna-zoom'],
    ['its account replaced, staff without an account: the default’s Zoom', added(gone), site(siteDefaultZoom, null), 'site-zoom'],
    ['unassigned, its account replaced: the default’s Zoom', added(gone, null), site(siteDefaultZoom, annaZoom), 'site-zoom'],
    ['the staff member’s Zoom gone, a custom default: none', added(gone), site(siteDefaultCustom, bramCustom), null],
    ['its account gone, the default Zoom expired: none', added(gone), site(zoom('site-zoom', 'expired'), null), null],
    ['its own account expired, its meeting not made: none', added('site-zoom'), site(zoom('site-zoom', 'expired'), null), null],
  ] as const)('%s', (_name, s, snapshot, expected) => {
    expect(meetingNeeded(s, snapshot)).toBe(expected);
    const r = resolveSessionLink(s, snapshot);
    if (expected === null) expect(r).toEqual({ status: 'none', reason: 'NO_MEETING_ACCOUNT', warnings: [] });
    else expect(r).toEqual({ status: 'none', reason: 'PROVIDER_MEETING_PENDING', provider: 'zoom', warnings: [] });
    const withMeetings = createSiteSnapshot({
      plan: snapshot.plan,
      defaultAccount: snapshot.defaultAccount,
      services: [...snapshot.services.values()],
      staff: [...snapshot.staff.values()],
      meetings: meetings(['site-zoom', 'anna-zoom', gone], ['s1']),
    });
    if (expected !== null) {
      expect(resolveSessionLink(s, withMeetings)).toMatchObject({ status: 'linked', source: 'session', accountId: expected });
    }
  });
  it('an expired account keeps the meeting it made (it still opens), and no new one is asked of it (R17)', () => {
    const snapshot = site(zoom('site-zoom', 'expired'), null, ['site-zoom']);
    expect(resolveSessionLink(added('site-zoom'), snapshot)).toMatchObject({ status: 'linked', accountId: 'site-zoom' });
    expect(meetingNeeded(added('site-zoom'), snapshot)).toBeNull();
  });
  it('R8 still comes first: without a default there is no link, hand-added or not', () => {
    expect(resolveSessionLink(added(gone), site(null, annaZoom))).toEqual({ status: 'none', reason: 'NO_DEFAULT_ACCOUNT', warnings: [] });
  });
});
