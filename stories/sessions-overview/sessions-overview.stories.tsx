import { SessionsOverview, type SessionsOverviewProps } from '@session-links/react';
import {
  SessionsOverviewCount,
  SessionsOverviewEditDialog,
  SessionsOverviewEmpty,
  SessionsOverviewGate,
  SessionsOverviewRoot,
  SessionsOverviewStaffFilter,
  SessionsOverviewTitle,
  useSessionsOverview,
} from '@session-links/react/sessions-overview';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';

const day = 864e5;
const from = new Date(Date.now() - 14 * day).toISOString();
const to = new Date(Date.now() + 90 * day).toISOString();

const meta = {
  title: 'Widgets/SessionsOverview',
  tags: ['autodocs'],
  component: SessionsOverview,
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
  args: { from, to },
} satisfies Meta<typeof SessionsOverview>;
export default meta;
type Story = StoryObj<typeof meta>;

const rowsOf = (canvasElement: HTMLElement) => Array.from(canvasElement.querySelectorAll('tbody tr[aria-rowindex]'));

/**
 * The row whose text includes `text`, scrolling the list down until it is rendered: only the
 * rows in view and three either side are in the DOM (at 320 px, 8 of 11 stacked rows).
 */
async function findRow(canvasElement: HTMLElement, text: string): Promise<HTMLElement> {
  const scroller = canvasElement.querySelector('.sl-scroll') as HTMLElement;
  let row: HTMLElement | undefined;
  await waitFor(() => {
    row = rowsOf(canvasElement).find((r) => r.textContent?.includes(text)) as HTMLElement | undefined;
    if (row) return;
    scroller.scrollTop += scroller.clientHeight / 2;
    throw new Error(`No row with "${text}" rendered yet`);
  });
  return row as HTMLElement;
}

export const AllSessions: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('11 sessions')).toBeVisible();
    await expect(canvas.getAllByText("Anna de Vries's own account").length).toBeGreaterThan(0);
    await expect(canvas.getAllByText('This session takes place on site.')).toHaveLength(1);
    await expect(canvas.getAllByText('Site default').length).toBeGreaterThan(0);
  },
};

export const FilterByStaffAndService: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('11 sessions');
    await canvas.findByRole('option', { name: 'Bram Jansen' });
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Staff member' }), 'Bram Jansen');
    await expect(await canvas.findByText('2 sessions')).toBeVisible();
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Service' }), 'Morning yoga');
    await expect(await canvas.findByText('1 session')).toBeVisible();
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Service' }), 'Sports massage');
    await expect(await canvas.findByText('No sessions match these filters.')).toBeVisible();
  },
};

export const ExpiredAccountsWarn: Story = {
  name: 'Warnings: an expired staff account (R17)',
  parameters: { sessionLinks: { scenario: 'expired-staff-zoom' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('11 sessions');
    await expect(canvas.getAllByText(/own account needs reconnecting/).length).toBeGreaterThan(0);
  },
};

export const NoDefaultAccount: Story = {
  parameters: { sessionLinks: { scenario: 'default-disconnected' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('11 sessions');
    await expect(canvas.getAllByText('The site has no default video-conferencing account.')).toHaveLength(11);
    // The scrolling list is reachable from the keyboard even before any row has a button (axe scrollable-region-focusable).
    const list = canvas.getByRole('region', { name: 'Sessions, scrollable' });
    list.focus();
    await expect(list).toHaveFocus();
  },
};

export const EditFromOverview: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('11 sessions');
    const massage = rowsOf(canvasElement).find((r) => r.textContent?.includes('Sports massage')) as HTMLElement;
    await userEvent.click(within(massage).getByRole('button', { name: /Edit link of Sports massage/ }));
    const dialog = within(await within(document.body).findByRole('dialog'));
    await userEvent.click(await dialog.findByRole('button', { name: 'Add a link' }));
    await userEvent.click(dialog.getByRole('button', { name: /Zoom meeting/ }));
    await expect(await dialog.findByText('The session link is saved.')).toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Close' }));
    // The overview shows the new link without a reload.
    await waitFor(() => expect(canvas.queryByText('This session takes place on site.')).toBeNull());
  },
};

