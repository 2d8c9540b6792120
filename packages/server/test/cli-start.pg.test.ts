import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { recreateDatabase } from '../src/store/sql';

// A real PostgreSQL: scripts/with-postgres.sh (run by `npm test` and CI) sets this.
const pgUrl = process.env.SESSION_LINKS_TEST_DATABASE_URL;
if (!pgUrl) {
  if (process.env.CI) throw new Error('SESSION_LINKS_TEST_DATABASE_URL is not set: CI runs the PostgreSQL CLI tests, it never skips them');
  console.warn('cli-start.pg.test.ts: SESSION_LINKS_TEST_DATABASE_URL is not set — SKIPPED (run it with scripts/with-postgres.sh)');
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'packages/server/src/cli.ts');
const { DATABASE_URL: _fromWrapper, SESSION_LINKS_DB_SCHEMA: _schema, ...cleanEnv } = process.env;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts the CLI; resolves with its API once it listens, or with its output when it exits first. */
function start(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', cli, '--port', '0', ...args], {
    cwd: root,
    env: { ...cleanEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  const listening = new Promise<{ api: string | null; output: () => string }>((resolve) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
      if (m?.[1]) resolve({ api: `${m[1]}/api/session-links`, output: () => out });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', () => resolve({ api: null, output: () => out }));
  });
  return listening;
}

describe.skipIf(!pgUrl)('PostgreSQL: several instances starting at once (R25)', () => {
  it('four instances with --seed on an empty database all come up; exactly one seeds', async () => {
    const url = await recreateDatabase(pgUrl as string, 'sl_cli_four_test');
    const started = await Promise.all([0, 1, 2, 3].map(() => start(['--seed', 'zoom-default', '--dev-auth'], { DATABASE_URL: url })));
    for (const s of started) expect(s.api, s.output()).not.toBeNull();
    expect(started.filter((s) => s.output().includes('seeded scenario zoom-default'))).toHaveLength(1);
    expect(started.filter((s) => s.output().includes('--seed zoom-default skipped'))).toHaveLength(3);
    for (const s of started) {
      const me = await fetch(`${s.api}/sites/site-studio/me`, { headers: { authorization: 'Bearer dev:owner' } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ id: 'owner', role: 'owner' });
      // Seeded once: the scenario's version, not four seeds' worth.
      const settings = await fetch(`${s.api}/sites/site-studio/settings`, { headers: { authorization: 'Bearer dev:owner' } });
      expect(await settings.json()).toMatchObject({ version: 1, defaultAccount: { id: 'zoom-studio' } });
    }
  }, 180_000);
});
