import { createClient } from '@session-links/client';
import { MAX_SESSION_RANGE_DAYS } from '@session-links/core';
import { createHandlers, MAIN_SITE, MockBackend, scenario } from '@session-links/mocks';
import { SessionLinksProvider, SessionsOverview, useSessions } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

// R26: the server answers at most MAX_SESSION_RANGE_DAYS of sessions per request. A widget showing
// a longer period still shows every session: the data layer asks for it in windows. Through the
// MSW mocks, which run the real server (and so refuse a longer range with 422).
const baseUrl = 'http://localhost/api/session-links';
const DAY = 864e5;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

/** The demo site plus a session every 5 days from 180 days ago to 180 days ahead: a year of sessions. */
function yearOfSessions(now: Date) {
  const data = scenario('zoom-default', now);
  const site = data.sites.find((s) => s.id === MAIN_SITE);
  if (!site) throw new Error('no main site');
  for (let day = -180; day <= 180; day += 5) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + day, 10));
    site.sessions.push({
      id: `spread-${day + 180}`,
      serviceId: 'yoga',
      staffId: 'bram',
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      override: null,
      version: 1,
    });
  }
  return data;
}

function mockApi() {
  const now = new Date();
  const backend = new MockBackend(() => yearOfSessions(now), { signedInAs: 'owner' });
  const server = setupServer(...createHandlers(backend, { baseUrl }));
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const client = createClient({ baseUrl, siteId: MAIN_SITE });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <SessionLinksProvider client={client} queryClient={queryClient}>
      {children}
    </SessionLinksProvider>
  );
  const period = { from: new Date(now.getTime() - 200 * DAY).toISOString(), to: new Date(now.getTime() + 200 * DAY).toISOString() };
  const expected = yearOfSessions(now)
    .sites.find((s) => s.id === MAIN_SITE)
    ?.sessions.filter((s) => s.start >= period.from && s.start < period.to)
    .map((s) => s.id)
    .sort();
  return { backend, client, wrapper, period, expected: expected ?? [] };
}

describe(`sessions of a period longer than ${MAX_SESSION_RANGE_DAYS} days (R26)`, () => {
  it('the server refuses the whole period in one request with 422 and a field error', async () => {
    const { client, period } = mockApi();
    await expect(client.listSessions(period)).rejects.toMatchObject({ code: 'VALIDATION', fields: { to: ['range.tooLong'] } });
  });

  it('useSessions asks in capped windows and returns every session of the period once, in order', async () => {
    const { backend, wrapper, period, expected } = mockApi();
    const { result } = renderHook(() => useSessions(period), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const ids = (result.current.data ?? []).map((r) => r.session.id);
    expect(expected.length).toBeGreaterThan(70);
    expect([...ids].sort()).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    const starts = (result.current.data ?? []).map((r) => r.session.start);
    expect(starts).toEqual([...starts].sort());
    expect(backend.requests.filter((r) => r === 'listSessions').length).toBe(Math.ceil(400 / MAX_SESSION_RANGE_DAYS));
  });

  it('SessionsOverview over 400 days shows every session, not an error', async () => {
    const { wrapper, period, expected } = mockApi();
    render(<SessionsOverview from={period.from} to={period.to} height={20_000} />, { wrapper });
    await waitFor(
      () => expect(screen.getAllByRole('row').filter((r) => r.querySelectorAll('td').length > 0)).toHaveLength(expected.length),
      {
        timeout: 5000,
      },
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
