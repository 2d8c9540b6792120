import type { ConnectedProvider } from '@session-links/core';

/**
 * Zoom's API rate limits are per account and per second (the lowest, a free account's
 * "Medium" calls such as creating a meeting: 2 a second; Pro: 20). The pacer lets at most
 * `perSecond` calls go to one account in any `windowMs` (a little over a second, so a call
 * that reaches Zoom a few milliseconds late still falls in Zoom's next second) — whatever
 * Zoom's windows, it never sends more than Zoom allows.
 */
export class ZoomPacer {
  private readonly sent = new Map<string, number[]>();

  constructor(
    readonly perSecond = DEFAULT_ZOOM_REQUESTS_PER_SECOND,
    readonly windowMs = 1_100,
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (!(perSecond >= 1)) throw new RangeError(`ZoomPacer: perSecond must be at least 1, got ${perSecond}`);
  }

  /** The calls of `accountId` still in the window, oldest first (booked ones may lie ahead). */
  private log(accountId: string, now: number): number[] {
    const times = (this.sent.get(accountId) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length === 0) this.sent.delete(accountId);
    else this.sent.set(accountId, times);
    return times;
  }

  /**
   * How long until the account's next call may go (0: now); with `ahead`, the call after that
   * many more (an estimate: when a row left for later is due again, `take` decides).
   */
  delayMs(accountId: string, ahead = 0): number {
    const now = this.clock();
    const times = this.log(accountId, now);
    // The call `perSecond` places earlier must have left the window.
    const over = times.length + ahead - this.perSecond;
    if (over < 0) return 0;
    if (over < times.length) return Math.max(0, (times[over] as number) + this.windowMs - now);
    const last = times.at(-1) ?? now;
    return Math.max(0, last + this.windowMs * (1 + Math.floor((over - times.length) / this.perSecond)) - now);
  }

  /** Books the account's next slot and waits for it. */
  async take(accountId: string): Promise<void> {
    const wait = this.delayMs(accountId);
    const at = this.clock() + wait;
    const times = this.sent.get(accountId) ?? [];
    times.push(at);
    times.sort((a, b) => a - b);
    this.sent.set(accountId, times);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Zoom's lowest per-account limit for creating meetings (a free account): what the worker keeps to unless told otherwise. */
export const DEFAULT_ZOOM_REQUESTS_PER_SECOND = 2;

/**
 * Google Calendar's per-user quota: 600 requests a minute per user per project, over a sliding
 * minute (the Calendar API's usage limits). 10 in every 1.1 s window is at most ~546 a minute.
 */
export const DEFAULT_GOOGLE_REQUESTS_PER_SECOND = 10;

/**
 * Microsoft Graph documents no per-second limit for online meetings: 2,000 meetings per user a
 * month, 130,000 requests per 10 s per app across tenants, and for per-user (mailbox) resources
 * 4 requests at once and 10,000 per 10 minutes per app. 4 a second stays under all of them;
 * a 429 still stops the account until its Retry-After.
 */
export const DEFAULT_MICROSOFT_REQUESTS_PER_SECOND = 4;

/** The worker's pace per provider (R31): each provider limits its users differently. */
export type ProviderPacers = Partial<Record<ConnectedProvider, ZoomPacer>>;

/** Calls a second per account for each provider; a provider not given keeps its documented default. */
export function providerPacers(
  rates: Partial<Record<ConnectedProvider, number | undefined>> = {},
  windowMs?: number,
  clock?: () => number,
): Required<ProviderPacers> {
  const pacer = (perSecond: number | undefined, fallback: number) => new ZoomPacer(perSecond ?? fallback, windowMs, clock);
  return {
    zoom: pacer(rates.zoom, DEFAULT_ZOOM_REQUESTS_PER_SECOND),
    'google-meet': pacer(rates['google-meet'], DEFAULT_GOOGLE_REQUESTS_PER_SECOND),
    teams: pacer(rates.teams, DEFAULT_MICROSOFT_REQUESTS_PER_SECOND),
  };
}

/** The pacer for `provider`'s accounts: one pacer paces every provider alike (as before R31); a map, each its own. */
export const pacerFor = (pace: ZoomPacer | ProviderPacers | undefined, provider: ConnectedProvider): ZoomPacer | undefined =>
  pace instanceof ZoomPacer ? pace : pace?.[provider];
