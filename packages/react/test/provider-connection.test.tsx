import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { SessionLinksProvider, useProviderConnection } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderConnect } from '../src/parts/provider-connect';
import { isTrustedOrigin } from '../src/parts/use-provider-connection';
import { sessionLinksKeys, settingsQueryOptions } from '../src/query';

const baseUrl = 'http://localhost/api/session-links';
const originalOpen = window.open;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  window.open = originalOpen;
});

/** jsdom has no windows: a stand-in that records what the widget does with its popup. */
interface FakePopup {
  name: string;
  closed: boolean;
  close(): void;
  location: { href: string };
}
function watchOpen() {
  const popups: FakePopup[] = [];
  window.open = ((_url?: string | URL, name?: string) => {
    const popup: FakePopup = {
      name: name ?? '',
      closed: false,
      close() {
        this.closed = true;
      },
      location: { href: '' },
    };
    popups.push(popup);
    return popup as unknown as Window;
  }) as typeof window.open;
  return popups;
}

function start() {
  const api = setupMockApi('no-default', { baseUrl });
  api.server.listen({ onUnhandledRequest: 'error' });
  stop = () => api.server.close();
  const client = createClient({ baseUrl, siteId: MAIN_SITE });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return { ...api, client, queryClient };
}

function Flow({ version = 1 }: { version?: number }) {
  const connection = useProviderConnection({ target: { type: 'default' } });
  return <ProviderConnect connection={connection} version={version} step="connect" onStepChange={() => {}} />;
}

function allow(popup: FakePopup, origin = 'http://localhost') {
  const state = new URL(popup.location.href).searchParams.get('state') ?? '';
  const event = new MessageEvent('message', {
    data: { type: 'session-links:connection-callback', outcome: 'allow', state, code: 'allow:olivia@studio.example' },
    origin,
  });
  Object.defineProperty(event, 'source', { value: popup });
  window.dispatchEvent(event);
}

describe('Zoom popup (R14)', () => {
  it('refuses a callback origin that is not https before sending the popup anywhere', async () => {
    const { client, queryClient, server } = start();
    server.use(
      http.post(`${baseUrl}/sites/${MAIN_SITE}/connections`, () =>
        HttpResponse.json({
          authorizeUrl: 'https://zoom.us/oauth/authorize?state=aaaaaaaaaaaaaaaaaaaa',
          state: 'aaaaaaaaaaaaaaaaaaaa',
          callbackOrigin: 'http://evil.example',
        }),
      ),
    );
    const popups = watchOpen();
    render(
      <SessionLinksProvider client={client} queryClient={queryClient}>
        <Flow />
      </SessionLinksProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the server named a sign-in address that is not secure');
    expect(popups[0]?.location.href).toBe('');
    expect(popups[0]?.closed).toBe(true);
  });

  it('trusts https origins, and http only on loopback while the page is on loopback', () => {
    expect(isTrustedOrigin('https://zoom.us', 'app.example')).toBe(true);
    expect(isTrustedOrigin('http://zoom.us', 'app.example')).toBe(false);
    expect(isTrustedOrigin('http://localhost:6006', 'app.example')).toBe(false);
    for (const origin of ['http://localhost:6006', 'http://127.0.0.1:3000', 'http://[::1]:8080']) {
      expect(isTrustedOrigin(origin, 'localhost')).toBe(true);
      expect(isTrustedOrigin(origin, '127.0.0.1')).toBe(true);
      expect(isTrustedOrigin(origin, '::1')).toBe(true);
    }
    expect(isTrustedOrigin('javascript:alert(1)', 'localhost')).toBe(false);
    expect(isTrustedOrigin('null', 'localhost')).toBe(false);
    expect(isTrustedOrigin('*', 'localhost')).toBe(false);
  });

  it('opens a window with a name of its own for every flow, so two flows never share one', async () => {
    const { client, queryClient } = start();
    const popups = watchOpen();
    render(
      <SessionLinksProvider client={client} queryClient={queryClient}>
        <Flow />
        <Flow />
      </SessionLinksProvider>,
    );
    const [first, second] = screen.getAllByRole('button', { name: 'Connect' });
    await userEvent.click(first as HTMLElement);
    await userEvent.click(second as HTMLElement);
    await waitFor(() => expect(popups.every((p) => p.location.href !== '')).toBe(true));
    popups[0]?.close();
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The Zoom window was closed'), { timeout: 2_000 });
    await userEvent.click(first as HTMLElement);
    const names = popups.map((p) => p.name);
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    expect(names.every((n) => n.startsWith('session-links-zoom-'))).toBe(true);
  });

  it('an answer that arrives just after the consent window closed itself still connects (no false cancel)', async () => {
    const { client, queryClient, backend } = start();
    const { version } = await queryClient.fetchQuery(settingsQueryOptions(client));
    const popups = watchOpen();
    render(
      <SessionLinksProvider client={client} queryClient={queryClient}>
        <Flow version={version} />
      </SessionLinksProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(popups[0]?.location.href).not.toBe(''));
    const popup = popups[0] as FakePopup;
    // The page posted its answer and closed; the widget looks at the closed window before the
    // queued message reaches it, as happens on a busy machine.
    let closedReads = 0;
    Object.defineProperty(popup, 'closed', {
      get: () => {
        closedReads += 1;
        return true;
      },
    });
    await waitFor(() => expect(closedReads).toBeGreaterThan(0), { timeout: 5_000 });
    act(() => allow(popup));
    await waitFor(() => expect(backend.data.sites[0]?.defaultAccount?.kind).toBe('zoom'));
    expect(screen.queryByText(/closed before the account was connected/)).toBeNull();
  });

  it('an unmount while the connection completes still refreshes the cache', async () => {
    const { client, queryClient, backend } = start();
    const { version } = await queryClient.fetchQuery(settingsQueryOptions(client));
    const popups = watchOpen();
    const view = render(
      <SessionLinksProvider client={client} queryClient={queryClient}>
        <Flow version={version} />
      </SessionLinksProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(popups[0]?.location.href).not.toBe(''));
    backend.setLatency(200);
    act(() => allow(popups[0] as FakePopup));
    expect(await screen.findByText('Connecting your Zoom account…')).toBeVisible();
    view.unmount();
    await waitFor(() => expect(backend.data.sites[0]?.defaultAccount?.kind).toBe('zoom'));
    await waitFor(() => expect(queryClient.getQueryState(sessionLinksKeys.settings(MAIN_SITE))?.isInvalidated).toBe(true));
  });
});
