import type { MockBackend } from '@session-links/mocks';
import {
  ProviderPicker,
  ProviderPickerAccount,
  ProviderPickerChoice,
  ProviderPickerConnect,
  ProviderPickerCustomForm,
  ProviderPickerDisconnectButton,
  ProviderPickerEditButton,
  ProviderPickerGate,
  ProviderPickerHealth,
  ProviderPickerNotice,
  ProviderPickerReplaceDialog,
  ProviderPickerRoot,
  ProviderPickerStep,
  ProviderPickerStepTitle,
  ProviderPickerTitle,
  useProviderPicker,
} from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { watchPopup } from '../support/popup';
import { phoneViewport } from '../support/viewport';
import { findEnabledButton } from '../support/wait';

const meta = {
  title: 'Widgets/ProviderPicker',
  tags: ['autodocs'],
  component: ProviderPicker,
  parameters: { sessionLinks: { scenario: 'no-default' } },
  args: { upgradeHref: '#plans' },
} satisfies Meta<typeof ProviderPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

const backendOf = (loaded: Record<string, unknown>) => loaded.backend as MockBackend;
/** Every upcoming session of the studio with its link as the backend resolves it. */
const upcomingResolutions = async (backend: MockBackend) => {
  const site = backend.data.sites.find((s) => s.id === 'site-studio');
  const now = backend.now().getTime();
  const upcoming = (site?.sessions ?? []).filter((s) => Date.parse(s.start) >= now);
  return Promise.all(upcoming.map(async (s) => ({ session: s, r: (await backend.getSession('site-studio', s.id)).resolution })));
};

export const NothingConnected: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'How do clients join online sessions?' })).toBeVisible();
    await expect(await canvas.findByRole('button', { name: /Zoom/ })).toBeVisible();
    await expect(canvas.getByRole('button', { name: /Custom link/ })).toBeVisible();
    await expect(canvas.getByText('No default account yet: online sessions have no link.')).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { sessionLinks: { scenario: 'zoom-default', latency: Number.POSITIVE_INFINITY } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent('Loading…');
  },
};

export const UpgradeNeeded: Story = {
  parameters: { sessionLinks: { scenario: 'no-plan' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Online sessions are not included in your plan')).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'See plans' })).toHaveAttribute('href', '#plans');
    await expect(canvas.queryByRole('button', { name: /Zoom/ })).toBeNull();
  },
};

export const NoPermission: Story = {
  parameters: { sessionLinks: { scenario: 'zoom-default', signedInAs: 'anna' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Only the site owner can change this')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Disconnect' })).toBeNull();
  },
};

export const ServerError: Story = {
  parameters: { sessionLinks: { scenario: 'zoom-default', fail: [['getSettings', 'server']] } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert')).toHaveTextContent('could not be loaded');
    // A load: nothing was typed, so the message does not say it is kept.
    await expect(canvas.getByText('Something went wrong on our side. Try again in a moment.')).toBeVisible();
    backendOf(loaded).recover();
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(await canvas.findByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeVisible();
  },
};

export const ConnectedZoom: Story = {
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeVisible();
    await expect(canvas.getByText('Every session gets its own Zoom meeting.')).toBeVisible();
    await expect(canvasElement.querySelector('.sl-picker')).toHaveAttribute('data-provider', 'zoom');
  },
};

export const ConnectedCustomLink: Story = {
  parameters: { sessionLinks: { scenario: 'custom-default' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Microsoft Teams link')).toBeVisible();
    await expect(canvas.getByText('https://teams.microsoft.com/l/meetup-join/studio-noord')).toBeVisible();
    await expect(canvas.getByText('With a password')).toBeVisible();
    await expect(canvas.getByText('Every session uses this link.')).toBeVisible();
  },
};

export const ExpiredZoom: Story = {
  parameters: { sessionLinks: { scenario: 'expired-zoom' } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('The Zoom authorisation has expired.')).toBeVisible();
    // R17: the upcoming sessions the backend resolves to no link for the expired default. Chris's coaching and
    // the unassigned yoga class fall back to the default; so do Anna's (her Zoom expired too).
    const backend = backendOf(loaded);
    const noLink = (await upcomingResolutions(backend)).filter(({ r }) => r.status === 'none' && r.reason === 'ACCOUNT_UNHEALTHY');
    await expect(noLink.length).toBeGreaterThan(1);
    await expect(await canvas.findByText(`${noLink.length} upcoming sessions have no link until you reconnect.`)).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Reconnect' })).toBeVisible();
    await expect(canvasElement.querySelector('.sl-picker')).toHaveAttribute('data-health', 'expired');
  },
};

