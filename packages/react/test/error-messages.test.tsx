import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { createTranslate, en, nl, ProviderPicker, SessionLinksProvider, StaffAccountEditor } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

// Whole flows over MSW on a busy 2-core machine: give findBy* room.
configure({ asyncUtilTimeout: 5000 });

// "What you typed is kept" only where something was typed: a form's failed save. A load
// error and a confirmation get the plain message.
const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
});

function setup(widget: ReactNode) {
  const { backend, server } = setupMockApi('zoom-default', { baseUrl });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient}>
      {widget}
    </SessionLinksProvider>,
  );
  return { backend, server };
}

const refusal = (code: 'UNAUTHORIZED' | 'RATE_LIMITED') =>
  HttpResponse.json({ error: { code, message: code } }, { status: code === 'UNAUTHORIZED' ? 401 : 429 });

describe('error messages say "what you typed is kept" only after typing', { timeout: 20_000 }, () => {
  it('a load refused as signed out: the plain message, with Retry', async () => {
    const { server } = setup(<StaffAccountEditor staffId="anna" />);
    server.use(http.get(`${baseUrl}/sites/:siteId/me`, () => refusal('UNAUTHORIZED'), { once: true }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You are signed out. Sign in again, then try once more.');
    expect(alert).not.toHaveTextContent(/typed/);
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('a disconnect refused with CONFLICT: Reload, nothing about typing', async () => {
    const { backend } = setup(<ProviderPicker />);
    await userEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    const confirm = await dialog.findByRole('button', { name: 'Disconnect' });
    await expect.poll(() => (confirm as HTMLButtonElement).disabled).toBe(false);
    backend.conflictOnNextWrite();
    await userEvent.click(confirm);
    const alert = await dialog.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else changed this in the meantime. Reload to see their change, then try again.');
    expect(alert).not.toHaveTextContent(/typed/);
    expect(within(alert).getByRole('button', { name: 'Reload' })).toBeInTheDocument();
  });

  it('a disconnect refused as too many requests: the plain message', async () => {
    const { server } = setup(<ProviderPicker />);
    await userEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    const confirm = await dialog.findByRole('button', { name: 'Disconnect' });
    await expect.poll(() => (confirm as HTMLButtonElement).disabled).toBe(false);
    server.use(http.post(`${baseUrl}/sites/:siteId/settings/default-account/disconnect`, () => refusal('RATE_LIMITED')));
    await userEvent.click(confirm);
    const alert = await dialog.findByRole('alert');
    expect(alert).toHaveTextContent(/^Too many requests at once\. Wait a moment and try again\.$/);
  });

  it('a custom link refused as too many requests: the form keeps what was typed, and says so', async () => {
    const { server } = setup(<StaffAccountEditor staffId="chris" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add individual account' }));
    await userEvent.click(screen.getByRole('button', { name: /Custom link/ }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/chris');
    server.use(http.put(`${baseUrl}/sites/:siteId/staff/:staffId/account`, () => refusal('RATE_LIMITED')));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many requests at once. Wait a moment and try again; what you typed is kept.',
    );
    expect(screen.getByRole('textbox', { name: 'Link' })).toHaveValue('https://whereby.com/chris');
  });

  for (const [name, messages] of [
    ['en', en],
    ['nl', nl],
  ] as const) {
    it(`${name}: plain messages never promise kept input; form messages do, and CONFLICT points at the choice`, () => {
      const t = createTranslate(messages, undefined, name);
      const kept = name === 'en' ? 'what you typed is kept' : 'wat je hebt ingevuld blijft staan';
      for (const code of ['CONFLICT', 'UNAUTHORIZED', 'RATE_LIMITED', 'NETWORK', 'SERVER'] as const) {
        expect(t.error(code).toLowerCase()).not.toContain(kept);
        expect(t.error(code, 'form').toLowerCase()).toContain(kept);
      }
      expect(t.error('CONFLICT', 'form')).toContain(`"${t('versions.title')}"`);
    });
  }
});
