import type { CustomLink } from './custom-link';
import { type ConnectedProvider, recognizeProvider } from './provider';
import type {
  Account,
  ConnectedAccount,
  CourseLink,
  Link,
  Plan,
  Resolution,
  ResolutionWarning,
  ResolvedSession,
  Service,
  Session,
  StaffMember,
} from './schemas';

/** The key of a stored meeting in {@link SiteSnapshot.meetings}: one per account and session (R3, R22). */
export function meetingKey(accountId: string, sessionId: string): string {
  return `${accountId}:${sessionId}`;
}

/** A made meeting's link (R22): `ZOOM` for Zoom's, `MEETING` for another connected provider's (R31). */
export function meetingLink(provider: ConnectedProvider, guestUrl: string, meetingId: string): Link {
  return { type: provider === 'zoom' ? 'ZOOM' : 'MEETING', provider, guestUrl, meetingId };
}

/**
 * Everything a session's link depends on besides the session itself, indexed for
 * lookups. Build it once per change of settings, then resolve any number of sessions.
 */
export interface SiteSnapshot {
  readonly plan: Pick<Plan, 'includesOnlineSessions'>;
  readonly defaultAccount: Account | null;
  readonly services: ReadonlyMap<string, Service>;
  readonly staff: ReadonlyMap<string, Pick<StaffMember, 'id' | 'account'>>;
  /** A course's own custom link, by service id; absent or null: the course uses the default. */
  readonly courseLinks: ReadonlyMap<string, CustomLink | null>;
  /**
   * Meetings the server has made, by {@link meetingKey} (account id + session id).
   * A connected account with no meeting here for a session gives `PROVIDER_MEETING_PENDING` (R22),
   * or `NO_MEETING_MADE` once the session is past (see `now`):
   * resolution never makes a meeting up.
   */
  readonly meetings: ReadonlyMap<string, Link>;
  /**
   * "Now" (ms since the epoch): a session starting before it is past, and a meeting not made
   * for it is not waited for (the server plans meetings for upcoming sessions, R22): it resolves
   * as `NO_MEETING_MADE`, not pending. Absent: no session counts as past.
   */
  readonly now?: number;
}

export interface SiteSnapshotInput {
  plan: Pick<Plan, 'includesOnlineSessions'>;
  defaultAccount: Account | null;
  services: readonly Service[];
  staff: readonly Pick<StaffMember, 'id' | 'account'>[];
  courseLinks?: readonly Pick<CourseLink, 'serviceId' | 'link'>[];
  /** Stored meetings by {@link meetingKey}; none given: every meeting link is pending. */
  meetings?: ReadonlyMap<string, Link>;
  /** "Now", for which sessions are past (see {@link SiteSnapshot.now}); absent: none is. */
  now?: Date | string;
}

const NO_MEETINGS: ReadonlyMap<string, Link> = new Map();

export function createSiteSnapshot(input: SiteSnapshotInput): SiteSnapshot {
  return {
    plan: input.plan,
    defaultAccount: input.defaultAccount,
    services: new Map(input.services.map((s) => [s.id, s])),
    staff: new Map(input.staff.map((s) => [s.id, s])),
    courseLinks: new Map((input.courseLinks ?? []).map((c) => [c.serviceId, c.link])),
    meetings: input.meetings ?? NO_MEETINGS,
    ...(input.now === undefined ? {} : { now: new Date(input.now).getTime() }),
  };
}

const NO_WARNINGS: readonly ResolutionWarning[] = Object.freeze([]);
const STAFF_UNHEALTHY: readonly ResolutionWarning[] = Object.freeze(['STAFF_ACCOUNT_UNHEALTHY'] as const);

/** The link a custom link produces: the same for every session (R3). */
export function linkFromCustom(custom: CustomLink): Link {
  const link: Link = { type: 'CUSTOM', provider: recognizeProvider(custom.url), guestUrl: custom.url };
  if (custom.password !== undefined) link.password = custom.password;
  if (custom.description !== undefined) link.description = custom.description;
  return link;
}

/**
 * The link an account produces for one session (R3): the stored meeting of this account
 * and session for a connected provider (null while it is pending, R22), the one URL for custom.
 */
