import { describeFault } from './http/fault-log';
import type { ProviderGateway, ZoomGateway } from './providers/gateway';
import type { ProviderTokens } from './providers/gateway-tokens';
import type { ZoomIntegration } from './providers/zoom/connect';
import { providerRuntimes } from './service';
import { type MeetingWorkerResult, runMeetingWorker } from './service/meeting-worker';
import { providerPacers } from './service/zoom-pacer';
import type { Store } from './store/types';
import { StoreUnavailableError } from './store/unavailable';

export interface StartMeetingWorkerOptions {
  store: Store;
  /** The Zoom gateway (or integration) the handler uses, so tokens are opened with the same key. */
  gateway?: ZoomGateway | ZoomIntegration;
  /** The other providers' gateways the handler uses (R31), as `createHandler`'s `providers`. */
  providers?: readonly (ProviderGateway | { gateway: ProviderGateway; tokens: ProviderTokens })[];
  /** Pause between runs (default 15 s). A run that handled a full batch is followed by another at once. */
  intervalMs?: number;
  /** Meetings per run (one transaction). Default 50. */
  batchSize?: number;
  /**
   * Calls a second the worker sends to one Zoom account (Zoom limits each account: a free
   * account 2 meeting creates a second, Pro 20). Default 2, which every account allows; a
   * host whose staff all have paid Zoom accounts may raise it. Zoom never has to answer 429.
   */
  zoomRequestsPerSecond?: number;
  /** Calls a second to one Google account. Default 10 (Calendar allows 600 a minute per user). */
  googleRequestsPerSecond?: number;
  /** Calls a second to one Microsoft account. Default 4 (Graph documents no per-second limit for online meetings). */
  microsoftRequestsPerSecond?: number;
  now?: () => Date;
  onRun?: (result: MeetingWorkerResult) => void;
  onError?: (error: unknown) => void;
}

export interface MeetingWorker {
  /** Runs once now (after the run in progress, if any). */
  runNow(): Promise<MeetingWorkerResult>;
  /** Stops the timer and waits for the run in progress. */
  stop(): Promise<void>;
}

/**
 * The meeting worker inside the server process (R22): runs the due provider work on an
 * interval, one run at a time. Several processes may run one each: rows are claimed
 * with `FOR UPDATE SKIP LOCKED`, tokens refreshed under their row lock.
 */
export function startMeetingWorker(options: StartMeetingWorkerOptions): MeetingWorker {
  const zoom = options.gateway;
  const runtimes = providerRuntimes({
    zoom: zoom === undefined ? null : 'gateway' in zoom ? zoom.gateway : zoom,
    ...(zoom !== undefined && 'gateway' in zoom ? { tokens: zoom.tokens } : {}),
    providers: options.providers,
  });
  const intervalMs = options.intervalMs ?? 15_000;
  const limit = options.batchSize ?? 50;
  // Each provider's accounts at that provider's rate (R31).
  const pace = providerPacers({
    zoom: options.zoomRequestsPerSecond,
    'google-meet': options.googleRequestsPerSecond,
    teams: options.microsoftRequestsPerSecond,
  });
  /** After a run that left rows for their account's next second: soon, not after the whole interval. */
  const pacedRetryMs = Math.min(
    intervalMs,
    ...(Object.keys(runtimes) as (keyof typeof pace)[]).map((provider) => Math.ceil(pace[provider].windowMs / pace[provider].perSecond)),
  );
  const now = options.now ?? (() => new Date());
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<MeetingWorkerResult> = Promise.resolve({ created: 0, updated: 0, deleted: 0, adopted: 0, failed: 0 });

  const runOnce = (): Promise<MeetingWorkerResult> => {
    const next = running.catch(() => undefined).then(() => runMeetingWorker(options.store, runtimes, now(), { limit, pace }));
    running = next;
    return next;
  };

  const tick = async () => {
    timer = undefined;
    let full = false;
    let paced = false;
    try {
      const result = await runOnce();
      options.onRun?.(result);
      full = result.created + result.updated + result.deleted + (result.adopted ?? 0) + result.failed + (result.paced ?? 0) >= limit;
      paced = (result.paced ?? 0) > 0;
    } catch (error) {
      if (options.onError) options.onError(error);
      // The database is away (R25): one line, no stack; the next run tries again.
      else if (error instanceof StoreUnavailableError)
        console.warn(`[session-links] meeting worker: ${error.message}; next run in ${Math.ceil(intervalMs / 1000)} s`);
      // Class, SQLSTATE and frames only: a failed statement's parameters carry meeting passwords (R26).
      else console.error(`[session-links] meeting worker: ${describeFault(error)}`);
    }
    if (!stopped) timer = setTimeout(tick, full ? 0 : paced ? pacedRetryMs : intervalMs);
  };
  timer = setTimeout(tick, 0);

  return {
    runNow: runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