export const ConnectZoom: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Zoom/ }));
    // The site default makes meetings for the site's sessions, not only the owner's own.
    await expect(canvas.getByText(/allow meetings to be created for the site’s sessions/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
      await expect(await canvas.findByText('Waiting for Zoom. Finish in the Zoom window.')).toBeVisible();
      await popup.press('allow');
      await expect(await canvas.findByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeVisible();
      await expect(canvas.getByRole('status')).toHaveTextContent('The default account is saved.');
      await expect(backendOf(loaded).getSettings('site-studio').defaultAccount?.kind).toBe('zoom');
    } finally {
      popup.restore();
    }
  },
};

export const ZoomCancelled: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Zoom/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
      await popup.press('cancel');
      await expect(await canvas.findByRole('alert')).toHaveTextContent('Nothing changed.');
      await waitFor(() => expect(canvas.getByRole('button', { name: 'Connect' })).toHaveFocus());
      await expect(backendOf(loaded).getSettings('site-studio').defaultAccount).toBeNull();
    } finally {
      popup.restore();
    }
  },
};

export const ZoomDenied: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Zoom/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
      await popup.press('deny');
      await expect(await canvas.findByRole('alert')).toHaveTextContent('Access was not allowed in Zoom. Nothing changed.');
      await expect(backendOf(loaded).getSettings('site-studio').defaultAccount).toBeNull();
    } finally {
      popup.restore();
    }
  },
};

/**
 * A server without Zoom configuration (R27), while the widget cannot know which providers are
 * set up (listProviders failed) and offers them all: Connect says Zoom is not set up there, and
 * nothing changes.
 */
export const ZoomNotConfigured: Story = {
  parameters: { sessionLinks: { scenario: 'no-default', zoom: 'not-configured', fail: [['listProviders', 'server']] } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Zoom/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
      const alert = await canvas.findByRole('alert');
      await expect(alert).toHaveTextContent('Zoom is not set up on this site’s server.');
      await expect(alert).toHaveAttribute('data-reason', 'PROVIDER_NOT_CONFIGURED');
      await waitFor(() => expect(canvas.getByRole('button', { name: 'Connect' })).toHaveFocus());
      await expect(backendOf(loaded).getSettings('site-studio').defaultAccount).toBeNull();
    } finally {
      popup.restore();
    }
  },
};

export const ZoomNotConfiguredDutch: Story = {
  parameters: { sessionLinks: { scenario: 'no-default', zoom: 'not-configured', fail: [['listProviders', 'server']] } },
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Zoom/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Doorgaan' }));
    const popup = watchPopup();
    try {
      await userEvent.click(canvas.getByRole('button', { name: 'Koppelen' }));
      await expect(await canvas.findByRole('alert')).toHaveTextContent('Zoom is niet ingesteld op de server van deze website.');
    } finally {
      popup.restore();
    }
  },
};

/** R27, R31: the providers the server is not set up for are not offered; one line (not an alert) names them. */
export const ProvidersNotConfigured: Story = {
  parameters: { sessionLinks: { scenario: 'no-default', providers: { zoom: 'not-configured', teams: 'not-configured' } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const line = await canvas.findByText('Not set up on this site’s server: Zoom, Microsoft Teams.');
    await expect(line.closest('[role="alert"]')).toBeNull();
    await expect(canvas.getByRole('button', { name: /^Google Meet/ })).toBeVisible();
    await expect(canvas.queryByRole('button', { name: /^Zoom/ })).toBeNull();
    await expect(canvas.queryByRole('button', { name: /^Microsoft Teams/ })).toBeNull();
  },
};

export const ProvidersNotConfiguredDutch: Story = {
  parameters: ProvidersNotConfigured.parameters,
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('Niet ingesteld op de server van deze website: Zoom, Microsoft Teams.'),
    ).toBeVisible();
  },
};

