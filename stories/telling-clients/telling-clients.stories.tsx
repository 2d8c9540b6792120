import type { NoticeList } from '@session-links/core';
import type { DeliveredNotice, MockBackend } from '@session-links/mocks';
import { CourseLinkEditor, ProviderPicker, SessionLinkEditor, StaffAccountEditor } from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { watchPopup } from '../support/popup';
import { findEnabledButton } from '../support/wait';

// R29 as the owner sees it: who was told of a link change, in the course and session editors.
// The notices are delivered by the mocks' in-memory transport only when a story says so
// (`noticeDelayMs: 'manual'`, then `backend.runDelivery()`), so each state stays put.

const SITE = 'site-studio';
const owner = 'owner';

const meta = {
  title: 'Widgets/Telling clients',
  component: CourseLinkEditor,
  parameters: { sessionLinks: { scenario: 'zoom-default', noticeDelayMs: 'manual' } },
  args: { serviceId: 'pottery' },
} satisfies Meta<typeof CourseLinkEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

const backendOf = (loaded: Record<string, unknown>) => loaded.backend as MockBackend;
const noticesOf = (backend: MockBackend, query: { sessionId?: string; serviceId?: string }) =>
  backend.call('listNotices', { siteId: SITE }, query, owner) as Promise<NoticeList>;

/** The owner gives the pottery course its own link, as the course editor would ("Tell them now" as the policy says). */
async function changeCourseLink(backend: MockBackend, tellClients?: boolean) {
  const { version } = backend.getCourseLink(SITE, 'pottery').courseLink;
  await backend.call(
    'setCourseLink',
    { siteId: SITE, serviceId: 'pottery' },
    { link: { url: 'https://whereby.com/pottery' }, version, tellClients },
    owner,
  );
}

/** The owner removes the link of Daan's coaching session (on site from now on). */
async function removeSessionLink(backend: MockBackend) {
  const detail = await backend.getSession(SITE, 'coaching-bram-1', owner);
  await backend.call(
    'setSessionLink',
    { siteId: SITE, sessionId: 'coaching-bram-1' },
    { change: { kind: 'removed' }, version: detail.session.version },
    owner,
  );
}

async function setPolicy(backend: MockBackend, policy: 'auto' | 'review' | 'off') {
  const { version } = backend.getSettings(SITE);
  await backend.call('setNoticePolicy', { siteId: SITE }, { policy, version }, owner);
}

/** Queued: the two booked clients are being told ("Telling 2 booked clients…"); the editor follows them. */
export const Pending: Story = {
  parameters: { sessionLinks: { setup: (backend: MockBackend) => changeCourseLink(backend) } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Telling 2 booked clients…')).toBeVisible();
  },
};

/** Sent: "Told 2 of 2 booked clients". */
export const Sent: Story = {
  parameters: {
    sessionLinks: {
      setup: async (backend: MockBackend) => {
        await changeCourseLink(backend);
        await backend.runDelivery();
      },
    },
  },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Told 2 of 2 booked clients')).toBeVisible();
  },
};

/** Failed: Finn's address was refused; Retry sends it again, and once delivered all are told. */
export const FailedWithRetry: Story = {
  name: 'Failed, with Retry',
  parameters: {
    sessionLinks: {
      setup: async (backend: MockBackend) => {
        backend.refuseNoticesTo('finn@clients.example');
        await changeCourseLink(backend);
        await backend.runDelivery();
      },
    },
  },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const backend = backendOf(loaded);
    await expect(await canvas.findByText('Told 1 of 2 booked clients; 1 failed (address refused)')).toBeVisible();
    // Finn's mailbox works again (they fixed their address): Retry.
    backend.acceptNoticesTo('finn@clients.example');
    await userEvent.click(await findEnabledButton(canvas, 'Retry'));
    await waitFor(async () => expect((await noticesOf(backend, { serviceId: 'pottery' })).summary.failed).toBe(0));
    await backend.runDelivery();
    await expect(await canvas.findByText('Told 2 of 2 booked clients')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Retry' })).toBeNull();
  },
};

/** "Let me review first": the notice waits for the owner; "Tell them now" sends it. */
export const HeldForReview: Story = {
  name: 'Held for review (session)',
  render: () => <SessionLinkEditor sessionId="coaching-bram-1" />,
  parameters: {
    sessionLinks: {
      setup: async (backend: MockBackend) => {
        await setPolicy(backend, 'review');
        await removeSessionLink(backend);
      },
    },
  },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const backend = backendOf(loaded);
    await expect(await canvas.findByText('Waiting for your review: 1 booked client is not told yet')).toBeVisible();
    await userEvent.click(await findEnabledButton(canvas, 'Tell them now'));
    await expect(await canvas.findByText('Telling 1 booked client…')).toBeVisible();
    await backend.runDelivery();
    await expect(await canvas.findByText('Told 1 of 1 booked client')).toBeVisible();
    await expect(backend.delivered.map((d) => d.notice.client.email)).toEqual(['daan@clients.example']);
  },
};

