import type { ApiError, SessionLinksClient } from '@session-links/client';
import {
  customLinkSchema,
  type RouteInput,
  type RouteParams,
  type RouteResponse,
  recognizeProvider,
  routeParamNames,
  routes,
  type Template,
} from '@session-links/core';
import { type MutationFunctionContext, mutationOptions, type UseMutationOptions } from '@tanstack/react-query';
import { type Kebab, kebab, keyNameOf, type MutationRouteName } from './names';
import { sessionLinksKeys } from './queries';

type MutationPrefix = readonly ['session-links', string, 'mutation'];
/** One key per write, named after its route. */
export type SessionLinksMutationKeys = { all: (siteId: string) => MutationPrefix } & {
  [N in MutationRouteName]: (siteId: string) => readonly [...MutationPrefix, Kebab<N>];
};

/** One key function per write route (pure: a widget that writes nothing drops it). */
function buildMutationKeys(): Record<string, (siteId: string) => readonly string[]> {
  const keys: Record<string, (siteId: string) => readonly string[]> = {
    all: (siteId) => [...sessionLinksKeys.all(siteId), 'mutation'],
  };
  for (const name of Object.keys(routes)) {
    if (keyNameOf(name) === null) keys[name] = (siteId) => [...sessionLinksKeys.all(siteId), 'mutation', kebab(name)];
  }
  return keys;
}
const mutationKeys = /* @__PURE__ */ buildMutationKeys();

/**
 * Mutation keys, under the same `['session-links', siteId]` prefix as the query keys, so a
 * host can follow a write with `useMutationState({ filters: { mutationKey } })`.
 */
export const sessionLinksMutationKeys = mutationKeys as unknown as SessionLinksMutationKeys;

/** What a write's `mutate` takes: the route's path parameters (besides `siteId`) and its body, in one object. */
export type MutationVariables<N extends MutationRouteName> = {
  [K in keyof (RouteParams<N> & RouteInput<N>)]: (RouteParams<N> & RouteInput<N>)[K];
};

/** What a write does to the cache around its request: the only part of a mutation written by hand. */
export type CacheEffects<N extends MutationRouteName, TOnMutateResult = unknown> = Omit<
  UseMutationOptions<RouteResponse<N>, ApiError, MutationVariables<N>, TOnMutateResult>,
  'mutationKey' | 'mutationFn'
>;

/**
 * A write's mutation options, from its route (key, request) and its cache effects.
 * `sessionLinksMutation(client, 'resetTemplate', { onSuccess: … })`.
 */
export function sessionLinksMutation<N extends MutationRouteName, TOnMutateResult = unknown>(
  client: SessionLinksClient,
  name: N,
  effects: CacheEffects<N, TOnMutateResult>,
) {
  const params = routeParamNames(name);
  const call = client[name] as unknown as (...args: unknown[]) => Promise<RouteResponse<N>>;
  return mutationOptions<RouteResponse<N>, ApiError, MutationVariables<N>, TOnMutateResult>({
    mutationKey: sessionLinksMutationKeys[name](client.siteId),
    mutationFn: (variables) => {
      const input: Record<string, unknown> = { ...variables };
      for (const param of params) delete input[param];
      return call(...params.map((param) => (variables as Record<string, unknown>)[param]), input);
    },
    ...effects,
  });
}

// The cache effects of each write. The factories below are what the widgets' hooks use
// (`useMutation(factory(client))`): a host with its own UI gets the same writes, optimistic
// updates and cache updates. Cache work goes through the QueryClient TanStack hands every
// callback (`context.client`), typed by the tagged keys.

/** Every resolved link of the site may have changed. */
const invalidateSite =
  (client: SessionLinksClient) =>
  (_data: unknown, _error: unknown, _input: unknown, _result: unknown, { client: queryClient }: MutationFunctionContext) =>
    queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) });

/** A custom link shown at once, before the server answers (the row rolls back if it refuses). */
const optimisticAccount = (link: unknown) => {
  const parsed = customLinkSchema.safeParse(link);
  return parsed.success
    ? {
        id: 'optimistic',
        kind: 'custom' as const,
        health: 'connected' as const,
        provider: recognizeProvider(parsed.data.url),
        link: parsed.data,
      }
    : null;
};

/**
 * Set or replace the default account with a custom link. Optimistic: the settings show the
 * new link at once and roll back if the save fails.
 */
export const setDefaultCustomLinkMutationOptions = (client: SessionLinksClient) => {
  const key = sessionLinksKeys.settings(client.siteId);
  return sessionLinksMutation(client, 'setDefaultCustomLink', {
    onMutate: async ({ link }, { client: queryClient }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      const account = optimisticAccount(link);
      if (previous && account) queryClient.setQueryData(key, { ...previous, defaultAccount: account });
      return { previous };
    },
    onError: (_error, _input, result, { client: queryClient }) => {
      if (result?.previous) queryClient.setQueryData(key, result.previous);
    },
    onSuccess: (settings, _input, _result, { client: queryClient }) => queryClient.setQueryData(key, settings),
    onSettled: invalidateSite(client),
  });
};

