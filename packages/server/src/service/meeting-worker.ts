import { type ConnectedProvider, meetingKey } from '@session-links/core';
import type { ProviderGateway } from '../providers/gateway';
import { isSealed, type ProviderTokens, REFUSED, type TxTokens, tokensFor, zoomErrorOf } from '../providers/gateway-tokens';
import type { AccessTokenResult } from '../providers/tokens';
import type { ZoomError } from '../providers/zoom/client';
import { hasStoreNotices, type MeetingRef, type Store, type StoredMeeting, type StoreTx } from '../store/types';
import { type OnLinkChanges, recordLinkChanges, ZOOM_ACTOR } from './history';
import { replanStranded } from './meetings';
import { noticeRecorder } from './notices';
import { type ProviderPacers, pacerFor, type ZoomPacer } from './zoom-pacer';

// The meeting worker (R22): claims due meetings, calls Zoom outside any transaction, records the outcome.
// Over 500 lines because a meeting's claim, Zoom call and recorded outcome are one protocol (lease, attempt id, adoption) best read in one place.

export interface MeetingWorkerOptions {
  /** Meetings handled per run. */
  limit?: number;
  /** Only this site's meetings (the mocks complete a write's meetings at once). */
  siteId?: string;
  /** The server's horizon (R22), for a session planned again here. Default 14 days. */
  horizonDays?: number;
  /** With one gateway: its tokens (the key they are sealed with). Default: those bound to the gateway. */
  tokens?: ProviderTokens;
  /**
   * The run whose create attempts were committed before this transaction (`runMeetingWorker`
   * does that). Given: a create is sent to Zoom only for a row carrying a committed attempt,
   * and a row carrying another run's attempt is looked up at Zoom first. Absent (one
   * transaction, e.g. the mocks' inline mode with the in-process fake): rows without an
   * attempt are created directly.
   */
  attemptId?: string;
  /** The rows to work on (locked now), instead of the due ones: those `recordCreateAttempts` leased for this run. */
  claimed?: readonly MeetingRef[];
  /**
   * Zoom's per-account rate limit, kept by the caller across runs (`startMeetingWorker` does):
   * calls to an account are spaced so that Zoom never has to answer 429. A row whose account
   * has no call left this second is left for a later run (`paced`, not a failure) while other
   * accounts' rows go: the transaction never waits long (on PGlite it holds the connection).
   * Absent: no pacing (a 429 still stops the account's batch until Retry-After). One pacer
   * paces every provider's accounts alike; a map (`providerPacers`) each provider at its own rate.
   */
  pace?: ZoomPacer | ProviderPacers;
  /**
   * R30's hook: the link changes this run recorded (meetings made, re-made, deleted), in its
   * transaction. Default: R29's notices through the store's own outbox, when it keeps one.
   */
  onLinkChanges?: OnLinkChanges | undefined;
}

/**
 * The providers the worker makes meetings with (R31): one gateway (its tokens: `options.tokens`
 * or those bound to it), or each configured provider's gateway and tokens. A row of a provider
 * not given waits (`PROVIDER_NOT_CONFIGURED`), retried with backoff.
 */
export type MeetingProviders = ProviderGateway | Partial<Record<ConnectedProvider, { gateway: ProviderGateway; tokens: ProviderTokens }>>;

type Runtimes = Partial<Record<ConnectedProvider, { gateway: ProviderGateway; tokens: ProviderTokens }>>;

function runtimesOf(providers: MeetingProviders, tokens: ProviderTokens | undefined): Runtimes {
  if ('createMeeting' in providers && typeof providers.createMeeting === 'function') {
    const gateway = providers as ProviderGateway;
    return { [gateway.provider]: { gateway, tokens: tokens ?? tokensFor(gateway) } };
  }
  // A runtime whose tokens were left out (an untyped host): those of its gateway, a real one's never the fakes' key.
  const runtimes: Runtimes = {};
  for (const [provider, runtime] of Object.entries(providers as Runtimes)) {
    if (runtime)
      runtimes[provider as ConnectedProvider] = { gateway: runtime.gateway, tokens: runtime.tokens ?? tokensFor(runtime.gateway) };
  }
  return runtimes;
}

/** The gateway calls the worker makes for a meeting. */
type MeetingCalls = Pick<ProviderGateway, 'createMeeting' | 'findMeeting' | 'updateMeeting' | 'deleteMeeting'>;

