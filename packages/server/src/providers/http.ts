/**
 * What the three providers' HTTP clients (zoom/, google/, microsoft/ `client.ts`) share: the
 * runtime a test injects, the retry policy, backoff with jitter, `Retry-After`, the base-URL
 * rule (https, plain http only on loopback) and lenient JSON reading. Each client keeps its
 * own endpoints, error classification and defaults.
 */

export interface RetryPolicy {
  /** Total attempts per call, first one included (default 4). */
  attempts?: number;
  /** Backoff for 5xx and network failures (Google: also usage limits): `base * 2^n`, capped, with jitter (each client's defaults). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A rate limit whose wait is at most this many seconds is waited out in the call; longer ones are returned (default 10). */
  maxInlineRetryAfterSeconds?: number;
}

export interface ClientRuntime {
  fetch?: typeof fetch;
  /** Waits between attempts; tests inject one that records and returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock in ms since the epoch (token expiry, Retry-After dates). */
  now?: () => number;
  /** In [0, 1): backoff jitter. */
  random?: () => number;
  retry?: RetryPolicy;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
}

/** The wait before attempt `attempt + 1`: `base * 2^attempt` capped at `max`, half of it jittered. */
export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date). */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A configured base URL, without its trailing slash: https, or plain http on loopback (a fake); else `fail`'s error naming the variable. */
export function normalizeBase(value: string, variable: string, fail: (message: string) => Error, keepPath = false): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail(`${variable} must be an absolute URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw fail(`${variable} must use https (plain http only on loopback)`);
  }
  return keepPath ? url.href : url.href.replace(/\/+$/, '');
}

/** The body as JSON, or null when it is not JSON (a proxy's HTML page, an empty 5xx). */
export async function readJsonSafely(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
