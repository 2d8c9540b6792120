import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { MockBackend } from '@session-links/mocks';
import { PersonalSessionsAction, PersonalSessionsActionTrigger } from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { watchPopup } from '../support/popup';
import { expectFocusSomewhere, press, tabTo } from './support';

/** Keyboard only: a staff member's self-service from a host's menu, never landing on <body>. */
const meta = {
  title: 'Keyboard/PersonalSessionsAction',
  component: PersonalSessionsAction,
  parameters: { sessionLinks: { scenario: 'zoom-default', signedInAs: 'chris' } },
} satisfies Meta<typeof PersonalSessionsAction>;
export default meta;
type Story = StoryObj<typeof meta>;

const accountOf = (loaded: Record<string, unknown>, id: string) =>
  (loaded.backend as MockBackend).listStaff('site-studio', 'owner').find((s) => s.id === id)?.account ?? null;

/** A host calendar's "More actions" menu (Radix DropdownMenu, the WAI-ARIA menu button pattern). */
function HostMenu() {
  return (
    <PersonalSessionsAction>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className="sl-button">More actions</DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content style={{ background: '#fff', border: '1px solid #c9cfdb', padding: 4 }}>
            <DropdownMenu.Item>Print calendar</DropdownMenu.Item>
            <PersonalSessionsActionTrigger asChild>
              <DropdownMenu.Item>Set up personal online sessions</DropdownMenu.Item>
            </PersonalSessionsActionTrigger>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
    </PersonalSessionsAction>
  );
}

export const FromHostMenu: Story = {
  name: 'Flow: set up personal sessions from a host menu; closing returns to the menu button',
  render: () => <HostMenu />,
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'More actions' });
    await press('More actions');
    const menu = within(await within(document.body).findByRole('menu'));
    await menu.findByRole('menuitem', { name: 'Set up personal online sessions' });
    // The menu button pattern: the menu opens on its first item.
    await waitFor(() => expect(menu.getByRole('menuitem', { name: 'Print calendar' })).toHaveFocus());
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(menu.getByRole('menuitem', { name: 'Set up personal online sessions' })).toHaveFocus());
    await userEvent.keyboard('{Enter}');
    const dialog = within(await within(document.body).findByRole('dialog', { name: 'Set up personal online sessions' }));
    await dialog.findByRole('button', { name: /^Custom link/ });
    // Once the dialog has loaded: on the heading of its first step.
    await waitFor(() => expect(dialog.getByRole('heading', { name: 'How do clients join online sessions?' })).toHaveFocus());
    expectFocusSomewhere('dialog opened');
    await press(/^Custom link/);
    await tabTo(/^Link/);
    await userEvent.keyboard('https://whereby.com/kbd-chris-menu');
    await userEvent.keyboard('{Enter}');
    await expect(await dialog.findByText('Your own account is saved.')).toBeVisible();
    await waitFor(() => expect(dialog.getByRole('heading', { name: 'Your own account' })).toHaveFocus());
    expectFocusSomewhere('saved');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.getByRole('button', { name: 'More actions' })).toHaveFocus());
    expectFocusSomewhere('dialog closed');
    await expect(accountOf(loaded, 'chris')).toMatchObject({ link: { url: 'https://whereby.com/kbd-chris-menu' } });
  },
};

export const ConnectOwnZoom: Story = {
  name: 'Flow: a staff member connects their own Zoom (consent in the Zoom window); closing returns to the action',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Set up personal online sessions' });
    await press('Set up personal online sessions');
    const dialog = within(await within(document.body).findByRole('dialog', { name: 'Set up personal online sessions' }));
    await dialog.findByRole('button', { name: /^Zoom/ });
    await waitFor(() => expect(dialog.getByRole('heading', { name: 'How do clients join online sessions?' })).toHaveFocus());
    await press(/^Zoom/);
    await waitFor(() => expect(dialog.getByRole('heading', { name: 'Zoom' })).toHaveFocus());
    await press('Continue');
    await dialog.findByRole('button', { name: 'Connect' });
    await waitFor(() => expect(dialog.getByRole('button', { name: 'Connect' })).toHaveFocus());
    const popup = watchPopup();
    try {
      await press('Connect');
      // The consent itself happens in Zoom's window, not in the widget.
      await popup.press('allow');
      await expect(await dialog.findByText('Your own account is saved.')).toBeVisible();
      await waitFor(() => expect(dialog.getByRole('heading', { name: 'Your own account' })).toHaveFocus());
      expectFocusSomewhere('connected');
      await waitFor(() => expect(accountOf(loaded, 'chris')).toMatchObject({ kind: 'zoom', user: { email: 'chris@studio.example' } }));
    } finally {
      popup.restore();
    }
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Set up personal online sessions' })).toHaveFocus());
    expectFocusSomewhere('dialog closed');
  },
};
