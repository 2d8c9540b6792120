import { parseTrustedProxies } from './http/client-address';
import { createHandler, DEFAULT_BASE_PATH, type HandlerOptions, type RequestHandler } from './http/handler';
import { lazyStore, type StoreSource, toLazyStore } from './http/lazy-store';
import { noticeConfigFromEnv, noticeSettleMsFromEnv } from './notices/config';
import type { DeliveryResult, DeliveryWorker } from './notices/delivery-worker';
import type { NoticeTransport, RenderNotice } from './notices/transports/transport';
import { sameSecret } from './oauth';
import type { ProviderGateway, ZoomGateway } from './providers/gateway';
import { type ProviderTokens, zoomTokensFor } from './providers/gateway-tokens';
import { googleConfiguredIn, readGoogleSettings } from './providers/google/config';
import { createGoogleIntegration } from './providers/google/connect';
import { type TeamsIntegration, teamsFromEnv } from './providers/microsoft/connect';
import { createZoomIntegration, type ZoomIntegration, zoomConfiguredIn, zoomFromEnv } from './providers/zoom/connect';
import { providerRuntimes } from './service';
import { type MeetingWorkerResult, runMeetingWorker } from './service/meeting-worker';
import { hasStoreNotices, type Store } from './store/types';
import { type MeetingWorker, startMeetingWorker } from './worker';

/** Where the meeting worker (R22) runs. */
export type WorkerMode = 'in-process' | 'cron' | 'off';

export type Env = Record<string, string | undefined>;

export interface SessionLinksServerOptions {
  /** How your app recognises a request's user (R24); `null` answers 401. */
  authenticate: HandlerOptions['authenticate'];
  /** Where the configuration is read from. Default `process.env`. See the README's table. */
  env?: Env;
  /**
   * Default: `openStore()` from `@session-links/server/sql` on the first request:
   * `DATABASE_URL` when set, else PGlite in `SESSION_LINKS_DATA_DIR` (default
   * `./.session-links-data`). Nothing is opened at import, so `next build` needs no database.
   */
  store?: StoreSource;
  /** Where the API is mounted. Default `/api/session-links`. */
  basePath?: string;
  /**
   * Zoom. Default: real Zoom from `ZOOM_*` and `SESSION_LINKS_TOKEN_KEY` when any is set
   * (`zoomFromEnv`; a missing or malformed variable throws `ZoomConfigError`, naming it);
   * with none set Zoom is not configured. A fake is only ever used when passed here by name.
   */
  zoom?: ZoomGateway | ZoomIntegration;
  /** The other connected providers (R31), as `createHandler`'s `providers`: gateways, alone or with their tokens. */
  providers?: HandlerOptions['providers'];
  /**
   * Google Meet. Default: real Google from `GOOGLE_*` and `SESSION_LINKS_TOKEN_KEY` when any
   * `GOOGLE_CLIENT_ID`, `GOOGLE_CLIENT_SECRET` or `GOOGLE_REDIRECT_URI` is set
   * (`readGoogleSettings`; a missing or malformed variable throws `GoogleConfigError`); with
   * none set Google Meet is not configured. `null`: not configured, whatever the environment.
   */
  google?: ProviderGateway | { gateway: ProviderGateway; tokens: ProviderTokens } | null;
  /**
   * Microsoft Teams. Default: from `MICROSOFT_*` and `SESSION_LINKS_TOKEN_KEY` when
   * `MICROSOFT_CLIENT_ID`, `MICROSOFT_CLIENT_SECRET` or `MICROSOFT_REDIRECT_URI` is set (a missing
   * or malformed variable throws `MicrosoftConfigError`, naming it); else Teams is not offered.
   * `null`: never, whatever the environment.
   */
  teams?: TeamsIntegration | null;
  /**
   * Where the meeting worker runs. Default `SESSION_LINKS_WORKER`, else `cron` on a
   * serverless platform (Vercel, AWS Lambda, Netlify: no process lives between requests),
   * else `in-process` (started with the store, on the first request). With `cron`, schedule
   * `cron` (a route handler) or call `runWorker()` every minute.
   */
  worker?: WorkerMode;
  /** Pause between in-process worker runs. Default 15 s. */
  workerIntervalMs?: number;
  /**
   * Off by default: the API is for pages on its own origin, and no CORS header is sent.
   * Widgets on other origins: name each (`https://app.example`); never `*`. `credentials`:
   * let those pages send their cookies (`fetch(…, { credentials: 'include' })`).
   */
  cors?: { origins: string[]; credentials?: boolean };
  /**
   * Telling clients (R29): how the delivery worker sends notices. Default from the environment:
   * `SESSION_LINKS_SMTP_URL` + `SESSION_LINKS_MAIL_FROM` (e-mail), or
   * `SESSION_LINKS_NOTICE_WEBHOOK_URL` + `SESSION_LINKS_NOTICE_WEBHOOK_SECRET` (a signed POST);
   * a wrong combination throws `NoticeConfigError` here. Neither (or `transport: null`): the
   * host pulls notices through the sync API. The delivery runs where the meeting worker does
   * (`worker`): in the process, or in each `cron` pass. `render`: default the site's templates.
   */
  notices?: {
    transport?: NoticeTransport | null;
    render?: RenderNotice;
    intervalMs?: number;
    /** How long a new notice waits before its first attempt (R29's settling). Default `SESSION_LINKS_NOTICE_SETTLE_SECONDS`, else two minutes. */
    settleMs?: number;
  };
  /** The rest of `createHandler`'s options (limits, `onError`, `rateLimit`, `readCache`…). */
  handler?: Omit<HandlerOptions, 'store' | 'authenticate' | 'zoom' | 'zoomConfig' | 'basePath' | 'sync' | 'allowedOrigins'>;
}

