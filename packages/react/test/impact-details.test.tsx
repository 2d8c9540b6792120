import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { ProviderPicker, SessionLinkEditor, SessionLinksProvider, StaffAccountEditor } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

// Whole flows over MSW on a busy 2-core machine: give findBy* room.
configure({ asyncUtilTimeout: 5000 });

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

describe('one session, one staff member: said once (R16)', { timeout: 20_000 }, () => {
  it('removing one session’s link names the session in the sentence, without a count or a list of one', async () => {
    setup('zoom-default', <SessionLinkEditor sessionId="pottery-2" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Remove the link' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    const sentence = await dialog.findByText(/^Pottery for beginners on \d+ \w+ \d{4}, \d\d:\d\d loses its link\.$/);
    expect(sentence).toHaveAttribute('data-impact', 'lost');
    expect(dialog.queryByText(/upcoming session/)).toBeNull();
    expect(dialog.queryByRole('list', { name: 'Sessions' })).toBeNull();
    expect(dialog.getAllByText(/Pottery for beginners/)).toHaveLength(1);
  });

  it('removing one staff member’s account names them in a sentence, not a list of one', async () => {
    setup('zoom-default', <StaffAccountEditor staffId="anna" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    expect(await dialog.findByText("Anna de Vries's own account stops being used.")).toHaveAttribute('data-impact', 'staff');
    expect(dialog.queryByText(/Staff whose/)).toBeNull();
  });
});

describe('replacing the site default (R16)', { timeout: 20_000 }, () => {
  it('replacing an expired default counts the sessions that get a link again, not "no session affected"', async () => {
    setup('expired-zoom', <ProviderPicker />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await userEvent.click(await screen.findByRole('button', { name: /^Custom link/ }));
    const url = screen.getByRole('textbox', { name: /^Link/ });
    await userEvent.clear(url);
    await userEvent.type(url, 'https://meet.google.com/new-link-abc');
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Replace the default account?' }));
    expect(await dialog.findByText(/^\d+ upcoming sessions get a link\.$/)).toBeInTheDocument();
    expect(dialog.queryByText('No upcoming session is affected.')).toBeNull();
  });

  it('custom → other custom: previews the sessions and asks before saving', async () => {
    const backend = setup('custom-default', <ProviderPicker />);
    await backend.ready;
    const before = backend.getSettings(MAIN_SITE, 'owner').defaultAccount;
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await userEvent.click(await screen.findByRole('button', { name: /^Custom link/ }));
    const url = screen.getByRole('textbox', { name: /^Link/ });
    await userEvent.clear(url);
    await userEvent.type(url, 'https://meet.google.com/new-link-abc');
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Replace the default account?' }));
    const sessions = await dialog.findByRole('list', { name: 'Sessions' });
    expect(sessions).toHaveTextContent(/gets a different link/);
    expect(backend.getSettings(MAIN_SITE, 'owner').defaultAccount).toEqual(before);
    // Cancel keeps everything as it was, and the form as typed.
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('textbox', { name: /^Link/ })).toHaveValue('https://meet.google.com/new-link-abc');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Connect' })).toHaveFocus());
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    const again = within(await screen.findByRole('alertdialog', { name: 'Replace the default account?' }));
    const confirm = again.getByRole('button', { name: 'Replace' });
    await waitFor(() => expect(confirm).toBeEnabled());
    await userEvent.click(confirm);
    await screen.findByText('The default account is saved.');
    expect(backend.getSettings(MAIN_SITE, 'owner').defaultAccount).toMatchObject({ link: { url: 'https://meet.google.com/new-link-abc' } });
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Default account' })).toHaveFocus());
  });

  it('custom → Zoom: shows the sessions that change before Connect', async () => {
    setup('custom-default', <ProviderPicker />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await userEvent.click(await screen.findByRole('button', { name: /^Zoom/ }));
    const sessions = await screen.findByRole('list', { name: 'Sessions' });
    expect(sessions).toHaveTextContent(/gets a different link/);
  });
});