export function linkFromAccount(account: Account, sessionId: string, meetings: ReadonlyMap<string, Link>): Link | null {
  if (account.kind === 'custom') return linkFromCustom(account.link);
  return meetings.get(meetingKey(account.id, sessionId)) ?? null;
}

function none(reason: Extract<Resolution, { status: 'none' }>['reason'], warnings = NO_WARNINGS): Resolution {
  return { status: 'none', reason, warnings: warnings as ResolutionWarning[] };
}

/**
 * A meeting of this account not made (R22), naming the provider: pending while the session
 * is upcoming; once it has started, none was made in time (`NO_MEETING_MADE`), and nothing waits for it.
 */
function pending(session: Session, site: SiteSnapshot, account: Account, warnings = NO_WARNINGS): Resolution {
  const past = site.now !== undefined && Date.parse(session.start) < site.now;
  const r = none(past ? 'NO_MEETING_MADE' : 'PROVIDER_MEETING_PENDING', warnings) as Extract<Resolution, { status: 'none' }>;
  if (account.kind !== 'custom') r.provider = account.kind;
  return r;
}

function fromDefault(session: Session, account: Account, site: SiteSnapshot, warnings: readonly ResolutionWarning[]): Resolution {
  if (account.health !== 'connected') return none('ACCOUNT_UNHEALTHY', warnings);
  const link = linkFromAccount(account, session.id, site.meetings);
  if (link === null) return pending(session, site, account, warnings);
  return {
    status: 'linked',
    link,
    source: 'default',
    accountId: account.id,
    staffId: null,
    warnings: warnings as ResolutionWarning[],
  };
}

/**
 * Which link one session has and why (R1, R3–R8, R15, R17). In order:
 * no plan → none; no default account → none, overrides included (R8); a session
 * override wins (R7); an offline service has none; a course uses its own link or the
 * default (R5); otherwise the assigned staff member's healthy account (R4), else the
 * default, saying so when a staff account was skipped for being unhealthy (R17).
 */
export function resolveSessionLink(session: Session, site: SiteSnapshot): Resolution {
  if (!site.plan.includesOnlineSessions) return none('NO_PLAN');
  const def = site.defaultAccount;
  if (def === null) return none('NO_DEFAULT_ACCOUNT');

  const override = session.override;
  if (override !== null) {
    if (override.kind === 'removed') return none('REMOVED');
    if (override.kind === 'meeting') {
      // A meeting added by hand (R7): the server makes it; until then it is pending (R22).
      const account = handAddedMeetingAccount(session, override.accountId, site);
      if (account === null) return none('NO_MEETING_ACCOUNT');
      const meeting = site.meetings.get(meetingKey(account.id, session.id));
      // An unhealthy account's meeting made before still opens; it cannot make one now (R17).
      if (account.health !== 'connected' && meeting === undefined) return none('NO_MEETING_ACCOUNT');
      if (meeting === undefined) return pending(session, site, account);
      return {
        status: 'linked',
        link: meeting,
        source: 'session',
        accountId: account.id,
        staffId: null,
        warnings: NO_WARNINGS as ResolutionWarning[],
      };
    }
    return {
      status: 'linked',
      link: override.link,
      source: 'session',
      accountId: null,
      staffId: null,
      warnings: NO_WARNINGS as ResolutionWarning[],
    };
  }

  const service = site.services.get(session.serviceId);
  if (service === undefined || !service.online) return none('OFFLINE');

  if (service.kind === 'course') {
    const courseLink = site.courseLinks.get(service.id);
    if (courseLink) {
      return {
        status: 'linked',
        link: linkFromCustom(courseLink),
        source: 'course',
        accountId: null,
        staffId: null,
        warnings: NO_WARNINGS as ResolutionWarning[],
      };
    }
    return fromDefault(session, def, site, NO_WARNINGS);
  }

  const staffAccount = session.staffId === null ? null : (site.staff.get(session.staffId)?.account ?? null);
  if (staffAccount !== null) {
    if (staffAccount.health === 'connected') {
      const link = linkFromAccount(staffAccount, session.id, site.meetings);
      if (link === null) return pending(session, site, staffAccount);
      return {
        status: 'linked',
        link,
        source: 'staff',
        accountId: staffAccount.id,
        staffId: session.staffId,
        warnings: NO_WARNINGS as ResolutionWarning[],
      };
    }
    return fromDefault(session, def, site, STAFF_UNHEALTHY);
  }
  return fromDefault(session, def, site, NO_WARNINGS);
}