/** Off: nothing is recorded, so nothing is shown; the impact dialog says nobody is told, unticked. */
export const Off: Story = {
  name: 'Off (session)',
  render: () => <SessionLinkEditor sessionId="coaching-bram-1" />,
  parameters: { sessionLinks: { setup: (backend: MockBackend) => setPolicy(backend, 'off') } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Remove the link' }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Remove the link from this session?' }));
    const box = await dialog.findByRole('checkbox', { name: 'Tell them now' });
    await expect(box).not.toBeChecked();
    await expect(box).toHaveAccessibleDescription('Nobody is told: you let them know yourself.');
    await userEvent.click(await findEnabledButton(dialog, 'Remove the link'));
    await expect(await canvas.findByText('The link is removed: this session takes place on site.')).toBeVisible();
    await expect((await noticesOf(backendOf(loaded), { sessionId: 'coaching-bram-1' })).summary.total).toBe(0);
    await expect(canvas.queryByText(/booked client/)).toBeNull();
  },
};

/** The flow: untick "Tell them now" and the server holds the notices; tick it and they go out. */
export const TickAndUntick: Story = {
  name: 'Tell them now: unticked holds, ticked sends',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const backend = backendOf(loaded);
    await userEvent.click(await canvas.findByRole('button', { name: 'Set a course link' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/pottery');
    await userEvent.click(canvas.getByRole('button', { name: 'Review the change' }));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    const box = await dialog.findByRole('checkbox', { name: 'Tell them now' });
    await expect(box).toBeChecked();
    await userEvent.click(box);
    await expect(box).not.toBeChecked();
    await expect(box).toHaveAccessibleDescription('The e-mails wait for your review: send them later from the session or the course.');
    await userEvent.click(await findEnabledButton(dialog, 'Change the link'));
    await expect(await canvas.findByText(/^Waiting for your review: 2 booked clients are not told yet$/)).toBeVisible();
    const held = await noticesOf(backend, { serviceId: 'pottery' });
    await expect(held.summary).toMatchObject({ held: 2, pending: 0 });
    // Changed again with "Tell them now" ticked: the same two are told (one notice each, not two).
    await userEvent.click(await canvas.findByRole('button', { name: 'Edit the course link' }));
    const field = canvas.getByRole('textbox', { name: 'Link' });
    await userEvent.clear(field);
    await userEvent.type(field, 'https://whereby.com/pottery-2');
    await userEvent.click(canvas.getByRole('button', { name: 'Review the change' }));
    const again = within(await within(document.body).findByRole('alertdialog'));
    await expect(await again.findByRole('checkbox', { name: 'Tell them now' })).toBeChecked();
    await userEvent.click(await findEnabledButton(again, 'Change the link'));
    await expect(await canvas.findByText('Telling 2 booked clients…')).toBeVisible();
    await expect((await noticesOf(backend, { serviceId: 'pottery' })).summary).toMatchObject({ total: 2, pending: 2, held: 0 });
  },
};

/** What the client got: the in-memory transport's e-mail, as text, and its calendar update. */
function Inbox({ backend }: { backend: MockBackend }) {
  const [delivered, setDelivered] = useState<readonly DeliveredNotice[]>([]);
  useEffect(() => {
    const timer = setInterval(() => setDelivered([...backend.delivered]), 250);
    return () => clearInterval(timer);
  }, [backend]);
  const first = delivered[0];
  if (!first) return <p role="status">No e-mail yet.</p>;
  return (
    <article
      className="sl-root"
      aria-label="Delivered e-mail"
      style={{ display: 'grid', gap: 8, maxWidth: 640, fontFamily: 'system-ui, sans-serif' }}
    >
      <p>
        <strong>To:</strong> {first.notice.client.name} &lt;{first.notice.client.email}&gt;
      </p>
      <p>
        <strong>Subject:</strong> {first.message.subject}
      </p>
      {/* The e-mail's text part, as text: nothing in it is rendered as markup. */}
      <pre style={{ whiteSpace: 'pre-wrap', margin: 0, padding: 8, border: '1px solid #ccd' }}>{first.message.text}</pre>
      {first.message.calendar ? (
        <section aria-label="Calendar update">
          <p>
            <strong>Calendar update</strong> (text/calendar; method={first.message.calendar.method})
          </p>
          <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0, padding: 8, border: '1px solid #ccd', fontSize: 12 }}>
            {first.message.calendar.content}
          </pre>
        </section>
      ) : null}
    </article>
  );
}

