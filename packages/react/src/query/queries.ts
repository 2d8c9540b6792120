import type { ApiError, SessionLinksClient } from '@session-links/client';
import {
  type AutomationId,
  type Impact,
  type Resolution,
  type ResolvedSession,
  type SettingsChange,
  sessionWindows,
} from '@session-links/core';
import { type Query, queryOptions, skipToken } from '@tanstack/react-query';

/** Query keys, all under `['session-links', siteId]` so one site's data can be invalidated at once. */
export const sessionLinksKeys = {
  all: (siteId: string) => ['session-links', siteId] as const,
  me: (siteId: string) => [...sessionLinksKeys.all(siteId), 'me'] as const,
  settings: (siteId: string) => [...sessionLinksKeys.all(siteId), 'settings'] as const,
  staff: (siteId: string) => [...sessionLinksKeys.all(siteId), 'staff'] as const,
  services: (siteId: string) => [...sessionLinksKeys.all(siteId), 'services'] as const,
  sessions: (siteId: string, range?: { from: string; to: string }) =>
    range ? ([...sessionLinksKeys.all(siteId), 'sessions', range] as const) : ([...sessionLinksKeys.all(siteId), 'sessions'] as const),
  session: (siteId: string, sessionId: string) => [...sessionLinksKeys.all(siteId), 'session', sessionId] as const,
  courseLink: (siteId: string, serviceId: string) => [...sessionLinksKeys.all(siteId), 'course-link', serviceId] as const,
  serviceVideo: (siteId: string, serviceId: string) => [...sessionLinksKeys.all(siteId), 'service-video', serviceId] as const,
  automations: (siteId: string) => [...sessionLinksKeys.all(siteId), 'automations'] as const,
  template: (siteId: string, automationId: AutomationId) => [...sessionLinksKeys.all(siteId), 'template', automationId] as const,
  impact: (siteId: string, change?: SettingsChange) =>
    change ? ([...sessionLinksKeys.all(siteId), 'impact', change] as const) : ([...sessionLinksKeys.all(siteId), 'impact'] as const),
  /** The key of "no preview asked": its own, so it never shows another preview's cached answer. */
  noImpact: (siteId: string) => [...sessionLinksKeys.all(siteId), 'impact', 'none'] as const,
};

/** Every query key the package uses: a host can type its own `invalidateQueries` calls with it. */
export type SessionLinksQueryKey = ReturnType<(typeof sessionLinksKeys)[keyof typeof sessionLinksKeys]>;

/** A Zoom meeting the server is still making for this session (R22): its link is on its way. */
export const meetingPending = (resolution: Resolution | undefined): boolean =>
  resolution?.status === 'none' && resolution.reason === 'ZOOM_MEETING_PENDING';

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
  return (query: Query<T, ApiError, T, readonly unknown[]>): number | false => {
    const data = query.state.data;
    if (data === undefined || !isPending(data)) {
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
  queryOptions({ queryKey: sessionLinksKeys.me(client.siteId), queryFn: ({ signal }) => client.getMe({ signal }), staleTime: 5 * 60_000 });

export const settingsQueryOptions = (client: SessionLinksClient) =>
  queryOptions({ queryKey: sessionLinksKeys.settings(client.siteId), queryFn: ({ signal }) => client.getSettings({ signal }) });

export const staffQueryOptions = (client: SessionLinksClient) =>
  queryOptions({ queryKey: sessionLinksKeys.staff(client.siteId), queryFn: ({ signal }) => client.listStaff({ signal }) });

export const servicesQueryOptions = (client: SessionLinksClient) =>
  queryOptions({ queryKey: sessionLinksKeys.services(client.siteId), queryFn: ({ signal }) => client.listServices({ signal }) });

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
    queryKey: sessionLinksKeys.session(client.siteId, sessionId),
    queryFn: ({ signal }) => client.getSession(sessionId, { signal }),
    refetchInterval: followPendingMeetings<Awaited<ReturnType<SessionLinksClient['getSession']>>>((detail) =>
      meetingPending(detail.resolution),
    ),
  });

export const courseLinkQueryOptions = (client: SessionLinksClient, serviceId: string) =>
  queryOptions({
    queryKey: sessionLinksKeys.courseLink(client.siteId, serviceId),
    queryFn: ({ signal }) => client.getCourseLink(serviceId, { signal }),
  });

/** A service's video-conferencing switch: whether its sessions are online, with its version. */
export const serviceVideoQueryOptions = (client: SessionLinksClient, serviceId: string) =>
  queryOptions({
    queryKey: sessionLinksKeys.serviceVideo(client.siteId, serviceId),
    queryFn: ({ signal }) => client.getServiceVideo(serviceId, { signal }),
  });

export const automationsQueryOptions = (client: SessionLinksClient) =>
  queryOptions({ queryKey: sessionLinksKeys.automations(client.siteId), queryFn: ({ signal }) => client.listAutomations({ signal }) });

export const templateQueryOptions = (client: SessionLinksClient, automationId: AutomationId) =>
  queryOptions({
    queryKey: sessionLinksKeys.template(client.siteId, automationId),
    queryFn: ({ signal }) => client.getTemplate(automationId, { signal }),
  });

/**
 * A preview of a change (R16). Always fresh: it is asked for right before a decision.
 * `null` asks nothing (`skipToken`) under a key of its own, so no other preview's
 * answer can show up in its place with Confirm enabled.
 */
export const impactQueryOptions = (client: SessionLinksClient, change: SettingsChange | null) =>
  change === null
    ? queryOptions<Impact, ApiError>({ queryKey: sessionLinksKeys.noImpact(client.siteId), queryFn: skipToken, gcTime: 0 })
    : queryOptions<Impact, ApiError>({
        queryKey: sessionLinksKeys.impact(client.siteId, change),
        queryFn: ({ signal }) => client.previewImpact(change, { signal }),
        staleTime: 0,
        gcTime: 0,
      });
