import type { ApiErrorBody, ApiErrorCode } from '@session-links/core';

export type ApiErrorReason = NonNullable<ApiErrorBody['error']['reason']>;

/** Every failure of a client call: one class, told apart by `code`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly reason: ApiErrorReason | undefined;
  /** Field path → error codes, for `VALIDATION`. */
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** Seconds to wait before trying again, for `RATE_LIMITED` (from the body or `Retry-After`). */
  readonly retryAfter: number | undefined;

  constructor(init: {
    code: ApiErrorCode;
    status: number;
    message: string;
    reason?: ApiErrorReason | undefined;
    fields?: Record<string, string[]>;
    retryAfter?: number | undefined;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.reason = init.reason;
    this.fields = init.fields ?? {};
    this.retryAfter = init.retryAfter;
  }
}

/**
 * True for an answer the same request will get again (HTTP 4xx: refused, not found,
 * conflict, signed out…): retrying it only delays the message. Rate limits included,
 * their wait is in `retryAfter`.
 */
export function isClientError(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  // A request refused before it was sent (status 0) is just as certain to be refused again.
  return (error.status >= 400 && error.status < 500) || (error.status === 0 && error.code === 'VALIDATION');
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
