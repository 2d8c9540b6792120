import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { ProviderPicker, SessionLinksProvider, StaffAccountEditor } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

// R16: an impact names what it touches: the sessions (service, date, time) and people by name, never ids.
const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

function setup(scenario: Parameters<typeof setupMockApi>[0], widget: ReactNode) {
  const { backend, server } = setupMockApi(scenario, { baseUrl });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient}>
      {widget}
    </SessionLinksProvider>,
  );
  return backend;
}

describe('impact details', { timeout: 20_000 }, () => {
  it('removing a staff account names the staff member and lists the sessions that change', async () => {
    setup('zoom-default', <StaffAccountEditor staffId="bram" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    expect(await dialog.findByText(/Bram Jansen/, { selector: '[data-impact="staff"]' })).toBeInTheDocument();
    expect(dialog.queryByText(/: bram\b/)).toBeNull();
    const sessions = dialog.getByRole('list', { name: 'Sessions' });
    expect(within(sessions).getAllByRole('listitem')[0]).toHaveTextContent(/Career coaching · \d+ \w+ \d{4}, \d\d:\d\d/);
  });

  it('disconnecting the default lists the sessions that lose their link', async () => {
    setup('zoom-default', <ProviderPicker />);
    await userEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    const sessions = await dialog.findByRole('list', { name: 'Sessions' });
    expect(within(sessions).getAllByRole('listitem').length).toBeGreaterThan(1);
    expect(sessions).toHaveTextContent(/Morning yoga · /);
  });
});
