import { createClient } from '@session-links/client';
import { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

// Where the session-links backend is mounted: an absolute URL.
const baseUrl = `${window.location.origin}/api/session-links`;

async function enableMocking() {
  // Development only: `import.meta.env.DEV` is false in `vite build`, so MSW and the
  // mocks never reach the production bundle.
  if (!import.meta.env.DEV) return;
  const { setupMockWorker } = await import('@session-links/mocks/browser');
  const { worker } = setupMockWorker('zoom-default', { baseUrl });
  await worker.start({ onUnhandledRequest: 'bypass' });
}

const client = createClient({
  baseUrl,
  // Your tenant's id. 'site-studio' is the site the mocks are seeded with.
  siteId: 'site-studio',
  // Your auth, on every request (a cookie session needs nothing here).
  getHeaders: async () => ({ authorization: 'Bearer dev-token' }),
});
const queryClient = new QueryClient();

enableMocking().then(() => {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App client={client} queryClient={queryClient} />
    </StrictMode>,
  );
});
