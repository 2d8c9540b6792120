import type { MockBackend } from '@session-links/mocks';
import { EmailBlockEditor } from '@session-links/react';
import {
  EmailBlockEditorChangedElsewhere,
  EmailBlockEditorEditor,
  EmailBlockEditorGate,
  EmailBlockEditorJoinSection,
  EmailBlockEditorNotice,
  EmailBlockEditorPreview,
  EmailBlockEditorRemoveButton,
  EmailBlockEditorRoot,
  EmailBlockEditorSaveButton,
  EmailBlockEditorTitle,
  useEmailBlockEditor,
} from '@session-links/react/email-block-editor';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { phoneViewport } from '../support/viewport';
import { findEnabledButton } from '../support/wait';

const meta = {
  title: 'Widgets/EmailBlockEditor',
  tags: ['autodocs'],
  component: EmailBlockEditor,
  parameters: { sessionLinks: { scenario: 'custom-default' } },
} satisfies Meta<typeof EmailBlockEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

const backendOf = (loaded: Record<string, unknown>) => loaded.backend as MockBackend;
const storedElements = (loaded: Record<string, unknown>, id: Parameters<MockBackend['getTemplate']>[1]) =>
  backendOf(loaded).getTemplate('site-studio', id, 'owner').joinOnline.elements;
const element = (canvas: ReturnType<typeof within>, name: RegExp) => canvas.findByRole('button', { name });

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: /Booking confirmation/ })).toHaveAttribute('aria-current', 'true');
    await expect(canvas.getAllByText('Join-online section complete')).toHaveLength(5);
    // Chris has no account of his own: his session uses the site default (a Teams link with a password).
    const select = await canvas.findByRole('combobox', { name: 'Preview for session' });
    await waitFor(() => expect(Array.from((select as HTMLSelectElement).options).map((o) => o.value)).toContain('coaching-chris-1'));
    await userEvent.selectOptions(select, 'coaching-chris-1');
    // The preview follows the chosen session once its link has loaded.
    await expect(await element(canvas, /^Heading Join online/)).toBeVisible();
    await expect(await element(canvas, /^Join button and link Join the session: https:\/\/teams\.microsoft\.com/)).toBeVisible();
    await expect(await element(canvas, /^Password line Password: noord-2030/)).toBeVisible();
    await expect(await element(canvas, /^Description line Join from the Teams app/)).toBeVisible();
  },
};

export const RemoveAndSave: Story = {
  name: 'Remove an element, undo, remove, save',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await element(canvas, /^Password line/));
    await expect(canvas.getByRole('button', { name: /^Password line/ })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(canvas.getByRole('button', { name: 'Remove Password line' }));
    await expect(canvas.queryByRole('button', { name: /^Password line/ })).toBeNull();
    await expect(canvas.getByText('Unsaved changes')).toBeVisible();
    await expect(canvasElement.querySelector('pre.sl-email-text')?.textContent).not.toContain('Password: noord-2030');
    await userEvent.click(canvas.getByRole('button', { name: 'Undo' }));
    await expect(await element(canvas, /^Password line/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: /^Password line/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Remove Password line' }));
    await expect(storedElements(loaded, 'booking-confirmation')).toHaveLength(4);
    await userEvent.click(await findEnabledButton(canvas, 'Save and continue'));
    await expect(await canvas.findByText('The e-mail is saved.')).toBeVisible();
    await expect(storedElements(loaded, 'booking-confirmation')).toEqual(['heading', 'join-link', 'description']);
    await expect(await canvas.findByText('Join-online section partly removed')).toBeVisible();
  },
};

export const ClickTheNextElementAfterRemoving: Story = {
  name: 'After a removal, a click on the next element keeps it selected',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await element(canvas, /^Password line/));
    await userEvent.click(canvas.getByRole('button', { name: 'Remove Password line' }));
    // The next element is selected for the next removal; clicking it, as the help article says, keeps it so.
    const description = canvas.getByRole('button', { name: /^Description line/ });
    await expect(description).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(description);
    await expect(description).toHaveAttribute('aria-pressed', 'true');
    await expect(canvas.getByRole('button', { name: 'Remove Description line' })).toBeEnabled();
    // Escape is the way to clear a selection.
    description.focus();
    await userEvent.keyboard('{Escape}');
    await expect(description).toHaveAttribute('aria-pressed', 'false');
  },
};

