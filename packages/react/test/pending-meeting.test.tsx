// A Zoom meeting the server's worker is still making (R22), as on the real server: the
// mocks run the server's meeting worker after a delay, and the widgets follow the
// pending meeting until its link is there, without reopening anything.
import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { SessionLinkEditor, SessionLinksProvider, SessionsOverview } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { followPendingMeetings, PENDING_MEETING_POLL, sessionQueryOptions } from '../src/query/queries';

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

function renderEditor(sessionId: string, meetingDelayMs: number) {
  const api = setupMockApi('zoom-default', { baseUrl, meetingDelayMs });
  api.server.listen({ onUnhandledRequest: 'error' });
  stop = () => {
    api.backend.stopMeetingWorker();
    api.server.close();
  };
  const client = createClient({ baseUrl, siteId: MAIN_SITE });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <SessionLinksProvider client={client} queryClient={queryClient}>
      <SessionLinkEditor sessionId={sessionId} />
    </SessionLinksProvider>,
  );
  return api;
}

describe('SessionLinkEditor: a Zoom meeting on its way (R22)', () => {
  it('shows the meeting as on its way, never "No link" or "Add a link", and shows its link once the worker made it', async () => {
    const api = renderEditor('massage-1', 1_500);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add a link' }));
    await user.click(screen.getByRole('button', { name: /^Zoom meeting/ }));
    expect(await screen.findByText('The session link is saved.')).toBeVisible();
    // Saved, and made by the worker later: the link is on its way.
    const pending = await screen.findByText('Zoom meeting on its way');
    expect(pending).toHaveAttribute('data-kind', 'pending');
    expect(screen.getByText('The Zoom meeting is being created; its link appears here shortly.')).toBeVisible();
    expect(screen.queryByText('No link')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add a link' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Replace the link' })).toBeVisible();
    const requestsBefore = api.backend.requests.filter((r) => r === 'getSession').length;
    // The worker makes the meeting 1.5 s later; the widget looks again by itself (1 s, 2 s, …).
    const link = await screen.findByText(/^https:\/\/zoom\.us\/j\//, undefined, { timeout: 8_000 });
    expect(link).toBeVisible();
    expect(screen.queryByText('Zoom meeting on its way')).toBeNull();
    const root = document.querySelector('.sl-session');
    expect(root).not.toHaveAttribute('data-meeting');
    // It looked a few times, not in a loop.
    const looks = api.backend.requests.filter((r) => r === 'getSession').length - requestsBefore;
    expect(looks).toBeGreaterThanOrEqual(1);
    expect(looks).toBeLessThanOrEqual(4);
    // That it then stops looking is the backoff's rule (no interval once nothing is pending), tested below without waiting.
    within(document.body).getByText(/^Meeting ID \d+$/);
  }, 20_000);
});

describe('SessionLinkEditor: a past session whose meeting was never made (R22, R31)', () => {
  it('says no Google Meet meeting was made for it, not that one is on its way, and does not look again', async () => {
    const api = setupMockApi('zoom-default', { baseUrl, meetingDelayMs: 100 });
    api.server.listen({ onUnhandledRequest: 'error' });
    stop = () => {
      api.backend.stopMeetingWorker();
      api.server.close();
    };
    await api.backend.ready;
    // Anna moved from Zoom to Google Meet: her session of three days ago now takes her Google
    // Meet account, and the server makes meetings for upcoming sessions only.
    await api.backend.connectAccount('google-meet', { type: 'staff', staffId: 'anna' }, { userId: 'owner' });
    const client = createClient({ baseUrl, siteId: MAIN_SITE });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <SessionLinksProvider client={client} queryClient={queryClient}>
        <SessionLinkEditor sessionId="coaching-anna-past" />
      </SessionLinksProvider>,
    );
    expect(
      await screen.findByText(
        'No Google Meet meeting was made for this session: meetings are made for upcoming sessions, and this one has already started.',
      ),
    ).toBeVisible();
    expect(document.querySelector('.sl-session')).toHaveAttribute('data-reason', 'NO_MEETING_MADE');
    expect(document.querySelector('.sl-session')).not.toHaveAttribute('data-meeting');
    expect(screen.queryByText(/on its way/)).toBeNull();
    expect(screen.queryByText(/is being created/)).toBeNull();
    // Nothing is on its way: the session's query has no interval to look again by.
    const options = sessionQueryOptions(client, 'coaching-anna-past');
    const query = queryClient.getQueryCache().find({ queryKey: options.queryKey });
    expect(queryClient.getQueryData(options.queryKey)?.resolution).toMatchObject({ reason: 'NO_MEETING_MADE', provider: 'google-meet' });
    // biome-ignore lint/suspicious/noExplicitAny: the query the widget loaded, as TanStack Query passes it
    expect((options.refetchInterval as (q: any) => number | false)(query)).toBe(false);
  });
});