/** One account's meeting calls, each waiting for its slot (`pace`), or straight through. */
function meetingCalls(zoom: ProviderGateway, pace: ZoomPacer | undefined, accountId: string): MeetingCalls {
  if (!pace) return zoom;
  const slot = () => pace.take(accountId);
  return {
    createMeeting: (token, input) => slot().then(() => zoom.createMeeting(token, input)),
    findMeeting: (token, input) => slot().then(() => zoom.findMeeting(token, input)),
    updateMeeting: (token, id, input) => slot().then(() => zoom.updateMeeting(token, id, input)),
    deleteMeeting: (token, id) => slot().then(() => zoom.deleteMeeting(token, id)),
  };
}

export interface MeetingWorkerResult {
  created: number;
  updated: number;
  deleted: number;
  /** Found at Zoom instead of created: an earlier create's answer was lost (a crash, a cut connection). */
  adopted?: number;
  /** Failed this time, rescheduled with backoff (or Zoom's Retry-After), still pending; or its account expired (R17): not tried again. */
  failed: number;
  /** Left for a later run: the account had no call left this second (`pace`). Not a failure. */
  paced?: number;
}

/** Accounts worked side by side in one run. */
const ACCOUNT_LANES = 32;
/** A call due this soon waits for its slot in the run; a later one's row is left for a later run. */
const PACE_WAIT_MS = 250;

const backoffMs = (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** attempts);
/** A meeting the provider is still making (Google's pending conference) is looked at again soon: 2 s, 4 s, … up to 5 minutes. */
const pendingBackoffMs = (attempts: number) => Math.min(5 * 60_000, 2_000 * 2 ** attempts);

/** Providers keep a meeting's time to the second (Zoom, Google): a start that differs only below that is the same start. */
const sameStart = (a: string, b: string) => Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
/** A permanent refusal (`refused`) is not asked again for a day: reconnecting another account is the way out. */
const REFUSED_WAIT_MS = 24 * 60 * 60_000;

/** `mayBeAtZoom`: the failure may have come after Zoom made the meeting, so its create attempt stays recorded. */
type Attempt = { ok: true } | { ok: false; error: unknown; mayBeAtZoom: boolean };

const DEFINITE_REFUSALS = new Set(['rate-limited', 'unauthorized', 'invalid-grant', 'rejected']);

/** A random id for one worker run's create attempts. */
const newAttemptId = () => globalThis.crypto.randomUUID();

const isUnauthorized = (a: Attempt) => !a.ok && zoomErrorOf(a.error).kind === 'unauthorized';

/**
 * Does the Zoom work that is due, in `tx`: creates pending meetings (`POST
 * /users/me/meetings`), updates moved ones (`PATCH`), deletes retired ones (`DELETE`),
 * soonest session first. A created meeting's id is stored in this same transaction, the
 * row claimed meanwhile; a row whose create attempt was committed by another run (which
 * crashed, or lost Zoom's answer) is first looked up at Zoom by the key in its agenda and
 * adopted, so a retry never makes two (R22). 429: the row waits for Zoom's
 * Retry-After (the daily cap: until 00:00 UTC) and the rest of that account's batch with
 * it, so the cap delays the far-off meetings, never the soonest. 5xx and network errors:
 * backoff. A 401: one refresh, then the account is `expired` (R17, R23); `invalid_grant`
 * at refresh: `expired` at once. A meeting stays pending (PROVIDER_MEETING_PENDING) until made.
 */
export function processDueMeetings(
  tx: StoreTx,
  providers: MeetingProviders,
  now: Date,
  options: MeetingWorkerOptions = {},
): Promise<MeetingWorkerResult> {
  return workDueMeetings(tx, runtimesOf(providers, options.tokens), now, options, {});
}

/** An account whose token the API refused in this transaction: its rows, left untouched (still leased), and the refused token. */
interface DeferredAccount {
  rejected: string;
  refs: MeetingRef[];
}

interface WorkInternals {
  /**
   * Tokens obtained before this transaction (`runMeetingWorker`): nothing is refreshed
   * inside it. Absent: refreshed in `tx` (inline mode and the seed, with the in-process fake).
   */
  access?: TxTokens;
  /**
   * Given: a 401 does not refresh in this transaction; the account's rows are collected here
   * for a refresh in its own transaction and one more pass (R23: a rotated refresh token
   * is committed before the work that needs it, so a failed meeting transaction cannot lose it).
   */
  deferred?: Map<string, DeferredAccount>;
}

