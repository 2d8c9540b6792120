// Telling clients (R29, R30) as the owner sees it, through the same MSW handlers as the
// stories: "Tell them now" in the impact dialogs decides what the server records, the
// editors say who was told and offer Retry / Tell them now, the history names who was
// told, and the e-mail editor holds the site's policy.
import { createClient } from '@session-links/client';
import type { NoticeList, NoticesQuery } from '@session-links/core';
import { MAIN_SITE, type MockBackend } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { CourseLinkEditor, EmailBlockEditor, SessionLinkEditor, SessionLinksProvider } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

/** Notices are delivered only when a test runs the server's delivery (`backend.runDelivery()`). */
async function setup(ui: ReactNode, prepare?: (backend: MockBackend) => Promise<void> | void) {
  const api = setupMockApi('zoom-default', { baseUrl });
  api.server.listen({ onUnhandledRequest: 'error' });
  stop = () => {
    api.backend.stopDelivery();
    api.server.close();
  };
  await api.backend.ready;
  await prepare?.(api.backend);
  const client = createClient({ baseUrl, siteId: MAIN_SITE });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <SessionLinksProvider client={client} queryClient={queryClient}>
      {ui}
    </SessionLinksProvider>,
  );
  return api.backend;
}

const noticesOf = (backend: MockBackend, query: NoticesQuery) =>
  backend.call('listNotices', { siteId: MAIN_SITE }, query, 'owner') as Promise<NoticeList>;

const setPolicy = async (backend: MockBackend, policy: 'auto' | 'review' | 'off') => {
  const { version } = backend.getSettings(MAIN_SITE);
  await backend.call('setNoticePolicy', { siteId: MAIN_SITE }, { policy, version }, 'owner');
};

async function confirmEnabled(dialog: ReturnType<typeof within>, name: string) {
  const button = await dialog.findByRole('button', { name });
  await waitFor(() => expect(button).toBeEnabled());
  return button;
}

