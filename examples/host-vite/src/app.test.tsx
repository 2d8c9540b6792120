import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from './app';

// As in the docs' snippet: on a busy CI machine (a `next build` runs beside these tests) the
// first render over the mocks can take longer than Testing Library's 1 s default for `findBy…`.
configure({ asyncUtilTimeout: 5000 });

// In jsdom the client needs an absolute URL; the mocks' handlers listen on the same one.
const baseUrl = 'http://localhost/api/session-links';
const { server, backend } = setupMockApi('zoom-default', { baseUrl });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup(); // no vitest globals, so Testing Library cannot register this by itself
  backend.reset(); // back to the seeded scenario: no test sees another's writes
});
afterAll(() => server.close());

function renderApp() {
  // A fresh QueryClient per test; `retry: false` so an error state shows at once
  // instead of after three retries.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<App client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient} />);
}

describe('the studio settings page', () => {
  it("shows the site's default account", async () => {
    renderApp();
    expect(screen.getByRole('heading', { name: 'Studio settings' })).toBeDefined();
    expect(await screen.findByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeDefined();
  });

  it('disconnects the default after confirming, and the backend keeps it', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(await screen.findByRole('button', { name: 'Disconnect' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    await dialog.findByText(/upcoming sessions lose their link/);
    await user.click(dialog.getByRole('button', { name: 'Disconnect' }));
    expect(await screen.findByText(/The default account is disconnected/)).toBeDefined();
    expect(backend.getSettings(MAIN_SITE).defaultAccount).toBeNull();
  });

  it('starts from the seeded scenario again, whatever an earlier test changed', async () => {
    renderApp();
    expect(await screen.findByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeDefined();
  });

  it('says so when the settings cannot be loaded', async () => {
    backend.fail('getSettings', 'server');
    renderApp();
    expect((await screen.findByRole('alert')).textContent).toContain('could not be loaded');
  });
});
