'use client';
import type { ApiError } from '@session-links/client';
import {
  type CustomLinkInput,
  customLinkSchema,
  type OnlineSettings,
  recognizeProvider,
  type SettingsChange,
  type StaffMember,
} from '@session-links/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSessionLinks } from './provider';
import { impactQueryOptions, meQueryOptions, sessionLinksKeys, settingsQueryOptions, staffQueryOptions } from './query';

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
  return useQuery({ ...impactQueryOptions(client, change ?? { type: 'disconnect-default' }), enabled: change !== null });
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