export const PendingMeetingThenLink: Story = {
  name: 'A Zoom meeting on its way, then its link (the worker makes it, as on the real server)',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('11 sessions');
    await findRow(canvasElement, 'Sports massage');
    const massage = () => rowsOf(canvasElement).find((r) => r.textContent?.includes('Sports massage')) as HTMLElement;
    await userEvent.click(within(massage()).getByRole('button', { name: /Edit link of Sports massage/ }));
    const dialog = within(await within(document.body).findByRole('dialog'));
    await userEvent.click(await dialog.findByRole('button', { name: 'Add a link' }));
    await userEvent.click(dialog.getByRole('button', { name: /Zoom meeting/ }));
    await expect(await dialog.findByText('The session link is saved.')).toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Close' }));
    // R22: saved, not made yet: the row says the meeting is on its way, not "No link".
    await waitFor(() => expect(massage()).toHaveAttribute('data-reason', 'PROVIDER_MEETING_PENDING'));
    await expect(within(massage()).getByText('Zoom meeting on its way')).toBeVisible();
    // The overview looks again by itself; the row gets its Zoom link.
    await waitFor(() => expect(massage()).toHaveAttribute('data-source', 'session'), { timeout: 10_000 });
    await expect(within(massage()).getByText('Zoom')).toBeVisible();
  },
};

/**
 * At 320 px a row whose meeting is on its way keeps its service name and its whole date and
 * time: "Zoom meeting on its way" beside the time took the width and left "Sports…" and
 * "9 Dec 2…" (seen in a screenshot). The link's words give way instead; the Why line says it in full.
 */
export const PendingMeetingAtPhoneWidth: Story = {
  name: 'At 320 px: a meeting on its way keeps the time and the service in view',
  parameters: { sessionLinks: { width: 320, meetingDelayMs: 60_000 } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('11 sessions');
    await findRow(canvasElement, 'Sports massage');
    const massage = () => rowsOf(canvasElement).find((r) => r.textContent?.includes('Sports massage')) as HTMLElement;
    await userEvent.click(within(massage()).getByRole('button', { name: /Edit link of Sports massage/ }));
    const dialog = within(await within(document.body).findByRole('dialog'));
    await userEvent.click(await dialog.findByRole('button', { name: 'Add a link' }));
    await userEvent.click(dialog.getByRole('button', { name: /Zoom meeting/ }));
    await expect(await dialog.findByText('The session link is saved.')).toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(massage()).toHaveAttribute('data-reason', 'PROVIDER_MEETING_PENDING'));
    const [when, service, , link] = Array.from(massage().querySelectorAll('td')) as HTMLElement[];
    for (const cell of [when, service] as HTMLElement[]) {
      await expect(cell.scrollWidth).toBeLessThanOrEqual(cell.clientWidth + 1);
    }
    await expect(link).toBeVisible();
    const heights = new Set(rowsOf(canvasElement).map((r) => Math.round(r.getBoundingClientRect().height)));
    await expect(heights.size).toBe(1);
  },
};

export const Empty: Story = {
  args: { from: '2001-01-01T00:00:00.000Z', to: '2001-02-01T00:00:00.000Z' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No sessions in this period.')).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { sessionLinks: { latency: Number.POSITIVE_INFINITY } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading…')).toBeVisible();
  },
};

export const ServerError: Story = {
  parameters: { sessionLinks: { fail: [['listSessions', 'server']] } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Something went wrong on our side');
  },
};

declare global {
  interface Window {
    /** When the benchmark stories' overview first rendered (performance.now()). */
    __overviewMountedAt?: number;
    /** React commits so far, when `pnpm bench:overview` counts them (React DevTools' hook). */
    __benchReactCommits?: number;
  }
}

/** The overview, noting when it first rendered: the benchmark counts from there (fetch, parse and render of the first rows). */
function TimedOverview(props: SessionsOverviewProps) {
  useState(() => {
    if (window.__overviewMountedAt === undefined) {
      window.__overviewMountedAt = performance.now();
      // Room for the sessions requests' timings after Storybook's own (250 by default).
      performance.setResourceTimingBufferSize(2000);
      // For a performance trace of the first render (`pnpm bench:overview --trace`).
      performance.mark('overview:mount');
    }
    return null;
  });
  return <SessionsOverview {...props} />;
}

