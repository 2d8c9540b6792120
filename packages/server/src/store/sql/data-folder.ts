import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * Why an embedded (PGlite) data folder cannot be opened, in one line a host can act on:
 * the CLI prints `message` alone, never a stack.
 */
export class DataFolderError extends Error {
  constructor(
    message: string,
    readonly code: 'IN_USE' | 'NOT_WRITABLE' | 'CANNOT_OPEN',
    readonly dataDir: string,
  ) {
    super(message);
    this.name = 'DataFolderError';
  }
}

/** The lock file inside the data folder: `{ pid, host, at }` of the process that owns it. */
export const LOCK_FILE = 'session-links.lock';

interface Owner {
  pid: number;
  host: string;
  at: string;
  /** The Linux boot id when it was taken: another one means the machine restarted since. */
  boot?: string;
}

/** This boot of the machine (Linux), or undefined where there is no such file. */
function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The lock files this process holds now. A lock file with this process's own pid that is not
 * here was left by an earlier process that had the same pid (a container restarted in place
 * runs node as pid 1 again): stale, not ours. Process-wide on purpose: a lock is the process's.
 */
const held = new Set<string>();

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a file is in the way, not a folder',
  EEXIST: 'a file is in the way, not a folder',
  ENOSPC: 'no space left on the device',
};

/** `cannot write the data folder X (permission denied): …` for a file-system error, else null. */
function notWritable(dataDir: string, error: unknown): DataFolderError | null {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (!code || !(code in WHY)) return null;
  return new DataFolderError(
    `cannot write the data folder ${dataDir} (${WHY[code]}): the process needs to create and write files in it — ` +
      'give its user write access, choose another folder with --data, or use PostgreSQL (DATABASE_URL)',
    'NOT_WRITABLE',
    dataDir,
  );
}

function inUse(dataDir: string, owner: Owner | null): DataFolderError {
  const who = owner ? `process ${owner.pid} on ${owner.host}` : 'another process';
  return new DataFolderError(
    `the data folder ${dataDir} is in use by ${who} (lock file ${path.join(dataDir, LOCK_FILE)}; if no process uses the folder any more, ` +
      'e.g. its container was re-created under another host name, remove that file): one process per embedded (PGlite) data folder, or acknowledged writes get lost — ' +
      'run the meeting worker inside the server process (`session-links-server` runs it there by default) instead of a second process, ' +
      'or move to PostgreSQL (DATABASE_URL) to run several (`session-links-server migrate-to` copies the data)',
    'IN_USE',
    dataDir,
  );
}

function readOwner(file: string): Owner | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Owner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string')
      return { pid: parsed.pid, host: parsed.host, at: `${parsed.at}`, ...(typeof parsed.boot === 'string' ? { boot: parsed.boot } : {}) };
  } catch {
    // Unreadable or half-written: treated as held (the writer may still be finishing it).
  }
  return null;
}

/** True when `owner` is a process that is gone: on this host, and no process has its pid. */
function isStale(owner: Owner | null, file: string): boolean {
  // Empty or unreadable: a crash between creating and writing it, once it is older than a few seconds.
  if (!owner) return olderThan(file, 10_000);
  if (owner.host !== hostname()) return false;
  // Taken before the machine last started: no process of that boot is left.
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return true;
  if (owner.pid === process.pid) return !held.has(path.resolve(file));
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the pid exists (another user's process).
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function olderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > ms;
  } catch {
    return false;
  }
}

export interface DataFolderLock {
  /** Removes the lock file (when it is still ours). Idempotent. */
  release(): void;
}

/**
 * Makes sure `dataDir` exists and is writable, and takes its lock: a file created with
 * O_EXCL holding this process's pid and host. A crashed owner leaves the file behind; it
 * is stale when that pid is gone on this host, and is then taken over (renamed away first
 * and checked, so two processes taking over one stale lock cannot both win). Node 20 has
 * no flock without a native module, hence the file.
 */
export function lockDataFolder(dataDir: string): DataFolderLock {
  try {
    mkdirSync(dataDir, { recursive: true });
    if (!statSync(dataDir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (error) {
    throw notWritable(dataDir, error) ?? error;
  }
  const file = path.join(dataDir, LOCK_FILE);
  const boot = bootId();
  const me: Owner = { pid: process.pid, host: hostname(), at: new Date().toISOString(), ...(boot ? { boot } : {}) };
  const content = JSON.stringify(me);
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw notWritable(dataDir, error) ?? error;
      const owner = readOwner(file);
      if (!isStale(owner, file)) throw inUse(dataDir, owner);
      takeOver(file, owner);
      continue;
    }
    try {
      writeSync(fd, content);
    } catch (error) {
      closeSync(fd);
      unlinkSync(file);
      throw notWritable(dataDir, error) ?? error;
    }
    closeSync(fd);
    held.add(path.resolve(file));
    const onExit = () => release();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      held.delete(path.resolve(file));
      process.off('exit', onExit);
      try {
        if (readFileSync(file, 'utf8') === content) unlinkSync(file);
      } catch {
        // Already gone.
      }
    };
    // process.exit() without close(): leave no lock behind (a crash leaves a stale one).
    process.on('exit', onExit);
    return { release };
  }
  throw inUse(dataDir, readOwner(file));
}

/** Moves a stale lock out of the way, unless someone took it over in between (then it is put back). */
function takeOver(file: string, stale: Owner | null): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch {
    return; // Someone else moved it: try again.
  }
  const moved = readOwner(aside);
  if (stale === null ? moved === null : moved?.pid === stale.pid && moved.host === stale.host && moved.at === stale.at) {
    unlinkSync(aside);
    return;
  }
  // We moved a live lock someone just took: put it back (link fails if the name is taken again).
  try {
    linkSync(aside, file);
  } catch {
    // Taken again meanwhile: the next attempt reads that one.
  }
  unlinkSync(aside);
}
