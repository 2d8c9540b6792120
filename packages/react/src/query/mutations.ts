import type { ApiError, SessionLinksClient } from '@session-links/client';
import {
  type AutomationId,
  type CourseLinkState,
  type CourseLinkUpdate,
  type CustomLinkInput,
  customLinkSchema,
  type OnlineSettings,
  recognizeProvider,
  type ServiceVideo,
  type ServiceVideoUpdate,
  type SessionDetail,
  type SessionLinkChange,
  type StaffMember,
  type Template,
} from '@session-links/core';
import { mutationOptions } from '@tanstack/react-query';
import { sessionLinksKeys } from './queries';

/**
 * Mutation keys, under the same `['session-links', siteId]` prefix as the query keys, so a
 * host can follow a write with `useMutationState({ filters: { mutationKey } })`.
 */
export const sessionLinksMutationKeys = {
  all: (siteId: string) => [...sessionLinksKeys.all(siteId), 'mutation'] as const,
  setDefaultCustomLink: (siteId: string) => [...sessionLinksMutationKeys.all(siteId), 'set-default-custom-link'] as const,
  disconnectDefault: (siteId: string) => [...sessionLinksMutationKeys.all(siteId), 'disconnect-default'] as const,
  setStaffCustomLink: (siteId: string) => [...sessionLinksMutationKeys.all(siteId), 'set-staff-custom-link'] as const,
  removeStaffAccount: (siteId: string) => [...sessionLinksMutationKeys.all(siteId), 'remove-staff-account'] as const,
  setSessionLink: (siteId: string) => [...sessionLinksMutationKeys.all(siteId), 'set-session-link'] as const,
  setCourseLink: (siteId: string) => [...sessionLinksMutationKeys.all(siteId), 'set-course-link'] as const,
  setServiceVideo: (siteId: string) => [...sessionLinksMutationKeys.all(siteId), 'set-service-video'] as const,
  saveTemplate: (siteId: string) => [...sessionLinksMutationKeys.all(siteId), 'save-template'] as const,
  resetTemplate: (siteId: string) => [...sessionLinksMutationKeys.all(siteId), 'reset-template'] as const,
};

// The factories below are what the widgets' hooks use (`useMutation(factory(client))`): a
// host with its own UI gets the same writes, optimistic updates and cache updates. Cache
// work goes through the QueryClient TanStack hands every callback (`context.client`).

/**
 * Set or replace the default account with a custom link. Optimistic: the settings show the
 * new link at once and roll back if the save fails.
 */
export const setDefaultCustomLinkMutationOptions = (client: SessionLinksClient) => {
  const key = sessionLinksKeys.settings(client.siteId);
  return mutationOptions<OnlineSettings, ApiError, { link: CustomLinkInput; version: number }, { previous: OnlineSettings | undefined }>({
    mutationKey: sessionLinksMutationKeys.setDefaultCustomLink(client.siteId),
    mutationFn: (input) => client.setDefaultCustomLink(input),
    onMutate: async ({ link }, { client: queryClient }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<OnlineSettings>(key);
      const parsed = customLinkSchema.safeParse(link);
      if (previous && parsed.success) {
        queryClient.setQueryData<OnlineSettings>(key, {
          ...previous,
          defaultAccount: {
            id: 'optimistic',
            kind: 'custom',
            health: 'connected',
            provider: recognizeProvider(parsed.data.url),
            link: parsed.data,
          },
        });
      }
      return { previous };
    },
    onError: (_error, _input, result, { client: queryClient }) => {
      if (result?.previous) queryClient.setQueryData(key, result.previous);
    },
    onSuccess: (settings, _input, _result, { client: queryClient }) => queryClient.setQueryData(key, settings),
    // Every resolved link of the site may have changed.
    onSettled: (_data, _error, _input, _result, { client: queryClient }) =>
      queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) }),
  });
};

/** Disconnect the default account (R8): every link disappears until one is connected again. */
export const disconnectDefaultMutationOptions = (client: SessionLinksClient) =>
  mutationOptions<OnlineSettings, ApiError, { version: number }>({
    mutationKey: sessionLinksMutationKeys.disconnectDefault(client.siteId),
    mutationFn: (input) => client.disconnectDefault(input),
    onSuccess: (settings, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData(sessionLinksKeys.settings(client.siteId), settings),
    onSettled: (_data, _error, _input, _result, { client: queryClient }) =>
      queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) }),
  });

/**
 * Set or replace a staff member's individual account with a custom link (R4, R9).
 * Optimistic: the staff list shows the new link at once and rolls back on failure.
 */
export const setStaffCustomLinkMutationOptions = (client: SessionLinksClient) => {
  const key = sessionLinksKeys.staff(client.siteId);
  return mutationOptions<
    StaffMember,
    ApiError,
    { staffId: string; link: CustomLinkInput; version: number },
    { previous: StaffMember[] | undefined }
  >({
    mutationKey: sessionLinksMutationKeys.setStaffCustomLink(client.siteId),
    mutationFn: ({ staffId, ...input }) => client.setStaffCustomLink(staffId, input),
    onMutate: async ({ staffId, link }, { client: queryClient }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<StaffMember[]>(key);
      const parsed = customLinkSchema.safeParse(link);
      if (previous && parsed.success) {
        const account = {
          id: 'optimistic',
          kind: 'custom' as const,
          health: 'connected' as const,
          provider: recognizeProvider(parsed.data.url),
          link: parsed.data,
        };
        queryClient.setQueryData<StaffMember[]>(
          key,
          previous.map((s) => (s.id === staffId ? { ...s, account } : s)),
        );
      }
      return { previous };
    },
    onError: (_error, _input, result, { client: queryClient }) => {
      if (result?.previous) queryClient.setQueryData(key, result.previous);
    },
    onSuccess: (member, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData<StaffMember[]>(key, (list) => list?.map((s) => (s.id === member.id ? member : s))),
    onSettled: (_data, _error, _input, _result, { client: queryClient }) =>
      queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) }),
  });
};

