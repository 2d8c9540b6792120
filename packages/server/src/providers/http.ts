import * as oauth from 'oauth4webapi';

/**
 * What the three providers' HTTP clients (zoom/, google/, microsoft/ `client.ts`) share: the
 * runtime a test injects and its defaults, the configuration every client requires, the retry
 * loop, the authorised JSON request (`providerRequest`), backoff with jitter, `Retry-After`,
 * the base-URL rule (https, plain http only on loopback) and lenient JSON reading. Each client
 * keeps its own endpoints, error classification, token handling and backoff defaults.
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

/** Every client's answer: a value, or the provider's typed error. */
export type ProviderResult<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** 5xx, timeout or network failure: the one error the three providers spell alike. */
export interface TransientError {
  kind: 'transient';
  status: number | null;
  message: string;
}

/** One attempt's outcome: final, or an error to retry after `waitMs` (null: not retried, the error is final). */
export type Attempt<T, E> = { done: ProviderResult<T, E> } | { retry: E; waitMs: number | null };

/** A failed answer as a provider reads it: its error, and the wait before trying again (null: not retried). */
export type Failure<E> = { error: E; waitMs: number | null };

/** A client's runtime with every default filled in (the backoff's are the provider's own). */
export interface ResolvedRuntime {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  attempts: number;
  maxInlineRetryAfterSeconds: number;
  timeoutMs: number;
  /** The wait before attempt `attempt + 1` (see `backoffDelay`). */
  backoff(attempt: number): number;
  /** oauth4webapi's request options: this fetch and timeout; `insecure` (plain http) only for a loopback fake. */
  oauth(insecure: boolean): oauth.TokenEndpointRequestOptions & oauth.RevocationRequestOptions;
}

/**
 * The top of every `create…Client`: the OAuth client it needs (an id, a secret, a redirect URI
 * that is https or http on loopback; `PREFIX_…` names the variable in `fail`'s error), and the
 * runtime with its defaults (15 s timeout, 4 attempts, rate limits up to 10 s waited out, the
 * provider's own backoff).
 */
export function readClientConfig(
  config: { clientId: string; clientSecret: string; redirectUri: string },
  runtime: ClientRuntime,
  client: { prefix: string; fail: (message: string) => Error; baseDelayMs: number; maxDelayMs: number },
): ResolvedRuntime {
  const { prefix, fail } = client;
  if (!config.clientId) throw fail(`${prefix}_CLIENT_ID is required`);
  if (!config.clientSecret) throw fail(`${prefix}_CLIENT_SECRET is required`);
  normalizeBase(config.redirectUri, `${prefix}_REDIRECT_URI`, fail, true);

  const fetchImpl = runtime.fetch ?? globalThis.fetch.bind(globalThis);
  const random = runtime.random ?? Math.random;
  const baseDelayMs = runtime.retry?.baseDelayMs ?? client.baseDelayMs;
  const maxDelayMs = runtime.retry?.maxDelayMs ?? client.maxDelayMs;
  const timeoutMs = runtime.timeoutMs ?? 15_000;
  return {
    fetch: fetchImpl,
    sleep: runtime.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    now: runtime.now ?? Date.now,
    attempts: Math.max(1, runtime.retry?.attempts ?? 4),
    maxInlineRetryAfterSeconds: runtime.retry?.maxInlineRetryAfterSeconds ?? 10,
    timeoutMs,
    backoff: (attempt) => backoffDelay(attempt, baseDelayMs, maxDelayMs, random),
    oauth: (insecure) => ({
      [oauth.customFetch]: (url: string, init: oauth.CustomFetchOptions<'POST', URLSearchParams>) => fetchImpl(url, init as RequestInit),
      // oauth4webapi insists on https; plain http is allowed for a loopback fake only (normalizeBase refuses any other).
      [oauth.allowInsecureRequests]: insecure,
      signal: () => AbortSignal.timeout(timeoutMs),
    }),
  };
}

