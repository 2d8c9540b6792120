import type { MockBackend } from '@session-links/mocks';
import { ProviderPicker } from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { watchPopup } from '../support/popup';
import { findEnabledButton } from '../support/wait';
import { expectFocusSomewhere, press, tabTo } from './support';

/** Keyboard only: the default account's flows, never landing on <body>. */
const meta = {
  title: 'Keyboard/ProviderPicker',
  component: ProviderPicker,
  parameters: { sessionLinks: { scenario: 'no-default' } },
} satisfies Meta<typeof ProviderPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

const backendOf = (loaded: Record<string, unknown>) => loaded.backend as MockBackend;
const body = () => within(document.body);

export const ConnectCustomLink: Story = {
  name: 'Flow: connect a custom link as the default',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: /^Custom link/ });
    await press(/^Custom link/);
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Custom link' })).toHaveFocus());
    await tabTo(/^Link/);
    await userEvent.keyboard('https://meet.google.com/kbd-defa-ult');
    expectFocusSomewhere('typing the link');
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByText('The default account is saved.')).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Default account' })).toHaveFocus());
    expectFocusSomewhere('saved');
    await expect(backendOf(loaded).getSettings('site-studio').defaultAccount?.kind).toBe('custom');
  },
};

export const ConnectZoom: Story = {
  name: 'Flow: connect Zoom as the default (consent in the Zoom window)',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: /^Zoom/ });
    await press(/^Zoom/);
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Zoom' })).toHaveFocus());
    await press('Continue');
    await canvas.findByRole('button', { name: 'Connect' });
    expectFocusSomewhere('Continue');
    const popup = watchPopup();
    try {
      await press('Connect');
      // The consent itself happens in Zoom's window, not in the widget.
      await popup.press('allow');
      await expect(await canvas.findByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeVisible();
      // Back from Zoom's window: on the connected account's heading, as after a custom link.
      await waitFor(() => expect(canvas.getByRole('heading', { name: 'Default account' })).toHaveFocus());
      expectFocusSomewhere('connected');
      await expect(backendOf(loaded).getSettings('site-studio').defaultAccount?.kind).toBe('zoom');
    } finally {
      popup.restore();
    }
  },
};

export const ReplaceDefault: Story = {
  name: 'Flow: replace the default (impact, confirm)',
  parameters: { sessionLinks: { scenario: 'custom-default' } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Edit' });
    await press('Edit');
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Replace the default account' })).toHaveFocus());
    await press(/^Custom link/);
    await tabTo(/^Link/);
    await userEvent.keyboard('{Control>}a{/Control}https://whereby.com/kbd-studio');
    await userEvent.keyboard('{Enter}');
    const dialog = within(await body().findByRole('alertdialog', { name: 'Replace the default account?' }));
    expectFocusSomewhere('the confirm opened');
    await findEnabledButton(dialog, 'Replace');
    await press('Replace');
    await expect(await canvas.findByText('The default account is saved.')).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Default account' })).toHaveFocus());
    expectFocusSomewhere('saved');
    await expect(backendOf(loaded).getSettings('site-studio').defaultAccount).toMatchObject({
      link: { url: 'https://whereby.com/kbd-studio' },
    });
  },
};

export const Disconnect: Story = {
  name: 'Flow: disconnect the default (impact, confirm)',
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Disconnect' });
    await press('Disconnect');
    const dialog = within(await body().findByRole('alertdialog', { name: 'Disconnect the default account?' }));
    expectFocusSomewhere('the confirm opened');
    await expect(await dialog.findByText(/upcoming sessions lose their link/)).toBeVisible();
    await findEnabledButton(dialog, 'Disconnect');
    await press('Disconnect');
    await expect(await canvas.findByText(/The default account is disconnected/)).toBeVisible();
    // Nothing is connected any more: on the choice of what to connect instead.
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'How do clients join online sessions?' })).toHaveFocus());
    expectFocusSomewhere('disconnected');
    await expect(backendOf(loaded).getSettings('site-studio').defaultAccount).toBeNull();
  },
};

export const DisconnectFails: Story = {
  name: 'Failure with the dialog open: focus stays in the dialog',
  parameters: { sessionLinks: { scenario: 'zoom-default', fail: [['disconnectDefault', 'server']] } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Disconnect' });
    await press('Disconnect');
    const dialogElement = await body().findByRole('alertdialog', { name: 'Disconnect the default account?' });
    const dialog = within(dialogElement);
    await findEnabledButton(dialog, 'Disconnect');
    await press('Disconnect');
    await expect(await dialog.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    await waitFor(() => expect(dialog.getByRole('button', { name: 'Disconnect' })).toHaveFocus());
    expectFocusSomewhere('the disconnect failed');
    expect(dialogElement).toContainElement(document.activeElement as HTMLElement);
  },
};
