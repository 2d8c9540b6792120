'use client';
import type { ApiError } from '@session-links/client';
import { type CustomLinkInput, customLinkSchema, type OnlineSettings, recognizeProvider, type SettingsChange } from '@session-links/core';
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
          defaultAccount: { id: 'optimistic', kind: 'custom', health: 'connected', provider: recognizeProvider(parsed.data.url), link: parsed.data },
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
