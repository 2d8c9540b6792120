// The test snippet of the mocks' README, word for word: scripts/check-hosts.sh runs it.
import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { ProviderPicker, SessionLinksProvider } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

// The first render loads React Query, the widget and the seeded backend: on a cold run or a
// busy CI machine it takes longer than Testing Library's 1 s default for `findBy…`.
configure({ asyncUtilTimeout: 5000 });

const baseUrl = 'http://localhost/api/session-links'; // absolute: jsdom has no page origin to resolve against
const { server, backend } = setupMockApi('zoom-default', { baseUrl });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup(); // without vitest globals Testing Library does not clean up by itself
  backend.reset(); // back to the seeded scenario: no test sees another's writes
});
afterAll(() => server.close());

function renderWidget(ui: ReactNode) {
  // A fresh QueryClient per test, and `retry: false`: with React Query's default of three
  // retries an error state takes seconds to show and `findBy…` times out first.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const client = createClient({ baseUrl, siteId: MAIN_SITE });
  return render(
    <SessionLinksProvider client={client} queryClient={queryClient}>
      {ui}
    </SessionLinksProvider>,
  );
}

it('shows the site default', async () => {
  renderWidget(<ProviderPicker />);
  expect(await screen.findByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeDefined();
});

it('shows the error state', async () => {
  backend.fail('getSettings', 'server');
  renderWidget(<ProviderPicker />);
  expect((await screen.findByRole('alert')).textContent).toContain('could not be loaded');
});
