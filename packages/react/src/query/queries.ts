import type { ApiError, SessionLinksClient } from '@session-links/client';
import {
  type AutomationId,
  DEFAULT_LINK_HISTORY_PAGE,
  type Impact,
  type LinkHistoryQuery,
  type NoticeList,
  type NoticesQuery,
  type Resolution,
  type ResolvedSession,
  type RouteArgs,
  type RouteResponse,
  routes,
  type SessionDetail,
  type SettingsChange,
  sessionWindows,
} from '@session-links/core';
import { type DataTag, infiniteQueryOptions, type Query, queryOptions, skipToken } from '@tanstack/react-query';
import { type Kebab, type KeyName, kebab, keyNameOf, type QueryRouteName } from './names';

// Keys and option factories derived from core's `routes` (./names: which routes read).
// What is written here by hand is only what a route does not say: how long data stays
// fresh, how a long period is paged, when to poll, and (mutations.ts) what each write does
// to the cache.

export type { MutationRouteName, QueryRouteName } from './names';

type SitePrefix = readonly ['session-links', string];
type ReadKey<N extends QueryRouteName, A extends readonly unknown[]> = readonly [...SitePrefix, Kebab<KeyName<N>>, ...A];
/** The key of one read, tagged with what it holds: `getQueryData`/`setQueryData` are typed by it. */
export type SessionLinksDataKey<N extends QueryRouteName> = DataTag<ReadKey<N, RouteArgs<N>>, RouteResponse<N>>;

/** One function per read: with its arguments the read's (tagged) key, without them the prefix of all of them. */
export type SessionLinksKeys = {
  all: (siteId: string) => SitePrefix;
  /** The key of "no preview asked": its own, so it never shows another preview's cached answer. */
  noImpact: (siteId: string) => DataTag<readonly [...SitePrefix, 'impact', 'none'], Impact>;
} & {
  [N in QueryRouteName as KeyName<N>]: {
    (siteId: string, ...args: RouteArgs<N>): SessionLinksDataKey<N>;
    (siteId: string): ReadKey<N, []>;
  };
};

type KeyFn = (siteId: string, ...args: unknown[]) => readonly unknown[];

/** One key function per read route, built once (pure: a widget that reads nothing drops it). */
function buildKeys(): Record<string, KeyFn> {
  const keys: Record<string, KeyFn> = {
    all: (siteId) => ['session-links', siteId],
    noImpact: (siteId) => ['session-links', siteId, 'impact', 'none'],
  };
  for (const name of Object.keys(routes)) {
    const keyName = keyNameOf(name);
    if (keyName === null) continue;
    // A trailing undefined (`sessions(siteId, undefined)`) asks for the prefix.
    keys[keyName] = (siteId, ...args) => ['session-links', siteId, kebab(keyName), ...args.filter((arg) => arg !== undefined)];
  }
  return keys;
}
const keys = /* @__PURE__ */ buildKeys();

/** Query keys, all under `['session-links', siteId]` so one site's data can be invalidated at once. */
export const sessionLinksKeys = keys as unknown as SessionLinksKeys;

/** Every query key the package uses: a host can type its own `invalidateQueries` calls with it. */
export type SessionLinksQueryKey =
  | SitePrefix
  | ReturnType<SessionLinksKeys['noImpact']>
  | { [N in QueryRouteName]: SessionLinksDataKey<N> | ReadKey<N, []> }[QueryRouteName];

/**
 * A read's key and query function, from its route: what every query option factory below
 * starts from. `sessionLinksQuery(client, 'getSession', sessionId)`.
 */
export function sessionLinksQuery<N extends QueryRouteName>(
  client: SessionLinksClient,
  name: N,
  ...args: RouteArgs<N>
): { queryKey: ReadKey<N, RouteArgs<N>>; queryFn: (context: { signal: AbortSignal }) => Promise<RouteResponse<N>> } {
  const call = client[name] as unknown as (...args: unknown[]) => Promise<RouteResponse<N>>;
  // Untagged here: `queryOptions` tags it with the data type (a pre-tagged key would not survive declaration emit).
  return {
    queryKey: (keys[keyNameOf(name) as string] as (siteId: string, ...args: unknown[]) => ReadKey<N, RouteArgs<N>>)(client.siteId, ...args),
    queryFn: ({ signal }: { signal: AbortSignal }) => call(...args, { signal }),
  };
}

