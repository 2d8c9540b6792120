import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { MockBackend } from '@session-links/mocks';
import {
  PersonalSessionsAction,
  PersonalSessionsActionClose,
  PersonalSessionsActionContent,
  PersonalSessionsActionGate,
  PersonalSessionsActionRoot,
  PersonalSessionsActionTitle,
  PersonalSessionsActionTrigger,
  StaffAccountChoice,
  StaffAccountConnect,
  StaffAccountCustomForm,
  StaffAccountEditor,
  StaffAccountGate,
  StaffAccountNotice,
  StaffAccountPanel,
  StaffAccountStep,
  StaffAccountSummary,
  usePersonalSessionsAction,
  usePersonalSessionsActionFlowContext,
} from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { watchPopup } from '../support/popup';

const meta = {
  title: 'Widgets/PersonalSessionsAction',
  tags: ['autodocs'],
  component: PersonalSessionsAction,
  parameters: { sessionLinks: { scenario: 'zoom-default', signedInAs: 'chris' } },
} satisfies Meta<typeof PersonalSessionsAction>;
export default meta;
type Story = StoryObj<typeof meta>;

const backendOf = (loaded: Record<string, unknown>) => loaded.backend as MockBackend;
const accountOf = (loaded: Record<string, unknown>, id: string) =>
  backendOf(loaded)
    .listStaff('site-studio', 'owner')
    .find((s) => s.id === id)?.account ?? null;
const dialog = async () => within(await within(document.body).findByRole('dialog', { name: 'Set up personal online sessions' }));

/** The host page's own words (its chrome, not the widget's): in the story's locale, as a Dutch host would have them. */
const HOST = {
  en: {
    calendar: 'Calendar',
    moreActions: 'More actions',
    print: 'Print calendar',
    personal: 'Set up personal online sessions',
    myButton: 'My online sessions',
    myTitle: 'My meeting link',
    signedInAs: 'Signed in as',
    useMyLink: 'Use my link',
    done: 'Done',
    nothingSaved: 'Nothing saved yet',
    savedFor: 'Saved for',
  },
  nl: {
    calendar: 'Agenda',
    moreActions: 'Meer acties',
    print: 'Agenda afdrukken',
    personal: 'Persoonlijke online sessies instellen',
    myButton: 'Mijn online sessies',
    myTitle: 'Mijn meetinglink',
    signedInAs: 'Aangemeld als',
    useMyLink: 'Mijn link gebruiken',
    done: 'Klaar',
    nothingSaved: 'Nog niets opgeslagen',
    savedFor: 'Opgeslagen voor',
  },
};
type HostText = (typeof HOST)['en'];
const hostText = (globals: Record<string, unknown>): HostText => (globals.locale === 'nl' ? HOST.nl : HOST.en);
/** The host's type, not the browser's default serif: the page around the widget. */
const HOST_FONT = '14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** A host calendar's "More actions" menu, built with the host's own Radix DropdownMenu. */
function CalendarToolbar({ text }: { text: HostText }) {
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'center', font: HOST_FONT }}>
      <h2 style={{ fontSize: 16, margin: 0 }}>{text.calendar}</h2>
      {/* The action wraps the menu, so its dialog stays open after the menu closes. */}
      <PersonalSessionsAction>
        <DropdownMenu.Root>
          <DropdownMenu.Trigger className="sl-button">{text.moreActions}</DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content
              className="host-menu"
              sideOffset={4}
              style={{ background: '#fff', color: '#1a1f2b', border: '1px solid #c9cfdb', borderRadius: 8, padding: 4, font: HOST_FONT }}
            >
              <DropdownMenu.Item style={{ padding: '6px 10px' }}>{text.print}</DropdownMenu.Item>
              <PersonalSessionsActionTrigger asChild>
                <DropdownMenu.Item style={{ padding: '6px 10px' }}>{text.personal}</DropdownMenu.Item>
              </PersonalSessionsActionTrigger>
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      </PersonalSessionsAction>
    </div>
  );
}

export const Standalone: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    const d = await dialog();
    await expect(await d.findByRole('button', { name: /Zoom/ })).toBeVisible();
    await expect(d.getByRole('button', { name: /Custom link/ })).toBeVisible();
  },
};

