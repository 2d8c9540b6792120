import { createClient } from '@session-links/client';
import { createHandlers, createMockBackend, MAIN_SITE } from '@session-links/mocks';
import { ProviderPicker, SessionLinksProvider, useOnlineSettings } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { type SetupServer, setupServer } from 'msw/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const FIRST = 'http://localhost/first/api/session-links';
const SECOND = 'http://localhost/second/api/session-links';

// Fresh backends for every test, behind the handlers the stories use. The same site id
// behind both (say, two hosts' APIs on one page): equal query keys for the two embeds.
let server: SetupServer;
beforeEach(() => {
  server = setupServer(
    ...createHandlers(createMockBackend('zoom-default'), { baseUrl: FIRST }),
    ...createHandlers(createMockBackend('custom-default'), { baseUrl: SECOND }),
  );
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => server.close());

describe('SessionLinksProvider', () => {
  it('a widget outside the provider throws a named error', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<ProviderPicker />)).toThrow('ProviderPicker must be used inside <SessionLinksProvider>.');
    expect(() => render(<Hook />)).toThrow('useOnlineSettings must be used inside <SessionLinksProvider>.');
    spy.mockRestore();
  });

  it('lets a host replace any message', async () => {
    const client = createClient({ baseUrl: FIRST, siteId: MAIN_SITE });
    render(
      <SessionLinksProvider client={client} messages={{ 'picker.title': 'Online meetings' }}>
        <ProviderPicker />
      </SessionLinksProvider>,
    );
    expect(screen.getByRole('heading', { name: 'Online meetings' })).toBeInTheDocument();
    // Still replaced once the settings have loaded.
    expect(await screen.findByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Online meetings' })).toBeInTheDocument();
  });

  it('two providers on one page keep their own QueryClient: same site id, two backends, each shows its own', async () => {
    // Equal query keys for the two embeds: only separate QueryClients keep the answers apart.
    render(
      <>
        <section aria-label="First embed">
          <SessionLinksProvider client={createClient({ baseUrl: FIRST, siteId: MAIN_SITE })}>
            <ProviderPicker />
          </SessionLinksProvider>
        </section>
        <section aria-label="Second embed">
          <SessionLinksProvider client={createClient({ baseUrl: SECOND, siteId: MAIN_SITE })} locale="nl">
            <ProviderPicker />
          </SessionLinksProvider>
        </section>
      </>,
    );
    const first = within(screen.getByRole('region', { name: 'First embed' }));
    const second = within(screen.getByRole('region', { name: 'Second embed' }));
    expect(await first.findByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeInTheDocument();
    expect(await second.findByText('Microsoft Teams-link')).toBeInTheDocument();
    expect(first.getByRole('heading', { name: 'Video conferencing' })).toBeInTheDocument();
    expect(second.getByRole('heading', { name: 'Videoconferentie' })).toBeInTheDocument();
    expect(first.queryByText(/Microsoft Teams/)).toBeNull();
    expect(second.queryByText(/Olivia Owner/)).toBeNull();
  });

  it("uses the host's QueryClient when it passes one", async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <SessionLinksProvider client={createClient({ baseUrl: FIRST, siteId: MAIN_SITE })} queryClient={queryClient}>
        <ProviderPicker />
      </SessionLinksProvider>,
    );
    expect(await screen.findByText('Zoom account of Olivia Owner (olivia@studio.example)')).toBeInTheDocument();
    expect(
      queryClient
        .getQueryCache()
        .getAll()
        .some((q) => q.state.status === 'success'),
    ).toBe(true);
  });
});

function Hook() {
  useOnlineSettings();
  return null;
}
