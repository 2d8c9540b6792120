import type { ApiErrorBody, ApiErrorCode, Blocker } from '@session-links/core';
import { REFUSALS } from '@session-links/core';

type Extra = Omit<ApiErrorBody['error'], 'code' | 'message'>;

/** A refusal the service decided: becomes an error body with the code's HTTP status. */
export class ServiceError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Extra = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

/** The refusal core's table gives a blocker. */
export function refusal(blocker: Blocker): ServiceError {
  const r = REFUSALS[blocker];
  return new ServiceError(r.code, r.message, r.reason ? { reason: r.reason } : {});
}

export const conflict = () => new ServiceError('CONFLICT', 'This was changed by someone else in the meantime');
export const forbidden = () => new ServiceError('FORBIDDEN', 'You do not have permission to do this');
export const notFound = (what: string) => new ServiceError('NOT_FOUND', `No ${what}`);
/**
 * A site the caller is not a member of, whether it exists or not: one answer for both, so
 * site ids cannot be enumerated (R26). FORBIDDEN, as for any member's refusal.
 */
export const notMember = () => new ServiceError('FORBIDDEN', 'You are not a member of this site');
