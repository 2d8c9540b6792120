import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DataFolderError, LOCK_FILE, openPgliteStore } from '../src/store/sql';

// R25: one process owns an embedded (PGlite) data folder; a second one refuses to start and says why.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'packages/server/src/cli.ts');
const { DATABASE_URL: _fromWrapper, SESSION_LINKS_DB_SCHEMA: _schema, ...cleanEnv } = process.env;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'session-links-folder-'));
  dirs.push(dir);
  return dir;
};

function run(args: string[], options: { asUser?: string } = {}) {
  const node = [process.execPath, '--import', 'tsx', '--conditions=@session-links/source', cli, ...args];
  const [cmd, ...rest] = options.asUser ? ['runuser', '-u', options.asUser, '--', ...node] : node;
  const child = spawn(cmd as string, rest, { cwd: root, env: cleanEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, stdout: () => out, stderr: () => err };
}

async function start(args: string[]) {
  const r = run(['--port', '0', ...args]);
  const api = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(r.stdout());
      if (m?.[1]) resolve(`${m[1]}/api/session-links`);
    };
    r.child.stdout?.on('data', check);
    r.exited.then(({ code }) => reject(new Error(`the CLI exited (${code}) before listening:\n${r.stdout()}${r.stderr()}`)));
  });
  return { ...r, api };
}

describe('one process per PGlite data folder (R25)', () => {
  it('openPgliteStore twice on one folder: the second refuses, naming the folder; after close it opens again', async () => {
    const dir = freshDir();
    const first = await openPgliteStore({ dataDir: dir });
    try {
      const second = openPgliteStore({ dataDir: dir });
      await expect(second).rejects.toBeInstanceOf(DataFolderError);
      await expect(second).rejects.toMatchObject({ code: 'IN_USE' });
      await expect(second).rejects.toThrow(dir);
      await expect(second).rejects.toThrow(/meeting worker inside the server process.*PostgreSQL \(DATABASE_URL\)/);
      // The first one still works.
      expect(await first.transaction((t) => t.getSettings('site-x'))).toEqual({ value: null, version: 0 });
    } finally {
      await first.close();
    }
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = await openPgliteStore({ dataDir: dir });
    await again.close();
  }, 120_000);

  it('takes over the lock of a process that is gone (a crash leaves the file behind)', async () => {
    const dir = freshDir();
    // A pid that existed and is gone now.
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid as number;
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: gone, host: hostname(), at: '2020-01-01T00:00:00.000Z' }));
    const store = await openPgliteStore({ dataDir: dir });
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
    // A live process's lock is not taken over.
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: hostname(), at: 'x' }));
    await expect(openPgliteStore({ dataDir: dir })).rejects.toMatchObject({ code: 'IN_USE' });
  }, 120_000);

  it('takes over a lock left with its own pid (a container restarted in place runs node as the same pid) or from before the machine restarted', async () => {
    const dir = freshDir();
    // An earlier process with this very pid: not a lock this process holds.
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), at: '2020-01-01T00:00:00.000Z' }));
    const store = await openPgliteStore({ dataDir: dir });
    // While this process holds it, a second open in the same process is refused all the same.
    await expect(openPgliteStore({ dataDir: dir })).rejects.toMatchObject({ code: 'IN_USE' });
    await store.close();
    // A live pid, but taken in another boot of the machine (Linux: /proc's boot id).
    if (existsSync('/proc/sys/kernel/random/boot_id')) {
      writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: hostname(), at: 'x', boot: 'an-earlier-boot' }));
      const again = await openPgliteStore({ dataDir: dir });
      expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
      await again.close();
    }
  }, 120_000);

  it('the CLI: a second server and a `worker` on a folder the server holds refuse in one line; the server keeps serving', async () => {
    const data = freshDir();
    const server = await start(['--data', data, '--seed', 'zoom-default', '--dev-auth']);
    // The meeting worker runs inside the server process on the embedded default.
    expect(server.stdout()).toContain('meeting worker: in this process');

    for (const args of [
      ['--port', '0', '--data', data],
      ['worker', '--zoom', 'in-process', '--data', data],
    ]) {
      const second = run(args);
      expect((await second.exited).code).toBe(1);
      const lines = second.stderr().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^session-links-server: the data folder .* is in use by process \d+/);
      expect(lines[0]).toContain(data);
      expect(lines[0]).toContain('run the meeting worker inside the server process');
      expect(lines[0]).toContain('PostgreSQL (DATABASE_URL)');
    }

    const me = await fetch(`${server.api}/sites/site-studio/me`, { headers: { authorization: 'Bearer dev:owner' } });
    expect(me.status).toBe(200);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    // Released on a clean stop.
    expect(existsSync(path.join(data, LOCK_FILE))).toBe(false);
  }, 240_000);
});

describe('a data folder the process cannot write (R25)', () => {
  it('a file in the way: one line naming the folder, no stack', async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, 'file'), 'not a folder');
    const data = path.join(dir, 'file', 'data');
    const r = run(['--port', '0', '--data', data]);
    expect((await r.exited).code).toBe(1);
    expect(r.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^session-links-server: cannot write the data folder /)]);
    expect(r.stderr()).toContain(`${data} (a file is in the way, not a folder)`);
  }, 60_000);

  it('no write permission: one line naming the folder and the permission', async () => {
    const data = path.join(freshDir(), 'data');
    mkdirSync(data);
    // Root writes anywhere: run the CLI as `nobody` then, who may not write a folder root owns (0755).
    const root = process.getuid?.() === 0;
    if (root) chmodSync(path.dirname(data), 0o755);
    else chmodSync(data, 0o555);
    const r = run(['--port', '0', '--data', data], root ? { asUser: 'nobody' } : {});
    expect((await r.exited).code).toBe(1);
    expect(r.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(/^session-links-server: cannot write the data folder .* \(permission denied\): .*--data.*DATABASE_URL/),
    ]);
    expect(r.stderr()).toContain(`the data folder ${data} (permission denied)`);
  }, 60_000);
});
