import { createClient } from '@session-links/client';
import { createHandlers, MAIN_SITE, MockBackend, scenario } from '@session-links/mocks';
import { SessionLinksProvider, SessionsOverview } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { overviewWindows } from '../src/sessions-overview/use-sessions-overview';

// Big calendars (issue 21): the overview shows the first rows of a period after one small
// answer and loads the rest window after window, instead of waiting for the whole period.
// Through the MSW mocks, which run the real server.
const baseUrl = 'http://localhost/api/session-links';
const DAY = 864e5;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

/** The demo site plus a yoga session every day at 10:00 for the next 120 days. */
function dailySessions(now: Date) {
  const data = scenario('zoom-default', now);
  const site = data.sites.find((s) => s.id === MAIN_SITE);
  if (!site) throw new Error('no main site');
  for (let day = 0; day < 120; day++) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + day, 10));
    site.sessions.push({
      id: `daily-${day}`,
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

const dataRows = () => screen.queryAllByRole('row').filter((r) => r.querySelectorAll('td').length > 0);

describe('SessionsOverview over a big period', () => {
  it('cuts the period into consecutive windows that start small and double, up to the server cap, each session in exactly one', () => {
    const from = '2026-01-01T00:00:00.000Z';
    const windows = overviewWindows({ from, to: '2026-12-01T00:00:00.000Z' });
    const days = windows.map((w) => (Date.parse(w.to) - Date.parse(w.from)) / DAY);
    expect(days.slice(0, 6)).toEqual([2, 4, 8, 16, 32, 62]);
    expect(Math.max(...days)).toBe(62);
    expect(windows[0]?.from).toBe(from);
    expect(windows.at(-1)?.to).toBe('2026-12-01T00:00:00.000Z');
    for (let i = 1; i < windows.length; i++) expect(windows[i]?.from).toBe(windows[i - 1]?.to);
    expect(overviewWindows({ from, to: from })).toEqual([{ from, to: from }]);
  });

  it('shows the first window’s sessions while later windows are still loading, then every session once, in order', async () => {
    const now = new Date();
    const backend = new MockBackend(() => dailySessions(now), { signedInAs: 'owner' });
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
    const to = new Date(Date.parse(from) + 120 * DAY).toISOString();
    // Every window after the first waits until the test lets it through.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = setupServer(
      http.get(`${baseUrl}/sites/:siteId/sessions`, async ({ request }) => {
        if (new URL(request.url).searchParams.get('from') !== from) await held;
        // Nothing returned: the mocks' own handler answers.
      }),
      ...createHandlers(backend, { baseUrl }),
    );
    server.listen({ onUnhandledRequest: 'error' });
    stop = () => server.close();
    const client = createClient({ baseUrl, siteId: MAIN_SITE });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <SessionLinksProvider client={client} queryClient={queryClient}>
        <SessionsOverview from={from} to={to} height={20_000} />
      </SessionLinksProvider>,
    );
    const expected = dailySessions(now)
      .sites.find((s) => s.id === MAIN_SITE)
      ?.sessions.filter((s) => s.start >= from && s.start < to)
      .map((s) => s.id) as string[];
    // The first window's rows, while the rest is held back: the list says there is more to come.
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0), { timeout: 3000 });
    expect(dataRows().length).toBeLessThan(expected.length);
    expect(screen.getByRole('status')).toHaveTextContent(/so far, loading more/);
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '-1');
    release();
    await waitFor(() => expect(dataRows()).toHaveLength(expected.length), { timeout: 5000 });
    expect(screen.getByRole('status')).toHaveTextContent(`${expected.length} sessions`);
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', String(expected.length + 1));
    const indexes = dataRows().map((r) => Number(r.getAttribute('aria-rowindex')));
    expect(indexes).toEqual(expected.map((_, i) => i + 2));
    const starts = await Promise.all(
      dataRows().map((r) => r.querySelector('[data-edit-session]')?.getAttribute('data-edit-session') ?? ''),
    );
    expect(new Set(starts).size).toBe(expected.length);
  });

  it('a period that starts with a month without sessions: the empty windows are asked for in pairs, so the first rows come after three rounds of answers, not five', async () => {
    const now = new Date();
    const backend = new MockBackend(() => dailySessions(now), { signedInAs: 'owner' });
    // 30 days before the first session: the windows of 2, 4, 8 and 16 days are empty, the 32-day one holds it.
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const from = new Date(today - 30 * DAY).toISOString();
    const to = new Date(today + 90 * DAY).toISOString();
    const windows = overviewWindows({ from, to });
    // For each window: how many windows' answers the client had in hand when it asked for it.
    const answeredWhenAsked = new Map<string, number>();
    let answered = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const isSessions = url.pathname.endsWith('/sessions');
      if (isSessions) answeredWhenAsked.set(url.searchParams.get('from') ?? '', answered);
      const response = await fetch(input, init);
      if (isSessions) answered++;
      return response;
    };
    const server = setupServer(...createHandlers(backend, { baseUrl }));
    server.listen({ onUnhandledRequest: 'error' });
    stop = () => server.close();
    const client = createClient({ baseUrl, siteId: MAIN_SITE, fetch: countingFetch });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <SessionLinksProvider client={client} queryClient={queryClient}>
        <SessionsOverview from={from} to={to} />
      </SessionLinksProvider>,
    );
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0), { timeout: 5000 });
    const firstSession = windows.findIndex((w) => Date.parse(w.to) > today);
    expect((Date.parse(windows[firstSession]?.to ?? '') - Date.parse(windows[firstSession]?.from ?? '')) / DAY).toBe(32);
    // Rounds: the distinct counts of answers in hand when each window up to that one was asked for.
    const rounds = new Set(windows.slice(0, firstSession + 1).map((w) => answeredWhenAsked.get(w.from)));
    expect(rounds.has(undefined)).toBe(false);
    expect(rounds.size).toBe(3);
  });

  it('a scroll of one row is one React commit that adds one row and removes one', async () => {
    const now = new Date();
    const api = setupServer(...createHandlers(new MockBackend(() => dailySessions(now), { signedInAs: 'owner' }), { baseUrl }));
    api.listen({ onUnhandledRequest: 'error' });
    stop = () => api.close();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
    const to = new Date(Date.parse(from) + 60 * DAY).toISOString();
    let commits = 0;
    render(
      <Profiler id="overview" onRender={() => commits++}>
        <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={new QueryClient()}>
          <SessionsOverview from={from} to={to} height={480} rowHeight={56} />
        </SessionLinksProvider>
      </Profiler>,
    );
    await waitFor(() => expect(screen.getByRole('status')).toHaveAttribute('data-state', 'complete'), { timeout: 5000 });
    const scroller = screen.getByRole('region', { name: 'Sessions, scrollable' });
    const indexes = () => dataRows().map((r) => Number(r.getAttribute('aria-rowindex')));
    const before = indexes();
    // jsdom lays nothing out: the list's scroll position is set as a browser would after a 56 px scroll.
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 56 * 10 });
    fireEvent.scroll(scroller);
    await waitFor(() => expect(indexes()[0]).not.toBe(before[0]));
    commits = 0;
    const shown = indexes();
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 56 * 11 });
    fireEvent.scroll(scroller);
    await waitFor(() => expect(indexes()[0]).toBe((shown[0] as number) + 1));
    expect(indexes()).toEqual(shown.map((i) => i + 1));
    // One commit: a new merged ref on every render made React detach and attach the list,
    // and the hook's ref callback set its state to null and back: a second, empty commit.
    expect(commits).toBe(1);
  });
});
