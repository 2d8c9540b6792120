import { type Link, meetingKey, meetingLink, type Session } from '@session-links/core';
import type { StoredMeeting, StoreTx } from '../store/types';
import type { ReadView, ReadViewRequest } from '../store/views';

// The read contract lives with the Store contract (a store implements it); re-exported for the service's readers.
export {
  hasReadView,
  hasSiteRevision,
  type ReadView,
  type ReadViewRequest,
  type ReadViewSource,
  type SiteRevision,
  type SiteRevisionSource,
} from '../store/views';

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

/** The stored meetings a snapshot resolves with: those that exist at the provider (also while an update is pending). */
export function meetingLinks(meetings: readonly StoredMeeting[]): Map<string, Link> {
  const links = new Map<string, Link>();
  for (const m of meetings) {
    if (m.status === 'deleting' || m.joinUrl === null || m.zoomMeetingId === null) continue;
    const link: Link = meetingLink(m.provider, m.joinUrl, m.zoomMeetingId);
    if (m.startUrl !== null) link.hostUrl = m.startUrl;
    if (m.password !== null) link.password = m.password;
    links.set(meetingKey(m.accountId, m.sessionId), link);
  }
  return links;
}
