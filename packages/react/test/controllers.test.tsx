import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import {
  PersonalSessionsAction,
  PersonalSessionsActionRoot,
  type ProviderPickerController,
  ProviderPickerRoot,
  ServiceVideoSwitch,
  ServiceVideoSwitchRoot,
  ServiceVideoSwitchTitle,
  SessionLinksProvider,
  StaffAccountEditor,
  StaffAccountEditorRoot,
  StaffAccountName,
  StaffAccountRoot,
  StaffAccountStep,
  StaffAccountStepTitle,
  usePersonalSessionsAction,
  usePersonalSessionsActionContext,
  useProviderPicker,
  useProviderPickerContext,
  useServiceVideoSwitch,
  useStaffAccount,
  useStaffAccountContext,
  useStaffAccountEditor,
  useStaffAccountEditorContext,
} from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';

// Over MSW on a busy 2-core machine: give findBy* room.
configure({ asyncUtilTimeout: 5000 });

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
});

function setup(ui: ReactNode, { signedInAs = 'owner', messages }: { signedInAs?: string; messages?: Record<string, string> } = {}) {
  const { server } = setupMockApi('zoom-default', { baseUrl, signedInAs });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient} messages={messages}>
      {ui}
    </SessionLinksProvider>,
  );
}

// A host's own parts: each reads the strings, and the picker its account flow, from the controller its Root provides.
function PickerLine() {
  const c = useProviderPickerContext('PickerLine');
  return (
    <p>
      {c.t('picker.title')}: {c.flow.account?.kind ?? 'none'}
      {c.flow.saving ? ' (saving)' : ''}
    </p>
  );
}

function Picker() {
  const picker = useProviderPicker();
  return (
    <ProviderPickerRoot value={picker}>
      <PickerLine />
    </ProviderPickerRoot>
  );
}

function StaffListLine() {
  const c = useStaffAccountEditorContext('StaffListLine');
  return <p>{c.t('staff.listTitle')}</p>;
}

function StaffList() {
  const editor = useStaffAccountEditor();
  return (
    <StaffAccountEditorRoot value={editor}>
      <StaffListLine />
    </StaffAccountEditorRoot>
  );
}

function StaffLine() {
  const c = useStaffAccountContext('StaffLine');
  return <p>{c.t('staff.own')}</p>;
}

function StaffAccount({ staffId, headingLevel, children }: { staffId: string; headingLevel?: 2 | 3; children: ReactNode }) {
  const account = useStaffAccount({ staffId, headingLevel });
  return <StaffAccountRoot value={account}>{children}</StaffAccountRoot>;
}

function VideoSwitch() {
  const video = useServiceVideoSwitch({ serviceId: 'yoga', headingLevel: 2 });
  return (
    <ServiceVideoSwitchRoot value={video}>
      <ServiceVideoSwitchTitle />
      <p>{video.state}</p>
    </ServiceVideoSwitchRoot>
  );
}

function PersonalLine() {
  const c = usePersonalSessionsActionContext('PersonalLine');
  return <p>{c.t('personal.action')}</p>;
}

function Personal() {
  const action = usePersonalSessionsAction();
  return (
    <PersonalSessionsActionRoot value={action}>
      <PersonalLine />
    </PersonalSessionsActionRoot>
  );
}

describe('the widgets’ controllers', { timeout: 20_000 }, () => {
  it('every part reads its strings from its controller’s `t`, with the host’s messages on top', async () => {
    setup(
      <>
        <Picker />
        <StaffList />
        <StaffAccount staffId="anna">
          <StaffLine />
        </StaffAccount>
        <Personal />
      </>,
      {
        messages: {
          'picker.title': 'Online meetings',
          'staff.listTitle': 'Team accounts',
          'staff.own': 'Their own link',
          'personal.action': 'My meetings',
        },
      },
    );
    expect(await screen.findByText('Online meetings: zoom')).toBeInTheDocument();
    expect(screen.getByText('Team accounts')).toBeInTheDocument();
    expect(screen.getByText('Their own link')).toBeInTheDocument();
    expect(screen.getByText('My meetings')).toBeInTheDocument();
  });

  it('the picker keeps each value of its account flow in one place: `flow`', () => {
    // Only the heading level is in both, and means two things: the title's, and the flow's steps one below.
    expectTypeOf<Extract<keyof ProviderPickerController, keyof ProviderPickerController['flow']>>().toEqualTypeOf<'headingLevel'>();
  });

  it("useStaffAccount's headingLevel is its top heading's (the name), as in every hook; the steps are one below", async () => {
    setup(
      <StaffAccount staffId="anna" headingLevel={2}>
        <StaffAccountName />
        <StaffAccountStep step="view">
          <StaffAccountStepTitle />
        </StaffAccountStep>
      </StaffAccount>,
    );
    expect(await screen.findByRole('heading', { level: 3, name: 'Own account' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: /Anna de Vries/ })).toBeInTheDocument();
  });

  it("PersonalSessionsAction's headingLevel is its dialog title's; the steps are one below", async () => {
    setup(<PersonalSessionsAction headingLevel={3} />, { signedInAs: 'bram' });
    await userEvent.click(await screen.findByRole('button', { name: 'Set up personal online sessions' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Set up personal online sessions' }));
    expect(dialog.getByRole('heading', { level: 3, name: 'Set up personal online sessions' })).toBeInTheDocument();
    expect(await dialog.findByRole('heading', { level: 4, name: 'Your own account' })).toBeInTheDocument();
  });

  it('the staff list keeps its outline: title 3, names 4, steps 5', async () => {
    setup(<StaffAccountEditor />);
    const list = within(await screen.findByRole('group', { name: 'Online session accounts of staff' }));
    expect(list.getByRole('heading', { level: 3, name: 'Online session accounts of staff' })).toBeInTheDocument();
    const anna = within(await list.findByRole('listitem', { name: /Anna de Vries/ }));
    expect(anna.getByRole('heading', { level: 4, name: /Anna de Vries/ })).toBeInTheDocument();
    expect(await anna.findByRole('heading', { level: 5, name: 'Own account' })).toBeInTheDocument();
  });

  it('the personal dialog keeps its outline: title 2, steps 3', async () => {
    setup(<PersonalSessionsAction />, { signedInAs: 'bram' });
    await userEvent.click(await screen.findByRole('button', { name: 'Set up personal online sessions' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Set up personal online sessions' }));
    expect(dialog.getByRole('heading', { level: 2, name: 'Set up personal online sessions' })).toBeInTheDocument();
    expect(await dialog.findByRole('heading', { level: 3, name: 'Your own account' })).toBeInTheDocument();
  });

  it("useServiceVideoSwitch takes its service in the options, as every hook its id, and its title's level from headingLevel", async () => {
    setup(<VideoSwitch />);
    expect(await screen.findByText('on')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Video conferencing' })).toBeInTheDocument();
  });

  it('ServiceVideoSwitch keeps its headingLevel prop, now passed to its hook: the title is at that level', async () => {
    setup(<ServiceVideoSwitch serviceId="yoga" headingLevel={4} />);
    expect(await screen.findByRole('switch', { name: /Online sessions/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 4, name: 'Video conferencing' })).toBeInTheDocument();
  });
});