export interface WorkerPassOptions {
  /** Worker runs (one batch each) at most. Default 20. */
  maxRuns?: number;
  /** Stop starting runs after this long. Default 20 s (a serverless function's time limit is often 30–60 s). */
  budgetMs?: number;
}

export interface SessionLinksServer {
  /** The `(Request) => Promise<Response>` handler: `export const GET = handler, POST = …` in Next.js. */
  handler: RequestHandler;
  /** Where the meeting worker runs, as decided from the options and the environment. */
  worker: WorkerMode;
  /**
   * One bounded worker pass: runs until nothing is due, `maxRuns` runs or `budgetMs`.
   * What a scheduled (cron) route calls where no process lives between requests.
   */
  runWorker(options?: WorkerPassOptions): Promise<MeetingWorkerResult>;
  /**
   * One bounded delivery pass (R29): sends due notices through the configured transport until
   * none is due, `maxRuns` batches or `budgetMs`. Without a transport it sends nothing (the host pulls).
   */
  runDelivery(options?: WorkerPassOptions): Promise<DeliveryResult>;
  /**
   * A route handler for a scheduler (Vercel Cron, a cron job with curl): with
   * `Authorization: Bearer <SESSION_LINKS_CRON_SECRET or CRON_SECRET>` it runs one worker pass
   * and one delivery pass and answers their counts (the notices' under `notices`); without the right secret 401; without a configured secret 404.
   */
  cron: RequestHandler;
  /** The store (opening it when it is not open yet). */
  store(): Promise<Store>;
  /** Stops the in-process worker and closes the store. */
  close(): Promise<void>;
}

type SqlModule = typeof import('./store/sql');
type NoticesModule = typeof import('./notices');

/**
 * The SQL store's module, loaded on first use and by Node itself: a bundler (webpack in
 * `next build`) neither evaluates the drivers at build nor bundles them. Bundled, PGlite
 * loses its WASM and data files (every call answered 500 until the host listed it in
 * `serverExternalPackages`) and the migrations folder moves away from the module. The
 * package imports itself by name, so Node resolves it from `node_modules` as installed;
 * where that fails (an unusual bundling), the bundled copy is the fallback.
 */
