// The test snippet of Storybook's Docs/Getting started, word for word: scripts/check-hosts.sh runs it.
import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { ProviderPicker, SessionLinksProvider } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

// The first render loads React Query, the widget and the seeded backend: on a cold run or a
// busy CI machine it takes longer than Testing Library's 1 s default for `findBy…`.
configure({ asyncUtilTimeout: 5000 });

const baseUrl = 'http://localhost/api/session-links'; // absolute: jsdom resolves no relative URL
const { server, backend } = setupMockApi('zoom-default', { baseUrl });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup(); // without vitest globals, Testing Library does not clean up by itself
  backend.reset(); // back to the seeded scenario, so no test sees another's writes
});
afterAll(() => server.close());

it('shows the error state', async () => {
  backend.fail('getSettings', 'server');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient}>
      <ProviderPicker />
    </SessionLinksProvider>,
  );
  expect((await screen.findByRole('alert')).textContent).toContain('could not be loaded');
});
