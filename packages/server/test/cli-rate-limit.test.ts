import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

// The CLI as a user runs it, with nothing configured: its default rate limiter is on (R24, R26).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'packages/server/src/cli.ts');
const { DATABASE_URL: _fromWrapper, ...cleanEnv } = process.env;
const SECRET = 'cli-rate-limit-secret';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function start(args: string[]): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', cli, '--port', '0', ...args], {
    cwd: root,
    env: { ...cleanEnv, SESSION_LINKS_SYNC_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
      if (m?.[1]) resolve(`${m[1]}/api/session-links`);
    };
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      check();
    });
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('exit', (code) => reject(new Error(`the CLI exited (${code}) before listening:\n${out}`)));
  });
}

describe('session-links-server rate limits by default', () => {
  it('1,000 reads in a row from one user get 429 RATE_LIMITED with retryAfter; 300 wrong sync secrets get 429 after a few', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'session-links-limit-'));
    dirs.push(data);
    const api = await start(['--data', data, '--seed', 'zoom-default', '--dev-auth']);
    // 1,000 reads in a row, 25 at a time (a busy machine must not refill the bucket as fast as it drains).
    const statuses: number[] = [];
    let limited: { retryAfter: string | null; body: unknown } | undefined;
    const read = () => fetch(`${api}/sites/site-studio/services`, { headers: { authorization: 'Bearer dev:owner' } });
    while (statuses.length < 1000) {
      for (const res of await Promise.all(Array.from({ length: 25 }, read))) {
        statuses.push(res.status);
        if (res.status === 429 && !limited) limited = { retryAfter: res.headers.get('retry-after'), body: await res.json() };
        else await res.arrayBuffer();
      }
    }
    expect(statuses.slice(0, 500).every((s) => s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(50);
    expect(limited?.retryAfter).toMatch(/^[1-9]\d*$/);
    expect(limited?.body).toMatchObject({ error: { code: 'RATE_LIMITED', retryAfter: Number(limited?.retryAfter) } });
    // Another user from the same address is not held back by the first one's loop.
    expect((await fetch(`${api}/sites/site-studio/services`, { headers: { authorization: 'Bearer dev:anna' } })).status).toBe(200);

    const secrets: number[] = [];
    for (let i = 0; i < 300; i++) {
      const res = await fetch(`${api}/sync/sites/site-studio/staff/x`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-session-links-sync-secret': `guess-${i}` },
        body: JSON.stringify({ name: 'X', email: 'x@example.com' }),
      });
      secrets.push(res.status);
      await res.arrayBuffer();
    }
    expect(secrets.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(secrets.slice(20).every((s) => s === 429)).toBe(true);
  }, 240_000);
});
