import { createClient } from '@session-links/client';
import { MAIN_SITE, SECOND_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { EmailBlockEditor, SessionLinksProvider } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

// Whole flows over MSW on a busy 2-core machine: give findBy* room.
configure({ asyncUtilTimeout: 5000 });

// Issue 21: "the seeded templates are English on a Dutch site, so every e-mail preview is
// English". A site's language is the host's (synced with the site, R28): its templates — seeded
// or never saved — are in it, so the preview shows what its clients read, whatever language the
// dashboard is in.
const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
});

function setup(scenario: 'dutch-site' | 'two-sites', siteId: string, locale: 'en' | 'nl') {
  const { server } = setupMockApi(scenario, { baseUrl });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId })} queryClient={queryClient} locale={locale}>
      <EmailBlockEditor />
    </SessionLinksProvider>,
  );
}

/** Picks a session with a link for the preview, as the owner does. */
async function previewOf(label: string) {
  const select = await screen.findByRole('combobox', { name: label });
  await waitFor(() =>
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value),
    ).toContain('coaching-chris-1'),
  );
  await userEvent.selectOptions(select, 'coaching-chris-1');
}

describe("a Dutch site's e-mail preview (R12, R28)", { timeout: 20_000 }, () => {
  it('in a Dutch dashboard: subject, greeting and the join-online section are Dutch', async () => {
    setup('dutch-site', MAIN_SITE, 'nl');
    await previewOf('Voorbeeld voor sessie');
    expect(await screen.findByText(/^Je boeking voor Career coaching is bevestigd$/)).toBeVisible();
    expect(screen.getByText(/^Hoi /, { selector: '.sl-email-body' })).toBeVisible();
    expect(await screen.findByRole('button', { name: /^Kop Online deelnemen/ })).toBeVisible();
    expect(screen.getByRole('button', { name: /^Deelnameknop en link Deelnemen aan de sessie: https:\/\// })).toBeVisible();
    expect(document.body.textContent).not.toMatch(/Your booking|Join the session|Join online/);
  });

  it("in an English dashboard the e-mail is still the site's Dutch one; the editor around it is English", async () => {
    setup('two-sites', SECOND_SITE, 'en');
    await previewOf('Preview for session');
    expect(await screen.findByText(/^Je boeking voor Career coaching is bevestigd$/)).toBeVisible();
    expect(await screen.findByRole('button', { name: /^Heading Online deelnemen/ })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Reset to default template' })).toBeVisible();
    expect(document.body.textContent).not.toMatch(/Your booking for/);
  });
});
