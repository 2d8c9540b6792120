'use client';
import { isApiError, isClientError, type SessionLinksClient } from '@session-links/client';
import type { Locale } from '@session-links/core';
import { QueryClient, type QueryClientConfig, QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import type { Messages } from '../messages';
import { bundleLanguage } from './translate';

export interface SessionLinksContextValue {
  client: SessionLinksClient;
  /** The host's BCP 47 tag, as given (`en`, `nl-BE`, `de-DE`…). */
  locale: string;
  /** The language of the shipped strings the locale gets: `nl` for any Dutch tag, else `en`. */
  language: Locale;
  /** The host's own strings, over the shipped ones. */
  messages: Partial<Messages> | undefined;
  /** IANA time zone dates are shown in (the business's); `undefined`: the viewer's. */
  timeZone: string | undefined;
  /** Where dialogs are portalled; `undefined` means `document.body`. See `usePortalContainer`. */
  portalContainer?: PortalContainer;
}

/**
 * Where the widgets' dialogs open: an element, or a getter called when a dialog opens
 * (handy with a ref that is set after the provider renders). `null`/`undefined`: `document.body`.
 */
export type PortalContainer = Element | DocumentFragment | null | (() => Element | DocumentFragment | null | undefined);

const SessionLinksContext = createContext<SessionLinksContextValue | null>(null);

export interface SessionLinksProviderProps {
  /** The client, pointed at the host's backend and bound to one site: `createClient({ baseUrl, siteId })`. */
  client: SessionLinksClient;
  /** The host's QueryClient. Without one, the provider creates its own, once per mount. */
  queryClient?: QueryClient;
  /**
   * Any BCP 47 tag (default `en`). Dutch tags (`nl`, `nl-BE`) get the Dutch strings, every
   * other tag the English ones unless `messages` translates them; plurals, numbers and
   * dates always follow the tag.
   */
  locale?: string;
  /** Replace any message, e.g. `{ 'picker.title': 'Online meetings' }`, or translate them all. */
  messages?: Partial<Messages>;
  /** The business's IANA time zone (`Europe/Amsterdam`): session times are shown in it, not the viewer's. */
  timeZone?: string;
  /**
   * Where dialogs (confirmations, the overview's editor, the self-service dialog) are
   * portalled. Pass an element inside your themed layout so dialogs inherit its theme,
   * dark mode and custom properties; default `document.body`.
   */
  portalContainer?: PortalContainer;
  children?: ReactNode;
}

type Retry = NonNullable<NonNullable<NonNullable<QueryClientConfig['defaultOptions']>['queries']>['retry']>;

/**
 * The retry rule for session-links queries: never retry an answer that will not change
 * (HTTP 4xx: forbidden, not found, signed out, rate limited…); otherwise do what the
 * QueryClient's own default says (3 times unless the host set otherwise).
 */
export function retryUnlessClientError(fallback: Retry = 3) {
  return (failureCount: number, error: Error): boolean => {
    if (isClientError(error)) return false;
    if (typeof fallback === 'function') return fallback(failureCount, error);
    if (typeof fallback === 'boolean') return fallback;
    return failureCount < fallback;
  };
}

type RetryDelay = NonNullable<NonNullable<NonNullable<QueryClientConfig['defaultOptions']>['queries']>['retryDelay']>;

/** The longest wait a server's `retryAfter` may impose on a load before it is tried again. */
export const MAX_RETRY_AFTER_SECONDS = 30;

/**
 * The wait before a query's next try: the `retryAfter` the server gave with `UNAVAILABLE`
 * (its database is away for a moment, R25), at most {@link MAX_RETRY_AFTER_SECONDS};
 * otherwise what the QueryClient's own setting says (React Query's default: 1 s, 2 s, 4 s… up to 30 s).
 */
export function retryDelayFromServer(fallback?: RetryDelay) {
  return (failureCount: number, error: Error): number => {
    if (isApiError(error) && error.code === 'UNAVAILABLE' && error.retryAfter !== undefined && error.retryAfter >= 0) {
      return Math.min(error.retryAfter, MAX_RETRY_AFTER_SECONDS) * 1000;
    }
    if (typeof fallback === 'function') return fallback(failureCount, error);
    if (typeof fallback === 'number') return fallback;
    return Math.min(1000 * 2 ** failureCount, 30_000);
  };
}

function withSessionLinksRetry(queryClient: QueryClient): QueryClient {
  // Scoped to this package's keys, composed with the host's own retry setting; setting it
  // again for the same client is harmless. Mutations keep the QueryClient's setting (by
  // default: never retried): a save that failed is the user's to try again.
  const own = queryClient.getDefaultOptions().queries;
  queryClient.setQueryDefaults(['session-links'], {
    retry: retryUnlessClientError(own?.retry ?? 3),
    retryDelay: retryDelayFromServer(own?.retryDelay),
  });
  return queryClient;
}

export function SessionLinksProvider({
  client,
  queryClient,
  locale = 'en',
  messages,
  timeZone,
  portalContainer,
  children,
}: SessionLinksProviderProps) {
  // Created in state, never at module scope: two embeds on one page share nothing.
  const [ownQueryClient] = useState(() => (queryClient ? null : new QueryClient()));
  const activeQueryClient = useMemo(
    () => withSessionLinksRetry(queryClient ?? (ownQueryClient as QueryClient)),
    [queryClient, ownQueryClient],
  );
  const value = useMemo<SessionLinksContextValue>(() => {
    const language = bundleLanguage(locale);
    return {
      client,
      locale,
      language,
      messages,
      timeZone,
      portalContainer,
    };
  }, [client, locale, messages, timeZone, portalContainer]);
  return (
    <QueryClientProvider client={activeQueryClient}>
      <SessionLinksContext.Provider value={value}>{children}</SessionLinksContext.Provider>
    </QueryClientProvider>
  );
}

/** The provider's client, locale and messages. Throws a named error outside the provider. */
export function useSessionLinks(component: string): SessionLinksContextValue {
  const value = useContext(SessionLinksContext);
  if (value === null) throw new Error(`${component} must be used inside <SessionLinksProvider>.`);
  return value;
}

/** The element dialogs are portalled into (the provider's `portalContainer`), or `undefined` for `document.body`. */
export function usePortalContainer(component: string): Element | DocumentFragment | undefined {
  const { portalContainer } = useSessionLinks(component);
  const now = typeof portalContainer === 'function' ? portalContainer() : portalContainer;
  // A getter over a ref returns null while the host's slot is not mounted yet (the dialog's
  // portal renders on the provider's first render): ask again once mounted.
  const [later, setLater] = useState<Element | DocumentFragment | null>(null);
  useEffect(() => {
    if (typeof portalContainer !== 'function') return;
    const container = portalContainer() ?? null;
    setLater((previous) => (previous === container ? previous : container));
  }, [portalContainer]);
  return now ?? later ?? undefined;
}
