import {
  type Account,
  createSiteSnapshot,
  type Link,
  meetingKey,
  type NoLinkReason,
  PROVIDER_NAMES,
  type Resolution,
  resolveSessionLinks,
  type Service,
  type Session,
} from '@session-links/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';

const zoom = (id: string, health: Account['health'] = 'connected'): Account => ({
  id,
  kind: 'zoom',
  health,
  user: { email: `${id}@example.com`, name: id },
});
const services: Service[] = [
  { id: 'coaching', name: 'Coaching (appointment)', kind: 'appointment', online: true },
  { id: 'yoga', name: 'Yoga (class)', kind: 'class', online: true },
  { id: 'pottery', name: 'Pottery (course)', kind: 'course', online: true },
  { id: 'massage', name: 'Massage (on site)', kind: 'appointment', online: false },
];
const staffNames: Record<string, string> = { anna: 'Anna', bram: 'Bram', chris: 'Chris' };
const staff = [
  { id: 'anna', account: zoom('anna-zoom') },
  {
    id: 'bram',
    account: {
      id: 'bram-meet',
      kind: 'custom',
      health: 'connected',
      provider: 'google-meet',
      link: { url: 'https://meet.google.com/bra-mmm-eet' },
    } as Account,
  },
  { id: 'chris', account: zoom('chris-zoom', 'expired') },
];
const s = (id: string, serviceId: string, staffId: string | null, override: Session['override'] = null): Session => ({
  id,
  serviceId,
  staffId,
  start: '2030-03-04T10:00:00Z',
  end: '2030-03-04T11:00:00Z',
  override,
  version: 1,
});
const sessions: Session[] = [
  s('1', 'coaching', 'anna'),
  s('2', 'coaching', 'bram'),
  s('3', 'yoga', 'chris'),
  s('4', 'yoga', null),
  s('5', 'pottery', 'anna'),
  s('6', 'massage', 'anna'),
  s('7', 'massage', 'bram', { kind: 'link', link: { type: 'CUSTOM', provider: 'whereby', guestUrl: 'https://whereby.com/one-off' } }),
  s('8', 'yoga', 'anna', { kind: 'removed' }),
];

const REASONS: Record<NoLinkReason, string> = {
  NO_PLAN: 'No link: the plan does not include online sessions',
  NO_DEFAULT_ACCOUNT: 'No link: the site has no default account',
  OFFLINE: 'No link: this service takes place on site',
  REMOVED: 'No link: removed from this session',
  ACCOUNT_UNHEALTHY: 'No link: the default account needs reconnecting',
  PROVIDER_MEETING_PENDING: 'No link yet: the Zoom meeting is being created',
  PROVIDER_NOT_CONFIGURED: 'No link: Zoom is not set up on the server',
  NO_MEETING_ACCOUNT: 'No link: no connected video-conferencing account can make this session’s meeting',
  NO_MEETING_MADE: 'No link: the session has started and no meeting was made for it',
};

// The meetings a server would have made for every Zoom account and session (R22).
const meetings = new Map<string, Link>(
  ['site-zoom', 'anna-zoom', 'chris-zoom'].flatMap((a) =>
    sessions.map((x): [string, Link] => [
      meetingKey(a, x.id),
      { type: 'ZOOM', provider: 'zoom', guestUrl: `https://zoom.us/j/${a.length}00${x.id}`, meetingId: `${a.length}00${x.id}` },
    ]),
  ),
);

function explain(r: Resolution, staffId: string | null): string {
  if (r.status === 'none') return REASONS[r.reason];
  const who = staffId ? staffNames[staffId] : undefined;
  const warning = r.warnings.includes('STAFF_ACCOUNT_UNHEALTHY') ? ` (${who}'s own account has expired)` : '';
  switch (r.source) {
    case 'session':
      return 'Set on this session';
    case 'course':
      return "The course's own link";
    case 'staff':
      return `${who}'s own account, instead of the site default`;
    case 'default':
      return `Site default${warning}`;
  }
}

const cell = { textAlign: 'start', verticalAlign: 'top', padding: '4px 12px 4px 0' } as const;

function ResolutionTable({ defaultAccount, plan }: { defaultAccount: Account | null; plan: boolean }) {
  const site = createSiteSnapshot({ plan: { includesOnlineSessions: plan }, defaultAccount, services, staff, courseLinks: [], meetings });
  const rows = resolveSessionLinks(sessions, site);
  return (
    // Rows stay one or two lines; in a 320 px frame the table scrolls sideways inside its own region (focusable, so a
    // keyboard can scroll it) instead of running off the page.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section aria-labelledby="resolution-caption" tabIndex={0} style={{ overflowX: 'auto', padding: 16 }}>
      <table style={{ borderCollapse: 'collapse', font: '14px/1.4 system-ui, sans-serif', minWidth: 640 }}>
        <caption id="resolution-caption" style={{ textAlign: 'start', fontWeight: 600, paddingBottom: 8 }}>
          Sessions and where their link comes from
        </caption>
        <thead>
          <tr>
            {['Service', 'Staff', 'Link', 'Why'].map((name) => (
              <th key={name} scope="col" style={{ ...cell, fontWeight: 600 }}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ session, resolution }) => (
            <tr key={session.id} data-status={resolution.status}>
              <td style={cell}>{services.find((x) => x.id === session.serviceId)?.name}</td>
              <td style={cell}>{session.staffId ? staffNames[session.staffId] : '—'}</td>
              <td style={cell}>
                {resolution.status === 'linked' ? `${PROVIDER_NAMES[resolution.link.provider]}: ${resolution.link.guestUrl}` : '—'}
              </td>
              <td style={cell}>{explain(resolution, session.staffId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const meta = {
  title: 'Overview/Link resolution',
  component: ResolutionTable,
  args: { defaultAccount: zoom('site-zoom'), plan: true },
} satisfies Meta<typeof ResolutionTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const ZoomDefault: Story = {
  play: async ({ canvasElement }) => {
    const table = within(canvasElement);
    await expect(table.getByText("Anna's own account, instead of the site default")).toBeVisible();
    await expect(table.getByText("Site default (Chris's own account has expired)")).toBeVisible();
    await expect(table.getByText('No link: this service takes place on site')).toBeVisible();
    await expect(table.getByText('Set on this session')).toBeVisible();
  },
};

export const NoDefaultAccount: Story = {
  args: { defaultAccount: null },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByText('No link: the site has no default account')).toHaveLength(sessions.length);
  },
};

export const NoPlan: Story = {
  args: { plan: false },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByText(/plan does not include/)).toHaveLength(sessions.length);
  },
};