export const InHostMoreActionsMenu: Story = {
  render: (_args, { globals }) => <CalendarToolbar text={hostText(globals)} />,
  play: async ({ canvasElement, globals }) => {
    const text = hostText(globals);
    await userEvent.click(await within(canvasElement).findByRole('button', { name: text.moreActions }));
    await userEvent.click(await within(document.body).findByRole('menuitem', { name: text.personal }));
    const d = within(await within(document.body).findByRole('dialog', { name: text.personal }));
    await expect(await d.findByRole('button', { name: globals.locale === 'nl' ? /Aangepaste link/ : /Custom link/ })).toBeVisible();
    await expect(within(document.body).queryByRole('menu')).toBeNull();
  },
};

export const CustomLink: Story = {
  play: async ({ canvasElement, loaded }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    const d = await dialog();
    await userEvent.click(await d.findByRole('button', { name: /Custom link/ }));
    await userEvent.type(d.getByRole('textbox', { name: 'Link' }), 'https://teams.microsoft.com/l/meetup-join/chris');
    await userEvent.type(d.getByRole('textbox', { name: /Password/ }), 'chr1s');
    await userEvent.type(d.getByRole('textbox', { name: /Description/ }), 'Room B');
    await userEvent.click(d.getByRole('button', { name: 'Connect' }));
    await expect(await d.findByText('Your own account is saved.')).toBeVisible();
    await expect(d.getByText('Your sessions use your own Microsoft Teams link, instead of the site default.')).toBeVisible();
    await expect(accountOf(loaded, 'chris')).toMatchObject({ kind: 'custom', link: { password: 'chr1s', description: 'Room B' } });
  },
};

export const Zoom: Story = {
  play: async ({ canvasElement, loaded }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    const d = await dialog();
    await userEvent.click(await d.findByRole('button', { name: /Zoom/ }));
    await userEvent.click(d.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(d.getByRole('button', { name: 'Connect' }));
      await popup.press('allow');
      await expect(await d.findByText('Your own account is saved.')).toBeVisible();
      await waitFor(() => expect(accountOf(loaded, 'chris')).toMatchObject({ kind: 'zoom', user: { email: 'chris@studio.example' } }));
    } finally {
      popup.restore();
    }
  },
};

/** A server without Zoom configuration (R27), listProviders failed (all offered): Connect in the dialog says Zoom is not set up there. */
export const ZoomNotConfigured: Story = {
  parameters: { sessionLinks: { zoom: 'not-configured', fail: [['listProviders', 'server']] } },
  play: async ({ canvasElement, loaded }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    const d = await dialog();
    await userEvent.click(await d.findByRole('button', { name: /Zoom/ }));
    await userEvent.click(d.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(d.getByRole('button', { name: 'Connect' }));
      await expect(await d.findByRole('alert')).toHaveTextContent('Zoom is not set up on this site’s server.');
      await expect(accountOf(loaded, 'chris')).toBeNull();
    } finally {
      popup.restore();
    }
  },
};

/** A staff member connects their own Google Meet or Teams (R9, R31) through its consent window. */
const connectOwn =
  (name: string, kind: 'google-meet' | 'teams'): Story['play'] =>
  async ({ canvasElement, loaded }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    const d = await dialog();
    await userEvent.click(await d.findByRole('button', { name: new RegExp(`^${name}`) }));
    await expect(
      d.getByText(`You will sign in to ${name} in a new window and allow meetings to be created for your sessions.`),
    ).toBeVisible();
    await userEvent.click(d.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(d.getByRole('button', { name: 'Connect' }));
      await popup.press('allow');
      await expect(await d.findByText('Your own account is saved.')).toBeVisible();
      await waitFor(() => expect(accountOf(loaded, 'chris')).toMatchObject({ kind, user: { email: 'chris@studio.example' } }));
    } finally {
      popup.restore();
    }
  };

export const GoogleMeet: Story = { play: connectOwn('Google Meet', 'google-meet') };

export const Teams: Story = { play: connectOwn('Microsoft Teams', 'teams') };

/** Only the configured providers are offered; one line names the one that is not set up. */
export const ProvidersNotConfigured: Story = {
  parameters: { sessionLinks: { providers: { zoom: 'not-configured' } } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    const d = await dialog();
    await expect(await d.findByText('Not set up on this site’s server: Zoom.')).toBeVisible();
    await expect(d.queryByRole('button', { name: /^Zoom/ })).toBeNull();
  },
};

