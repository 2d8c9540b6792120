import type { MockBackend } from '@session-links/mocks';
import { SessionLinkEditor } from '@session-links/react';
import {
  SessionLinkEditorChoice,
  SessionLinkEditorCustomForm,
  SessionLinkEditorGate,
  SessionLinkEditorJoinLink,
  SessionLinkEditorNotice,
  SessionLinkEditorReplaceDialog,
  SessionLinkEditorRoot,
  SessionLinkEditorSummary,
  SessionLinkEditorTitle,
  useSessionLinkEditor,
} from '@session-links/react/session-link-editor';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { findEnabledButton } from '../support/wait';

const meta = {
  title: 'Widgets/SessionLinkEditor',
  tags: ['autodocs'],
  component: SessionLinkEditor,
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  args: { sessionId: 'coaching-chris-1' },
} satisfies Meta<typeof SessionLinkEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

const backendOf = (loaded: Record<string, unknown>) => loaded.backend as MockBackend;
const resolutionOf = async (loaded: Record<string, unknown>, id: string) =>
  (await backendOf(loaded).getSession('site-studio', id, 'owner')).resolution;

export const SiteDefault: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText('The site default (Zoom, olivia@studio.example): Chris Bakker has no account of their own.'),
    ).toBeVisible();
    await expect(canvas.getByText(/^https:\/\/zoom\.us\/j\//)).toBeVisible();
    await expect(canvas.getByText(/^Meeting ID \d{11}$/)).toBeVisible();
  },
};

export const StaffZoom: Story = {
  args: { sessionId: 'coaching-anna-1' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("Anna de Vries's own Zoom account, instead of the site default.")).toBeVisible();
  },
};

export const StaffCustomLink: Story = {
  args: { sessionId: 'coaching-bram-1' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("Bram Jansen's own Google Meet link, instead of the site default.")).toBeVisible();
    await expect(canvas.getByText('Camera on, please.')).toBeVisible();
  },
};

/**
 * Anna's own Google Meet (R31): the conference answers pending first, so the session shows the
 * meeting on its way, then its meet.google.com link; the source names the provider.
 */
export const StaffGoogleMeetPendingThenLinked: Story = {
  name: 'Staff Google Meet: meeting on its way, then its link',
  args: { sessionId: 'coaching-anna-1' },
  parameters: {
    sessionLinks: {
      setup: async (backend: MockBackend) => {
        await backend.connectAccount('google-meet', { type: 'staff', staffId: 'anna' }, { userId: 'owner' });
        backend.scheduleMeetingWorker();
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Google Meet meeting on its way')).toBeVisible();
    await expect(canvas.getByText('The Google Meet meeting is being created; its link appears here shortly.')).toBeVisible();
    await expect(
      await canvas.findByText(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/, undefined, { timeout: 15_000 }),
    ).toBeVisible();
    await expect(canvas.getByText("Anna de Vries's own Google Meet account, instead of the site default.")).toBeVisible();
  },
};

export const StaffTeams: Story = {
  args: { sessionId: 'coaching-anna-1' },
  parameters: {
    sessionLinks: {
      meetingDelayMs: 'inline',
      setup: (backend: MockBackend) => backend.connectAccount('teams', { type: 'staff', staffId: 'anna' }, { userId: 'owner' }),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//)).toBeVisible();
    await expect(canvas.getByText("Anna de Vries's own Microsoft Teams account, instead of the site default.")).toBeVisible();
    // Graph's meeting id is no use to a client (Zoom's meeting ID is): not shown.
    await expect(canvas.queryByText(/^Meeting ID/)).toBeNull();
  },
};

export const CourseUsesDefault: Story = {
  args: { sessionId: 'pottery-2' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/courses use the default unless they have their own link/)).toBeVisible();
  },
};

export const ExpiredStaffAccountFallsBackVisibly: Story = {
  name: 'Expired staff Zoom: visible fallback (R17)',
  args: { sessionId: 'coaching-anna-1' },
  parameters: { sessionLinks: { scenario: 'expired-staff-zoom' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('The site default (Zoom, olivia@studio.example).')).toBeVisible();
    await expect(canvas.getByText("Anna de Vries's own account needs reconnecting, so the site default is used for now.")).toBeVisible();
    await expect(canvasElement.querySelector('.sl-session')).toHaveAttribute('data-source', 'default');
  },
};

export const OfflineAddZoom: Story = {
  name: 'Offline session: add a Zoom meeting',
  args: { sessionId: 'massage-1' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('This session takes place on site.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Add a link' }));
    await expect(canvas.getByText("A new meeting from the site's Zoom account.")).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: /Zoom meeting/ }));
    await expect(await canvas.findByText('The session link is saved.')).toBeVisible();
    // The worker makes the meeting a moment later (as on the real server); the editor shows it without reopening.
    await expect(await canvas.findByText(/^https:\/\/zoom\.us\/j\//, undefined, { timeout: 10_000 })).toBeVisible();
    await expect(canvas.getByText('Set on this session, instead of the usual link.')).toBeVisible();
    await expect(await resolutionOf(loaded, 'massage-1')).toMatchObject({ status: 'linked', source: 'session', link: { type: 'ZOOM' } });
  },
};