/** Resolves with the time the first session row is in the DOM. */
function firstRow(root: HTMLElement): Promise<number> {
  return new Promise((resolve) => {
    const seen = () => root.querySelector('tbody tr[aria-rowindex]') !== null;
    const done = () => {
      performance.mark('overview:first-row');
      resolve(performance.now());
    };
    if (seen()) return done();
    const observer = new MutationObserver(() => {
      if (!seen()) return;
      observer.disconnect();
      done();
    });
    observer.observe(root, { childList: true, subtree: true });
  });
}

/**
 * A big calendar's benchmark: the first useful render (the first rows, while later
 * windows load), the whole period loaded, then frame times scrolling through all of it.
 * Logs the figures and puts them on the canvas (`pnpm bench:overview` collects them);
 * asserts behaviour, not time.
 */
function benchPlay(count: number, timeout: number): Story['play'] {
  return async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const shown = await firstRow(canvasElement);
    const firstRender = shown - (window.__overviewMountedAt ?? shown);
    // Round trips for sessions before the first rows, from the requests' timings: a request
    // asked for after the one before it was answered starts a new round. Not the machine's load.
    const asked = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/sessions?') && e.startTime >= (window.__overviewMountedAt ?? 0) && e.startTime < shown)
      .sort((a, b) => a.startTime - b.startTime) as PerformanceResourceTiming[];
    let roundTrips = 0;
    let answeredAt = Number.NEGATIVE_INFINITY;
    for (const request of asked) {
      if (request.startTime > answeredAt) roundTrips++;
      answeredAt = request.responseEnd;
    }
    await canvas.findByText(`${count.toLocaleString('en')} sessions`, {}, { timeout });
    const loaded = performance.now() - (window.__overviewMountedAt ?? 0);
    await expect(rowsOf(canvasElement).length).toBeLessThan(40);
    const scroller = canvasElement.querySelector('.sl-scroll') as HTMLElement;
    // Work counts that do not depend on the machine's load: session rows added to the DOM in
    // each frame, the most rows in the DOM at any moment, and (when `pnpm bench:overview`
    // counts them) React commits in each frame.
    let added = 0;
    let mostRows = 0;
    const rowsObserver = new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) if (node instanceof HTMLTableRowElement && node.hasAttribute('aria-rowindex')) added++;
      mostRows = Math.max(mostRows, rowsOf(canvasElement).length);
    });
    rowsObserver.observe(scroller, { childList: true, subtree: true });
    const commits = () => window.__benchReactCommits ?? Number.NaN;
    const frames: number[] = [];
    const rowsAdded: number[] = [];
    const commitsPerFrame: number[] = [];
    const steps = 60;
    for (let i = 1; i <= steps; i++) {
      const start = performance.now();
      const commitsBefore = commits();
      added = 0;
      scroller.scrollTop = (scroller.scrollHeight * i) / steps;
      scroller.dispatchEvent(new Event('scroll'));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      frames.push(performance.now() - start);
      rowsAdded.push(added);
      commitsPerFrame.push(commits() - commitsBefore);
    }
    // The list renders the rows at the bottom once React has handled the last scroll.
    await waitFor(() => expect(rowsOf(canvasElement).at(-1)?.getAttribute('aria-rowindex')).toBe(String(count + 1)));
    rowsObserver.disconnect();
    // A jump renders the rows in view (480 px of 56 px rows: 10, counting the one cut in half)
    // and three either side, never more: six either side made every jump style, lay out and
    // render 22 rows (the CPU profile's biggest share of a scroll frame).
    await expect(mostRows).toBeLessThanOrEqual(Math.ceil(480 / 56) + 1 + 2 * 3);
    const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;
    frames.sort((a, b) => a - b);
    const result = {
      firstRenderMs: Math.round(firstRender),
      roundTripsToFirstRows: roundTrips,
      allLoadedMs: Math.round(loaded),
      scrollFrameMedianMs: +frames[Math.floor(steps / 2)]!.toFixed(1),
      scrollFrameP95Ms: +frames[Math.floor(steps * 0.95)]!.toFixed(1),
      // A jump that missed its frame waits a second vsync (33 ms at 60 Hz): more than 1.5 frames is a dropped one.
      scrollFramesDropped: frames.filter((f) => f > 25).length,
      rowsAddedPerFrameMedian: median(rowsAdded),
      rowsInDomMax: mostRows,
      reactCommitsPerFrameMedian: median(commitsPerFrame),
    };
    console.log(`[bench:overview] ${count} ${JSON.stringify(result)}`);
    canvasElement.setAttribute('data-bench', JSON.stringify(result));
  };
}

