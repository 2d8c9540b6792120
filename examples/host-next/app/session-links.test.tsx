import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { ProviderPicker } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SessionLinks } from './session-links';

const baseUrl = 'http://localhost/api/session-links';
const { server, backend } = setupMockApi('zoom-default', { baseUrl });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup(); // no vitest globals, so Testing Library cannot register this by itself
  backend.reset();
});
afterAll(() => server.close());

function renderPicker() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <SessionLinks baseUrl={baseUrl} siteId={MAIN_SITE} queryClient={queryClient}>
      <ProviderPicker upgradeHref="/billing" />
    </SessionLinks>,
  );
}

describe('the SessionLinks client wrapper', () => {
  it("renders a widget with the site's default account", async () => {
    renderPicker();
    expect(await screen.findByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeDefined();
  });

  it('shows the error state at once with retry: false', async () => {
    backend.fail('getSettings', 'server');
    renderPicker();
    expect((await screen.findByRole('alert')).textContent).toContain('could not be loaded');
  });
});
