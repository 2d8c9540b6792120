import type { MockBackend } from '@session-links/mocks';
import { CourseLinkEditor } from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { findEnabledButton } from '../support/wait';
import { expectFocusSomewhere, press, tabTo } from './support';

/** Keyboard only: a course's own link, never landing on <body>. */
const meta = {
  title: 'Keyboard/CourseLinkEditor',
  component: CourseLinkEditor,
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  args: { serviceId: 'pottery' },
} satisfies Meta<typeof CourseLinkEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SetCourseLink: Story = {
  name: 'Flow: set a course link (impact, confirm, who to tell)',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Set a course link' });
    await press('Set a course link');
    await tabTo(/^Link/);
    await userEvent.keyboard('https://whereby.com/kbd-pottery');
    expectFocusSomewhere('typing the link');
    await press('Review the change');
    const dialog = within(
      await within(document.body).findByRole('alertdialog', { name: 'Change the link of every session of this course?' }),
    );
    expectFocusSomewhere('the confirm opened');
    await expect(await dialog.findByText('1 past and 2 upcoming sessions change.')).toBeVisible();
    await findEnabledButton(dialog, 'Change the link');
    await press('Change the link');
    await expect(await canvas.findByText('The course link is saved. 3 sessions changed.')).toBeVisible();
    // The confirm is gone: on the course's own action, which now edits the link just saved.
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Edit the course link' })).toHaveFocus());
    expectFocusSomewhere('saved');
    await expect((loaded.backend as MockBackend).getCourseLink('site-studio', 'pottery', 'owner').courseLink.link?.url).toBe(
      'https://whereby.com/kbd-pottery',
    );
  },
};

export const SetCourseLinkSlowBackend: Story = {
  name: 'Flow: set a course link, slow backend (focus lands on the page as the confirm closes)',
  // Every answer 400 ms late: the confirm is still open when the saved step moves focus,
  // so a dialog that kept the page inert a moment too long left focus on <body>.
  parameters: { sessionLinks: { scenario: 'zoom-default', latency: 400 } },
  play: SetCourseLink.play,
};

export const UseSiteDefault: Story = {
  name: 'Flow: a course link, then "use the site default" again (impact, confirm)',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const body = within(document.body);
    const courseLink = () => (loaded.backend as MockBackend).getCourseLink('site-studio', 'pottery', 'owner').courseLink.link;
    await canvas.findByRole('button', { name: 'Set a course link' });
    await press('Set a course link');
    await tabTo(/^Link/);
    await userEvent.keyboard('https://whereby.com/kbd-pottery-default');
    await press('Review the change');
    const first = within(await body.findByRole('alertdialog', { name: 'Change the link of every session of this course?' }));
    await findEnabledButton(first, 'Change the link');
    await press('Change the link');
    await expect(await canvas.findByText('The course link is saved. 3 sessions changed.')).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Edit the course link' })).toHaveFocus());
    await waitFor(() => expect(courseLink()?.url).toBe('https://whereby.com/kbd-pottery-default'));

    await press('Use the site default');
    const dialog = within(await body.findByRole('alertdialog', { name: 'Change the link of every session of this course?' }));
    expectFocusSomewhere('the confirm opened');
    await expect(await dialog.findByText('1 past and 2 upcoming sessions change.')).toBeVisible();
    await findEnabledButton(dialog, 'Change the link');
    await press('Change the link');
    await expect(await canvas.findByText("All sessions of this course use the site default's link.")).toBeVisible();
    // No course link any more: on the action that sets one.
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Set a course link' })).toHaveFocus());
    expectFocusSomewhere('back to the site default');
    await waitFor(() => expect(courseLink()).toBeNull());
  },
};
