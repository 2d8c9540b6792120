import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Account,
  checkLinkUrl,
  createSiteSnapshot,
  customLinkSchema,
  DESCRIPTION_MAX,
  type Link,
  meetingKey,
  PASSWORD_MAX,
  type Resolution,
  resolveSessionLinks,
  type Session,
  URL_MAX,
} from '../src';
import { custom, service, session, staff, zoom } from './fixtures';

// A small world: a plan, a default account, two staff members with or without accounts of
// their own (healthy or not), an optional course link, and sessions of every service kind.
const health = fc.constantFrom<Account['health']>('connected', 'expired', 'error');
const accountArb = (id: string) =>
  fc.oneof(
    health.map((h) => zoom(id, h)),
    fc.tuple(health, fc.constantFrom('https://meet.google.com/aaa', 'https://whereby.com/bbb')).map(([h, url]) => custom(id, url, h)),
  );
const OVERRIDE_URL = 'https://o.example/session';
const COURSE_URL = 'https://course.example/pottery';
const override = fc.constantFrom<Session['override']>(
  null,
  null,
  { kind: 'removed' },
  { kind: 'link', link: { type: 'CUSTOM', provider: 'other', guestUrl: OVERRIDE_URL } },
);
const sessionArb = fc.record({
  serviceId: fc.constantFrom('appt', 'class', 'course', 'offline'),
  staffId: fc.constantFrom(null, 'anna', 'bram', 'nobody'),
  override,
});
const world = fc.record({
  plan: fc.boolean(),
  def: fc.option(accountArb('default'), { nil: null }),
  anna: fc.option(accountArb('anna-own'), { nil: null }),
  bram: fc.option(accountArb('bram-own'), { nil: null }),
  courseLink: fc.boolean(),
  sessions: fc.array(sessionArb, { maxLength: 40 }),
});
type World = {
  plan: boolean;
  def: Account | null;
  anna: Account | null;
  bram: Account | null;
  courseLink: boolean;
  sessions: { serviceId: string; staffId: string | null; override: Session['override'] }[];
};

/** The meetings the server has made (R22): one per Zoom account and session, each its own. */
const madeMeetings = (w: World) => {
  const meetings = new Map<string, Link>();
  for (const account of [w.def, w.anna, w.bram]) {
    if (account?.kind !== 'zoom') continue;
    w.sessions.forEach((_, i) => {
      const id = `${account.id}-${i}`;
      meetings.set(meetingKey(account.id, `s${i}`), { type: 'ZOOM', provider: 'zoom', guestUrl: `https://zoom.us/j/${id}`, meetingId: id });
    });
  }
  return meetings;
};

const build = (w: World, options: { meetingsMade?: boolean } = {}) => {
  const site = createSiteSnapshot({
    plan: { includesOnlineSessions: w.plan },
    defaultAccount: w.def,
    services: [service('appt', 'appointment'), service('class', 'class'), service('course', 'course'), service('offline', 'class', false)],
    staff: [staff('anna', w.anna), staff('bram', w.bram)],
    courseLinks: w.courseLink ? [{ serviceId: 'course', link: { url: COURSE_URL } }] : [],
    meetings: options.meetingsMade === false ? new Map() : madeMeetings(w),
  });
  return resolveSessionLinks(
    w.sessions.map((s, i) => session(`s${i}`, s.serviceId, s.staffId, s.override)),
    site,
  );
};
const ownAccount = (w: World, staffId: string | null) => (staffId === 'anna' ? w.anna : staffId === 'bram' ? w.bram : null);
const runs = { numRuns: 200 };

/**
 * What the spec says one session gets, rule by rule (R1, R8, R7, R5, R4, R17), written
 * from the spec's wording rather than from the implementation's branches.
 */
type Expected =
  | { status: 'linked'; source: 'session' | 'course' | 'staff' | 'default'; accountId: string | null; url?: string; warnings: string[] }
  | { status: 'none'; reason: string; warnings: string[] };
