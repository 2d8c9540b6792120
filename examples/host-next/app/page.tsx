import { ProviderPicker } from '@session-links/react';
import { HydrationBoundary } from '@tanstack/react-query';
import { MockApi } from './mock-api';
import { prefetchSessionLinks } from './prefetch';
import { SessionLinks } from './session-links';

// Where the session-links backend is mounted (here the mocks answer it in development).
const baseUrl = process.env.SESSION_LINKS_URL ?? 'http://localhost:3000/api/session-links';
// 'site-studio' is the site the mocks are seeded with; use your tenant's id.
const siteId = 'site-studio';

/**
 * A Server Component: it prefetches the picker's data on the server and hands it to the
 * widgets through `HydrationBoundary`, so the picker renders its account at once instead
 * of a loading state. It passes strings to the client wrapper, never functions.
 *
 * Your page reads the user's session (`cookies()`/`headers()`), which makes it dynamic.
 * Here `next build` prerenders it: the mocks answer only in the browser, so the
 * prefetch finds no backend, is left out, and the widget fetches in the browser.
 */
export default async function SettingsPage() {
  const state = await prefetchSessionLinks({ baseUrl, siteId, authorization: 'Bearer dev-token' });
  return (
    <main>
      <h1>Studio settings</h1>
      <MockApi baseUrl={baseUrl}>
        <SessionLinks baseUrl={baseUrl} siteId={siteId}>
          <HydrationBoundary state={state}>
            <ProviderPicker upgradeHref="/billing" />
          </HydrationBoundary>
        </SessionLinks>
      </MockApi>
    </main>
  );
}
