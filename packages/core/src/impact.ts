import * as z from 'zod/mini';
import type { SessionLinkChange, SettingsChange } from './changes';
import type { CustomLink } from './custom-link';
import { overrideForChange } from './preconditions';
import type { ConnectedProvider } from './provider';
import { resolveSessionLink, type SiteSnapshot, sameJoinLink } from './resolve';
import {
  type Account,
  type Booking,
  type Client,
  clientSchema,
  idSchema,
  isoDateTimeSchema,
  type Resolution,
  resolutionSchema,
  type Session,
} from './schemas';

/**
 * The site as it would be after `change`; the input is not modified. A session's own
 * link lives on the session, not the site: `set-session-link` leaves the site as it
 * is and {@link applySessionLinkChange} gives the session as it would be.
 */
export function applySettingsChange(site: SiteSnapshot, change: SettingsChange): SiteSnapshot {
  switch (change.type) {
    case 'set-session-link':
      return site;
    case 'disconnect-default':
      return { ...site, defaultAccount: null };
    case 'replace-default':
      return { ...site, defaultAccount: change.account };
    case 'set-staff-account': {
      const staff = new Map(site.staff);
      staff.set(change.staffId, { id: change.staffId, account: change.account });
      return { ...site, staff };
    }
    case 'set-service-online': {
      const service = site.services.get(change.serviceId);
      if (service === undefined) return site;
      const services = new Map(site.services);
      services.set(change.serviceId, { ...service, online: change.online });
      return { ...site, services };
    }
    case 'set-course-link': {
      const courseLinks = new Map<string, CustomLink | null>(site.courseLinks);
      courseLinks.set(change.serviceId, change.link);
      return { ...site, courseLinks };
    }
  }
}

/**
 * The session as it would be after `change` (R7), by the same decision the server
 * stores ({@link overrideForChange}). A change that would be refused (no plan, no
 * connected account for a meeting) leaves the session as it is: it changes nothing.
 */
export function applySessionLinkChange(session: Session, site: SiteSnapshot, change: SessionLinkChange): Session {
  const decision = overrideForChange(session, site, change);
  if (decision.blocker) return session;
  return { ...session, override: decision.override };
}

export const SESSION_CHANGE_KINDS = ['lost', 'changed', 'gained'] as const;

export const sessionImpactSchema = z.object({
  sessionId: idSchema,
  serviceId: idSchema,
  staffId: z.nullable(idSchema),
  start: isoDateTimeSchema,
  past: z.boolean(),
  change: z.enum(SESSION_CHANGE_KINDS),
  before: resolutionSchema,
  after: resolutionSchema,
});
export type SessionImpact = z.infer<typeof sessionImpactSchema>;

export const impactSchema = z.object({
  sessions: z.array(sessionImpactSchema),
  counts: z.object({
    lost: z.int(),
    changed: z.int(),
    gained: z.int(),
    past: z.int(),
    upcoming: z.int(),
  }),
  /** Booked clients who hold a link that stops working or changes: they must be told. */
  clientsToNotify: z.array(clientSchema),
  /** Staff whose own accounts are used before the change and no longer after it. */
  staffNoLongerUsingOwnAccount: z.array(idSchema),
});
export type Impact = z.infer<typeof impactSchema>;

export interface ImpactOptions {
  /** Time "now", ISO. Sessions starting before it are past. */
  now: string;
  /** `upcoming` (default): only sessions not yet started; `all`: past ones too (course edits, R6). */
  scope?: 'upcoming' | 'all';
  bookings: readonly Booking[];
  clients: readonly Client[];
  /**
   * Count a session going from no link to a meeting the server is about to make
   * (`PROVIDER_MEETING_PENDING`) as gaining one. Switching a service online is such a change:
   * without this, a connected default would preview "nothing changes" (both sides are "no link").
   */
  pendingMeetingsGain?: boolean;
}

function classify(before: Resolution, after: Resolution, pendingMeetingsGain = false): SessionImpact['change'] | null {
  if (
    pendingMeetingsGain &&
    before.status === 'none' &&
    before.reason !== 'PROVIDER_MEETING_PENDING' &&
    after.status === 'none' &&
    after.reason === 'PROVIDER_MEETING_PENDING'
  )
    return 'gained';
  if (sameJoinLink(before, after)) return null;
  if (after.status === 'none') return 'lost';
  if (before.status === 'none') return 'gained';
  return 'changed';
}

/**
 * What a change does to sessions (R6, R16): each session whose join link changes,
 * counted as lost, changed or gained, and the booked clients holding the old link.
 */
