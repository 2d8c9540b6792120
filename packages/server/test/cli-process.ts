import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'packages/server/src/cli.ts');

export type CliRun = ReturnType<ReturnType<typeof cliProcesses>['run']>;

/**
 * The CLI as a user runs it, for a provider's CLI tests: a child process from source, talked to
 * over HTTP on loopback. `scrub` says which of this shell's variables the children never see (a
 * provider's configuration, the token key); `DATABASE_URL` is never passed. Registers the file's
 * hooks: children killed after each test, data folders removed after all.
 */
export function cliProcesses(options: { dirPrefix: string; scrub: (key: string) => boolean }) {
  const { DATABASE_URL: _db, ...cleanEnv } = process.env;
  for (const key of Object.keys(cleanEnv)) if (options.scrub(key)) delete cleanEnv[key];
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  /** An empty data folder, removed after the file's tests. */
  const freshDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), options.dirPrefix));
    dirs.push(dir);
    return dir;
  };
  function run(args: string[], env: NodeJS.ProcessEnv = {}) {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', cli, ...args], {
      cwd: root,
      env: { ...cleanEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const exited = new Promise<{ code: number | null }>((resolve) => child.on('exit', (code) => resolve({ code })));
    return { child, exited, output: () => out };
  }
  /** Resolves once the output matches `pattern`; rejects if the CLI exits first. */
  function printed(r: ReturnType<typeof run>, pattern: RegExp): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(r.output());
        if (m) resolve(m);
      };
      r.child.stdout?.on('data', check);
      check();
      r.exited.then(({ code }) => reject(new Error(`the CLI exited (${code}) before printing ${pattern}:\n${r.output()}`)));
    });
  }
  return { run, printed, freshDir };
}