export const RemoveWholeSectionWithKeyboard: Story = {
  name: 'Keyboard: remove every element, then save',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const heading = await element(canvas, /^Heading Join online/);
    heading.focus();
    await userEvent.keyboard('{Enter}');
    // The selection moves to the next element after each removal.
    for (const name of ['Heading', 'Join button and link', 'Password line', 'Description line']) {
      await userEvent.click(canvas.getByRole('button', { name: `Remove ${name}` }));
    }
    await expect(canvas.getByText('The join-online section is removed from this e-mail: clients get no link.')).toBeVisible();
    await userEvent.click(await findEnabledButton(canvas, 'Save and continue'));
    await expect(await canvas.findByText('The e-mail is saved.')).toBeVisible();
    await expect(storedElements(loaded, 'booking-confirmation')).toEqual([]);
    await expect(await canvas.findByText('Join-online section removed')).toBeVisible();
  },
};

/** No upcoming session has a link: the preview says it shows a sample, with a sample date and link, never "on ." */
export const PreviewWithoutLinkedSession: Story = {
  name: 'Preview when no session has a link: a sample, said so',
  parameters: { sessionLinks: { scenario: 'no-default' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/No upcoming session has a link yet, so this preview shows a sample session/)).toBeVisible();
    const preview = canvas.getByRole('region', { name: /preview/i });
    await expect(preview).toHaveAttribute('data-sample', '');
    const body = preview.querySelector('.sl-email-body')?.textContent ?? '';
    await expect(body).toMatch(/You are booked for Sample session on \S.+\./);
    await expect(body).not.toMatch(/ on \.$/);
    await expect(await element(canvas, /^Join button and link .*sample-session-link/)).toBeVisible();
    await expect(canvas.queryByText(/123456/)).toBeNull();
  },
};

export const ResetToDefault: Story = {
  name: 'Reset to default template',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const backend = backendOf(loaded);
    const template = backend.getTemplate('site-studio', 'session-reminder', 'owner');
    backend.saveTemplate('site-studio', 'session-reminder', { ...template, joinOnline: { elements: ['join-link'] } }, 'owner');
    await userEvent.click(await canvas.findByRole('button', { name: /Session reminder/ }));
    await expect(await canvas.findByText('Session reminder', { selector: 'h4' })).toBeVisible();
    await userEvent.click(await canvas.findByRole('button', { name: 'Reset to default template' }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Reset this e-mail to its default template?' }));
    await userEvent.click(await findEnabledButton(dialog, 'Reset to default template'));
    await expect(await canvas.findByText('The e-mail is back to its default template.')).toBeVisible();
    await expect(storedElements(loaded, 'session-reminder')).toEqual(['heading', 'join-link', 'password', 'description']);
  },
};

export const BulkRemoveAndRestore: Story = {
  name: 'Every e-mail: remove, then restore the section',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Remove the join-online section from every e-mail' }));
    let dialog = within(
      await within(document.body).findByRole('alertdialog', { name: 'Remove the join-online section from every e-mail?' }),
    );
    await expect(dialog.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Booking confirmation',
      'Session reminder',
      'Booking changed',
      'Course changed',
      'Appointment request approved',
    ]);
    await userEvent.click(await findEnabledButton(dialog, 'Apply to all'));
    await expect(await canvas.findByText('5 e-mails changed.')).toBeVisible();
    await waitFor(() => expect(canvas.getAllByText('Join-online section removed')).toHaveLength(5));
    await expect(storedElements(loaded, 'course-changed')).toEqual([]);

    await userEvent.click(canvas.getByRole('button', { name: 'Restore the join-online section in every e-mail' }));
    dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Restore the join-online section in every e-mail?' }));
    await userEvent.click(await findEnabledButton(dialog, 'Apply to all'));
    await waitFor(() => expect(canvas.getAllByText('Join-online section complete')).toHaveLength(5));
    await expect(storedElements(loaded, 'appointment-approved')).toHaveLength(4);
  },
};