const refOf = (m: StoredMeeting): MeetingRef => ({ siteId: m.siteId, accountId: m.accountId, sessionId: m.sessionId });

async function workDueMeetings(
  tx: StoreTx,
  runtimes: Runtimes,
  now: Date,
  options: MeetingWorkerOptions,
  internals: WorkInternals,
): Promise<MeetingWorkerResult> {
  const result: MeetingWorkerResult = { created: 0, updated: 0, deleted: 0, adopted: 0, failed: 0 };
  const attemptId = options.attemptId;
  /** Clears the row's create attempt when Zoom certainly has no meeting from it. */
  const attemptCleared = (m: StoredMeeting, keep: boolean) =>
    !keep && m.createAttemptId !== null ? { createAttemptId: null, createAttemptAt: null } : {};
  /** For a row Zoom was not asked about this run: keep another run's attempt (it may have reached Zoom), clear this run's own. */
  const othersAttempt = (m: StoredMeeting) => m.createAttemptId !== null && m.createAttemptId !== attemptId;
  const nowIso = now.toISOString();
  /** Each provider's tokens in this transaction (or those fetched before it). */
  const txTokens = new Map<ConnectedProvider, TxTokens>();
  const tokensOf = (provider: ConnectedProvider, sealing: ProviderTokens): TxTokens => {
    if (internals.access) return internals.access;
    let t = txTokens.get(provider);
    if (!t) {
      t = sealing.inTx(tx, () => now.getTime());
      txTokens.set(provider, t);
    }
    return t;
  };
  const deferred = internals.deferred;
  const claimed = options.claimed ? await tx.claimMeetings(options.claimed) : await tx.claimDueMeetings(nowIso, options.limit ?? 100);
  // A leased row another worker finished meanwhile has nothing left to do.
  const due = claimed.filter((m) => m.status !== 'ready' && (!options.siteId || m.siteId === options.siteId));
  /** Accounts whose batch stopped (rate limit, Zoom unavailable): until when, and why. */
  const stopped = new Map<string, { until: string; error: string }>();
  const expired = new Set<string>();
  /** Accounts a provider refused for good in this run (`refused`): shown as `error`. */
  const unhealthy = new Set<string>();
  const cached = new Map<string, Extract<AccessTokenResult, { ok: true }>>();

  const reschedule = async (m: StoredMeeting, waitMs: number, error: string, keepAttempt: boolean) => {
    await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
      ...attemptCleared(m, keepAttempt),
      attempts: m.attempts + 1,
      nextAttemptAt: new Date(now.getTime() + waitMs).toISOString(),
      lastError: error.slice(0, 500),
      updatedAt: nowIso,
    });
    result.failed++;
  };

  /** The account lost its authorisation: visibly `expired` (R17), its tokens gone; a delete cannot be made any more. */
  const expire = async (m: StoredMeeting) => {
    if (!expired.has(m.accountId)) {
      expired.add(m.accountId);
      await markExpired(tx, m.siteId, m.accountId);
      await tx.deleteTokens(m.accountId);
    }
    if (m.status === 'deleting') {
      await tx.deleteMeeting(m.siteId, m.accountId, m.sessionId);
      result.deleted++;
      return;
    }
    // Failed, and never tried again: its tokens are gone, and reconnecting makes a new account,
    // which plans its sessions afresh. A meeting Zoom has keeps its link (R17: the session says
    // the account needs reconnecting); one that was never made is dropped.
    if (m.zoomMeetingId === null) await tx.deleteMeeting(m.siteId, m.accountId, m.sessionId);
    else {
      await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
        status: 'ready',
        attempts: m.attempts + 1,
        nextAttemptAt: null,
        lastError: 'ZOOM_EXPIRED',
        updatedAt: nowIso,
      });
    }
    result.failed++;
  };

  async function attempt(m: StoredMeeting, token: string, gateway: ProviderGateway, sealing: ProviderTokens): Promise<Attempt> {
    const zoom = meetingCalls(gateway, pacerFor(options.pace, m.provider), m.accountId);
    const key = meetingKey(m.accountId, m.sessionId);
    // Another run's create may have reached Zoom (it crashed, or the answer was lost): look before making another.
    let atZoom: 'no' | 'maybe' | 'yes' = m.createAttemptId !== null && m.createAttemptId !== attemptId ? 'maybe' : 'no';
    let creating = false;
    try {
      if (m.status === 'deleting') {
        let zoomId = m.zoomMeetingId;
        if (zoomId === null && atZoom === 'maybe') zoomId = (await zoom.findMeeting(token, { key, start: m.start }))?.id ?? null;
        // A provider that finds a meeting by its key only through a (keyed) create (Teams): the create answers the one made.
        if (zoomId === null && atZoom === 'maybe' && gateway.findsOnlyById === true)
          zoomId = (await zoom.createMeeting(token, { key, topic: m.topic, start: m.start, durationMinutes: m.durationMinutes })).id;
        if (zoomId !== null) await zoom.deleteMeeting(token, zoomId);
        await tx.deleteMeeting(m.siteId, m.accountId, m.sessionId);
        result.deleted++;
        // A disconnected account's tokens were kept for these deletes: gone with the last one.
        if ((await tx.listMeetings(m.siteId, { accountId: m.accountId })).length === 0 && !(await isHeld(tx, m.siteId, m.accountId))) {
          await tx.deleteTokens(m.accountId);
        }
      } else if (m.zoomMeetingId === null) {
        // Zoom is asked to create only after the attempt was committed (runMeetingWorker): a crash leaves it recorded.
        if (attemptId !== undefined && m.createAttemptId === null) return { ok: true };
        const found = atZoom === 'maybe' ? await zoom.findMeeting(token, { key, start: m.start }) : null;
        // Another run's create may have made one that this provider cannot find by its key (Teams):
        // only a (keyed) create answers it, so it is never dropped and left at the provider.
        const unseen = atZoom === 'maybe' && !found && gateway.findsOnlyById === true;
        atZoom = found ? 'yes' : 'no';
        // R22: meetings are made for upcoming sessions. A row left due until its session started
        // (the worker was down, the provider failing) is dropped unmade: the session says no meeting
        // was made (NO_MEETING_MADE), and no run asks the provider about it again.
        if (!found && !unseen && Date.parse(m.start) <= now.getTime()) {
          await tx.deleteMeeting(m.siteId, m.accountId, m.sessionId);
          return { ok: true };
        }
        let made = found;
        if (found && (!sameStart(found.start, m.start) || found.durationMinutes !== m.durationMinutes)) {
          // Made for the session's earlier time: moved like any other meeting.
          await zoom.updateMeeting(token, found.id, { topic: m.topic, start: m.start, durationMinutes: m.durationMinutes });
        }
        if (!made) {
          creating = true;
          made = {
            ...(await zoom.createMeeting(token, { key, topic: m.topic, start: m.start, durationMinutes: m.durationMinutes })),
            start: m.start,
            durationMinutes: m.durationMinutes,
          };
        }
        if (made.joinUrl === null) {
          // The provider is still making it (Google's `pending` conference): its id is kept, so it
          // is looked at again later (findMeeting), never made a second time (R22, R31).
          await stillMaking(m, made.id);
          if (found) result.adopted = (result.adopted ?? 0) + 1;
          else result.created++;
          return { ok: true };
        }
        await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
          status: 'ready',
          zoomMeetingId: made.id,
          joinUrl: made.joinUrl,
          // The start URL carries the host's `zak` token: sealed at rest like the tokens (R27).
          startUrl: made.startUrl === null ? null : await sealing.sealStartUrl(m.accountId, m.sessionId, made.startUrl),
          password: made.password,
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
          createAttemptId: null,
          createAttemptAt: null,
          updatedAt: nowIso,
        });
        if (found) result.adopted = (result.adopted ?? 0) + 1;
        else result.created++;
      } else if (m.joinUrl === null) {
        // Made, but the provider was still making it: how is it now? (By its id; the key where the provider has none.)
        const found = await zoom.findMeeting(token, { key, start: m.start, meetingId: m.zoomMeetingId });
        if (found === null) {
          // Gone at the provider: made again (with the same key, so a provider that de-duplicates answers the same one).
          await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
            zoomMeetingId: null,
            attempts: m.attempts + 1,
            nextAttemptAt: null,
            lastError: 'PROVIDER_MEETING_GONE',
            updatedAt: nowIso,
          });
          result.failed++;
          return { ok: true };
        }
        if (found.joinUrl === null) {
          await stillMaking(m, found.id);
          return { ok: true };
        }
        if (!sameStart(found.start, m.start) || found.durationMinutes !== m.durationMinutes) {
          await zoom.updateMeeting(token, found.id, { topic: m.topic, start: m.start, durationMinutes: m.durationMinutes });
        }
        await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
          status: 'ready',
          zoomMeetingId: found.id,
          joinUrl: found.joinUrl,
          startUrl: found.startUrl === null ? null : await sealing.sealStartUrl(m.accountId, m.sessionId, found.startUrl),
          password: found.password,
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
          createAttemptId: null,
          createAttemptAt: null,
          updatedAt: nowIso,
        });
        result.updated++;
      } else {
        await zoom.updateMeeting(token, m.zoomMeetingId, { topic: m.topic, start: m.start, durationMinutes: m.durationMinutes });
        await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
          // A start URL stored before sealing existed is sealed on this write (R27).
          ...(m.startUrl !== null && !isSealed(m.startUrl)
            ? { startUrl: await sealing.sealStartUrl(m.accountId, m.sessionId, m.startUrl) }
            : {}),
          status: 'ready',
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
          updatedAt: nowIso,
        });
        result.updated++;
      }
      return { ok: true };
    } catch (error) {
      // A definite refusal made nothing; a 5xx, a timeout or a cut connection may have come after Zoom acted.
      const refused = DEFINITE_REFUSALS.has(zoomErrorOf(error).kind);
      return { ok: false, error, mayBeAtZoom: creating ? !refused : atZoom !== 'no' };
    }
  }

  /** A meeting the provider is still making: its id kept, looked at again after a short backoff. */
  async function stillMaking(m: StoredMeeting, meetingId: string): Promise<void> {
    await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
      zoomMeetingId: meetingId,
      joinUrl: null,
      attempts: m.attempts + 1,
      nextAttemptAt: new Date(now.getTime() + pendingBackoffMs(m.attempts)).toISOString(),
      lastError: 'PROVIDER_MEETING_PENDING',
      createAttemptId: null,
      createAttemptAt: null,
      updatedAt: nowIso,
    });
  }

  /** Rows left for a later run, per account (`pace`). */
  const paced = new Map<string, number>();
  const work = async (m: StoredMeeting): Promise<void> => {
    const runtime = runtimes[m.provider];
    if (!runtime) {
      // This server has no configuration for the account's provider (R27): the row waits, nothing is asked.
      await reschedule(m, backoffMs(m.attempts), 'PROVIDER_NOT_CONFIGURED', othersAttempt(m));
      return;
    }
    const { gateway, tokens: sealing } = runtime;
    const tokens = tokensOf(m.provider, sealing);
    const waiting = deferred?.get(m.accountId);
    if (waiting) {
      waiting.refs.push(refOf(m));
      return;
    }
    const stop = stopped.get(m.accountId);
    if (stop) {
      await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
        ...attemptCleared(m, othersAttempt(m)),
        nextAttemptAt: stop.until,
        lastError: stop.error,
        updatedAt: nowIso,
      });
      result.failed++;
      return;
    }
    if (expired.has(m.accountId)) {
      await expire(m);
      return;
    }
    const pace = pacerFor(options.pace, m.provider);
    if (pace) {
      // The account's calls this second are spent: the row waits for its turn, in a later run.
      const ahead = paced.get(m.accountId) ?? 0;
      const wait = pace.delayMs(m.accountId, ahead);
      // Never a long wait inside the transaction (on PGlite it holds the one connection): a later run.
      if (ahead > 0 || wait > PACE_WAIT_MS) {
        paced.set(m.accountId, ahead + 1);
        await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
          ...attemptCleared(m, othersAttempt(m)),
          nextAttemptAt: new Date(now.getTime() + wait).toISOString(),
          updatedAt: nowIso,
        });
        result.paced = (result.paced ?? 0) + 1;
        return;
      }
    }
    // One token per account for the whole run: decrypted (or refreshed) once, not per meeting.
    const first = cached.get(m.accountId) ?? (await tokens.get(m.accountId));
    if (first.ok) cached.set(m.accountId, first);
    if (!first.ok) {
      if (first.reason === 'expired') await expire(m);
      else await failed(m, first.error, othersAttempt(m));
      return;
    }
    let outcome = await attempt(m, first.accessToken, gateway, sealing);
    if (isUnauthorized(outcome)) {
      // The API refused the token: one refresh (unless another caller already replaced it), then give up.
      cached.delete(m.accountId);
      if (deferred) {
        // Refreshed after this transaction commits, in its own; this row and the account's others wait for it.
        deferred.set(m.accountId, { rejected: first.accessToken, refs: [refOf(m)] });
        return;
      }
      const second = await tokens.get(m.accountId, { rejectedToken: first.accessToken });
      if (second.ok) cached.set(m.accountId, second);
      if (!second.ok) {
        if (second.reason === 'expired') await expire(m);
        else await failed(m, second.error, outcome.ok ? othersAttempt(m) : outcome.mayBeAtZoom);
        return;
      }
      outcome = await attempt(m, second.accessToken, gateway, sealing);
      if (isUnauthorized(outcome)) {
        await expire(m);
        return;
      }
    }
    if (!outcome.ok) await failed(m, outcome.error, outcome.mayBeAtZoom);
  };
  // Each account's rows in order, soonest first; accounts side by side, so one account's
  // Zoom calls (and its pace) do not hold up another's. Rows of one account never overlap.
  const byAccount = new Map<string, StoredMeeting[]>();
  for (const m of due) {
    const rows = byAccount.get(m.accountId);
    if (rows) rows.push(m);
    else byAccount.set(m.accountId, [m]);
  }
  const queues = [...byAccount.values()];
  const lane = async () => {
    for (let rows = queues.shift(); rows; rows = queues.shift()) for (const m of rows) await work(m);
  };
  await Promise.all(Array.from({ length: Math.min(ACCOUNT_LANES, queues.length) }, lane));
  await recordWorkedLinks(tx, due, new Set([...expired, ...unhealthy]), now, options.onLinkChanges);
  return result;

  /** `keepAttempt`: Zoom may have made the meeting, so the next run looks it up before creating. */
  async function failed(m: StoredMeeting, raw: unknown, keepAttempt: boolean) {
    const error = raw instanceof Error ? zoomErrorOf(raw) : (raw as ZoomError);
    if (error.kind === 'rejected' && error.code === REFUSED) {
      // A permanent refusal with a reason (a personal Microsoft account cannot make Teams meetings):
      // the account shows `error` (R17) and its links fall back; the row is not tried again soon.
      if (!unhealthy.has(m.accountId)) await tx.setAccountHealth(m.siteId, m.accountId, 'error');
      unhealthy.add(m.accountId);
      stopped.set(m.accountId, {
        until: new Date(now.getTime() + REFUSED_WAIT_MS).toISOString(),
        error: `PROVIDER_REFUSED: ${error.message}`,
      });
      await reschedule(m, REFUSED_WAIT_MS, `PROVIDER_REFUSED: ${error.message}`, keepAttempt);
      return;
    }
    if (error.kind === 'rate-limited') {
      const until = new Date(now.getTime() + Math.max(1, error.retryAfterSeconds) * 1000).toISOString();
      stopped.set(m.accountId, { until, error: `RATE_LIMITED: ${error.message}` });
      await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
        ...attemptCleared(m, keepAttempt),
        attempts: m.attempts + 1,
        nextAttemptAt: until,
        lastError: `RATE_LIMITED: ${error.message}`.slice(0, 500),
        updatedAt: nowIso,
      });
      result.failed++;
      return;
    }
    if (error.kind === 'not-found' && m.status === 'pending' && m.zoomMeetingId !== null) {
      // The meeting to move is gone at Zoom: make a new one.
      await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
        zoomMeetingId: null,
        joinUrl: null,
        startUrl: null,
        password: null,
        attempts: m.attempts + 1,
        nextAttemptAt: null,
        lastError: error.message.slice(0, 500),
        updatedAt: nowIso,
      });
      result.failed++;
      return;
    }
    await reschedule(m, backoffMs(m.attempts), error.message, keepAttempt);
  }
}

