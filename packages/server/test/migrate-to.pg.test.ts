import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTokenCipher, generateTokenKey } from '../src/providers/tokens';
import { openPgliteStore, openPostgresStore, recreateDatabase } from '../src/store/sql';

// A real PostgreSQL: scripts/with-postgres.sh (run by `npm test` and CI) sets this.
const pgUrl = process.env.SESSION_LINKS_TEST_DATABASE_URL;
if (!pgUrl) {
  if (process.env.CI)
    throw new Error('SESSION_LINKS_TEST_DATABASE_URL is not set: CI runs the PostgreSQL migrate-to test, it never skips it');
  console.warn('migrate-to.pg.test.ts: SESSION_LINKS_TEST_DATABASE_URL is not set — SKIPPED (run it with scripts/with-postgres.sh)');
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'packages/server/src/cli.ts');
const { DATABASE_URL: _fromWrapper, SESSION_LINKS_DB_SCHEMA: _schema, ...cleanEnv } = process.env;
const SECRET = 'migrate-to-secret';
const TOKEN_KEY = generateTokenKey();

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', cli, ...args], {
    cwd: root,
    env: { ...cleanEnv, SESSION_LINKS_SYNC_SECRET: SECRET, SESSION_LINKS_TOKEN_KEY: TOKEN_KEY, ...env },
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
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => out };
}

