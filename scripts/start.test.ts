// The front door: `npm start` (scripts/bootstrap.mjs dev → scripts/start.mjs) brings up the
// example dashboard against the real server (embedded PGlite, fake Zoom on loopback) and
// Storybook, prints both addresses, and a Ctrl-C to it leaves nothing behind: no process it
// started, no port it listened on. Runs the real command (without the install step).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(join(tmpdir(), 'session-links-start-'));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let child: ChildProcess | undefined;
let output = '';
/** Every process npm start had started once it was up. */
let started: number[] = [];

afterAll(() => {
  // Only if the test failed half-way: every process it started (Storybook has its own group).
  for (const pid of [...started, child?.pid ?? 0].filter((p) => p > 0 && alive(p))) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Every process under `pid` (Linux /proc), itself included. */
function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The field after the parenthesised command name: state, then the parent's pid.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while we looked
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i] as number) ?? []));
  return tree;
}

/** The TCP ports these processes listen on (their socket inodes in /proc/net/tcp and tcp6, state 0A). */
function listeningPorts(pids: number[]): number[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m?.[1]) inodes.add(m[1]);
      }
    } catch {
      // exited while we looked
    }
  }
  const ports = new Set<number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local = '', , state, , , , , , inode = ''] = line.trim().split(/\s+/);
      if (state === '0A' && inodes.has(inode)) ports.add(Number.parseInt(local.split(':')[1] ?? '', 16));
    }
  }
  return [...ports];
}

async function answers(url: string) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

test.skipIf(process.platform !== 'linux')(
  'npm start brings up the example dashboard on the real server and Storybook, prints both, and Ctrl-C stops every process it started',
  async () => {
    const storybookPort = await freePort();
    child = spawn(
      process.execPath,
      ['scripts/bootstrap.mjs', '--skip-install', 'dev', '--port', '0', '--storybook-port', String(storybookPort), '--data', dataDir],
      // Its own group only so afterAll can clean up after a failure; the test signals the one process, as a supervisor would.
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, FORCE_COLOR: '0' } },
    );
    child.stdout?.on('data', (d) => {
      output += d;
    });
    child.stderr?.on('data', (d) => {
      output += d;
    });
    const fail = (message: string) => new Error(`${message}\n--- output ---\n${output}`);

    // Both addresses, printed once both are up.
    const deadline = Date.now() + 280_000;
    let dashboard: string | undefined;
    let storybook: string | undefined;
    let api: string | undefined;
    while (!(dashboard && storybook && api)) {
      if (Date.now() > deadline) throw fail('npm start printed no addresses');
      if (child.exitCode !== null) throw fail(`npm start exited (${child.exitCode})`);
      dashboard = /Example dashboard.*?(http:\/\/\S+)/.exec(output)?.[1];
      storybook = /Storybook.*?(http:\/\/\S+)/.exec(output)?.[1];
      api = /API (http:\/\/\S+)\/api\/session-links/.exec(output)?.[1];
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(storybook).toBe(`http://localhost:${storybookPort}/`);

    // They answer: the dashboard's page, its API through the proxy (the seeded site, dev auth), Storybook's index.
    const page = await fetch(dashboard);
    expect(page.status).toBe(200);
    const settings = await fetch(`${dashboard}api/session-links/sites/site-studio/settings`, {
      headers: { authorization: 'Bearer dev:owner' },
    });
    expect(settings.status).toBe(200);
    expect(((await settings.json()) as { siteId: string }).siteId).toBe('site-studio');
    const index = await fetch(`http://127.0.0.1:${storybookPort}/index.json`);
    expect(index.status).toBe(200);
    expect(Object.keys(((await index.json()) as { entries: object }).entries).length).toBeGreaterThan(10);

    // What it started: bootstrap, pnpm, start.mjs, the server (with its fake Zoom), Storybook, esbuild…
    const pid = child.pid as number;
    started = processTree(pid);
    const ports = listeningPorts(started);
    for (const url of [dashboard, storybook, api]) expect(ports).toContain(Number(new URL(url).port));
    expect(ports.length).toBeGreaterThanOrEqual(4); // and the fake Zoom's

    child.kill('SIGINT'); // Ctrl-C, to the one process npm start runs
    const gone = Date.now() + 60_000;
    while (started.some(alive) || (await answers(dashboard)) || (await answers(storybook)) || (await answers(api))) {
      if (Date.now() > gone) {
        const left = started.filter(alive);
        throw fail(`still running 60 s after Ctrl-C: ${left.join(', ')} (listening on ${listeningPorts(left).join(', ')})`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    // Nothing listens on any port it had, under any process.
    for (const port of ports) expect(await answers(`http://127.0.0.1:${port}/`)).toBe(false);
  },
  360_000,
);
