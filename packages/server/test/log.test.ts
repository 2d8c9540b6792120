import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { recreateDatabase } from '../src/store/sql';

// R26: the default error log (no onError) names the fault, never what the request carried.
// The handler runs in a child process and its real stderr is read: no spy on console.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = path.join(root, 'packages/server/test/fixtures/fault-server.ts');
const PASSWORD = 'hunter2-Secret-Room-Password';
const DESCRIPTION = 'Door code 4711 for the back entrance';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function until(done: () => boolean, what: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function faultServer(env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', fixture], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (c: Buffer) => {
    out.stdout += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out.stderr += c.toString();
  });
  await until(
    () => /listening \d+/.test(out.stdout) || child.exitCode !== null,
    () => out.stdout + out.stderr,
  );
  const port = /listening (\d+)/.exec(out.stdout)?.[1];
  if (!port) throw new Error(`the fixture did not start:\n${out.stdout}${out.stderr}`);
  return { api: `http://127.0.0.1:${port}/api/session-links/sites/site-studio`, out };
}

async function forcedFault(server: Awaited<ReturnType<typeof faultServer>>) {
  const owner = { authorization: 'Bearer dev:owner' };
  const { version } = (await (await fetch(`${server.api}/settings`, { headers: owner })).json()) as { version: number };
  const res = await fetch(`${server.api}/settings/default-account`, {
    method: 'PUT',
    headers: { ...owner, 'content-type': 'application/json' },
    body: JSON.stringify({ link: { url: 'https://whereby.com/secret-room', password: PASSWORD, description: DESCRIPTION }, version }),
  });
  expect(res.status, await res.clone().text()).toBe(500);
  const body = (await res.json()) as { error: { code: string; requestId: string } };
  expect(body.error.code).toBe('SERVER');
  const { requestId } = body.error;
  await until(
    () => server.out.stderr.includes(requestId),
    () => `no log line with ${requestId}:\n${server.out.stderr}`,
  );
  const log = server.out.stderr;
  for (const secret of [PASSWORD, DESCRIPTION, 'secret-room', 'whereby.com'])
    expect(log, `the log carries ${secret}`).not.toContain(secret);
  expect(log).toContain(`SERVER ${requestId} PUT setDefaultCustomLink`);
  expect(log).toContain('SQLSTATE 23514');
}

describe('the default error log (R26)', () => {
  it('PGlite: a database fault on a write logs request id, route, class and SQLSTATE, never the password or any value sent', async () => {
    await forcedFault(await faultServer());
  }, 120_000);

  const url = process.env.SESSION_LINKS_TEST_DATABASE_URL;
  it.skipIf(!url)(
    'PostgreSQL: the same',
    async () => {
      await forcedFault(await faultServer({ FAULT_DATABASE_URL: await recreateDatabase(url as string, 'sl_log_test') }));
    },
    120_000,
  );
});
