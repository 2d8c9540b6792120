// Link resolution benchmark: `pnpm bench`. Prints the median time to resolve a
// calendar of 10,000 and 100,000 sessions in this process, with every Zoom meeting
// already made and stored (R22), as the server resolves them.
import {
  type Account,
  createSiteSnapshot,
  type Link,
  meetingKey,
  resolveSessionLinks,
  type Service,
  type Session,
} from '@session-links/core';

const zoomAccount = (id: string): Account => ({
  id,
  kind: 'zoom',
  health: 'connected',
  user: { email: `${id}@example.com`, name: id },
});
const customAccount = (id: string, url: string): Account => ({ id, kind: 'custom', health: 'connected', provider: 'other', link: { url } });

const services: Service[] = [
  { id: 'appt', name: 'Coaching', kind: 'appointment', online: true },
  { id: 'class', name: 'Yoga', kind: 'class', online: true },
  { id: 'course', name: 'Pottery', kind: 'course', online: true },
  { id: 'onsite', name: 'Massage', kind: 'appointment', online: false },
];
const makeStaff = () =>
  Array.from({ length: 20 }, (_, i) => ({
    id: `staff-${i}`,
    account: i % 3 === 0 ? zoomAccount(`z-${i}`) : i % 3 === 1 ? customAccount(`c-${i}`, `https://meet.google.com/room-${i}`) : null,
  }));
const staff = makeStaff();
const zoomIds = ['site', ...staff.flatMap((s) => (s.account?.kind === 'zoom' ? [s.account.id] : []))];
/** The meetings the server stored: one per Zoom account and session (more than resolution needs, as a store would hold). */
function storedMeetings(sessions: readonly Session[]): Map<string, Link> {
  const meetings = new Map<string, Link>();
  for (const s of sessions) {
    for (const accountId of zoomIds) {
      const id = `${accountId}-${s.id}`;
      meetings.set(meetingKey(accountId, s.id), { type: 'ZOOM', provider: 'zoom', guestUrl: `https://zoom.us/j/${id}`, meetingId: id });
    }
  }
  return meetings;
}
const makeSite = (meetings: ReadonlyMap<string, Link>) =>
  createSiteSnapshot({
    plan: { includesOnlineSessions: true },
    defaultAccount: zoomAccount('site'),
    services,
    staff,
    courseLinks: [{ serviceId: 'course', link: { url: 'https://whereby.com/pottery' } }],
    meetings,
  });

function calendar(n: number, mix = true): Session[] {
  const start = Date.parse('2030-01-01T08:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const s = new Date(start + i * 30 * 60_000).toISOString();
    return {
      id: `session-${i}`,
      serviceId: mix ? services[i % services.length]!.id : 'class',
      staffId: !mix || i % 7 === 0 ? null : `staff-${i % 20}`,
      start: s,
      end: s,
      override: i % 50 === 0 ? { kind: 'removed' as const } : null,
      version: 1,
    };
  });
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const rows: { calendar: string; sessions: string; resolve: string; perSession: string; snapshotAndResolve: string }[] = [];
for (const [label, n, mix] of [
  ['mixed', 10_000, true],
  ['mixed', 100_000, true],
  ['all Zoom', 10_000, false],
  ['all Zoom', 100_000, false],
] as const) {
  const sessions = calendar(n, mix);
  const meetings = storedMeetings(sessions);
  const site = makeSite(meetings);
  let sink = 0;
  for (let i = 0; i < 20; i++) sink += resolveSessionLinks(sessions, site).length; // warm up the JIT
  const times: number[] = [];
  const runs = n >= 100_000 ? 30 : 200;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink += resolveSessionLinks(sessions, site).length;
    times.push(performance.now() - t0);
  }
  if (sink === 0) throw new Error('nothing resolved');
  const linked = resolveSessionLinks(sessions, site).filter((r) => r.resolution.status === 'linked').length;
  if (linked < n / 2) throw new Error(`only ${linked} of ${n} sessions linked: meetings missing?`);
  const m = median(times);
  // What a request pays: index the stored meetings into a snapshot, then resolve.
  const whole: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    sink += resolveSessionLinks(sessions, makeSite(new Map(meetings))).length;
    whole.push(performance.now() - t0);
  }
  rows.push({
    calendar: label,
    sessions: n.toLocaleString('en'),
    resolve: `${m.toFixed(2)} ms`,
    perSession: `${((m * 1e6) / n).toFixed(0)} ns`,
    snapshotAndResolve: `${median(whole).toFixed(2)} ms`,
  });
}
console.log(
  `resolveSessionLinks, Node ${process.version}: median ms over stored meetings; snapshotAndResolve also copies the meetings map into a fresh snapshot`,
);
console.table(rows);
console.log(
  'mixed: appointments, classes, a course with its own link and on-site sessions; 20 staff (1/3 Zoom, 1/3 custom); site default Zoom.\nall Zoom: every session resolves to its own Zoom meeting from the site default.',
);
