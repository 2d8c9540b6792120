'use client';
import type { SessionLinksClient } from '@session-links/client';
import { type Locale, PROVIDER_NAMES } from '@session-links/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
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

export function SessionLinksProvider({ client, queryClient, locale = 'en', messages, children }: SessionLinksProviderProps) {
  // Created in state, never at module scope: two embeds on one page share nothing.
  const [ownQueryClient] = useState(() => (queryClient ? null : new QueryClient()));
  const value = useMemo<SessionLinksContextValue>(
    () => ({ client, locale, t: createTranslate({ ...MESSAGES[locale], ...messages }, PROVIDER_NAMES, locale) }),
    [client, locale, messages],
  );
  return (
    <QueryClientProvider client={queryClient ?? (ownQueryClient as QueryClient)}>
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
