import type { RouteName } from './api';
import type { ConnectionTarget, SettingsChange } from './changes';
import type { CurrentUser, Session } from './schemas';

/** Everything a user can ask to change, with what the decision depends on. */
export type Action =
  | { type: 'settings.read' }
  | { type: 'default-account.manage' }
  | { type: 'staff-account.manage'; staffId: string }
  | { type: 'session-link.manage'; session: Pick<Session, 'staffId'> }
  | { type: 'session-history.read'; session: Pick<Session, 'staffId'> }
  | { type: 'course-link.manage' }
  | { type: 'service-video.manage' }
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
    case 'session-history.read':
      return user.staffId !== null && action.session.staffId === user.staffId;
    case 'default-account.manage':
    case 'course-link.manage':
    case 'service-video.manage':
    case 'templates.manage':
      return false;
  }
}

/** What an operation's permission depends on: the parts of its input (and of the session it targets) that matter. */
export interface OperationSubject {
  /** Staff member named by the path (`staffId`) or by a connection target. */
  staffId?: string;
  /** A provider connection's target (start and complete). */
  target?: ConnectionTarget;
  /** The settings change being previewed. */
  change?: SettingsChange;
  /** The session being changed (or whose change is previewed), as stored: its assigned staff member decides (R10). */
  session?: Pick<Session, 'staffId'>;
}

const READ: Action = { type: 'settings.read' };
const connectionTargetAction = (target: ConnectionTarget | undefined): Action =>
  target?.type === 'staff' ? { type: 'staff-account.manage', staffId: target.staffId } : { type: 'default-account.manage' };

/**
 * R10 as one table: the permission every operation of the contract needs, previews
 * included (a preview needs the permission of the change it previews). The server,
 * the mocks (through the server) and the widgets all ask this table through
 * {@link actionFor} and {@link canPerform}. `getMe` needs membership only.
 */
export const OPERATION_ACTIONS = {
  getMe: () => READ,
  getSettings: () => READ,
  setDefaultCustomLink: () => ({ type: 'default-account.manage' }),
  disconnectDefault: () => ({ type: 'default-account.manage' }),
  listProviders: () => READ,
  startConnection: (s) => connectionTargetAction(s.target),
  completeConnection: (s) => connectionTargetAction(s.target),
  previewImpact: (s) => {
    switch (s.change?.type) {
      case 'set-staff-account':
        return { type: 'staff-account.manage', staffId: s.change.staffId };
      case 'set-course-link':
        return { type: 'course-link.manage' };
      case 'set-service-online':
        return { type: 'service-video.manage' };
      // As setSessionLink: the stored session's assigned staff member decides; unknown, nobody's but the owner's.
      case 'set-session-link':
        return { type: 'session-link.manage', session: s.session ?? { staffId: null } };
      default:
        return { type: 'default-account.manage' };
    }
  },
  listStaff: () => READ,
  setStaffCustomLink: (s) => ({ type: 'staff-account.manage', staffId: s.staffId ?? '' }),
  removeStaffAccount: (s) => ({ type: 'staff-account.manage', staffId: s.staffId ?? '' }),
  listServices: () => READ,
  getServiceVideo: () => READ,
  setServiceVideo: () => ({ type: 'service-video.manage' }),
  listSessions: () => READ,
  getSession: () => READ,
  // R30: the owner reads any session's history, a staff member only their own sessions'.
  getSessionLinkHistory: (s) => ({ type: 'session-history.read', session: s.session ?? { staffId: null } }),
  setSessionLink: (s) => ({ type: 'session-link.manage', session: s.session ?? { staffId: null } }),
  getCourseLink: () => READ,
  setCourseLink: () => ({ type: 'course-link.manage' }),
  listAutomations: () => ({ type: 'templates.manage' }),
  getTemplate: () => ({ type: 'templates.manage' }),
  saveTemplate: () => ({ type: 'templates.manage' }),
  resetTemplate: () => ({ type: 'templates.manage' }),
  // A client's e-mail carries the session's password and the client's address: the owner's
  // automations (or the host's server with its sync secret), not a staff member's (R10, R18).
  renderBookingEmail: () => ({ type: 'templates.manage' }),
} as const satisfies { [N in RouteName]: (subject: OperationSubject) => Action };

/** The permission `operation` needs for this subject (R10). */
export function actionFor(operation: RouteName, subject: OperationSubject = {}): Action {
  return OPERATION_ACTIONS[operation](subject);
}

/** Whether `user` may perform `operation` on this subject (R10): {@link actionFor} then {@link canPerform}. */
export function mayPerform(user: Pick<CurrentUser, 'role' | 'staffId'>, operation: RouteName, subject: OperationSubject = {}): boolean {
  return canPerform(user, actionFor(operation, subject));
}
