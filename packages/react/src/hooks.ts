'use client';
import type { AutomationId, SettingsChange } from '@session-links/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSessionLinks } from './provider';
import {
  automationsQueryOptions,
  courseLinkQueryOptions,
  disconnectDefaultMutationOptions,
  impactQueryOptions,
  meQueryOptions,
  removeStaffAccountMutationOptions,
  resetTemplateMutationOptions,
  saveTemplateMutationOptions,
  servicesQueryOptions,
  serviceVideoQueryOptions,
  sessionQueryOptions,
  sessionsQueryOptions,
  setCourseLinkMutationOptions,
  setDefaultCustomLinkMutationOptions,
  setServiceVideoMutationOptions,
  setSessionLinkMutationOptions,
  setStaffCustomLinkMutationOptions,
  settingsQueryOptions,
  staffQueryOptions,
  templateQueryOptions,
} from './query';

/** The signed-in user and their role on the site. */
export function useMe() {
  const { client } = useSessionLinks('useMe');
  return useQuery(meQueryOptions(client));
}

/** The site's plan and default account. */
export function useOnlineSettings() {
  const { client } = useSessionLinks('useOnlineSettings');
  return useQuery(settingsQueryOptions(client));
}

/** Staff members with their individual accounts. */
export function useStaff() {
  const { client } = useSessionLinks('useStaff');
  return useQuery(staffQueryOptions(client));
}

/** What a change would do (R16); pass `null` to ask nothing yet. */
export function useImpact(change: SettingsChange | null) {
  const { client } = useSessionLinks('useImpact');
  return useQuery(impactQueryOptions(client, change));
}

/**
 * Set or replace the default account with a custom link. Optimistic: the settings
 * show the new link at once and roll back if the save fails.
 * Same as `useMutation(setDefaultCustomLinkMutationOptions(client))`.
 */
export function useSetDefaultCustomLink() {
  const { client } = useSessionLinks('useSetDefaultCustomLink');
  return useMutation(setDefaultCustomLinkMutationOptions(client));
}

/**
 * Disconnect the default account (R8): every link disappears until one is connected again.
 * Same as `useMutation(disconnectDefaultMutationOptions(client))`.
 */
export function useDisconnectDefault() {
  const { client } = useSessionLinks('useDisconnectDefault');
  return useMutation(disconnectDefaultMutationOptions(client));
}

/**
 * Set or replace a staff member's individual account with a custom link (R4, R9).
 * Optimistic: the staff list shows the new link at once and rolls back on failure.
 * Same as `useMutation(setStaffCustomLinkMutationOptions(client))`.
 */
export function useSetStaffCustomLink() {
  const { client } = useSessionLinks('useSetStaffCustomLink');
  return useMutation(setStaffCustomLinkMutationOptions(client));
}

/**
 * Remove a staff member's individual account: their sessions use the site default again.
 * Same as `useMutation(removeStaffAccountMutationOptions(client))`.
 */
export function useRemoveStaffAccount() {
  const { client } = useSessionLinks('useRemoveStaffAccount');
  return useMutation(removeStaffAccountMutationOptions(client));
}

/** Services of the site. */
export function useServices() {
  const { client } = useSessionLinks('useServices');
  return useQuery(servicesQueryOptions(client));
}

/** Sessions in a date range, each with its resolved link and where it comes from (R15). */
export function useSessions(range: { from: string; to: string }) {
  const { client } = useSessionLinks('useSessions');
  return useQuery(sessionsQueryOptions(client, range));
}

/** One session with its resolved link and which Zoom account could add a meeting (R7). */
export function useSession(sessionId: string) {
  const { client } = useSessionLinks('useSession');
  return useQuery(sessionQueryOptions(client, sessionId));
}

/**
 * Add, replace, remove or reset one session's link (R7). Removing and resetting are
 * predictable, so they show at once and roll back on failure; adding waits for the
 * backend, which creates the Zoom meeting.
 * Same as `useMutation(setSessionLinkMutationOptions(client))`.
 */
export function useSetSessionLink() {
  const { client } = useSessionLinks('useSetSessionLink');
  return useMutation(setSessionLinkMutationOptions(client));
}

/** A course's own link, its session count and whether a link can be set (R5). */
export function useCourseLink(serviceId: string) {
  const { client } = useSessionLinks('useCourseLink');
  return useQuery(courseLinkQueryOptions(client, serviceId));
}

/**
 * Set, replace or clear a course's link (R6); the answer names the sessions and clients it touched.
 * Same as `useMutation(setCourseLinkMutationOptions(client))`.
 */
export function useSetCourseLink() {
  const { client } = useSessionLinks('useSetCourseLink');
  return useMutation(setCourseLinkMutationOptions(client));
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
  const { client } = useSessionLinks('useAutomations');
  return useQuery(automationsQueryOptions(client));
}

/** One automation's e-mail template. */
export function useTemplate(automationId: AutomationId) {
  const { client } = useSessionLinks('useTemplate');
  return useQuery(templateQueryOptions(client, automationId));
}

/**
 * Save an automation's template (R12).
 * Same as `useMutation(saveTemplateMutationOptions(client))`.
 */
export function useSaveTemplate() {
  const { client } = useSessionLinks('useSaveTemplate');
  return useMutation(saveTemplateMutationOptions(client));
}

/**
 * "Reset to default template" (R12).
 * Same as `useMutation(resetTemplateMutationOptions(client))`.
 */
export function useResetTemplate() {
  const { client } = useSessionLinks('useResetTemplate');
  return useMutation(resetTemplateMutationOptions(client));
}
