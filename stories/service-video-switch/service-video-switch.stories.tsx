import type { MockBackend } from '@session-links/mocks';
import { ServiceVideoSwitch } from '@session-links/react';
import {
  ServiceVideoSwitchConfirm,
  ServiceVideoSwitchControl,
  ServiceVideoSwitchGate,
  ServiceVideoSwitchNoDefault,
  ServiceVideoSwitchRoot,
  ServiceVideoSwitchStatus,
  ServiceVideoSwitchTitle,
  useServiceVideoSwitch,
} from '@session-links/react/service-video-switch';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';

const meta = {
  title: 'Widgets/ServiceVideoSwitch',
  tags: ['autodocs'],
  component: ServiceVideoSwitch,
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  args: { serviceId: 'yoga' },
} satisfies Meta<typeof ServiceVideoSwitch>;
export default meta;
type Story = StoryObj<typeof meta>;

const backendOf = (loaded: Record<string, unknown>) => loaded.backend as MockBackend;
const sourceOf = async (loaded: Record<string, unknown>, id: string) => {
  const r = (await backendOf(loaded).getSession('site-studio', id, 'owner')).resolution;
  return r.status === 'linked' ? r.source : r.reason;
};
const theSwitch = (canvasElement: HTMLElement) => within(canvasElement).findByRole('switch', { name: /Online sessions/ });

/** A service with online sessions: the switch is on. */
export const On: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await theSwitch(canvasElement)).toHaveAttribute('aria-checked', 'true');
    await expect(canvas.getByRole('heading', { name: 'Video conferencing' })).toBeVisible();
    await expect(canvas.getByText("This service's sessions are online: each session gets a link to join.")).toBeVisible();
    await expect(canvas.getByRole('group', { name: 'Video conferencing' })).toHaveAttribute('data-state', 'on');
    // What the value means sits apart from the switch, not against its track (2 px, seen in a screenshot).
    const track = (await theSwitch(canvasElement)).getBoundingClientRect();
    const meaning = canvas.getByText("This service's sessions are online: each session gets a link to join.").getBoundingClientRect();
    await expect(meaning.top - track.bottom).toBeGreaterThanOrEqual(6);
  },
};

/** A service whose sessions take place on site: the switch is off. */
export const Off: Story = {
  args: { serviceId: 'massage' },
  play: async ({ canvasElement }) => {
    await expect(await theSwitch(canvasElement)).toHaveAttribute('aria-checked', 'false');
    await expect(within(canvasElement).getByText("This service's sessions take place on site: they get no link.")).toBeVisible();
  },
};

export const SwitchOff: Story = {
  name: 'Switch off: the sessions that lose their link and the client to tell, first (R16)',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await theSwitch(canvasElement));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Switch online sessions off?' }));
    await expect(await dialog.findByText('3 upcoming sessions lose their link.')).toBeVisible();
    await expect(dialog.getByText('Eva Mulder <eva@clients.example>')).toBeVisible();
    await expect(await sourceOf(loaded, 'yoga-3')).toBe('default');
    await userEvent.click(dialog.getByRole('button', { name: 'Switch off' }));
    await expect(await canvas.findByText('Online sessions are off: the sessions take place on site.')).toBeVisible();
    // Anna's and Bram's own accounts still host their other services' sessions: not said to stop being used.
    await expect(canvas.queryByText(/Staff whose own accounts stop being used/)).toBeNull();
    await expect(canvas.getByRole('switch', { name: /Online sessions/ })).toHaveAttribute('aria-checked', 'false');
    await expect(await sourceOf(loaded, 'yoga-3')).toBe('OFFLINE');
  },
};

export const SwitchOnWithZoom: Story = {
  name: 'Switch on: its session gets a Zoom meeting, made by the server (R16, R22)',
  args: { serviceId: 'massage' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await theSwitch(canvasElement));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Switch online sessions on?' }));
    await expect(await dialog.findByText(/Sports massage on .* gets a link\./)).toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Switch on' }));
    await expect(await canvas.findByText('Online sessions are on.')).toBeVisible();
    await expect(canvas.getByRole('switch', { name: /Online sessions/ })).toHaveAttribute('aria-checked', 'true');
    await waitFor(async () => expect(await sourceOf(loaded, 'massage-1')).toBe('default'), { timeout: 10_000 });
  },
};

export const CancelKeepsEverything: Story = {
  play: async ({ canvasElement, loaded }) => {
    await userEvent.click(await theSwitch(canvasElement));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(within(document.body).queryByRole('alertdialog')).toBeNull());
    const toggle = await theSwitch(canvasElement);
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await waitFor(() => expect(toggle).toHaveFocus());
    await expect(await sourceOf(loaded, 'yoga-3')).toBe('default');
  },
};