async function changeCourseLink(user: ReturnType<typeof userEvent.setup>, tell?: boolean) {
  await user.click(await screen.findByRole('button', { name: 'Set a course link' }));
  await user.type(screen.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/pottery');
  await user.click(screen.getByRole('button', { name: 'Review the change' }));
  const dialog = within(await screen.findByRole('alertdialog', { name: 'Change the link of every session of this course?' }));
  const box = await dialog.findByRole('checkbox', { name: 'Tell them now' });
  if (tell !== undefined && (box as HTMLInputElement).checked !== tell) await user.click(box);
  await user.click(await confirmEnabled(dialog, 'Change the link'));
  await screen.findByText(/^The course link is saved\./);
}

describe('"Tell them now" in the impact dialogs (R16, R29)', () => {
  it('is ticked by default when the site tells clients automatically, and the ticked change is sent', async () => {
    const backend = await setup(<CourseLinkEditor serviceId="pottery" />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Set a course link' }));
    await user.type(screen.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/pottery');
    await user.click(screen.getByRole('button', { name: 'Review the change' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    expect(await dialog.findByText('2 booked clients hold the old link:')).toBeVisible();
    const box = await dialog.findByRole('checkbox', { name: 'Tell them now' });
    expect(box).toBeChecked();
    expect(box).toHaveAccessibleDescription('Each gets an e-mail about the change, with an updated calendar invitation.');
    await user.click(await confirmEnabled(dialog, 'Change the link'));
    await screen.findByText(/^The course link is saved\./);
    const list = await noticesOf(backend, { serviceId: 'pottery' });
    expect(list.summary.total).toBeGreaterThan(0);
    expect(list.summary.held).toBe(0);
    expect(list.summary.pending).toBe(list.summary.total);
  });

  it('unticked, the notices wait for the owner (held), and nothing is delivered', async () => {
    const backend = await setup(<CourseLinkEditor serviceId="pottery" />);
    await changeCourseLink(userEvent.setup(), false);
    const list = await noticesOf(backend, { serviceId: 'pottery' });
    expect(list.summary.total).toBeGreaterThan(0);
    expect(list.summary.held).toBe(list.summary.total);
    await backend.runDelivery();
    expect(backend.delivered).toHaveLength(0);
  });

  it('is unticked by default under "Let me review first", and ticking it sends them', async () => {
    const backend = await setup(<SessionLinkEditor sessionId="coaching-bram-1" />, (b) => setPolicy(b, 'review'));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Remove the link' }));
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Remove the link from this session?' }));
    expect(await dialog.findByText('1 booked client holds the current link:')).toBeVisible();
    const box = await dialog.findByRole('checkbox', { name: 'Tell them now' });
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription('The e-mails wait for your review: send them later from the session or the course.');
    await user.click(box);
    await user.click(await confirmEnabled(dialog, 'Remove the link'));
    await screen.findByText('The link is removed: this session takes place on site.');
    expect((await noticesOf(backend, { sessionId: 'coaching-bram-1' })).summary).toMatchObject({ total: 1, pending: 1, held: 0 });
  });

  it('is unticked under "Off", and then nothing is recorded', async () => {
    const backend = await setup(<SessionLinkEditor sessionId="coaching-bram-1" />, (b) => setPolicy(b, 'off'));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Remove the link' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    const box = await dialog.findByRole('checkbox', { name: 'Tell them now' });
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription('Nobody is told: you let them know yourself.');
    await user.click(await confirmEnabled(dialog, 'Remove the link'));
    await screen.findByText('The link is removed: this session takes place on site.');
    expect((await noticesOf(backend, { sessionId: 'coaching-bram-1' })).summary.total).toBe(0);
  });
});

describe('Who was told, in the editors (R29)', () => {
  it('course: "Telling …" while on their way, then "Told 1 of 2 …; 1 failed (address refused)", and Retry sends it', async () => {
    const backend = await setup(<CourseLinkEditor serviceId="pottery" />, (b) => void b.refuseNoticesTo('finn@clients.example'));
    await changeCourseLink(userEvent.setup());
    expect(await screen.findByText('Telling 2 booked clients…')).toBeVisible();
    await backend.runDelivery();
    // The editor follows the pending notices by itself until they settle.
    const told = await screen.findByText('Told 1 of 2 booked clients; 1 failed (address refused)', undefined, { timeout: 8_000 });
    expect(told).toBeVisible();
    backend.acceptNoticesTo('finn@clients.example');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(async () => expect((await noticesOf(backend, { serviceId: 'pottery' })).summary.failed).toBe(0));
    await backend.runDelivery();
    expect(await screen.findByText('Told 2 of 2 booked clients', undefined, { timeout: 8_000 })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(backend.delivered.map((d) => d.notice.client.email).sort()).toEqual(['carla@clients.example', 'finn@clients.example']);
  }, 30_000);

  it('session: held notices wait for review with "Tell them now", which sends them', async () => {
    const backend = await setup(<SessionLinkEditor sessionId="coaching-bram-1" />, (b) => setPolicy(b, 'review'));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Remove the link' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    await user.click(await confirmEnabled(dialog, 'Remove the link'));
    expect(await screen.findByText('Waiting for your review: 1 booked client is not told yet')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Tell them now' }));
    expect(await screen.findByText('Telling 1 booked client…')).toBeVisible();
    await backend.runDelivery();
    expect(await screen.findByText('Told 1 of 1 booked client', undefined, { timeout: 8_000 })).toBeVisible();
    expect(backend.delivered.map((d) => d.notice.client.email)).toEqual(['daan@clients.example']);
  }, 20_000);

  it('a staff member sees who was told of their session, without Retry (sendNotices is the owner’s)', async () => {
    await setup(<SessionLinkEditor sessionId="coaching-anna-1" />, async (b) => {
      b.refuseNoticesTo('carla@clients.example');
      const detail = await b.getSession(MAIN_SITE, 'coaching-anna-1', 'owner');
      await b.call(
        'setSessionLink',
        { siteId: MAIN_SITE, sessionId: 'coaching-anna-1' },
        { change: { kind: 'removed' }, version: detail.session.version },
        'owner',
      );
      await b.runDelivery();
      b.signIn('anna');
    });
    expect(await screen.findByText('Told 0 of 1 booked client; 1 failed (address refused)')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });
});

describe('Link history says who was told (R30)', () => {
  it('names the clients told of a change, and "Not told" where nobody was', async () => {
    const backend = await setup(<SessionLinkEditor sessionId="coaching-bram-1" />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Remove the link' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    await user.click(await confirmEnabled(dialog, 'Remove the link'));
    await screen.findByText('The link is removed: this session takes place on site.');
    await backend.runDelivery();
    await user.click(screen.getByText('Link history'));
    expect(await screen.findByText('Told: Daan Visser')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Use the usual link again' }));
    // The reset is the newest entry; unticked by nobody, so Daan is told again (on its way until delivered).
    expect(await screen.findByText('Told: Daan Visser (on its way)')).toBeVisible();
  });

  it('says "Not told" for a change under the policy "Off"', async () => {
    await setup(<SessionLinkEditor sessionId="coaching-bram-1" />, (b) => setPolicy(b, 'off'));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Remove the link' }));
    await user.click(await confirmEnabled(within(await screen.findByRole('alertdialog')), 'Remove the link'));
    await screen.findByText('The link is removed: this session takes place on site.');
    await user.click(screen.getByText('Link history'));
    expect(await screen.findByText('Not told')).toBeVisible();
  });
});

describe('The site’s notice policy in the e-mail editor (R29)', () => {
  it('shows the saved choice and saves another at once', async () => {
    const backend = await setup(<EmailBlockEditor />);
    const group = await screen.findByRole('group', { name: 'Tell clients when their link changes' });
    expect(within(group).getByRole('radio', { name: 'Automatically' })).toBeChecked();
    await userEvent.setup().click(within(group).getByRole('radio', { name: 'Let me review first' }));
    expect(await within(group).findByText('Saved.')).toBeVisible();
    expect(backend.getSettings(MAIN_SITE).notices).toBe('review');
    expect(within(group).getByRole('radio', { name: 'Let me review first' })).toBeChecked();
  });

  it('refused as a conflict: says so, keeps the stored choice, and Reload reads it again', async () => {
    const backend = await setup(<EmailBlockEditor />, (b) => void b.conflictOnNextWrite());
    const user = userEvent.setup();
    const group = await screen.findByRole('group', { name: 'Tell clients when their link changes' });
    await user.click(within(group).getByRole('radio', { name: 'Off' }));
    const alert = await within(group).findByRole('alert');
    expect(alert).toHaveAttribute('data-code', 'CONFLICT');
    expect(within(group).getByRole('radio', { name: 'Automatically' })).toBeChecked();
    expect(backend.getSettings(MAIN_SITE).notices).toBe('auto');
    await user.click(within(alert).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(within(group).queryByRole('alert')).toBeNull());
  });

  it('is the owner’s: a staff member gets the e-mail editor’s no-permission state, without the setting', async () => {
    await setup(<EmailBlockEditor />, (b) => void b.signIn('anna'));
    expect(await screen.findByText('Only the site owner can change this')).toBeVisible();
    expect(screen.queryByRole('group', { name: 'Tell clients when their link changes' })).toBeNull();
  });
});
