import { API_ERROR_STATUS, fieldErrorsOf, idSchema, pathParamSchemas, providerRoutes, SYNC_SECRET_HEADER } from '@session-links/core';
import { randomToken } from '../oauth';
import { createFakeZoomGateway } from '../providers/fakes/gateway';
import type { ZoomGateway } from '../providers/gateway';
import type { GoogleClientRuntime } from '../providers/google/client';
import type { GoogleSettings } from '../providers/google/config';
import { createGoogleIntegration } from '../providers/google/connect';
import type { MicrosoftClientRuntime } from '../providers/microsoft/client';
import { createTeamsIntegration, type MicrosoftSettings } from '../providers/microsoft/connect';
import { handleProviderCallback, handleZoomWebhook } from '../providers/routes';
import type { ZoomClientRuntime } from '../providers/zoom/client';
import type { ZoomSettings } from '../providers/zoom/config';
import { createZoomIntegration, type ZoomIntegration } from '../providers/zoom/connect';
import { WEBHOOK_MAX_BODY_BYTES } from '../providers/zoom/webhook';
import { type Caller, createService, providerRuntimes, type ServiceOptions, type ServiceParams } from '../service';
import { ServiceError } from '../service/errors';
import type { Store } from '../store/types';
import { StoreUnavailableError } from '../store/unavailable';
import { BodyError, readJson, readText } from './body';
import { forwardedClient, parseTrustedProxies } from './client-address';
import { describeFault } from './fault-log';
import { type StoreSource, toLazyStore } from './lazy-store';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { errorResponse, JSON_HEADERS, json, NOSNIFF, rateLimited } from './responses';
import { compileRoutes, matchRoute } from './router';
import { createHostEmailRoute, createSyncRoute } from './sync';

export { type CompiledRoute, compileRoutes, decodeSegment, matchRoute, type RouteMatch } from './router';

export const DEFAULT_BASE_PATH = '/api/session-links';
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** The header the host's sync calls carry their secret in. */
export { SYNC_SECRET_HEADER };

/** Who is asking, as the host knows it (R24). */
export interface Identity {
  userId: string;
}