/**
 * R30: what the run did to the links, by the provider — the sessions whose meetings it worked on,
 * each under the provider that made (or dropped) its meeting, and every upcoming session of a site
 * where an account expired (their links fall back or go), under the expired account's provider.
 */
async function recordWorkedLinks(
  tx: StoreTx,
  worked: readonly StoredMeeting[],
  expired: ReadonlySet<string>,
  now: Date,
  onLinkChanges: OnLinkChanges | undefined,
): Promise<void> {
  /** Per site and provider: the sessions worked on, or the whole site (an account of that provider expired). */
  const groups = new Map<string, { siteId: string; provider: ConnectedProvider; ids: Set<string>; wholeSite: boolean }>();
  for (const m of worked) {
    const key = `${m.siteId}\u0000${m.provider}`;
    const group = groups.get(key) ?? { siteId: m.siteId, provider: m.provider, ids: new Set<string>(), wholeSite: false };
    group.ids.add(m.sessionId);
    if (expired.has(m.accountId)) group.wholeSite = true;
    groups.set(key, group);
  }
  // The sessions a provider worked on first; then a whole site's fallbacks, which the ledger
  // records once, under the provider whose account expired.
  const ordered = [...groups.values()].sort((a, b) => Number(a.wholeSite) - Number(b.wholeSite));
  for (const { siteId, provider, ids, wholeSite } of ordered) {
    const sessions = wholeSite ? undefined : await tx.listSessions(siteId, { ids: [...ids] });
    const actor = provider === 'zoom' ? ZOOM_ACTOR : { type: 'provider' as const, provider };
    await recordLinkChanges(tx, siteId, { actor, at: now, sessions, onLinkChanges });
  }
}

