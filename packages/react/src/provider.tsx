'use client';
import { isClientError, type SessionLinksClient } from '@session-links/client';
import { type Locale, PROVIDER_NAMES } from '@session-links/core';
import { QueryClient, type QueryClientConfig, QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { createTranslate, MESSAGES, type Messages, type Translate } from './messages';

export interface SessionLinksContextValue {
  client: SessionLinksClient;
  locale: Locale;
  t: Translate;
}

const SessionLinksContext = createContext<SessionLinksContextValue | null>(null);

export interface SessionLinksProviderProps {
  /** The client, pointed at the host's backend and bound to one site: `createClient({ baseUrl, siteId })`. */
  client: SessionLinksClient;
  /** The host's QueryClient. Without one, the provider creates its own, once per mount. */
  queryClient?: QueryClient;
  locale?: Locale;
  /** Replace any message, e.g. `{ 'picker.title': 'Online meetings' }`. */
  messages?: Partial<Messages>;
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

function withSessionLinksRetry(queryClient: QueryClient): QueryClient {
  // Scoped to this package's keys, composed with the host's own retry setting; setting it
  // again for the same client is harmless.
  queryClient.setQueryDefaults(['session-links'], {
    retry: retryUnlessClientError(queryClient.getDefaultOptions().queries?.retry ?? 3),
  });
  return queryClient;
}

export function SessionLinksProvider({ client, queryClient, locale = 'en', messages, children }: SessionLinksProviderProps) {
  // Created in state, never at module scope: two embeds on one page share nothing.
  const [ownQueryClient] = useState(() => (queryClient ? null : new QueryClient()));
  const activeQueryClient = useMemo(
    () => withSessionLinksRetry(queryClient ?? (ownQueryClient as QueryClient)),
    [queryClient, ownQueryClient],
  );
  const value = useMemo<SessionLinksContextValue>(
    () => ({ client, locale, t: createTranslate({ ...MESSAGES[locale], ...messages }, PROVIDER_NAMES, locale) }),
    [client, locale, messages],
  );
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