/** R8: no default account. Switching on is allowed, and the widget says its sessions get no link. */
export const NoDefaultAccount: Story = {
  args: { serviceId: 'massage' },
  parameters: { sessionLinks: { scenario: 'no-default' } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/The site has no default account for online sessions yet/)).toBeVisible();
    await userEvent.click(await theSwitch(canvasElement));
    // Nothing gains or loses a link: saved at once, no confirmation.
    await expect(await canvas.findByText('Online sessions are on.')).toBeVisible();
    await expect(canvas.getByText('No upcoming session is affected.')).toBeVisible();
    await expect(await sourceOf(loaded, 'massage-1')).toBe('NO_DEFAULT_ACCOUNT');
  },
};

export const Checking: Story = {
  name: 'Checking the affected sessions',
  play: async ({ canvasElement, loaded }) => {
    const toggle = await theSwitch(canvasElement);
    backendOf(loaded).setLatency(Number.POSITIVE_INFINITY);
    await userEvent.click(toggle);
    await expect(await within(canvasElement).findByText('Checking which sessions are affected…')).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-busy', 'true');
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
  },
};

export const Saving: Story = {
  args: { serviceId: 'massage' },
  parameters: { sessionLinks: { scenario: 'no-default' } },
  play: async ({ canvasElement, loaded }) => {
    const toggle = await theSwitch(canvasElement);
    backendOf(loaded).setLatency(1_500);
    await userEvent.click(toggle);
    await expect(await within(canvasElement).findByText('Saving…', {}, { timeout: 10_000 })).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
  },
};

export const SaveFails: Story = {
  parameters: { sessionLinks: { fail: [['setServiceVideo', 'server']] } },
  play: async ({ canvasElement, loaded }) => {
    await userEvent.click(await theSwitch(canvasElement));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    await userEvent.click(await dialog.findByRole('button', { name: 'Switch off' }));
    await expect(await dialog.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await expect(await theSwitch(canvasElement)).toHaveAttribute('aria-checked', 'true');
    await expect(await sourceOf(loaded, 'yoga-3')).toBe('default');
  },
};

export const Conflict: Story = {
  name: 'Changed elsewhere (R20)',
  args: { serviceId: 'massage' },
  parameters: { sessionLinks: { scenario: 'no-default', conflictOnNextWrite: true } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await theSwitch(canvasElement));
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Changed elsewhere' })).toHaveFocus());
    await expect(canvas.getByRole('switch', { name: /Online sessions/ })).toHaveAttribute('aria-checked', 'false');
    // Keep mine is enabled once their value has been fetched again: a busy machine clicks a disabled button otherwise.
    const keepMine = canvas.getByRole('button', { name: 'Keep mine' });
    await waitFor(() => expect(keepMine).toBeEnabled());
    await userEvent.click(keepMine);
    await userEvent.click(canvas.getByRole('switch', { name: /Online sessions/ }));
    await expect(await canvas.findByText('Online sessions are on.')).toBeVisible();
  },
};

export const NoPermission: Story = {
  parameters: { sessionLinks: { signedInAs: 'anna' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Only the site owner can change this')).toBeVisible();
    await expect(canvas.queryByRole('switch')).toBeNull();
  },
};

export const UpgradeNeeded: Story = {
  args: { upgradeHref: '#plans' },
  parameters: { sessionLinks: { scenario: 'no-plan' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Online sessions are not included in your plan')).toBeVisible();
    await expect(canvas.queryByRole('switch')).toBeNull();
  },
};

export const Loading: Story = {
  parameters: { sessionLinks: { latency: Number.POSITIVE_INFINITY } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent('Loading…');
  },
};

export const ServerError: Story = {
  parameters: { sessionLinks: { fail: [['getServiceVideo', 'server']] } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Something went wrong on our side');
  },
};

export const Dutch: Story = {
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('switch', { name: /Online sessies/ })).toHaveAttribute('aria-checked', 'true');
    await expect(canvas.getByRole('heading', { name: 'Videoconferentie' })).toBeVisible();
    await userEvent.click(canvas.getByRole('switch', { name: /Online sessies/ }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Online sessies uitschakelen?' }));
    await expect(dialog.getByRole('button', { name: 'Uitschakelen' })).toBeVisible();
  },
};

/** A host's own service form: its own section title, the parts in its layout, the value carried into its own data. */
function HostServiceForm({ serviceId }: { serviceId: string }) {
  const video = useServiceVideoSwitch({ serviceId, headingLevel: 2 });
  return (
    <ServiceVideoSwitchRoot value={video} style={{ maxWidth: 480 }}>
      <ServiceVideoSwitchTitle>Locations · Video conferencing</ServiceVideoSwitchTitle>
      <ServiceVideoSwitchGate>
        <ServiceVideoSwitchControl />
        <ServiceVideoSwitchNoDefault />
        <p className="sl-hint">State from the hook: {video.state}</p>
        <ServiceVideoSwitchStatus />
        <ServiceVideoSwitchConfirm />
      </ServiceVideoSwitchGate>
    </ServiceVideoSwitchRoot>
  );
}

export const CustomUi: Story = {
  name: 'Custom UI from the hook and the parts',
  render: (args) => <HostServiceForm serviceId={args.serviceId} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('State from the hook: on')).toBeVisible();
    await expect(canvas.getByRole('group', { name: 'Locations · Video conferencing' })).toHaveAttribute('data-state', 'on');
  },
};
