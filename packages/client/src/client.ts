import {
  type ApiErrorCode,
  type AutomationId,
  apiErrorBodySchema,
  type CustomLinkInput,
  fieldErrorsOf,
  type RouteDef,
  type RouteName,
  type RouteResponse,
  routes,
  type SessionLinkChange,
  type SettingsChange,
  type ZoomTarget,
} from '@session-links/core';
import type * as z from 'zod/mini';
import { ApiError } from './api-error';

export interface ClientOptions {
  /**
   * Where the API is mounted. Same origin (the default a host should use): a path such as
   * `/api/session-links`, resolved against the page's `location` at each call, so cookies
   * go along and no CORS is involved. Another origin: an absolute URL,
   * e.g. `https://bookings.example/api/session-links` (that server must allow your origin
   * through CORS). On a server (prefetching) there is no page: pass an absolute URL.
   */
  baseUrl: string;
  /** The site (tenant) every call of this client is for (R13). */
  siteId: string;
  /** Defaults to the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Extra headers per request, e.g. an auth token; may be async. */
  getHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
  /**
   * How long one call may take, response body included, before it fails with a
   * `NETWORK` error whose cause is a `TimeoutError`. Default 15 s; `0` turns it off.
   */
  timeoutMs?: number;
  /** The largest response body accepted, in bytes; a larger one fails with `SERVER`. Default 5 MB. */
  maxResponseBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export interface CallOptions {
  signal?: AbortSignal;
}

const STATUS_CODES: Record<number, ApiErrorCode> = {
  401: 'UNAUTHORIZED',
  402: 'PLAN_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'DEFAULT_ACCOUNT_REQUIRED',
  422: 'VALIDATION',
  400: 'VALIDATION',
  429: 'RATE_LIMITED',
  501: 'NOT_CONFIGURED',
  503: 'UNAVAILABLE',
};

/** Seconds to wait, from a `Retry-After` header: delay-seconds or an HTTP date. */
function retryAfterHeader(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

class TooLarge extends Error {}

/**
 * Reads a body as text, giving up as soon as it passes `max` bytes or `signal` aborts
 * (not every fetch ends a body's stream when its signal aborts).
 *
 * A body of declared length is read with `response.text()`, not through `response.body`:
 * Chromium logs a load whose body a script read to its end through the stream as
 * cancelled (`net::ERR_ABORTED`) when the script sees the end before the load has
 * finished — as it does for answers from a service worker (MSW, offline-first hosts) —
 * so every network panel and monitoring tool would report completed calls as failed.
 * The declared length caps such a body. Only a body without one is read as a stream,
 * counting its bytes as they arrive.
 */
async function readCapped(response: Response, max: number, signal: AbortSignal): Promise<string> {
  const length = response.headers.get('content-length');
  const declared = length === null || length.trim() === '' ? Number.NaN : Number(length);
  if (declared > max) {
    // Not awaited: some streams only settle their cancel once the producer notices.
    response.body?.cancel().catch(() => {});
    throw new TooLarge();
  }
  if (!response.body) return '';
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  try {
    if (Number.isInteger(declared) && declared >= 0) return await Promise.race([response.text(), aborted]);
    return await readStream(response.body, max, aborted);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function readStream(body: ReadableStream<Uint8Array>, max: number, aborted: Promise<never>): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      size += value.byteLength;
      if (size > max) throw new TooLarge();
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  }
}

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new ApiError({ code: 'VALIDATION', status: 0, message: `Missing path parameter "${key}"` });
    // encodeURIComponent leaves "." and ".." as they are, and URL parsing reads them (and
    // "%2e") as path segments: an id like that would reach another route.
    if (value === '' || /^(\.|%2e){1,2}$/i.test(value)) {
      throw new ApiError({ code: 'VALIDATION', status: 0, message: `Invalid path parameter "${key}"`, fields: { [key]: ['invalid'] } });
    }
    return encodeURIComponent(value);
  });
}

function validationError(error: z.core.$ZodError, where: string): ApiError {
  return new ApiError({ code: 'VALIDATION', status: 0, message: `Invalid ${where}`, fields: fieldErrorsOf(error), cause: error });
}

/**
 * A typed client for one site. Holds no state besides its options: two clients for
 * two sites on one page never share anything.
 */
