import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { SessionLinksProvider } from '@session-links/react';
import { ServiceVideoSwitch } from '@session-links/react/service-video-switch';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
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

function setup(scenario: Parameters<typeof setupMockApi>[0], signedInAs: string, serviceId: string, props = {}) {
  const { backend, server } = setupMockApi(scenario, { baseUrl, signedInAs });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient}>
      <ServiceVideoSwitch serviceId={serviceId} {...props} />
    </SessionLinksProvider>,
  );
  return backend;
}

const stored = async (backend: ReturnType<typeof setupMockApi>['backend'], sessionId: string) => {
  const r = (await backend.getSession(MAIN_SITE, sessionId, 'owner')).resolution;
  return r.status === 'linked' ? r.source : r.reason;
};

describe("ServiceVideoSwitch: a service's online sessions on or off (R1, R8, R16)", { timeout: 20_000 }, () => {
  it('switching off shows the sessions that lose their link and the booked client first, then saves', async () => {
    const onValueChange = vi.fn();
    const backend = setup('zoom-default', 'owner', 'yoga', { onValueChange });
    const toggle = await screen.findByRole('switch', { name: /Online sessions/ });
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    await userEvent.click(toggle);
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Switch online sessions off?' }));
    expect(await dialog.findByText('3 upcoming sessions lose their link.')).toBeVisible();
    expect(dialog.getByText('Eva Mulder <eva@clients.example>')).toBeVisible();
    // Nothing is saved before the confirmation.
    expect(await stored(backend, 'yoga-3')).toBe('default');
    await userEvent.click(dialog.getByRole('button', { name: 'Switch off' }));
    expect(await screen.findByText('Online sessions are off: the sessions take place on site.')).toBeVisible();
    expect(screen.getByRole('switch', { name: /Online sessions/ })).toHaveAttribute('aria-checked', 'false');
    expect(await stored(backend, 'yoga-3')).toBe('OFFLINE');
    expect(onValueChange).toHaveBeenCalledWith(false);
  });

  it('cancelling the confirmation changes nothing and the switch shows the service as it is', async () => {
    const backend = setup('zoom-default', 'owner', 'yoga');
    await userEvent.click(await screen.findByRole('switch', { name: /Online sessions/ }));
    const dialog = within(await screen.findByRole('alertdialog'));
    expect(screen.getByRole('switch', { name: /Online sessions/ })).toHaveAttribute('aria-checked', 'false');
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.getByRole('switch', { name: /Online sessions/ })).toHaveAttribute('aria-checked', 'true');
    expect(await stored(backend, 'yoga-3')).toBe('default');
  });

  it('R8: without a default account, says online sessions get no link; switching on affects no link, so it saves at once', async () => {
    const backend = setup('no-default', 'owner', 'massage');
    const toggle = await screen.findByRole('switch', { name: /Online sessions/ });
    expect(screen.getByText(/The site has no default account for online sessions yet/)).toBeVisible();
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    await userEvent.click(toggle);
    expect(await screen.findByText('Online sessions are on.')).toBeVisible();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    expect(await stored(backend, 'massage-1')).toBe('NO_DEFAULT_ACCOUNT');
  });

  it('a staff member sees no switch (R10); without the plan, the upgrade state (R1)', async () => {
    setup('zoom-default', 'anna', 'yoga');
    expect(await screen.findByText('Only the site owner can change this')).toBeVisible();
    expect(screen.getByText('Ask the owner of this site to switch online sessions on or off.')).toBeVisible();
    expect(screen.queryByRole('switch')).toBeNull();
    cleanup();
    stop?.();
    setup('no-plan', 'owner', 'yoga');
    expect(await screen.findByText('Online sessions are not included in your plan')).toBeVisible();
    expect(screen.queryByRole('switch')).toBeNull();
  });
});
