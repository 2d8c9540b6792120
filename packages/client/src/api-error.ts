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

  constructor(init: {
    code: ApiErrorCode;
    status: number;
    message: string;
    reason?: ApiErrorReason | undefined;
    fields?: Record<string, string[]>;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.reason = init.reason;
    this.fields = init.fields ?? {};
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
