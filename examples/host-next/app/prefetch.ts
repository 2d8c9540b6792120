// Server-side, no 'use client': runs in the Server Component (app/page.tsx) before the
// widgets render. `@session-links/react/query` is the package's server-safe entry: the same
// query keys and query functions the widgets use, so what is prefetched here is what they read.
import { createClient } from '@session-links/client';
import { meQueryOptions, settingsQueryOptions } from '@session-links/react/query';
import { type DehydratedState, dehydrate, QueryClient } from '@tanstack/react-query';

export async function prefetchSessionLinks({
  baseUrl,
  siteId,
  authorization,
}: {
  baseUrl: string;
  siteId: string;
  /** The signed-in user's credentials, forwarded from the incoming request. */
  authorization: string;
}): Promise<DehydratedState> {
  // One QueryClient per request, never shared between users. No retries: a failed
  // prefetch is left out of the dehydrated state and the widget fetches in the browser.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } });
  const client = createClient({ baseUrl, siteId, getHeaders: async () => ({ authorization }) });
  await Promise.all([queryClient.prefetchQuery(settingsQueryOptions(client)), queryClient.prefetchQuery(meQueryOptions(client))]);
  return dehydrate(queryClient);
}