export interface HandlerOptions {
  /**
   * The store, or how to open it: `() => openStore()` opens it on the first request that
   * needs it (concurrent first requests share one open; a failed open answers 503
   * `UNAVAILABLE` and is tried again on the next request). A host module never has to open
   * a database at import, so `next build` touches none.
   */
  store: StoreSource;
  /**
   * How the host recognises a request's user (its session cookie, a bearer token…).
   * `null`: nobody → 401 UNAUTHORIZED. The server never takes a user id from the browser (R24).
   */
  authenticate: (request: Request) => Promise<Identity | null>;
  /**
   * Zoom behind one gateway: an integration from `createZoomIntegration` (real Zoom over
   * HTTP), a gateway, or `'fake'` — the in-process fake, asked for by name (development,
   * mocks, tests). Default (neither this nor `zoomConfig`): Zoom is not configured — a
   * connection answers 501 NOT_CONFIGURED, reason PROVIDER_NOT_CONFIGURED (R27). Never a fake.
   */
  zoom?: ZoomGateway | ZoomIntegration | 'fake';
  /**
   * The other connected providers (R31): gateways (Google Meet, Microsoft Teams, a loopback
   * fake's), each with its tokens where they are not those bound to it. A provider in neither
   * this nor `zoom` is not configured (R27): `listProviders` says so and connecting it
   * answers NOT_CONFIGURED. A Zoom gateway here replaces `zoom`.
   */
  providers?: ServiceOptions['providers'];
  /**
   * Real Zoom from its configuration (`zoomFromEnv(process.env)`); replaces `zoom`. Serves
   * `GET {base}/zoom/callback` and `POST {base}/zoom/webhook`. Invalid: throws `ZoomConfigError`
   * naming the variable, so the server does not start.
   */
  zoomConfig?: ZoomSettings;
  /** fetch, clock and retry policy of the Zoom HTTP client (tests). */
  zoomRuntime?: ZoomClientRuntime;
  /**
   * Microsoft Teams from its configuration (`microsoftFromEnv(process.env)`), added to
   * `providers`. Serves `GET {base}/microsoft/callback`. Invalid: throws `MicrosoftConfigError`
   * naming the variable, so the server does not start.
   */
  microsoftConfig?: MicrosoftSettings;
  /** fetch, clock and retry policy of the Microsoft HTTP client (tests). */
  microsoftRuntime?: MicrosoftClientRuntime;
  /**
   * Google Meet from its configuration (`readGoogleSettings(process.env)`): added to
   * `providers`; serves `GET {base}/google/callback`. Invalid: throws `GoogleConfigError`
   * naming the variable, so the server does not start.
   */
  googleConfig?: GoogleSettings;
  /** fetch, clock and retry policy of the Google HTTP client (tests). */
  googleRuntime?: GoogleClientRuntime;
  /**
   * The origins (`https://app.example`) whose pages may start a Zoom connection: the callback
   * page hands the authorization code to the starting page's origin, so a start from any other
   * origin (`Origin` header, else the request URL's) is refused with 403 FORBIDDEN, reason
   * `ORIGIN_NOT_ALLOWED` (R27). Compared exactly, as browsers send them. Default: the server's
   * own origin — that of the Zoom redirect URI (else Google's, else Microsoft's); with a fake that has none, the request URL's.
   * Set it when the widgets run on another origin than the callback, or behind a proxy that
   * rewrites the Host. The CLI reads `SESSION_LINKS_ALLOWED_ORIGINS` (comma-separated).
   */
  allowedOrigins?: string[];
  /**
   * How long a request waits for a store factory's first open (migrations included) before it
   * answers 503 UNAVAILABLE; the open goes on for the next request. Default 10 s.
   */
  openTimeoutMs?: number;
  /** Where the API is mounted. Default `/api/session-links`. */
  basePath?: string;
  /** Request bodies above this are refused with 413. Default 64 kB. */
  maxBodyBytes?: number;
  /** Told about every unexpected error (a 500), with the request id the client got. */
  onError?: (error: unknown, info: { requestId: string; method: string; path: string }) => void;
  /** Enables the host's sync API under `{basePath}/sync/…`, authenticated with this secret. */
  sync?: { secret: string };
  /**
   * Rate limiting (R24, R26); answers 429 RATE_LIMITED with `retryAfter` and `Retry-After`.
   * Default: `createRateLimiter()` — in-memory token buckets per client address (before
   * authentication), per user, and per address for wrong sync secrets; see the README for
   * the numbers. A `createRateLimiter({...})` tunes them. A function replaces the per-request
   * limits with the host's own (several instances need a shared one: Redis, the database,
   * the gateway), asked once per authenticated request; wrong sync secrets stay limited in
   * memory. `false` turns every limit off.
   */
  rateLimit?:
    | false
    | RateLimiter
    | ((request: Request, identity: Identity, info: { clientAddress: string | null }) => Promise<{ retryAfter: number } | null>);
  /**
   * The client's address for a Web `Request` (the Node adapter knows the socket's): e.g. the
   * platform's `x-real-ip`, or the first hop of `X-Forwarded-For` that your own proxy wrote.
   * The server never reads forwarding headers on its own: a client can write them.
   */
  clientAddress?: (request: Request) => string | null;
  /**
   * The host's own reverse proxies (addresses and CIDR ranges: `['127.0.0.1', '::1',
   * '10.0.0.0/8']`). A request whose peer (the socket's address, in the Node adapter) is one of
   * them is limited by the client it forwarded: the right-most hop of `X-Forwarded-For` that is
   * not one of them. From any other peer, and without this option, the header is never read.
   * An entry that is neither throws `TrustedProxiesError` here. `clientAddress`, when given, decides instead.
   */
  trustedProxies?: readonly string[];
  now?: () => Date;
  horizonDays?: number;
  /** See `ServiceOptions.meetings`: `inline` only with an in-process fake Zoom (the mocks). */
  meetings?: ServiceOptions['meetings'];
  /** The read cache: on by default, `false` turns it off. See `ServiceOptions.readCache` and the README. */
  readCache?: ServiceOptions['readCache'];
  /**
   * R29's outbox: by default the store's own (memory or SQL), so every link change records a
   * notice per booked client in its transaction; `false` records none. See `ServiceOptions.notices`.
   */
  notices?: ServiceOptions['notices'];
  /** R30's hook after the notices are recorded, in the change's transaction. See `ServiceOptions.onLinkChanges`. */
  onLinkChanges?: ServiceOptions['onLinkChanges'];
}