/** The choice with all three providers configured: Zoom, Google Meet, Microsoft Teams, then Custom link, each with its mark. */
export const AllProviders: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: /^Microsoft Teams/ });
    const list = canvas.getByRole('list', { name: 'How do clients join online sessions?' });
    const kinds = within(list)
      .getAllByRole('button')
      .map((b) => b.getAttribute('data-provider'));
    await expect(kinds).toEqual(['zoom', 'google-meet', 'teams', 'custom']);
  },
};

/** Connects a provider as the default through its consent window (R14, R31), as the owner would. */
const connectDefault =
  (name: string, kind: 'google-meet' | 'teams'): Story['play'] =>
  async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: new RegExp(`^${name}`) }));
    await expect(canvas.getByRole('heading', { name })).toBeVisible();
    await expect(
      canvas.getByText(`You will sign in to ${name} in a new window and allow meetings to be created for the site’s sessions.`),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
      await expect(await canvas.findByText(`Waiting for ${name}. Finish in the ${name} window.`)).toBeVisible();
      await popup.press('allow');
      await expect(await canvas.findByText(`${name} account of Olivia Owner (olivia@studio.example)`)).toBeVisible();
      await expect(canvas.getByText(`Every session gets its own ${name} meeting.`)).toBeVisible();
      await expect(backendOf(loaded).getSettings('site-studio').defaultAccount?.kind).toBe(kind);
    } finally {
      popup.restore();
    }
  };

export const ConnectGoogleMeet: Story = { play: connectDefault('Google Meet', 'google-meet') };

export const ConnectTeams: Story = { play: connectDefault('Microsoft Teams', 'teams') };

