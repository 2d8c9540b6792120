import { describeFault } from '../http/fault-log';
import { StoreUnavailableError } from '../store/unavailable';
import type { ClaimedNotice, Outbox } from './outbox';
import { addressInvalid, isOneMailbox, type NoticeTransport, type RenderNotice, TransportError } from './transports/transport';

export interface BackoffOptions {
  /** The wait after the first failed attempt (default 1 minute); it doubles with each. */
  baseMs?: number;
  /** The longest wait (default 6 hours). */
  maxMs?: number;
  /** 0 ≤ random() < 1 (default Math.random): the jitter, up to a fifth of the wait off, so failures spread out. */
  random?: () => number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/** When attempt number `attempts + 1` is due after `attempts` failed ones: 1 min, 2, 4 … up to 6 h, minus up to 20 % jitter. */
export function nextAttemptAt(attempts: number, at: Date, options: BackoffOptions = {}): Date {
  const base = options.baseMs ?? 60_000;
  const max = options.maxMs ?? 6 * 60 * 60_000;
  const wait = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  const jitter = wait * 0.2 * (options.random ?? Math.random)();
  return new Date(at.getTime() + Math.round(wait - jitter));
}

export interface DeliveryOptions {
  outbox: Outbox;
  transport: NoticeTransport;
  render: RenderNotice;
  /** Notices per claim (default 50). */
  batchSize?: number;
  /** Sends in flight at once (default 10). */
  concurrency?: number;
  /** How long a claim holds before another worker may take the notice again (default 2 minutes). */
  leaseMs?: number;
  /** Attempts before a notice is dead (default 8). */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /**
   * R29: how long a new notice waits before its first attempt, so changes close together for
   * one booking become one message (later changes fold into the waiting notice). Default 0 (at
   * once); the CLI and `createSessionLinksServer` wait `DEFAULT_NOTICE_SETTLE_MS` unless
   * `SESSION_LINKS_NOTICE_SETTLE_SECONDS` says otherwise.
   */
  settleMs?: number;
  now?: () => Date;
}

export interface DeliveryResult {
  claimed: number;
  sent: number;
  /** Failed this time, to be tried again. */
  failed: number;
  dead: number;
  /** Delivered, but the claim had passed to another worker (lease expired): not recorded by this one. */
  lost: number;
}

/** One short reason for a failed delivery: the transport's own, or the error's class (never its message). */
function reasonOf(error: unknown): { reason: string; permanent: boolean } {
  if (error instanceof TransportError) return { reason: error.reason, permanent: error.permanent };
  return { reason: `render or send failed (${error instanceof Error ? error.name : typeof error})`, permanent: false };
}

/**
 * One run: claims a batch of due notices, renders and sends each, records each outcome.
 * A notice is recorded `sent` only after the transport took it; when the process dies in
 * between, its lease runs out and a worker sends it again with the same Message-ID.
 */
export async function runDelivery(options: DeliveryOptions): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const at = now();
  const claimed = await options.outbox.claim({
    now: at,
    limit: options.batchSize ?? 50,
    leaseMs: options.leaseMs ?? 120_000,
    ...(options.settleMs ? { settledBefore: new Date(at.getTime() - options.settleMs) } : {}),
  });
  const result: DeliveryResult = { claimed: claimed.length, sent: 0, failed: 0, dead: 0, lost: 0 };
  // Rendered together where the renderer can (a failure here: each notice is rendered on its own below).
  if (claimed.length > 0) await options.render.prepare?.(claimed).catch(() => undefined);
  const deliver = async (notice: ClaimedNotice) => {
    try {
      if (!isOneMailbox(notice.client.email)) throw addressInvalid();
      const message = await options.render(notice);
      await options.transport.send(notice, message);
    } catch (error) {
      const { reason, permanent } = reasonOf(error);
      const at = now();
      const dead = permanent || notice.attempts >= maxAttempts;
      const recorded = await options.outbox.fail(
        notice.id,
        { at, error: reason, dead, nextAttemptAt: dead ? null : nextAttemptAt(notice.attempts, at, options.backoff) },
        notice.claim,
      );
      if (!recorded) result.lost += 1;
      else if (dead) result.dead += 1;
      else result.failed += 1;
      return;
    }
    if (await options.outbox.complete(notice.id, now(), notice.claim)) result.sent += 1;
    else result.lost += 1;
  };
  const queue = [...claimed];
  const lanes = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 10, queue.length)) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await deliver(next);
  });
  await Promise.all(lanes);
  return result;
}

export interface StartDeliveryWorkerOptions extends DeliveryOptions {
  /** Pause between runs (default 5 s). A run that claimed a full batch is followed by another at once. */
  intervalMs?: number;
  onRun?: (result: DeliveryResult) => void;
  onError?: (error: unknown) => void;
}

export interface DeliveryWorker {
  /** Runs once now (after the run in progress, if any). */
  runNow(): Promise<DeliveryResult>;
  /** Stops the timer, waits for the run in progress, closes the transport. */
  stop(): Promise<void>;
}

const EMPTY: DeliveryResult = { claimed: 0, sent: 0, failed: 0, dead: 0, lost: 0 };

/**
 * The delivery worker (R29) beside the meeting worker: delivers due notices on an interval,
 * one run at a time. Several processes may run one each over PostgreSQL: claims skip each
 * other's rows. The database away (R25): one line, and the next run tries again.
 */
export function startDeliveryWorker(options: StartDeliveryWorkerOptions): DeliveryWorker {
  const intervalMs = options.intervalMs ?? 5_000;
  const batch = options.batchSize ?? 50;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<DeliveryResult> = Promise.resolve(EMPTY);

  const runOnce = (): Promise<DeliveryResult> => {
    const next = running.catch(() => EMPTY).then(() => runDelivery(options));
    running = next;
    return next;
  };

  const tick = async () => {
    timer = undefined;
    let full = false;
    try {
      const result = await runOnce();
      options.onRun?.(result);
      full = result.claimed >= batch;
    } catch (error) {
      if (options.onError) options.onError(error);
      else if (error instanceof StoreUnavailableError)
        console.warn(`[session-links] delivery worker: ${error.message}; next run in ${Math.ceil(intervalMs / 1000)} s`);
      // Class, SQLSTATE and frames only: a failed statement's parameters carry addresses and links.
      else console.error(`[session-links] delivery worker: ${describeFault(error)}`);
    }
    if (!stopped) timer = setTimeout(tick, full ? 0 : intervalMs);
  };
  timer = setTimeout(tick, 0);

  return {
    runNow: runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
      await options.transport.close?.();
    },
  };
}