/** Runs `run` until it is done, it gives no wait, or the attempts are spent; waits `waitMs` between attempts. */
export async function withRetries<T, E>(
  rt: ResolvedRuntime,
  run: (attempt: number) => Promise<Attempt<T, E>>,
): Promise<ProviderResult<T, E>> {
  const { sleep } = rt; // the injected function, called as it was given
  for (let attempt = 0; ; attempt++) {
    const outcome = await run(attempt);
    if ('done' in outcome) return outcome.done;
    if (outcome.waitMs === null || attempt >= rt.attempts - 1) return { ok: false, error: outcome.retry };
    await sleep(outcome.waitMs);
  }
}

/** A request that threw (refused, reset, timed out): transient, retried after a backoff. */
function networkFailure(rt: ResolvedRuntime, error: unknown, attempt: number): { retry: TransientError; waitMs: number } {
  const message = error instanceof Error ? error.message : String(error);
  return { retry: { kind: 'transient', status: null, message }, waitMs: rt.backoff(attempt) };
}

export interface ProviderRequest<T, E> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  /** Sent as `Authorization: Bearer …`. */
  accessToken: string;
  /** Sent as JSON; undefined: no body. */
  body: unknown;
  /** A 2xx answer's value; null (or a throw) when it is not what was asked for. */
  parse: (response: Response) => Promise<T | null>;
  /** The provider's reading of a non-2xx answer. */
  classify: (response: Response, attempt: number) => Promise<Failure<E>>;
  /** The error for a 2xx answer `parse` could not read. */
  unexpected: (status: number) => E;
  /** False for a call that may have taken effect when it fails ambiguously (5xx, network): no inline retry. Default true. */
  retryAmbiguous?: boolean;
}

/**
 * One authorised JSON call to a provider's API, with the retries: a bearer token, a timeout, a
 * network failure as a transient error, a non-2xx answer as the provider classifies it, a 2xx
 * that does not parse as `unexpected`.
 */
export function providerRequest<T, E extends { kind: string }>(
  rt: ResolvedRuntime,
  request: ProviderRequest<T, E>,
): Promise<ProviderResult<T, E | TransientError>> {
  const { method, url, accessToken, body, parse, classify, unexpected, retryAmbiguous = true } = request;
  const { fetch: send } = rt; // the injected function, called as it was given (a browser's `fetch` refuses another `this`)
  return withRetries<T, E | TransientError>(rt, async (attempt) => {
    let response: Response;
    try {
      response = await send(url, {
        method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(rt.timeoutMs),
      });
    } catch (error) {
      const failure = networkFailure(rt, error, attempt);
      return retryAmbiguous ? failure : { done: { ok: false, error: failure.retry } };
    }
    if (response.ok) {
      const value = await parse(response).catch(() => null);
      return value === null ? { done: { ok: false, error: unexpected(response.status) } } : { done: { ok: true, value } };
    }
    const { error, waitMs } = await classify(response, attempt);
    if (waitMs === null || (!retryAmbiguous && error.kind === 'transient')) return { done: { ok: false, error } };
    return { retry: error, waitMs };
  });
}

/**
 * One call to a provider's OAuth server (token, revocation; oauth4webapi sends it), with the
 * retries: a network failure is transient; `retry` picks the answers to try again (429, 5xx,
 * each provider reads them its own way), `read` makes the result of any other.
 */
export function oauthRequest<T, E>(
  rt: ResolvedRuntime,
  request: {
    send: () => Promise<Response>;
    retry: (response: Response, attempt: number) => Promise<Failure<E> | null>;
    read: (response: Response) => Promise<ProviderResult<T, E>>;
  },
): Promise<ProviderResult<T, E | TransientError>> {
  return withRetries<T, E | TransientError>(rt, async (attempt) => {
    let response: Response;
    try {
      response = await request.send();
    } catch (error) {
      return networkFailure(rt, error, attempt);
    }
    const failure = await request.retry(response, attempt);
    if (failure !== null) return { retry: failure.error, waitMs: failure.waitMs };
    return { done: await request.read(response) };
  });
}
