#!/usr/bin/env node
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createHandler, type Identity } from './http';
import { runMeetingWorker } from './meetings';
import { toNodeListener } from './node';
import { SCENARIOS, type ScenarioName } from './scenarios';
import { seedScenario } from './seed';
import { openStore } from './sql';
import { createFakeZoomGateway } from './zoom/fake';

const USAGE = `usage: session-links-server [--port N] [--host H] [--data DIR] [--seed SCENARIO] [--dev-auth]

  --port N          port to listen on (default 8787; 0: any free port)
  --host H          address to listen on (default 127.0.0.1)
  --data DIR        PGlite data folder (default ./.session-links-data); ignored when DATABASE_URL is set
  --seed SCENARIO   fill an empty database with a demo scenario: ${SCENARIOS.join(', ')}
  --dev-auth        accept "Authorization: Bearer dev:<userId>" (development only; refused when NODE_ENV=production)

environment:
  DATABASE_URL                 PostgreSQL instead of PGlite (postgres://user:pass@host:5432/db)
  SESSION_LINKS_SYNC_SECRET    enables the host sync API under /api/session-links/sync/… with this secret
`;

function fail(message: string): never {
  console.error(`session-links-server: ${message}`);
  process.exit(1);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: './.session-links-data' },
      seed: { type: 'string' },
      'dev-auth': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}
try {
  args = parse();
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`);
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
if (args['dev-auth'] && process.env.NODE_ENV === 'production') {
  fail('--dev-auth lets anyone sign in as anyone: it is refused when NODE_ENV=production');
}

/** `Authorization: Bearer dev:<userId>` → that user. Development only. */
async function devAuthenticate(request: Request): Promise<Identity | null> {
  const match = /^Bearer dev:([\w.@-]{1,128})$/.exec(request.headers.get('authorization') ?? '');
  return match?.[1] ? { userId: match[1] } : null;
}

const store = await openStore({ dataDir: args.data });
const zoom = createFakeZoomGateway();
const where = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${args.data}`;

if (args.seed) {
  if (await store.isEmpty()) {
    await store.transaction(seedScenario(args.seed as ScenarioName, { zoom }));
    console.log(`seeded scenario ${args.seed} into ${where}`);
  } else {
    console.log(`the database already holds data: --seed ${args.seed} skipped`);
  }
}

const handler = createHandler({
  store,
  zoom,
  // Without --dev-auth nobody is signed in: mount createHandler in your app with your own authenticate.
  authenticate: args['dev-auth'] ? devAuthenticate : async () => null,
  sync: process.env.SESSION_LINKS_SYNC_SECRET ? { secret: process.env.SESSION_LINKS_SYNC_SECRET } : undefined,
});

// The meeting worker (R22): Zoom work happens here, never while answering a read.
let working: Promise<unknown> = Promise.resolve();
const worker = setInterval(() => {
  working = working.then(() => runMeetingWorker(store, zoom)).catch((error) => console.error('[session-links] meeting worker', error));
}, 5_000);

const server = createServer(toNodeListener(handler));
server.keepAliveTimeout = 65_000;
server.on('error', (error) => fail(error.message));
server.listen(port, args.host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const host = args.host.includes(':') ? `[${args.host}]` : args.host;
  if (!args['dev-auth']) console.log('no --dev-auth: every API request is 401 (mount createHandler with your own authenticate)');
  console.log(`storage: ${where}`);
  console.log(`listening on http://${host}:${actual}`);
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  clearInterval(worker);
  // Finish the requests in flight (idle keep-alive connections go at once), then the database.
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), 5_000);
  try {
    await closed;
    clearTimeout(force);
    await working;
    await store.close();
  } finally {
    console.log(`stopped (${signal})`);
    process.exit(0);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
