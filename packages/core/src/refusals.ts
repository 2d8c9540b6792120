import type { ApiErrorCode, ApiErrorReason } from './api';
import type { Blocker } from './preconditions';

// How the rules' blockers are answered over HTTP: the rules (preconditions.ts) stay pure
// and know no error codes; this table joins the two.

export interface Refusal {
  code: ApiErrorCode;
  reason?: ApiErrorReason;
  message: string;
}

/** The refusal each blocker gives, as every backend answers it: one table for server, mocks and docs. */
export const REFUSALS: Record<Blocker, Refusal> = {
  PLAN_REQUIRED: { code: 'PLAN_REQUIRED', message: 'Upgrade to a plan with online sessions' },
  DEFAULT_ACCOUNT_REQUIRED: { code: 'DEFAULT_ACCOUNT_REQUIRED', message: 'Connect a default account for the site first' },
  NOT_A_COURSE: { code: 'VALIDATION', reason: 'NOT_A_COURSE', message: 'Only a course can have a course link' },
  COURSE_HAS_NO_SESSIONS: {
    code: 'VALIDATION',
    reason: 'COURSE_HAS_NO_SESSIONS',
    message: 'A course link can be set once the course has a saved session',
  },
  NO_MEETING_ACCOUNT: {
    code: 'VALIDATION',
    reason: 'NO_MEETING_ACCOUNT',
    message: 'There is no connected account to create a meeting with: add a custom link instead',
  },
  PROVIDER_STATE_MISMATCH: {
    code: 'VALIDATION',
    reason: 'PROVIDER_STATE_MISMATCH',
    message: 'The authorisation does not match a connection in progress',
  },
  PROVIDER_DENIED: { code: 'VALIDATION', reason: 'PROVIDER_DENIED', message: 'The provider did not grant access' },
};