/** `expired` on the account wherever it is held, unless it already is (each change bumps the holder's version). */
export async function markExpired(tx: StoreTx, siteId: string, accountId: string): Promise<void> {
  const settings = await tx.getSettings(siteId);
  if (settings.value?.id === accountId && settings.value.health === 'expired') return;
  if (settings.value?.id !== accountId) {
    for (const row of (await tx.listStaffAccounts(siteId)).values()) {
      if (row.value?.id === accountId && row.value.health === 'expired') return;
    }
  }
  await tx.setAccountHealth(siteId, accountId, 'expired');
}

/** Is the account still someone's (default or staff), or only left with meetings to delete? */
async function isHeld(tx: StoreTx, siteId: string, accountId: string): Promise<boolean> {
  if ((await tx.getSettings(siteId)).value?.id === accountId) return true;
  for (const row of (await tx.listStaffAccounts(siteId)).values()) if (row.value?.id === accountId) return true;
  return false;
}

/**
 * One run of the meeting worker (R22): the due provider work in one transaction. A host
 * calls it on a timer (`startMeetingWorker`, or the CLI's `worker`); reads never do.
 */
export async function runMeetingWorker(
  store: Store,
  providers: MeetingProviders,
  now: Date = new Date(),
  options: MeetingWorkerOptions = {},
): Promise<MeetingWorkerResult> {
  // R29: a meeting made or re-made tells the booked clients, through the store's outbox unless the host wired its own hook.
  if (options.onLinkChanges === undefined && hasStoreNotices(store)) options = { ...options, onLinkChanges: noticeRecorder(store.notices) };
  const runtimes = runtimesOf(providers, options.tokens);
  const attemptId = options.attemptId ?? newAttemptId();
  const claimed = await store.transaction((tx) => recordCreateAttempts(tx, now, attemptId, options));
  if (claimed.length === 0) return { created: 0, updated: 0, deleted: 0, adopted: 0, failed: 0 };
  // Tokens first, each refresh in its own short transaction under the row lock (R23): the
  // rotated refresh token is committed before the meeting transaction, which may still fail.
  // Each provider's tokens, refreshed through its gateway (by its rotation rules, R31).
  const outsideOf = new Map<ConnectedProvider, TxTokens>();
  const outside = (provider: ConnectedProvider): TxTokens | null => {
    const runtime = runtimes[provider];
    if (!runtime) return null;
    let t = outsideOf.get(provider);
    if (!t) {
      t = runtime.tokens.forStore(store, () => now.getTime());
      outsideOf.set(provider, t);
    }
    return t;
  };
  const providerOf = new Map<string, ConnectedProvider>();
  for (const ref of claimed) providerOf.set(ref.accountId, ref.provider ?? 'zoom');
  const tokenOf = (accountId: string, opts?: { rejectedToken?: string }): Promise<AccessTokenResult> => {
    const t = outside(providerOf.get(accountId) ?? 'zoom');
    // No configuration for the provider: the rows wait (the meeting transaction says why).
    if (!t)
      return Promise.resolve({
        ok: false,
        reason: 'unavailable',
        error: { kind: 'transient', status: null, message: 'PROVIDER_NOT_CONFIGURED' },
      });
    return t.get(accountId, opts);
  };
  const accounts = [...new Set(claimed.map((ref) => ref.accountId))];
  const fetched = new Map<string, AccessTokenResult>();
  // Each in its own transaction, a few side by side (a PostgreSQL pool runs them at once).
  const queue = [...accounts];
  const fetchNext = async () => {
    for (let accountId = queue.shift(); accountId !== undefined; accountId = queue.shift()) {
      fetched.set(accountId, await tokenOf(accountId));
    }
  };
  await Promise.all(Array.from({ length: Math.min(ACCOUNT_LANES, queue.length) }, fetchNext));
  const deferred = new Map<string, DeferredAccount>();
  const result = await store.transaction((tx) =>
    workDueMeetings(tx, runtimes, now, { ...options, attemptId, claimed }, { access: tokensFrom(fetched), deferred }),
  );
  if (deferred.size === 0) return result;

  // The API refused a token: one refresh (unless another caller already replaced it), again in
  // its own transaction, then the account's rows once more; a second 401 there means `expired`.
  const refreshed = new Map<string, AccessTokenResult>();
  for (const [accountId, d] of deferred) refreshed.set(accountId, await tokenOf(accountId, { rejectedToken: d.rejected }));
  const refs = [...deferred.values()].flatMap((d) => d.refs);
  const retried = await store.transaction((tx) =>
    workDueMeetings(tx, runtimes, now, { ...options, attemptId, claimed: refs }, { access: tokensFrom(refreshed) }),
  );
  return {
    created: result.created + retried.created,
    updated: result.updated + retried.updated,
    deleted: result.deleted + retried.deleted,
    adopted: (result.adopted ?? 0) + (retried.adopted ?? 0),
    failed: result.failed + retried.failed,
    paced: (result.paced ?? 0) + (retried.paced ?? 0),
  };
}

