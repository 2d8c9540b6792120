import { describe, expect, it } from 'vitest';
import {
  type Account,
  type Action,
  canPerform,
  connectionTargetBlocker,
  courseLinkBlocker,
  createSiteSnapshot,
  mayPerform,
  OPERATION_ACTIONS,
  type OperationSubject,
  overrideForChange,
  REFUSALS,
  type RouteName,
  routes,
  staffAccountBlocker,
} from '../src';
import { service, session, staff as staffOf, zoom } from './fixtures';

const owner = { role: 'owner' as const, staffId: null };
const anna = { role: 'staff' as const, staffId: 'anna' };
const actions: [string, Action, boolean][] = [
  ['read settings', { type: 'settings.read' }, true],
  ['manage the default account', { type: 'default-account.manage' }, false],
  ['manage own account', { type: 'staff-account.manage', staffId: 'anna' }, true],
  ["manage another's account", { type: 'staff-account.manage', staffId: 'bram' }, false],
  ['manage own session', { type: 'session-link.manage', session: { staffId: 'anna' } }, true],
  ["manage another's session", { type: 'session-link.manage', session: { staffId: 'bram' } }, false],
  ['manage an unassigned session', { type: 'session-link.manage', session: { staffId: null } }, false],
  ['manage a course link', { type: 'course-link.manage' }, false],
  ['manage templates', { type: 'templates.manage' }, false],
];

describe('canPerform (R10)', () => {
  it.each(actions)('owner may %s', (_n, action) => expect(canPerform(owner, action)).toBe(true));
  it.each(actions)('staff member: %s → %s', (_n, action, allowed) => expect(canPerform(anna, action)).toBe(allowed));
  it('a staff user with no staff record may only read', () => {
    const ghost = { role: 'staff' as const, staffId: null };
    expect(actions.filter(([, a]) => canPerform(ghost, a)).map(([n]) => n)).toEqual(['read settings']);
  });
});

describe('preconditions', () => {
  const plan = { id: 'p', name: 'Business', includesOnlineSessions: true };
  it('R9: a staff account needs a plan and a default account', () => {
    expect(staffAccountBlocker({ plan: { ...plan, includesOnlineSessions: false }, defaultAccount: zoom('z') })).toBe('PLAN_REQUIRED');
    expect(staffAccountBlocker({ plan, defaultAccount: null })).toBe('DEFAULT_ACCOUNT_REQUIRED');
    expect(staffAccountBlocker({ plan, defaultAccount: zoom('z') })).toBeNull();
  });
  it('R5: a course link needs a course with a saved session', () => {
    const course = service('yoga', 'course');
    expect(courseLinkBlocker({ plan }, course, [])).toBe('COURSE_HAS_NO_SESSIONS');
    expect(courseLinkBlocker({ plan }, course, [session('s', 'other', null)])).toBe('COURSE_HAS_NO_SESSIONS');
    expect(courseLinkBlocker({ plan }, course, [session('s', 'yoga', null)])).toBeNull();
    expect(courseLinkBlocker({ plan }, service('x', 'class'), [session('s', 'x', null)])).toBe('NOT_A_COURSE');
    expect(courseLinkBlocker({ plan: { ...plan, includesOnlineSessions: false } }, course, [session('s', 'yoga', null)])).toBe(
      'PLAN_REQUIRED',
    );
  });
});

describe('one table: the permission every operation needs (R10)', () => {
  const mine = { staffId: 'anna' };
  const theirs = { staffId: 'bram' };
  const cases: [RouteName, OperationSubject, boolean][] = [
    ['getSettings', {}, true],
    ['listSessions', {}, true],
    ['setDefaultCustomLink', {}, false],
    ['disconnectDefault', {}, false],
    ['startConnection', { target: { type: 'default' } }, false],
    ['startConnection', { target: { type: 'staff', staffId: 'anna' } }, true],
    ['completeConnection', { target: { type: 'staff', staffId: 'bram' } }, false],
    ['previewImpact', { change: { type: 'disconnect-default' } }, false],
    ['previewImpact', { change: { type: 'set-staff-account', staffId: 'anna', account: null } }, true],
    ['previewImpact', { change: { type: 'set-staff-account', staffId: 'bram', account: null } }, false],
    ['previewImpact', { change: { type: 'set-course-link', serviceId: 'x', link: null } }, false],
    // A session-link preview needs what the change needs: the stored session's staff member decides (R10).
    ['previewImpact', { change: { type: 'set-session-link', sessionId: 's1', change: { kind: 'removed' } }, session: mine }, true],
    ['previewImpact', { change: { type: 'set-session-link', sessionId: 's2', change: { kind: 'removed' } }, session: theirs }, false],
    ['previewImpact', { change: { type: 'set-session-link', sessionId: 's3', change: { kind: 'removed' } } }, false],
    ['setStaffCustomLink', mine, true],
    ['setStaffCustomLink', theirs, false],
    ['removeStaffAccount', mine, true],
    ['setSessionLink', { session: mine }, true],
    ['setSessionLink', { session: theirs }, false],
    ['setSessionLink', { session: { staffId: null } }, false],
    ['setCourseLink', {}, false],
    ['listAutomations', {}, false],
    ['saveTemplate', {}, false],
    ['resetTemplate', {}, false],
  ];
  it('names every operation of the contract', () => expect(Object.keys(OPERATION_ACTIONS).sort()).toEqual(Object.keys(routes).sort()));
  it.each(cases)('staff member Anna: %s %j → %s; the owner always', (op, subject, allowed) => {
    expect(mayPerform(anna, op, subject)).toBe(allowed);
    expect(mayPerform(owner, op, subject)).toBe(true);
  });
});

