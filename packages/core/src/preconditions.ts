import type { ConnectionTarget, SessionLinkChange } from './changes';
import { applicableMeetingAccount, linkFromCustom, type SiteSnapshot } from './resolve';
import type { ConnectedAccount, OnlineSettings, Service, Session, SessionOverride } from './schemas';

/** R1: online sessions need a plan that includes them. */
export function planAllowsOnlineSessions(settings: Pick<OnlineSettings, 'plan'>): boolean {
  return settings.plan.includesOnlineSessions;
}

/**
 * Switching a service's online sessions on or off (the service form's Video conferencing):
 * R1 needs the plan. With no default account (R8) the switch is allowed: the service's
 * sessions are online but get no link until a default is connected, and the widget says so.
 */
export function serviceVideoBlocker(settings: Pick<OnlineSettings, 'plan'>): 'PLAN_REQUIRED' | null {
  return planAllowsOnlineSessions(settings) ? null : 'PLAN_REQUIRED';
}

export type StaffAccountBlocker = 'PLAN_REQUIRED' | 'DEFAULT_ACCOUNT_REQUIRED';

/** R9: a staff member's individual account can be added only once the site has a default. */
export function staffAccountBlocker(settings: Pick<OnlineSettings, 'plan' | 'defaultAccount'>): StaffAccountBlocker | null {
  if (!settings.plan.includesOnlineSessions) return 'PLAN_REQUIRED';
  if (settings.defaultAccount === null) return 'DEFAULT_ACCOUNT_REQUIRED';
  return null;
}

export type CourseLinkBlocker = 'PLAN_REQUIRED' | 'NOT_A_COURSE' | 'COURSE_HAS_NO_SESSIONS';

/** R5: a course link can be set only on a course with at least one saved session. */
export function courseLinkBlocker(
  settings: Pick<OnlineSettings, 'plan'>,
  service: Pick<Service, 'id' | 'kind'>,
  sessions: readonly Pick<Session, 'serviceId'>[],
): CourseLinkBlocker | null {
  if (!settings.plan.includesOnlineSessions) return 'PLAN_REQUIRED';
  if (service.kind !== 'course') return 'NOT_A_COURSE';
  if (!sessions.some((s) => s.serviceId === service.id)) return 'COURSE_HAS_NO_SESSIONS';
  return null;
}

/** Every reason a write is refused before it touches anything, besides permissions and versions. */
export type Blocker =
  | StaffAccountBlocker
  | CourseLinkBlocker
  /** A meeting was asked for with no healthy connected account to make it (R7). */
  | 'NO_MEETING_ACCOUNT'
  /** A connection's completion whose state is unknown, spent, expired or bound to someone else (R14, R19). */
  | 'PROVIDER_STATE_MISMATCH'
  /** The provider did not grant access (deny, or a code it refused). */
  | 'PROVIDER_DENIED';

/** A provider connection's target (R2, R9): the default needs a plan; a staff account also needs a default. */
export function connectionTargetBlocker(
  settings: Pick<OnlineSettings, 'plan' | 'defaultAccount'>,
  target: ConnectionTarget,
): StaffAccountBlocker | null {
  if (target.type === 'default') return planAllowsOnlineSessions(settings) ? null : 'PLAN_REQUIRED';
  return staffAccountBlocker(settings);
}

/** What a requested session-link change stores (R7), or why it cannot. */
export type OverrideDecision =
  | { override: SessionOverride | null; meetingAccount: ConnectedAccount | null; blocker?: undefined }
  | { blocker: 'PLAN_REQUIRED' | 'NO_MEETING_ACCOUNT' };

/**
 * How a requested {@link SessionLinkChange} becomes the session's override (R7): a
 * custom link is stored as its link; a meeting is bound to the applicable connected
 * account (staff's, else the default's) and made by the server (R22); `removed` makes
 * the session on-site; `reset` drops the override.
 */
export function overrideForChange(session: Pick<Session, 'staffId'>, site: SiteSnapshot, change: SessionLinkChange): OverrideDecision {
  if (!site.plan.includesOnlineSessions) return { blocker: 'PLAN_REQUIRED' };
  switch (change.kind) {
    case 'custom':
      return { override: { kind: 'link', link: linkFromCustom(change.link) }, meetingAccount: null };
    case 'meeting': {
      const applicable = applicableMeetingAccount(session, site);
      if (applicable === null) return { blocker: 'NO_MEETING_ACCOUNT' };
      return { override: { kind: 'meeting', accountId: applicable.account.id }, meetingAccount: applicable.account };
    }
    case 'removed':
      return { override: { kind: 'removed' }, meetingAccount: null };
    case 'reset':
      return { override: null, meetingAccount: null };
  }
}
