import { describe, expect, it } from 'vitest';
import { type Action, canPerform, courseLinkBlocker, staffAccountBlocker } from '../src';
import { service, session, zoom } from './fixtures';

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