export const AddZoomPendingThenLinked: Story = {
  name: 'Adding a Zoom meeting: on its way, then its link (the worker makes it, as on the real server)',
  args: { sessionId: 'massage-1' },
  parameters: { sessionLinks: { meetingDelayMs: 1500 } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Add a link' }));
    await userEvent.click(canvas.getByRole('button', { name: /^Zoom meeting/ }));
    await expect(await canvas.findByText('The session link is saved.')).toBeVisible();
    // R22: the worker has not made the meeting yet; the link is on its way, not missing.
    await expect(await canvas.findByText('Zoom meeting on its way')).toBeVisible();
    await expect(canvas.getByText('The Zoom meeting is being created; its link appears here shortly.')).toBeVisible();
    await expect(canvas.queryByText('No link')).toBeNull();
    await expect(canvas.queryByRole('button', { name: 'Add a link' })).toBeNull();
    await expect(canvasElement.querySelector('.sl-session')).toHaveAttribute('data-meeting', 'pending');
    // Nothing reopened: the widget looks again by itself and shows the link once it exists.
    await expect(await canvas.findByText(/^https:\/\/zoom\.us\/j\//, undefined, { timeout: 10_000 })).toBeVisible();
    await expect(canvas.queryByText('Zoom meeting on its way')).toBeNull();
    await expect(await resolutionOf(loaded, 'massage-1')).toMatchObject({ status: 'linked', source: 'session', link: { type: 'ZOOM' } });
  },
};

export const PendingMeetingDutch: Story = {
  name: 'Zoom meeting on its way (Dutch)',
  args: { sessionId: 'massage-1' },
  globals: { locale: 'nl' },
  parameters: {
    sessionLinks: {
      // Never made while the story is looked at: the pending state stays on screen.
      meetingDelayMs: 600_000,
      setup: async (backend: MockBackend) => {
        const detail = await backend.getSession('site-studio', 'massage-1', 'owner');
        await backend.service.operations.setSessionLink(
          { userId: 'owner', origin: window.location.origin },
          { siteId: 'site-studio', sessionId: 'massage-1' },
          {
            change: { kind: 'meeting' },
            version: detail.session.version,
          },
        );
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Zoom-meeting is onderweg')).toBeVisible();
    await expect(canvas.getByText('De Zoom-meeting wordt aangemaakt; de link verschijnt hier zo.')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Link toevoegen' })).toBeNull();
    await expect(canvas.getByRole('button', { name: 'Link vervangen' })).toBeVisible();
  },
};

export const AddZoomShowsBusy: Story = {
  name: 'Adding a Zoom meeting shows that it is busy (slow backend)',
  args: { sessionId: 'massage-1' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Add a link' }));
    // From here on the backend (and the Zoom meeting it makes) answers slowly.
    backendOf(loaded).setLatency(1500);
    await userEvent.click(canvas.getByRole('button', { name: /^Zoom meeting/ }));
    const busy = await canvas.findByRole('button', { name: /^Creating the Zoom meeting…/ });
    await expect(busy).toBeDisabled();
    await expect(busy).toHaveAttribute('aria-busy', 'true');
    await expect(canvas.getByRole('list')).toHaveAttribute('aria-busy', 'true');
    await expect(canvas.getByRole('button', { name: /^Custom link/ })).toBeDisabled();
    // Focus waits on the step's heading, never on <body>.
    await expect(document.activeElement).not.toBe(document.body);
    await expect(await canvas.findByText('The session link is saved.')).toBeVisible();
    await expect(canvas.queryByText(/Creating the Zoom meeting/)).toBeNull();
  },
};

export const ReplaceWithZoomShowsBusy: Story = {
  name: 'Replacing with a Zoom meeting: the confirm shows that it is busy (slow backend)',
  args: { sessionId: 'coaching-bram-1' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Replace the link' }));
    await userEvent.click(canvas.getByRole('button', { name: /^Zoom meeting/ }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Replace the link of this session?' }));
    const confirm = await findEnabledButton(dialog, 'Replace the link');
    backendOf(loaded).setLatency(1500);
    await userEvent.click(confirm);
    const busy = await dialog.findByRole('button', { name: 'Creating the Zoom meeting…' });
    await expect(busy).toBeDisabled();
    await expect(within(document.body).getByRole('alertdialog')).toHaveAttribute('aria-busy', 'true');
    await expect(await canvas.findByText('The session link is saved.')).toBeVisible();
    // The meeting is made by the worker after the save; its link replaces Bram's once it exists.
    await expect(await canvas.findByText(/^https:\/\/zoom\.us\/j\//, undefined, { timeout: 15_000 })).toBeVisible();
    await expect(await resolutionOf(loaded, 'coaching-bram-1')).toMatchObject({ source: 'session', link: { type: 'ZOOM' } });
  },
};

export const ReplaceWithCustomLink: Story = {
  name: 'Replace with a custom link: the booked client is named first (R16)',
  args: { sessionId: 'coaching-bram-1' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Replace the link' }));
    await expect(canvas.getByText("A new meeting from the site's Zoom account.")).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: /Custom link/ }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/one-off');
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    // Nothing is saved until the user has seen who holds the current link.
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Replace the link of this session?' }));
    await expect(await dialog.findByText('1 booked client holds the current link:')).toBeVisible();
    await expect(dialog.getByText(/Daan Visser/)).toBeVisible();
    await expect(dialog.getByText(/^Career coaching on .*\d{2}:\d{2} gets a different link\.$/)).toBeVisible();
    await expect(await resolutionOf(loaded, 'coaching-bram-1')).toMatchObject({ source: 'staff' });
    await userEvent.click(await findEnabledButton(dialog, 'Replace the link'));
    await expect(await canvas.findByText('The session link is saved.')).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Replace the link' })).toHaveFocus());
    await expect(canvas.getByText('https://whereby.com/one-off')).toBeVisible();
    await expect(await resolutionOf(loaded, 'coaching-bram-1')).toMatchObject({
      source: 'session',
      link: { guestUrl: 'https://whereby.com/one-off' },
    });
  },
};

export const RemoveAndReset: Story = {
  name: 'Remove (on site), then back to the usual link',
  args: { sessionId: 'coaching-anna-1' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Remove the link' }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Remove the link from this session?' }));
    await expect(await dialog.findByText(/Carla Smit/)).toBeVisible();
    await userEvent.click(await findEnabledButton(dialog, 'Remove the link'));
    await expect(await canvas.findByText('The link is removed: this session takes place on site.')).toBeVisible();
    await expect(canvas.getByText('The link was removed from this session.')).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Add a link' })).toHaveFocus());
    await expect(await resolutionOf(loaded, 'coaching-anna-1')).toMatchObject({ status: 'none', reason: 'REMOVED' });
    await userEvent.click(canvas.getByRole('button', { name: 'Use the usual link again' }));
    await expect(await canvas.findByText("Anna de Vries's own Zoom account, instead of the site default.")).toBeVisible();
  },
};

export const RemoveWithTwoBookedClients: Story = {
  name: 'Remove: the two booked clients who lose the link are named (R16)',
  // A course session: both clients booked on the course hold the link of every session.
  args: { sessionId: 'pottery-2' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Remove the link' }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Remove the link from this session?' }));
    await expect(await dialog.findByText('2 booked clients hold the current link:')).toBeVisible();
    await expect(dialog.getByText('Carla Smit <carla@clients.example>')).toBeVisible();
    await expect(dialog.getByText('Finn de Boer <finn@clients.example>')).toBeVisible();
    // Which session: its service, date and time, said once (no count, no list of one).
    await expect(dialog.getByText(/^Pottery for beginners on .*\d{2}:\d{2} loses its link\.$/)).toBeVisible();
    await expect(dialog.queryByText(/upcoming session/)).toBeNull();
    await expect(dialog.queryByRole('list', { name: 'Sessions' })).toBeNull();
    // Nothing changes before the confirm.
    await expect(await resolutionOf(loaded, 'pottery-2')).toMatchObject({ status: 'linked' });
    await userEvent.click(await findEnabledButton(dialog, 'Remove the link'));
    // The removal shows at once (optimistic); the notice comes with the backend's answer.
    await expect(await canvas.findByText('The link is removed: this session takes place on site.')).toBeVisible();
    await expect(canvas.getByText('The link was removed from this session.')).toBeVisible();
    await expect(await resolutionOf(loaded, 'pottery-2')).toMatchObject({ status: 'none', reason: 'REMOVED' });
  },
};

export const RemoveWithNobodyBooked: Story = {
  name: 'Remove: nobody booked, the dialog says so (R16)',
  // The dialog stays: removing deletes the session's meeting (R22), and "nobody is affected" is itself the answer the user needs.
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Remove the link' }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Remove the link from this session?' }));
    await expect(await dialog.findByText('No booked client holds this link: nobody needs to be told.')).toBeVisible();
    await expect(dialog.queryByText(/booked clients? holds? the current link/)).toBeNull();
    await userEvent.click(await findEnabledButton(dialog, 'Cancel'));
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Remove the link' })).toHaveFocus());
  },
};