/**
 * Tokens obtained before a transaction, served inside it. Asked to replace a refused one it
 * answers `expired`: the refresh already happened (or is deferred by the caller).
 */
function tokensFrom(results: ReadonlyMap<string, AccessTokenResult>): TxTokens {
  return {
    async get(accountId, opts) {
      if (opts?.rejectedToken !== undefined) return { ok: false, reason: 'expired', cause: 'unauthorized-after-refresh' };
      return (
        results.get(accountId) ?? {
          ok: false,
          reason: 'unavailable',
          error: { kind: 'transient', status: null, message: 'no token fetched for this account before the transaction' },
        }
      );
    },
  };
}

/** How long the rows a run claimed are left alone by other workers; after a crash they are due again then. */
export const CLAIM_LEASE_MS = 5 * 60_000;

/**
 * The first transaction of a worker run. Zoom has no idempotency key (R22): the creates the
 * run is about to ask for are committed first, each with the run's id and the time. If the
 * process dies after Zoom made a meeting but before its id is stored, the row still carries
 * the attempt, and the next run finds the meeting at Zoom (by the key in its agenda) instead
 * of making a second one. A row that already carries an attempt keeps it: that one may have
 * reached Zoom. The due rows are leased to this run for `CLAIM_LEASE_MS` (other workers
 * leave them alone; after a crash they are due again) and returned for the second transaction.
 */