export const ExpiredOwnTeams: Story = {
  parameters: {
    sessionLinks: {
      setup: (b: MockBackend) => b.connectAccount('teams', { type: 'staff', staffId: 'chris' }, { userId: 'chris', health: 'expired' }),
    },
  },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    const d = await dialog();
    await expect(await d.findByText('The Microsoft Teams authorisation has expired.')).toBeVisible();
    await expect(d.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  },
};

export const ExistingAccount: Story = {
  parameters: { sessionLinks: { signedInAs: 'bram' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    const d = await dialog();
    await expect(await d.findByText('Google Meet link')).toBeVisible();
    await expect(d.getByRole('button', { name: 'Edit' })).toBeVisible();
  },
};

export const BlockedWithoutDefault: Story = {
  name: 'Blocked: no default account (R9)',
  parameters: { sessionLinks: { scenario: 'no-default' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    const d = await dialog();
    await expect(await d.findByText(/has to connect a default video-conferencing account before you can add your own/)).toBeVisible();
    await expect(d.queryByRole('button', { name: /Custom link/ })).toBeNull();
  },
};

export const UpgradeNeeded: Story = {
  parameters: { sessionLinks: { scenario: 'no-plan' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    await expect(await (await dialog()).findByText('Online sessions are not included in your plan')).toBeVisible();
  },
};

export const OwnerWithoutStaffRecord: Story = {
  parameters: { sessionLinks: { signedInAs: 'owner' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    await expect(await (await dialog()).findByText(/not linked to a staff member/)).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { sessionLinks: { latency: Number.POSITIVE_INFINITY } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    await expect(await (await dialog()).findByRole('status')).toHaveTextContent('Loading…');
  },
};

export const ServerError: Story = {
  parameters: { sessionLinks: { fail: [['listStaff', 'server']] } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    await expect(await (await dialog()).findByRole('alert')).toHaveTextContent('Something went wrong on our side');
  },
};

/**
 * Bram's tab is open when someone else (Chris) signs in on the same browser: the
 * widget still offers Bram's account, the backend refuses the write (R10), the
 * optimistic change is rolled back and the widget now says it may not do this.
 */
export const RefusedForAnotherStaffMember: Story = {
  name: 'Refused: signed in as another staff member',
  render: () => <StaffAccountEditor staffId="bram" />,
  parameters: { sessionLinks: { signedInAs: 'bram' } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Edit' }));
    await userEvent.click(canvas.getByRole('button', { name: /Custom link/ }));
    backendOf(loaded).signIn('chris');
    const link = canvas.getByRole('textbox', { name: 'Link' });
    // The form is read-only while the staff list is being fetched again.
    await waitFor(() => expect(link).toBeEnabled());
    await userEvent.clear(link);
    await userEvent.type(link, 'https://whereby.com/not-mine');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expect(await canvas.findByText('Only the site owner can manage the accounts of other staff members.')).toBeVisible();
    await expect(backendOf(loaded).requests).toContain('setStaffCustomLink');
    await expect(accountOf(loaded, 'bram')).toMatchObject({ link: { url: 'https://meet.google.com/bra-mjan-sen' } });
  },
};

export const KeyboardOnly: Story = {
  name: 'Keyboard only: self-service custom link',
  play: async ({ canvasElement, loaded }) => {
    await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' });
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    const d = await dialog();
    await d.findByRole('button', { name: /Custom link/ });
    await waitFor(() => expect(d.getByRole('heading', { name: 'How do clients join online sessions?' })).toHaveFocus());
    await d.findByRole('button', { name: /^Microsoft Teams/ });
    await userEvent.tab(); // Zoom
    await userEvent.tab(); // Google Meet
    await userEvent.tab(); // Microsoft Teams
    await userEvent.tab(); // Custom link
    await userEvent.keyboard('{Enter}');
    await userEvent.tab(); // heading → Link
    await expect(d.getByRole('textbox', { name: 'Link' })).toHaveFocus();
    await userEvent.keyboard('https://whereby.com/chris-kb');
    await userEvent.keyboard('{Enter}');
    await expect(await d.findByText('Your own account is saved.')).toBeVisible();
    await expect(accountOf(loaded, 'chris')).toMatchObject({ link: { url: 'https://whereby.com/chris-kb' } });
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(within(canvasElement).getByRole('button', { name: 'Set up personal online sessions' })).toHaveFocus());
  },
};

export const Dutch: Story = {
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Persoonlijke online sessies instellen' }));
    const d = within(await within(document.body).findByRole('dialog', { name: 'Persoonlijke online sessies instellen' }));
    await userEvent.click(await d.findByRole('button', { name: /Aangepaste link/ }));
    await expect(d.getByRole('textbox', { name: 'Link' })).toBeVisible();
    await expect(d.getByRole('textbox', { name: /Wachtwoord/ })).toBeVisible();
    await expect(d.getByRole('textbox', { name: /Beschrijving/ })).toBeVisible();
    await expect(d.getByRole('button', { name: 'Koppelen' })).toBeVisible();
  },
};

/** The host's own dialog body: the flow the content runs (`usePersonalSessionsActionFlowContext`) and the staff flow's parts. */
function HostPersonalBody({ text }: { text: HostText }) {
  const personal = usePersonalSessionsActionFlowContext('HostPersonalBody');
  return (
    <>
      <PersonalSessionsActionTitle>{text.myTitle}</PersonalSessionsActionTitle>
      <p>
        {text.signedInAs} {personal.account.member?.name ?? '…'}
      </p>
      <PersonalSessionsActionGate>
        <StaffAccountPanel>
          <StaffAccountNotice />
          <StaffAccountGate>
            <StaffAccountStep step="choosing">
              <StaffAccountChoice />
            </StaffAccountStep>
            <StaffAccountStep step="connect">
              <StaffAccountConnect />
            </StaffAccountStep>
            <StaffAccountStep step="custom">
              <StaffAccountCustomForm submitLabel={text.useMyLink} />
            </StaffAccountStep>
            <StaffAccountStep step="view">
              <StaffAccountSummary />
            </StaffAccountStep>
          </StaffAccountGate>
        </StaffAccountPanel>
      </PersonalSessionsActionGate>
      <PersonalSessionsActionClose>{text.done}</PersonalSessionsActionClose>
    </>
  );
}

/** The host's page: the action's hook takes the callbacks, its Root the hook's value. */
function HostPersonalAction({ text }: { text: HostText }) {
  const [saved, setSaved] = useState<string | null>(null);
  const action = usePersonalSessionsAction({ onSaved: (member) => setSaved(member.name) });
  return (
    <div style={{ display: 'grid', gap: 8, justifyItems: 'start', font: HOST_FONT }}>
      <PersonalSessionsActionRoot value={action}>
        <PersonalSessionsActionTrigger asChild>
          <button type="button" className="sl-button">
            {text.myButton}
          </button>
        </PersonalSessionsActionTrigger>
        <PersonalSessionsActionContent>
          <HostPersonalBody text={text} />
        </PersonalSessionsActionContent>
      </PersonalSessionsActionRoot>
      <p data-testid="host-saved">{saved ? `${text.savedFor} ${saved}` : text.nothingSaved}</p>
    </div>
  );
}

/** A custom UI from `usePersonalSessionsAction()`, the flow its content runs, and the parts only: Chris adds a custom link. */
export const CustomUi: Story = {
  render: (_args, { globals }) => <HostPersonalAction text={hostText(globals)} />,
  play: async ({ canvasElement, loaded, globals }) => {
    const text = hostText(globals);
    const nl = globals.locale === 'nl';
    await userEvent.click(await within(canvasElement).findByRole('button', { name: text.myButton }));
    const d = within(await within(document.body).findByRole('dialog', { name: text.myTitle }));
    await expect(await d.findByText(`${text.signedInAs} Chris Bakker`)).toBeVisible();
    await userEvent.click(await d.findByRole('button', { name: nl ? /Aangepaste link/ : /Custom link/ }));
    await userEvent.type(d.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/chris');
    await userEvent.click(d.getByRole('button', { name: text.useMyLink }));
    await expect(await d.findByText(nl ? 'Je eigen account is opgeslagen.' : 'Your own account is saved.')).toBeVisible();
    await expect(within(canvasElement).getByTestId('host-saved')).toHaveTextContent(`${text.savedFor} Chris Bakker`);
    await waitFor(() => expect(accountOf(loaded, 'chris')?.kind).toBe('custom'));
    await userEvent.click(d.getByRole('button', { name: text.done }));
    await waitFor(() => expect(within(document.body).queryByRole('dialog')).toBeNull());
  },
};
