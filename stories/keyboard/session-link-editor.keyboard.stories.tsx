import type { MockBackend } from '@session-links/mocks';
import { SessionLinkEditor } from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { findEnabledButton } from '../support/wait';
import { expectFocusSomewhere, press, tabTo } from './support';

/** Keyboard only (Tab, Shift+Tab, Enter, Escape, typing): every flow of the widget, never landing on <body>. */
const meta = {
  title: 'Keyboard/SessionLinkEditor',
  component: SessionLinkEditor,
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  args: { sessionId: 'coaching-bram-1' },
} satisfies Meta<typeof SessionLinkEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

const resolutionOf = async (loaded: Record<string, unknown>, id: string) =>
  (await (loaded.backend as MockBackend).getSession('site-studio', id, 'owner')).resolution;
const body = () => within(document.body);

export const ReplaceWithCustomLink: Story = {
  name: 'Flow: replace a session link (custom), confirming who is told',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Replace the link' });
    await press('Replace the link');
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Replace the link' })).toHaveFocus());
    await press(/^Custom link/);
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Custom link' })).toHaveFocus());
    await tabTo(/^Link/);
    await userEvent.keyboard('https://whereby.com/kb-one-off');
    expectFocusSomewhere('typing the link');
    await userEvent.keyboard('{Enter}');
    const dialog = within(await body().findByRole('alertdialog', { name: 'Replace the link of this session?' }));
    await expect(await dialog.findByText(/Daan Visser/)).toBeVisible();
    expectFocusSomewhere('the confirm opened');
    await findEnabledButton(dialog, 'Replace the link');
    await press('Replace the link');
    await expect(await canvas.findByText('The session link is saved.')).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Replace the link' })).toHaveFocus());
    expectFocusSomewhere('saved');
    await expect(await resolutionOf(loaded, 'coaching-bram-1')).toMatchObject({ link: { guestUrl: 'https://whereby.com/kb-one-off' } });
  },
};

export const AddZoomToOfflineSession: Story = {
  name: 'Flow: add a Zoom meeting to an on-site session',
  args: { sessionId: 'massage-1' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Add a link' });
    await press('Add a link');
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Add a link' })).toHaveFocus());
    await press(/^Zoom meeting/);
    await expect(await canvas.findByText('The session link is saved.')).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Replace the link' })).toHaveFocus());
    expectFocusSomewhere('meeting added');
    // Made by the worker a moment later; the link shows without reopening, and focus stays where it was.
    await expect(await canvas.findByText(/^https:\/\/zoom\.us\/j\//, undefined, { timeout: 10_000 })).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Replace the link' })).toHaveFocus());
    await expect(await resolutionOf(loaded, 'massage-1')).toMatchObject({ source: 'session', link: { type: 'ZOOM' } });
  },
};

export const RemoveThenReset: Story = {
  name: 'Flow: remove a session link (clients named), then the usual link again',
  args: { sessionId: 'coaching-anna-1' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Remove the link' });
    await press('Remove the link');
    const dialog = within(await body().findByRole('alertdialog', { name: 'Remove the link from this session?' }));
    await expect(await dialog.findByText(/Carla Smit/)).toBeVisible();
    expectFocusSomewhere('the confirm opened');
    await findEnabledButton(dialog, 'Remove the link');
    await press('Remove the link');
    // The removal shows at once (optimistic); the notice comes with the backend's answer.
    await expect(await canvas.findByText('The link is removed: this session takes place on site.')).toBeVisible();
    await expect(canvas.getByText('The link was removed from this session.')).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Add a link' })).toHaveFocus());
    expectFocusSomewhere('removed');
    await press('Use the usual link again');
    await expect(await canvas.findByText("Anna de Vries's own Zoom account, instead of the site default.")).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Replace the link' })).toHaveFocus());
    expectFocusSomewhere('reset');
    await expect(await resolutionOf(loaded, 'coaching-anna-1')).toMatchObject({ status: 'linked', source: 'staff' });
  },
};

export const RemoveFailsInDialog: Story = {
  name: 'Failure with the dialog open: focus stays in the dialog, on the action',
  args: { sessionId: 'coaching-anna-1' },
  parameters: { sessionLinks: { fail: [['setSessionLink', 'server']] } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Remove the link' });
    await press('Remove the link');
    const dialogElement = await body().findByRole('alertdialog', { name: 'Remove the link from this session?' });
    const dialog = within(dialogElement);
    await findEnabledButton(dialog, 'Remove the link');
    await press('Remove the link');
    await expect(await dialog.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    await waitFor(() => expect(dialog.getByRole('button', { name: 'Remove the link' })).toHaveFocus());
    expectFocusSomewhere('the removal failed');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Remove the link' })).toHaveFocus());
    expectFocusSomewhere('dialog closed');
    await expect(canvas.getByText("Anna de Vries's own Zoom account, instead of the site default.")).toBeVisible();
  },
};

export const SaveFailsInPanel: Story = {
  name: 'Failure in the panel: focus on the action, next to its error',
  args: { sessionId: 'massage-1' },
  parameters: { sessionLinks: { fail: [['setSessionLink', 'server']] } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Add a link' });
    await press('Add a link');
    await press(/^Zoom meeting/);
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    await waitFor(() => expect(canvas.getByRole('button', { name: /^Zoom meeting/ })).toHaveFocus());
    expectFocusSomewhere('the save failed');
  },
};