/**
 * 10,000 sessions. Only the rows in view are in the DOM, and the first rows show after
 * one small window while the rest loads. The play function measures the first render,
 * the whole period loaded and a scroll through the whole list.
 */
export const TenThousandSessions: Story = {
  parameters: { sessionLinks: { scenario: 'busy-calendar' } },
  args: { from: new Date(Date.now() - 30 * day).toISOString(), to: new Date(Date.now() + 120 * day).toISOString() },
  render: (args) => <TimedOverview {...args} />,
  // Heavier than the other stories: up to 25 s on a busy machine (the test time-out is 30 s).
  play: benchPlay(10_000, 25_000),
};

/**
 * 100,000 sessions over about 18 months, for `pnpm bench:overview` only (seeding the
 * mocks with them takes seconds: not in the test runs).
 */
export const HundredThousandSessions: Story = {
  tags: ['!test', '!autodocs'],
  parameters: { sessionLinks: { scenario: 'busy-calendar-100k' } },
  args: { from: new Date(Date.now() - 30 * day).toISOString(), to: new Date(Date.now() + 580 * day).toISOString() },
  render: (args) => <TimedOverview {...args} />,
  play: benchPlay(100_000, 120_000),
};

/**
 * A 320 px column (a sidebar): each session stacks its cells, and Staff and Why — where
 * the link comes from, the point of the widget — stay visible on every row.
 */
export const NarrowColumn: Story = {
  name: 'At 320 px: staff and why on every row',
  parameters: { sessionLinks: { width: 320 } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('11 sessions');
    // The rows rendered at the top of the list, then those at its bottom: all 11 between them.
    const scroller = canvasElement.querySelector('.sl-scroll') as HTMLElement;
    const top = rowsOf(canvasElement) as HTMLElement[];
    await expect(top.length).toBeGreaterThan(4);
    await checkStacked(top);
    scroller.scrollTop = scroller.scrollHeight;
    await waitFor(() => expect(rowsOf(canvasElement).at(-1)?.getAttribute('aria-rowindex')).toBe('12'));
    const bottom = rowsOf(canvasElement) as HTMLElement[];
    await checkStacked(bottom);
    await expect(new Set([...top, ...bottom].map((r) => r.getAttribute('aria-rowindex'))).size).toBe(11);
  },
};

/** Staff and Why visible inside each row, and every row as tall as the others. */
async function checkStacked(rows: HTMLElement[]) {
  for (const row of rows) {
    const cells = row.querySelectorAll('td');
    for (const cell of [cells[2], cells[4]] as HTMLElement[]) {
      await expect(cell).toBeVisible();
      await expect(cell.textContent?.trim()).not.toBe('');
      // Drawn inside its row, with room for text (not clipped to nothing).
      const box = cell.getBoundingClientRect();
      const rowBox = row.getBoundingClientRect();
      await expect(box.width).toBeGreaterThan(40);
      await expect(box.height).toBeGreaterThan(8);
      await expect(box.top).toBeGreaterThanOrEqual(rowBox.top - 0.5);
      await expect(box.bottom).toBeLessThanOrEqual(rowBox.bottom + 0.5);
    }
  }
  // Every row as tall as the first: the virtual list measures one and counts on the rest.
  const heights = new Set(rows.map((r) => Math.round(r.getBoundingClientRect().height)));
  await expect(heights.size).toBe(1);
}

/**
 * Between the stacked rows (up to 760 px) and a full page (an 800 px content column), the
 * table's When column is the narrowest it gets: the date and time wrap onto two lines instead
 * of ending in "29 Nov 2026, 1…" (seen in a screenshot under a host stylesheet), "Edit link"
 * is not cut off by its column, no column name runs into the next, and every row keeps the
 * one height the virtual list counts on. At 720 px the rows are stacked: every column was cut.
 */