export const ConnectedGoogleMeet: Story = {
  parameters: {
    sessionLinks: {
      scenario: 'no-default',
      setup: (b: MockBackend) => b.connectAccount('google-meet', { type: 'default' }, { userId: 'owner' }),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Google Meet account of Olivia Owner (olivia@studio.example)')).toBeVisible();
    await expect(canvasElement.querySelector('.sl-picker')).toHaveAttribute('data-provider', 'google-meet');
  },
};

export const ConnectedTeams: Story = {
  parameters: {
    sessionLinks: {
      scenario: 'no-default',
      setup: (b: MockBackend) => b.connectAccount('teams', { type: 'default' }, { userId: 'owner' }),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Microsoft Teams account of Olivia Owner (olivia@studio.example)')).toBeVisible();
    await expect(canvasElement.querySelector('.sl-picker')).toHaveAttribute('data-provider', 'teams');
  },
};

/** An expired Google Meet default (R17): said so, and Reconnect goes straight to Google's Connect. */
export const ExpiredGoogleMeet: Story = {
  parameters: {
    sessionLinks: {
      scenario: 'no-default',
      setup: (b: MockBackend) => b.connectAccount('google-meet', { type: 'default' }, { userId: 'owner', health: 'expired' }),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('The Google Meet authorisation has expired.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Reconnect' }));
    await expect(await canvas.findByRole('heading', { name: 'Google Meet' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Connect' })).toBeVisible();
  },
};

export const ExpiredTeams: Story = {
  parameters: {
    sessionLinks: {
      scenario: 'no-default',
      setup: (b: MockBackend) => b.connectAccount('teams', { type: 'default' }, { userId: 'owner', health: 'expired' }),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('The Microsoft Teams authorisation has expired.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  },
};

/** Teams refuses online meetings to a personal Microsoft account (R31): shown as the account's reason, with Reconnect. */
export const TeamsPersonalAccountRefused: Story = {
  parameters: {
    sessionLinks: {
      scenario: 'no-default',
      setup: (b: MockBackend) =>
        b.connectAccount('teams', { type: 'default' }, { userId: 'owner', email: 'olivia@outlook.com', health: 'error' }),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText(/personal Microsoft accounts \(Outlook.com, Hotmail, Live\) cannot create Teams meetings/),
    ).toBeVisible();
    // The account's name as Microsoft gives it, not its address twice (seen in the 320 px screenshot).
    await expect(canvas.getByText('Microsoft Teams account of Olivia Owner (olivia@outlook.com)')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  },
};

export const TeamsPersonalAccountRefusedDutch: Story = {
  parameters: TeamsPersonalAccountRefused.parameters,
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/met een persoonlijk Microsoft-account/)).toBeVisible();
  },
};

export const ZoomForgedMessageIgnored: Story = {
  name: 'Zoom: a forged completion is ignored',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Zoom/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    const popup = watchPopup();
    try {
      await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
      // The consent page is up: the widget now listens for an answer (before that, any message is dropped unread).
      await popup.loaded();
      // Right shape, but not from the popup and with a state the backend never issued.
      const forged = {
        type: 'session-links:connection-callback',
        outcome: 'allow',
        state: 'f'.repeat(40),
        code: 'allow:mallory@evil.example',
      };
      // The widget listened first, so once this listener has the message the widget has judged it.
      const delivered = new Promise<void>((resolve) => {
        const seen = (event: MessageEvent) => {
          if (event.data?.code !== forged.code) return;
          window.removeEventListener('message', seen);
          resolve();
        };
        window.addEventListener('message', seen);
      });
      window.postMessage(forged, '*');
      await delivered;
      await expect(canvas.getByText('Waiting for Zoom. Finish in the Zoom window.')).toBeVisible();
      // Still waiting for the real popup: a cancel there is heard. Had the forged message been
      // taken, the widget would be completing it and this cancel would be ignored.
      await popup.press('cancel');
      await expect(await canvas.findByRole('alert')).toHaveTextContent(
        'The Zoom window was closed before the account was connected. Nothing changed.',
      );
      await expect(backendOf(loaded).requests).not.toContain('completeConnection');
    } finally {
      popup.restore();
    }
  },
};

/**
 * R21: the real host is shown as the link is typed, and a host that borrows a provider's
 * name (here Zoom, with a division slash U+2215 that looks like "/") gets a warning that
 * names where it really goes. A private address is refused.
 */
export const LookAlikeLinkWarning: Story = {
  name: 'Custom link: look-alike host and private address',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Custom link/ }));
    const link = canvas.getByRole('textbox', { name: 'Link' });
    await userEvent.click(link);
    await userEvent.paste('https://zoom.us\u2215j\u2215evil.example/j/123');
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      /Check this link: it goes to zoom\.xn--[a-z0-9-]+\.example, which is not Zoom\./,
    );
    await expect(canvas.getByText(/^zoom\.xn--[a-z0-9-]+\.example$/, { selector: 'strong' })).toBeVisible();
    await userEvent.clear(link);
    await userEvent.paste('http://169.254.169.254/latest/meta-data/');
    await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
    await expect(link).toHaveAccessibleDescription(expect.stringContaining('only works inside a private network'));
    await expect(backendOf(loaded).getSettings('site-studio').defaultAccount).toBeNull();
  },
};

export const ConnectCustomLink: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Custom link/ }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://meet.google.com/abc-defg-hij');
    await expect(canvas.getByText('Recognised as Google Meet')).toBeVisible();
    await userEvent.type(canvas.getByRole('textbox', { name: /Password/ }), 'sesame');
    await userEvent.type(canvas.getByRole('textbox', { name: /Description/ }), 'Camera on, please.');
    await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
    await expect(await canvas.findByText('Google Meet link')).toBeVisible();
    await expect(await canvas.findByText('The default account is saved.')).toBeVisible();
    await expect(backendOf(loaded).getSettings('site-studio').defaultAccount).toMatchObject({
      kind: 'custom',
      link: { url: 'https://meet.google.com/abc-defg-hij', password: 'sesame' },
    });
  },
};

