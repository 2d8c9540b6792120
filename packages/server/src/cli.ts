#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { allowedOriginsFromEnv, trustedProxiesFromEnv } from './host';
import { TrustedProxiesError } from './http/client-address';
import { createHandler, DEFAULT_BASE_PATH, type Identity, type RequestHandler } from './http/handler';
import { toNodeListener } from './http/node';
import {
  type DeliveryWorker,
  noticeSettleMsFromEnv,
  noticeTransportFromEnv,
  SqlOutbox,
  startDeliveryWorker,
  storeNoticeRenderer,
} from './notices';
import { createFakeZoomGateway } from './providers/fakes/gateway';
import type { ZoomGateway } from './providers/gateway';
import {
  createGoogleIntegration,
  GoogleConfigError,
  type GoogleIntegration,
  googleConfiguredIn,
  readGoogleSettings,
} from './providers/google';
import {
  createTeamsIntegration,
  MicrosoftConfigError,
  microsoftConfiguredIn,
  microsoftFromEnv,
  TEAMS_CALLBACK_PATH,
  type TeamsIntegration,
} from './providers/microsoft/connect';
import { generateTokenKey } from './providers/tokens';
import { createZoomIntegration, ZoomConfigError, type ZoomIntegration, zoomConfiguredIn, zoomFromEnv } from './providers/zoom/connect';
import { SCENARIOS, type ScenarioName, scenario } from './scenarios';
import { fakeZoomSeedConnector, scenarioZoomAccounts, seedScenario } from './seed';
import {
  copyStore,
  DataFolderError,
  DEFAULT_SCHEMA,
  openPgliteStore,
  openPostgresStore,
  openStore,
  type SqlStore,
  seedIfEmpty,
  TargetNotEmptyError,
} from './store/sql';
import { startMeetingWorker } from './worker';

