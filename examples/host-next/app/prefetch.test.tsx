import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { ProviderPicker } from '@session-links/react';
import { HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prefetchSessionLinks } from './prefetch';
import { SessionLinks } from './session-links';

const baseUrl = 'http://localhost/api/session-links';
const { server, backend } = setupMockApi('zoom-default', { baseUrl });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  backend.reset();
});
afterAll(() => server.close());

describe('prefetch on the server, hydrate in the widget', () => {
  it('the picker shows the prefetched account on its first render, without a loading state', async () => {
    await backend.ready;
    const state = await prefetchSessionLinks({ baseUrl, siteId: MAIN_SITE, authorization: 'Bearer dev-token' });
    expect(state.queries.map((q) => q.state.status)).toEqual(['success', 'success']);
    // The host's own client-side QueryClient, as the browser would have it: empty.
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <SessionLinks baseUrl={baseUrl} siteId={MAIN_SITE} queryClient={queryClient}>
        <HydrationBoundary state={state}>
          <ProviderPicker upgradeHref="/billing" />
        </HydrationBoundary>
      </SessionLinks>,
    );
    // getBy, not findBy: there on the first render.
    expect(screen.getByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeDefined();
    expect(screen.queryByRole('status', { name: /loading/i })).toBeNull();
  });

  it('a failed prefetch is left out: the widget loads in the browser as before', async () => {
    backend.fail('getSettings', 'server');
    const state = await prefetchSessionLinks({ baseUrl, siteId: MAIN_SITE, authorization: 'Bearer dev-token' });
    expect(state.queries.find((q) => JSON.stringify(q.queryKey).includes('settings'))).toBeUndefined();
  });
});
