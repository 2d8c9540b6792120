import { PersonalSessionsAction, ProviderPicker, SessionsOverview, StaffAccountEditor } from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';

/**
 * Living in a host's page: dialogs in the host's theme (the provider's `portalContainer`;
 * the story wrapper passes a slot inside its themed layout), layout by the widget's own
 * width (a 320 px sidebar: `parameters.sessionLinks.width`), and right-to-left pages.
 */
const meta = {
  title: 'Embedding/In a host page',
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

const day = 864e5;
const from = new Date(Date.now() - 14 * day).toISOString();
const to = new Date(Date.now() + 90 * day).toISOString();

/** The colour a dark dialog must not have: the light theme's background. */
const WHITE = 'rgb(255, 255, 255)';

export const DarkDialog: Story = {
  name: 'Dark theme: a confirmation opens dark, inside the host layout',
  globals: { theme: 'dark' },
  render: () => <ProviderPicker />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Disconnect' }));
    const dialog = await within(document.body).findByRole('alertdialog', { name: /disconnect/i });
    // Portalled into the story's themed wrapper, so the dark theme reaches it.
    await expect(dialog.closest('[data-sl-theme="dark"]')).not.toBeNull();
    await expect(getComputedStyle(dialog).backgroundColor).not.toBe(WHITE);
    await expect(getComputedStyle(dialog).backgroundColor).toBe(
      getComputedStyle(canvasElement.querySelector('.sl-picker') as Element).backgroundColor,
    );
    await expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
  },
};

export const DarkSelfServiceDialog: Story = {
  name: 'Dark theme: the self-service dialog, one row of actions',
  globals: { theme: 'dark' },
  parameters: { sessionLinks: { signedInAs: 'chris' } },
  render: () => <PersonalSessionsAction />,
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Set up personal online sessions' }));
    const dialog = await within(document.body).findByRole('dialog', { name: 'Set up personal online sessions' });
    await expect(getComputedStyle(dialog).backgroundColor).not.toBe(WHITE);
    await userEvent.click(await within(dialog).findByRole('button', { name: /Custom link/ }));
    const cancel = await within(dialog).findByRole('button', { name: 'Cancel' });
    const close = within(dialog).getByRole('button', { name: 'Close' });
    // "Close" sits in the corner, not in a second row of buttons under "Cancel".
    await expect(close.getBoundingClientRect().bottom).toBeLessThan(cancel.getBoundingClientRect().top);
  },
};

export const OverviewInSidebar: Story = {
  name: 'SessionsOverview in a 320 px sidebar',
  parameters: { sessionLinks: { width: 320 } },
  render: () => <SessionsOverview from={from} to={to} height={420} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('11 sessions');
    const root = canvasElement.querySelector('.sl-overview') as HTMLElement;
    await expect(root.getBoundingClientRect().width).toBeLessThanOrEqual(320);
    const row = canvasElement.querySelector('tbody tr[aria-rowindex="2"]') as HTMLElement;
    const edge = root.getBoundingClientRect().right;
    // Service, time, link and "Edit link" all visible, inside the sidebar, not cut off.
    const [when, service, , link] = Array.from(row.querySelectorAll('td'));
    for (const cell of [when, service]) {
      await expect(cell).toBeVisible();
      await expect(cell?.getBoundingClientRect().width).toBeGreaterThan(40);
    }
    // The time whole, not truncated.
    await expect(when?.scrollWidth).toBeLessThanOrEqual(when?.clientWidth ?? 0);
    // The link as its provider's mark; the name stays in the cell for screen readers.
    await expect(link?.querySelector('.sl-provider-mark')).toBeVisible();
    await expect(link).toHaveTextContent('Zoom');
    const edit = within(row).getByRole('button', { name: /^Edit link of/ });
    await expect(edit).toBeVisible();
    await expect(edit.getBoundingClientRect().right).toBeLessThanOrEqual(edge);
    await userEvent.click(edit);
    await expect(await within(document.body).findByRole('dialog')).toBeVisible();
  },
};

export const PickerInSidebar: Story = {
  name: 'ProviderPicker in a 320 px sidebar',
  parameters: { sessionLinks: { width: 320, scenario: 'no-default' } },
  render: () => <ProviderPicker />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const zoom = await canvas.findByRole('button', { name: /^Zoom/ });
    const custom = canvas.getByRole('button', { name: /^Custom link/ });
    // One column: the choices stack instead of squeezing side by side.
    await expect(custom.getBoundingClientRect().top).toBeGreaterThanOrEqual(zoom.getBoundingClientRect().bottom);
  },
};

export const StaffInSidebar: Story = {
  name: 'StaffAccountEditor in a 320 px sidebar',
  parameters: { sessionLinks: { width: 320 } },
  render: () => <StaffAccountEditor />,
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('heading', { name: 'Anna de Vries' })).toBeVisible();
  },
};

export const RightToLeft: Story = {
  name: 'Right to left (dir="rtl")',
  parameters: { sessionLinks: { dir: 'rtl', scenario: 'custom-default' } },
  render: () => <StaffAccountEditor />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const heading = await canvas.findByRole('heading', { name: 'Anna de Vries' });
    await expect(getComputedStyle(heading).direction).toBe('rtl');
    // The avatar comes first in reading order: on the right of the name.
    const avatar = heading.querySelector('.sl-avatar') as HTMLElement;
    await waitFor(() => expect(avatar.getBoundingClientRect().left).toBeGreaterThan(heading.getBoundingClientRect().left + 40));
  },
};

export const OverviewRightToLeftSidebar: Story = {
  name: 'SessionsOverview, right to left, 320 px',
  parameters: { sessionLinks: { dir: 'rtl', width: 320 } },
  render: () => <SessionsOverview from={from} to={to} height={420} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('11 sessions');
    const row = canvasElement.querySelector('tbody tr[aria-rowindex="2"]') as HTMLElement;
    const edit = within(row).getByRole('button', { name: /^Edit link of/ });
    const service = row.querySelectorAll('td')[1] as HTMLElement;
    // Mirrored: "Edit link" at the row's left end, the service on the right.
    await expect(edit.getBoundingClientRect().right).toBeLessThanOrEqual(service.getBoundingClientRect().left + 1);
  },
};