/** Disconnect the default account (R8): every link disappears until one is connected again. */
export const disconnectDefaultMutationOptions = (client: SessionLinksClient) =>
  sessionLinksMutation(client, 'disconnectDefault', {
    onSuccess: (settings, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData(sessionLinksKeys.settings(client.siteId), settings),
    onSettled: invalidateSite(client),
  });

/**
 * Set or replace a staff member's individual account with a custom link (R4, R9).
 * Optimistic: the staff list shows the new link at once and rolls back on failure.
 */
export const setStaffCustomLinkMutationOptions = (client: SessionLinksClient) => {
  const key = sessionLinksKeys.staff(client.siteId);
  return sessionLinksMutation(client, 'setStaffCustomLink', {
    onMutate: async ({ staffId, link }, { client: queryClient }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      const account = optimisticAccount(link);
      if (previous && account) {
        queryClient.setQueryData(
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
      queryClient.setQueryData(key, (list) => list?.map((s) => (s.id === member.id ? member : s))),
    onSettled: invalidateSite(client),
  });
};

/** Remove a staff member's individual account: their sessions use the site default again. */
export const removeStaffAccountMutationOptions = (client: SessionLinksClient) =>
  sessionLinksMutation(client, 'removeStaffAccount', {
    onSuccess: (member, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData(sessionLinksKeys.staff(client.siteId), (list) => list?.map((s) => (s.id === member.id ? member : s))),
    onSettled: invalidateSite(client),
  });

/**
 * Add, replace, remove or reset one session's link (R7). Removing is predictable, so it
 * shows at once and rolls back on failure; adding waits for the backend, which creates
 * the Zoom meeting.
 */
export const setSessionLinkMutationOptions = (client: SessionLinksClient) =>
  sessionLinksMutation(client, 'setSessionLink', {
    onMutate: async ({ sessionId, change }, { client: queryClient }) => {
      const key = sessionLinksKeys.session(client.siteId, sessionId);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      if (previous && change.kind === 'removed') {
        queryClient.setQueryData(key, {
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
      Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionLinksKeys.sessions(client.siteId) }),
        // R30: the change is the newest entry of the session's history.
        queryClient.invalidateQueries({ queryKey: sessionLinksKeys.sessionLinkHistory(client.siteId) }),
        // R29: the change told (or holds) the session's booked clients.
        queryClient.invalidateQueries({ queryKey: sessionLinksKeys.notices(client.siteId) }),
      ]),
  });

/** Set, replace or clear a course's link (R6); the answer names the sessions and clients it touched. */
export const setCourseLinkMutationOptions = (client: SessionLinksClient) =>
  sessionLinksMutation(client, 'setCourseLink', {
    onSuccess: (update, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData(sessionLinksKeys.courseLink(client.siteId, update.courseLink.serviceId), (state) =>
        state ? { ...state, courseLink: update.courseLink } : state,
      ),
    onSettled: invalidateSite(client),
  });

/**
 * Switch a service's online sessions on or off; the answer names the sessions that gained or
 * lost a link (R16). The switch's own query takes the saved value; sessions, services and
 * previews are read again.
 */
export const setServiceVideoMutationOptions = (client: SessionLinksClient) =>
  sessionLinksMutation(client, 'setServiceVideo', {
    onSuccess: (update, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData(sessionLinksKeys.serviceVideo(client.siteId, update.video.serviceId), update.video),
    onSettled: invalidateSite(client),
  });

/** The template the server answers with replaces the cached one; the automations' list may show it differently. */
const templateEffects = (client: SessionLinksClient) => ({
  onSuccess: (template: Template, _input: unknown, _result: unknown, { client: queryClient }: MutationFunctionContext) =>
    queryClient.setQueryData(sessionLinksKeys.template(client.siteId, template.automationId), template),
  onSettled: (_data: unknown, _error: unknown, _input: unknown, _result: unknown, { client: queryClient }: MutationFunctionContext) =>
    queryClient.invalidateQueries({ queryKey: sessionLinksKeys.automations(client.siteId) }),
});

/** Save an automation's template (R12). */
export const saveTemplateMutationOptions = (client: SessionLinksClient) =>
  sessionLinksMutation(client, 'saveTemplate', templateEffects(client));

/** "Reset to default template" (R12). */
export const resetTemplateMutationOptions = (client: SessionLinksClient) =>
  sessionLinksMutation(client, 'resetTemplate', templateEffects(client));

/** The site's notice policy (R29): automatically, after review, or off; the answer is the settings. */
export const setNoticePolicyMutationOptions = (client: SessionLinksClient) =>
  sessionLinksMutation(client, 'setNoticePolicy', {
    onSuccess: (settings, _input, _result, { client: queryClient }) =>
      queryClient.setQueryData(sessionLinksKeys.settings(client.siteId), settings),
  });

/** "Retry" / "Tell them now" (R29): held notices are released, failed ones tried again; the lists are read again. */
export const sendNoticesMutationOptions = (client: SessionLinksClient) =>
  sessionLinksMutation(client, 'sendNotices', {
    onSettled: (_data, _error, _input, _result, { client: queryClient }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionLinksKeys.notices(client.siteId) }),
        queryClient.invalidateQueries({ queryKey: sessionLinksKeys.sessionLinkHistory(client.siteId) }),
      ]),
  });