const USAGE = `usage: session-links-server [worker] [--port N] [--host H] [--data DIR] [--seed SCENARIO] [--dev-auth] [--fakes]
       session-links-server migrate-to DATABASE_URL [--data DIR] [--force]

  (no command)      the API and the meeting worker in one process: the only way on an embedded (PGlite)
                    data folder, which one process owns (a second one refuses to start)
  worker            run only the meeting worker (no HTTP), for hosts that separate them on PostgreSQL
                    (beside a server on the same PGlite folder it refuses to start)
  migrate-to URL    copy everything in the PGlite data folder (--data) into the PostgreSQL database URL,
                    in one transaction, then start with DATABASE_URL=URL. The target must hold no
                    session-links data (--force replaces it); the data folder is left as it was.
                    Stop the server first (it owns the folder). Keep SESSION_LINKS_TOKEN_KEY: the
                    Zoom tokens are copied sealed.

  --port N          port to listen on (default 8787; 0: any free port)
  --host H          address to listen on (default 127.0.0.1)
  --data DIR        PGlite data folder (default ./.session-links-data); ignored when DATABASE_URL is set
  --force           migrate-to: replace the session-links data a target database already holds
  --seed SCENARIO   fill an empty database with a demo scenario: ${SCENARIOS.join(', ')}
  --dev-auth        accept "Authorization: Bearer dev:<userId>" (only with NODE_ENV=development or test)
  --fakes           start the built-in fake of every connected provider on loopback (Zoom, Google Meet,
                    Microsoft Teams) and connect to them through the real OAuth flow (demo, example app).
                    Without it: real Zoom when ZOOM_* is set, real Google Meet when GOOGLE_* is set, real Teams
                    when MICROSOFT_* is set; else that provider is not configured, except Zoom with --dev-auth
                    (development), which uses an in-process fake.
  --zoom fake       the same as --fakes (its name before Google Meet and Teams)
  --zoom in-process the in-process fake Zoom (no network), by name: development and tests only (NODE_ENV
                    development or test), e.g. for a separate worker beside a --dev-auth server

environment:
  DATABASE_URL                 PostgreSQL instead of PGlite (postgres://user:pass@host:5432/db)
  SESSION_LINKS_DB_SCHEMA      the PostgreSQL schema of the tables (default session_links; PGlite too)
  SESSION_LINKS_SYNC_SECRET    enables the host sync API under /api/session-links/sync/… with this secret
                               (README.md#the-host-sync-api in this package)
  SESSION_LINKS_RATE_LIMIT     off: no rate limiting (load tests only; the default limits per address and user)
  SESSION_LINKS_ALLOWED_ORIGINS  origins whose pages may connect Zoom (comma-separated; default: the server's own)
  SESSION_LINKS_TRUSTED_PROXIES  your reverse proxies (comma-separated addresses and CIDR ranges, e.g. 127.0.0.1,::1,10.0.0.0/8):
                               a request from one of them is rate-limited by the client its X-Forwarded-For names (the
                               right-most hop that is not a proxy); without it the socket's address, the header never read
                               (README.md#rate-limits in this package)
  ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET, ZOOM_REDIRECT_URI, ZOOM_WEBHOOK_SECRET_TOKEN, SESSION_LINKS_TOKEN_KEY
                               real Zoom (see README.md#zoom in this package); ZOOM_OAUTH_BASE and ZOOM_API_BASE point elsewhere
  GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, GOOGLE_REDIRECT_URI (and SESSION_LINKS_TOKEN_KEY)
                               real Google Meet (see README.md#google-meet in this package); GOOGLE_OAUTH_BASE and
                               GOOGLE_API_BASE point elsewhere
  MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET, MICROSOFT_REDIRECT_URI, SESSION_LINKS_TOKEN_KEY
                               real Microsoft Teams (see README.md#microsoft-teams in this package); MICROSOFT_TENANT
                               (default common), MICROSOFT_OAUTH_BASE and MICROSOFT_GRAPH_BASE (other clouds)
  ZOOM_API_REQUESTS_PER_SECOND calls a second the meeting worker sends to one Zoom account (default 2, what a free
                               Zoom account allows for creating meetings; Pro allows 20)
  GOOGLE_API_REQUESTS_PER_SECOND, MICROSOFT_API_REQUESTS_PER_SECOND
                               the same for one Google account (default 10: Calendar allows 600 a minute per user)
                               and one Microsoft account (default 4: Graph documents no per-second limit for meetings)
  SESSION_LINKS_SMTP_URL, SESSION_LINKS_MAIL_FROM
                               tell clients by e-mail: the delivery worker (start and worker) sends each notice,
                               rendered from the site's "booking changed" / "course changed" template with a calendar
                               update, through this SMTP server (smtp://user:pass@host:587) from this sender
                               (README.md#telling-clients-notices)
  SESSION_LINKS_NOTICE_WEBHOOK_URL, SESSION_LINKS_NOTICE_WEBHOOK_SECRET
                               or POST each notice to the host, signed with the secret (README.md#the-notice-webhook);
                               neither: notices stay queued for the host to pull with the sync secret
                               (POST /sync/notices/claim, README.md#pulling-notices-no-smtp-no-webhook)
  SESSION_LINKS_NOTICE_SETTLE_SECONDS
                               how long a new notice waits before it is sent, so changes close together for one
                               booking go out as one message (default 120; 0: at once)
`;

function fail(message: string): never {
  console.error(`session-links-server: ${message}`);
  process.exit(1);
}

