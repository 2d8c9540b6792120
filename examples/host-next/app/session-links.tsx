'use client';
import { createClient } from '@session-links/client';
import { SessionLinksProvider } from '@session-links/react';
import type { QueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';

export interface SessionLinksProps {
  /** Where the session-links backend is mounted: a path on this origin, or an absolute URL. */
  baseUrl: string;
  siteId: string;
  /** Optional: the host's QueryClient (a test passes one with `retry: false`). */
  queryClient?: QueryClient;
  children: ReactNode;
}

/**
 * The client wrapper: a Server Component cannot hand a client object or a function to
 * a Client Component, so the client is created here, on the client side, once per mount.
 * Server Components pass it plain strings.
 */
export function SessionLinks({ baseUrl, siteId, queryClient, children }: SessionLinksProps) {
  const [client] = useState(() =>
    createClient({
      baseUrl,
      siteId,
      // Your auth, on every request (a cookie session needs nothing here).
      getHeaders: async () => ({ authorization: 'Bearer dev-token' }),
    }),
  );
  return (
    <SessionLinksProvider client={client} queryClient={queryClient}>
      {children}
    </SessionLinksProvider>
  );
}
