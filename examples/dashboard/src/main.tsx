import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockWorker } from '@session-links/mocks/browser';
import { SessionLinksProvider } from '@session-links/react';
import '@session-links/react/styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './app.css';

// The example has no backend: the session-links mocks answer in the browser.
const baseUrl = `${window.location.origin}/api/session-links`;
const { worker } = setupMockWorker('zoom-default', { baseUrl });
await worker.start({ onUnhandledRequest: 'bypass', quiet: true });

// The host's own clients: its QueryClient serves the rest of its dashboard too.
const queryClient = new QueryClient();
const client = createClient({ baseUrl, siteId: MAIN_SITE });

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionLinksProvider client={client} queryClient={queryClient} locale={navigator.language.startsWith('nl') ? 'nl' : 'en'}>
        <App />
      </SessionLinksProvider>
    </QueryClientProvider>
  </StrictMode>,
);