describe('SessionsOverview: a Zoom meeting on its way (R22)', () => {
  it('shows the row as on its way, then its Zoom link, looking again by itself', async () => {
    const api = setupMockApi('zoom-default', { baseUrl, meetingDelayMs: 1_500 });
    api.server.listen({ onUnhandledRequest: 'error' });
    stop = () => {
      api.backend.stopMeetingWorker();
      api.server.close();
    };
    await api.backend.ready;
    const detail = await api.backend.getSession(MAIN_SITE, 'massage-1', 'owner');
    await api.backend.service.operations.setSessionLink(
      { userId: 'owner', origin: 'http://localhost' },
      { siteId: MAIN_SITE, sessionId: 'massage-1' },
      { change: { kind: 'meeting' }, version: detail.session.version },
    );
    api.backend.scheduleMeetingWorker();
    const client = createClient({ baseUrl, siteId: MAIN_SITE });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const now = Date.now();
    render(
      <SessionLinksProvider client={client} queryClient={queryClient}>
        <SessionsOverview from={new Date(now - 30 * 864e5).toISOString()} to={new Date(now + 30 * 864e5).toISOString()} height={5000} />
      </SessionLinksProvider>,
    );
    const row = () => document.querySelector('tr[data-source="session"], tr[data-reason="PROVIDER_MEETING_PENDING"]') as HTMLElement | null;
    expect(await screen.findByText('Zoom meeting on its way')).toBeVisible();
    expect(row()).toHaveAttribute('data-reason', 'PROVIDER_MEETING_PENDING');
    await waitFor(() => expect(screen.queryByText('Zoom meeting on its way')).toBeNull(), { timeout: 8_000 });
    const linked = document.querySelector('tr[data-source="session"]') as HTMLElement;
    expect(within(linked).getByText('Zoom')).toBeVisible();
  }, 20_000);
});

describe('followPendingMeetings: backoff while pending', () => {
  it('1 s, 2 s, 4 s … at most 30 s apart while pending; off when nothing is', () => {
    const query = { state: { data: { pending: true } } };
    const interval = followPendingMeetings<{ pending: boolean }>((d) => d.pending);
    const realNow = Date.now;
    let now = 1_000_000;
    Date.now = () => now;
    try {
      const at = (ms: number) => {
        now = 1_000_000 + ms;
        // biome-ignore lint/suspicious/noExplicitAny: a query's state is all the function reads
        return interval(query as any);
      };
      expect([at(0), at(999), at(1_000), at(3_000), at(7_000), at(15_000), at(31_000), at(600_000)]).toEqual([
        1_000, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
      ]);
      // A refetch's answer is a new object (TanStack Query never changes data in place).
      query.state.data = { pending: false };
      expect(at(601_000)).toBe(false);
      // Pending again later: starts over at 1 s.
      query.state.data = { pending: true };
      expect(at(700_000)).toBe(PENDING_MEETING_POLL.firstMs);
    } finally {
      Date.now = realNow;
    }
  });

  it('looks through an answer once, however often TanStack Query asks (it asks on every render of every window)', () => {
    let looked = 0;
    const interval = followPendingMeetings<{ pending: boolean }[]>((rows) => {
      looked++;
      return rows.some((r) => r.pending);
    });
    const rows = Array.from({ length: 1000 }, () => ({ pending: false }));
    const query = { state: { data: rows } };
    // biome-ignore lint/suspicious/noExplicitAny: a query's state is all the function reads
    for (let i = 0; i < 100; i++) expect(interval(query as any)).toBe(false);
    expect(looked).toBe(1);
    // A new answer is looked through.
    query.state.data = [...rows, { pending: true }];
    // biome-ignore lint/suspicious/noExplicitAny: as above
    expect(interval(query as any)).toBe(1_000);
    expect(looked).toBe(2);
  });
});
