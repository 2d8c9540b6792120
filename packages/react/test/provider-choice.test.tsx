import { createClient } from '@session-links/client';
import type { ConnectedProvider, NoticeList, NoticesQuery } from '@session-links/core';
import { MAIN_SITE, type MockBackend } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { PersonalSessionsAction, ProviderPicker, SessionLinkEditor, SessionLinksProvider, StaffAccountEditor } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { act, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

// Whole flows over MSW on a busy 2-core machine: give findBy* room.
configure({ asyncUtilTimeout: 5000 });

// R27, R31: every account flow offers the providers the site's server is configured for
// (listProviders), then Custom link; one it is not configured for is not offered, and a line
// says which are not set up. The mocks are the real server with each provider's in-process fake.
const baseUrl = 'http://localhost/api/session-links';
const originalOpen = window.open;
let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  window.open = originalOpen;
});

interface FakePopup {
  closed: boolean;
  close(): void;
  location: { href: string };
}

async function setup(
  scenario: 'no-default' | 'zoom-default',
  signedInAs: string,
  widget: ReactNode,
  options: {
    providers?: Partial<Record<ConnectedProvider, 'fake' | 'not-configured'>>;
    locale?: 'en' | 'nl';
    before?: (backend: MockBackend) => Promise<void>;
    now?: () => Date;
  } = {},
) {
  const { backend, server } = setupMockApi(scenario, {
    baseUrl,
    signedInAs,
    providers: options.providers ?? {},
    ...(options.now ? { now: options.now } : {}),
  });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  await backend.ready;
  await options.before?.(backend);
  backend.requests.length = 0;
  // jsdom has no windows: a stand-in popup the test answers for, as the consent page would.
  const popups: FakePopup[] = [];
  window.open = (() => {
    const popup: FakePopup = {
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
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient} locale={options.locale ?? 'en'}>
      {widget}
    </SessionLinksProvider>,
  );
  return { backend, popups };
}

/** What the consent page posts back on Allow, for the popup's state. */
function allow(popup: FakePopup, email: string) {
  const url = new URL(popup.location.href);
  const event = new MessageEvent('message', {
    data: {
      type: 'session-links:connection-callback',
      outcome: 'allow',
      state: url.searchParams.get('state') ?? '',
      code: `allow:${email}`,
    },
    origin: url.origin,
  });
  Object.defineProperty(event, 'source', { value: popup });
  window.dispatchEvent(event);
}

const choiceNames = (list: HTMLElement) =>
  within(list)
    .getAllByRole('button')
    .map((b) => b.getAttribute('data-provider'));

describe('The provider choice (R27, R31)', { timeout: 20_000 }, () => {
  it('ProviderPicker offers Zoom, Google Meet, Microsoft Teams and Custom link when the server has all three', async () => {
    await setup('no-default', 'owner', <ProviderPicker />);
    await screen.findByRole('button', { name: /^Microsoft Teams/ });
    const list = screen.getByRole('list', { name: 'How do clients join online sessions?' });
    expect(choiceNames(list)).toEqual(['zoom', 'google-meet', 'teams', 'custom']);
    expect(screen.queryByText(/Not set up on this site’s server/)).toBeNull();
  });

  it('a provider the server is not configured for is not offered, and one line names it (not an alert)', async () => {
    await setup('no-default', 'owner', <ProviderPicker />, { providers: { teams: 'not-configured', zoom: 'not-configured' } });
    const line = await screen.findByText('Not set up on this site’s server: Zoom, Microsoft Teams.');
    expect(line.closest('[role="alert"]')).toBeNull();
    const list = screen.getByRole('list', { name: 'How do clients join online sessions?' });
    expect(choiceNames(list)).toEqual(['google-meet', 'custom']);
  });

  it('… in Dutch', async () => {
    await setup('no-default', 'owner', <ProviderPicker />, { providers: { 'google-meet': 'not-configured' }, locale: 'nl' });
    expect(await screen.findByText('Niet ingesteld op de server van deze website: Google Meet.')).toBeVisible();
  });

  it('ProviderPicker connects Google Meet as the default through its consent window, and names it', async () => {
    const { backend, popups } = await setup('no-default', 'owner', <ProviderPicker />);
    await userEvent.click(await screen.findByRole('button', { name: /^Google Meet/ }));
    expect(screen.getByRole('heading', { name: 'Google Meet' })).toBeVisible();
    expect(screen.getByText(/You will sign in to Google Meet in a new window/)).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(popups[0]?.location.href).not.toBe(''));
    expect(new URL(popups[0]?.location.href ?? '').searchParams.get('provider')).toBe('google-meet');
    act(() => allow(popups[0] as FakePopup, 'olivia@gmail.example'));
    expect(await screen.findByText('Google Meet account of Olivia Owner (olivia@gmail.example)')).toBeVisible();
    expect(screen.getByText('Every session gets its own Google Meet meeting.')).toBeVisible();
    expect(backend.getSettings(MAIN_SITE).defaultAccount).toMatchObject({ kind: 'google-meet', user: { email: 'olivia@gmail.example' } });
    expect(backend.requests).toContain('listProviders');
  });

  it('StaffAccountEditor: an expired Google Meet account says so and Reconnect goes to Google’s Connect', async () => {
    await setup('zoom-default', 'owner', <StaffAccountEditor staffId="anna" />, {
      before: (b) => b.connectAccount('google-meet', { type: 'staff', staffId: 'anna' }, { userId: 'owner', health: 'expired' }),
    });
    expect(await screen.findByText('The Google Meet authorisation has expired.')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    expect(await screen.findByRole('heading', { name: 'Google Meet' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Connect' })).toBeVisible();
    expect(screen.getByText(/Whoever signs in to Google Meet in the new window/)).toBeVisible();
  });

  it('StaffAccountEditor: Teams refusing a personal Microsoft account shows that reason', async () => {
    await setup('zoom-default', 'owner', <StaffAccountEditor staffId="anna" />, {
      before: (b) =>
        b.connectAccount('teams', { type: 'staff', staffId: 'anna' }, { userId: 'owner', email: 'anna@outlook.com', health: 'error' }),
    });
    expect(
      await screen.findByText(/personal Microsoft accounts \(Outlook.com, Hotmail, Live\) cannot create Teams meetings/),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  });

  it('PersonalSessionsAction: a staff member is offered the configured providers in the dialog', async () => {
    await setup('zoom-default', 'chris', <PersonalSessionsAction />, { providers: { zoom: 'not-configured' } });
    await userEvent.click(await screen.findByRole('button', { name: 'Set up personal online sessions' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Set up personal online sessions' }));
    await dialog.findByRole('button', { name: /^Microsoft Teams/ });
    expect(choiceNames(dialog.getByRole('list', { name: 'How do clients join online sessions?' }))).toEqual([
      'google-meet',
      'teams',
      'custom',
    ]);
    expect(dialog.getByText('Not set up on this site’s server: Zoom.')).toBeVisible();
  });

  it('SessionLinkEditor: a Teams meeting link names Teams and the staff member’s own account, and shows no Graph id as a meeting ID', async () => {
    await setup('zoom-default', 'owner', <SessionLinkEditor sessionId="coaching-anna-1" />, {
      before: (b) => b.connectAccount('teams', { type: 'staff', staffId: 'anna' }, { userId: 'owner' }),
    });
    expect(await screen.findByText(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//)).toBeVisible();
    expect(screen.getByText("Anna de Vries's own Microsoft Teams account, instead of the site default.")).toBeVisible();
    expect(screen.queryByText(/^Meeting ID/)).toBeNull();
  });
});

// R16, R29: a step that replaces an account by connecting another (or, for a staff member, by a
// custom link) shows its impact above the button that saves; "Tell them now" sits under the
// affected clients there, and the connection or the save carries the choice.
describe('"Tell them now" in the connect steps (R16, R29)', { timeout: 20_000 }, () => {
  const noticesOf = (backend: MockBackend, query: NoticesQuery) =>
    backend.call('listNotices', { siteId: MAIN_SITE }, query, 'owner') as Promise<NoticeList>;

  /** Anna on her own Zoom account, her client told of it already (a later notice is the step's own). */
  const annaOnZoom = async (b: MockBackend) => {
    await b.connectAccount('zoom', { type: 'staff', staffId: 'anna' }, { userId: 'owner', email: 'anna@zoom.example' });
    await b.runDelivery();
  };

  /** The clients and the checkbox under the step's impact, as the user meets them. */
  async function tellBox(intro: string) {
    const card = (await screen.findByText(intro)).closest('.sl-card') as HTMLElement;
    await within(card).findByText(/booked clients? holds? the (old|current) link:/);
    return within(card).getByRole('checkbox', { name: 'Tell them now' });
  }

  it('ProviderPicker: replacing the default by connecting Zoom, unticked, holds the notices for review', async () => {
    const { backend, popups } = await setup('zoom-default', 'owner', <ProviderPicker />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await userEvent.click(await screen.findByRole('button', { name: /^Zoom/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const box = await tellBox('Connecting Zoom replaces the current default account:');
    // The site tells clients automatically: ticked until the owner says otherwise.
    expect(box).toBeChecked();
    await userEvent.click(box);
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(popups[0]?.location.href).not.toBe(''));
    act(() => allow(popups[0] as FakePopup, 'olivia@zoom.example'));
    expect(await screen.findByText(/^Zoom account of Olivia Owner \(olivia@zoom\.example\)/)).toBeVisible();
    const { summary } = await noticesOf(backend, { sessionId: 'yoga-3' });
    expect(summary.total).toBeGreaterThan(0);
    expect(summary).toMatchObject({ held: summary.total, pending: 0 });
  });

  it('ProviderPicker: left ticked under "Let me review first" — unticked by default — the owner ticks it and they are sent', async () => {
    const { backend, popups } = await setup('zoom-default', 'owner', <ProviderPicker />, {
      before: async (b) => {
        await b.call('setNoticePolicy', { siteId: MAIN_SITE }, { policy: 'review', version: b.getSettings(MAIN_SITE).version }, 'owner');
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await userEvent.click(await screen.findByRole('button', { name: /^Zoom/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const box = await tellBox('Connecting Zoom replaces the current default account:');
    expect(box).not.toBeChecked();
    await userEvent.click(box);
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(popups[0]?.location.href).not.toBe(''));
    act(() => allow(popups[0] as FakePopup, 'olivia@zoom.example'));
    await screen.findByText(/^Zoom account of Olivia Owner/);
    const { summary } = await noticesOf(backend, { sessionId: 'yoga-3' });
    expect(summary.total).toBeGreaterThan(0);
    expect(summary).toMatchObject({ pending: summary.total, held: 0 });
  });

  it('StaffAccountEditor: replacing their account by a custom link carries the choice (unticked: held)', async () => {
    const { backend } = await setup('zoom-default', 'owner', <StaffAccountEditor staffId="anna" />, {
      before: annaOnZoom,
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await userEvent.click(await screen.findByRole('button', { name: /^Custom link/ }));
    const box = await tellBox('Saving a new account changes the link of their upcoming sessions:');
    expect(box).toBeChecked();
    await userEvent.click(box);
    await userEvent.type(screen.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/anna');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('https://whereby.com/anna')).toBeVisible();
    await waitFor(async () => expect((await noticesOf(backend, { sessionId: 'coaching-anna-1' })).summary.total).toBeGreaterThan(0));
    const { summary } = await noticesOf(backend, { sessionId: 'coaching-anna-1' });
    expect(summary).toMatchObject({ held: summary.total, pending: 0 });
  });

  it('StaffAccountEditor: replacing their account by connecting Google Meet, unticked, holds the notices made once the meeting is', async () => {
    let later = 0;
    const { backend, popups } = await setup('zoom-default', 'owner', <StaffAccountEditor staffId="anna" />, {
      before: annaOnZoom,
      now: () => new Date(Date.now() + later),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await userEvent.click(await screen.findByRole('button', { name: /^Google Meet/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const box = await tellBox('Saving a new account changes the link of their upcoming sessions:');
    expect(box).toBeChecked();
    await userEvent.click(box);
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(popups[0]?.location.href).not.toBe(''));
    act(() => allow(popups[0] as FakePopup, 'anna@gmail.example'));
    expect(await screen.findByText(/^Google Meet account of .*\(anna@gmail\.example\)/)).toBeVisible();
    // Google answers the conference pending: nobody has a new link yet; the worker's change brings
    // it, and the choice made in the step decides for its notices then.
    expect((await noticesOf(backend, { sessionId: 'coaching-anna-1' })).summary).toMatchObject({ held: 0, pending: 0 });
    // The worker looks at the pending conference again after its backoff: a few minutes on.
    later = 10 * 60_000;
    await backend.runMeetingWorker();
    const { summary } = await noticesOf(backend, { sessionId: 'coaching-anna-1' });
    expect(summary.total).toBeGreaterThan(0);
    expect(summary).toMatchObject({ held: summary.total, pending: 0 });
  });
});
