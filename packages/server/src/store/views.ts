import type { Account, CustomLink, Link, NoticePolicy, Service, Session } from '@session-links/core';
import type { HostMember, HostSite, HostStaff, Versioned } from './types';

/**
 * What a read request needs, asked for at once. The SQL store answers it in one statement
 * (one round trip, no BEGIN/COMMIT); any other store is read through the `Store` contract
 * by `composeReadView` (service/read-view.ts), with the same result. An optional extension: the `Store`
 * contract itself is unchanged, and a store without `readView` loses nothing but speed.
 */
export interface ReadViewRequest {
  siteId: string;
  /** The member row of this user (the caller's role). */
  userId: string;
  /** The default account with its version, and the notice policy. */
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
  /** R29's policy of the site (`auto` when not asked for or never set). */
  noticePolicy: NoticePolicy;
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
