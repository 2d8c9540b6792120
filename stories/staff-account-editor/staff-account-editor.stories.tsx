import type { MockBackend } from '@session-links/mocks';
import {
  StaffAccountAddButton,
  StaffAccountCancelButton,
  StaffAccountChoice,
  StaffAccountConnect,
  StaffAccountCustomForm,
  StaffAccountEditButton,
  StaffAccountEditImpact,
  StaffAccountEditor,
  StaffAccountEditorBlocked,
  StaffAccountEditorGate,
  StaffAccountEditorList,
  StaffAccountEditorRoot,
  StaffAccountEditorTitle,
  StaffAccountExplanation,
  StaffAccountGate,
  StaffAccountItem,
  StaffAccountName,
  StaffAccountNotice,
  StaffAccountPanel,
  StaffAccountRemoveButton,
  StaffAccountRoot,
  StaffAccountStep,
  StaffAccountSummary,
  useStaffAccount,
  useStaffAccountEditor,
} from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { watchPopup } from '../support/popup';
import { findEnabledButton } from '../support/wait';

const meta = {
  title: 'Widgets/StaffAccountEditor',
  tags: ['autodocs'],
  component: StaffAccountEditor,
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  args: { defaultAccountHref: '#video-conferencing' },
} satisfies Meta<typeof StaffAccountEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

const backendOf = (loaded: Record<string, unknown>) => loaded.backend as MockBackend;
const row = async (canvasElement: HTMLElement, name: string) => within(await within(canvasElement).findByRole('listitem', { name }));
const staffAccount = (loaded: Record<string, unknown>, id: string) =>
  backendOf(loaded)
    .listStaff('site-studio', 'owner')
    .find((s) => s.id === id)?.account ?? null;

export const AllStaff: Story = {
  play: async ({ canvasElement }) => {
    await expect(
      await (await row(canvasElement, 'Anna de Vries')).findByText(
        /use their own Zoom account \(anna@studio.example\), instead of the site default/,
      ),
    ).toBeVisible();
    await expect(
      (await row(canvasElement, 'Bram Jansen')).getByText(/use their own Google Meet link, instead of the site default/),
    ).toBeVisible();
    const chris = await row(canvasElement, 'Chris Bakker');
    await expect(chris.getByText(/use the site default \(Zoom, olivia@studio.example\): they have no account of their own/)).toBeVisible();
    await expect(chris.getByRole('button', { name: 'Add individual account' })).toBeVisible();
  },
};

export const OneStaffMember: Story = {
  args: { staffId: 'bram' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Google Meet link')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Edit' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Remove' })).toBeVisible();
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
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Online sessions are not included in your plan')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Add individual account' })).toBeNull();
  },
};

export const BlockedWithoutDefault: Story = {
  name: 'Blocked: no default account (R9)',
  parameters: { sessionLinks: { scenario: 'no-default' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Individual accounts can be added once the site has a default account.')).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Set up the default account' })).toHaveAttribute('href', '#video-conferencing');
    await expect(canvas.queryByRole('button', { name: 'Add individual account' })).toBeNull();
    await expect(canvas.getAllByText(/have no link: the site has no default account/)).toHaveLength(3);
  },
};

export const DefaultDisconnected: Story = {
  name: 'Default disconnected: own accounts unused (R8)',
  parameters: { sessionLinks: { scenario: 'default-disconnected' } },
  play: async ({ canvasElement }) => {
    const anna = await row(canvasElement, 'Anna de Vries');
    await expect(await anna.findByText("Anna de Vries's sessions have no link: the site has no default account.")).toBeVisible();
  },
};

export const StaffMemberSeesOnlyThemselves: Story = {
  parameters: { sessionLinks: { signedInAs: 'bram' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('listitem', { name: 'Bram Jansen' })).toBeVisible();
    await expect(canvas.getAllByRole('listitem')).toHaveLength(1);
  },
};

export const NoPermission: Story = {
  name: "No permission: another staff member's account",
  args: { staffId: 'anna' },
  parameters: { sessionLinks: { signedInAs: 'bram' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Only the site owner can manage the accounts of other staff members.')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Edit' })).toBeNull();
  },
};

export const ServerError: Story = {
  parameters: { sessionLinks: { fail: [['listStaff', 'server']] } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    await expect(canvas.getByText('Something went wrong on our side. Try again in a moment.')).toBeVisible();
    backendOf(loaded).recover();
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(await canvas.findByRole('listitem', { name: 'Anna de Vries' })).toBeVisible();
  },
};

