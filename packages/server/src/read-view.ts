import type { Account, CustomLink, Link, Service, Session } from '@session-links/core';
import { meetingLinks } from './meetings';
import type { HostMember, HostSite, HostStaff, StoreTx, Versioned } from './store/types';

/**
 * What a read request needs, asked for at once. The SQL store answers it in one statement
 * (one round trip, no BEGIN/COMMIT); any other store is read through the `Store` contract
 * by {@link composeReadView}, with the same result. An optional extension: the `Store`
 * contract itself is unchanged, and a store without `readView` loses nothing but speed.
 */
export interface ReadViewRequest {
  siteId: string;
  /** The member row of this user (the caller's role). */
  userId: string;
  /** The default account with its version. */
  settings?: boolean;
  /** Staff with their account rows, services and course links: resolution's inputs besides sessions. */
  resolution?: boolean;
  /** Sessions with their overrides (ordered as `listSessions` orders them), and the meeting links of exactly those sessions. */
  sessions?: { from: string; to: string } | { ids: readonly string[] };
}

/** The answer; a part not asked for is empty (no rows, version 0). */
export interface ReadView {
  site: HostSite | null;
  member: HostMember | null;
  settings: Versioned<Account | null>;
  staff: HostStaff[];
  staffAccounts: Map<string, Versioned<Account | null>>;
  services: Service[];
  courseLinks: Map<string, Versioned<CustomLink | null>>;
  sessions: Session[];
  /** Stored Zoom meetings usable as links, by `meetingKey(accountId, sessionId)` (see `meetingLinks`). */
  meetings: Map<string, Link>;
}

/** A store (or a transaction of one) that answers a whole read at once. */
export interface ReadViewSource {
  readView(request: ReadViewRequest): Promise<ReadView>;
}

/**
 * The caller's membership and the site's revision, in one small statement: what the read
 * cache checks before answering from memory. The revision changes (never back) with every
 * committed write that can change what a read of the site returns.
 */
export interface SiteRevision {
  site: HostSite | null;
  member: HostMember | null;
  /** Opaque; equal revisions of one site mean equal data. */
  revision: string;
}

/** A store that knows its sites' revisions: only such a store's reads are cached. */
export interface SiteRevisionSource {
  siteRevision(siteId: string, userId: string): Promise<SiteRevision>;
}

export const hasSiteRevision = (value: object): value is SiteRevisionSource =>
  typeof (value as Partial<SiteRevisionSource>).siteRevision === 'function';

export const hasReadView = (value: object): value is ReadViewSource => typeof (value as Partial<ReadViewSource>).readView === 'function';

/** The same view through the `Store` contract, one method per part: the memory store's way, and the reference. */
export async function composeReadView(tx: StoreTx, request: ReadViewRequest): Promise<ReadView> {
  const { siteId } = request;
  const none = Promise.resolve(null);
  const range = request.sessions;
  const [site, member, settings, staff, staffAccounts, services, courseLinks, hosts] = await Promise.all([
    tx.getSite(siteId),
    tx.getMember(siteId, request.userId),
    request.settings ? tx.getSettings(siteId) : none,
    request.resolution ? tx.listStaff(siteId) : none,
    request.resolution ? tx.listStaffAccounts(siteId) : none,
    request.resolution ? tx.listServices(siteId) : none,
    request.resolution ? tx.listCourseLinks(siteId) : none,
    range ? tx.listSessions(siteId, 'ids' in range ? { ids: range.ids } : { from: range.from, to: range.to }) : none,
  ]);
  let sessions: Session[] = [];
  let meetings = new Map<string, Link>();
  if (hosts && hosts.length > 0) {
    const ids = hosts.map((h) => h.id);
    const [overrides, stored] = await Promise.all([tx.listSessionOverrides(siteId, ids), tx.listMeetings(siteId, { sessionIds: ids })]);
    sessions = hosts.map((h) => {
      const row = overrides.get(h.id);
      return { ...h, override: row?.value ?? null, version: row?.version ?? 0 };
    });
    meetings = meetingLinks(stored);
  }
  return {
    site,
    member,
    settings: settings ?? { value: null, version: 0 },
    staff: staff ?? [],
    staffAccounts: staffAccounts ?? new Map(),
    services: services ?? [],
    courseLinks: courseLinks ?? new Map(),
    sessions,
    meetings,
  };
}