export type RequestHandler = (request: Request) => Promise<Response>;

/**
 * A request as the handler's core reads it: what the hot path needs without building a Web
 * `Request` (the Node adapter fills it from `IncomingMessage`); `request()` builds the
 * `Request` on first use (authenticate, rate limit, bodies, Zoom and sync routes).
 */
export interface Incoming {
  method: string;
  url: URL;
  header(name: string): string | null;
  request(): Request;
  /** The peer's address, when the adapter knows it (the Node adapter: the socket's). */
  clientAddress?: string | null;
}

/** A read's answer before it is a `Response`: the Node adapter writes the bytes as they are. */
export interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
}

/** The handler's core on an `Incoming`, for adapters: attached to every handler `createHandler` makes. */
export const DISPATCH: unique symbol = Symbol.for('session-links.dispatch');
export type Dispatch = (incoming: Incoming) => Promise<Response | Outgoing>;

/** The core of a handler made by `createHandler`, when `handler` is one. */
export const dispatchOf = (handler: RequestHandler): Dispatch | undefined => (handler as { [DISPATCH]?: Dispatch })[DISPATCH];

/**
 * One line (the reason, never a value of the request), at most every 5 s while the database
 * is away: a logger per handler, so two handlers in one process keep their own counts.
 */
function createUnavailableLog(): (error: StoreUnavailableError, method: string, route: string) => void {
  let loggedAt = 0;
  let since = 0;
  return (error, method, route) => {
    since++;
    const at = Date.now();
    if (at - loggedAt < 5_000) return;
    loggedAt = at;
    console.warn(`[session-links] database unavailable (${error.reason}): ${method} ${route} answered 503 (${since} since the last line)`);
    since = 0;
  };
}

/**
 * The default log line of a fault (R26): the request id the client got, the method, the
 * route's name, the error's class and SQLSTATE and where it was thrown — never its message,
 * the path or the request's values: a database error's message and parameters carry what
 * was sent (a link's password). `onError` still gets the error itself.
 */
function logFault(requestId: string, method: string, routeName: string, error: unknown): void {
  console.error(`[session-links] SERVER ${requestId} ${method} ${routeName}: ${describeFault(error)}`);
}

/** The allowed origins, serialised as browsers send them; null: the request URL's own (a fake with no redirect URI). */
function connectOrigins(configured: string[] | undefined, redirectUri: string | undefined): string[] | null {
  if (configured === undefined) return redirectUri ? [new URL(redirectUri).origin] : null;
  return configured.map((entry) => {
    const origin = URL.canParse(entry) ? new URL(entry).origin : 'null';
    if (origin === 'null') throw new TypeError(`allowedOrigins: ${JSON.stringify(entry)} is not an origin (https://app.example)`);
    return origin;
  });
}

/**
 * The Web-standard request handler of the session-links API: every route of core's
 * `routes` under `basePath`, plus the host's sync API when `sync` is set. Mount it in
 * Node (`toNodeListener` from `@session-links/server/node`), a Next.js route handler,
 * Hono, or anything that speaks `Request`/`Response`.
 */
