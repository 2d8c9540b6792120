import fc from 'fast-check';
import { describe, it } from 'vitest';
import { type Account, createSiteSnapshot, type Link, meetingKey, resolveSessionLinks, type Session } from '../src';
import { custom, service, session, staff, zoom } from './fixtures';

const health = fc.constantFrom<Account['health']>('connected', 'expired', 'error');
const account = fc.oneof(
  health.map((h) => zoom('z', h)),
  health.map((h) => custom('c', 'https://meet.google.com/x', h)),
);
const override = fc.constantFrom<Session['override']>(
  null,
  { kind: 'removed' },
  { kind: 'link', link: { type: 'CUSTOM', provider: 'other', guestUrl: 'https://o.example' } },
);
const sessionArb = fc.record({
  serviceId: fc.constantFrom('appt', 'class', 'course', 'offline'),
  staffId: fc.constantFrom(null, 'anna', 'bram', 'nobody'),
  override,
});
const world = fc.record({
  plan: fc.boolean(),
  def: fc.option(account, { nil: null }),
  anna: fc.option(account, { nil: null }),
  bram: fc.option(account, { nil: null }),
  sessions: fc.array(sessionArb, { maxLength: 40 }),
});

type World = {
  plan: boolean;
  def: Account | null;
  anna: Account | null;
  bram: Account | null;
  sessions: { serviceId: string; staffId: string | null; override: Session['override'] }[];
};
const build = (w: World) => {
  const site = createSiteSnapshot({
    plan: { includesOnlineSessions: w.plan },
    defaultAccount: w.def,
    services: [service('appt', 'appointment'), service('class', 'class'), service('course', 'course'), service('offline', 'class', false)],
    staff: [staff('anna', w.anna), staff('bram', w.bram)],
    // The server has made a meeting for every session of Zoom account `z` (R22).
    meetings: new Map(
      w.sessions.map((_, i): [string, Link] => [
        meetingKey('z', `s${i}`),
        { type: 'ZOOM', provider: 'zoom', guestUrl: `https://zoom.us/j/${i}`, meetingId: String(i) },
      ]),
    ),
  });
  return resolveSessionLinks(
    w.sessions.map((s, i) => session(`s${i}`, s.serviceId, s.staffId, s.override)),
    site,
  );
};

describe('resolution properties', () => {
  it('never a link without a plan or without a default account (R1, R8)', () => {
    fc.assert(
      fc.property(world, (w) => {
        const resolved = build(w);
        if (w.plan && w.def !== null) return true;
        return resolved.every((r) => r.resolution.status === 'none');
      }),
      { numRuns: 500 },
    );
  });
  it('a custom default gives every default-sourced session the same URL; a Zoom default distinct meetings (R3)', () => {
    fc.assert(
      fc.property(world, (w) => {
        const urls = build({ ...w, plan: true }).flatMap((r) =>
          r.resolution.status === 'linked' && r.resolution.source === 'default' ? [r.resolution.link.guestUrl] : [],
        );
        if (w.def?.kind === 'custom') return new Set(urls).size <= 1;
        if (w.def?.kind === 'zoom') return new Set(urls).size === urls.length;
        return urls.length === 0;
      }),
      { numRuns: 500 },
    );
  });
  it('every linked session names its source and every unlinked one its reason (R15)', () => {
    fc.assert(
      fc.property(world, (w) => build(w).every((r) => (r.resolution.status === 'linked' ? !!r.resolution.source : !!r.resolution.reason))),
    );
  });
  it('an unhealthy account never produces a link (R17)', () => {
    fc.assert(
      fc.property(world, (w) =>
        build(w).every(({ session: s, resolution: r }) => {
          if (r.status !== 'linked') return true;
          if (r.source === 'default') return w.def?.health === 'connected';
          if (r.source === 'staff') return (s.staffId === 'anna' ? w.anna : w.bram)?.health === 'connected';
          return true;
        }),
      ),
    );
  });
});