function expected(w: World, s: World['sessions'][number]): Expected {
  if (!w.plan) return { status: 'none', reason: 'NO_PLAN', warnings: [] }; // R1
  if (w.def === null) return { status: 'none', reason: 'NO_DEFAULT_ACCOUNT', warnings: [] }; // R8, overrides included
  if (s.override?.kind === 'removed') return { status: 'none', reason: 'REMOVED', warnings: [] }; // R7
  if (s.override?.kind === 'link') return { status: 'linked', source: 'session', accountId: null, url: OVERRIDE_URL, warnings: [] };
  if (s.serviceId === 'offline') return { status: 'none', reason: 'OFFLINE', warnings: [] };
  const def = w.def;
  const viaDefault = (warnings: string[]): Expected =>
    def.health === 'connected'
      ? { status: 'linked', source: 'default', accountId: def.id, warnings }
      : { status: 'none', reason: 'ACCOUNT_UNHEALTHY', warnings }; // R17: no silent fallback
  if (s.serviceId === 'course') {
    // R5: the course's own link, else the default; never a staff account.
    return w.courseLink ? { status: 'linked', source: 'course', accountId: null, url: COURSE_URL, warnings: [] } : viaDefault([]);
  }
  const own = ownAccount(w, s.staffId); // R4
  if (own === null) return viaDefault([]);
  return own.health === 'connected'
    ? { status: 'linked', source: 'staff', accountId: own.id, warnings: [] }
    : viaDefault(['STAFF_ACCOUNT_UNHEALTHY']);
}
const actual = (r: Resolution): Expected =>
  r.status === 'linked'
    ? {
        status: 'linked',
        source: r.source,
        accountId: r.accountId,
        ...(r.source === 'session' || r.source === 'course' ? { url: r.link.guestUrl } : {}),
        warnings: [...r.warnings],
      }
    : { status: 'none', reason: r.reason, warnings: [...r.warnings] };