/** A Zoom meeting the server is still making for this session (R22): its link is on its way. */
export const meetingPending = (resolution: Resolution | undefined): boolean =>
  resolution?.status === 'none' && resolution.reason === 'PROVIDER_MEETING_PENDING';

/** How a query that shows a pending meeting follows it: first look after 1 s, doubling, never more than 30 s apart. */
export const PENDING_MEETING_POLL = { firstMs: 1_000, maxMs: 30_000 } as const;

// When each query (per QueryClient, so never shared between embeds) first showed a pending meeting.
const pendingSince = new WeakMap<object, number>();

/**
 * A `refetchInterval` that follows a pending Zoom meeting until it exists (R22): while
 * anything the query holds is pending it looks again after 1 s, 2 s, 4 s … at most 30 s
 * apart (the interval is chosen from how long it has been pending, so it stays put
 * between looks), and stops as soon as nothing is. TanStack Query pauses it while the
 * tab is hidden (`refetchIntervalInBackground` is off).
 */
export function followPendingMeetings<T>(isPending: (data: T) => boolean) {
  // TanStack Query asks again on every render of every observer (the overview's windows:
  // each scroll of a 100,000-session calendar looked through every row again, 2 ms a frame);
  // an answer is looked through once.
  const seen = new WeakMap<object, boolean>();
  const pendingIn = (data: T): boolean => {
    if (typeof data !== 'object' || data === null) return isPending(data);
    let pending = seen.get(data);
    if (pending === undefined) {
      pending = isPending(data);
      seen.set(data, pending);
    }
    return pending;
  };
  return (query: Query<T, ApiError, T, readonly unknown[]>): number | false => {
    const data = query.state.data;
    if (data === undefined || !pendingIn(data)) {
      pendingSince.delete(query);
      return false;
    }
    const now = Date.now();
    const since = pendingSince.get(query) ?? now;
    pendingSince.set(query, since);
    const { firstMs, maxMs } = PENDING_MEETING_POLL;
    // 0–1 s pending → 1 s; 1–3 s → 2 s; 3–7 s → 4 s; … ; capped at 30 s.
    const step = Math.floor(Math.log2((now - since) / firstMs + 1));
    return Math.min(maxMs, firstMs * 2 ** step);
  };
}

export const meQueryOptions = (client: SessionLinksClient) =>
  queryOptions({ ...sessionLinksQuery(client, 'getMe'), staleTime: 5 * 60_000 });

export const settingsQueryOptions = (client: SessionLinksClient) => queryOptions(sessionLinksQuery(client, 'getSettings'));

export const staffQueryOptions = (client: SessionLinksClient) => queryOptions(sessionLinksQuery(client, 'listStaff'));

/** Which providers the site's server can connect (R27, R31): a server's configuration changes with a deploy, not in a session. */
export const providersQueryOptions = (client: SessionLinksClient) =>
  queryOptions({ ...sessionLinksQuery(client, 'listProviders'), staleTime: 10 * 60_000 });

export const servicesQueryOptions = (client: SessionLinksClient) => queryOptions(sessionLinksQuery(client, 'listServices'));

/**
 * Sessions of a period, any length: the server answers at most `MAX_SESSION_RANGE_DAYS` per
 * request (R26), so a longer period is asked for as consecutive windows, at once, and joined
 * in order (each session once). One request when the period fits.
 */