export const HostileInput: Story = {
  name: 'Hostile text stays text',
  parameters: { sessionLinks: { scenario: 'hostile-text' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await element(canvas, /^Description line <img src=x onerror=alert\(2\)>/)).toBeVisible();
    await expect(canvas.getByRole('button', { name: /^Password line Password: "><script>alert\(1\)<\/script>/ })).toBeVisible();
    // No element came from user text: no img, no script, no javascript: link anywhere in the widget.
    await expect(canvasElement.querySelectorAll('.sl-email img, .sl-email script, .sl-email a[href^="javascript"]')).toHaveLength(0);
    const frame = canvasElement.querySelector<HTMLIFrameElement>('iframe.sl-email-html');
    await expect(frame?.getAttribute('sandbox')).toBe('');
    await expect(frame?.srcdoc).not.toMatch(/<img|<script|href="javascript:/);
    await expect(frame?.srcdoc).toContain('&lt;img src=x onerror=alert(2)&gt;');
    await userEvent.click(canvas.getByText('Plain-text version'));
    await expect(canvas.getByText(/Password: "><script>alert\(1\)<\/script>/, { selector: 'pre' })).toBeVisible();
  },
};

export const NoPasswordNoLine: Story = {
  name: 'No password: the line is left out',
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // Bram's Google Meet link has a description but no password.
    const select = await canvas.findByRole('combobox', { name: 'Preview for session' });
    await waitFor(() => expect(Array.from((select as HTMLSelectElement).options).map((o) => o.value)).toContain('coaching-bram-1'));
    await userEvent.selectOptions(select, 'coaching-bram-1');
    await expect(await element(canvas, /^Password line \(left out: no value for this session\)/)).toBeVisible();
    await expect(await element(canvas, /^Description line Camera on, please\./)).toBeVisible();
  },
};

export const SaveFailsKeepsEdits: Story = {
  parameters: { sessionLinks: { fail: [['saveTemplate', 'server']] } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await element(canvas, /^Heading Join online/));
    await userEvent.click(canvas.getByRole('button', { name: 'Remove Heading' }));
    await userEvent.click(await findEnabledButton(canvas, 'Save and continue'));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    await expect(canvas.queryByRole('button', { name: /^Heading Join online/ })).toBeNull();
    await expect(canvas.getByText('Unsaved changes')).toBeVisible();
    await expect(storedElements(loaded, 'booking-confirmation')).toHaveLength(4);
  },
};

export const Conflict: Story = {
  parameters: { sessionLinks: { conflictOnNextWrite: true } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await element(canvas, /^Heading Join online/));
    await userEvent.click(canvas.getByRole('button', { name: 'Remove Heading' }));
    await userEvent.click(await findEnabledButton(canvas, 'Save and continue'));
    await expect(await canvas.findByRole('heading', { name: 'Changed elsewhere' })).toHaveFocus();
    await expect(storedElements(loaded, 'booking-confirmation')).toHaveLength(4);
    // Take theirs: the draft goes, their template is shown, focus stays in the widget.
    const take = canvas.getByRole('button', { name: 'Take theirs' });
    await waitFor(() => expect(take).toBeEnabled());
    await userEvent.click(take);
    await expect(await element(canvas, /^Heading Join online/)).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Save and continue' })).toBeDisabled();
    await expect(document.activeElement).not.toBe(document.body);
    await userEvent.click(canvas.getByRole('button', { name: /^Heading Join online/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Remove Heading' }));
    await userEvent.click(await findEnabledButton(canvas, 'Save and continue'));
    await expect(await canvas.findByText('The e-mail is saved.')).toBeVisible();
  },
};

export const NoPermission: Story = {
  parameters: { sessionLinks: { signedInAs: 'anna' } },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('Ask the owner of this site to change the join-online section of the automated e-mails.'),
    ).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { sessionLinks: { latency: Number.POSITIVE_INFINITY } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent('Loading…');
  },
};

export const ServerError: Story = {
  parameters: { sessionLinks: { fail: [['listAutomations', 'server']] } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Something went wrong on our side');
  },
};

/** Dutch on a 320 px phone: the "Editing" badge stays beside "Online deelnemen", the session picker shows the time. */
export const DutchOnAPhone: Story = {
  parameters: { ...phoneViewport.parameters },
  globals: { locale: 'nl', ...phoneViewport.globals },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(window.innerWidth).toBe(320);
    const section = await canvas.findByRole('group', { name: /^Online deelnemen/ });
    const legend = section.querySelector('legend') as HTMLElement;
    const badge = legend.querySelector('.sl-email-badge') as HTMLElement;
    await expect(badge).toHaveTextContent('Bewerken');
    // Beside the name, not alone on a line under it.
    await expect(badge.getBoundingClientRect().left).toBeGreaterThan(legend.getBoundingClientRect().left + 60);
    // A native select shows its start: the day and the time.
    const select = canvas.getByRole('combobox', { name: 'Voorbeeld voor sessie' }) as HTMLSelectElement;
    await expect(select.selectedOptions[0]?.textContent).toMatch(/^\w{2} \d{1,2} \w{3}, \d\d:\d\d · /);
  },
};

export const Dutch: Story = {
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: /Stuur klanten een e-mailbevestiging wanneer ze boeken/ })).toBeVisible();
    await expect(canvas.getByRole('button', { name: /Herinner klanten aan aankomende sessies/ })).toBeVisible();
    await expect(canvas.getByRole('button', { name: /Laat klanten weten dat hun afspraakverzoek goedgekeurd is/ })).toBeVisible();
    await expect(await canvas.findByRole('button', { name: 'Opslaan en doorgaan' })).toBeDisabled();
    await expect(canvas.getByRole('button', { name: 'Resetten naar standaardtemplate' })).toBeVisible();
  },
};

