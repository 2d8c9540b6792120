import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { PersonalSessionsAction, SessionLinksProvider, StaffAccountEditor } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

// Whole flows over MSW on a busy 2-core machine: give findBy* room.
configure({ asyncUtilTimeout: 5000 });

// A staff member setting up their own account is "you", never their own name in the third person.
const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
});

function setup(signedInAs: string, widget: ReactNode, locale = 'en') {
  const { server } = setupMockApi('zoom-default', { baseUrl, signedInAs });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient} locale={locale}>
      {widget}
    </SessionLinksProvider>,
  );
}

describe('the personal dialog speaks to the staff member', { timeout: 20_000 }, () => {
  it('en: "your sessions", "Your own account", and a removal that says "your"', async () => {
    setup('bram', <PersonalSessionsAction />);
    await userEvent.click(await screen.findByRole('button', { name: 'Set up personal online sessions' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Set up personal online sessions' }));
    expect(await dialog.findByText('Your sessions use your own Google Meet link, instead of the site default.')).toBeInTheDocument();
    expect(dialog.getByRole('heading', { name: 'Your own account' })).toBeInTheDocument();
    expect(dialog.queryByText(/Bram Jansen/)).toBeNull();
    await userEvent.click(dialog.getByRole('button', { name: 'Remove' }));
    const confirm = within(await screen.findByRole('alertdialog', { name: 'Remove your own account?' }));
    expect(confirm.getByText('Your sessions will use the site default account again.')).toBeInTheDocument();
    expect(await confirm.findByText('Your own account stops being used.')).toBeInTheDocument();
    expect(confirm.queryByText(/Bram Jansen/)).toBeNull();
  });

  it('nl: "je sessies", "Je eigen account"', async () => {
    setup('bram', <PersonalSessionsAction />, 'nl');
    await userEvent.click(await screen.findByRole('button', { name: 'Persoonlijke online sessies instellen' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      await dialog.findByText('Je sessies gebruiken je eigen Google Meet-link in plaats van het standaardaccount.'),
    ).toBeInTheDocument();
    expect(dialog.getByRole('heading', { name: 'Je eigen account' })).toBeInTheDocument();
    expect(dialog.queryByText(/Bram Jansen/)).toBeNull();
  });

  it('the owner looking at the same staff member still reads their name', async () => {
    setup('owner', <StaffAccountEditor staffId="bram" />);
    expect(
      await screen.findByText("Bram Jansen's sessions use their own Google Meet link, instead of the site default."),
    ).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    expect(await screen.findByRole('alertdialog', { name: "Remove Bram Jansen's individual account?" })).toBeInTheDocument();
  });
});