describe('how a requested session change becomes an override (R7), and the refusal each blocker gives', () => {
  const snapshot = (def: Account | null, annaAccount: Account | null, includesOnlineSessions = true) =>
    createSiteSnapshot({ plan: { includesOnlineSessions }, defaultAccount: def, services: [], staff: [staffOf('anna', annaAccount)] });
  it('a Zoom meeting is bound to the staff Zoom account, else the default Zoom account', () => {
    expect(overrideForChange({ staffId: 'anna' }, snapshot(zoom('site'), zoom('anna-z')), { kind: 'meeting' })).toMatchObject({
      override: { kind: 'meeting', accountId: 'anna-z' },
    });
    expect(overrideForChange({ staffId: null }, snapshot(zoom('site'), zoom('anna-z')), { kind: 'meeting' })).toMatchObject({
      override: { kind: 'meeting', accountId: 'site' },
    });
  });
  it('no Zoom account: NO_MEETING_ACCOUNT, a VALIDATION refusal with that reason', () => {
    const decision = overrideForChange({ staffId: 'anna' }, snapshot(null, null), { kind: 'meeting' });
    expect(decision).toEqual({ blocker: 'NO_MEETING_ACCOUNT' });
    expect(REFUSALS.NO_MEETING_ACCOUNT).toMatchObject({ code: 'VALIDATION', reason: 'NO_MEETING_ACCOUNT' });
  });
  it('custom, removed and reset', () => {
    const site = snapshot(zoom('site'), null);
    expect(overrideForChange({ staffId: null }, site, { kind: 'custom', link: { url: 'https://whereby.com/x' } })).toMatchObject({
      override: { kind: 'link', link: { type: 'CUSTOM', provider: 'whereby', guestUrl: 'https://whereby.com/x' } },
    });
    expect(overrideForChange({ staffId: null }, site, { kind: 'removed' })).toMatchObject({ override: { kind: 'removed' } });
    expect(overrideForChange({ staffId: null }, site, { kind: 'reset' })).toMatchObject({ override: null });
  });
  it('no plan: PLAN_REQUIRED whatever the change', () => {
    expect(overrideForChange({ staffId: null }, snapshot(zoom('site'), null, false), { kind: 'removed' })).toEqual({
      blocker: 'PLAN_REQUIRED',
    });
    expect(REFUSALS.PLAN_REQUIRED.code).toBe('PLAN_REQUIRED');
    expect(REFUSALS.DEFAULT_ACCOUNT_REQUIRED.code).toBe('DEFAULT_ACCOUNT_REQUIRED');
    expect(REFUSALS.COURSE_HAS_NO_SESSIONS).toMatchObject({ code: 'VALIDATION', reason: 'COURSE_HAS_NO_SESSIONS' });
  });
  it('a Zoom target: the default needs a plan, a staff account also a default (R9)', () => {
    const plan = { id: 'p', name: 'p', includesOnlineSessions: true };
    expect(connectionTargetBlocker({ plan, defaultAccount: null }, { type: 'default' })).toBeNull();
    expect(connectionTargetBlocker({ plan, defaultAccount: null }, { type: 'staff', staffId: 'anna' })).toBe('DEFAULT_ACCOUNT_REQUIRED');
    expect(connectionTargetBlocker({ plan: { ...plan, includesOnlineSessions: false }, defaultAccount: null }, { type: 'default' })).toBe(
      'PLAN_REQUIRED',
    );
  });
});