export const RejectsJavascriptUrl: Story = {
  name: 'Validation: javascript: URL',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Custom link/ }));
    const sentBefore = backendOf(loaded).requests.length;
    const link = canvas.getByRole('textbox', { name: 'Link' });
    await userEvent.type(link, 'javascript:alert(1)');
    await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
    await expect(await canvas.findByText('Only https:// (or http://) links can be used.')).toBeVisible();
    await expect(link).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(link).toHaveFocus());
    await expect(backendOf(loaded).requests.length).toBe(sentBefore);
  },
};

export const RejectsTooLongUrl: Story = {
  name: 'Validation: 3,000-character URL',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Custom link/ }));
    const sentBefore = backendOf(loaded).requests.length;
    const link = canvas.getByRole('textbox', { name: 'Link' });
    await userEvent.click(link);
    await userEvent.paste(`https://meet.google.com/${'a'.repeat(3000 - 24)}`);
    await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
    await expect(await canvas.findByText('The link is too long: at most 2,048 characters.')).toBeVisible();
    await expect(backendOf(loaded).requests.length).toBe(sentBefore);
  },
};

export const InsecureHttpWarning: Story = {
  name: 'Validation: http link warns',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Custom link/ }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'http://whereby.com/room');
    await expect(canvas.getByText(/This link is not secure \(http\)/)).toBeVisible();
    await expect(canvas.getByText('Recognised as Whereby')).toBeVisible();
  },
};

export const Disconnect: Story = {
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Disconnect' }));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    await expect(dialog.getByText(/not even sessions of staff who have their own account/)).toBeVisible();
    await expect(await dialog.findByText(/upcoming sessions lose their link/)).toBeVisible();
    await expect(dialog.getByText('Staff whose own accounts stop being used: Anna de Vries, Bram Jansen')).toBeVisible();
    await expect(dialog.getByText(/Carla Smit/)).toBeVisible();
    await userEvent.click(await findEnabledButton(dialog, 'Disconnect'));
    const notice = await canvas.findByText(/The default account is disconnected/);
    await expect(notice).toBeVisible();
    // Sessions losing their link is a warning, never a green success banner.
    await expect(notice).toHaveAttribute('data-tone', 'warning');
    const root = getComputedStyle(canvasElement.querySelector('.sl-root') ?? canvasElement);
    const probe = document.createElement('span');
    probe.style.color = root.getPropertyValue('--sl-color-warning-text');
    canvasElement.append(probe);
    await expect(getComputedStyle(notice).color).toBe(getComputedStyle(probe).color);
    probe.remove();
    await expect(await canvas.findByRole('button', { name: /Zoom/ })).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'How do clients join online sessions?' })).toHaveFocus());
    await expect(backendOf(loaded).getSettings('site-studio').defaultAccount).toBeNull();
  },
};

/** A failed disconnect says so in the confirmation, without "what you typed is kept": nothing was typed. */
export const DisconnectFails: Story = {
  parameters: { sessionLinks: { scenario: 'zoom-default', fail: [['disconnectDefault', 'network']] } },
  play: async ({ canvasElement, loaded }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Disconnect' }));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    await userEvent.click(await findEnabledButton(dialog, 'Disconnect'));
    await expect(await dialog.findByRole('alert')).toHaveTextContent(
      /^The server could not be reached\. Check your connection and try again\.$/,
    );
    await expect(backendOf(loaded).getSettings('site-studio').defaultAccount?.kind).toBe('zoom');
  },
};

/** On a 320 px phone the impact list scrolls under the sticky footer: a failed disconnect shows in the footer, in view. */
export const DisconnectFailsOnPhone: Story = {
  parameters: { ...phoneViewport.parameters, sessionLinks: { scenario: 'zoom-default', fail: [['disconnectDefault', 'network']] } },
  globals: { ...phoneViewport.globals },
  play: async ({ canvasElement }) => {
    await expect(window.innerWidth).toBe(320);
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Disconnect' }));
    const dialogElement = await within(document.body).findByRole('alertdialog');
    const dialog = within(dialogElement);
    await userEvent.click(await findEnabledButton(dialog, 'Disconnect'));
    const alert = await dialog.findByRole('alert');
    // The premise: the dialog scrolls (a long impact list), and nobody has scrolled it.
    await expect(dialogElement.scrollHeight).toBeGreaterThan(dialogElement.clientHeight);
    // Seen without scrolling: inside the dialog's box, and not under the footer.
    const box = alert.getBoundingClientRect();
    const frame = dialogElement.getBoundingClientRect();
    await expect(box.top).toBeGreaterThanOrEqual(frame.top);
    await expect(box.bottom).toBeLessThanOrEqual(frame.bottom);
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    await expect(alert.contains(hit)).toBe(true);
  },
};