type ParsedArgs = ReturnType<typeof parse>['values'];
let args: ParsedArgs;
function parse() {
  return parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: './.session-links-data' },
      seed: { type: 'string' },
      'dev-auth': { type: 'boolean', default: false },
      zoom: { type: 'string' },
      fakes: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
}
let positionals: string[] = [];
try {
  const parsed = parse();
  args = parsed.values;
  positionals = parsed.positionals;
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`);
}
const migrateTo = positionals[0] === 'migrate-to';
if (migrateTo ? positionals.length !== 2 : positionals.length > 1 || (positionals[0] !== undefined && positionals[0] !== 'worker')) {
  fail(migrateTo ? `migrate-to takes one DATABASE_URL\n\n${USAGE}` : `unknown command ${positionals.join(' ')}\n\n${USAGE}`);
}
const workerOnly = positionals[0] === 'worker';
// --fakes: every provider's loopback fake; `--zoom fake` is its older name (R31).
if (args.fakes) {
  if (args.zoom !== undefined && args.zoom !== 'fake') fail(`--fakes starts the fake Zoom: it cannot go with --zoom ${args.zoom}`);
  args.zoom = 'fake';
}
if (args.zoom !== undefined && args.zoom !== 'fake' && args.zoom !== 'in-process')
  fail(`--zoom takes fake or in-process; got ${args.zoom}`);
// R27: a fake only by name, and the in-process one only where NODE_ENV says development or test.
if (args.zoom === 'in-process' && !['development', 'test'].includes(process.env.NODE_ENV ?? ''))
  fail('--zoom in-process is a fake Zoom: it runs only when NODE_ENV is development or test');
if (args.zoom === 'fake' && workerOnly) fail('--fakes starts its own fakes: run it with the server, not with worker');
// Real Zoom: every variable present and well-formed, or the server does not start.
let realZoom: ReturnType<typeof zoomFromEnv> | null = null;
if (args.zoom === undefined && zoomConfiguredIn(process.env)) {
  try {
    realZoom = zoomFromEnv(process.env);
  } catch (error) {
    if (error instanceof ZoomConfigError) fail(`Zoom configuration: ${error.message}`);
    throw error;
  }
}
// Real Teams: the same rule (R31).
let realTeams: ReturnType<typeof microsoftFromEnv> | null = null;
if (args.zoom !== 'fake' && microsoftConfiguredIn(process.env)) {
  try {
    realTeams = microsoftFromEnv(process.env);
  } catch (error) {
    if (error instanceof MicrosoftConfigError) fail(`Microsoft Teams configuration: ${error.message}`);
    throw error;
  }
}
// Real Google Meet: the same rule (R27), unless --fakes asks for the fake one.
let realGoogle: ReturnType<typeof readGoogleSettings> | null = null;
if (args.zoom !== 'fake' && googleConfiguredIn(process.env)) {
  try {
    realGoogle = readGoogleSettings(process.env);
  } catch (error) {
    if (error instanceof GoogleConfigError) fail(`Google configuration: ${error.message}`);
    throw error;
  }
}
// Behind a reverse proxy: whose X-Forwarded-For names the client (R26). A bad entry stops here.
let trustedProxies: string[] | undefined;
try {
  trustedProxies = trustedProxiesFromEnv(process.env);
} catch (error) {
  if (error instanceof TrustedProxiesError) fail(error.message);
  throw error;
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got ${args.port}`);
if (args.seed !== undefined && !(SCENARIOS as readonly string[]).includes(args.seed)) {
  fail(`unknown scenario ${args.seed}; one of: ${SCENARIOS.join(', ')}`);
}
// R27: development identity only where NODE_ENV says development or test, exactly — never by omission.
const DEV_AUTH_ENVS = ['development', 'test'];
if (args['dev-auth'] && !DEV_AUTH_ENVS.includes(process.env.NODE_ENV ?? '')) {
  fail(
    `--dev-auth lets anyone sign in as anyone: --dev-auth runs only when NODE_ENV is development or test (NODE_ENV is ${process.env.NODE_ENV === undefined ? 'not set' : JSON.stringify(process.env.NODE_ENV)})`,
  );
}
if (args['dev-auth']) console.error('session-links-server: warning: --dev-auth is on: anyone can sign in as anyone (development only)');
// R27: without ZOOM_* and --zoom fake, Zoom is not configured (Connect answers NOT_CONFIGURED, no worker);
// only a --dev-auth development run gets the in-process fake, and says so.
const inProcessFake = args.zoom === 'in-process' || (!realZoom && args.zoom === undefined && args['dev-auth'] && !workerOnly);
const zoomConfigured = realZoom !== null || args.zoom === 'fake' || inProcessFake;
let noticeTransport: ReturnType<typeof noticeTransportFromEnv> = null;
let noticeSettleMs = 0;
try {
  noticeTransport = noticeTransportFromEnv(process.env);
  noticeSettleMs = noticeSettleMsFromEnv(process.env);
} catch (error) {
  fail((error as Error).message);
}
if (workerOnly && !zoomConfigured && !realTeams && !realGoogle && !noticeTransport)
  fail(
    'worker: no provider is configured (set ZOOM_*, GOOGLE_* or MICROSOFT_*, see --help), nor a notice transport (SESSION_LINKS_SMTP_URL, …): the worker has nothing to do',
  );
