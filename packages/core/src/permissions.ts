import type { CurrentUser, Session } from './schemas';

/** Everything a user can ask to change, with what the decision depends on. */
export type Action =
  | { type: 'settings.read' }
  | { type: 'default-account.manage' }
  | { type: 'staff-account.manage'; staffId: string }
  | { type: 'session-link.manage'; session: Pick<Session, 'staffId'> }
  | { type: 'course-link.manage' }
  | { type: 'templates.manage' };

/**
 * R10: an owner may do everything; a staff member may read, manage their own
 * individual account and the links of sessions assigned to them, nothing else.
 */
export function canPerform(user: Pick<CurrentUser, 'role' | 'staffId'>, action: Action): boolean {
  if (user.role === 'owner') return true;
  switch (action.type) {
    case 'settings.read':
      return true;
    case 'staff-account.manage':
      return user.staffId !== null && action.staffId === user.staffId;
    case 'session-link.manage':
      return user.staffId !== null && action.session.staffId === user.staffId;
    case 'default-account.manage':
    case 'course-link.manage':
    case 'templates.manage':
      return false;
  }
}