export const sessionsQueryOptions = (client: SessionLinksClient, range: { from: string; to: string }) =>
  queryOptions({
    queryKey: sessionLinksKeys.sessions(client.siteId, range),
    queryFn: async ({ signal }): Promise<ResolvedSession[]> => {
      const windows = sessionWindows(range);
      if (windows.length === 1) return client.listSessions(range, { signal });
      const pages = await Promise.all(windows.map((window) => client.listSessions(window, { signal })));
      const seen = new Set<string>();
      return pages.flat().filter((row) => {
        if (seen.has(row.session.id)) return false;
        seen.add(row.session.id);
        return true;
      });
    },
    refetchInterval: followPendingMeetings<ResolvedSession[]>((rows) => rows.some((r) => meetingPending(r.resolution))),
  });

export const sessionQueryOptions = (client: SessionLinksClient, sessionId: string) =>
  queryOptions({
    ...sessionLinksQuery(client, 'getSession', sessionId),
    refetchInterval: followPendingMeetings<SessionDetail>((detail) => meetingPending(detail.resolution)),
  });

/** One page of a session's link history (R30), newest first: `{ before, limit }` as the route takes them. */
export const sessionLinkHistoryQueryOptions = (client: SessionLinksClient, sessionId: string, page: LinkHistoryQuery = {}) =>
  queryOptions(sessionLinksQuery(client, 'getSessionLinkHistory', sessionId, page));

/**
 * A session's link history (R30) as pages of `pageSize`, newest first: `fetchNextPage`
 * asks for the earlier changes. Under the `sessionLinkHistory` prefix, so a link change
 * that invalidates it refetches every page.
 */
export const sessionLinkHistoryInfiniteQueryOptions = (
  client: SessionLinksClient,
  sessionId: string,
  pageSize: number = DEFAULT_LINK_HISTORY_PAGE,
) =>
  infiniteQueryOptions({
    queryKey: [...sessionLinksKeys.sessionLinkHistory(client.siteId), sessionId, 'pages', pageSize] as const,
    queryFn: ({ pageParam, signal }) =>
      client.getSessionLinkHistory(
        sessionId,
        pageParam === null ? { limit: String(pageSize) } : { limit: String(pageSize), before: pageParam },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

/**
 * Who was told of link changes (R29): the latest notice of each booking of one session
 * (`{ sessionId }`) or of a course's upcoming sessions (`{ serviceId }`), with counts. While
 * any is on its way it is followed as a pending meeting is (1 s, 2 s, 4 s … at most 30 s
 * apart) until all have settled (sent, failed or held).
 */
export const noticesQueryOptions = (client: SessionLinksClient, query: NoticesQuery) =>
  queryOptions({
    ...sessionLinksQuery(client, 'listNotices', query),
    refetchInterval: followPendingMeetings<NoticeList>((list) => list.summary.pending > 0),
  });

export const courseLinkQueryOptions = (client: SessionLinksClient, serviceId: string) =>
  queryOptions(sessionLinksQuery(client, 'getCourseLink', serviceId));

/** A service's video-conferencing switch: whether its sessions are online, with its version. */
export const serviceVideoQueryOptions = (client: SessionLinksClient, serviceId: string) =>
  queryOptions(sessionLinksQuery(client, 'getServiceVideo', serviceId));

export const automationsQueryOptions = (client: SessionLinksClient) => queryOptions(sessionLinksQuery(client, 'listAutomations'));

export const templateQueryOptions = (client: SessionLinksClient, automationId: AutomationId) =>
  queryOptions(sessionLinksQuery(client, 'getTemplate', automationId));

/**
 * A preview of a change (R16). Always fresh: it is asked for right before a decision.
 * `null` asks nothing (`skipToken`) under a key of its own, so no other preview's
 * answer can show up in its place with Confirm enabled.
 */
export const impactQueryOptions = (client: SessionLinksClient, change: SettingsChange | null) =>
  change === null
    ? queryOptions<Impact, ApiError>({ queryKey: sessionLinksKeys.noImpact(client.siteId), queryFn: skipToken, gcTime: 0 })
    : queryOptions<Impact, ApiError>({ ...sessionLinksQuery(client, 'previewImpact', change), staleTime: 0, gcTime: 0 });
