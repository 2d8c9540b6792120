#!/usr/bin/env node
// `npm start` (through scripts/bootstrap.mjs) and `pnpm dev`: the product and its
// workshop side by side. Starts the example dashboard against the real server
// (scripts/example.mjs: session-links-server on embedded PostgreSQL (PGlite), seeded,
// dev auth, the fake Zoom on loopback; Vite proxying the API) and Storybook over the
// mocks, prints both addresses once both answer, and on Ctrl-C or SIGTERM stops both
// and everything they started. `pnpm example` and `pnpm storybook` still run one alone.
//
//   pnpm dev [--port N] [--storybook-port N] [--data DIR] [--fresh]
//     --port N            the dashboard's port (default 5173, or the next free one)
//     --storybook-port N  Storybook's port (default 6006, or the next free one)
//     --data DIR          the example server's data folder (default examples/dashboard/.data)
//     --fresh             start the example from an empty database
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startExample } from './example.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `wanted` if nothing listens there on loopback, else a port the system picks. */
function freePort(wanted) {
  const tryPort = (port) =>
    new Promise((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(address.port));
      });
    });
  return tryPort(wanted).catch(() => tryPort(0));
}

/** Resolves once `url` answers HTTP (any status); rejects when `child` exits first or time runs out. */
async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${url}: the process exited (${child.exitCode ?? child.signalCode}) before it answered`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

/** SIGTERM to the child's process group (Storybook runs Vite and esbuild under it), SIGKILL after `graceMs`. */
function stopGroup(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  return new Promise((resolve) => {
    const timer = setTimeout(() => signal('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      signal('SIGKILL'); // anything it left behind in its group
      resolve();
    });
    signal('SIGTERM');
  });
}

/**
 * Starts the example dashboard (and its server) and Storybook. Returns their URLs and `stop()`.
 * @param {{ port?: number, storybookPort?: number, dataDir?: string, fresh?: boolean, log?: (line: string) => void, startTimeoutMs?: number }} [options]
 */
export async function startAll(options = {}) {
  const { port = 5173, storybookPort = 6006, dataDir, fresh = false, log = console.log, startTimeoutMs = 300_000 } = options;
  const sbPort = await freePort(storybookPort);
  // Its own process group, so stop() ends Storybook and every process under it.
  const storybook = spawn(
    process.execPath,
    [join(root, 'node_modules/storybook/dist/bin/dispatcher.js'), 'dev', '-p', String(sbPort), '--exact-port', '--ci', '--quiet'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', env: process.env },
  );
  for (const stream of [storybook.stdout, storybook.stderr])
    createInterface({ input: stream }).on('line', (line) => log(`[storybook] ${line}`));
  let example = null;
  const stop = async () => {
    await Promise.all([example?.stop(), stopGroup(storybook)]);
  };
  try {
    const storybookUrl = `http://localhost:${sbPort}/`;
    const [started, answered] = await Promise.allSettled([
      startExample({ port, dataDir, fresh, log, startTimeoutMs }),
      waitForHttp(`http://127.0.0.1:${sbPort}/`, storybook, startTimeoutMs),
    ]);
    if (started.status === 'fulfilled') example = started.value;
    if (started.status === 'rejected') throw started.reason;
    if (answered.status === 'rejected') throw answered.reason;
    return { url: example.url, serverUrl: example.serverUrl, storybookUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5173' },
      'storybook-port': { type: 'string', default: '6006' },
      data: { type: 'string' },
      fresh: { type: 'boolean', default: false },
    },
  });
  let stopping = null;
  let running = null;
  const startupLog = [];
  let ready = false;
  const shutdown = () => {
    if (stopping) return;
    console.log('\nstopping the example dashboard, its server and Storybook…');
    stopping = (running ?? Promise.resolve(null)).then((all) => all?.stop()).finally(() => process.exit(0));
  };
  // Signals during start-up too: the half-started stack is stopped once it is up (or has failed).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, shutdown);
  console.log('starting the example dashboard (real server, embedded PostgreSQL, fake Zoom) and Storybook…');
  running = startAll({
    port: Number(values.port),
    storybookPort: Number(values['storybook-port']),
    dataDir: values.data,
    fresh: values.fresh,
    // Quiet until both are up: their start-up chatter would bury the two addresses.
    log: (line) => {
      if (ready) console.log(line);
      else startupLog.push(line);
    },
  });
  try {
    const all = await running;
    ready = true;
    if (!stopping) {
      console.log(`
  session-links is running:

    Example dashboard (the real server, embedded PostgreSQL, fake Zoom):  ${all.url}
      API ${all.serverUrl}/api/session-links (proxied); sign in as owner, anna, bram or chris in its header
    Storybook (every widget and state, over the mocks):                 ${all.storybookUrl}

  Ctrl-C stops both. Alone: pnpm example, pnpm storybook.
`);
    }
  } catch (error) {
    console.error(startupLog.join('\n'));
    console.error(`\ncould not start: ${error.message}`);
    process.exit(1);
  }
}