export const MediumWidth: Story = {
  name: 'At 800 px: the whole date and time of every session',
  parameters: { sessionLinks: { width: 800 } },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('11 sessions');
    for (const th of Array.from(canvasElement.querySelectorAll('thead th')) as HTMLElement[]) {
      await expect(th.scrollWidth).toBeLessThanOrEqual(th.clientWidth + 1);
    }
    const rows = rowsOf(canvasElement) as HTMLElement[];
    await expect(rows.length).toBe(11);
    for (const row of rows) {
      const when = row.querySelector('td') as HTMLElement;
      await expect(when.textContent).toMatch(/\d{2}:\d{2}$/);
      // Nothing cut off: the cell's text fits its box both ways.
      await expect(when.scrollWidth).toBeLessThanOrEqual(when.clientWidth + 1);
      await expect(when.scrollHeight).toBeLessThanOrEqual(when.clientHeight + 1);
      // "Edit link" whole inside its cell (12% of 700 px cut it off).
      const edit = within(row).getByRole('button', { name: /^Edit link of/ });
      const cell = (edit.closest('td') as HTMLElement).getBoundingClientRect();
      await expect(edit.getBoundingClientRect().right).toBeLessThanOrEqual(cell.right + 0.5);
    }
    const heights = new Set(rows.map((r) => Math.round(r.getBoundingClientRect().height)));
    await expect([...heights]).toEqual([56]);
  },
};

/**
 * A full page (the example dashboard at 1280 px leaves the overview 1040 px): the Link column holds the longest
 * provider name, "Microsoft Teams", with its mark (12% cut it to "Microsoft…" and Google Meet
 * to "Google M…", seen in the example dashboard's screenshots), and the Dutch Why column holds
 * a staff member's own account ("Individueel account van Anna de…" was cut there).
 */
export const FullPageProviderNames: Story = {
  name: 'At 1040 px: whole provider names and staff provenance, in Dutch',
  parameters: { sessionLinks: { scenario: 'custom-default', width: 1040 } },
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('11 sessies');
    const rows = rowsOf(canvasElement) as HTMLElement[];
    const teams = rows.filter((r) => r.querySelector('td:nth-child(4)')?.textContent === 'Microsoft Teams');
    await expect(teams.length).toBeGreaterThan(0);
    const own = rows.filter((r) => r.querySelector('td:nth-child(5)')?.textContent?.includes('Anna de Vries'));
    await expect(own.length).toBeGreaterThan(0);
    for (const cell of [
      ...teams.map((r) => r.querySelector('td:nth-child(4)')),
      ...own.map((r) => r.querySelector('td:nth-child(5)')),
    ] as HTMLElement[]) {
      await expect(cell.scrollWidth).toBeLessThanOrEqual(cell.clientWidth + 1);
    }
    for (const row of rows) {
      const when = row.querySelector('td') as HTMLElement;
      await expect(when.scrollWidth).toBeLessThanOrEqual(when.clientWidth + 1);
    }
    const heights = new Set(rows.map((r) => Math.round(r.getBoundingClientRect().height)));
    await expect([...heights]).toEqual([56]);
  },
};

export const StackedAt720: Story = {
  name: 'At 720 px: stacked rows, nothing cut to an ellipsis',
  parameters: { sessionLinks: { width: 720 } },
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('11 sessies');
    const rows = rowsOf(canvasElement) as HTMLElement[];
    for (const row of rows) {
      await expect(getComputedStyle(row).display).toBe('grid');
      const [when, service, staff] = Array.from(row.querySelectorAll('td')) as HTMLElement[];
      for (const cell of [when, service, staff] as HTMLElement[]) {
        await expect(cell.scrollWidth).toBeLessThanOrEqual(cell.clientWidth + 1);
      }
    }
  },
};

/**
 * A host's phone column narrower than the phone (the example dashboard leaves 240 px): every
 * row still shows its whole date and time — "Bewerken" took that line's width as well and cut
 * it to "29 nov 202…" (seen in a screenshot) — and the button covers nothing.
 */
export const HostPhoneColumn: Story = {
  name: 'At 240 px: the whole date and time beside Dutch "Bewerken"',
  parameters: { sessionLinks: { width: 240 } },
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('11 sessies');
    const rows = rowsOf(canvasElement) as HTMLElement[];
    for (const row of rows) {
      const cells = Array.from(row.querySelectorAll('td')) as HTMLElement[];
      const [when, , , link, , edit] = cells as [HTMLElement, HTMLElement, HTMLElement, HTMLElement, HTMLElement, HTMLElement];
      await expect(when.scrollWidth).toBeLessThanOrEqual(when.clientWidth + 1);
      const button = (edit.querySelector('button') as HTMLElement).getBoundingClientRect();
      for (const other of [when, link]) {
        const box = other.getBoundingClientRect();
        const overlaps = box.top < button.bottom && button.top < box.bottom && box.left < button.right && button.left < box.right;
        await expect(overlaps).toBe(false);
      }
    }
    const heights = new Set(rows.map((r) => Math.round(r.getBoundingClientRect().height)));
    await expect(heights.size).toBe(1);
  },
};