export function createClient(options: ClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const relative = base.startsWith('/') && !base.startsWith('//');
  if (!relative && !/^https?:\/\//i.test(base)) {
    throw new TypeError('createClient: baseUrl must be a path on this origin (/api/session-links) or an absolute http(s) URL');
  }
  /** The absolute base: a path resolved against the page, at call time (the page may navigate). */
  const origin = (): string => {
    if (!relative) return base;
    const here = (globalThis as { location?: { href?: string } }).location?.href;
    if (!here) {
      throw new TypeError(`createClient: the relative baseUrl ${base} needs a page to resolve against; on a server pass an absolute URL`);
    }
    return new URL(base, here).href.replace(/\/+$/, '');
  };

  async function call<N extends RouteName>(
    name: N,
    input: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown },
    callOptions: CallOptions = {},
  ): Promise<RouteResponse<N>> {
    const route: RouteDef = routes[name];
    // Inputs are checked with the same schemas the backend uses, before anything is sent.
    let body: string | undefined;
    if (route.body) {
      const parsed = route.body.safeParse(input.body);
      if (!parsed.success) throw validationError(parsed.error, 'request body');
      body = JSON.stringify(parsed.data);
    }
    let url = origin() + fillPath(route.path, { siteId: options.siteId, ...input.params });
    if (route.query) {
      const parsed = route.query.safeParse(input.query);
      if (!parsed.success) throw validationError(parsed.error, 'query');
      url += `?${new URLSearchParams(parsed.data as Record<string, string>)}`;
    }
    const headers: Record<string, string> = { accept: 'application/json', ...(await options.getHeaders?.()) };
    if (body !== undefined) headers['content-type'] = 'application/json';

    // One signal for the caller's abort and the timeout; the timeout covers the body too.
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const controller = new AbortController();
    const callerSignal = callOptions.signal;
    const onAbort = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onAbort();
    else callerSignal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort(new DOMException(`${name} took longer than ${timeoutMs} ms`, 'TimeoutError'));
          }, timeoutMs)
        : undefined;
    const failed = (error: unknown): never => {
      if (callerSignal?.aborted) throw callerSignal.reason ?? error;
      if (timedOut) {
        throw new ApiError({
          code: 'NETWORK',
          status: 0,
          message: `The server did not answer within ${timeoutMs} ms`,
          cause: controller.signal.reason,
        });
      }
      if (error instanceof TooLarge) {
        throw new ApiError({ code: 'SERVER', status: 0, message: `The response to ${name} is larger than ${maxBytes} bytes` });
      }
      throw new ApiError({ code: 'NETWORK', status: 0, message: 'The server could not be reached', cause: error });
    };

    let response: Response;
    let text: string;
    try {
      response = await (options.fetch ?? globalThis.fetch)(url, {
        method: route.method.toUpperCase(),
        headers,
        body,
        signal: controller.signal,
      });
      text = await readCapped(response, maxBytes, controller.signal);
    } catch (error) {
      return failed(error);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    }

    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const parsed = apiErrorBodySchema.safeParse(json);
      const retryAfter =
        (parsed.success ? parsed.data.error.retryAfter : undefined) ?? retryAfterHeader(response.headers.get('retry-after'));
      if (parsed.success) {
        const e = parsed.data.error;
        throw new ApiError({ code: e.code, status: response.status, message: e.message, reason: e.reason, fields: e.fields, retryAfter });
      }
      const code = STATUS_CODES[response.status] ?? 'SERVER';
      throw new ApiError({
        code,
        status: response.status,
        message: `${route.method.toUpperCase()} ${route.path} failed with HTTP ${response.status}`,
        retryAfter,
      });
    }
    const parsed = route.response.safeParse(json);
    if (!parsed.success) {
      throw new ApiError({
        code: 'SERVER',
        status: response.status,
        message: `The server sent a malformed response to ${name}`,
        cause: parsed.error,
      });
    }
    return parsed.data as RouteResponse<N>;
  }

  return {
    siteId: options.siteId,
    baseUrl: base,

    getMe: (o?: CallOptions) => call('getMe', {}, o),
    getSettings: (o?: CallOptions) => call('getSettings', {}, o),
    setDefaultCustomLink: (input: { link: CustomLinkInput; version: number }, o?: CallOptions) =>
      call('setDefaultCustomLink', { body: input }, o),
    disconnectDefault: (input: { version: number }, o?: CallOptions) => call('disconnectDefault', { body: input }, o),
    startZoomConnection: (input: { target: ZoomTarget }, o?: CallOptions) => call('startZoomConnection', { body: input }, o),
    completeZoomConnection: (input: { state: string; code: string; version: number }, o?: CallOptions) =>
      call('completeZoomConnection', { body: input }, o),
    previewImpact: (change: SettingsChange, o?: CallOptions) => call('previewImpact', { body: change }, o),

    listStaff: (o?: CallOptions) => call('listStaff', {}, o),
    setStaffCustomLink: (staffId: string, input: { link: CustomLinkInput; version: number }, o?: CallOptions) =>
      call('setStaffCustomLink', { params: { staffId }, body: input }, o),
    removeStaffAccount: (staffId: string, input: { version: number }, o?: CallOptions) =>
      call('removeStaffAccount', { params: { staffId }, body: input }, o),

    listServices: (o?: CallOptions) => call('listServices', {}, o),
    listSessions: (range: { from: string; to: string }, o?: CallOptions) => call('listSessions', { query: range }, o),
    getSession: (sessionId: string, o?: CallOptions) => call('getSession', { params: { sessionId } }, o),
    setSessionLink: (
      sessionId: string,
      input: { change: SessionLinkChange | { kind: 'custom'; link: CustomLinkInput }; version: number },
      o?: CallOptions,
    ) => call('setSessionLink', { params: { sessionId }, body: input }, o),

    getCourseLink: (serviceId: string, o?: CallOptions) => call('getCourseLink', { params: { serviceId } }, o),
    setCourseLink: (serviceId: string, input: { link: CustomLinkInput | null; version: number }, o?: CallOptions) =>
      call('setCourseLink', { params: { serviceId }, body: input }, o),

    listAutomations: (o?: CallOptions) => call('listAutomations', {}, o),
    getTemplate: (automationId: AutomationId, o?: CallOptions) => call('getTemplate', { params: { automationId } }, o),
    saveTemplate: (
      automationId: AutomationId,
      input: {
        subject: string;
        body: string;
        joinOnline: { elements: RouteResponse<'getTemplate'>['joinOnline']['elements'] };
        version: number;
      },
      o?: CallOptions,
    ) => call('saveTemplate', { params: { automationId }, body: input }, o),
    resetTemplate: (automationId: AutomationId, input: { version: number }, o?: CallOptions) =>
      call('resetTemplate', { params: { automationId }, body: input }, o),
    /** Owner only: an automation's e-mail for a booking with its iCalendar part (R28), e.g. to check what a client gets. */
    renderBookingEmail: (
      bookingId: string,
      automationId: AutomationId,
      input: { sessionId?: string; timeZone?: string } = {},
      o?: CallOptions,
    ) => call('renderBookingEmail', { params: { bookingId, automationId }, body: input }, o),
  };
}

export type SessionLinksClient = ReturnType<typeof createClient>;