if (!zoomConfigured && args.seed !== undefined) {
  const accounts = scenarioZoomAccounts(scenario(args.seed as ScenarioName));
  if (accounts.length > 0)
    fail(
      `--seed ${args.seed} has Zoom accounts (${accounts.map((a) => a.email).join(', ')}), and Zoom is not configured: ` +
        'set ZOOM_*, or use --zoom fake (or --dev-auth in development) for a demo, or seed a scenario without Zoom accounts',
    );
}
if (realZoom && args.seed !== undefined) {
  // A seeded Zoom account would need tokens real Zoom never issued: never send fake ones there.
  const accounts = scenarioZoomAccounts(scenario(args.seed as ScenarioName));
  if (accounts.length > 0) {
    fail(
      `--seed ${args.seed} has Zoom accounts (${accounts.map((a) => a.email).join(', ')}), which cannot be seeded for real Zoom (ZOOM_* is set): ` +
        'seed a scenario without Zoom accounts (e.g. no-default, custom-default) and connect Zoom from the widget, or use --zoom fake for a demo',
    );
  }
}

/** `Authorization: Bearer dev:<userId>` → that user. Development only. */
async function devAuthenticate(request: Request): Promise<Identity | null> {
  const match = /^Bearer dev:([\w.@-]{1,128})$/.exec(request.headers.get('authorization') ?? '');
  return match?.[1] ? { userId: match[1] } : null;
}

/** A provider's `*_API_REQUESTS_PER_SECOND`: unset (the provider's default) or a number of at least 1. */
const requestsPerSecond = (name: string): number | undefined => {
  const raw = process.env[name];
  const rate = raw === undefined || raw === '' ? undefined : Number(raw);
  if (rate !== undefined && !(rate >= 1)) fail(`${name} must be a number of at least 1, got ${raw}`);
  return rate;
};
const zoomRequestsPerSecond = requestsPerSecond('ZOOM_API_REQUESTS_PER_SECOND');
const googleRequestsPerSecond = requestsPerSecond('GOOGLE_API_REQUESTS_PER_SECOND');
const microsoftRequestsPerSecond = requestsPerSecond('MICROSOFT_API_REQUESTS_PER_SECOND');

let closeServer: () => Promise<void> = async () => undefined;
/** One line per worker run that did something. */
const logRun = (r: { created: number; updated: number; deleted: number; failed: number }) => {
  if (r.created + r.updated + r.deleted + r.failed > 0)
    console.log(`meeting worker: created ${r.created}, updated ${r.updated}, deleted ${r.deleted}, failed ${r.failed}`);
};
if (migrateTo) {
  await runMigrateTo(positionals[1] as string);
  process.exit(0);
}

