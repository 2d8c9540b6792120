import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { PersonalSessionsAction, ProviderPicker, SessionLinksProvider, StaffAccountEditor } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

// Whole flows over MSW on a busy 2-core machine: give findBy* room.
configure({ asyncUtilTimeout: 5000 });

// R27: a server without Zoom configuration answers Connect with 501 NOT_CONFIGURED (reason
// PROVIDER_NOT_CONFIGURED). The mocks' server is the real one (`zoom: 'not-configured'`). The
// widgets do not offer Zoom then (listProviders, see provider-choice.test.tsx); when they cannot
// know (listProviders failed, or the server changed since), every widget with "Connect Zoom"
// says Zoom is not set up there, in the site's language.
const baseUrl = 'http://localhost/api/session-links';
const originalOpen = window.open;
let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  window.open = originalOpen;
});

function setup(scenario: 'no-default' | 'zoom-default', signedInAs: string, widget: ReactNode, locale: 'en' | 'nl' = 'en') {
  const { backend, server } = setupMockApi(scenario, { baseUrl, signedInAs, zoom: 'not-configured' });
  // Not knowing which providers are configured, the widgets offer them all.
  backend.fail('listProviders');
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  // jsdom has no windows: a stand-in popup, closed by the widget when the start is refused.
  const popups: { closed: boolean }[] = [];
  window.open = (() => {
    const popup = {
      closed: false,
      close() {
        this.closed = true;
      },
      location: { href: '' },
    };
    popups.push(popup);
    return popup as unknown as Window;
  }) as typeof window.open;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient} locale={locale}>
      {widget}
    </SessionLinksProvider>,
  );
  return { backend, popups };
}

const EN =
  'Zoom is not set up on this site’s server. Ask whoever runs the site to set it up; until then, use a link from another provider.';

describe('Connect Zoom on a server without Zoom configuration (R27)', { timeout: 20_000 }, () => {
  it('ProviderPicker: says Zoom is not set up on the server, closes the popup, changes nothing', async () => {
    const { backend, popups } = setup('no-default', 'owner', <ProviderPicker />);
    await userEvent.click(await screen.findByRole('button', { name: /Zoom/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(EN);
    expect(alert).toHaveAttribute('data-code', 'NOT_CONFIGURED');
    expect(alert).toHaveAttribute('data-reason', 'PROVIDER_NOT_CONFIGURED');
    expect(popups.every((p) => p.closed)).toBe(true);
    expect(backend.getSettings(MAIN_SITE).defaultAccount).toBeNull();
    expect(backend.requests).toContain('startConnection');
  });

  it('ProviderPicker in Dutch', async () => {
    setup('no-default', 'owner', <ProviderPicker />, 'nl');
    await userEvent.click(await screen.findByRole('button', { name: /Zoom/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Doorgaan' }));
    await userEvent.click(screen.getByRole('button', { name: 'Koppelen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Zoom is niet ingesteld op de server van deze website. Vraag de beheerder van de website om het in te stellen; gebruik tot dan een link van een andere aanbieder.',
    );
  });

  it('StaffAccountEditor: the owner adding Zoom for a staff member is told the same', async () => {
    const { backend } = setup('zoom-default', 'owner', <StaffAccountEditor staffId="chris" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add individual account' }));
    await userEvent.click(screen.getByRole('button', { name: /Zoom/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(EN);
    expect(backend.listStaff(MAIN_SITE, 'owner').find((s) => s.id === 'chris')?.account).toBeNull();
  });

  it('PersonalSessionsAction: a staff member connecting their own Zoom is told the same', async () => {
    setup('zoom-default', 'chris', <PersonalSessionsAction />);
    await userEvent.click(await screen.findByRole('button', { name: 'Set up personal online sessions' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Set up personal online sessions' }));
    await userEvent.click(await dialog.findByRole('button', { name: /Zoom/ }));
    await userEvent.click(dialog.getByRole('button', { name: 'Continue' }));
    await userEvent.click(dialog.getByRole('button', { name: 'Connect' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent(EN);
  });
});
