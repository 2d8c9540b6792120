import { createClient } from '@session-links/client';
import type { ResolvedSession } from '@session-links/core';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { SessionLinksProvider, SessionsOverview } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { render, renderHook, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useSessionsOverview, withoutForeignHostUrl } from '../src/sessions-overview/use-sessions-overview';

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

function renderOverview(scenario: Parameters<typeof setupMockApi>[0], signedInAs: string) {
  const api = setupMockApi(scenario, { signedInAs, baseUrl });
  api.server.listen({ onUnhandledRequest: 'error' });
  stop = () => api.server.close();
  const client = createClient({ baseUrl, siteId: MAIN_SITE });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const now = Date.now();
  render(
    <SessionLinksProvider client={client} queryClient={queryClient}>
      <SessionsOverview from={new Date(now - 30 * 864e5).toISOString()} to={new Date(now + 30 * 864e5).toISOString()} height={5000} />
    </SessionLinksProvider>,
  );
  return api;
}

/** The overview loads a period window after window: its count says when every window is in. */
const allLoaded = () => waitFor(() => expect(document.querySelector('.sl-hint[data-state="complete"]')).not.toBeNull(), { timeout: 5000 });

describe('SessionsOverview: who may edit what (R10, R18)', () => {
  it('offers "Edit link" to a staff member only on their own sessions', async () => {
    renderOverview('zoom-default', 'anna');
    await allLoaded();
    const rows = (await screen.findAllByRole('row')).slice(1).filter((r) => r.querySelectorAll('td').length > 0);
    expect(rows.length).toBeGreaterThan(3);
    const staffOf = (row: HTMLElement) => row.querySelectorAll('td')[2]?.textContent;
    const editable = rows.filter((row) => within(row).queryByRole('button', { name: /^Edit link of/ }) !== null);
    expect(editable.length).toBeGreaterThan(0);
    expect(editable.every((row) => staffOf(row) === 'Anna de Vries')).toBe(true);
    expect(rows.filter((row) => staffOf(row) === 'Anna de Vries')).toHaveLength(editable.length);
  });
  it('offers "Edit link" on every row to the owner', async () => {
    renderOverview('zoom-default', 'owner');
    await allLoaded();
    const rows = (await screen.findAllByRole('row')).slice(1).filter((r) => r.querySelectorAll('td').length > 0);
    expect(rows.every((row) => within(row).queryByRole('button', { name: /^Edit link of/ }) !== null)).toBe(true);
  });
  it('shows the upgrade state, not the list, without a plan (R1)', async () => {
    renderOverview('no-plan', 'owner');
    expect(await screen.findByText('Online sessions are not included in your plan')).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Staff member' })).toBeNull();
  });
  it('keeps a Zoom start link only for the owner and the staff member who hosts it', () => {
    const row = {
      session: { id: 's', serviceId: 'x', staffId: 'anna', start: '', end: '', override: null, version: 1 },
      resolution: {
        status: 'linked',
        source: 'staff',
        accountId: 'a',
        staffId: 'anna',
        warnings: [],
        link: { type: 'ZOOM', provider: 'zoom', guestUrl: 'https://zoom.us/j/1', hostUrl: 'https://zoom.us/s/1?zak=secret' },
      },
    } as unknown as ResolvedSession;
    const hostUrl = (user: Parameters<typeof withoutForeignHostUrl>[1]) => {
      const r = withoutForeignHostUrl(row, user).resolution;
      return r.status === 'linked' ? r.link.hostUrl : undefined;
    };
    expect(hostUrl({ role: 'owner', staffId: null })).toBe('https://zoom.us/s/1?zak=secret');
    expect(hostUrl({ role: 'staff', staffId: 'anna' })).toBe('https://zoom.us/s/1?zak=secret');
    expect(hostUrl({ role: 'staff', staffId: 'bram' })).toBeUndefined();
    expect(hostUrl(undefined)).toBeUndefined();
  });

  it('a server that leaks a colleague’s start link: the overview’s rows still keep it from a staff member', async () => {
    const api = setupMockApi('zoom-default', { signedInAs: 'anna', baseUrl });
    // A host backend that forgot R18: it answers Anna with every start link, the owner's view.
    const leak = () =>
      Promise.all(
        ['coaching-anna-1', 'coaching-chris-1'].map(async (id) => {
          const { session, resolution } = await api.backend.getSession(MAIN_SITE, id, 'owner');
          return { session, resolution } as ResolvedSession;
        }),
      );
    const hostUrlOf = (row: ResolvedSession | undefined) => (row?.resolution.status === 'linked' ? row.resolution.link.hostUrl : undefined);
    api.server.use(
      http.get(`${baseUrl}/sites/:siteId/sessions`, async () => {
        await api.backend.ready;
        return HttpResponse.json(await leak());
      }),
    );
    api.server.listen({ onUnhandledRequest: 'error' });
    stop = () => api.server.close();
    const client = createClient({ baseUrl, siteId: MAIN_SITE });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <SessionLinksProvider client={client} queryClient={queryClient}>
        {children}
      </SessionLinksProvider>
    );
    const now = Date.now();
    const { result } = renderHook(
      () => useSessionsOverview({ from: new Date(now - 30 * 864e5).toISOString(), to: new Date(now + 30 * 864e5).toISOString() }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.state).toBe('ready'));
    await api.backend.ready;
    const leaked = await leak();
    expect(leaked.map(hostUrlOf).every((u) => typeof u === 'string')).toBe(true);
    const row = (id: string) => result.current.rows.find((r) => r.session.id === id);
    // Her own meeting keeps its start link; the owner's meeting on Chris's session does not reach her.
    expect(hostUrlOf(row('coaching-anna-1'))).toBe(hostUrlOf(leaked[0]));
    expect(row('coaching-chris-1')).toBeDefined();
    expect(hostUrlOf(row('coaching-chris-1'))).toBeUndefined();
    expect(JSON.stringify(result.current.visible)).not.toContain(hostUrlOf(leaked[1]) as string);
  });
});