async function start(args: string[], env: NodeJS.ProcessEnv = {}) {
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

const day = 86_400_000;
const range = () =>
  `from=${encodeURIComponent(new Date(Date.now() - 7 * day).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 28 * day).toISOString())}`;

/** What a user sees of the site, for comparing before and after. */
async function snapshot(api: string) {
  const S = `${api}/sites/site-studio`;
  return {
    settings: (await call(`${S}/settings`, { user: 'owner' })).body,
    staff: (await call(`${S}/staff`, { user: 'owner' })).body,
    sessions: (await call(`${S}/sessions?${range()}`, { user: 'owner' })).body,
    late: (await call(`${S}/sessions/late-1`, { user: 'owner' })).body,
    me: (await call(`${S}/me`, { user: 'anna' })).body,
  };
}

describe.skipIf(!pgUrl)('session-links-server migrate-to (embedded data to PostgreSQL)', () => {
  it('copies a PGlite folder into an empty PostgreSQL: the server on DATABASE_URL serves the same data, versions and sealed tokens', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'session-links-migrate-'));
    dirs.push(data);
    const first = await start(['--data', data, '--seed', 'zoom-default', '--dev-auth', '--zoom', 'fake']);
    const S = `${first.api}/sites/site-studio`;
    expect(
      (
        await call(`${S}/settings/default-account`, {
          method: 'PUT',
          user: 'owner',
          body: JSON.stringify({ link: { url: 'https://meet.google.com/abc-defg-hij' }, version: 1 }),
        })
      ).status,
    ).toBe(200);
    const synced = await fetch(`${first.api}/sync/sites/site-studio/sessions/late-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-session-links-sync-secret': SECRET },
      body: JSON.stringify({
        serviceId: 'yoga',
        staffId: 'bram',
        start: new Date(Date.now() + 3 * day).toISOString(),
        end: new Date(Date.now() + 3 * day + 3_600_000).toISOString(),
      }),
    });
    expect(synced.status).toBe(200);
    const before = await snapshot(first.api);
    expect(before.settings).toMatchObject({ version: 2, defaultAccount: { kind: 'custom' } });
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);

    const url = await recreateDatabase(pgUrl as string, 'sl_migrate_to_test');
    const copied = run(['migrate-to', url, '--data', data]);
    expect(await copied.exited).toEqual({ code: 0, signal: null });
    expect(copied.output()).toMatch(/copied \d+ rows from PGlite/);
    expect(copied.output()).toMatch(/host_sessions +\d+/);
    expect(copied.output()).toMatch(/sl_settings +1\n/);
    expect(copied.output()).toMatch(/sl_tokens +[1-9]/);

    // A second copy into the now full target is refused and changes nothing; --force replaces.
    const again = run(['migrate-to', url, '--data', data]);
    expect((await again.exited).code).toBe(1);
    expect(again.output()).toMatch(
      /^session-links-server: the target database already holds session-links data \(.*sl_settings 1.*\): .*--force/,
    );
    const forced = run(['migrate-to', url, '--data', data, '--force']);
    expect(await forced.exited).toEqual({ code: 0, signal: null });

    // The sealed Zoom tokens open with the same key (read as copied, before a server works on them).
    const target = await openPostgresStore({ connectionString: url, max: 1 });
    try {
      const { rows } = await sql<{
        account_id: string;
        access_token: string;
        refresh_token: string;
      }>`select account_id, access_token, refresh_token
        from sl_tokens`.execute(target.db);
      expect(rows.length).toBeGreaterThan(0);
      const cipher = await createTokenCipher(TOKEN_KEY);
      for (const row of rows) {
        expect(await cipher.decrypt(row.access_token, row.account_id)).not.toBe('');
        expect(await cipher.decrypt(row.refresh_token, row.account_id)).not.toBe('');
      }
    } finally {
      await target.close();
    }
    const second = await start(['--dev-auth', '--zoom', 'fake'], { DATABASE_URL: url });
    expect(second.output()).toContain('storage: PostgreSQL');
    expect(await snapshot(second.api)).toEqual(before);
    // R20 keeps working on the copied versions.
    const S2 = `${second.api}/sites/site-studio`;
    const stale = await call(`${S2}/settings/default-account`, {
      method: 'PUT',
      user: 'owner',
      body: JSON.stringify({ link: { url: 'https://meet.google.com/zzz-zzzz-zzz' }, version: 1 }),
    });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    const fresh = await call(`${S2}/settings/default-account`, {
      method: 'PUT',
      user: 'owner',
      body: JSON.stringify({ link: { url: 'https://meet.google.com/zzz-zzzz-zzz' }, version: 2 }),
    });
    expect(fresh).toMatchObject({ status: 200, body: { version: 3 } });
    // Synced rows keep their order and new ones come after them (identity columns carried on).
    const added = await fetch(`${second.api}/sync/sites/site-studio/sessions/later-2`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-session-links-sync-secret': SECRET },
      body: JSON.stringify({
        serviceId: 'yoga',
        staffId: 'bram',
        start: new Date(Date.now() + 3 * day).toISOString(),
        end: new Date(Date.now() + 3 * day + 3_600_000).toISOString(),
      }),
    });
    expect(added.status).toBe(200);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    // The source is as it was: still version 2, without what was written on PostgreSQL.
    const source = await openPgliteStore({ dataDir: data });
    try {
      expect(await source.transaction((t) => t.getSettings('site-studio'))).toMatchObject({ version: 2 });
      expect(await source.transaction((t) => t.getSession('site-studio', 'later-2'))).toBeNull();
    } finally {
      await source.close();
    }
  }, 300_000);

  it('refuses without a PGlite folder, and while the server owns the folder', async () => {
    const url = await recreateDatabase(pgUrl as string, 'sl_migrate_to_refuse_test');
    const empty = mkdtempSync(path.join(tmpdir(), 'session-links-migrate-'));
    dirs.push(empty);
    const none = run(['migrate-to', url, '--data', empty]);
    expect((await none.exited).code).toBe(1);
    expect(none.output()).toContain(`no embedded data in ${empty}`);

    const data = mkdtempSync(path.join(tmpdir(), 'session-links-migrate-'));
    dirs.push(data);
    const server = await start(['--data', data, '--seed', 'zoom-default', '--dev-auth']);
    const busy = run(['migrate-to', url, '--data', data]);
    expect((await busy.exited).code).toBe(1);
    expect(busy.output()).toMatch(/the data folder .* is in use by process/);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, 180_000);
});
