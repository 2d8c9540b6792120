#!/usr/bin/env node
// `pnpm example`: the example dashboard against the real server. Starts
// session-links-server (PGlite, seeded with zoom-default, dev auth, the fakes of Zoom,
// Google and Microsoft on loopback) on a free port, then the Vite dev server of examples/dashboard with
// /api/session-links proxied to it, so the browser sees one origin. A mail catcher (a real
// SMTP server on loopback, scripts/example-inbox.mjs) receives the e-mails the server's
// delivery worker sends clients (SESSION_LINKS_SMTP_URL); the dashboard's Inbox page lists
// them. Ctrl-C stops all three.
//
//   pnpm example [--fresh] [--port N]
//     --fresh    start from an empty database (removes examples/dashboard/.data first)
//     --port N   the dashboard's port (default 5173, or the next free one)
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inboxPlugin, startInbox } from './example-inbox.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const exampleDir = join(root, 'examples/dashboard');
export const DEFAULT_DATA_DIR = join(exampleDir, '.data');

/** Resolves with the first stdout line that matches, rejects when the process exits or time runs out. */
function waitForLine(child, pattern, timeoutMs, log) {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => done(new Error(`session-links-server did not print ${pattern} within ${timeoutMs / 1000}s`)), timeoutMs);
    const onExit = (code) => done(new Error(`session-links-server exited (${code}) before it was listening`));
    function done(error, match) {
      clearTimeout(timer);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(match);
    }
    lines.on('line', (line) => {
      log(`[server] ${line}`);
      const match = pattern.exec(line);
      if (match) done(null, match);
    });
    child.on('exit', onExit);
  });
}

/** `port` on 127.0.0.1 if it is free, else one the system picks. */
function freePort(port) {
  const tryPort = (p) =>
    new Promise((resolve, reject) => {
      const probe = createNetServer();
      probe.once('error', reject);
      probe.listen(p, '127.0.0.1', () => {
        const { port: found } = probe.address();
        probe.close(() => resolve(found));
      });
    });
  return tryPort(port).catch(() => tryPort(0));
}

/** SIGTERM, then SIGKILL if it is still there after `graceMs`. */
function stopChild(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the server and the dashboard. Returns their URLs and `stop()`, which ends both.
 * @param {{ dataDir?: string, fresh?: boolean, port?: number, log?: (line: string) => void, startTimeoutMs?: number }} [options]
 */
export async function startExample(options = {}) {
  const { dataDir = DEFAULT_DATA_DIR, fresh = false, port = 5173, log = console.log, startTimeoutMs = 120_000 } = options;
  if (fresh) rmSync(dataDir, { recursive: true, force: true });
  // The dashboard's origin is known before the server starts: provider connections start from it (R27).
  const dashboardPort = await freePort(port);
  const allowedOrigins = [`http://127.0.0.1:${dashboardPort}`, `http://localhost:${dashboardPort}`].join(',');
  const inbox = await startInbox({ log });

  const server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@session-links/source',
      'packages/server/src/cli.ts',
      ...['--port', '0', '--host', '127.0.0.1', '--data', dataDir],
      ...['--seed', 'zoom-default', '--dev-auth', '--fakes'],
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        SESSION_LINKS_ALLOWED_ORIGINS: allowedOrigins,
        // Clients are told by e-mail (R29): to the catcher, whatever the shell has set.
        SESSION_LINKS_SMTP_URL: inbox.url,
        // The demo tells clients at once; a real server waits two minutes so changes close together become one e-mail.
        SESSION_LINKS_NOTICE_SETTLE_SECONDS: '0',
        SESSION_LINKS_MAIL_FROM: 'Studio Noord <bookings@studio-noord.example>',
        SESSION_LINKS_NOTICE_WEBHOOK_URL: '',
      },
    },
  );
  createInterface({ input: server.stderr }).on('line', (line) => log(`[server] ${line}`));
  let vite = null;
  const stop = async () => {
    await vite?.close();
    await stopChild(server);
    await inbox.close();
  };
  try {
    const [, serverUrl] = await waitForLine(server, /listening on (http:\/\/\S+)/, startTimeoutMs, log);
    const { createServer } = await import('vite');
    vite = await createServer({
      root: exampleDir,
      configFile: join(exampleDir, 'vite.config.ts'),
      logLevel: 'warn',
      plugins: [inboxPlugin(inbox)],
      server: { host: '127.0.0.1', port: dashboardPort, strictPort: true, proxy: { '/api/session-links': { target: serverUrl } } },
    });
    await vite.listen();
    const url = vite.resolvedUrls?.local[0];
    if (!url) throw new Error('the Vite dev server has no local URL');
    return { url, serverUrl, smtpUrl: inbox.url, inbox, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { fresh: { type: 'boolean', default: false }, port: { type: 'string', default: '5173' } } });
  const example = await startExample({ fresh: values.fresh, port: Number(values.port) });
  console.log(`\nsession-links example dashboard: ${example.url}`);
  console.log(`API: ${example.serverUrl}/api/session-links (proxied). Sign in as owner, anna, bram or chris in the header.`);
  console.log(`E-mails to clients go to the mail catcher at ${example.smtpUrl}: the dashboard's Inbox page shows them.`);
  console.log('Ctrl-C stops the dashboard and the server.\n');
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      example.stop().then(() => process.exit(0));
    });
  }
}