export async function recordCreateAttempts(
  tx: StoreTx,
  now: Date,
  attemptId: string,
  options: Pick<MeetingWorkerOptions, 'limit' | 'siteId' | 'horizonDays'> = {},
): Promise<MeetingRef[]> {
  const nowIso = now.toISOString();
  const leasedUntil = new Date(now.getTime() + CLAIM_LEASE_MS).toISOString();
  const claimed: MeetingRef[] = [];
  const held = new Map<string, boolean>();
  // Twice at most: the sessions re-planned in the first pass have their new rows due at once.
  for (let pass = 0; pass < 2; pass++) {
    /** Sessions whose meeting waits on an account no one holds, per site. */
    const stranded = new Map<string, StoredMeeting[]>();
    for (const m of await tx.claimDueMeetings(nowIso, options.limit ?? 100)) {
      if (options.siteId && m.siteId !== options.siteId) continue;
      if (m.status === 'pending') {
        const key = `${m.siteId}\n${m.accountId}`;
        if (!held.has(key)) held.set(key, await isHeld(tx, m.siteId, m.accountId));
        if (!held.get(key)) {
          stranded.set(m.siteId, [...(stranded.get(m.siteId) ?? []), m]);
          continue;
        }
      }
      const creates = m.status === 'pending' && m.zoomMeetingId === null && m.createAttemptId === null;
      await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
        nextAttemptAt: leasedUntil,
        ...(creates ? { createAttemptId: attemptId, createAttemptAt: nowIso } : {}),
      });
      claimed.push({ siteId: m.siteId, accountId: m.accountId, sessionId: m.sessionId, provider: m.provider });
    }
    if (stranded.size === 0) break;
    for (const [siteId, rows] of stranded) await replanStranded(tx, siteId, rows, now, options.horizonDays);
  }
  return claimed;
}