/** Resolves a whole calendar at once; same rules as {@link resolveSessionLink}. */
export function resolveSessionLinks(sessions: readonly Session[], site: SiteSnapshot): ResolvedSession[] {
  const out = new Array<ResolvedSession>(sessions.length);
  for (let i = 0; i < sessions.length; i++) {
    const session = sessions[i] as Session;
    out[i] = { session, resolution: resolveSessionLink(session, site) };
  }
  return out;
}

/**
 * The connected account a meeting for this session would come from (R7): the assigned
 * staff member's if it is a healthy connected account (Zoom, Google Meet, Teams), else the
 * site default's if it is one, else none (only a custom link can be added).
 */
export function applicableMeetingAccount(
  session: Pick<Session, 'staffId'>,
  site: SiteSnapshot,
): { account: ConnectedAccount; from: 'staff' | 'default' } | null {
  const staffAccount = session.staffId === null ? null : (site.staff.get(session.staffId)?.account ?? null);
  if (staffAccount && staffAccount.kind !== 'custom' && staffAccount.health === 'connected')
    return { account: staffAccount, from: 'staff' };
  const def = site.defaultAccount;
  if (def && def.kind !== 'custom' && def.health === 'connected') return { account: def, from: 'default' };
  return null;
}

/** The site's account with this id, if someone holds it (the default or a staff member). */
function heldAccount(accountId: string, site: SiteSnapshot): Account | null {
  if (site.defaultAccount?.id === accountId) return site.defaultAccount;
  for (const member of site.staff.values()) if (member.account?.id === accountId) return member.account;
  return null;
}

/**
 * The connected account a hand-added meeting (R7) comes from now (R22): the one it was added
 * from while someone holds it (unhealthy, it keeps a meeting it made, R17, and makes no
 * new one: reconnecting is a new account); once that account is replaced or disconnected,
 * the connected account that applies now ({@link applicableMeetingAccount}); with none, null
 * (`NO_MEETING_ACCOUNT`: the session says why, and no meeting is asked of an account that is gone).
 */
export function handAddedMeetingAccount(session: Pick<Session, 'staffId'>, addedFrom: string, site: SiteSnapshot): Account | null {
  const named = heldAccount(addedFrom, site);
  if (named && named.kind !== 'custom') return named;
  return applicableMeetingAccount(session, site)?.account ?? null;
}

/** Two resolutions give a client the same way in when their join URLs are equal. */
export function sameJoinLink(a: Resolution, b: Resolution): boolean {
  if (a.status !== b.status) return false;
  if (a.status === 'none' || b.status === 'none') return true;
  return a.link.guestUrl === b.link.guestUrl && a.link.password === b.link.password;
}

// Stands in for "a meeting exists" when asking which account's meeting a session needs.
const ANY_MEETING: Link = Object.freeze({ type: 'ZOOM', provider: 'zoom', guestUrl: '' }) as Link;
const EVERY_MEETING: ReadonlyMap<string, Link> = Object.freeze({
  get: () => ANY_MEETING,
  has: () => true,
}) as unknown as ReadonlyMap<string, Link>;

/**
 * The connected account whose meeting this session's link is (R22), by the very rules of
 * {@link resolveSessionLink}: what the server must make (or keep) for it. Null when
 * the session's link is not a provider's meeting (custom, course link, none).
 */
export function meetingNeeded(session: Session, site: SiteSnapshot): string | null {
  const r = resolveSessionLink(session, { ...site, meetings: EVERY_MEETING });
  if (r.status !== 'linked' || r.link !== ANY_MEETING || r.accountId === null) return null;
  // A hand-added meeting of an unhealthy account keeps the meeting it has; none is asked of it (R17).
  return heldAccount(r.accountId, site)?.health === 'connected' ? r.accountId : null;
}