export const DutchRemoveWithBookedClients: Story = {
  name: 'Dutch: remove, with the booked clients named',
  globals: { locale: 'nl' },
  args: { sessionId: 'pottery-2' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Link verwijderen' }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Link uit deze sessie verwijderen?' }));
    await expect(await dialog.findByText('2 geboekte klanten hebben de huidige link:')).toBeVisible();
    // R29: one checkbox for both, ticked as the site tells clients automatically.
    await expect(dialog.getByRole('checkbox', { name: 'Laat het ze nu weten' })).toBeChecked();
    await expect(dialog.getByText('Carla Smit <carla@clients.example>')).toBeVisible();
    await expect(dialog.getByText('Finn de Boer <finn@clients.example>')).toBeVisible();
    await expect(dialog.getByText(/^Pottery for beginners op .*\d{2}:\d{2} verliest de link\.$/)).toBeVisible();
    await expect(dialog.queryByText(/komende sessie/)).toBeNull();
    await expect(await findEnabledButton(dialog, 'Link verwijderen')).toBeVisible();
  },
};

export const DutchReplaceWithNobodyBooked: Story = {
  name: 'Dutch: replace, nobody booked',
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Link vervangen' }));
    await userEvent.click(canvas.getByRole('button', { name: /Aangepaste link/ }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/een-keer');
    await userEvent.click(canvas.getByRole('button', { name: 'Opslaan' }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'De link van deze sessie vervangen?' }));
    await expect(await dialog.findByText('Geen geboekte klant heeft deze link: je hoeft niemand op de hoogte te brengen.')).toBeVisible();
    await userEvent.click(await findEnabledButton(dialog, 'Link vervangen'));
    await expect(await canvas.findByText('De sessielink is opgeslagen.')).toBeVisible();
  },
};

