import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

// The CLI behind a reverse proxy (R26): SESSION_LINKS_TRUSTED_PROXIES names the proxies whose
// X-Forwarded-For is read; without it, or from any other peer, the socket's address is the client.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'packages/server/src/cli.ts');
const { DATABASE_URL: _fromWrapper, SESSION_LINKS_TRUSTED_PROXIES: _fromShell, ...cleanEnv } = process.env;
const SECRET = 'cli-trusted-proxies-secret-0123456789';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function run(env: NodeJS.ProcessEnv) {
  const data = mkdtempSync(path.join(tmpdir(), 'session-links-proxies-'));
  dirs.push(data);
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', cli, '--port', '0', '--data', data], {
    cwd: root,
    env: { ...cleanEnv, SESSION_LINKS_SYNC_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out };
}

/** Starts the CLI; resolves to a function sending one wrong sync secret with this X-Forwarded-For. */
async function start(env: NodeJS.ProcessEnv = {}) {
  const r = run(env);
  const api = await new Promise<string>((resolve, reject) => {
    r.child.stdout?.on('data', () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(r.output());
      if (m?.[1]) resolve(`${m[1]}/api/session-links`);
    });
    r.exited.then((code) => reject(new Error(`the CLI exited (${code}) before listening:\n${r.output()}`)));
  });
  return async (forwardedFor: string) => {
    const res = await fetch(`${api}/sync/sites/site-studio`, {
      method: 'PUT',
      headers: { 'x-session-links-sync-secret': 'a-wrong-guess', 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: '{}',
    });
    await res.arrayBuffer();
    return res.status;
  };
}

describe('session-links-server behind a reverse proxy: SESSION_LINKS_TRUSTED_PROXIES', () => {
  it('without it, and from a peer it does not name, a forged X-Forwarded-For is ignored: the socket is the client', async () => {
    for (const env of [{}, { SESSION_LINKS_TRUSTED_PROXIES: '10.0.0.0/8,::1' }]) {
      const guess = await start(env);
      // The CLI allows 10 wrong secrets per client; rotating the header buys no more.
      const statuses: number[] = [];
      for (let i = 1; i <= 12; i++) statuses.push(await guess(`203.0.113.${i}`));
      expect(statuses, JSON.stringify(env)).toEqual([...Array(10).fill(401), 429, 429]);
    }
  }, 120_000);

  it('from a trusted proxy, the client is the right-most forwarded hop that is not a proxy, each with its own budget', async () => {
    const guess = await start({ SESSION_LINKS_TRUSTED_PROXIES: ' 127.0.0.1, ::1 ,10.0.0.0/8' });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await guess('203.0.113.9'));
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // A client's own entries stand left of what the proxy appended.
    expect(await guess('198.51.100.1, 203.0.113.9')).toBe(429);
    // One attacker's guesses do not spend another client's budget behind the same proxy.
    expect(await guess('203.0.113.10')).toBe(401);
    expect(await guess('203.0.113.11, 10.0.0.5')).toBe(401);
  }, 120_000);

  it('an entry that is not an address or CIDR range stops the CLI at start, naming the variable and the entry', async () => {
    for (const bad of ['127.0.0.1,10.0.0.0/33', 'localhost']) {
      const r = run({ SESSION_LINKS_TRUSTED_PROXIES: bad });
      expect(await r.exited).toBe(1);
      expect(r.output()).toContain('SESSION_LINKS_TRUSTED_PROXIES');
      expect(r.output()).toContain(bad.split(',').at(-1));
      expect(r.output()).not.toContain('listening on');
    }
  }, 60_000);
});
