import type { OnlineSettings, Service, Session } from './schemas';

/** R1: online sessions need a plan that includes them. */
export function planAllowsOnlineSessions(settings: Pick<OnlineSettings, 'plan'>): boolean {
  return settings.plan.includesOnlineSessions;
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
