import type { MockBackend } from '@session-links/mocks';
import { StaffAccountEditor } from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { watchPopup } from '../support/popup';
import { findEnabledButton } from '../support/wait';
import { expectFocusSomewhere, press, tabTo } from './support';

/** Keyboard only: staff members' own accounts, never landing on <body>. */
const meta = {
  title: 'Keyboard/StaffAccountEditor',
  component: StaffAccountEditor,
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
} satisfies Meta<typeof StaffAccountEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

const accountOf = (loaded: Record<string, unknown>, id: string) =>
  (loaded.backend as MockBackend).listStaff('site-studio', 'owner').find((s) => s.id === id)?.account ?? null;

export const AddCustomLink: Story = {
  name: "Flow: add a staff member's own custom link",
  args: { staffId: 'chris' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Add individual account' });
    await press('Add individual account');
    await press(/^Custom link/);
    await tabTo(/^Link/);
    await userEvent.keyboard('https://whereby.com/kbd-chris');
    expectFocusSomewhere('typing the link');
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByText('The individual account is saved.')).toBeVisible();
    // The form is gone: on the heading of the account just saved.
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Own account' })).toHaveFocus());
    expectFocusSomewhere('saved');
    await expect(accountOf(loaded, 'chris')).toMatchObject({ link: { url: 'https://whereby.com/kbd-chris' } });
  },
};

export const RemoveAccount: Story = {
  name: "Flow: remove a staff member's own account (impact, confirm)",
  args: { staffId: 'anna' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Remove' });
    await press('Remove');
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: "Remove Anna de Vries's individual account?" }));
    expectFocusSomewhere('the confirm opened');
    await expect(await dialog.findByText(/Carla Smit/)).toBeVisible();
    await findEnabledButton(dialog, 'Remove');
    await press('Remove');
    await expect(await canvas.findByText(/Their sessions use the site default again/)).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Add individual account' })).toHaveFocus());
    expectFocusSomewhere('removed');
    await expect(accountOf(loaded, 'anna')).toBeNull();
  },
};

export const ConnectOwnZoom: Story = {
  name: 'Flow: a staff member connects their own Zoom (consent in the Zoom window)',
  args: { staffId: 'chris' },
  parameters: { sessionLinks: { scenario: 'zoom-default', signedInAs: 'chris' } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Add individual account' });
    await press('Add individual account');
    await press(/^Zoom/);
    // Chris is signed in: the widget speaks to him ('your'), never names him to himself.
    await expect(canvas.getByText(/is connected as your Zoom user: sign in with your own account/)).toBeVisible();
    expectFocusSomewhere('Zoom chosen');
    await press('Continue');
    await canvas.findByRole('button', { name: 'Connect' });
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Connect' })).toHaveFocus());
    const popup = watchPopup();
    try {
      await press('Connect');
      // The consent itself happens in Zoom's window, not in the widget.
      await popup.press('allow');
      await expect(await canvas.findByText('Your own account is saved.')).toBeVisible();
      await waitFor(() => expect(canvas.getByRole('heading', { name: 'Your own account' })).toHaveFocus());
      expectFocusSomewhere('connected');
      await waitFor(() => expect(accountOf(loaded, 'chris')).toMatchObject({ kind: 'zoom', user: { email: 'chris@studio.example' } }));
    } finally {
      popup.restore();
    }
  },
};
