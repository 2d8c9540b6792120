import type { MockBackend } from '@session-links/mocks';
import { CourseLinkEditor } from '@session-links/react';
import {
  CourseLinkEditorConfirm,
  CourseLinkEditorCurrent,
  CourseLinkEditorEditButton,
  CourseLinkEditorForm,
  CourseLinkEditorGate,
  CourseLinkEditorResult,
  CourseLinkEditorRoot,
  CourseLinkEditorTitle,
  useCourseLinkEditor,
} from '@session-links/react/course-link-editor';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';

const meta = {
  title: 'Widgets/CourseLinkEditor',
  tags: ['autodocs'],
  component: CourseLinkEditor,
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  args: { serviceId: 'pottery' },
} satisfies Meta<typeof CourseLinkEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Confirm is enabled once the impact is known (R16): wait for it, or a busy machine clicks a disabled button. */
async function enabled(button: Promise<HTMLElement> | HTMLElement): Promise<HTMLElement> {
  const b = await button;
  await waitFor(() => expect(b).toBeEnabled());
  return b;
}

const backendOf = (loaded: Record<string, unknown>) => loaded.backend as MockBackend;
const sourceOf = async (loaded: Record<string, unknown>, id: string) => {
  const r = (await backendOf(loaded).getSession('site-studio', id, 'owner')).resolution;
  return r.status === 'linked' ? `${r.source} ${r.link.guestUrl}` : r.reason;
};

export const UsesSiteDefault: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("All sessions of this course use the site default's link.")).toBeVisible();
    await expect(canvas.getByText('3 saved sessions')).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Course link: Pottery for beginners' })).toBeVisible();
  },
};

/** No site default: the course's sessions have no link, and the editor says so instead of "uses the site default". */
export const NoSiteDefault: Story = {
  parameters: { sessionLinks: { scenario: 'no-default' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/the site has no default account/)).toBeVisible();
    await expect(canvas.queryByText("All sessions of this course use the site default's link.")).toBeNull();
  },
};

export const SetLinkAndTellClients: Story = {
  name: 'Set a link: confirm, then tell booked clients (R6)',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Set a course link' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/pottery');
    await userEvent.click(canvas.getByRole('button', { name: 'Review the change' }));
    const dialog = within(
      await within(document.body).findByRole('alertdialog', { name: 'Change the link of every session of this course?' }),
    );
    await expect(await dialog.findByText('1 past and 2 upcoming sessions change.')).toBeVisible();
    await expect(dialog.getByText('2 booked clients hold the old link:')).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: 'Tell them now' })).toBeChecked();
    await expect(dialog.getByText('Carla Smit <carla@clients.example>')).toBeVisible();
    await expect(await sourceOf(loaded, 'pottery-3')).toMatch(/^default /);
    await userEvent.click(await enabled(dialog.getByRole('button', { name: 'Change the link' })));
    await expect(await canvas.findByText('The course link is saved. 3 sessions changed.')).toBeVisible();
    // R29: ticked by default ("automatically"), so the two are being told, then told.
    await expect(await canvas.findByText(/^(Telling 2 booked clients…|Told 2 of 2 booked clients)$/)).toBeVisible();
    await expect(canvas.getByText('https://whereby.com/pottery')).toBeVisible();
    await expect(await sourceOf(loaded, 'pottery-1')).toBe('course https://whereby.com/pottery');
    await expect(await sourceOf(loaded, 'pottery-3')).toBe('course https://whereby.com/pottery');
  },
};

export const CopyClientAddresses: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    await userEvent.click(await canvas.findByRole('button', { name: 'Set a course link' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/pottery');
    await userEvent.click(canvas.getByRole('button', { name: 'Review the change' }));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    await userEvent.click(await enabled(dialog.findByRole('button', { name: 'Change the link' })));
    await userEvent.click(await canvas.findByRole('button', { name: 'Copy e-mail addresses' }));
    await expect(await canvas.findByText('E-mail addresses copied.')).toBeVisible();
    await expect(copied).toEqual(['Carla Smit <carla@clients.example>, Finn de Boer <finn@clients.example>']);
  },
};

export const CancelKeepsEverything: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Set a course link' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/pottery');
    await userEvent.click(canvas.getByRole('button', { name: 'Review the change' }));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    await userEvent.click(await dialog.findByRole('button', { name: 'Cancel' }));
    await expect(await canvas.findByRole('textbox', { name: 'Link' })).toHaveValue('https://whereby.com/pottery');
    await expect(backendOf(loaded).requests).not.toContain('setCourseLink');
  },
};

