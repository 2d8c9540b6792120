import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { recreateDatabase } from '../src/store/sql';

// The CLI as a user runs it: a child process, talked to over HTTP on loopback.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'packages/server/src/cli.ts');
const { DATABASE_URL: _fromWrapper, ...cleanEnv } = process.env;
const SECRET = 'cli-test-secret';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  api: string;
  output: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', cli, ...args], {
    cwd: root,
    env: { ...cleanEnv, SESSION_LINKS_SYNC_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
    err += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => out, stderr: () => err };
}

/** Starts the CLI and resolves once it printed `listening on http://HOST:PORT`. */
async function start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const r = run(['--port', '0', ...args], env);
  const api = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(r.output());
      if (m?.[1]) resolve(`${m[1]}/api/session-links`);
    };
    r.child.stdout?.on('data', check);
    r.exited.then(({ code }) => reject(new Error(`the CLI exited (${code}) before listening:\n${r.output()}`)));
  });
  return { ...r, api };
}

async function call(url: string, init: RequestInit & { user?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.body) headers.set('content-type', 'application/json');
  if (init.user) headers.set('authorization', `Bearer dev:${init.user}`);
  const res = await fetch(url, { ...init, headers });
  return { status: res.status, body: await res.json() };
}

const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'session-links-cli-'));
  dirs.push(dir);
  return dir;
};

describe('session-links-server (CLI)', () => {
  it('keeps a write after being killed: start on a data folder, write, SIGKILL, start again', async () => {
    const data = freshDir();
    const first = await start(['--data', data, '--seed', 'zoom-default', '--dev-auth']);
    expect(first.output()).toContain('seeded scenario zoom-default');
    const settings = await call(`${first.api}/sites/site-studio/settings`, { user: 'owner' });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ version: 1, defaultAccount: { kind: 'zoom' } });

    const saved = await call(`${first.api}/sites/site-studio/settings/default-account`, {
      method: 'PUT',
      user: 'owner',
      body: JSON.stringify({ link: { url: 'https://meet.google.com/abc-defg-hij' }, version: 1 }),
    });
    expect(saved.status).toBe(200);
    const synced = await fetch(`${first.api}/sync/sites/site-studio/sessions/late-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-session-links-sync-secret': SECRET },
      body: JSON.stringify({ serviceId: 'yoga', staffId: 'bram', start: '2030-01-01T18:00:00.000Z', end: '2030-01-01T19:00:00.000Z' }),
    });
    expect(synced.status).toBe(200);

    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });

    const second = await start(['--data', data, '--seed', 'zoom-default', '--dev-auth']);
    expect(second.output()).toContain('--seed zoom-default skipped');
    const after = await call(`${second.api}/sites/site-studio/settings`, { user: 'owner' });
    expect(after.body).toMatchObject({
      version: 2,
      defaultAccount: { kind: 'custom', link: { url: 'https://meet.google.com/abc-defg-hij' } },
    });
    // --dev-auth: the bearer names the user; roles come from the database.
    expect((await call(`${second.api}/sites/site-studio/me`, { user: 'anna' })).body).toMatchObject({ id: 'anna', role: 'staff' });
    expect((await call(`${second.api}/sites/site-studio/me`)).status).toBe(401);
    const session = await call(`${second.api}/sites/site-studio/sessions/late-1`, { user: 'owner' });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ session: { id: 'late-1', staffId: 'bram', start: '2030-01-01T18:00:00.000Z' } });

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.output()).toContain('stopped (SIGTERM)');
  }, 240_000);

  it('refuses --dev-auth unless NODE_ENV is development or test (production in any spelling, staging, unset), and unknown scenarios', async () => {
    const refused = ['production', 'Production', 'prod', 'staging', 'PRODUCTION ', undefined].map((NODE_ENV) => ({
      NODE_ENV,
      r: run(['--dev-auth', '--data', freshDir()], { NODE_ENV }),
    }));
    for (const { NODE_ENV, r } of refused) {
      expect((await r.exited).code, `NODE_ENV=${NODE_ENV}: ${r.output()}`).toBe(1);
      expect(r.stderr()).toContain('--dev-auth runs only when NODE_ENV is development or test');
      expect(r.output()).not.toContain('listening on');
    }
    const bad = run(['--seed', 'nope', '--data', freshDir()]);
    expect((await bad.exited).code).toBe(1);
    expect(bad.output()).toContain('unknown scenario nope');
  }, 60_000);

  it('refuses --zoom in-process (a fake asked for by name) unless NODE_ENV is development or test (R27)', async () => {
    for (const NODE_ENV of ['production', 'staging', undefined]) {
      const r = run(['worker', '--zoom', 'in-process', '--data', freshDir()], { NODE_ENV });
      expect((await r.exited).code, `NODE_ENV=${NODE_ENV}: ${r.output()}`).toBe(1);
      expect(r.stderr()).toContain('--zoom in-process is a fake Zoom: it runs only when NODE_ENV is development or test');
    }
  }, 60_000);

  it('--dev-auth in development or test starts, and says on stderr that anyone can sign in as anyone', async () => {
    for (const NODE_ENV of ['development', 'test']) {
      const r = await start(['--dev-auth', '--data', freshDir()], { NODE_ENV });
      expect(r.stderr()).toMatch(/warning: --dev-auth is on/);
      // A development run without ZOOM_*: the in-process fake, said out loud.
      expect(r.output()).toContain('zoom: in-process fake (development');
      // Signed in (no such site yet), not 401.
      expect((await call(`${r.api}/sites/site-studio/me`, { user: 'dev-owner' })).status).not.toBe(401);
      r.child.kill('SIGTERM');
      expect((await r.exited).code).toBe(0);
    }
    const without = await start(['--data', freshDir(), '--seed', 'no-default'], { NODE_ENV: 'production' });
    expect(without.stderr()).not.toContain('--dev-auth');
    // No ZOOM_*, no --zoom fake, no development: Zoom is not configured — never a silent fake (R27).
    expect(without.output()).toContain('zoom: not configured');
    expect(without.output()).not.toContain('fake');
    without.child.kill('SIGTERM');
    expect((await without.exited).code).toBe(0);
  }, 120_000);

  it('without Zoom configuration, seeding Zoom accounts and the worker alone are refused, saying why (R27)', async () => {
    const seeded = run(['--data', freshDir(), '--seed', 'zoom-default'], { NODE_ENV: 'production' });
    const worker = run(['worker', '--data', freshDir()], { NODE_ENV: 'production' });
    expect((await seeded.exited).code).toBe(1);
    expect(seeded.stderr()).toContain('Zoom is not configured');
    expect((await worker.exited).code).toBe(1);
    expect(worker.stderr()).toContain('worker: no provider is configured');
  }, 60_000);

  const pgUrl = process.env.SESSION_LINKS_TEST_DATABASE_URL;
  it.skipIf(!pgUrl)(
    'serves the seeded demo from PostgreSQL when DATABASE_URL is set',
    async () => {
      const url = await recreateDatabase(pgUrl as string, 'sl_cli_test');
      const r = await start(['--seed', 'zoom-default', '--dev-auth'], { DATABASE_URL: url });
      expect(r.output()).toContain('storage: PostgreSQL');
      const settings = await call(`${r.api}/sites/site-studio/settings`, { user: 'owner' });
      expect(settings.body).toMatchObject({ siteId: 'site-studio', defaultAccount: { id: 'zoom-studio' } });
      r.child.kill('SIGTERM');
      expect((await r.exited).code).toBe(0);
    },
    120_000,
  );
});
