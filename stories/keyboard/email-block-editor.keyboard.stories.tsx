import type { MockBackend } from '@session-links/mocks';
import { EmailBlockEditor } from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { findEnabledButton } from '../support/wait';
import { expectFocusSomewhere, press } from './support';

/** Keyboard only: the join-online section of the automated e-mails, never landing on <body>. */
const meta = {
  title: 'Keyboard/EmailBlockEditor',
  component: EmailBlockEditor,
  parameters: { sessionLinks: { scenario: 'custom-default' } },
} satisfies Meta<typeof EmailBlockEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

const storedElements = (loaded: Record<string, unknown>, id: 'booking-confirmation' | 'session-reminder') =>
  (loaded.backend as MockBackend).getTemplate('site-studio', id).joinOnline.elements;

export const RemoveElementAndSave: Story = {
  name: 'Flow: remove an element of the join-online section and save',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: /^Password line/ });
    await press(/^Password line/);
    await press('Remove Password line');
    // Still on the remove action, now for the element that came after the one removed.
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Remove Description line' })).toHaveFocus());
    expectFocusSomewhere('element removed');
    await findEnabledButton(canvas, 'Save and continue');
    await press('Save and continue');
    await expect(await canvas.findByText('The e-mail is saved.')).toBeVisible();
    // On the heading of the e-mail just saved.
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Booking confirmation' })).toHaveFocus());
    expectFocusSomewhere('saved');
    await expect(storedElements(loaded, 'booking-confirmation')).not.toContain('password');
  },
};

export const ResetToDefault: Story = {
  name: 'Flow: reset an e-mail to its default template (button, confirm)',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: /^Password line/ });
    await press(/^Password line/);
    await press('Remove Password line');
    await findEnabledButton(canvas, 'Save and continue');
    await press('Save and continue');
    await canvas.findByText('The e-mail is saved.');
    await press('Reset to default template');
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Reset this e-mail to its default template?' }));
    expectFocusSomewhere('the confirm opened');
    await findEnabledButton(dialog, 'Reset to default template');
    await press('Reset to default template');
    await expect(await canvas.findByText('The e-mail is back to its default template.')).toBeVisible();
    // Focus returns to the toolbar's button that opened the confirm.
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Reset to default template' })).toHaveFocus());
    expectFocusSomewhere('reset');
  },
};
