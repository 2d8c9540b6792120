import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { ProviderPicker, SessionLinksProvider } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';

// Whole flows over MSW on a busy 2-core machine: give findBy* room.
configure({ asyncUtilTimeout: 5000 });

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

// Two widgets on one page over the same data (service form and staff page): the one the
// user did not touch must not take focus when the data changes under it.
it('a widget moves focus only after its own user’s action, never because data changed', { timeout: 30_000 }, async () => {
  const { server } = setupMockApi('no-default', { baseUrl });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient}>
      <section aria-label="Service form">
        <ProviderPicker />
      </section>
      <section aria-label="Staff page">
        <ProviderPicker />
      </section>
    </SessionLinksProvider>,
  );
  const a = within(screen.getByRole('region', { name: 'Service form' }));
  const b = within(screen.getByRole('region', { name: 'Staff page' }));
  await b.findByRole('button', { name: /^Custom link/ });
  await userEvent.click(await a.findByRole('button', { name: /^Custom link/ }));
  await userEvent.type(a.getByRole('textbox', { name: /^Link/ }), 'https://meet.google.com/abc-defg-hij');
  await userEvent.click(a.getByRole('button', { name: 'Connect' }));
  await a.findByText('The default account is saved.');
  await b.findByRole('heading', { name: 'Default account' });
  await waitFor(() => expect(a.getByRole('heading', { name: 'Default account' })).toHaveFocus());
  expect(screen.getByRole('region', { name: 'Service form' })).toContainElement(document.activeElement as HTMLElement);
});