export const NoZoomAvailable: Story = {
  name: 'No Zoom account: only a custom link (R7)',
  parameters: { sessionLinks: { scenario: 'custom-default' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Replace the link' }));
    await expect(canvas.getByRole('button', { name: /Zoom meeting/ })).toBeDisabled();
    await expect(canvas.getByText(/only a custom link can be added/)).toBeVisible();
  },
};

/**
 * A Zoom meeting added by hand, then the site's Zoom default replaced by a custom link: no
 * Zoom account can make the meeting any more (R22), so the session says so and what fixes it.
 */
const strandHandAddedMeeting = async (backend: MockBackend) => {
  const owner = { userId: 'owner', origin: window.location.origin };
  const site = { siteId: 'site-studio', sessionId: 'coaching-chris-1' };
  const detail = await backend.getSession('site-studio', 'coaching-chris-1', 'owner');
  await backend.service.operations.setSessionLink(owner, site, { change: { kind: 'meeting' }, version: detail.session.version });
  await backend.service.operations.setDefaultCustomLink(owner, site, {
    link: { url: 'https://whereby.com/studio' },
    version: backend.getSettings('site-studio').version,
  });
};

export const NoZoomAccountForHandAddedMeeting: Story = {
  name: 'A hand-added Zoom meeting no Zoom account can make: says why and what fixes it (R22)',
  args: { sessionId: 'coaching-chris-1' },
  parameters: { sessionLinks: { setup: strandHandAddedMeeting } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText(
        'No connected video-conferencing account can make this session’s meeting. Connect one as the site default, or give the session another link.',
      ),
    ).toBeVisible();
    await expect(canvasElement.querySelector('.sl-session')).toHaveAttribute('data-reason', 'NO_MEETING_ACCOUNT');
    // Not "being created": nothing is on its way.
    await expect(canvas.getByText('No link')).toBeVisible();
    await expect(canvas.queryByText('Zoom meeting on its way')).toBeNull();
    await expect(await resolutionOf(loaded, 'coaching-chris-1')).toEqual({ status: 'none', reason: 'NO_MEETING_ACCOUNT', warnings: [] });
    // The session-level fixes: another link, or the usual one (the site's custom default).
    await expect(canvas.getByRole('button', { name: 'Add a link' })).toBeEnabled();
    await userEvent.click(canvas.getByRole('button', { name: 'Use the usual link again' }));
    await expect(await canvas.findByText('https://whereby.com/studio')).toBeVisible();
  },
};