export const AddCustomLink: Story = {
  play: async ({ canvasElement, loaded }) => {
    const chris = await row(canvasElement, 'Chris Bakker');
    await userEvent.click(await chris.findByRole('button', { name: 'Add individual account' }));
    await userEvent.click(chris.getByRole('button', { name: /Custom link/ }));
    await userEvent.type(chris.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/chris');
    await userEvent.click(chris.getByRole('button', { name: 'Continue' }));
    await expect(await chris.findByText('The individual account is saved.')).toBeVisible();
    await expect(chris.getByText(/Chris Bakker's sessions use their own Whereby link, instead of the site default/)).toBeVisible();
    await expect(staffAccount(loaded, 'chris')).toMatchObject({ kind: 'custom', link: { url: 'https://whereby.com/chris' } });
  },
};

export const AddZoom: Story = {
  play: async ({ canvasElement, loaded }) => {
    const chris = await row(canvasElement, 'Chris Bakker');
    await userEvent.click(await chris.findByRole('button', { name: 'Add individual account' }));
    await userEvent.click(await chris.findByRole('button', { name: /Zoom/ }));
    await expect(chris.getByText(/Zoom user connected for Chris Bakker/)).toBeVisible();
    // The owner sets it up for Chris: the meetings are for his sessions, not "your sessions".
    await expect(chris.getByText(/allow meetings to be created for Chris Bakker’s sessions/)).toBeVisible();
    await expect(chris.queryByText(/for your sessions/)).toBeNull();
    await userEvent.click(chris.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(chris.getByRole('button', { name: 'Connect' }));
      await popup.press('allow');
      await expect(await chris.findByText('The individual account is saved.')).toBeVisible();
      await waitFor(() => expect(staffAccount(loaded, 'chris')?.kind).toBe('zoom'));
    } finally {
      popup.restore();
    }
  },
};

/**
 * A server without Zoom configuration (R27), while the widget cannot know which providers are set
 * up (listProviders failed): the staff member's Connect says so; the account stays as it was.
 */
export const ZoomNotConfigured: Story = {
  parameters: { sessionLinks: { zoom: 'not-configured', fail: [['listProviders', 'server']] } },
  play: async ({ canvasElement, loaded }) => {
    const chris = await row(canvasElement, 'Chris Bakker');
    await userEvent.click(await chris.findByRole('button', { name: 'Add individual account' }));
    await userEvent.click(await chris.findByRole('button', { name: /Zoom/ }));
    await userEvent.click(chris.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(chris.getByRole('button', { name: 'Connect' }));
      await expect(await chris.findByRole('alert')).toHaveTextContent('Zoom is not set up on this site’s server.');
      await expect(staffAccount(loaded, 'chris')).toBeNull();
    } finally {
      popup.restore();
    }
  },
};

/** Google Meet for a staff member through Google's consent window (R14, R31); their sessions then use it. */
export const AddGoogleMeet: Story = {
  play: async ({ canvasElement, loaded }) => {
    const chris = await row(canvasElement, 'Chris Bakker');
    await userEvent.click(await chris.findByRole('button', { name: 'Add individual account' }));
    await userEvent.click(await chris.findByRole('button', { name: /^Google Meet/ }));
    await expect(chris.getByText(/Google Meet user connected for Chris Bakker/)).toBeVisible();
    await userEvent.click(chris.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(chris.getByRole('button', { name: 'Connect' }));
      await popup.press('allow');
      await expect(await chris.findByText('The individual account is saved.')).toBeVisible();
      await expect(
        await chris.findByText(
          "Chris Bakker's sessions use their own Google Meet account (olivia@studio.example), instead of the site default.",
        ),
      ).toBeVisible();
      await waitFor(() => expect(staffAccount(loaded, 'chris')?.kind).toBe('google-meet'));
    } finally {
      popup.restore();
    }
  },
};

export const AddTeams: Story = {
  play: async ({ canvasElement, loaded }) => {
    const chris = await row(canvasElement, 'Chris Bakker');
    await userEvent.click(await chris.findByRole('button', { name: 'Add individual account' }));
    await userEvent.click(await chris.findByRole('button', { name: /^Microsoft Teams/ }));
    await userEvent.click(chris.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(chris.getByRole('button', { name: 'Connect' }));
      await popup.press('allow');
      await expect(await chris.findByText('Microsoft Teams account of Olivia Owner (olivia@studio.example)')).toBeVisible();
      await waitFor(() => expect(staffAccount(loaded, 'chris')?.kind).toBe('teams'));
    } finally {
      popup.restore();
    }
  },
};

/** Providers the server is not set up for are not offered to the owner; one line says which. */
export const ProvidersNotConfigured: Story = {
  parameters: { sessionLinks: { providers: { 'google-meet': 'not-configured', teams: 'not-configured' } } },
  play: async ({ canvasElement }) => {
    const chris = await row(canvasElement, 'Chris Bakker');
    await userEvent.click(await chris.findByRole('button', { name: 'Add individual account' }));
    await expect(await chris.findByText('Not set up on this site’s server: Google Meet, Microsoft Teams.')).toBeVisible();
    await expect(chris.queryByRole('button', { name: /^Google Meet/ })).toBeNull();
  },
};

export const ExpiredStaffGoogleMeet: Story = {
  args: { staffId: 'chris' },
  parameters: {
    sessionLinks: {
      setup: (b: MockBackend) =>
        b.connectAccount('google-meet', { type: 'staff', staffId: 'chris' }, { userId: 'owner', health: 'expired' }),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('The Google Meet authorisation has expired.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Reconnect' }));
    await expect(await canvas.findByRole('heading', { name: 'Google Meet' })).toBeVisible();
  },
};

export const StaffTeamsPersonalAccountRefused: Story = {
  args: { staffId: 'chris' },
  parameters: {
    sessionLinks: {
      setup: (b: MockBackend) =>
        b.connectAccount('teams', { type: 'staff', staffId: 'chris' }, { userId: 'owner', email: 'chris@outlook.com', health: 'error' }),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText(/personal Microsoft accounts \(Outlook.com, Hotmail, Live\) cannot create Teams meetings/),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  },
};

export const EditShowsImpact: Story = {
  play: async ({ canvasElement, loaded }) => {
    const bram = await row(canvasElement, 'Bram Jansen');
    await userEvent.click(await bram.findByRole('button', { name: 'Edit' }));
    await userEvent.click(bram.getByRole('button', { name: /Custom link/ }));
    await expect(bram.getByText('Saving a new account changes the link of their upcoming sessions:')).toBeVisible();
    await expect(await bram.findByText('2 upcoming sessions get a different link.')).toBeVisible();
    await expect(bram.getByText(/Daan Visser/)).toBeVisible();
    const link = bram.getByRole('textbox', { name: 'Link' });
    await expect(link).toHaveValue('https://meet.google.com/bra-mjan-sen');
    await userEvent.clear(link);
    await userEvent.type(link, 'https://meet.google.com/new-bram');
    await userEvent.click(bram.getByRole('button', { name: 'Continue' }));
    await expect(await bram.findByText('The individual account is saved.')).toBeVisible();
    await expect(staffAccount(loaded, 'bram')).toMatchObject({ link: { url: 'https://meet.google.com/new-bram' } });
  },
};

export const RemoveWithImpact: Story = {
  play: async ({ canvasElement, loaded }) => {
    const anna = await row(canvasElement, 'Anna de Vries');
    await userEvent.click(await anna.findByRole('button', { name: 'Remove' }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: "Remove Anna de Vries's individual account?" }));
    await expect(await dialog.findByText(/upcoming sessions get a different link/)).toBeVisible();
    await expect(dialog.getByText(/Carla Smit/)).toBeVisible();
    await userEvent.click(await findEnabledButton(dialog, 'Remove'));
    await expect(await anna.findByText(/Their sessions use the site default again/)).toBeVisible();
    await expect(anna.getByText(/they have no account of their own/)).toBeVisible();
    await waitFor(() => expect(anna.getByRole('button', { name: 'Add individual account' })).toHaveFocus());
    await expect(staffAccount(loaded, 'anna')).toBeNull();
  },
};

export const ExpiredStaffZoom: Story = {
  parameters: { sessionLinks: { scenario: 'expired-zoom' } },
  args: { staffId: 'anna' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('The Zoom authorisation has expired.')).toBeVisible();
    // R17: Anna's upcoming sessions the backend resolves with a visible fallback to the (here also expired) default.
    const backend = backendOf(loaded);
    const site = backend.data.sites.find((s) => s.id === 'site-studio');
    const annas = (site?.sessions ?? []).filter((s) => s.staffId === 'anna' && Date.parse(s.start) >= backend.now().getTime());
    const resolved = await Promise.all(annas.map((s) => backend.getSession('site-studio', s.id)));
    const fallBack = resolved.filter((d) => d.resolution.warnings.includes('STAFF_ACCOUNT_UNHEALTHY'));
    await expect(fallBack.length).toBeGreaterThan(1);
    await expect(
      await canvas.findByText(`${fallBack.length} of their upcoming sessions use the site default until they reconnect.`),
    ).toBeVisible();
    await expect(canvas.getByText(/own account cannot be used, so their sessions use the site default/)).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  },
};

export const SaveFailsKeepsInput: Story = {
  parameters: { sessionLinks: { fail: [['setStaffCustomLink', 'network']] } },
  args: { staffId: 'chris' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Add individual account' }));
    await userEvent.click(canvas.getByRole('button', { name: /Custom link/ }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/chris');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'The server could not be reached. Check your connection and try again; what you typed is kept.',
    );
    await expect(canvas.getByRole('textbox', { name: 'Link' })).toHaveValue('https://whereby.com/chris');
    await expect(staffAccount(loaded, 'chris')).toBeNull();
  },
};

export const Conflict: Story = {
  parameters: { sessionLinks: { conflictOnNextWrite: true } },
  args: { staffId: 'chris' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Add individual account' }));
    await userEvent.click(canvas.getByRole('button', { name: /Custom link/ }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/chris');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expect(await canvas.findByRole('heading', { name: 'Changed elsewhere' })).toHaveFocus();
    await expect(await within(canvas.getByRole('region', { name: 'Theirs (saved now)' })).findByText('No account')).toBeVisible();
    const keep = canvas.getByRole('button', { name: 'Keep mine' });
    await waitFor(() => expect(keep).toBeEnabled());
    await userEvent.click(keep);
    await userEvent.click(await findEnabledButton(canvas, 'Continue'));
    await expect(await canvas.findByText('The individual account is saved.')).toBeVisible();
  },
};

export const Dutch: Story = {
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Online sessie-accounts van medewerkers' })).toBeVisible();
    const chris = within(await canvas.findByRole('listitem', { name: 'Chris Bakker' }));
    await expect(await chris.findByRole('button', { name: 'Individueel account toevoegen' })).toBeVisible();
    await expect(chris.getByText(/gebruiken het standaardaccount/)).toBeVisible();
  },
};

/** One row of the host's page: `useStaffAccount` for the staff member, the parts in the host's own layout. */
function HostStaffRow({ staffId }: { staffId: string }) {
  const account = useStaffAccount({ staffId, inList: true, headingLevel: 3 });
  return (
    <StaffAccountRoot value={account}>
      <StaffAccountItem className="host-row">
        <StaffAccountName />
        <StaffAccountPanel>
          <StaffAccountNotice />
          <StaffAccountExplanation />
          <StaffAccountGate>
            <StaffAccountStep step="view">
              <StaffAccountSummary />
              <div className="sl-actions">
                <StaffAccountAddButton>Give them their own link</StaffAccountAddButton>
                <StaffAccountEditButton />
                <StaffAccountRemoveButton />
              </div>
            </StaffAccountStep>
            <StaffAccountStep step="choosing">
              <StaffAccountChoice />
              <StaffAccountCancelButton />
            </StaffAccountStep>
            <StaffAccountStep step="connect">
              <StaffAccountConnect />
            </StaffAccountStep>
            <StaffAccountStep step="custom">
              <StaffAccountEditImpact />
              <StaffAccountCustomForm submitLabel="Save link" />
            </StaffAccountStep>
          </StaffAccountGate>
        </StaffAccountPanel>
      </StaffAccountItem>
    </StaffAccountRoot>
  );
}

/** A host's own staff page: the list hook and the parts, each row its own layout. */
function HostStaffPage() {
  const editor = useStaffAccountEditor({ headingLevel: 2 });
  return (
    <StaffAccountEditorRoot value={editor}>
      <StaffAccountEditorTitle>Team video accounts</StaffAccountEditorTitle>
      <p>{editor.ids.length} people</p>
      <StaffAccountEditorGate>
        <StaffAccountEditorBlocked />
        <StaffAccountEditorList className="host-list">
          {(staffId) => <HostStaffRow key={staffId} staffId={staffId} />}
        </StaffAccountEditorList>
      </StaffAccountEditorGate>
    </StaffAccountEditorRoot>
  );
}

/** A custom UI from `useStaffAccountEditor()` and the parts only: give Chris a custom link of their own. */
export const CustomUi: Story = {
  render: () => <HostStaffPage />,
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('3 people')).toBeVisible();
    const chris = await row(canvasElement, 'Chris Bakker');
    await userEvent.click(await chris.findByRole('button', { name: 'Give them their own link' }));
    await userEvent.click(await chris.findByRole('button', { name: /Custom link/ }));
    await userEvent.type(chris.getByRole('textbox', { name: 'Link' }), 'https://teams.microsoft.com/l/meetup-join/chris');
    await userEvent.click(chris.getByRole('button', { name: 'Save link' }));
    await expect(await chris.findByText('The individual account is saved.')).toBeVisible();
    await expect(chris.getByText(/use their own Microsoft Teams link, instead of the site default/)).toBeVisible();
    await waitFor(() => expect(staffAccount(loaded, 'chris')?.kind).toBe('custom'));
  },
};
