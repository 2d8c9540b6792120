import {
  type Account,
  type CustomLink,
  createSiteSnapshot,
  type OnlineSettings,
  recognizeProvider,
  type Service,
  type Session,
  type SiteSnapshot,
  type StaffMember,
} from '@session-links/core';
import { randomToken } from '../oauth';
import type { HostSession, Versioned } from '../store/types';
import type { ReadView } from '../store/views';
import type { Ctx, ReadCtx } from './context';
import { notFound } from './errors';
import { meetingLinks } from './read-view';

// What a decision reads of the site, shared by the features: read in the operation's own
// transaction (a write) or taken from its one view (a read).

export async function settingsOf(ctx: Ctx): Promise<Versioned<Account | null>> {
  return ctx.tx.getSettings(ctx.site.id);
}

export const toSettings = async (ctx: Ctx, s: Versioned<Account | null>): Promise<OnlineSettings> => ({
  siteId: ctx.site.id,
  plan: ctx.site.plan,
  defaultAccount: s.value,
  notices: await ctx.tx.getNoticePolicy(ctx.site.id),
  version: s.version,
});

export async function staffMembers(ctx: Ctx): Promise<StaffMember[]> {
  const [staff, accounts] = await Promise.all([ctx.tx.listStaff(ctx.site.id), ctx.tx.listStaffAccounts(ctx.site.id)]);
  return staff.map((s) => {
    const row = accounts.get(s.id);
    return { id: s.id, name: s.name, email: s.email, account: row?.value ?? null, version: row?.version ?? 0 };
  });
}

export async function withOverrides(ctx: Ctx, hosts: readonly HostSession[]): Promise<Session[]> {
  const overrides = await ctx.tx.listSessionOverrides(
    ctx.site.id,
    hosts.map((h) => h.id),
  );
  return hosts.map((h) => {
    const row = overrides.get(h.id);
    return { ...h, override: row?.value ?? null, version: row?.version ?? 0 };
  });
}

export async function sessionById(ctx: Ctx, sessionId: string): Promise<Session> {
  const host = await ctx.tx.getSession(ctx.site.id, sessionId);
  if (!host) throw notFound(`session ${sessionId}`);
  const row = await ctx.tx.getSessionOverride(ctx.site.id, sessionId);
  return { ...host, override: row.value, version: row.version };
}

export interface Loaded {
  snapshot: SiteSnapshot;
  settings: Versioned<Account | null>;
  staff: StaffMember[];
  services: Service[];
}

/** Resolution's site-wide inputs: what `load` reads besides meetings. */
export type SiteParts = [Versioned<Account | null>, StaffMember[], Service[], Map<string, Versioned<CustomLink | null>>];
export function siteParts(ctx: Ctx): Promise<SiteParts> {
  return Promise.all([settingsOf(ctx), staffMembers(ctx), ctx.tx.listServices(ctx.site.id), ctx.tx.listCourseLinks(ctx.site.id)]);
}

/**
 * Everything resolution needs, with the stored meetings of these sessions (or of the whole
 * site). `parts`: the site-wide inputs already read in this transaction, when nothing has
 * changed them since (one session's link: read once, not three times).
 */
export async function load(ctx: Ctx, sessionIds?: readonly string[], parts?: SiteParts): Promise<Loaded> {
  const [[settings, staff, services, courseLinks], meetings] = await Promise.all([
    parts ?? siteParts(ctx),
    ctx.tx.listMeetings(ctx.site.id, sessionIds ? { sessionIds } : undefined),
  ]);
  const snapshot = createSiteSnapshot({
    plan: ctx.site.plan,
    defaultAccount: settings.value,
    services,
    staff,
    courseLinks: [...courseLinks].map(([serviceId, row]) => ({ serviceId, link: row.value })),
    meetings: meetingLinks(meetings),
    // A past session's meeting that was never made will not be (R22): it says so, not "pending".
    now: ctx.env.now(),
  });
  return { snapshot, settings, staff, services };
}

export function staffOfView(view: ReadView): StaffMember[] {
  return view.staff.map((s) => {
    const row = view.staffAccounts.get(s.id);
    return { id: s.id, name: s.name, email: s.email, account: row?.value ?? null, version: row?.version ?? 0 };
  });
}

export function snapshotOfView(ctx: ReadCtx): SiteSnapshot {
  return createSiteSnapshot({
    plan: ctx.site.plan,
    defaultAccount: ctx.view.settings.value,
    services: ctx.view.services,
    staff: staffOfView(ctx.view),
    courseLinks: [...ctx.view.courseLinks].map(([serviceId, row]) => ({ serviceId, link: row.value })),
    meetings: ctx.view.meetings,
    now: ctx.env.now(),
  });
}

/** What an impact tells besides links (R6): the bookings of these sessions and services, and their clients. */
export async function impactOptions(ctx: Ctx, sessions: readonly Session[], services: readonly Service[]) {
  const bookings = await ctx.tx.listBookings(ctx.site.id, {
    sessionIds: sessions.map((s) => s.id),
    serviceIds: services.map((s) => s.id),
  });
  const clients = await ctx.tx.listClients(ctx.site.id, [...new Set(bookings.map((b) => b.clientId))]);
  // By name, so every store names the clients to tell in the same order.
  clients.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { now: ctx.env.now().toISOString(), bookings, clients };
}

/** A custom link as an account (the site default's or a staff member's). */
export const customAccount = (prefix: string, link: CustomLink): Account => ({
  id: `${prefix}-custom-${randomToken(6)}`,
  kind: 'custom',
  health: 'connected',
  provider: recognizeProvider(link.url),
  link,
});