export const NoZoomAccountForHandAddedMeetingDutch: Story = {
  name: 'A hand-added Zoom meeting no Zoom account can make (Dutch)',
  args: { sessionId: 'coaching-chris-1' },
  globals: { locale: 'nl' },
  parameters: { sessionLinks: { setup: strandHandAddedMeeting } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText(
        'Er is geen videoconferentieaccount gekoppeld dat de meeting van deze sessie kan maken. Koppel er een als standaardaccount van de website, of geef de sessie een andere link.',
      ),
    ).toBeVisible();
    await expect(canvas.getByText('Geen link')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Link toevoegen' })).toBeEnabled();
  },
};

/**
 * Anna moved from Zoom to Google Meet after her session of three days ago: the session now takes
 * her Google Meet account, and the server makes meetings for upcoming sessions only (R22), so it
 * says none was made, not that one is on its way, and looks for none.
 */
export const PastSessionNoMeetingMade: Story = {
  name: 'A past session whose meeting was never made: says so, not "on its way" (R22, R31)',
  args: { sessionId: 'coaching-anna-past' },
  parameters: {
    sessionLinks: {
      setup: async (backend: MockBackend) => {
        await backend.connectAccount('google-meet', { type: 'staff', staffId: 'anna' }, { userId: 'owner' });
        backend.scheduleMeetingWorker();
      },
    },
  },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText(
        'No Google Meet meeting was made for this session: meetings are made for upcoming sessions, and this one has already started.',
      ),
    ).toBeVisible();
    await expect(canvasElement.querySelector('.sl-session')).toHaveAttribute('data-reason', 'NO_MEETING_MADE');
    await expect(canvas.getByText('No link')).toBeVisible();
    await expect(canvas.queryByText('Google Meet meeting on its way')).toBeNull();
    await expect(await resolutionOf(loaded, 'coaching-anna-past')).toEqual({
      status: 'none',
      reason: 'NO_MEETING_MADE',
      provider: 'google-meet',
      warnings: [],
    });
  },
};