/** `migrate-to URL`: the embedded data folder copied into PostgreSQL, counts per table printed. */
async function runMigrateTo(url: string): Promise<void> {
  if (!/^postgres(ql)?:\/\//.test(url))
    fail(`migrate-to takes a PostgreSQL URL (postgres://user:pass@host:5432/db), got ${url.split(':')[0]}:…`);
  if (!existsSync(path.join(args.data, 'PG_VERSION')))
    fail(`no embedded data in ${args.data} (no PGlite data folder there): nothing to copy`);
  const schema = process.env.SESSION_LINKS_DB_SCHEMA || DEFAULT_SCHEMA;
  const source = await openPgliteStore({ dataDir: args.data, schema }).catch((error: unknown) => {
    if (error instanceof DataFolderError) fail(error.message);
    throw error;
  });
  let target: SqlStore;
  try {
    target = await openPostgresStore({ connectionString: url, schema, max: 2 });
  } catch (error) {
    await source.close();
    fail(`cannot open the target database: ${`${(error as Error).message}`.split('\n')[0]}`);
  }
  try {
    const counts = await copyStore(source, target, { force: args.force });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`copied ${total} rows from PGlite in ${args.data} to PostgreSQL (schema ${schema}), in one transaction:`);
    for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(22)} ${n}`);
    console.log(`${args.data} is unchanged. Next: start with DATABASE_URL set to that database and the same SESSION_LINKS_TOKEN_KEY.`);
  } catch (error) {
    if (error instanceof TargetNotEmptyError) fail(error.message);
    throw error;
  } finally {
    await source.close();
    await target.close();
  }
}

const store = await openStore({ dataDir: args.data }).catch((error: unknown) => {
  // One line a host can act on (folder in use, not writable), never a stack of minified source.
  if (error instanceof DataFolderError) fail(error.message);
  throw error;
});
const inProcess = inProcessFake ? createFakeZoomGateway() : null;
const where = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${args.data}`;

// --zoom fake: the fake Zoom starts first, so the seed can connect its Zoom accounts there.
const fakeZoom = args.zoom === 'fake' ? await (await import('./providers/fakes/zoom-server')).startFakeZoom() : null;
const fakeGoogle = args.zoom === 'fake' ? await (await import('./providers/fakes/google-server')).startFakeGoogle() : null;
const fakeTokenKey = process.env.SESSION_LINKS_TOKEN_KEY ?? generateTokenKey();

if (args.seed) {
  // Seeded Zoom accounts: connected at the loopback fake (real tokens it issued, sealed with the server's key),
  // or the in-process fake's. Real Zoom never gets here with any (refused above).
  const seedZoom = fakeZoom ? { connectZoom: fakeZoomSeedConnector(fakeZoom, fakeTokenKey) } : inProcess ? { zoom: inProcess } : {};
  // Only the first of several instances starting at once seeds; the others find it seeded.
  if (await seedIfEmpty(store, seedScenario(args.seed as ScenarioName, seedZoom))) {
    console.log(`seeded scenario ${args.seed} into ${where}`);
    if (fakeZoom) {
      const seeded = scenarioZoomAccounts(scenario(args.seed as ScenarioName)).filter((a) => a.health === 'connected');
      if (seeded.length > 0)
        console.log(`--zoom fake: seeded Zoom accounts connected at the fake Zoom: ${seeded.map((a) => a.email).join(', ')}`);
    }
  } else {
    console.log(`the database already holds data: --seed ${args.seed} skipped`);
  }
}

/** Zoom as configured: real (ZOOM_*), the loopback fake (--zoom fake, needs the server's own address), or in process. */
let zoom: ZoomGateway | ZoomIntegration | undefined = realZoom
  ? createZoomIntegration(realZoom, { basePath: DEFAULT_BASE_PATH })
  : (inProcess ?? undefined);
let stopFakeZoom: (() => Promise<void>) | null = null;
/** Google Meet as configured: real (GOOGLE_*) or the loopback fake (--fakes, needs the server's own address). */
let google: GoogleIntegration | undefined = realGoogle ? createGoogleIntegration(realGoogle, { basePath: DEFAULT_BASE_PATH }) : undefined;
/** Teams as configured: real (MICROSOFT_*), or the loopback fake (--fakes, needs the server's own address). */
let teams: TeamsIntegration | null = realTeams ? createTeamsIntegration(realTeams, { basePath: DEFAULT_BASE_PATH }) : null;
const otherProviders = () => [...(google ? [google] : []), ...(teams ? [{ gateway: teams.gateway, tokens: teams.tokens }] : [])];
/** The meeting worker (R22) over every configured provider, or none when there is none. */
const startProviderWorker = () =>
  zoom || teams || google
    ? startMeetingWorker({
        store,
        gateway: zoom,
        providers: otherProviders(),
        intervalMs: 5_000,
        onRun: logRun,
        zoomRequestsPerSecond,
        googleRequestsPerSecond,
        microsoftRequestsPerSecond,
      })
    : null;
// --fakes: the fake Microsoft starts with the fake Zoom.
const fakeMicrosoft = args.zoom === 'fake' ? await (await import('./providers/fakes/microsoft-server')).startFakeMicrosoft() : null;
let worker: ReturnType<typeof startMeetingWorker> | null = null;
let delivery: DeliveryWorker | null = null;
/** The delivery worker (R29) beside the meeting worker, when a transport is configured. */
function startDelivery(): void {
  if (!noticeTransport) return;
  delivery = startDeliveryWorker({
    outbox: new SqlOutbox(store.db),
    transport: noticeTransport,
    render: storeNoticeRenderer(store),
    settleMs: noticeSettleMs,
    onRun: (r) => {
      if (r.sent + r.failed + r.dead > 0) console.log(`delivery worker: sent ${r.sent}, failed ${r.failed}, dead ${r.dead}`);
    },
  });
  console.log(`delivery worker: telling clients by ${noticeTransport.name === 'smtp' ? 'e-mail (SMTP)' : 'signed webhook'}`);
}

if (workerOnly) {
  // The meeting worker (R22) alone: provider work for hosts that run the API elsewhere.
  worker = startProviderWorker();
  startDelivery();
  console.log(`storage: ${where}`);
  if (worker)
    console.log(
      `meeting worker running (${[zoom ? 'Zoom' : null, google ? 'Google Meet' : null, teams ? 'Teams' : null].filter(Boolean).join(', ')})`,
    );
} else {
  // Until the handler exists: the same 503 UNAVAILABLE a client retries after, as JSON with a code (R25).
  const starting: RequestHandler = async () =>
    new Response(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'The server is starting: try again shortly', retryAfter: 1 } }), {
      status: 503,
      headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1', 'x-content-type-options': 'nosniff' },
    });
  // The handler's own listener once it exists: toNodeListener then writes cached reads as bytes.
  let listener = toNodeListener(starting);
  const server = createServer((req, res) => listener(req, res));
  server.keepAliveTimeout = 65_000;
  server.on('error', (error) => fail(error.message));
  server.listen(port, args.host, async () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    const host = args.host.includes(':') ? `[${args.host}]` : args.host;
    if (fakeZoom) {
      const fake = fakeZoom;
      stopFakeZoom = () => fake.close();
      // The popup comes back to this server's callback page; loopback http is allowed for a local demo.
      const self = ['0.0.0.0', '::', '[::]'].includes(args.host) ? '127.0.0.1' : host;
      const tokenKey = fakeTokenKey;
      try {
        zoom = createZoomIntegration(
          {
            clientId: fake.clientId,
            clientSecret: fake.clientSecret,
            redirectUri: `http://${self}:${actual}${DEFAULT_BASE_PATH}/zoom/callback`,
            webhookSecretToken: process.env.ZOOM_WEBHOOK_SECRET_TOKEN ?? generateTokenKey(),
            tokenKey,
            oauthBase: fake.oauthBase,
            apiBase: fake.apiBase,
          },
          { basePath: DEFAULT_BASE_PATH },
        );
      } catch (error) {
        fail(`--zoom fake: ${(error as Error).message}`);
      }
      if (!process.env.SESSION_LINKS_TOKEN_KEY)
        console.log('--zoom fake: tokens sealed with a key made for this run (set SESSION_LINKS_TOKEN_KEY to keep them)');
      console.log(`fake Zoom on ${fake.url} (consent page ${fake.oauthBase}/oauth/authorize)`);
    }
    if (fakeMicrosoft) {
      const self = ['0.0.0.0', '::', '[::]'].includes(args.host) ? '127.0.0.1' : host;
      try {
        teams = createTeamsIntegration(
          {
            clientId: fakeMicrosoft.clientId,
            clientSecret: fakeMicrosoft.clientSecret,
            redirectUri: `http://${self}:${actual}${DEFAULT_BASE_PATH}${TEAMS_CALLBACK_PATH}`,
            tenant: 'common',
            tokenKey: fakeTokenKey,
            oauthBase: fakeMicrosoft.oauthBase,
            graphBase: fakeMicrosoft.graphBase,
          },
          { basePath: DEFAULT_BASE_PATH },
        );
      } catch (error) {
        fail(`--fakes (Microsoft): ${(error as Error).message}`);
      }
      console.log(`fake Microsoft on ${fakeMicrosoft.url} (consent page ${fakeMicrosoft.oauthBase}/common/oauth2/v2.0/authorize)`);
    }
    if (fakeGoogle) {
      const self = ['0.0.0.0', '::', '[::]'].includes(args.host) ? '127.0.0.1' : host;
      try {
        google = createGoogleIntegration(
          {
            clientId: fakeGoogle.clientId,
            clientSecret: fakeGoogle.clientSecret,
            redirectUri: `http://${self}:${actual}${DEFAULT_BASE_PATH}/google/callback`,
            tokenKey: fakeTokenKey,
            oauthBase: fakeGoogle.oauthBase,
            apiBase: fakeGoogle.apiBase,
          },
          { basePath: DEFAULT_BASE_PATH },
        );
      } catch (error) {
        fail(`--fakes (Google): ${(error as Error).message}`);
      }
      console.log(`fake Google on ${fakeGoogle.url} (consent page ${fakeGoogle.oauthBase}/o/oauth2/v2/auth)`);
    }
    const handler = createHandler({
      store,
      zoom,
      providers: otherProviders(),
      // Without --dev-auth nobody is signed in: mount createHandler in your app with your own authenticate.
      authenticate: args['dev-auth'] ? devAuthenticate : async () => null,
      sync: process.env.SESSION_LINKS_SYNC_SECRET ? { secret: process.env.SESSION_LINKS_SYNC_SECRET } : undefined,
      allowedOrigins: allowedOriginsFromEnv(process.env),
      // The read cache is on by default; SESSION_LINKS_READ_CACHE=off turns it off (comparisons, bench:server).
      readCache: process.env.SESSION_LINKS_READ_CACHE === 'off' ? false : undefined,
      // The default rate limiter is on (R26); SESSION_LINKS_RATE_LIMIT=off only for load tests (bench:server).
      rateLimit: process.env.SESSION_LINKS_RATE_LIMIT === 'off' ? false : undefined,
      trustedProxies,
    });
    listener = toNodeListener(handler);
    // The meeting worker (R22): Zoom work happens here, never while answering a read.
    worker = startProviderWorker();
    if (worker) {
      console.log(
        `meeting worker: in this process${process.env.DATABASE_URL ? '' : ' (one process per PGlite folder: no separate `session-links-server worker` beside it)'}`,
      );
    }
    startDelivery();
    if (!args['dev-auth']) console.log('no --dev-auth: every API request is 401 (mount createHandler with your own authenticate)');
    console.log(`storage: ${where}`);
    console.log(
      `client addresses: ${trustedProxies ? `X-Forwarded-For from the trusted proxies ${trustedProxies.join(', ')}, else the socket's` : "the socket's (behind a reverse proxy: set SESSION_LINKS_TRUSTED_PROXIES)"}`,
    );
    console.log(
      `zoom: ${realZoom ? `Zoom at ${realZoom.apiBase}` : args.zoom === 'fake' ? 'fake Zoom on loopback' : inProcess ? 'in-process fake (development: no real meetings; set ZOOM_* for real Zoom)' : 'not configured (Connect Zoom answers NOT_CONFIGURED; set ZOOM_*, see --help)'}`,
    );
    console.log(
      `teams: ${realTeams ? `Microsoft Teams (tenant ${realTeams.tenant})` : fakeMicrosoft ? 'fake Microsoft on loopback' : 'not configured (set MICROSOFT_*, see --help)'}`,
    );
    console.log(
      `google meet: ${realGoogle ? `Google at ${realGoogle.apiBase}` : fakeGoogle ? 'fake Google on loopback' : 'not configured (set GOOGLE_*, see --help)'}`,
    );
    console.log(`listening on http://${host}:${actual}`);
  });
  closeServer = async () => {
    // Finish the requests in flight (idle keep-alive connections go at once).
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 5_000);
    await closed;
    clearTimeout(force);
  };
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  try {
    await closeServer();
    await worker?.stop();
    await delivery?.stop();
    await stopFakeZoom?.();
    await fakeMicrosoft?.close();
    await fakeGoogle?.close();
    await store.close();
  } finally {
    console.log(`stopped (${signal})`);
    process.exit(0);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
