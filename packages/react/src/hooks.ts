'use client';
import type { SessionLinksClient } from '@session-links/client';
import type { AutomationId, NoticesQuery, SettingsChange } from '@session-links/core';
import {
  type QueryKey,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
  useInfiniteQuery,
  useMutation,
  useQuery,
} from '@tanstack/react-query';
import { useSessionLinks } from './context/provider';
import {
  automationsQueryOptions,
  courseLinkQueryOptions,
  disconnectDefaultMutationOptions,
  impactQueryOptions,
  meQueryOptions,
  noticesQueryOptions,
  providersQueryOptions,
  removeStaffAccountMutationOptions,
  resetTemplateMutationOptions,
  saveTemplateMutationOptions,
  sendNoticesMutationOptions,
  servicesQueryOptions,
  serviceVideoQueryOptions,
  sessionLinkHistoryInfiniteQueryOptions,
  sessionQueryOptions,
  sessionsQueryOptions,
  setCourseLinkMutationOptions,
  setDefaultCustomLinkMutationOptions,
  setNoticePolicyMutationOptions,
  setServiceVideoMutationOptions,
  setSessionLinkMutationOptions,
  setStaffCustomLinkMutationOptions,
  settingsQueryOptions,
  staffQueryOptions,
  templateQueryOptions,
} from './query';

// Each hook is its option factory (./query) on the provider's client; the factories hold
// everything a route does not say.

function useOptionsQuery<A extends unknown[], TData, TError, TKey extends QueryKey>(
  hookName: string,
  factory: (client: SessionLinksClient, ...args: A) => UseQueryOptions<TData, TError, TData, TKey>,
  ...args: A
): UseQueryResult<TData, TError> {
  const { client } = useSessionLinks(hookName);
  return useQuery(factory(client, ...args));
}

function useOptionsMutation<TData, TError, TVariables, TOnMutateResult>(
  hookName: string,
  factory: (client: SessionLinksClient) => UseMutationOptions<TData, TError, TVariables, TOnMutateResult>,
): UseMutationResult<TData, TError, TVariables, TOnMutateResult> {
  const { client } = useSessionLinks(hookName);
  return useMutation(factory(client));
}

/** The signed-in user and their role on the site. */
export function useMe() {
  return useOptionsQuery('useMe', meQueryOptions);
}

/** The site's plan and default account. */
export function useOnlineSettings() {
  return useOptionsQuery('useOnlineSettings', settingsQueryOptions);
}

/** The connected providers and whether the site's server is configured for each (R27, R31). */
export function useProviders() {
  return useOptionsQuery('useProviders', providersQueryOptions);
}

/** Staff members with their individual accounts. */
export function useStaff() {
  return useOptionsQuery('useStaff', staffQueryOptions);
}

/** What a change would do (R16); pass `null` to ask nothing yet. */
export function useImpact(change: SettingsChange | null) {
  return useOptionsQuery('useImpact', impactQueryOptions, change);
}

/**
 * Set or replace the default account with a custom link. Optimistic: the settings
 * show the new link at once and roll back if the save fails.
 * Same as `useMutation(setDefaultCustomLinkMutationOptions(client))`.
 */
export function useSetDefaultCustomLink() {
  return useOptionsMutation('useSetDefaultCustomLink', setDefaultCustomLinkMutationOptions);
}

/**
 * Disconnect the default account (R8): every link disappears until one is connected again.
 * Same as `useMutation(disconnectDefaultMutationOptions(client))`.
 */
export function useDisconnectDefault() {
  return useOptionsMutation('useDisconnectDefault', disconnectDefaultMutationOptions);
}

/**
 * Set or replace a staff member's individual account with a custom link (R4, R9).
 * Optimistic: the staff list shows the new link at once and rolls back on failure.
 * Same as `useMutation(setStaffCustomLinkMutationOptions(client))`.
 */
export function useSetStaffCustomLink() {
  return useOptionsMutation('useSetStaffCustomLink', setStaffCustomLinkMutationOptions);
}

/**
 * Remove a staff member's individual account: their sessions use the site default again.
 * Same as `useMutation(removeStaffAccountMutationOptions(client))`.
 */
