import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { EmailBlockEditor, SessionLinksProvider, SessionsOverview } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

// Whole flows over MSW on a busy 2-core machine: give findBy* room.
configure({ asyncUtilTimeout: 5000 });

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
});

function setup(widget: ReactNode, locale = 'en') {
  const { server } = setupMockApi('zoom-default', { baseUrl });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient} locale={locale}>
      {widget}
    </SessionLinksProvider>,
  );
}

describe('dates that survive a narrow column and a right-to-left page', { timeout: 20_000 }, () => {
  // A native select cuts its text at the end: the time goes first, so a 320 px column never hides it.
  for (const [locale, label, pattern] of [
    ['en', 'Preview for session', /^\w{3} \d{1,2} \w{3}, \d\d:\d\d · \S/],
    ['nl', 'Voorbeeld voor sessie', /^\w{2} \d{1,2} \w{3}, \d\d:\d\d · \S/],
  ] as const) {
    it(`${locale}: the e-mail preview's session options start with the day and time`, async () => {
      setup(<EmailBlockEditor />, locale);
      const select = await screen.findByRole('combobox', { name: label });
      // The sessions load after the editor: wait for them, not for the "Loading…" placeholder.
      await waitFor(() => expect(within(select).getAllByRole('option').length).toBeGreaterThan(1));
      const options = within(select).getAllByRole('option');
      for (const option of options) expect(option.textContent).toMatch(pattern);
    });
  }

  it('the overview isolates each date (and the count), so a right-to-left page cannot reorder it', async () => {
    const now = Date.now();
    setup(<SessionsOverview from={new Date(now - 30 * 864e5).toISOString()} to={new Date(now + 30 * 864e5).toISOString()} height={5000} />);
    // The period loads window after window: every row once the count is final.
    await waitFor(() => expect(screen.getByRole('status')).toHaveAttribute('data-state', 'complete'), { timeout: 5000 });
    const rows = (await screen.findAllByRole('row')).slice(1).filter((r) => r.querySelectorAll('td').length > 0);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      const when = row.querySelector('td');
      expect(when?.firstElementChild?.tagName).toBe('BDI');
      expect(when?.textContent).toMatch(/^\d{1,2} \w{3} \d{4}, \d\d:\d\d$/);
    }
    expect(screen.getByRole('status').querySelector('bdi')).toHaveTextContent(/^\d+ sessions$/);
  });
});