export const PastSessionNoMeetingMadeDutch: Story = {
  ...PastSessionNoMeetingMade,
  name: 'A past session whose meeting was never made (Dutch)',
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText(
        'Er is geen Google Meet-meeting voor deze sessie gemaakt: meetings worden voor komende sessies gemaakt, en deze sessie is al begonnen.',
      ),
    ).toBeVisible();
    await expect(canvas.getByText('Geen link')).toBeVisible();
  },
};

export const NoDefaultAccount: Story = {
  name: 'No default account: no link (R8)',
  args: { sessionId: 'coaching-anna-1' },
  parameters: { sessionLinks: { scenario: 'default-disconnected' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('The site has no default video-conferencing account.')).toBeVisible();
    await expect(canvas.getByText('Links can be changed once the site has a default account.')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Add a link' })).toBeNull();
  },
};

export const StaffOwnSession: Story = {
  args: { sessionId: 'coaching-anna-1' },
  parameters: { sessionLinks: { signedInAs: 'anna' } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('button', { name: 'Replace the link' })).toBeEnabled();
  },
};

export const NoPermission: Story = {
  name: "No permission: another staff member's session",
  args: { sessionId: 'coaching-bram-1' },
  parameters: { sessionLinks: { signedInAs: 'anna' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('You can change the link of your own sessions only.')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Replace the link' })).toBeNull();
  },
};

export const CopyJoinLink: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const copied: string[] = [];
    // The page's clipboard, observed: what a client would paste.
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    await userEvent.click(await canvas.findByRole('button', { name: 'Copy join link' }));
    await expect(await canvas.findByText('Join link copied.')).toBeVisible();
    const resolution = await resolutionOf(loaded, 'coaching-chris-1');
    await expect(copied).toEqual([resolution.status === 'linked' ? resolution.link.guestUrl : '']);
  },
};

export const Loading: Story = {
  parameters: { sessionLinks: { latency: Number.POSITIVE_INFINITY } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent('Loading…');
  },
};

export const UpgradeNeeded: Story = {
  parameters: { sessionLinks: { scenario: 'no-plan' } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Online sessions are not included in your plan')).toBeVisible();
  },
};

export const ServerError: Story = {
  parameters: { sessionLinks: { fail: [['getSession', 'server']] } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Something went wrong on our side');
  },
};

