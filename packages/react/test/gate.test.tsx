import { createClient } from '@session-links/client';
import type { RouteName } from '@session-links/core';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { Gate, GateScope, SessionLinksProvider, useGate } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

configure({ asyncUtilTimeout: 5000 });

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
});

/** A widget made of the gate only: what it shows is what every widget shows before its own UI. */
function Gated({ operation, staffId }: { operation: RouteName; staffId?: string }) {
  const gate = useGate({ operation, subject: { staffId } });
  return (
    <section aria-label={operation} data-state={gate.state}>
      <GateScope gate={gate}>
        <Gate upgradeHref="/billing" className="host-class">
          <p>Ready for {operation}</p>
        </Gate>
      </GateScope>
    </section>
  );
}

function setup(
  scenario: Parameters<typeof setupMockApi>[0],
  signedInAs: string,
  ui: React.ReactNode,
  prepare?: (backend: ReturnType<typeof setupMockApi>['backend']) => void,
) {
  const { backend, server } = setupMockApi(scenario, { baseUrl, signedInAs });
  prepare?.(backend);
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient}>
      {ui}
    </SessionLinksProvider>,
  );
  return backend;
}

describe('the shared gate (R1, R10 through core’s canPerform)', { timeout: 20_000 }, () => {
  it('a staff member: forbidden where core says so, ready for their own account, in every widget alike', async () => {
    setup(
      'zoom-default',
      'anna',
      <>
        <Gated operation="setDefaultCustomLink" />
        <Gated operation="saveTemplate" />
        <Gated operation="setStaffCustomLink" staffId="anna" />
        <Gated operation="setStaffCustomLink" staffId="bram" />
      </>,
    );
    expect(await screen.findByText('Ready for setStaffCustomLink')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'setDefaultCustomLink' })).toHaveAttribute('data-state', 'forbidden');
    expect(screen.getByRole('region', { name: 'saveTemplate' })).toHaveAttribute('data-state', 'forbidden');
    expect(screen.getAllByText('Only the site owner can change this')).toHaveLength(3);
    const forbidden = screen.getAllByText('Only the site owner can change this')[0]?.closest('[data-kind]');
    expect(forbidden).toHaveAttribute('data-state', 'forbidden');
    expect(forbidden).toHaveClass('sl-state', 'host-class');
  });

  it('no plan: the owner sees the upgrade, with the host’s link', async () => {
    setup('no-plan', 'owner', <Gated operation="setDefaultCustomLink" />);
    expect(await screen.findByText('Online sessions are not included in your plan')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See plans' })).toHaveAttribute('href', '/billing');
    expect(screen.queryByText(/^Ready/)).toBeNull();
  });

  it('a failed load shows the error with Retry, which loads again', async () => {
    const backend = setup('zoom-default', 'owner', <Gated operation="setDefaultCustomLink" />, (b) => b.fail('getSettings', 'server'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    backend.switches.failing.clear();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Ready for setDefaultCustomLink')).toBeInTheDocument();
  });

  it('the gate part outside a widget root throws a named error', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const client = createClient({ baseUrl, siteId: MAIN_SITE });
    expect(() =>
      render(
        <SessionLinksProvider client={client}>
          <Gate />
        </SessionLinksProvider>,
      ),
    ).toThrow("Gate must be used inside a widget's Root (e.g. <ProviderPickerRoot>).");
    spy.mockRestore();
  });
});