/** The confirmation itself, left open: what a disconnect would touch. */
export const DisconnectConfirmation: Story = {
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Disconnect' }));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    await expect(await dialog.findByText(/upcoming sessions lose their link/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toHaveFocus();
  },
};

/** The custom-link form, filled in and not yet saved. */
export const CustomLinkFormFilled: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Custom link/ }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://acme.webex.com/meet/studio');
    await userEvent.type(canvas.getByRole('textbox', { name: /Description/ }), 'Join five minutes early.');
    await expect(canvas.getByText('Recognised as Webex')).toBeVisible();
  },
};

export const DisconnectCancelled: Story = {
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const trigger = await canvas.findByRole('button', { name: 'Disconnect' });
    await userEvent.click(trigger);
    await within(document.body).findByRole('alertdialog');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(trigger).toHaveFocus());
    await expect(backendOf(loaded).getSettings('site-studio').defaultAccount?.kind).toBe('zoom');
  },
};

export const SaveFailsKeepsInput: Story = {
  parameters: { sessionLinks: { fail: [['setDefaultCustomLink', 'server']] } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Custom link/ }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/studio');
    await userEvent.type(canvas.getByRole('textbox', { name: /Password/ }), 'p4ss');
    await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Something went wrong on our side. Try again in a moment; what you typed is kept.',
    );
    await expect(canvas.getByRole('textbox', { name: 'Link' })).toHaveValue('https://whereby.com/studio');
    await expect(canvas.getByRole('textbox', { name: /Password/ })).toHaveValue('p4ss');
    // It works once the server does.
    backendOf(loaded).recover();
    await userEvent.click(await findEnabledButton(canvas, 'Connect'));
    await expect(await canvas.findByText('The default account is saved.')).toBeVisible();
    await expect(canvas.getByText('Whereby link')).toBeVisible();
  },
};

export const Conflict: Story = {
  parameters: { sessionLinks: { conflictOnNextWrite: true } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Custom link/ }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/studio');
    await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
    // R20: refused, their value beside yours, and a choice; focus goes to the choice.
    await expect(await canvas.findByRole('heading', { name: 'Changed elsewhere' })).toHaveFocus();
    await expect(canvas.getByRole('alert')).toHaveTextContent('Your change was not saved');
    await expect(within(canvas.getByRole('region', { name: 'Yours (not saved)' })).getByText('https://whereby.com/studio')).toBeVisible();
    await expect(canvas.getByRole('textbox', { name: 'Link' })).toHaveValue('https://whereby.com/studio');
    const keep = canvas.getByRole('button', { name: 'Keep mine' });
    await waitFor(() => expect(keep).toBeEnabled());
    await userEvent.click(keep);
    await expect(await canvas.findByText('Your version will replace theirs when you save.')).toHaveFocus();
    await userEvent.click(await findEnabledButton(canvas, 'Connect'));
    await expect(await canvas.findByText('The default account is saved.')).toBeVisible();
    await expect(backendOf(loaded).getSettings('site-studio').defaultAccount?.kind).toBe('custom');
  },
};

export const KeyboardOnly: Story = {
  name: 'Keyboard only: custom link',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: /Zoom/ });
    await canvas.findByRole('button', { name: /^Microsoft Teams/ });
    await userEvent.tab(); // Zoom
    await userEvent.tab(); // Google Meet
    await userEvent.tab(); // Microsoft Teams
    await userEvent.tab(); // Custom link
    await expect(canvas.getByRole('button', { name: /Custom link/ })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await userEvent.tab(); // from the focused heading to Link
    await expect(canvas.getByRole('textbox', { name: 'Link' })).toHaveFocus();
    await userEvent.keyboard('https://teams.microsoft.com/l/meetup-join/kb');
    await userEvent.tab();
    await userEvent.keyboard('secret');
    await userEvent.keyboard('{Enter}'); // submits the form
    await expect(await canvas.findByText('The default account is saved.')).toBeVisible();
    await expect(canvas.getByText('Microsoft Teams link')).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Default account' })).toHaveFocus());
    await expect(backendOf(loaded).getSettings('site-studio').defaultAccount).toMatchObject({
      kind: 'custom',
      link: { password: 'secret' },
    });
  },
};