describe('resolution properties', () => {
  it('R1: without the plan no session has a link, overrides included, and the reason says so', () => {
    fc.assert(
      fc.property(world, (w) => {
        for (const { resolution } of build({ ...w, plan: false })) {
          expect(resolution).toMatchObject({ status: 'none', reason: 'NO_PLAN' });
        }
      }),
      runs,
    );
  });

  it('R8: without a default no session has a link, not even with a staff account or an override; reconnecting brings them back', () => {
    fc.assert(
      fc.property(world, accountArb('default'), (w, reconnected) => {
        for (const { resolution } of build({ ...w, plan: true, def: null })) {
          expect(resolution).toMatchObject({ status: 'none', reason: 'NO_DEFAULT_ACCOUNT' });
        }
        // With a healthy default back, every online session that was not taken off line has a link again.
        const back = build({ ...w, plan: true, def: { ...reconnected, health: 'connected' } });
        back.forEach(({ resolution }, i) => {
          const s = w.sessions[i]!;
          const offline = s.override?.kind === 'removed' || (s.override === null && s.serviceId === 'offline');
          expect(resolution.status).toBe(offline ? 'none' : 'linked');
        });
      }),
      runs,
    );
  });

  it('R3: a custom account gives every session its one URL; a Zoom account a meeting of its own per session, the same on every resolve', () => {
    fc.assert(
      fc.property(world, (w) => {
        const first = build({ ...w, plan: true });
        const again = build({ ...w, plan: true });
        const accounts = new Map([w.def, w.anna, w.bram].filter((a): a is Account => a !== null).map((a) => [a.id, a]));
        const zoomUrls: string[] = [];
        first.forEach(({ resolution: r }, i) => {
          if (r.status !== 'linked' || r.accountId === null) return;
          const account = accounts.get(r.accountId)!;
          if (account.kind === 'custom') {
            expect(r.link).toMatchObject({ type: 'CUSTOM', guestUrl: account.link.url });
          } else {
            expect(r.link.type).toBe('ZOOM');
            zoomUrls.push(r.link.guestUrl);
          }
          expect(again[i]!.resolution).toEqual(r);
        });
        expect(new Set(zoomUrls).size).toBe(zoomUrls.length);
      }),
      runs,
    );
  });

  it('R22: a Zoom link exists only once the server made its meeting; until then the reason says it is pending', () => {
    fc.assert(
      fc.property(world, (w) => {
        const made = build({ ...w, plan: true });
        build({ ...w, plan: true }, { meetingsMade: false }).forEach(({ resolution: r }, i) => {
          const withMeeting = made[i]!.resolution;
          if (withMeeting.status === 'linked' && withMeeting.link.type === 'ZOOM' && withMeeting.source !== 'session') {
            expect(r).toMatchObject({ status: 'none', reason: 'PROVIDER_MEETING_PENDING' });
          } else {
            expect(r).toEqual(withMeeting);
          }
        });
      }),
      runs,
    );
  });

  it('R15: every session names the source or reason of the rule that applied (R4, R5, R7, R8, R17 in order)', () => {
    fc.assert(
      fc.property(world, (w) => {
        build(w).forEach(({ resolution }, i) => {
          expect(actual(resolution)).toEqual(expected(w, w.sessions[i]!));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('R17: an unhealthy account never gives a link; a staff member’s falls back to the default visibly, an unhealthy default gives none', () => {
    fc.assert(
      fc.property(world, (w) => {
        const resolved = build({ ...w, plan: true });
        resolved.forEach(({ session: s, resolution: r }) => {
          const own = ownAccount(w, s.staffId);
          if (r.status === 'linked' && r.source === 'default') expect(w.def?.health).toBe('connected');
          if (r.status === 'linked' && r.source === 'staff') expect(own?.health).toBe('connected');
          const usesAccounts = s.override === null && (s.serviceId === 'appt' || s.serviceId === 'class') && w.def !== null;
          if (usesAccounts && own !== null && own.health !== 'connected') {
            expect(r.warnings).toContain('STAFF_ACCOUNT_UNHEALTHY');
            if (w.def!.health === 'connected') expect(r).toMatchObject({ status: 'linked', source: 'default' });
          }
          if (usesAccounts && w.def!.health !== 'connected' && (own === null || own.health !== 'connected')) {
            expect(r).toMatchObject({ status: 'none', reason: 'ACCOUNT_UNHEALTHY' });
          }
        });
      }),
      runs,
    );
  });
});

const decodedOrSelf = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

describe('custom link input properties (R11)', () => {
  const schemes = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9+.-]{0,9}$/).filter((s) => !/^https?$/i.test(s));
  const space = fc.constantFrom('', ' ', '  ', '\t', '\n ');

  it('a well-formed public web address is accepted, trimmed and stored in its normalised form (R21)', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https'] }), space, space, (url, before, after) => {
        fc.pre(url.length <= URL_MAX && !/localhost/i.test(new URL(url).hostname));
        // R21 refuses invisible characters also when percent-encoded (browsers show them decoded):
        // such an address is not "well-formed" for this property (e.g. `/%F3%A0%80%80`, U+E0000).
        fc.pre(!/[\p{Default_Ignorable_Code_Point}\p{Cf}]/u.test(decodedOrSelf(url)));
        const parsed = customLinkSchema.safeParse({ url: `${before}${url}${after}` });
        expect(parsed.success).toBe(true);
        if (parsed.success) expect(parsed.data.url).toBe(new URL(url).href);
      }),
    );
  });

  it('any other scheme is refused, however it is spelled', () => {
    fc.assert(
      fc.property(schemes, fc.constantFrom('//example.com/x', 'alert(1)', 'text/html,<b>x</b>', ''), (scheme, rest) => {
        expect(checkLinkUrl(`${scheme}:${rest}`)).toBe('url.scheme');
        expect(customLinkSchema.safeParse({ url: `${scheme}:${rest}` }).success).toBe(false);
      }),
    );
  });

  it('too long is refused: URL over 2,048, password over 128, description over 500 characters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (extra) => {
        const url = `https://meet.example/${'a'.repeat(URL_MAX - 21 + extra)}`;
        expect(checkLinkUrl(url)).toBe('url.tooLong');
        const ok = 'https://meet.example/x';
        expect(customLinkSchema.safeParse({ url: ok, password: 'p'.repeat(PASSWORD_MAX + extra) }).success).toBe(false);
        expect(customLinkSchema.safeParse({ url: ok, description: 'd'.repeat(DESCRIPTION_MAX + extra) }).success).toBe(false);
        expect(customLinkSchema.safeParse({ url: ok, password: 'p'.repeat(PASSWORD_MAX) }).success).toBe(true);
      }),
    );
  });

  it('an empty or blank optional field is stored as absent, never as an empty string', () => {
    fc.assert(
      fc.property(space, space, (password, description) => {
        const parsed = customLinkSchema.safeParse({ url: 'https://meet.example/x', password, description });
        expect(parsed.success).toBe(true);
        if (parsed.success) expect(parsed.data).toEqual({ url: 'https://meet.example/x' });
      }),
    );
  });
});
