import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster of the test's own, to restart, stop, freeze and
 * terminate under a running server (R25) without touching the shared one of
 * scripts/with-postgres.sh, which other test files use at the same time. The same
 * approach: the binaries under /usr/lib/postgresql/N/bin (or PG_BIN); as root the
 * cluster belongs to `postgres` and its commands run through `runuser -u postgres --`;
 * a free loopback port, the socket in the cluster's folder.
 */
const run = promisify(execFile);

export function findPostgresBin(): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')) && existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

export interface PgCluster {
  url: string;
  /** `pg_ctl restart -m fast`: every connection is ended, the server is back when it returns. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP to the postmaster, then to each of its processes: connections hang, nothing answers. */
  freeze(): void;
  /** SIGCONT to them all. */
  thaw(): void;
  /** Runs one statement on a connection of its own. */
  query<R extends pg.QueryResultRow>(text: string): Promise<R[]>;
  destroy(): Promise<void>;
}

export async function startPgCluster(bin: string): Promise<PgCluster> {
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await run('id', ['postgres']).catch(() => run('useradd', ['--system', '--home-dir', '/var/lib/postgresql', 'postgres']));
  const dir = mkdtempSync(path.join(tmpdir(), 'session-links-faults-pg-'));
  chmodSync(dir, 0o755);
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    chownSync(dir, Number(stdout.trim()), -1);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  const pgRun = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const ctl = (...args: string[]) => pgRun('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', ...args]);
  await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  await ctl('-o', options, 'start');
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  const postmaster = () => Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const childrenOf = (parent: number) =>
    readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .flatMap((p) => {
        try {
          // pid (comm) state ppid …: comm may hold spaces, so read after the last ')'.
          const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent ? [Number(p)] : [];
        } catch {
          return [];
        }
      });
  let frozen: number[] = [];

  return {
    url,
    restart: async () => {
      await ctl('-m', 'fast', '-o', options, 'restart');
    },
    stop: async () => {
      await ctl('-m', 'fast', 'stop');
    },
    start: async () => {
      await ctl('-o', options, 'start');
    },
    freeze() {
      const main = postmaster();
      // The postmaster first: it forks no new process once stopped.
      process.kill(main, 'SIGSTOP');
      frozen = [main, ...childrenOf(main)];
      for (const pid of frozen.slice(1)) process.kill(pid, 'SIGSTOP');
    },
    thaw() {
      for (const pid of frozen.slice(1)) process.kill(pid, 'SIGCONT');
      if (frozen[0]) process.kill(frozen[0], 'SIGCONT');
      frozen = [];
    },
    async query<R extends pg.QueryResultRow>(text: string) {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      client.on('error', () => undefined);
      await client.connect();
      try {
        return (await client.query<R>(text)).rows;
      } finally {
        await client.end();
      }
    },
    async destroy() {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
      await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
