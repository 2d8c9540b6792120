/**
 * The database is away (restarting, failing over, stopped, frozen, or it ended our
 * connection): nothing of the operation was committed, and the same request may succeed
 * in a moment. The handler answers 503 `UNAVAILABLE` with `retryAfter` (R25); any other
 * error stays a 500. A store (or a host's own) throws it; `reason` is a short code for
 * the log (an errno, a SQLSTATE or `timeout`), never a value of the request.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly reason: string,
    /** Seconds a client should wait before trying again. */
    readonly retryAfter = 2,
    options?: { cause?: unknown },
  ) {
    super(`the database is unavailable (${reason})`, options);
  }
}
