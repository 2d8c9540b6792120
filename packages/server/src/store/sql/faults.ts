import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { StoreUnavailableError } from '../unavailable';

/**
 * PostgreSQL going away (R25): a restart, a failover, `pg_terminate_backend`, a stop or a
 * frozen server must never end the process, never leave a request hanging, and never
 * leave a transaction half-done. This module builds the pool that way and tells the
 * errors that mean "the database is away" from every other one.
 */

export interface PostgresTimeouts {
  /** A connection (a new one, or a free one of the pool) not had within this: UNAVAILABLE. */
  connectTimeoutMs: number;
  /**
   * The server cancels a statement running longer (`statement_timeout`); a statement the
   * server has not answered a second after that (a frozen server) is given up by the
   * client, and its connection closed, so the server rolls its transaction back.
   */
  statementTimeoutMs: number;
  /**
   * The server ends a session idle this long inside a transaction (a process that froze or
   * lost its way mid-transaction), releasing its locks. Above the meeting worker's longest
   * wait for Zoom inside its transaction (a 15 s request timeout, retries).
   */
  idleInTransactionTimeoutMs: number;
}

export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = {
  connectTimeoutMs: 3_000,
  statementTimeoutMs: 5_000,
  idleInTransactionTimeoutMs: 60_000,
};

/** Network errors of a connection that is refused, cut or cannot be made. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * SQLSTATEs of a server that is going or not there yet: admin_shutdown, crash_shutdown,
 * cannot_connect_now (starting up, shutting down, in recovery), and our own
 * idle_in_transaction_session_timeout. Class 08 (connection exceptions) is tested apart.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '25P03']);
/** What `pg` and `pg-pool` say, without a code, when a connection dies or never comes. */
const DRIVER_MESSAGES =
  /^(Connection terminated|timeout expired|timeout exceeded when trying to connect|Query read timeout|Client was closed and is not queryable|Client has encountered a connection error and is not queryable)/;
const READ_TIMEOUT = 'Query read timeout';

/** The short reason (errno, SQLSTATE, `timeout`, `connection lost`) when `error` means the database is away, else null. */
export function unavailableReason(error: unknown, depth = 0): string | null {
  if (!(error instanceof Error) || depth > 4) return null;
  if (error instanceof StoreUnavailableError) return error.reason;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return code;
    // query_canceled: only our statement_timeout (a cancel by hand stays an error of its own).
    if (code === '57014' && /statement timeout/.test(error.message)) return 'statement timeout';
  }
  if (DRIVER_MESSAGES.test(error.message)) return /timeout/.test(error.message) ? 'timeout' : 'connection lost';
  // Node's connect to several addresses (AggregateError), or a wrapped cause.
  for (const inner of [...((error as { errors?: unknown[] }).errors ?? []), error.cause]) {
    const reason = unavailableReason(inner, depth + 1);
    if (reason) return reason;
  }
  return null;
}

/** `error` as a `StoreUnavailableError` when it means the database is away; anything else as it is. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const reason = unavailableReason(error);
  return reason ? new StoreUnavailableError(reason, 2, { cause: error }) : error;
}

let lastLogged = 0;
/** One line, at most every 5 s: a restart ends every idle connection at once. */
function logLost(error: Error): void {
  const at = Date.now();
  if (at - lastLogged < 5_000) return;
  lastLogged = at;
  const code = (error as { code?: unknown }).code;
  console.warn(
    `[session-links] a database connection was lost (${typeof code === 'string' ? code : error.message}); new ones are made as needed`,
  );
}

/**
 * A `pg` pool that survives the server going away: its `error` event (an idle
 * connection ended by a restart or `pg_terminate_backend`) and every connection's own
 * (a connection cut while lent out) are handled, so neither ends the process; the pool
 * drops such connections and makes new ones. `timeouts` null: no timeouts (migrations).
 */
export function createPgPool(connectionString: string, max: number, timeouts: PostgresTimeouts | null, searchPath?: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    keepAlive: true,
    // The store's own schema, set as each connection starts (the caller checked the name).
    ...(searchPath && { options: `-c search_path=${searchPath}` }),
    ...(timeouts && {
      connectionTimeoutMillis: timeouts.connectTimeoutMs,
      statement_timeout: timeouts.statementTimeoutMs,
      query_timeout: timeouts.statementTimeoutMs + 1_000,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
    }),
  });
  pool.on('error', logLost);
  pool.on('connect', (client) => {
    // A lent-out connection's error also reaches its query; without a listener the event would end the process.
    client.on('error', () => undefined);
  });
  return pool;
}

/**
 * The pool as Kysely takes it, closing a connection whose statement went unanswered
 * (a frozen server): its ROLLBACK then fails at once instead of waiting as long again,
 * the pool discards it, and the server, when it wakes, rolls back what it had begun.
 */
export function kyselyPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let dead: Error | undefined;
      const query = async (text: string, values: readonly unknown[]) => {
        try {
          return await client.query(text, values as unknown[]);
        } catch (error) {
          if (!dead && error instanceof Error && error.message.startsWith(READ_TIMEOUT)) {
            dead = error;
            client.end().catch(() => undefined);
          }
          throw error;
        }
      };
      return { query, release: () => client.release(dead) } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