export const SaveFailsKeepsInput: Story = {
  parameters: { sessionLinks: { fail: [['setSessionLink', 'server']] } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Replace the link' }));
    await userEvent.click(canvas.getByRole('button', { name: /Custom link/ }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/one-off');
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Replace the link of this session?' }));
    await userEvent.click(await findEnabledButton(dialog, 'Replace the link'));
    // The failure shows where the user is: in the dialog, which stays open.
    await expect(await dialog.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await expect(canvas.getByRole('textbox', { name: 'Link' })).toHaveValue('https://whereby.com/one-off');
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Save' })).toHaveFocus());
  },
};

export const RemoveFailsRollsBack: Story = {
  name: 'Remove fails: the optimistic change rolls back',
  args: { sessionId: 'coaching-anna-1' },
  parameters: { sessionLinks: { fail: [['setSessionLink', 'server']] } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Remove the link' }));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    await userEvent.click(await findEnabledButton(dialog, 'Remove the link'));
    await expect(await dialog.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await expect(await canvas.findByText("Anna de Vries's own Zoom account, instead of the site default.")).toBeVisible();
  },
};

export const Conflict: Story = {
  parameters: { sessionLinks: { conflictOnNextWrite: true } },
  args: { sessionId: 'massage-1' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Add a link' }));
    await userEvent.click(canvas.getByRole('button', { name: /Zoom meeting/ }));
    await expect(await canvas.findByRole('heading', { name: 'Changed elsewhere' })).toHaveFocus();
    const keep = canvas.getByRole('button', { name: 'Keep mine' });
    await waitFor(() => expect(keep).toBeEnabled());
    await userEvent.click(keep);
    await userEvent.click(await findEnabledButton(canvas, /Zoom meeting/));
    await expect(await canvas.findByText('The session link is saved.')).toBeVisible();
  },
};

export const Dutch: Story = {
  globals: { locale: 'nl' },
  args: { sessionId: 'massage-1' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Deze sessie vindt ter plaatse plaats.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Link toevoegen' })).toBeVisible();
  },
};

/**
 * A host's own card from the hook and the parts only: the link in its own words, its own
 * "Change" button from the hook's prop getter, and the widget's steps and confirmation.
 */
function CustomSessionLink({ sessionId }: { sessionId: string }) {
  const session = useSessionLinkEditor({ sessionId, headingLevel: 2 });
  const r = session.resolution;
  return (
    <SessionLinkEditorRoot value={session} style={{ maxWidth: 460 }}>
      <SessionLinkEditorTitle>Join link for this booking</SessionLinkEditorTitle>
      <SessionLinkEditorSummary />
      <SessionLinkEditorNotice />
      <SessionLinkEditorGate>
        {session.state === 'view' && r ? (
          <div className="host-link">
            {r.status === 'linked' ? <SessionLinkEditorJoinLink link={r.link} /> : <p>Clients come to the studio for this one.</p>}
            {session.canEdit ? (
              <button {...session.getChooseButtonProps()} className="sl-button" data-focus-target="">
                Change where clients join
              </button>
            ) : null}
          </div>
        ) : null}
        <SessionLinkEditorChoice />
        <SessionLinkEditorCustomForm />
        <SessionLinkEditorReplaceDialog />
      </SessionLinkEditorGate>
    </SessionLinkEditorRoot>
  );
}

export const CustomUi: Story = {
  name: 'Custom UI from the hook and the parts',
  args: { sessionId: 'coaching-bram-1' },
  render: (args) => <CustomSessionLink sessionId={args.sessionId} />,
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const group = await canvas.findByRole('group', { name: 'Join link for this booking' });
    await waitFor(() => expect(group).toHaveAttribute('data-state', 'view'));
    await expect(group).toHaveAttribute('data-source', 'staff');
    await userEvent.click(await canvas.findByRole('button', { name: 'Change where clients join' }));
    await userEvent.click(canvas.getByRole('button', { name: /Custom link/ }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/one-off');
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Replace the link of this session?' }));
    await expect(await dialog.findByText(/Daan Visser/)).toBeVisible();
    await userEvent.click(await findEnabledButton(dialog, 'Replace the link'));
    await expect(await canvas.findByText('The session link is saved.')).toBeVisible();
    await expect(canvas.getByText('https://whereby.com/one-off')).toBeVisible();
    await expect(group).toHaveAttribute('data-source', 'session');
    await expect(await resolutionOf(loaded, 'coaching-bram-1')).toMatchObject({
      source: 'session',
      link: { guestUrl: 'https://whereby.com/one-off' },
    });
  },
};

/** The owner gives a session `count` custom links one after another: its history gets one entry each (R30). */
const changeLinks = (sessionId: string, count: number) => async (backend: MockBackend) => {
  const owner = { userId: 'owner', origin: window.location.origin };
  for (let i = 1; i <= count; i++) {
    const detail = await backend.getSession('site-studio', sessionId, 'owner');
    await backend.service.operations.setSessionLink(
      owner,
      { siteId: 'site-studio', sessionId },
      { change: { kind: 'custom', link: { url: `https://whereby.com/room-${i}` } }, version: detail.session.version },
    );
  }
};

/** Opens the "Link history" disclosure: a native `<summary>`, in the tab order (Enter and Space open it). */
const openHistory = async (canvasElement: HTMLElement) => {
  const summary = await within(canvasElement).findByText('Link history');
  await expect(summary.tagName).toBe('SUMMARY');
  await expect(summary.tabIndex).toBe(0);
  await userEvent.click(summary);
  return summary;
};

export const LinkHistory: Story = {
  name: 'Link history: when, who, from → to, why (R30)',
  parameters: { sessionLinks: { setup: changeLinks('coaching-chris-1', 3) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await openHistory(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Link history' });
    const items = within(list).getAllByRole('listitem');
    await expect(items).toHaveLength(3);
    // Newest first: the third link replaced the second, by the owner, both set on this session.
    await expect(items[0]).toHaveTextContent('Olivia Owner');
    await expect(items[0]).toHaveTextContent('https://whereby.com/room-2 → to https://whereby.com/room-3');
    await expect(items[0]).toHaveTextContent('set on this session → set on this session');
    // The first change: from the site default's Zoom meeting.
    await expect(items[2]).toHaveTextContent(/zoom\.us\/j\/\S+ → to https:\/\/whereby\.com\/room-1/);
    await expect(items[2]).toHaveTextContent('the site default → set on this session');
    await expect(canvas.queryByRole('button', { name: 'Show earlier changes' })).toBeNull();
  },
};

export const LinkHistoryPaged: Story = {
  name: 'Link history: paged, Show earlier changes',
  parameters: { sessionLinks: { setup: changeLinks('coaching-chris-1', 23) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await openHistory(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Link history' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    await userEvent.click(await findEnabledButton(canvas, 'Show earlier changes'));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(23));
    await expect(within(list).getAllByRole('listitem')[22]).toHaveTextContent('the site default → set on this session');
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Show earlier changes' })).toBeNull());
  },
};

export const LinkHistoryEmpty: Story = {
  name: 'Link history: no changes yet',
  play: async ({ canvasElement }) => {
    await openHistory(canvasElement);
    await expect(await within(canvasElement).findByText('No changes yet: this session has kept its link.')).toBeVisible();
  },
};

export const LinkHistoryDutch: Story = {
  name: 'Link history (Dutch)',
  globals: { locale: 'nl' },
  parameters: { sessionLinks: { setup: changeLinks('coaching-chris-1', 1) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const summary = await canvas.findByText('Linkgeschiedenis');
    await userEvent.click(summary);
    const list = await canvas.findByRole('list', { name: 'Linkgeschiedenis' });
    await expect(within(list).getByRole('listitem')).toHaveTextContent('het standaardaccount van de website → ingesteld op deze sessie');
  },
};

export const LinkHistoryStaffView: Story = {
  name: 'Link history, staff: their own session’s, none of a colleague’s (R10)',
  args: { sessionId: 'coaching-anna-1' },
  parameters: { sessionLinks: { signedInAs: 'anna', setup: changeLinks('coaching-anna-1', 2) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await openHistory(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Link history' });
    const items = within(list).getAllByRole('listitem');
    await expect(items).toHaveLength(2);
    await expect(items[1]).toHaveTextContent("Anna de Vries's own account → set on this session");
  },
};

export const LinkHistoryNotForColleagues: Story = {
  name: 'Link history is not offered on a colleague’s session (R10)',
  args: { sessionId: 'coaching-bram-1' },
  parameters: { sessionLinks: { signedInAs: 'anna' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText("Bram Jansen's own Google Meet link, instead of the site default.");
    await expect(canvas.queryByText('Link history')).toBeNull();
  },
};