export const BlockedWithoutSessions: Story = {
  name: 'Blocked: no saved session yet (R5)',
  parameters: { sessionLinks: { scenario: 'course-without-sessions' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Save at least one session of this course before you give it a link of its own.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Set a course link' })).toBeDisabled();
  },
};

export const NoPermission: Story = {
  parameters: { sessionLinks: { signedInAs: 'anna' } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Only the site owner can change this')).toBeVisible();
  },
};

export const UpgradeNeeded: Story = {
  parameters: { sessionLinks: { scenario: 'no-plan' } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Online sessions are not included in your plan')).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { sessionLinks: { latency: Number.POSITIVE_INFINITY } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent('Loading…');
  },
};

export const ServerError: Story = {
  parameters: { sessionLinks: { fail: [['getCourseLink', 'server']] } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Something went wrong on our side');
  },
};

export const SaveFails: Story = {
  parameters: { sessionLinks: { fail: [['setCourseLink', 'server']] } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Set a course link' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/pottery');
    await userEvent.click(canvas.getByRole('button', { name: 'Review the change' }));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    await userEvent.click(await enabled(dialog.findByRole('button', { name: 'Change the link' })));
    await expect(await dialog.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await expect(await canvas.findByRole('textbox', { name: 'Link' })).toHaveValue('https://whereby.com/pottery');
  },
};

export const Conflict: Story = {
  parameters: { sessionLinks: { conflictOnNextWrite: true } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Set a course link' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/pottery');
    await userEvent.click(canvas.getByRole('button', { name: 'Review the change' }));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    await userEvent.click(await enabled(dialog.findByRole('button', { name: 'Change the link' })));
    // R20: the dialog closes onto their link beside yours, and focus goes there.
    await waitFor(() => expect(within(document.body).queryByRole('alertdialog')).toBeNull());
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Changed elsewhere' })).toHaveFocus());
    await expect(canvas.getByRole('textbox', { name: 'Link' })).toHaveValue('https://whereby.com/pottery');
    await userEvent.click(await enabled(canvas.getByRole('button', { name: 'Keep mine' })));
    await userEvent.click(canvas.getByRole('button', { name: 'Review the change' }));
    const again = within(await within(document.body).findByRole('alertdialog'));
    await userEvent.click(await enabled(again.findByRole('button', { name: 'Change the link' })));
    await expect(await canvas.findByText(/The course link is saved/)).toBeVisible();
  },
};

export const ClearToDefault: Story = {
  name: 'Set, then back to the site default',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Set a course link' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/pottery');
    await userEvent.click(canvas.getByRole('button', { name: 'Review the change' }));
    await userEvent.click(
      await enabled(within(await within(document.body).findByRole('alertdialog')).findByRole('button', { name: 'Change the link' })),
    );
    await userEvent.click(await canvas.findByRole('button', { name: 'Use the site default' }));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    await expect(await dialog.findByText('1 past and 2 upcoming sessions change.')).toBeVisible();
    await userEvent.click(await enabled(dialog.getByRole('button', { name: 'Change the link' })));
    await expect(await canvas.findByText("All sessions of this course use the site default's link.")).toBeVisible();
    await expect(await sourceOf(loaded, 'pottery-3')).toMatch(/^default /);
  },
};

export const Dutch: Story = {
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Alle sessies van deze cursus gebruiken de link van het standaardaccount.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Cursuslink instellen' })).toBeVisible();
  },
};

/** A host's own layout from the hook and the parts only: its own title and wording, no "Use the site default". */
function CustomCourseLink({ serviceId }: { serviceId: string }) {
  const course = useCourseLinkEditor({ serviceId, headingLevel: 2 });
  return (
    <CourseLinkEditorRoot value={course} className="host-course-card" style={{ maxWidth: 420 }}>
      <CourseLinkEditorTitle>Where clients join {course.service?.name ?? 'this course'}</CourseLinkEditorTitle>
      <CourseLinkEditorGate>
        <CourseLinkEditorResult />
        <CourseLinkEditorCurrent>
          <p className="sl-hint">State from the hook: {course.state}</p>
          <CourseLinkEditorEditButton>{course.link ? 'Change the room' : 'Give this course its own room'}</CourseLinkEditorEditButton>
        </CourseLinkEditorCurrent>
        <CourseLinkEditorForm />
        <CourseLinkEditorConfirm />
      </CourseLinkEditorGate>
    </CourseLinkEditorRoot>
  );
}

export const CustomUi: Story = {
  name: 'Custom UI from the hook and the parts',
  render: (args) => <CustomCourseLink serviceId={args.serviceId} />,
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Where clients join Pottery for beginners' })).toBeVisible();
    // The heading can show while the course link still loads: wait for the state the hook reports.
    await expect(await canvas.findByText('State from the hook: view')).toBeVisible();
    await expect(canvas.getByRole('group', { name: 'Where clients join Pottery for beginners' })).toHaveAttribute('data-state', 'view');
    await userEvent.click(canvas.getByRole('button', { name: 'Give this course its own room' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Link' }), 'https://whereby.com/pottery');
    await userEvent.click(canvas.getByRole('button', { name: 'Review the change' }));
    const dialog = within(await within(document.body).findByRole('alertdialog'));
    await expect(await dialog.findByText('1 past and 2 upcoming sessions change.')).toBeVisible();
    await userEvent.click(await enabled(dialog.getByRole('button', { name: 'Change the link' })));
    await expect(await canvas.findByText('The course link is saved. 3 sessions changed.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Change the room' })).toBeVisible();
    await expect(canvas.getByRole('group')).toHaveAttribute('data-has-link', '');
    await expect(await sourceOf(loaded, 'pottery-1')).toBe('course https://whereby.com/pottery');
  },
};
