import type { ConnectedProvider, Impact, Resolution, StaffMember } from '@session-links/core';
import { isSealed } from '../providers/gateway-tokens';
import { type Ctx, type Env, omit, type ReadCtx } from './context';
import { type SiteParts, settingsOf } from './site';

// R18: what each role may see, and a start link as the viewer gets it.

export interface Viewer {
  owner: boolean;
  /** The viewer's own staff account. */
  accountId: string | null;
  staffId: string | null;
  /** The site default's account: not a colleague's, its password is for every member. */
  defaultAccountId: string | null;
}

/** The account whose Zoom meetings this user hosts: their own staff account, if any. */
async function ownAccountId(ctx: Ctx): Promise<string | null> {
  if (ctx.user.role !== 'staff' || ctx.user.staffId === null) return null;
  return (await ctx.tx.getStaffAccount(ctx.site.id, ctx.user.staffId)).value?.id ?? null;
}

/** `parts`: the site-wide inputs already read in this transaction (their settings give the default account). */
export async function viewerOf(ctx: Ctx, parts?: SiteParts): Promise<Viewer> {
  const settings = parts ? parts[0] : await settingsOf(ctx);
  return {
    owner: ctx.user.role === 'owner',
    accountId: await ownAccountId(ctx),
    staffId: ctx.user.staffId,
    defaultAccountId: settings.value?.id ?? null,
  };
}

/** As `viewerOf`, from the view's staff accounts and settings. */
export function viewerOfView(ctx: ReadCtx): Viewer {
  const own = ctx.user.role === 'staff' && ctx.user.staffId !== null ? ctx.view.staffAccounts.get(ctx.user.staffId) : undefined;
  return {
    owner: ctx.user.role === 'owner',
    accountId: own?.value?.id ?? null,
    staffId: ctx.user.staffId,
    defaultAccountId: ctx.view.settings.value?.id ?? null,
  };
}

/**
 * R18, the one rule for every answer that carries a resolution (sessions, a session's
 * detail, impacts): the owner sees everything; a staff member sees a Zoom start link
 * only of a meeting their own account hosts, and no password of a link that comes from
 * a colleague's account (as `GET /staff` hides it). The site default's password and a
 * course's or session's own custom link are every member's.
 */
export function redactResolution(r: Resolution, viewer: Viewer): Resolution {
  if (r.status !== 'linked' || viewer.owner) return r;
  const own = viewer.accountId !== null && r.accountId === viewer.accountId;
  if (own) return r;
  const colleagues =
    (r.source === 'staff' && r.staffId !== viewer.staffId) || (r.accountId !== null && r.accountId !== viewer.defaultAccountId);
  let link = r.link;
  if (link.hostUrl !== undefined) link = omit(link, 'hostUrl');
  if (colleagues && link.password !== undefined) link = omit(link, 'password');
  return link === r.link ? r : { ...r, link };
}

/**
 * A resolution as the viewer sees it (after `redactResolution`), R27: a provider's meeting
 * this server cannot make (that provider is not configured) says so instead of "pending"; a start link is
 * opened from its sealed form — dropped when it cannot be opened (the key changed), read as
 * it is when stored before sealing existed.
 */
export async function shownResolution(env: Env, r: Resolution, sessionId: string): Promise<Resolution> {
  if (r.status === 'none' && r.reason === 'PROVIDER_MEETING_PENDING' && !env.providers[r.provider ?? 'zoom'])
    return { ...r, reason: 'PROVIDER_NOT_CONFIGURED' };
  if (r.status !== 'linked' || r.link.hostUrl === undefined) return r;
  const stored = r.link.hostUrl;
  const tokens = env.providers[r.link.provider as ConnectedProvider]?.tokens;
  const opened =
    tokens && r.accountId !== null ? await tokens.openStartUrl(r.accountId, sessionId, stored) : isSealed(stored) ? null : stored;
  if (opened === stored) return r;
  return { ...r, link: opened === null ? omit(r.link, 'hostUrl') : { ...r.link, hostUrl: opened } };
}

export async function shownImpact(env: Env, impact: Impact): Promise<Impact> {
  const sessions = await Promise.all(
    impact.sessions.map(async (s) => ({
      ...s,
      before: await shownResolution(env, s.before, s.sessionId),
      after: await shownResolution(env, s.after, s.sessionId),
    })),
  );
  return { ...impact, sessions };
}

/** Every resolution of an impact by the same rule; `hostUrls: false` drops every start link, for anyone. */
export function redactImpact(impact: Impact, viewer: Viewer, options: { hostUrls?: boolean } = {}): Impact {
  const keepHostUrls = options.hostUrls ?? true;
  if (viewer.owner && keepHostUrls) return impact;
  const redact = (r: Resolution): Resolution => {
    const seen = redactResolution(r, viewer);
    return keepHostUrls || seen.status !== 'linked' || seen.link.hostUrl === undefined
      ? seen
      : { ...seen, link: omit(seen.link, 'hostUrl') };
  };
  return {
    ...impact,
    sessions: impact.sessions.map((s) => ({ ...s, before: redact(s.before), after: redact(s.after) })),
  };
}

/** Staff see colleagues' accounts without their custom-link password (R18). */
export function redactStaff(member: StaffMember, viewer: Viewer): StaffMember {
  if (viewer.owner || member.id === viewer.staffId || member.account?.kind !== 'custom') return member;
  return { ...member, account: { ...member.account, link: omit(member.account.link, 'password') } };
}
