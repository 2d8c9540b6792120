import type { SessionLinksClient } from '@session-links/client';
import { ProviderPicker, SessionLinksProvider } from '@session-links/react';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import '@session-links/react/styles.css';

export interface AppProps {
  client: SessionLinksClient;
  queryClient: QueryClient;
}

/** The host's settings page: its own layout, with the session-links widget in it. */
export function App({ client, queryClient }: AppProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionLinksProvider client={client} queryClient={queryClient}>
        <main>
          <h1>Studio settings</h1>
          <ProviderPicker upgradeHref="/billing" />
        </main>
      </SessionLinksProvider>
    </QueryClientProvider>
  );
}
