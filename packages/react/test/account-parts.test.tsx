import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import {
  ProviderPickerAccount,
  ProviderPickerGate,
  ProviderPickerRoot,
  type ProviderPickerRootProps,
  ProviderPickerStep,
  ProviderPickerTitle,
  SessionLinksProvider,
  StaffAccountName,
  StaffAccountRoot,
  StaffAccountStep,
  StaffAccountSummary,
  useProviderPicker,
  useStaffAccount,
} from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, screen } from '@testing-library/react';
import { createRef, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

configure({ asyncUtilTimeout: 5000 });

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
});

// Every Root takes its hook's value: the host calls the hook.
function Picker(props: Omit<ProviderPickerRootProps, 'value'>) {
  const picker = useProviderPicker();
  return <ProviderPickerRoot {...props} value={picker} />;
}

function StaffAccount({ staffId, children }: { staffId: string; children: ReactNode }) {
  const account = useStaffAccount({ staffId });
  return <StaffAccountRoot value={account}>{children}</StaffAccountRoot>;
}

function setup(ui: ReactNode, signedInAs = 'owner') {
  const { server } = setupMockApi('zoom-default', { baseUrl, signedInAs });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient}>
      {ui}
    </SessionLinksProvider>,
  );
}

describe('parts of the ProviderPicker and the staff widgets', { timeout: 20_000 }, () => {
  it('a part outside its Root throws a named error', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const client = createClient({ baseUrl, siteId: MAIN_SITE });
    expect(() =>
      render(
        <SessionLinksProvider client={client}>
          <ProviderPickerTitle />
        </SessionLinksProvider>,
      ),
    ).toThrow('ProviderPickerTitle must be used inside <ProviderPickerRoot>.');
    expect(() =>
      render(
        <SessionLinksProvider client={client}>
          <StaffAccountName />
        </SessionLinksProvider>,
      ),
    ).toThrow('StaffAccountName must be used inside <StaffAccountRoot>.');
    spy.mockRestore();
  });

  it('parts take a ref, merge className, pass props, and show state as data attributes', async () => {
    const root = createRef<HTMLDivElement>();
    const account = createRef<HTMLDivElement>();
    setup(
      <Picker ref={root} className="host-root" data-host="yes">
        <ProviderPickerTitle className="host-title">Meetings</ProviderPickerTitle>
        <ProviderPickerGate>
          <ProviderPickerStep step="connected" className="host-step">
            <ProviderPickerAccount ref={account} className="host-account" />
          </ProviderPickerStep>
        </ProviderPickerGate>
      </Picker>,
    );
    const group = screen.getByRole('group', { name: 'Meetings' });
    expect(group).toBe(root.current);
    expect(group).toHaveClass('sl-root', 'sl-picker', 'host-root');
    expect(group).toHaveAttribute('data-host', 'yes');
    expect(screen.getByRole('heading', { name: 'Meetings' })).toHaveClass('sl-title', 'host-title');
    expect(await screen.findByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeInTheDocument();
    expect(group).toHaveAttribute('data-state', 'connected');
    expect(group).toHaveAttribute('data-provider', 'zoom');
    expect(group).toHaveAttribute('data-health', 'connected');
    expect(account.current).toHaveClass('sl-account', 'host-account');
    expect(account.current).toHaveAttribute('data-provider', 'zoom');
    expect(account.current?.closest('[data-state="connected"]')).toHaveClass('sl-panel', 'host-step');
  });

  it('the same staff member gets the same gate state in the picker and in their own account', async () => {
    setup(
      <>
        <Picker>
          <ProviderPickerTitle />
          <ProviderPickerGate />
        </Picker>
        <StaffAccount staffId="anna">
          <StaffAccountName />
          <StaffAccountStep step="view">
            <StaffAccountSummary />
          </StaffAccountStep>
        </StaffAccount>
        <StaffAccount staffId="bram">
          <StaffAccountName />
          <StaffAccountStep step="view">
            <StaffAccountSummary />
          </StaffAccountStep>
        </StaffAccount>
      </>,
      'anna',
    );
    // Anna may manage her own account, not the default (R10, core's canPerform).
    expect(await screen.findByText('Zoom account of Anna de Vries (anna@studio.example)')).toBeInTheDocument();
    expect(await screen.findByText('Only the site owner can change this')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Video conferencing' })).toHaveAttribute('data-state', 'forbidden');
    expect(screen.queryByText(/Google Meet/)).toBeNull();
  });
});
