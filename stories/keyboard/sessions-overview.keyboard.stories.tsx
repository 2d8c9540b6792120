import type { MockBackend } from '@session-links/mocks';
import { SessionsOverview } from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { expectFocusSomewhere, press } from './support';

const day = 864e5;

/** Keyboard only: editing a session's link from the overview, never landing on <body>. */
const meta = {
  title: 'Keyboard/SessionsOverview',
  component: SessionsOverview,
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  args: { from: new Date(Date.now() - 14 * day).toISOString(), to: new Date(Date.now() + 90 * day).toISOString() },
} satisfies Meta<typeof SessionsOverview>;
export default meta;
type Story = StoryObj<typeof meta>;

export const EditFromOverview: Story = {
  name: 'Flow: edit a session link from the overview; closing returns to its row',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('11 sessions');
    await press(/^Edit link of Sports massage/);
    const dialog = within(await within(document.body).findByRole('dialog'));
    await dialog.findByRole('button', { name: 'Add a link' });
    // The dialog's first control (its header's Close), as every dialog of the widgets.
    await waitFor(() => expect(dialog.getByRole('button', { name: 'Close' })).toHaveFocus());
    expectFocusSomewhere('dialog opened');
    await press('Add a link');
    await press(/^Zoom meeting/);
    await expect(await dialog.findByText('The session link is saved.')).toBeVisible();
    // On the action the session now offers, inside the dialog.
    await waitFor(() => expect(dialog.getByRole('button', { name: 'Replace the link' })).toHaveFocus());
    expectFocusSomewhere('saved');
    // The worker makes the meeting a moment later; the dialog shows its link without reopening.
    await expect(await dialog.findByText(/^https:\/\/zoom\.us\/j\//, undefined, { timeout: 10_000 })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.getByRole('button', { name: /^Edit link of Sports massage/ })).toHaveFocus());
    expectFocusSomewhere('dialog closed');
    await expect((await (loaded.backend as MockBackend).getSession('site-studio', 'massage-1', 'owner')).resolution).toMatchObject({
      status: 'linked',
      source: 'session',
    });
  },
};