export function useRemoveStaffAccount() {
  return useOptionsMutation('useRemoveStaffAccount', removeStaffAccountMutationOptions);
}

/** Services of the site. */
export function useServices() {
  return useOptionsQuery('useServices', servicesQueryOptions);
}

/** Sessions in a date range, each with its resolved link and where it comes from (R15). */
export function useSessions(range: { from: string; to: string }) {
  return useOptionsQuery('useSessions', sessionsQueryOptions, range);
}

/** One session with its resolved link and which Zoom account could add a meeting (R7). */
export function useSession(sessionId: string) {
  return useOptionsQuery('useSession', sessionQueryOptions, sessionId);
}

/**
 * A session's link history (R30), newest first, in pages of `pageSize` (default 20):
 * `fetchNextPage` asks for the earlier changes.
 * Same as `useInfiniteQuery(sessionLinkHistoryInfiniteQueryOptions(client, sessionId, pageSize))`.
 */
export function useSessionLinkHistory(sessionId: string, pageSize?: number) {
  const { client } = useSessionLinks('useSessionLinkHistory');
  return useInfiniteQuery(sessionLinkHistoryInfiniteQueryOptions(client, sessionId, pageSize));
}

/**
 * Add, replace, remove or reset one session's link (R7). Removing and resetting are
 * predictable, so they show at once and roll back on failure; adding waits for the
 * backend, which creates the Zoom meeting.
 * Same as `useMutation(setSessionLinkMutationOptions(client))`.
 */
export function useSetSessionLink() {
  return useOptionsMutation('useSetSessionLink', setSessionLinkMutationOptions);
}

/** A course's own link, its session count and whether a link can be set (R5). */
export function useCourseLink(serviceId: string) {
  return useOptionsQuery('useCourseLink', courseLinkQueryOptions, serviceId);
}

/**
 * Set, replace or clear a course's link (R6); the answer names the sessions and clients it touched.
 * Same as `useMutation(setCourseLinkMutationOptions(client))`.
 */
export function useSetCourseLink() {
  return useOptionsMutation('useSetCourseLink', setCourseLinkMutationOptions);
}

/** A service's video-conferencing switch: whether its sessions are online, with its version. */
export function useServiceVideo(serviceId: string) {
  const { client } = useSessionLinks('useServiceVideo');
  return useQuery(serviceVideoQueryOptions(client, serviceId));
}

/**
 * Switch a service's online sessions on or off (R16: the answer names the sessions that gained or lost a link).
 * Same as `useMutation(setServiceVideoMutationOptions(client))`.
 */
export function useSetServiceVideo() {
  const { client } = useSessionLinks('useSetServiceVideo');
  return useMutation(setServiceVideoMutationOptions(client));
}

/** Automated e-mails that carry links, with the state of their join-online section (R12). */
export function useAutomations() {
  return useOptionsQuery('useAutomations', automationsQueryOptions);
}

/** One automation's e-mail template. */
export function useTemplate(automationId: AutomationId) {
  return useOptionsQuery('useTemplate', templateQueryOptions, automationId);
}

/**
 * Save an automation's template (R12).
 * Same as `useMutation(saveTemplateMutationOptions(client))`.
 */
export function useSaveTemplate() {
  return useOptionsMutation('useSaveTemplate', saveTemplateMutationOptions);
}

/**
 * "Reset to default template" (R12).
 * Same as `useMutation(resetTemplateMutationOptions(client))`.
 */
export function useResetTemplate() {
  return useOptionsMutation('useResetTemplate', resetTemplateMutationOptions);
}

/** Who was told of link changes (R29), of one session or a course; followed while any is on its way. */
export function useNotices(query: NoticesQuery) {
  return useOptionsQuery('useNotices', noticesQueryOptions, query);
}

/** The site's notice policy (R29): `auto`, `review` or `off`. */
export function useSetNoticePolicy() {
  return useOptionsMutation('useSetNoticePolicy', setNoticePolicyMutationOptions);
}

/** Send notices now (R29): held ones are released, failed ones tried again. */
export function useSendNotices() {
  return useOptionsMutation('useSendNotices', sendNoticesMutationOptions);
}