export const Dutch: Story = {
  globals: { locale: 'nl' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('11 sessies')).toBeVisible();
    await expect(canvas.getByRole('combobox', { name: 'Medewerker' })).toBeVisible();
  },
};

/** R1: without a plan that includes online sessions there is nothing to list. */
export const UpgradeNeeded: Story = {
  parameters: { sessionLinks: { scenario: 'no-plan' } },
  args: { upgradeHref: 'https://bookings.example/plans' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Online sessions are not included in your plan')).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'See plans' })).toBeVisible();
    await expect(canvas.queryByRole('table')).toBeNull();
  },
};

/** R10: a staff member edits the links of their own sessions only. */
export const StaffMemberEditsOwnSessionsOnly: Story = {
  parameters: { sessionLinks: { signedInAs: 'anna' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('11 sessions');
    await waitFor(() => expect(canvas.getAllByRole('button', { name: /^Edit link of/ }).length).toBeGreaterThan(0));
    for (const row of rowsOf(canvasElement)) {
      const staff = row.querySelectorAll('td')[2]?.textContent;
      const edit = within(row as HTMLElement).queryByRole('button', { name: /^Edit link of/ });
      await expect(edit !== null).toBe(staff === 'Anna de Vries');
    }
  },
};

/**
 * A host's own list from the hook and the parts only: cards instead of the table, the
 * staff filter alone, and the widget's edit dialog.
 */
function CustomOverview({ from, to }: { from: string; to: string }) {
  const overview = useSessionsOverview({ from, to, headingLevel: 2 });
  return (
    <SessionsOverviewRoot value={overview} style={{ maxWidth: 480 }}>
      <SessionsOverviewTitle>This week's online sessions</SessionsOverviewTitle>
      <SessionsOverviewGate>
        <div className="sl-filters">
          <SessionsOverviewStaffFilter />
          <SessionsOverviewCount />
        </div>
        <SessionsOverviewEmpty />
        {overview.state === 'ready' ? (
          <ul className="host-session-cards" aria-label="Sessions">
            {overview.rows.map((row) => (
              <li key={row.session.id} data-source={row.resolution.status === 'linked' ? row.resolution.source : undefined}>
                <strong>{overview.serviceOf(row)?.name}</strong> · {overview.when(row)} · {overview.staffOf(row)?.name ?? 'Unassigned'}
                {overview.canEdit(row) ? (
                  <button type="button" className="sl-button" data-size="small" onClick={() => overview.edit(row.session.id)}>
                    Change link of {overview.serviceOf(row)?.name}, {overview.when(row)}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        <SessionsOverviewEditDialog />
      </SessionsOverviewGate>
    </SessionsOverviewRoot>
  );
}

export const CustomUi: Story = {
  name: 'Custom UI from the hook and the parts',
  render: (args) => <CustomOverview from={args.from} to={args.to} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('11 sessions')).toBeVisible();
    await expect(canvas.getByRole('region', { name: "This week's online sessions" })).toHaveAttribute('data-state', 'ready');
    await canvas.findByRole('option', { name: 'Bram Jansen' });
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Staff member' }), 'Bram Jansen');
    await expect(await canvas.findByText('2 sessions')).toBeVisible();
    const cards = within(canvas.getByRole('list', { name: 'Sessions' }));
    await expect(cards.getAllByRole('listitem')).toHaveLength(2);
    // The main flow: open a session's link from the list, in the widget's own dialog.
    await userEvent.click(cards.getAllByRole('button', { name: /^Change link of/ })[0] as HTMLElement);
    const dialog = within(await within(document.body).findByRole('dialog'));
    await expect(await dialog.findByRole('heading', { name: 'Online session link' })).toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(within(document.body).queryByRole('dialog')).toBeNull());
  },
};
