import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { EmailBlockEditor, PersonalSessionsAction, ProviderPicker, SessionLinksProvider, StaffAccountEditor } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

// Whole flows over MSW on a busy 2-core machine: give findBy* room.
configure({ asyncUtilTimeout: 5000 });

// A failed load of the signed-in user is an error to retry, never "no permission".
const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

type Failure = 'server' | 'network' | 'malformed';

function setup(failure: Failure, signedInAs: string, widget: ReactNode) {
  const { backend, server } = setupMockApi('zoom-default', { baseUrl, signedInAs });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  if (failure === 'malformed') {
    server.use(http.get(`${baseUrl}/sites/:siteId/me`, () => HttpResponse.json({ role: 'superuser' }), { once: true }));
  } else backend.fail('getMe', failure);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient}>
      {widget}
    </SessionLinksProvider>,
  );
  return backend;
}

describe('a failed load of the current user', { timeout: 20_000 }, () => {
  for (const failure of ['server', 'network', 'malformed'] as const) {
    it(`EmailBlockEditor (${failure}): shows the error with Retry, then the editor`, async () => {
      const backend = setup(failure, 'owner', <EmailBlockEditor />);
      const alert = await screen.findByRole('alert');
      expect(screen.queryByText('Ask the owner of this site to change the join-online section of the automated e-mails.')).toBeNull();
      backend.recover();
      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
      expect(await screen.findByRole('button', { name: 'Save and continue' })).toBeInTheDocument();
    });

    it(`StaffAccountEditor (${failure}): shows the error with Retry, then the account`, async () => {
      const backend = setup(failure, 'owner', <StaffAccountEditor staffId="anna" />);
      const alert = await screen.findByRole('alert');
      expect(screen.queryByText(/Only the site owner/)).toBeNull();
      backend.recover();
      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
      expect(await screen.findByRole('button', { name: 'Edit' })).toBeInTheDocument();
    });

    it(`PersonalSessionsAction (${failure}): shows the error with Retry, then the flow`, async () => {
      const backend = setup(failure, 'chris', <PersonalSessionsAction />);
      await userEvent.click(await screen.findByRole('button', { name: 'Set up personal online sessions' }));
      const dialog = within(await screen.findByRole('dialog'));
      const alert = await dialog.findByRole('alert');
      expect(dialog.queryByText(/Only the site owner|can only|permission/i)).toBeNull();
      backend.recover();
      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
      expect(await dialog.findByRole('button', { name: /Custom link/ })).toBeInTheDocument();
    });
  }
});

// R24's two answers a user can act on: signed out (401) and too many requests (429), each in its own words.
describe('signed out or rate limited: their own message, not "something went wrong"', { timeout: 20_000 }, () => {
  it.each([
    [401, { error: { code: 'UNAUTHORIZED', message: 'no identity' } }, 'You are signed out. Sign in again, then try once more.'],
    [
      429,
      { error: { code: 'RATE_LIMITED', message: 'slow down', retryAfter: 2 } },
      'Too many requests at once. Wait a moment and try again.',
    ],
  ])('%i on loading the settings: ProviderPicker says so, with Retry', async (status, body, message) => {
    const { server } = setupMockApi('zoom-default', { baseUrl });
    server.listen({ onUnhandledRequest: 'error' });
    stop = () => server.close();
    server.use(http.get(`${baseUrl}/sites/:siteId/settings`, () => HttpResponse.json(body, { status }), { once: true }));
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    render(
      <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient}>
        <ProviderPicker />
      </SessionLinksProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(alert).not.toHaveTextContent('Something went wrong');
    // Nothing was typed on a load: no promise to keep it.
    expect(alert).not.toHaveTextContent('what you typed is kept');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/^Zoom account of /)).toBeInTheDocument();
  });
});