/** The rendered notice e-mail with its calendar invite, from the mocks' in-memory transport. */
export const NoticeEmail: Story = {
  name: 'The notice e-mail and its calendar update',
  render: (_args, { loaded }) => <Inbox backend={backendOf(loaded)} />,
  parameters: {
    sessionLinks: {
      noticeRender: 'calendar',
      setup: async (backend: MockBackend) => {
        await changeCourseLink(backend);
        await backend.runDelivery();
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const mail = await canvas.findByRole('article', { name: 'Delivered e-mail' });
    // The text part names the new link; the calendar update carries it too (LOCATION, URL).
    await expect(within(mail).getByText(/^Hello (Carla Smit|Finn de Boer),/)).toHaveTextContent('https://whereby.com/pottery');
    const invite = within(mail).getByRole('region', { name: 'Calendar update' });
    await expect(within(invite).getByText(/BEGIN:VCALENDAR/)).toBeVisible();
    await expect(invite.textContent).toMatch(/METHOD:REQUEST/);
    await expect(invite.textContent).toMatch(/URL:https:\/\/whereby\.com\/pottery/);
  },
};

/** R30: the session's link history names who was told of each change. */
export const HistoryWhoWasTold: Story = {
  name: 'Link history: who was told',
  render: () => <SessionLinkEditor sessionId="coaching-bram-1" />,
  parameters: {
    sessionLinks: {
      setup: async (backend: MockBackend) => {
        await removeSessionLink(backend);
        await backend.runDelivery();
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByText('Link history'));
    await expect(await canvas.findByText('Told: Daan Visser')).toBeVisible();
  },
};

/** The clients and the checkbox under a connect step's impact (R16), as the owner meets them. */
async function tellBoxUnder(canvas: ReturnType<typeof within>, intro: string) {
  const card = (await canvas.findByText(intro)).closest('.sl-card') as HTMLElement;
  await within(card).findByText(/geboekte klant(en)? (heeft|hebben) de huidige link:|booked clients? holds? the (old|current) link:/);
  return within(card).getByRole('checkbox', { name: /^(Tell them now|Laat het ze nu weten)$/ });
}

/**
 * Replacing the default by connecting another provider: Connect is the confirmation of the impact
 * shown above it, so "Tell them now" sits there. Unticked, the clients' notices are held for
 * review once Google Meet has made the meetings (the worker brings the links a moment later).
 */
export const ConnectStepProviderPicker: Story = {
  name: 'Tell them now in the connect step: the default replaced by Google Meet',
  render: () => <ProviderPicker />,
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Edit' }));
    await userEvent.click(await canvas.findByRole('button', { name: /^Google Meet/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    const box = await tellBoxUnder(canvas, 'Connecting Google Meet replaces the current default account:');
    await expect(box).toBeChecked();
    await userEvent.click(box);
    await expect(box).toHaveAccessibleDescription('The e-mails wait for your review: send them later from the session or the course.');
    const popup = watchPopup();
    try {
      await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
      await popup.press('allow');
      await expect(await canvas.findByText(/^Google Meet account of Olivia Owner/)).toBeVisible();
    } finally {
      popup.restore();
    }
    // The meetings are made by the worker; the owner's choice decides for their notices then.
    await waitFor(async () => expect((await noticesOf(backendOf(loaded), { sessionId: 'yoga-3' })).summary).toMatchObject({ held: 1 }));
  },
};

/**
 * The staff editor, in Dutch: replacing Anna's own Zoom account by a custom link saves from the
 * form itself, so its impact card carries the checkbox; unticked, her client's notice is held.
 */
export const ConnectStepStaffEditorDutch: Story = {
  name: 'Tell them now in the staff editor’s custom step (nl)',
  globals: { locale: 'nl' },
  render: () => <StaffAccountEditor staffId="anna" />,
  parameters: {
    sessionLinks: {
      setup: async (backend: MockBackend) => {
        // Her meetings made and her client told of them: the story's change is the next one.
        await backend.connectAccount('zoom', { type: 'staff', staffId: 'anna' }, { userId: owner, email: 'anna@studio.example' });
        await backend.runMeetingWorker();
        await backend.runDelivery();
      },
    },
  },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Bewerken' }));
    await userEvent.click(await canvas.findByRole('button', { name: /^Aangepaste link/ }));
    const box = await tellBoxUnder(canvas, 'Met een nieuw account verandert de link van hun komende sessies:');
    await expect(box).toBeChecked();
    await expect(box).toHaveAccessibleDescription('Iedereen krijgt een e-mail over de wijziging, met een bijgewerkte agenda-uitnodiging.');
    await userEvent.click(box);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/anna');
    await userEvent.click(canvas.getByRole('button', { name: 'Doorgaan' }));
    await expect(await canvas.findByText('https://whereby.com/anna')).toBeVisible();
    await waitFor(async () =>
      expect((await noticesOf(backendOf(loaded), { sessionId: 'coaching-anna-1' })).summary).toMatchObject({ held: 1, pending: 0 }),
    );
  },
};