async function loadSql(): Promise<SqlModule> {
  try {
    return (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ SQL_ENTRY)) as SqlModule;
  } catch {
    return await import('./store/sql');
  }
}
const SQL_ENTRY = '@session-links/server/sql';

/** The notices' module (nodemailer), loaded like the SQL store's: by Node, on first use only. */
async function loadNotices(): Promise<NoticesModule> {
  try {
    return (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ NOTICES_ENTRY)) as NoticesModule;
  } catch {
    return await import('./notices');
  }
}
const NOTICES_ENTRY = '@session-links/server/notices';

/**
 * CORS for the origins named, and for them only: a preflight from one of them answers 204
 * with what the widgets send; every answer to one of them names it (and `Vary: Origin`).
 * Any other origin gets no CORS header, so its page cannot read an answer.
 */
export function withCors(handler: RequestHandler, cors: { origins: string[]; credentials?: boolean }): RequestHandler {
  const allowed = new Set(
    cors.origins.map((o) => {
      if (o === '*' || o === 'null') throw new Error(`cors.origins must name origins; ${o} is refused`);
      return new URL(o).origin;
    }),
  );
  const headersFor = (origin: string): Record<string, string> => ({
    'access-control-allow-origin': origin,
    ...(cors.credentials ? { 'access-control-allow-credentials': 'true' } : {}),
    vary: 'Origin',
  });
  return async (request) => {
    const origin = request.headers.get('origin');
    const ok = origin !== null && allowed.has(origin);
    if (request.method === 'OPTIONS') {
      if (!ok) return new Response(null, { status: 403, headers: { vary: 'Origin' } });
      return new Response(null, {
        status: 204,
        headers: {
          ...headersFor(origin),
          'access-control-allow-methods': 'GET, POST, PUT',
          'access-control-allow-headers': 'authorization, content-type, if-none-match',
          'access-control-max-age': '600',
        },
      });
    }
    const response = await handler(request);
    if (!ok) return response;
    const headers = new Headers(response.headers);
    for (const [k, v] of Object.entries(headersFor(origin))) headers.set(k, v);
    headers.set('access-control-expose-headers', 'etag, retry-after');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** The environment of a platform where no process lives between requests. */
export function isServerless(env: Env): boolean {
  return Boolean(env.VERCEL || env.AWS_LAMBDA_FUNCTION_NAME || env.NETLIFY || env.FUNCTIONS_WORKER_RUNTIME);
}

/** `SESSION_LINKS_ALLOWED_ORIGINS`: origins separated by commas or spaces. */
export function allowedOriginsFromEnv(env: Env): string[] | undefined {
  const list = (env.SESSION_LINKS_ALLOWED_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean);
  return list.length > 0 ? list : undefined;
}

/**
 * `SESSION_LINKS_TRUSTED_PROXIES`: the host's reverse proxies, comma-separated addresses and
 * CIDR ranges (`createHandler`'s `trustedProxies`). Throws `TrustedProxiesError` naming a bad entry.
 */
export function trustedProxiesFromEnv(env: Env): string[] | undefined {
  const list = (env.SESSION_LINKS_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (list.length === 0) return undefined;
  parseTrustedProxies(list, 'SESSION_LINKS_TRUSTED_PROXIES');
  return list;
}

function workerModeOf(options: SessionLinksServerOptions, env: Env): WorkerMode {
  const named = options.worker ?? env.SESSION_LINKS_WORKER;
  if (named === undefined || named === '') return isServerless(env) ? 'cron' : 'in-process';
  if (named === 'in-process' || named === 'cron' || named === 'off') return named;
  throw new Error(`SESSION_LINKS_WORKER must be in-process, cron or off; got ${named}`);
}

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

/**
 * The server as a host runs it in production, in one call: the handler over a store opened
 * on the first request, Zoom from the environment, the allowed origins, the sync secret,
 * and the meeting worker (in the process, or one pass per scheduled call). Safe to call at
 * module scope: it opens nothing, connects nowhere and starts no timer until a request comes.
 *
 * ```ts
 * // lib/session-links.ts
 * export const sessionLinks = createSessionLinksServer({ authenticate });
 * // app/api/session-links/[...path]/route.ts
 * export const { GET, POST, PUT, DELETE } = { GET: sessionLinks.handler, … };
 * ```
 */
export function createSessionLinksServer(options: SessionLinksServerOptions): SessionLinksServer {
  const env = options.env ?? (typeof process === 'undefined' ? {} : process.env);
  const basePath = options.basePath ?? DEFAULT_BASE_PATH;
  const zoom: ZoomGateway | ZoomIntegration | undefined =
    options.zoom ?? (zoomConfiguredIn(env) ? createZoomIntegration(zoomFromEnv(env), { basePath }) : undefined);
  const google =
    options.google === undefined
      ? googleConfiguredIn(env)
        ? createGoogleIntegration(readGoogleSettings(env), { basePath })
        : undefined
      : (options.google ?? undefined);
  const teams = options.teams === undefined ? teamsFromEnv(env, basePath) : options.teams;
  // The connected providers besides Zoom (R31): those given, Google Meet and Microsoft Teams.
  const providers = [
    ...(options.providers ?? options.handler?.providers ?? []),
    ...(google ? [google] : []),
    ...(teams ? [{ gateway: teams.gateway, tokens: teams.tokens }] : []),
  ];
  const mode = workerModeOf(options, env);
  const now = options.handler?.now ?? (() => new Date());
  const gateway = zoom && 'gateway' in zoom ? zoom.gateway : zoom;
  const tokens = zoom && 'gateway' in zoom ? zoom.tokens : gateway ? zoomTokensFor(gateway) : undefined;
  /** Every configured provider, for the worker (R31). */
  const runtimes = providerRuntimes({ zoom: gateway ?? null, ...(tokens ? { tokens } : {}), providers });
  const anyProvider = Object.keys(runtimes).length > 0;

  // Checked now, so a wrong configuration fails at start-up, not on the first request.
  const noticeConfig = options.notices && 'transport' in options.notices ? null : noticeConfigFromEnv(env);
  let noticeTransport: Promise<NoticeTransport | null> | null = null;
  const transportOfNotices = (): Promise<NoticeTransport | null> => {
    noticeTransport ??=
      options.notices && 'transport' in options.notices
        ? Promise.resolve(options.notices.transport ?? null)
        : noticeConfig
          ? loadNotices().then((m) => m.noticeTransportOf(noticeConfig))
          : Promise.resolve(null);
    return noticeTransport;
  };
  const hasNoticeTransport = Boolean(noticeConfig ?? options.notices?.transport);
  // R29: a new notice settles before its first attempt (changes close together: one message).
  const settleMs = options.notices?.settleMs ?? noticeSettleMsFromEnv(env);

  let worker: MeetingWorker | null = null;
  let delivery: DeliveryWorker | null = null;
  let closing = false;
  const source: StoreSource =
    options.store ??
    (async () => {
      const { openStore } = await loadSql();
      // From `env` only ('' is "none"): openStore would otherwise fall back to process.env.DATABASE_URL.
      return openStore({ databaseUrl: env.DATABASE_URL ?? '', dataDir: env.SESSION_LINKS_DATA_DIR || undefined });
    });
  const given = toLazyStore(source);
  const store = lazyStore(async () => {
    const opened = await given.open();
    // The in-process worker lives with the store: it starts once the store is open, never at import.
    if (mode === 'in-process' && anyProvider && !closing) {
      worker = startMeetingWorker({
        store: opened,
        ...(zoom ? { gateway: zoom } : {}),
        providers,
        intervalMs: options.workerIntervalMs,
        now,
      });
    }
    if (mode === 'in-process' && hasNoticeTransport && hasStoreNotices(opened) && !closing) {
      const [m, transport] = await Promise.all([loadNotices(), transportOfNotices()]);
      if (transport && !closing)
        delivery = m.startDeliveryWorker({
          outbox: opened.notices.outbox,
          transport,
          render: options.notices?.render ?? m.storeNoticeRenderer(opened, { now }),
          intervalMs: options.notices?.intervalMs,
          settleMs,
          now,
        });
    }
    return opened;
  });

  const api = createHandler({
    ...options.handler,
    store: () => store.open(),
    authenticate: options.authenticate,
    basePath,
    zoom,
    providers,
    allowedOrigins: allowedOriginsFromEnv(env),
    sync: env.SESSION_LINKS_SYNC_SECRET ? { secret: env.SESSION_LINKS_SYNC_SECRET } : undefined,
    trustedProxies: options.handler?.trustedProxies ?? trustedProxiesFromEnv(env),
  });
  const handler = options.cors ? withCors(api, options.cors) : api;

  async function runWorker(pass: WorkerPassOptions = {}): Promise<MeetingWorkerResult> {
    const total: MeetingWorkerResult = { created: 0, updated: 0, deleted: 0, adopted: 0, failed: 0 };
    if (!anyProvider) return total; // No provider is configured: no meeting is ever due.
    const opened = await store.open();
    const limit = 50;
    const until = Date.now() + (pass.budgetMs ?? 20_000);
    for (let run = 0; run < (pass.maxRuns ?? 20) && Date.now() < until; run++) {
      const r = await runMeetingWorker(opened, runtimes, now(), { limit });
      total.created += r.created;
      total.updated += r.updated;
      total.deleted += r.deleted;
      total.adopted = (total.adopted ?? 0) + (r.adopted ?? 0);
      total.failed += r.failed;
      if (r.created + r.updated + r.deleted + (r.adopted ?? 0) + r.failed < limit) break; // nothing more is due now
    }
    return total;
  }

  async function runDelivery(pass: WorkerPassOptions = {}): Promise<DeliveryResult> {
    const total: DeliveryResult = { claimed: 0, sent: 0, failed: 0, dead: 0, lost: 0 };
    if (!hasNoticeTransport) return total;
    const opened = await store.open();
    const transport = await transportOfNotices();
    if (!transport || !hasStoreNotices(opened)) return total;
    const m = await loadNotices();
    const render = options.notices?.render ?? m.storeNoticeRenderer(opened, { now });
    const batchSize = 50;
    const until = Date.now() + (pass.budgetMs ?? 20_000);
    for (let run = 0; run < (pass.maxRuns ?? 20) && Date.now() < until; run++) {
      const r = await m.runDelivery({ outbox: opened.notices.outbox, transport, render, batchSize, settleMs, now });
      for (const key of Object.keys(total) as (keyof DeliveryResult)[]) total[key] += r[key];
      if (r.claimed < batchSize) break; // nothing more is due now
    }
    return total;
  }

  const cron: RequestHandler = async (request) => {
    const secret = env.SESSION_LINKS_CRON_SECRET || env.CRON_SECRET;
    if (!secret)
      return json({ error: { code: 'NOT_FOUND', message: 'Set SESSION_LINKS_CRON_SECRET to run the worker from a scheduler' } }, 404);
    const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
    if (!sameSecret(given, secret)) return json({ error: { code: 'UNAUTHORIZED', message: 'The cron secret is missing or wrong' } }, 401);
    try {
      const meetings = await runWorker();
      return json({ ok: true, ...meetings, notices: await runDelivery() }, 200);
    } catch (error) {
      console.error('[session-links] worker pass failed:', error instanceof Error ? error.message : error);
      return json({ error: { code: 'UNAVAILABLE', message: 'The worker pass failed: the next one tries again', retryAfter: 60 } }, 503);
    }
  };

  return {
    handler,
    worker: mode,
    runWorker,
    runDelivery,
    cron,
    store: () => store.open(),
    async close() {
      closing = true;
      await (worker as MeetingWorker | null)?.stop();
      await (delivery as DeliveryWorker | null)?.stop(); // closes the transport
      if (!delivery && noticeTransport) await (await noticeTransport.catch(() => null))?.close?.();
      await store.close(); // waits for an open in flight, which then starts no worker
    },
  };
}
