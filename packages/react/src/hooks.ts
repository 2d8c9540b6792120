'use client';
import type { ApiError, SessionLinksClient } from '@session-links/client';
import {
  type AutomationId,
  type CourseLinkState,
  type CourseLinkUpdate,
  type CustomLinkInput,
  customLinkSchema,
  type OnlineSettings,
  recognizeProvider,
  type SessionDetail,
  type SessionLinkChange,
  type SettingsChange,
  type StaffMember,
  type Template,
} from '@session-links/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSessionLinks } from './provider';
import {
  automationsQueryOptions,
  courseLinkQueryOptions,
  impactQueryOptions,
  meQueryOptions,
  servicesQueryOptions,
  sessionLinksKeys,
  sessionQueryOptions,
  sessionsQueryOptions,
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
 */
export function useSetDefaultCustomLink() {
  const { client } = useSessionLinks('useSetDefaultCustomLink');
  const queryClient = useQueryClient();
  const key = sessionLinksKeys.settings(client.siteId);
  return useMutation<OnlineSettings, ApiError, { link: CustomLinkInput; version: number }, { previous: OnlineSettings | undefined }>({
    mutationFn: (input) => client.setDefaultCustomLink(input),
    onMutate: async ({ link }) => {
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
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (settings) => queryClient.setQueryData(key, settings),
    // Every resolved link of the site may have changed.
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) }),
  });
}

/** Disconnect the default account (R8): every link disappears until one is connected again. */
export function useDisconnectDefault() {
  const { client } = useSessionLinks('useDisconnectDefault');
  const queryClient = useQueryClient();
  return useMutation<OnlineSettings, ApiError, { version: number }>({
    mutationFn: (input) => client.disconnectDefault(input),
    onSuccess: (settings) => queryClient.setQueryData(sessionLinksKeys.settings(client.siteId), settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) }),
  });
}

/**
 * Set or replace a staff member's individual account with a custom link (R4, R9).
 * Optimistic: the staff list shows the new link at once and rolls back on failure.
 */
export function useSetStaffCustomLink() {
  const { client } = useSessionLinks('useSetStaffCustomLink');
  const queryClient = useQueryClient();
  const key = sessionLinksKeys.staff(client.siteId);
  return useMutation<
    StaffMember,
    ApiError,
    { staffId: string; link: CustomLinkInput; version: number },
    { previous: StaffMember[] | undefined }
  >({
    mutationFn: ({ staffId, ...input }) => client.setStaffCustomLink(staffId, input),
    onMutate: async ({ staffId, link }) => {
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
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (member) => queryClient.setQueryData<StaffMember[]>(key, (list) => list?.map((s) => (s.id === member.id ? member : s))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) }),
  });
}

/** Remove a staff member's individual account: their sessions use the site default again. */
export function useRemoveStaffAccount() {
  const { client } = useSessionLinks('useRemoveStaffAccount');
  const queryClient = useQueryClient();
  return useMutation<StaffMember, ApiError, { staffId: string; version: number }>({
    mutationFn: ({ staffId, version }) => client.removeStaffAccount(staffId, { version }),
    onSuccess: (member) =>
      queryClient.setQueryData<StaffMember[]>(sessionLinksKeys.staff(client.siteId), (list) =>
        list?.map((s) => (s.id === member.id ? member : s)),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) }),
  });
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
 */
export function useSetSessionLink() {
  const { client } = useSessionLinks('useSetSessionLink');
  const queryClient = useQueryClient();
  return useMutation<
    SessionDetail,
    ApiError,
    { sessionId: string; change: SessionLinkChange; version: number },
    { previous: SessionDetail | undefined }
  >({
    mutationFn: ({ sessionId, ...input }) => client.setSessionLink(sessionId, input),
    onMutate: async ({ sessionId, change }) => {
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
    onError: (_error, { sessionId }, context) => {
      if (context?.previous) queryClient.setQueryData(sessionLinksKeys.session(client.siteId, sessionId), context.previous);
    },
    onSuccess: (detail) => queryClient.setQueryData(sessionLinksKeys.session(client.siteId, detail.session.id), detail),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionLinksKeys.sessions(client.siteId) }),
  });
}

/** A course's own link, its session count and whether a link can be set (R5). */
export function useCourseLink(serviceId: string) {
  const { client } = useSessionLinks('useCourseLink');
  return useQuery(courseLinkQueryOptions(client, serviceId));
}

/** Set, replace or clear a course's link (R6); the answer names the sessions and clients it touched. */
export function useSetCourseLink() {
  const { client } = useSessionLinks('useSetCourseLink');
  const queryClient = useQueryClient();
  return useMutation<CourseLinkUpdate, ApiError, { serviceId: string; link: CustomLinkInput | null; version: number }>({
    mutationFn: ({ serviceId, ...input }) => client.setCourseLink(serviceId, input),
    onSuccess: (update) =>
      queryClient.setQueryData<CourseLinkState>(sessionLinksKeys.courseLink(client.siteId, update.courseLink.serviceId), (state) =>
        state ? { ...state, courseLink: update.courseLink } : state,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) }),
  });
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

function useTemplateWrite<V extends { automationId: AutomationId }>(
  hook: string,
  write: (client: SessionLinksClient, input: V) => Promise<Template>,
) {
  const { client } = useSessionLinks(hook);
  const queryClient = useQueryClient();
  return useMutation<Template, ApiError, V>({
    mutationFn: (input) => write(client, input),
    onSuccess: (template) => queryClient.setQueryData(sessionLinksKeys.template(client.siteId, template.automationId), template),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionLinksKeys.automations(client.siteId) }),
  });
}

/** Save an automation's template (R12). */
export function useSaveTemplate() {
  return useTemplateWrite(
    'useSaveTemplate',
    (client, { automationId, ...input }: { automationId: AutomationId } & Pick<Template, 'subject' | 'body' | 'joinOnline' | 'version'>) =>
      client.saveTemplate(automationId, input),
  );
}

/** "Reset to default template" (R12). */
export function useResetTemplate() {
  return useTemplateWrite('useResetTemplate', (client, { automationId, version }: { automationId: AutomationId; version: number }) =>
    client.resetTemplate(automationId, { version }),
  );
}