export function impactOf(
  sessions: readonly Session[],
  before: SiteSnapshot,
  after: SiteSnapshot,
  options: ImpactOptions,
  /** The session as it would be after the change, when the change is to sessions themselves. */
  sessionAfter: (session: Session) => Session = (session) => session,
): Impact {
  const nowMs = Date.parse(options.now);
  const scope = options.scope ?? 'upcoming';
  const impacts: SessionImpact[] = [];
  const counts = { lost: 0, changed: 0, gained: 0, past: 0, upcoming: 0 };
  const staffBefore = new Set<string>();
  const staffAfter = new Set<string>();
  const oldLinkHolders = new Set<string>(); // session ids whose old link stops working
  const oldLinkServices = new Set<string>();

  for (const session of sessions) {
    const past = Date.parse(session.start) < nowMs;
    if (past && scope === 'upcoming') continue;
    const b = resolveSessionLink(session, before);
    const a = resolveSessionLink(sessionAfter(session), after);
    if (b.status === 'linked' && b.source === 'staff' && b.staffId) staffBefore.add(b.staffId);
    if (a.status === 'linked' && a.source === 'staff' && a.staffId) staffAfter.add(a.staffId);
    const change = classify(b, a, options.pendingMeetingsGain);
    if (change === null) continue;
    impacts.push({
      sessionId: session.id,
      serviceId: session.serviceId,
      staffId: session.staffId,
      start: session.start,
      past,
      change,
      before: b,
      after: a,
    });
    counts[change]++;
    counts[past ? 'past' : 'upcoming']++;
    if (b.status === 'linked') {
      oldLinkHolders.add(session.id);
      oldLinkServices.add(session.serviceId);
    }
  }

  // Course bookings have no session: the client holds the links of every session of the service.
  const clientIds = new Set<string>();
  for (const booking of options.bookings) {
    if (booking.sessionId !== null ? oldLinkHolders.has(booking.sessionId) : oldLinkServices.has(booking.serviceId)) {
      clientIds.add(booking.clientId);
    }
  }
  return {
    sessions: impacts,
    counts,
    clientsToNotify: options.clients.filter((c) => clientIds.has(c.id)),
    staffNoLongerUsingOwnAccount: [...staffBefore].filter((s) => !staffAfter.has(s)),
  };
}

/** Convenience: the impact of one settings change on the current site. */
export function impactOfChange(sessions: readonly Session[], site: SiteSnapshot, change: SettingsChange, options: ImpactOptions): Impact {
  // A course edit touches past and future sessions of that course alone (R6).
  if (change.type === 'set-course-link') {
    const ofCourse = sessions.filter((s) => s.serviceId === change.serviceId);
    return impactOf(ofCourse, site, applySettingsChange(site, change), { ...options, scope: 'all' });
  }
  // One session's link: that session alone, past or upcoming, and the clients booked on it (R16).
  if (change.type === 'set-session-link') {
    const one = sessions.filter((s) => s.id === change.sessionId);
    return impactOf(one, site, site, { ...options, scope: 'all' }, (s) => applySessionLinkChange(s, site, change.change));
  }
  // A service switched on or off: that service's upcoming sessions, a meeting to be made counting as a link gained.
  // Staff accounts stay in use for their other services: none "stops being used".
  if (change.type === 'set-service-online') {
    const ofService = sessions.filter((s) => s.serviceId === change.serviceId);
    const impact = impactOf(ofService, site, applySettingsChange(site, change), { ...options, pendingMeetingsGain: true });
    return { ...impact, staffNoLongerUsingOwnAccount: [] };
  }
  return impactOf(sessions, site, applySettingsChange(site, change), options);
}

/** The account a "replace default with a provider" preview stands in for before the provider has answered. */
export function pendingMeetingAccount(provider: ConnectedProvider = 'zoom'): Account {
  return { id: `pending-${provider}`, kind: provider, health: 'connected', user: { email: '', name: '' } };
}

/** Whose account is unhealthy (R17): the site default or one staff member's own. */
export type AccountHealthTarget = { type: 'default' } | { type: 'staff'; staffId: string };

/** A healthy stand-in that gives every session a link at once (unlike a connected provider, whose meetings are made later, R22). */
const WORKING_ACCOUNT: Account = {
  id: 'health-preview',
  kind: 'custom',
  health: 'connected',
  provider: 'other',
  link: { url: 'https://preview.invalid/' },
};

/**
 * The change whose impact counts the upcoming sessions an unhealthy account affects (R17):
 * the account working again. An unhealthy default leaves its sessions without a link
 * (`ACCOUNT_UNHEALTHY`); an unhealthy staff account makes theirs fall back to the default
 * (`STAFF_ACCOUNT_UNHEALTHY`). With a working account they all get a link or a different one;
 * read the number with {@link accountHealthAffected}. A pending connected account would not do:
 * "no link" before and "meeting pending" after are both no link, so nothing would count.
 */
export function accountHealthPreview(target: AccountHealthTarget): SettingsChange {
  return target.type === 'default'
    ? { type: 'replace-default', account: WORKING_ACCOUNT }
    : { type: 'set-staff-account', staffId: target.staffId, account: WORKING_ACCOUNT };
}

/** How many upcoming sessions an unhealthy account affects (R17), from the impact of {@link accountHealthPreview}. */
export function accountHealthAffected(impact: Pick<Impact, 'counts'>): number {
  return impact.counts.gained + impact.counts.changed;
}