export const ResetWithKeyboard: Story = {
  name: 'Keyboard: reset to default template',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const trigger = await canvas.findByRole('button', { name: 'Reset to default template' });
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await within(document.body).findByRole('alertdialog', { name: 'Reset this e-mail to its default template?' });
    await expect(dialog).toBeVisible();
    // Cancel has the focus first; Escape closes and hands focus back to the button.
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus());
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(within(document.body).queryByRole('alertdialog')).toBeNull());
    await waitFor(() => expect(trigger).toHaveFocus());
  },
};

/**
 * A Dutch site (the host synced it with `locale: 'nl'` and `timeZone: 'Europe/Amsterdam'`): its
 * templates are Dutch, so the preview is what a Dutch client reads — subject, greeting and the
 * "Online deelnemen" section — in a Dutch dashboard.
 */
export const DutchSitePreview: Story = {
  name: 'Dutch site: templates and preview in Dutch',
  globals: { locale: 'nl' },
  parameters: { sessionLinks: { scenario: 'dutch-site' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const select = await canvas.findByRole('combobox', { name: 'Voorbeeld voor sessie' });
    await waitFor(() => expect(Array.from((select as HTMLSelectElement).options).map((o) => o.value)).toContain('coaching-chris-1'));
    await userEvent.selectOptions(select, 'coaching-chris-1');
    await expect(await canvas.findByText(/^Je boeking voor Career coaching is bevestigd$/)).toBeVisible();
    await expect(canvas.getByText(/Hoi Sam Voorbeeld,/, { selector: '.sl-email-body' })).toBeVisible();
    await expect(await element(canvas, /^Kop Online deelnemen/)).toBeVisible();
    // Chris has no account of his own: his session has the studio's Zoom meeting, with its password.
    await expect(await element(canvas, /^Deelnameknop en link Deelnemen aan de sessie: https:\/\//)).toBeVisible();
    await expect(await element(canvas, /^Wachtwoordregel Wachtwoord: /)).toBeVisible();
    await expect(canvasElement.textContent).not.toMatch(/Your booking|Join the session|Hi Sam/);
  },
};

/**
 * The same Dutch site in an English dashboard: the editor speaks the owner's language, the
 * e-mail its clients' (the site's).
 */
export const DutchSiteInEnglishDashboard: Story = {
  name: 'Dutch site in an English dashboard: the e-mail stays Dutch',
  parameters: { sessionLinks: { scenario: 'dutch-site' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: /Booking confirmation/ })).toHaveAttribute('aria-current', 'true');
    await expect(await canvas.findByText(/^Je boeking voor .+ is bevestigd$/)).toBeVisible();
    await expect(await element(canvas, /^Heading Online deelnemen/)).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Reset to default template' })).toBeVisible();
  },
};

/** R1: without a plan that includes online sessions there is no join-online section to edit. */
export const UpgradeNeeded: Story = {
  parameters: { sessionLinks: { scenario: 'no-plan' } },
  args: { upgradeHref: 'https://bookings.example/plans' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Online sessions are not included in your plan')).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'See plans' })).toHaveAttribute('href', 'https://bookings.example/plans');
    await expect(canvas.queryByRole('button', { name: 'Save and continue' })).toBeNull();
    await expect(canvasElement.querySelector('[data-state]')).toHaveAttribute('data-state', 'upgrade');
  },
};

/**
 * A host's own editor from the hook and the parts only: the session reminder alone (no
 * list of automations, no bulk actions), its own Undo built on the hook.
 */
function CustomEmailEditor() {
  const email = useEmailBlockEditor({ defaultAutomationId: 'session-reminder', headingLevel: 2 });
  return (
    <EmailBlockEditorRoot value={email} style={{ maxWidth: 560 }}>
      <EmailBlockEditorTitle>Reminder e-mail</EmailBlockEditorTitle>
      <EmailBlockEditorGate>
        <EmailBlockEditorEditor>
          <EmailBlockEditorNotice />
          <EmailBlockEditorPreview sender="Studio Noord <hello@studio.example>">
            <EmailBlockEditorJoinSection>
              <div className="sl-actions">
                <EmailBlockEditorRemoveButton />
                <button type="button" className="sl-button" disabled={!email.dirty} onClick={email.undo}>
                  Put it back
                </button>
              </div>
            </EmailBlockEditorJoinSection>
          </EmailBlockEditorPreview>
          <EmailBlockEditorChangedElsewhere />
          <EmailBlockEditorSaveButton>Save the reminder</EmailBlockEditorSaveButton>
        </EmailBlockEditorEditor>
      </EmailBlockEditorGate>
    </EmailBlockEditorRoot>
  );
}

export const CustomUi: Story = {
  name: 'Custom UI from the hook and the parts',
  render: () => <CustomEmailEditor />,
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const preview = within(await canvas.findByRole('region', { name: 'Preview' }));
    await expect(preview.getByText('Studio Noord <hello@studio.example>')).toBeVisible();
    await expect(preview.getByText('Sam Sample')).toBeVisible();
    await userEvent.click(await element(canvas, /^Description line/));
    await userEvent.click(canvas.getByRole('button', { name: 'Remove Description line' }));
    await expect(canvas.getByRole('group', { name: 'Reminder e-mail' })).toHaveAttribute('data-dirty', '');
    await userEvent.click(canvas.getByRole('button', { name: 'Put it back' }));
    await expect(await element(canvas, /^Description line/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: /^Description line/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Remove Description line' }));
    await userEvent.click(await findEnabledButton(canvas, 'Save the reminder'));
    await expect(await canvas.findByText('The e-mail is saved.')).toBeVisible();
    await expect(storedElements(loaded, 'session-reminder')).toEqual(['heading', 'join-link', 'password']);
    await expect(storedElements(loaded, 'booking-confirmation')).toHaveLength(4);
  },
};

export const FramedLikeAnEmail: Story = {
  name: 'Preview framed as an e-mail (From, To, Subject)',
  args: { sender: 'Studio Noord <hello@studio.example>' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const preview = within(await canvas.findByRole('region', { name: 'Preview' }));
    await expect(preview.getByText('From')).toBeVisible();
    await expect(preview.getByText('Studio Noord <hello@studio.example>')).toBeVisible();
    await expect(preview.getByText('To')).toBeVisible();
    await expect(preview.getByText('Sam Sample')).toBeVisible();
    await expect(preview.getByText('Subject')).toBeVisible();
    // The join-online section is the marked part, inside the message.
    const section = preview.getByRole('group', { name: 'Join-online section' });
    await expect(section).toHaveAttribute('data-editing', '');
    await expect(within(section).getByText('Editing')).toBeVisible();
  },
};

/** R29: the owner's "Tell clients when their link changes", saved as soon as it is chosen. */
export const NoticePolicy: Story = {
  name: 'Tell clients when their link changes (R29)',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const group = within(await canvas.findByRole('group', { name: 'Tell clients when their link changes' }));
    await expect(group.getByRole('radio', { name: 'Automatically' })).toBeChecked();
    await userEvent.click(group.getByRole('radio', { name: 'Let me review first' }));
    await expect(await group.findByText('Saved.')).toBeVisible();
    await expect(backendOf(loaded).getSettings('site-studio').notices).toBe('review');
    // Keyboard: arrows move between the choices of the one group, and choose.
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(backendOf(loaded).getSettings('site-studio').notices).toBe('off'));
    await expect(group.getByRole('radio', { name: 'Off' })).toBeChecked();
  },
};

/** Someone else changed the settings first: the choice is refused with Reload, and the stored one stays. */
export const NoticePolicyConflict: Story = {
  name: 'Tell clients: changed elsewhere (conflict)',
  parameters: { sessionLinks: { conflictOnNextWrite: true } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const group = within(await canvas.findByRole('group', { name: 'Tell clients when their link changes' }));
    await userEvent.click(group.getByRole('radio', { name: 'Off' }));
    const alert = await group.findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'CONFLICT');
    await expect(group.getByRole('radio', { name: 'Automatically' })).toBeChecked();
    await expect(backendOf(loaded).getSettings('site-studio').notices).toBe('auto');
    await userEvent.click(within(alert).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(group.queryByRole('alert')).toBeNull());
  },
};
