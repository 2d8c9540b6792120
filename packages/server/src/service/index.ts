import type { ConnectedProvider } from '@session-links/core';
import type { ProviderGateway } from '../providers/gateway';
import { type ProviderTokens, tokensFor } from '../providers/gateway-tokens';
import { hasStoreNotices, type Store, type StoreNotices } from '../store/types';
import { createSyncReactions } from './after-write';
import { createAnswers, type Operations } from './answers';
import { connectionOperations } from './connections';
import type { Env, Params, ProviderRuntimes } from './context';
import { courseOperations } from './courses';
import { emailOperations } from './emails';
import { historyOperations, type OnLinkChanges } from './history';
import { DEFAULT_HORIZON_DAYS } from './meetings';
import { noticeOperations, noticeRecorder } from './notices';
import type { ReadCacheOptions } from './read-cache';
import { serviceVideoOperations } from './service-video';
import { sessionOperations } from './sessions';
import { settingsOperations } from './settings';
import { staffOperations } from './staff';
import { templateOperations } from './templates';

export { type Answer, etagMatches } from './answers';
export { OAUTH_STATE_TTL_MS } from './connections';
export type { Caller } from './context';
export { type LinkChange, type OnLinkChanges, recordLinkChanges } from './history';

export interface ServiceOptions {
  store: Store;
  /**
   * The configured providers' gateways (R31), each with its tokens (default: those bound to the
   * gateway, the fakes' key for a fake). A provider absent is not configured: connecting it
   * answers NOT_CONFIGURED and no meeting of it is made (R27).
   */
  providers?: readonly (ProviderGateway | { gateway: ProviderGateway; tokens: ProviderTokens })[];
  /** Shorthand for a Zoom gateway in `providers`; `null`: none (R27). */
  zoom?: ProviderGateway | null;
  now?: () => Date;
  /** Days ahead meetings are made for (R22). Default 14. */
  horizonDays?: number;
  /**
   * `worker` (default): writes leave meetings pending and `runMeetingWorker` makes them.
   * `inline`: a write makes its meetings through the gateway before answering, in the
   * same transaction — for the in-process fake Zoom of the mocks, so a story sees the
   * link at once. Reads never call Zoom either way.
   */
  meetings?: 'worker' | 'inline';
  /** How the `zoom` gateway's tokens are sealed and refreshed (R23). Default: those bound to it (the fake's key for the fake). */
  tokens?: ProviderTokens;
  /**
   * The read cache (on by default; `false` turns it off): `getSettings`, `listStaff`,
   * `listServices`, `listSessions` and `getSession` answer from serialised bodies kept per
   * instance, keyed by the site's revision, the operation, its query and the caller's
   * redaction audience (R18). Only with a store that has `siteRevision` (the SQL stores, the
   * memory store); membership, the revision and permissions are read on every request.
   */
  readCache?: false | ReadCacheOptions;
  /**
   * R30: called in the transaction that recorded changes of sessions' links (a write, the
   * host's sync, inline meetings), with those changes — after R29's notices are recorded.
   * The meeting worker takes the same hook in its own options.
   */
  onLinkChanges?: OnLinkChanges;
  /**
   * R29's outbox: where each link change records a notice per booked client, in the change's
   * transaction. Default: the store's own (the memory and SQL stores keep one); `false`: no
   * notices are recorded (`listNotices` then lists none).
   */
  notices?: StoreNotices | false;
}

/** R29's hook, then the host's own (R30), in the transaction of the change. */
export function linkChangeHook(notices: StoreNotices | undefined, host: OnLinkChanges | undefined): OnLinkChanges | undefined {
  const record = notices ? noticeRecorder(notices) : undefined;
  if (!record || !host) return record ?? host;
  return async (tx, siteId, changes, write) => {
    await record(tx, siteId, changes, write);
    await host(tx, siteId, changes, write);
  };
}

/** The outbox a service over `store` records in: the option, else the store's own. */
export function noticesOf(store: Store, option: StoreNotices | false | undefined): StoreNotices | undefined {
  if (option === false) return undefined;
  return option ?? (hasStoreNotices(store) ? store.notices : undefined);
}

/**
 * The service layer: one function per operation of the contract, each
 * parse (done by the caller, with core's schemas) → authorise (core's table, the role
 * from the CalendarSource) → core's rules → store, in one transaction. The operations
 * live by feature, one module each; this composes them.
 */
export function createService(options: ServiceOptions) {
  const { store } = options;
  const notices = noticesOf(store, options.notices);
  const onLinkChanges = linkChangeHook(notices, options.onLinkChanges);
  const env: Env = {
    store,
    providers: providerRuntimes(options),
    now: options.now ?? (() => new Date()),
    horizonDays: options.horizonDays ?? DEFAULT_HORIZON_DAYS,
    inline: options.meetings === 'inline',
    ...(onLinkChanges ? { onLinkChanges } : {}),
    notices,
  };

  const operations = {
    ...settingsOperations(env),
    ...connectionOperations(env),
    ...staffOperations(env),
    ...sessionOperations(env),
    ...courseOperations(env),
    ...serviceVideoOperations(env),
    ...templateOperations(env),
    ...emailOperations(env),
    ...historyOperations(env),
    ...noticeOperations(env),
  } satisfies Operations;

  const { answer, answerJson, readCache } = createAnswers(env, operations, options.readCache);
  return { operations, answer, answerJson, readCache, sync: createSyncReactions(env) };
}

export type SessionLinksService = ReturnType<typeof createService>;

/** The service's providers: `providers`, and `zoom` (with `tokens`) as a shorthand. */
export function providerRuntimes(options: Pick<ServiceOptions, 'providers' | 'zoom' | 'tokens'>): ProviderRuntimes {
  const out: ProviderRuntimes = {};
  if (options.zoom) out.zoom = { gateway: options.zoom, tokens: options.tokens ?? tokensFor(options.zoom) };
  for (const entry of options.providers ?? []) {
    // An entry whose tokens were left out (an untyped host) is sealed as a bare gateway is: a real one without its key throws here.
    const runtime =
      'gateway' in entry
        ? { gateway: entry.gateway, tokens: entry.tokens ?? tokensFor(entry.gateway) }
        : { gateway: entry, tokens: tokensFor(entry) };
    out[runtime.gateway.provider as ConnectedProvider] = runtime;
  }
  return out;
}

export type ServiceParams = Params;