export function createHandler(options: HandlerOptions): RequestHandler {
  const logUnavailable = createUnavailableLog();
  const base = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, '');
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const integration: ZoomIntegration | null = options.zoomConfig
    ? createZoomIntegration(options.zoomConfig, { basePath: base, runtime: options.zoomRuntime })
    : typeof options.zoom === 'object' && 'gateway' in options.zoom
      ? options.zoom
      : null;
  // No Zoom configuration: no gateway at all (R27); the fake only by name.
  const gateway: ZoomGateway | null =
    integration?.gateway ?? (options.zoom === 'fake' ? createFakeZoomGateway() : ((options.zoom as ZoomGateway | undefined) ?? null));
  const teams = options.microsoftConfig
    ? createTeamsIntegration(options.microsoftConfig, { basePath: base, runtime: options.microsoftRuntime })
    : null;
  const google = options.googleConfig
    ? createGoogleIntegration(options.googleConfig, { basePath: base, runtime: options.googleRuntime })
    : null;
  const providers: ServiceOptions['providers'] =
    teams || google
      ? [...(options.providers ?? []), ...(google ? [google] : []), ...(teams ? [{ gateway: teams.gateway, tokens: teams.tokens }] : [])]
      : options.providers;
  // Each provider's tokens now, not at the first request: a gateway that is no fake and came
  // without its key throws here, naming SESSION_LINKS_TOKEN_KEY (R18, R23).
  providerRuntimes({ zoom: gateway ?? undefined, tokens: integration?.tokens, providers });
  const now = options.now ?? (() => new Date());
  // The store and the service over it exist from the first request that needs them on.
  const lazy = toLazyStore(options.store);
  let store: Store;
  let service: ReturnType<typeof createService>;
  let opened: Promise<unknown> | null = null;
  const openWaitMs = options.openTimeoutMs ?? 10_000;
  let isOpen = false;
  /** Opens the store once; null when it is open, else the 503 this request answers (the next one tries again). */
  const open = async (method: string): Promise<Response | null> => {
    // The hot path: once open, a request neither awaits the open nor arms its timer.
    if (isOpen) return null;
    opened ??= lazy.open().then((s) => {
      store = s;
      service = createService({
        store: s,
        zoom: gateway,
        tokens: integration?.tokens,
        providers,
        now: options.now,
        horizonDays: options.horizonDays,
        meetings: options.meetings,
        readCache: options.readCache,
        ...(options.notices === undefined ? {} : { notices: options.notices }),
        ...(options.onLinkChanges ? { onLinkChanges: options.onLinkChanges } : {}),
      });
      isOpen = true;
    });
    const opening = opened;
    // A database that accepts connections but never answers (frozen, packets dropped) would
    // hold every request on this open: each waits a bounded time, then answers 503 while the
    // open goes on for the next request (R25).
    let waited: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<'waiting'>((resolve) => {
      waited = setTimeout(() => resolve('waiting'), openWaitMs);
    });
    try {
      if ((await Promise.race([opening, bound])) === 'waiting') {
        return errorResponse('UNAVAILABLE', 'The database is not answering yet: try again shortly', { retryAfter: 5 });
      }
      return null;
    } catch (error) {
      if (opened === opening) opened = null; // forgotten: the next request opens again
      if (error instanceof StoreUnavailableError) {
        logUnavailable(error, method, 'opening the store');
        return errorResponse('UNAVAILABLE', 'The database is unavailable: try again shortly', { retryAfter: error.retryAfter });
      }
      // The error's message, not the request: opening names no request values.
      console.error('[session-links] the store could not be opened:', error instanceof Error ? error.message : error);
      return errorResponse('UNAVAILABLE', 'The database cannot be reached: try again shortly', { retryAfter: 5 });
    } finally {
      clearTimeout(waited);
    }
  };
  const compiled = compileRoutes();
  // The default limiter, a tuned one, or (with the host's function) only the wrong-secret guard.
  const limiter: RateLimiter | null =
    options.rateLimit === false
      ? null
      : typeof options.rateLimit === 'function'
        ? createRateLimiter({ perUser: false, perAddress: false })
        : (options.rateLimit ?? createRateLimiter());
  const hostLimit = typeof options.rateLimit === 'function' ? options.rateLimit : null;
  const trusted = options.trustedProxies ? parseTrustedProxies(options.trustedProxies) : null;
  const addressOf = (incoming: Incoming): string | null =>
    options.clientAddress
      ? options.clientAddress(incoming.request())
      : trusted
        ? forwardedClient(incoming.clientAddress ?? null, incoming.header('x-forwarded-for'), trusted)
        : (incoming.clientAddress ?? null);
  const allowedOrigins = connectOrigins(
    options.allowedOrigins,
    integration?.settings?.redirectUri ?? google?.settings.redirectUri ?? options.microsoftConfig?.redirectUri,
  );
  const handleSync = createSyncRoute({
    secret: options.sync?.secret,
    limiter,
    maxBytes,
    store: () => store,
    service: () => service,
    now,
  });
  const handleHostEmail = createHostEmailRoute({ secret: options.sync?.secret, limiter, maxBytes, store: () => store, now });
  const providerRoutesCompiled = compileRoutes(providerRoutes);

  async function route(incoming: Incoming): Promise<Response | Outgoing> {
    const { method, url } = incoming;
    const path = url.pathname;
    // What the log may name (R26): the route, never the path (it carries ids) or any value.
    let routeName = 'unmatched';
    try {
      if (path !== base && !path.startsWith(`${base}/`)) return errorResponse('NOT_FOUND', `No route ${method} ${path}`);
      const rest = path.slice(base.length) || '/';
      const closed = await open(method);
      if (closed) return closed;
      // The providers' routes carry no user: the flow's state, or the provider's signature, instead.
      const provider = matchRoute(providerRoutesCompiled, method, rest);
      if (provider) {
        routeName = provider.name;
        const request = incoming.request();
        switch (provider.name) {
          case 'zoomCallback':
            return await handleProviderCallback(request, store, now, 'zoom');
          case 'googleCallback':
            return await handleProviderCallback(request, store, now, 'google-meet');
          case 'microsoftCallback':
            return await handleProviderCallback(request, store, now, 'teams');
          case 'zoomWebhook': {
            if (!integration?.webhookSecret) return errorResponse('NOT_FOUND', 'Zoom webhooks are not configured');
            // Zoom's events are small: the webhook keeps its own 64 kB limit and answer, whatever the API's body limit.
            const body = await readText(request, WEBHOOK_MAX_BODY_BYTES).catch((error: unknown) => {
              if (error instanceof BodyError && error.status === 413) return null;
              throw error;
            });
            if (body === null) return json({ error: 'payload too large' }, 413);
            return await handleZoomWebhook({ headers: request.headers, body }, store, { secret: integration.webhookSecret, now });
          }
        }
      }
      if (rest.startsWith('/sync/')) {
        routeName = 'sync';
        return await handleSync(incoming.request(), rest, addressOf(incoming));
      }

      const match = matchRoute(compiled, method, rest);
      if (!match) return errorResponse('NOT_FOUND', `No route ${method} ${rest}`);
      routeName = match.name;
      // Broken percent-encoding names no resource: refused before anything is asked (R26).
      if (match.malformed) return errorResponse('NOT_FOUND', `Unknown ${match.malformed}: the path is not valid percent-encoding`);
      // R28: the host's server asks for a client's e-mail with the sync secret, not as a user.
      if (match.name === 'renderBookingEmail' && incoming.header(SYNC_SECRET_HEADER) !== null) {
        return await handleHostEmail(incoming.request(), match.params, addressOf(incoming));
      }
      const clientAddress = addressOf(incoming);
      const byAddress = clientAddress !== null ? limiter?.address(clientAddress) : null;
      if (byAddress) return rateLimited(byAddress);
      const request = incoming.request();
      const identity = await options.authenticate(request);
      if (!identity) return errorResponse('UNAUTHORIZED', 'Sign in first');
      const limited = hostLimit ? await hostLimit(request, identity, { clientAddress }) : (limiter?.user(identity.userId) ?? null);
      if (limited) return rateLimited(limited);

      const params: Record<string, string> = {};
      for (const [key, value] of Object.entries(match.params)) {
        if (!(pathParamSchemas[key] ?? idSchema).safeParse(value).success) return errorResponse('NOT_FOUND', `Unknown ${key}`);
        params[key] = value;
      }
      let input: unknown;
      if (match.route.body) {
        const parsed = match.route.body.safeParse(await readJson(request, maxBytes));
        if (!parsed.success) return errorResponse('VALIDATION', 'The request is not valid', { fields: fieldErrorsOf(parsed.error) });
        input = parsed.data;
      } else if (match.route.query) {
        const parsed = match.route.query.safeParse(Object.fromEntries(url.searchParams));
        if (!parsed.success) return errorResponse('VALIDATION', 'The query is not valid', { fields: fieldErrorsOf(parsed.error) });
        input = parsed.data;
      }
      const caller: Caller = { userId: identity.userId, origin: incoming.header('origin') ?? url.origin };
      if (match.name === 'startConnection' && !(allowedOrigins ?? [url.origin]).includes(caller.origin)) {
        return errorResponse('FORBIDDEN', 'Zoom can be connected only from the pages of an origin this server allows', {
          reason: 'ORIGIN_NOT_ALLOWED',
        });
      }
      const answer = await service.answer(
        match.name,
        caller,
        params as unknown as ServiceParams,
        input,
        method === 'GET' ? incoming.header('if-none-match') : null,
      );
      if (answer.notModified)
        return {
          status: 304,
          headers: { etag: answer.etag as string, 'cache-control': 'no-store', [NOSNIFF]: 'nosniff' },
          body: answer.body,
        };
      return { status: 200, headers: answer.etag ? { ...JSON_HEADERS, etag: answer.etag } : JSON_HEADERS, body: answer.body };
    } catch (error) {
      if (error instanceof ServiceError) return json(error.toBody(), API_ERROR_STATUS[error.code]);
      if (error instanceof BodyError) {
        return errorResponse('VALIDATION', error.message, error.fields ? { fields: error.fields } : {}, error.status);
      }
      // The database is away (R25): nothing was written; the client tries again after retryAfter.
      if (error instanceof StoreUnavailableError) {
        logUnavailable(error, method, routeName);
        return errorResponse('UNAVAILABLE', 'The server is briefly unavailable: try again in a moment', {
          retryAfter: error.retryAfter,
        });
      }
      // Anything else is ours: the client gets an id to quote, never a stack; the log gets the error.
      const requestId = randomToken(9);
      if (options.onError) options.onError(error, { requestId, method, path });
      else logFault(requestId, method, routeName, error);
      return errorResponse('SERVER', 'Something went wrong on our side', { requestId });
    }
  }

  /** Every answer says `nosniff`, whoever made it (R26). */
  async function dispatch(incoming: Incoming): Promise<Response | Outgoing> {
    const answer = await route(incoming);
    if (!(answer instanceof Response)) {
      answer.headers[NOSNIFF] ??= 'nosniff';
      return answer;
    }
    if (answer.headers.get(NOSNIFF) === 'nosniff') return answer;
    try {
      answer.headers.set(NOSNIFF, 'nosniff');
      return answer;
    } catch {
      // Immutable headers (a `Response.redirect`): the same answer with a copy of them.
      const headers = new Headers(answer.headers);
      headers.set(NOSNIFF, 'nosniff');
      return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers });
    }
  }

  const handle = async (request: Request): Promise<Response> => {
    const answer = await dispatch({
      method: request.method,
      url: new URL(request.url),
      header: (name) => request.headers.get(name),
      request: () => request,
    });
    if (answer instanceof Response) return answer;
    // A 304 has no body.
    return new Response(answer.status === 304 ? null : answer.body, { status: answer.status, headers: answer.headers });
  };
  return Object.assign(handle, { [DISPATCH]: dispatch });
}