export const Dutch: Story = {
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Videoconferentie' })).toBeVisible();
    await expect(await canvas.findByRole('button', { name: /Aangepaste link/ })).toBeVisible();
    // The providers are offered once the server has said which it is set up for (listProviders).
    await userEvent.click(await canvas.findByRole('button', { name: /Zoom/ }));
    await expect(canvas.getByRole('button', { name: 'Doorgaan' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Doorgaan' }));
    await expect(canvas.getByRole('button', { name: 'Koppelen' })).toBeVisible();
  },
};

export const DutchConnected: Story = {
  globals: { locale: 'nl' },
  parameters: { sessionLinks: { scenario: 'custom-default' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Microsoft Teams-link')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Bewerken' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Loskoppelen' })).toBeVisible();
  },
};

export const DarkTheme: Story = {
  globals: { theme: 'dark' },
  parameters: { sessionLinks: { scenario: 'custom-default' } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Microsoft Teams link')).toBeVisible();
  },
};

const notOnBody = () => expect(document.activeElement).not.toBe(document.body);

export const ReplaceDefaultKeyboardOnly: Story = {
  name: 'Keyboard only: replace the custom default, with its impact (R16)',
  parameters: { sessionLinks: { scenario: 'custom-default' } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const body = within(document.body);
    const edit = await canvas.findByRole('button', { name: 'Edit' });
    edit.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(notOnBody);
    const custom = await canvas.findByRole('button', { name: /^Custom link/ });
    while (document.activeElement !== custom) await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    const link = await canvas.findByRole('textbox', { name: 'Link' });
    await waitFor(notOnBody);
    while (document.activeElement !== link) await userEvent.tab();
    await userEvent.keyboard('{Control>}a{/Control}https://meet.google.com/new-link-abc{Enter}');
    const dialog = within(await body.findByRole('alertdialog', { name: 'Replace the default account?' }));
    await expect(await dialog.findByRole('list', { name: 'Sessions' })).toHaveTextContent('gets a different link');
    await notOnBody();
    // Escape cancels: nothing changed, focus back on Connect.
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Connect' })).toHaveFocus());
    await expect(backendOf(loaded).getSettings('site-studio').defaultAccount?.kind).toBe('custom');
    await userEvent.keyboard('{Enter}');
    const again = within(await body.findByRole('alertdialog', { name: 'Replace the default account?' }));
    const replace = again.getByRole('button', { name: 'Replace' });
    await waitFor(() => expect(replace).toBeEnabled());
    while (document.activeElement !== replace) await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByText('The default account is saved.')).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Default account' })).toHaveFocus());
    await expect(backendOf(loaded).getSettings('site-studio').defaultAccount).toMatchObject({
      link: { url: 'https://meet.google.com/new-link-abc' },
    });
  },
};

export const ChangedElsewhere: Story = {
  name: 'Changed elsewhere while editing (R20)',
  parameters: { sessionLinks: { scenario: 'custom-default' } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const backend = backendOf(loaded);
    await userEvent.click(await canvas.findByRole('button', { name: 'Edit' }));
    await userEvent.click(await canvas.findByRole('button', { name: /^Custom link/ }));
    // Someone else saves a new default meanwhile (the two-tab test with a focus refetch is packages/react/test/two-tabs.test.tsx).
    const theirs = backend.getSettings('site-studio', 'owner');
    await backend.call(
      'setDefaultCustomLink',
      { siteId: 'site-studio' },
      { link: { url: 'https://meet.google.com/their-link' }, version: theirs.version },
      'owner',
    );
    const link = canvas.getByRole('textbox', { name: 'Link' });
    link.focus();
    await userEvent.clear(link);
    await userEvent.type(link, 'https://meet.google.com/my-link');
    await userEvent.click(canvas.getByRole('button', { name: 'Connect' }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Replace the default account?' }));
    const replace = dialog.getByRole('button', { name: 'Replace' });
    await waitFor(() => expect(replace).toBeEnabled());
    await userEvent.click(replace);
    // The save carries the version the form was opened from: refused, and both versions shown.
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Changed elsewhere' })).toHaveFocus());
    await expect(
      await within(canvas.getByRole('region', { name: 'Theirs (saved now)' })).findByText('https://meet.google.com/their-link'),
    ).toBeVisible();
    await expect(
      within(canvas.getByRole('region', { name: 'Yours (not saved)' })).getByText('https://meet.google.com/my-link'),
    ).toBeVisible();
    // Their labels are readable: no smaller than the hints around them (a browser's h6 is 9.4 px).
    for (const name of ['Theirs (saved now)', 'Yours (not saved)']) {
      const label = canvas.getByRole('heading', { name });
      await expect(Number.parseFloat(getComputedStyle(label).fontSize)).toBeGreaterThanOrEqual(12);
    }
    await expect(backend.getSettings('site-studio', 'owner').defaultAccount).toMatchObject({
      link: { url: 'https://meet.google.com/their-link' },
    });
    const take = canvas.getByRole('button', { name: 'Take theirs' });
    await waitFor(() => expect(take).toBeEnabled());
    await userEvent.click(take);
    await expect(await canvas.findByText('https://meet.google.com/their-link')).toBeVisible();
    await waitFor(notOnBody);
  },
};

/** A host's own picker: the hook for state, the parts for behaviour, the host's markup and words around them. */
function HostPicker() {
  const picker = useProviderPicker({ headingLevel: 2 });
  return (
    <ProviderPickerRoot value={picker} className="host-card" style={{ padding: 16 }}>
      <ProviderPickerTitle>Online meetings</ProviderPickerTitle>
      <p className="host-status" data-testid="host-status">
        Step: {picker.state}
      </p>
      <ProviderPickerNotice />
      <ProviderPickerGate upgradeHref="#plans">
        <ProviderPickerStep step="choosing">
          <ProviderPickerStepTitle>Pick a provider</ProviderPickerStepTitle>
          <ProviderPickerChoice />
        </ProviderPickerStep>
        <ProviderPickerStep step="connect">
          <ProviderPickerConnect />
        </ProviderPickerStep>
        <ProviderPickerStep step="custom">
          <ProviderPickerStepTitle>Your meeting link</ProviderPickerStepTitle>
          <ProviderPickerCustomForm submitLabel="Use this link" />
        </ProviderPickerStep>
        <ProviderPickerStep step="connected">
          <ProviderPickerAccount />
          <ProviderPickerHealth />
          <div className="sl-actions">
            <ProviderPickerEditButton>Change</ProviderPickerEditButton>
            <ProviderPickerDisconnectButton />
          </div>
        </ProviderPickerStep>
      </ProviderPickerGate>
      <ProviderPickerReplaceDialog />
    </ProviderPickerRoot>
  );
}

/** A custom UI from `useProviderPicker()` and the parts only: connect a custom link as the site default. */
export const CustomUi: Story = {
  render: () => <HostPicker />,
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /Custom link/ }));
    await expect(canvas.getByTestId('host-status')).toHaveTextContent('Step: custom');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://meet.google.com/abc-defg-hij');
    await userEvent.click(canvas.getByRole('button', { name: 'Use this link' }));
    await expect(await canvas.findByText('The default account is saved.')).toBeVisible();
    await expect(canvas.getByText('Google Meet link')).toBeVisible();
    await expect(canvas.getByRole('group', { name: 'Online meetings' })).toHaveAttribute('data-state', 'connected');
    await expect(canvas.getByRole('group', { name: 'Online meetings' })).toHaveAttribute('data-provider', 'custom');
    await waitFor(() => expect(backendOf(loaded).getSettings('site-studio').defaultAccount?.kind).toBe('custom'));
  },
};