/** Remove a staff member's individual account: their sessions use the site default again. */
export const removeStaffAccountMutationOptions = (client: SessionLinksClient) =>
  mutationOptions<StaffMember, ApiError, { staffId: string; version: number }>({
    mutationKey: sessionLinksMutationKeys.removeStaffAccount(client.siteId),
    mutationFn: ({ staffId, version }) => client.removeStaffAccount(staffId, { version }),
    onSuccess: (member, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData<StaffMember[]>(sessionLinksKeys.staff(client.siteId), (list) =>
        list?.map((s) => (s.id === member.id ? member : s)),
      ),
    onSettled: (_data, _error, _input, _result, { client: queryClient }) =>
      queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) }),
  });

/**
 * Add, replace, remove or reset one session's link (R7). Removing is predictable, so it
 * shows at once and rolls back on failure; adding waits for the backend, which creates
 * the Zoom meeting.
 */
export const setSessionLinkMutationOptions = (client: SessionLinksClient) =>
  mutationOptions<
    SessionDetail,
    ApiError,
    { sessionId: string; change: SessionLinkChange; version: number },
    { previous: SessionDetail | undefined }
  >({
    mutationKey: sessionLinksMutationKeys.setSessionLink(client.siteId),
    mutationFn: ({ sessionId, ...input }) => client.setSessionLink(sessionId, input),
    onMutate: async ({ sessionId, change }, { client: queryClient }) => {
      const key = sessionLinksKeys.session(client.siteId, sessionId);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<SessionDetail>(key);
      if (previous && change.kind === 'removed') {
        queryClient.setQueryData<SessionDetail>(key, {
          ...previous,
          session: { ...previous.session, override: { kind: 'removed' } },
          resolution: { status: 'none', reason: 'REMOVED', warnings: [] },
        });
      }
      return { previous };
    },
    onError: (_error, { sessionId }, result, { client: queryClient }) => {
      if (result?.previous) queryClient.setQueryData(sessionLinksKeys.session(client.siteId, sessionId), result.previous);
    },
    onSuccess: (detail, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData(sessionLinksKeys.session(client.siteId, detail.session.id), detail),
    onSettled: (_data, _error, _input, _result, { client: queryClient }) =>
      queryClient.invalidateQueries({ queryKey: sessionLinksKeys.sessions(client.siteId) }),
  });

/** Set, replace or clear a course's link (R6); the answer names the sessions and clients it touched. */
export const setCourseLinkMutationOptions = (client: SessionLinksClient) =>
  mutationOptions<CourseLinkUpdate, ApiError, { serviceId: string; link: CustomLinkInput | null; version: number }>({
    mutationKey: sessionLinksMutationKeys.setCourseLink(client.siteId),
    mutationFn: ({ serviceId, ...input }) => client.setCourseLink(serviceId, input),
    onSuccess: (update, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData<CourseLinkState>(sessionLinksKeys.courseLink(client.siteId, update.courseLink.serviceId), (state) =>
        state ? { ...state, courseLink: update.courseLink } : state,
      ),
    onSettled: (_data, _error, _input, _result, { client: queryClient }) =>
      queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) }),
  });

/**
 * Switch a service's online sessions on or off; the answer names the sessions that gained or
 * lost a link (R16). The switch's own query takes the saved value; sessions, services and
 * previews are read again.
 */
export const setServiceVideoMutationOptions = (client: SessionLinksClient) =>
  mutationOptions<ServiceVideoUpdate, ApiError, { serviceId: string; online: boolean; version: number }>({
    mutationKey: sessionLinksMutationKeys.setServiceVideo(client.siteId),
    mutationFn: ({ serviceId, ...input }) => client.setServiceVideo(serviceId, input),
    onSuccess: (update, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData<ServiceVideo>(sessionLinksKeys.serviceVideo(client.siteId, update.video.serviceId), update.video),
    onSettled: (_data, _error, _input, _result, { client: queryClient }) =>
      queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) }),
  });

/** Save an automation's template (R12). */
export const saveTemplateMutationOptions = (client: SessionLinksClient) =>
  mutationOptions<Template, ApiError, { automationId: AutomationId } & Pick<Template, 'subject' | 'body' | 'joinOnline' | 'version'>>({
    mutationKey: sessionLinksMutationKeys.saveTemplate(client.siteId),
    mutationFn: ({ automationId, ...input }) => client.saveTemplate(automationId, input),
    onSuccess: (template, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData(sessionLinksKeys.template(client.siteId, template.automationId), template),
    onSettled: (_data, _error, _input, _result, { client: queryClient }) =>
      queryClient.invalidateQueries({ queryKey: sessionLinksKeys.automations(client.siteId) }),
  });

/** "Reset to default template" (R12). */
export const resetTemplateMutationOptions = (client: SessionLinksClient) =>
  mutationOptions<Template, ApiError, { automationId: AutomationId; version: number }>({
    mutationKey: sessionLinksMutationKeys.resetTemplate(client.siteId),
    mutationFn: ({ automationId, version }) => client.resetTemplate(automationId, { version }),
    onSuccess: (template, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData(sessionLinksKeys.template(client.siteId, template.automationId), template),
    onSettled: (_data, _error, _input, _result, { client: queryClient }) =>
      queryClient.invalidateQueries({ queryKey: sessionLinksKeys.automations(client.siteId) }),
  });
