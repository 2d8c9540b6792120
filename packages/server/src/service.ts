import {
  type Account,
  AUTOMATION_IDS,
  type AutomationId,
  type AutomationSummary,
  applicableZoomAccount,
  type CourseLinkState,
  type CourseLinkUpdate,
  type CurrentUser,
  type CustomLink,
  courseLinkBlocker,
  createSiteSnapshot,
  defaultTemplate,
  type Impact,
  impactOfChange,
  joinSectionStatus,
  mayPerform,
  type OnlineSettings,
  type OperationSubject,
  overrideForChange,
  type Resolution,
  type ResolvedSession,
  type RouteName,
  recognizeProvider,
  resetTemplate,
  resolveSessionLink,
  type Service,
  type Session,
  type SessionDetail,
  type SessionLinkChange,
  type SettingsChange,
  type SiteSnapshot,
  type StaffMember,
  staffAccountBlocker,
  type Template,
  type ZoomAuthorization,
  type ZoomConnection,
  type ZoomTarget,
  zoomTargetBlocker,
} from '@session-links/core';
import { conflict, forbidden, notFound, notMember, refusal, ServiceError } from './errors';
import { DEFAULT_HORIZON_DAYS, meetingLinks, processDueMeetings, reconcileMeetings, retireAccountMeetings } from './meetings';
import { codeChallengeS256, createCodeVerifier, randomToken } from './oauth';
import type { ZoomGateway } from './providers/gateway';
import { ZoomGatewayError } from './providers/gateway';
import { isSealed, type ZoomTokens, zoomTokensFor } from './providers/gateway-tokens';
import { type CachedBody, ReadCache, type ReadCacheOptions } from './read-cache';
import {
  composeReadView,
  hasReadView,
  hasSiteRevision,
  type ReadView,
  type ReadViewRequest,
  type SiteRevision,
  type SiteRevisionSource,
} from './read-view';
import type { HostSession, HostSite, Store, StoreTx, Versioned } from './store/types';

/** A Zoom connection's state lives 10 minutes (R19). */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

export interface ServiceOptions {
  store: Store;
  /** `null`: Zoom is not configured — connecting answers NOT_CONFIGURED, no meeting is made (R27). */
  zoom: ZoomGateway | null;
  now?: () => Date;
  /** Days ahead meetings are made for (R22). Default 14. */
  horizonDays?: number;
  /**
   * `worker` (default): writes leave meetings pending and `runMeetingWorker` makes them.
   * `inline`: a write makes its meetings through the gateway before answering, in the
   * same transaction — for the in-process fake Zoom of the mocks, so a story sees the
   * link at once. Reads never call Zoom either way.
   */
  meetings?: 'worker' | 'inline';
  /** How Zoom tokens are sealed and refreshed (R23). Default: those bound to `zoom` (the fake's key for the fake). */
  tokens?: ZoomTokens;
  /**
   * The read cache (on by default; `false` turns it off): `getSettings`, `listStaff`,
   * `listServices`, `listSessions` and `getSession` answer from serialised bodies kept per
   * instance, keyed by the site's revision, the operation, its query and the caller's
   * redaction audience (R18). Only with a store that has `siteRevision` (the SQL stores, the
   * memory store); membership, the revision and permissions are read on every request.
   */
  readCache?: false | ReadCacheOptions;
}

/** Who asks, as the host's authenticator said (R24), and from which origin. */
export interface Caller {
  userId: string;
  /** The widget's origin, for the Zoom consent flow. */
  origin: string;
}

interface Ctx {
  tx: StoreTx;
  site: HostSite;
  user: CurrentUser;
}

type Params = { siteId: string; staffId?: string; sessionId?: string; serviceId?: string; automationId?: AutomationId };

const omit = <T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> => {
  const { [key]: _dropped, ...rest } = value;
  return rest;
};

/**
 * The service layer: one function per operation of the contract, each
 * parse (done by the caller, with core's schemas) → authorise (core's table, the role
 * from the CalendarSource) → core's rules → store, in one transaction.
 */
export function createService(options: ServiceOptions) {
  const { store, zoom } = options;
  const now = options.now ?? (() => new Date());
  const horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const inline = options.meetings === 'inline';
  const tokens = options.tokens ?? (zoom ? zoomTokensFor(zoom) : null);

  /** The gateway, or NOT_CONFIGURED when the host configured no Zoom (R27): never a stand-in. */
  function configuredZoom(): { zoom: ZoomGateway; tokens: ZoomTokens } {
    if (!zoom || !tokens)
      throw new ServiceError('NOT_CONFIGURED', "Zoom is not set up on this site's server", { reason: 'ZOOM_NOT_CONFIGURED' });
    return { zoom, tokens };
  }

  // ---- reading what a decision needs -------------------------------------------------

  async function enter(tx: StoreTx, siteId: string, userId: string): Promise<Ctx> {
    const site = await tx.getSite(siteId);
    if (!site) throw notMember();
    const member = await tx.getMember(siteId, userId);
    if (!member) throw notMember();
    return { tx, site, user: { id: member.userId, name: member.name, role: member.role, staffId: member.staffId } };
  }

  function authorize(ctx: Ctx, operation: RouteName, subject: OperationSubject = {}): void {
    if (!mayPerform(ctx.user, operation, subject)) throw forbidden();
  }

  // ---- the read path: one view per request ---------------------------------------------

  interface ReadCtx {
    view: ReadView;
    site: HostSite;
    user: CurrentUser;
  }

  /**
   * A read operation's data in one go: the SQL store answers in one statement outside a
   * transaction; a store without `readView` (memory) composes it in one transaction.
   * Then the same checks, in the same order, as `enter`.
   */
  async function read(caller: Caller, request: Omit<ReadViewRequest, 'userId'>): Promise<ReadCtx> {
    const ask: ReadViewRequest = { ...request, userId: caller.userId };
    const view = hasReadView(store)
      ? await store.readView(ask)
      : await store.transaction((tx) => (hasReadView(tx) ? tx.readView(ask) : composeReadView(tx, ask)));
    if (!view.site) throw notMember();
    const member = view.member;
    if (!member) throw notMember();
    return { view, site: view.site, user: { id: member.userId, name: member.name, role: member.role, staffId: member.staffId } };
  }

  function authorizeRead(ctx: ReadCtx, operation: RouteName): void {
    if (!mayPerform(ctx.user, operation, {})) throw forbidden();
  }

  function staffOfView(view: ReadView): StaffMember[] {
    return view.staff.map((s) => {
      const row = view.staffAccounts.get(s.id);
      return { id: s.id, name: s.name, email: s.email, account: row?.value ?? null, version: row?.version ?? 0 };
    });
  }

  function snapshotOfView(ctx: ReadCtx): SiteSnapshot {
    return createSiteSnapshot({
      plan: ctx.site.plan,
      defaultAccount: ctx.view.settings.value,
      services: ctx.view.services,
      staff: staffOfView(ctx.view),
      courseLinks: [...ctx.view.courseLinks].map(([serviceId, row]) => ({ serviceId, link: row.value })),
      meetings: ctx.view.meetings,
    });
  }

  /** As `viewerOf`, from the view's staff accounts and settings. */
  function viewerOfView(ctx: ReadCtx): Viewer {
    const own = ctx.user.role === 'staff' && ctx.user.staffId !== null ? ctx.view.staffAccounts.get(ctx.user.staffId) : undefined;
    return {
      owner: ctx.user.role === 'owner',
      accountId: own?.value?.id ?? null,
      staffId: ctx.user.staffId,
      defaultAccountId: ctx.view.settings.value?.id ?? null,
    };
  }

  async function settingsOf(ctx: Ctx): Promise<Versioned<Account | null>> {
    return ctx.tx.getSettings(ctx.site.id);
  }

  const toSettings = (ctx: Ctx, s: Versioned<Account | null>): OnlineSettings => ({
    siteId: ctx.site.id,
    plan: ctx.site.plan,
    defaultAccount: s.value,
    version: s.version,
  });

  async function staffMembers(ctx: Ctx): Promise<StaffMember[]> {
    const [staff, accounts] = await Promise.all([ctx.tx.listStaff(ctx.site.id), ctx.tx.listStaffAccounts(ctx.site.id)]);
    return staff.map((s) => {
      const row = accounts.get(s.id);
      return { id: s.id, name: s.name, email: s.email, account: row?.value ?? null, version: row?.version ?? 0 };
    });
  }

  async function withOverrides(ctx: Ctx, hosts: readonly HostSession[]): Promise<Session[]> {
    const overrides = await ctx.tx.listSessionOverrides(
      ctx.site.id,
      hosts.map((h) => h.id),
    );
    return hosts.map((h) => {
      const row = overrides.get(h.id);
      return { ...h, override: row?.value ?? null, version: row?.version ?? 0 };
    });
  }

  async function sessionById(ctx: Ctx, sessionId: string): Promise<Session> {
    const host = await ctx.tx.getSession(ctx.site.id, sessionId);
    if (!host) throw notFound(`session ${sessionId}`);
    const row = await ctx.tx.getSessionOverride(ctx.site.id, sessionId);
    return { ...host, override: row.value, version: row.version };
  }

  interface Loaded {
    snapshot: SiteSnapshot;
    settings: Versioned<Account | null>;
    staff: StaffMember[];
    services: Service[];
  }

  /** Resolution's site-wide inputs: what `load` reads besides meetings. */
  type SiteParts = [Versioned<Account | null>, StaffMember[], Service[], Map<string, Versioned<CustomLink | null>>];
  function siteParts(ctx: Ctx): Promise<SiteParts> {
    return Promise.all([settingsOf(ctx), staffMembers(ctx), ctx.tx.listServices(ctx.site.id), ctx.tx.listCourseLinks(ctx.site.id)]);
  }

  /**
   * Everything resolution needs, with the stored meetings of these sessions (or of the whole
   * site). `parts`: the site-wide inputs already read in this transaction, when nothing has
   * changed them since (one session's link: read once, not three times).
   */
  async function load(ctx: Ctx, sessionIds?: readonly string[], parts?: SiteParts): Promise<Loaded> {
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
    });
    return { snapshot, settings, staff, services };
  }

  // ---- R18: what each role may see ---------------------------------------------------

  /** The account whose Zoom meetings this user hosts: their own staff account, if any. */
  async function ownAccountId(ctx: Ctx): Promise<string | null> {
    if (ctx.user.role !== 'staff' || ctx.user.staffId === null) return null;
    return (await ctx.tx.getStaffAccount(ctx.site.id, ctx.user.staffId)).value?.id ?? null;
  }

  interface Viewer {
    owner: boolean;
    /** The viewer's own staff account. */
    accountId: string | null;
    staffId: string | null;
    /** The site default's account: not a colleague's, its password is for every member. */
    defaultAccountId: string | null;
  }
  /** `parts`: the site-wide inputs already read in this transaction (their settings give the default account). */
  async function viewerOf(ctx: Ctx, parts?: SiteParts): Promise<Viewer> {
    const settings = parts ? parts[0] : await settingsOf(ctx);
    return {
      owner: ctx.user.role === 'owner',
      accountId: await ownAccountId(ctx),
      staffId: ctx.user.staffId,
      defaultAccountId: settings.value?.id ?? null,
    };
  }

  /**
   * R18, the one rule for every answer that carries a resolution (sessions, a session's
   * detail, impacts): the owner sees everything; a staff member sees a Zoom start link
   * only of a meeting their own account hosts, and no password of a link that comes from
   * a colleague's account (as `GET /staff` hides it). The site default's password and a
   * course's or session's own custom link are every member's.
   */
  function redactResolution(r: Resolution, viewer: Viewer): Resolution {
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
   * A session that moves to a Zoom account whose meeting is not made yet does not lose
   * its link: the server makes one (R22). A preview counts it as changed, not lost.
   */
  function meetingsToBeMade(impact: Impact): Impact {
    const counts = { ...impact.counts };
    const sessions = impact.sessions.map((s) => {
      if (s.change !== 'lost' || s.after.status !== 'none' || s.after.reason !== 'ZOOM_MEETING_PENDING') return s;
      counts.lost--;
      counts.changed++;
      return { ...s, change: 'changed' as const };
    });
    return { ...impact, sessions, counts };
  }

  /**
   * A resolution as the viewer sees it (after `redactResolution`), R27: a Zoom meeting this
   * server cannot make (no Zoom configuration) says so instead of "pending"; a start link is
   * opened from its sealed form — dropped when it cannot be opened (the key changed), read as
   * it is when stored before sealing existed.
   */
  async function shownResolution(r: Resolution, sessionId: string): Promise<Resolution> {
    if (!zoom && r.status === 'none' && r.reason === 'ZOOM_MEETING_PENDING') return { ...r, reason: 'ZOOM_NOT_CONFIGURED' };
    if (r.status !== 'linked' || r.link.hostUrl === undefined) return r;
    const stored = r.link.hostUrl;
    const opened =
      tokens && r.accountId !== null ? await tokens.openStartUrl(r.accountId, sessionId, stored) : isSealed(stored) ? null : stored;
    if (opened === stored) return r;
    return { ...r, link: opened === null ? omit(r.link, 'hostUrl') : { ...r.link, hostUrl: opened } };
  }

  async function shownImpact(impact: Impact): Promise<Impact> {
    const sessions = await Promise.all(
      impact.sessions.map(async (s) => ({
        ...s,
        before: await shownResolution(s.before, s.sessionId),
        after: await shownResolution(s.after, s.sessionId),
      })),
    );
    return { ...impact, sessions };
  }

  /** Every resolution of an impact by the same rule; `hostUrls: false` drops every start link, for anyone. */
  function redactImpact(impact: Impact, viewer: Viewer, options: { hostUrls?: boolean } = {}): Impact {
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
  function redactStaff(member: StaffMember, viewer: Viewer): StaffMember {
    if (viewer.owner || member.id === viewer.staffId || member.account?.kind !== 'custom') return member;
    return { ...member, account: { ...member.account, link: omit(member.account.link, 'password') } };
  }

  // ---- meetings (R22) ----------------------------------------------------------------

  /** After a write: the meetings of upcoming sessions in the horizon follow the new links; inline mode makes them now. */
  async function afterWrite(ctx: Ctx, only?: readonly Session[], parts?: SiteParts): Promise<void> {
    const at = now();
    const sessions =
      only ??
      (await withOverrides(
        ctx,
        await ctx.tx.listSessions(ctx.site.id, {
          from: at.toISOString(),
          to: new Date(at.getTime() + horizonDays * 86_400_000).toISOString(),
        }),
      ));
    if (sessions.length > 0) {
      const { snapshot, services } = await load(ctx, [], parts);
      const names = new Map(services.map((s) => [s.id, s.name]));
      await reconcileMeetings(ctx.tx, ctx.site.id, sessions, snapshot, {
        now: at,
        horizonDays,
        topicOf: (s) => names.get(s.serviceId) ?? 'Online session',
      });
    }
    if (inline && zoom && tokens)
      await processDueMeetings(ctx.tx, zoom, at, { siteId: ctx.site.id, limit: Number.MAX_SAFE_INTEGER, tokens });
  }

  async function replacedAccount(ctx: Ctx, before: Account | null, after: Account | null): Promise<void> {
    if (before?.kind === 'zoom' && before.id !== after?.id)
      await retireAccountMeetings(ctx.tx, ctx.site.id, before.id, now().toISOString());
    await rehomeHandAddedMeetings(ctx);
  }

  /**
   * A Zoom meeting added by hand (R7) names the account it came from. Once that account
   * is no one's any more (replaced, or disconnected and connected again: a new account),
   * the session's meeting comes from the Zoom account that applies now (R22), made by the
   * worker; with none that applies (a custom default, no default: R8) the override waits,
   * and the next account change picks it up. Without this, the session asked forever for a
   * meeting from an account whose tokens are gone.
   */
  async function rehomeHandAddedMeetings(ctx: Ctx): Promise<void> {
    const at = now();
    const hosts = (await ctx.tx.listSessions(ctx.site.id)).filter((h) => Date.parse(h.start) >= at.getTime());
    if (hosts.length === 0) return;
    const handAdded = (await withOverrides(ctx, hosts)).filter((s) => s.override?.kind === 'zoom');
    if (handAdded.length === 0) return;
    const { snapshot } = await load(ctx, []);
    const held = new Set<string>();
    if (snapshot.defaultAccount) held.add(snapshot.defaultAccount.id);
    for (const member of snapshot.staff.values()) if (member.account) held.add(member.account.id);
    const moved: Session[] = [];
    for (const session of handAdded) {
      if (session.override?.kind !== 'zoom' || held.has(session.override.accountId)) continue;
      const zoom = applicableZoomAccount(session, snapshot);
      if (!zoom) continue;
      const override = { kind: 'zoom' as const, accountId: zoom.account.id };
      if (!(await ctx.tx.putSessionOverride(ctx.site.id, session.id, session.version, override))) throw conflict();
      moved.push({ ...session, override, version: session.version + 1 });
    }
    // Past the horizon too: a hand-added meeting is made whenever it is added (R22).
    if (moved.length > 0) await afterWrite(ctx, moved);
  }

  const run = <T>(siteId: string, caller: Caller, fn: (ctx: Ctx) => Promise<T>): Promise<T> =>
    store.transaction(async (tx) => fn(await enter(tx, siteId, caller.userId)));

  const customAccount = (prefix: string, link: CustomLink): Account => ({
    id: `${prefix}-custom-${randomToken(6)}`,
    kind: 'custom',
    health: 'connected',
    provider: recognizeProvider(link.url),
    link,
  });

  async function impactOptions(ctx: Ctx, sessions: readonly Session[], services: readonly Service[]) {
    const bookings = await ctx.tx.listBookings(ctx.site.id, {
      sessionIds: sessions.map((s) => s.id),
      serviceIds: services.map((s) => s.id),
    });
    const clients = await ctx.tx.listClients(ctx.site.id, [...new Set(bookings.map((b) => b.clientId))]);
    // By name, so every store names the clients to tell in the same order.
    clients.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return { now: now().toISOString(), bookings, clients };
  }

  async function targetBlocked(ctx: Ctx, target: ZoomTarget): Promise<void> {
    if (target.type === 'staff') {
      const staff = await ctx.tx.listStaff(ctx.site.id);
      if (!staff.some((s) => s.id === target.staffId)) throw notFound(`staff member ${target.staffId}`);
    }
    const settings = await settingsOf(ctx);
    const blocker = zoomTargetBlocker({ plan: ctx.site.plan, defaultAccount: settings.value }, target);
    if (blocker) throw refusal(blocker);
  }

  async function templateOf(ctx: Ctx, automationId: AutomationId): Promise<Template> {
    return (await ctx.tx.getTemplate(ctx.site.id, automationId)) ?? defaultTemplate(automationId, 'en', 0);
  }

  async function sessionDetail(ctx: Ctx, session: Session, viewer: Viewer, parts?: SiteParts): Promise<SessionDetail> {
    const { snapshot } = await load(ctx, [session.id], parts);
    return {
      session,
      resolution: await shownResolution(redactResolution(resolveSessionLink(session, snapshot), viewer), session.id),
      zoomAvailableFrom: applicableZoomAccount(session, snapshot)?.from ?? null,
    };
  }

  // ---- operations (one per route) ----------------------------------------------------

  const operations = {
    getMe: async (caller: Caller, p: Params): Promise<CurrentUser> => {
      const ctx = await read(caller, { siteId: p.siteId });
      authorizeRead(ctx, 'getMe');
      return ctx.user;
    },

    getSettings: async (caller: Caller, p: Params): Promise<OnlineSettings> => {
      const ctx = await read(caller, { siteId: p.siteId, settings: true });
      authorizeRead(ctx, 'getSettings');
      return { siteId: ctx.site.id, plan: ctx.site.plan, defaultAccount: ctx.view.settings.value, version: ctx.view.settings.version };
    },

    setDefaultCustomLink: (caller: Caller, p: Params, input: { link: CustomLink; version: number }): Promise<OnlineSettings> =>
      run(p.siteId, caller, async (ctx) => {
        authorize(ctx, 'setDefaultCustomLink');
        if (!ctx.site.plan.includesOnlineSessions) throw refusal('PLAN_REQUIRED');
        const before = await settingsOf(ctx);
        const account = customAccount('default', input.link);
        if (!(await ctx.tx.putSettings(ctx.site.id, input.version, account))) throw conflict();
        await replacedAccount(ctx, before.value, account);
        await afterWrite(ctx);
        return toSettings(ctx, await settingsOf(ctx));
      }),

    disconnectDefault: (caller: Caller, p: Params, input: { version: number }): Promise<OnlineSettings> =>
      run(p.siteId, caller, async (ctx) => {
        authorize(ctx, 'disconnectDefault');
        const before = await settingsOf(ctx);
        if (!(await ctx.tx.putSettings(ctx.site.id, input.version, null))) throw conflict();
        await replacedAccount(ctx, before.value, null);
        await afterWrite(ctx);
        return toSettings(ctx, await settingsOf(ctx));
      }),

    startZoomConnection: (caller: Caller, p: Params, input: { target: ZoomTarget }): Promise<ZoomAuthorization> =>
      run(p.siteId, caller, async (ctx) => {
        authorize(ctx, 'startZoomConnection', { target: input.target });
        const { zoom } = configuredZoom();
        await targetBlocked(ctx, input.target);
        const at = now();
        const state = randomToken(32);
        const codeVerifier = createCodeVerifier();
        await ctx.tx.insertOAuthState({
          state,
          siteId: ctx.site.id,
          userId: ctx.user.id,
          target: input.target,
          codeVerifier,
          origin: caller.origin,
          createdAt: at.toISOString(),
          expiresAt: new Date(at.getTime() + OAUTH_STATE_TTL_MS).toISOString(),
        });
        const { authorizeUrl, callbackOrigin } = await zoom.authorizationUrl({
          state,
          codeChallenge: await codeChallengeS256(codeVerifier),
          origin: caller.origin,
          userId: ctx.user.id,
        });
        return { authorizeUrl, state, callbackOrigin };
      }),

    completeZoomConnection: async (
      caller: Caller,
      p: Params,
      input: { state: string; code: string; version: number },
    ): Promise<ZoomConnection> => {
      const { zoom, tokens } = configuredZoom();
      // 1. Spend the state, whatever comes next (R19): this transaction commits even when the completion is refused.
      const checked = await store.transaction(async (tx) => {
        const record = await tx.takeOAuthState(input.state);
        try {
          const ctx = await enter(tx, p.siteId, caller.userId);
          if (
            !record ||
            record.siteId !== ctx.site.id ||
            record.userId !== ctx.user.id ||
            Date.parse(record.expiresAt) <= now().getTime()
          ) {
            throw refusal('ZOOM_STATE_MISMATCH');
          }
          authorize(ctx, 'completeZoomConnection', { target: record.target });
          return { ok: true as const, record };
        } catch (error) {
          if (error instanceof ServiceError) return { ok: false as const, error };
          throw error;
        }
      });
      if (!checked.ok) throw checked.error;
      const { record } = checked;

      // 2. Zoom, outside any transaction: the code and the verifier for tokens, then who they belong to.
      let zoomTokens: Awaited<ReturnType<ZoomGateway['exchangeCode']>>;
      let zoomUser: Awaited<ReturnType<ZoomGateway['getUser']>>;
      try {
        zoomTokens = await zoom.exchangeCode({ code: input.code, codeVerifier: record.codeVerifier });
        zoomUser = await zoom.getUser(zoomTokens.accessToken);
      } catch (error) {
        if (error instanceof ZoomGatewayError && (error.kind === 'denied' || error.kind === 'invalid_grant')) throw refusal('ZOOM_DENIED');
        throw error;
      }

      // 3. The account, its tokens (sealed with the host's key, R23) and its meetings, together.
      const accountId = `zoom-${randomToken(9)}`;
      const sealed = await tokens.seal({ siteId: p.siteId, accountId, zoomUserId: zoomUser.id, tokens: zoomTokens, now: now() });
      return run(p.siteId, caller, async (ctx) => {
        authorize(ctx, 'completeZoomConnection', { target: record.target });
        await targetBlocked(ctx, record.target);
        const account: Account = {
          id: accountId,
          kind: 'zoom',
          health: 'connected',
          zoomUser: { email: zoomUser.email, name: zoomUser.name },
        };
        let before: Account | null;
        if (record.target.type === 'default') {
          before = (await settingsOf(ctx)).value;
          if (!(await ctx.tx.putSettings(ctx.site.id, input.version, account))) throw conflict();
        } else {
          before = (await ctx.tx.getStaffAccount(ctx.site.id, record.target.staffId)).value;
          if (!(await ctx.tx.putStaffAccount(ctx.site.id, record.target.staffId, input.version, account))) throw conflict();
        }
        await ctx.tx.putTokens(sealed);
        await replacedAccount(ctx, before, account);
        await afterWrite(ctx);
        return { target: record.target, account };
      });
    },

    previewImpact: (caller: Caller, p: Params, change: SettingsChange): Promise<Impact> =>
      run(p.siteId, caller, async (ctx) => {
        // A session's link: the stored session's assigned staff member decides, as for setSessionLink (R10).
        const session = change.type === 'set-session-link' ? await sessionById(ctx, change.sessionId) : undefined;
        authorize(ctx, 'previewImpact', { change, session });
        const sessions = await withOverrides(ctx, await ctx.tx.listSessions(ctx.site.id));
        const { snapshot, services } = await load(ctx);
        const impact = impactOfChange(sessions, snapshot, change, await impactOptions(ctx, sessions, services));
        // R18: a preview is for deciding, not for starting a meeting: no start link in it, for anyone.
        return redactImpact(meetingsToBeMade(impact), await viewerOf(ctx), { hostUrls: false });
      }),

    listStaff: async (caller: Caller, p: Params): Promise<StaffMember[]> => {
      const ctx = await read(caller, { siteId: p.siteId, resolution: true });
      authorizeRead(ctx, 'listStaff');
      const viewer = viewerOfView(ctx);
      return staffOfView(ctx.view).map((m) => redactStaff(m, viewer));
    },

    setStaffCustomLink: (caller: Caller, p: Params, input: { link: CustomLink; version: number }): Promise<StaffMember> =>
      run(p.siteId, caller, async (ctx) => {
        const staffId = p.staffId as string;
        authorize(ctx, 'setStaffCustomLink', { staffId });
        const member = (await staffMembers(ctx)).find((s) => s.id === staffId);
        if (!member) throw notFound(`staff member ${staffId}`);
        const blocker = staffAccountBlocker({ plan: ctx.site.plan, defaultAccount: (await settingsOf(ctx)).value });
        if (blocker) throw refusal(blocker);
        const account = customAccount(staffId, input.link);
        if (!(await ctx.tx.putStaffAccount(ctx.site.id, staffId, input.version, account))) throw conflict();
        await replacedAccount(ctx, member.account, account);
        await afterWrite(ctx);
        return { ...member, account, version: input.version + 1 };
      }),

    removeStaffAccount: (caller: Caller, p: Params, input: { version: number }): Promise<StaffMember> =>
      run(p.siteId, caller, async (ctx) => {
        const staffId = p.staffId as string;
        authorize(ctx, 'removeStaffAccount', { staffId });
        const member = (await staffMembers(ctx)).find((s) => s.id === staffId);
        if (!member) throw notFound(`staff member ${staffId}`);
        if (!(await ctx.tx.putStaffAccount(ctx.site.id, staffId, input.version, null))) throw conflict();
        await replacedAccount(ctx, member.account, null);
        await afterWrite(ctx);
        return { ...member, account: null, version: input.version + 1 };
      }),

    listServices: async (caller: Caller, p: Params): Promise<Service[]> => {
      const ctx = await read(caller, { siteId: p.siteId, resolution: true });
      authorizeRead(ctx, 'listServices');
      return ctx.view.services;
    },

    listSessions: async (caller: Caller, p: Params, query: { from: string; to: string }): Promise<ResolvedSession[]> => {
      const ctx = await read(caller, {
        siteId: p.siteId,
        settings: true,
        resolution: true,
        sessions: { from: query.from, to: query.to },
      });
      authorizeRead(ctx, 'listSessions');
      const snapshot = snapshotOfView(ctx);
      const viewer = viewerOfView(ctx);
      return Promise.all(
        ctx.view.sessions.map(async (session) => ({
          session,
          resolution: await shownResolution(redactResolution(resolveSessionLink(session, snapshot), viewer), session.id),
        })),
      );
    },

    getSession: async (caller: Caller, p: Params): Promise<SessionDetail> => {
      const sessionId = p.sessionId as string;
      const ctx = await read(caller, { siteId: p.siteId, settings: true, resolution: true, sessions: { ids: [sessionId] } });
      authorizeRead(ctx, 'getSession');
      const session = ctx.view.sessions[0];
      if (!session) throw notFound(`session ${sessionId}`);
      const snapshot = snapshotOfView(ctx);
      return {
        session,
        resolution: await shownResolution(redactResolution(resolveSessionLink(session, snapshot), viewerOfView(ctx)), session.id),
        zoomAvailableFrom: applicableZoomAccount(session, snapshot)?.from ?? null,
      };
    },

    setSessionLink: (caller: Caller, p: Params, input: { change: SessionLinkChange; version: number }): Promise<SessionDetail> =>
      run(p.siteId, caller, async (ctx) => {
        const session = await sessionById(ctx, p.sessionId as string);
        authorize(ctx, 'setSessionLink', { session });
        // A session's override changes no site-wide input: read them once for the decision, the meetings and the answer.
        const parts = await siteParts(ctx);
        const { snapshot } = await load(ctx, [session.id], parts);
        const decision = overrideForChange(session, snapshot, input.change);
        if (decision.blocker) throw refusal(decision.blocker);
        if (!(await ctx.tx.putSessionOverride(ctx.site.id, session.id, input.version, decision.override))) throw conflict();
        const saved: Session = { ...session, override: decision.override, version: input.version + 1 };
        await afterWrite(ctx, [saved], parts);
        // Inline mode may have marked an account expired while making meetings: read again then.
        return sessionDetail(ctx, saved, await viewerOf(ctx, inline ? undefined : parts), inline ? undefined : parts);
      }),

    getCourseLink: (caller: Caller, p: Params): Promise<CourseLinkState> =>
      run(p.siteId, caller, async (ctx) => {
        authorize(ctx, 'getCourseLink');
        const serviceId = p.serviceId as string;
        const service = await ctx.tx.getService(ctx.site.id, serviceId);
        if (!service) throw notFound(`service ${serviceId}`);
        const sessions = await ctx.tx.listSessions(ctx.site.id, { serviceId });
        const row = await ctx.tx.getCourseLink(ctx.site.id, serviceId);
        return {
          courseLink: { serviceId, link: row.value, version: row.version },
          sessionCount: sessions.length,
          blocker: courseLinkBlocker(ctx.site, service, sessions),
        };
      }),

    setCourseLink: (caller: Caller, p: Params, input: { link: CustomLink | null; version: number }): Promise<CourseLinkUpdate> =>
      run(p.siteId, caller, async (ctx) => {
        authorize(ctx, 'setCourseLink');
        const serviceId = p.serviceId as string;
        const service = await ctx.tx.getService(ctx.site.id, serviceId);
        if (!service) throw notFound(`service ${serviceId}`);
        const ofCourse = await withOverrides(ctx, await ctx.tx.listSessions(ctx.site.id, { serviceId }));
        const blocker = courseLinkBlocker(ctx.site, service, ofCourse);
        if (blocker) throw refusal(blocker);
        const { snapshot, services } = await load(
          ctx,
          ofCourse.map((s) => s.id),
        );
        // R6: the answer names every session that changed, past and future, and who to tell.
        const propagation = impactOfChange(
          ofCourse,
          snapshot,
          { type: 'set-course-link', serviceId, link: input.link },
          await impactOptions(ctx, ofCourse, services),
        );
        if (!(await ctx.tx.putCourseLink(ctx.site.id, serviceId, input.version, input.link))) throw conflict();
        await afterWrite(ctx, ofCourse);
        return {
          courseLink: { serviceId, link: input.link, version: input.version + 1 },
          propagation: await shownImpact(redactImpact(meetingsToBeMade(propagation), await viewerOf(ctx))),
        };
      }),

    listAutomations: (caller: Caller, p: Params): Promise<AutomationSummary[]> =>
      run(p.siteId, caller, async (ctx) => {
        authorize(ctx, 'listAutomations');
        const stored = new Map((await ctx.tx.listTemplates(ctx.site.id)).map((t) => [t.automationId, t]));
        return AUTOMATION_IDS.map((id) => {
          const template = stored.get(id) ?? defaultTemplate(id, 'en', 0);
          return { id, joinSection: joinSectionStatus(template), version: template.version };
        });
      }),

    getTemplate: (caller: Caller, p: Params): Promise<Template> =>
      run(p.siteId, caller, async (ctx) => {
        authorize(ctx, 'getTemplate');
        return templateOf(ctx, p.automationId as AutomationId);
      }),

    saveTemplate: (caller: Caller, p: Params, input: Pick<Template, 'subject' | 'body' | 'joinOnline' | 'version'>): Promise<Template> =>
      run(p.siteId, caller, async (ctx) => {
        authorize(ctx, 'saveTemplate');
        const current = await templateOf(ctx, p.automationId as AutomationId);
        const next: Template = {
          ...current,
          subject: input.subject,
          body: input.body,
          joinOnline: { elements: [...new Set(input.joinOnline.elements)] },
          version: input.version + 1,
        };
        if (!(await ctx.tx.putTemplate(ctx.site.id, input.version, next))) throw conflict();
        return next;
      }),

    resetTemplate: (caller: Caller, p: Params, input: { version: number }): Promise<Template> =>
      run(p.siteId, caller, async (ctx) => {
        authorize(ctx, 'resetTemplate');
        const current = await templateOf(ctx, p.automationId as AutomationId);
        const next: Template = { ...resetTemplate(current), version: input.version + 1 };
        if (!(await ctx.tx.putTemplate(ctx.site.id, input.version, next))) throw conflict();
        return next;
      }),
  } satisfies { [N in RouteName]: (caller: Caller, params: Params, input: never) => Promise<unknown> };

  // ---- the read cache ------------------------------------------------------------------

  const cache = options.readCache === false || !hasSiteRevision(store) ? null : new ReadCache(options.readCache ?? {});
  const computing = new Map<string, Promise<CachedBody>>();
  type CachedRead = 'getSettings' | 'listStaff' | 'listServices' | 'listSessions' | 'getSession';
  const CACHED: ReadonlySet<string> = new Set<CachedRead>(['getSettings', 'listStaff', 'listServices', 'listSessions', 'getSession']);

  /** What of the request shapes the answer, besides site, revision and audience. */
  function queryKey(name: CachedRead, p: Params, input: unknown): unknown {
    if (name === 'getSession') return p.sessionId;
    if (name === 'listSessions') {
      const q = input as { from: string; to: string };
      return [new Date(q.from).toISOString(), new Date(q.to).toISOString()];
    }
    return null;
  }

  /**
   * An operation's answer as the JSON bytes to send. A cached read first reads the site, the
   * caller's membership and the site's revision in one statement, checks them as `read`
   * does, then answers from the cache or computes (and keeps) the body. Cached reads carry a
   * strong ETag (a hash of the redaction audience and the bytes): when `ifNoneMatch` names
   * it, the answer is `notModified` and its body empty — after the same checks (R18, R24).
   */
  async function answer(name: RouteName, caller: Caller, p: Params, input: unknown, ifNoneMatch?: string | null): Promise<Answer> {
    const operation = operations[name] as (c: Caller, p: Params, i: unknown) => Promise<unknown>;
    // With the cache off, reads still go through the revision check below: concurrent identical
    // reads of one revision compute once (nothing is kept after), so 50 connections on PGlite's
    // single connection wait for one read, not for 49 (R25's fair waiting; issue 20).
    if (!CACHED.has(name) || !hasSiteRevision(store)) {
      return { body: encoder.encode(JSON.stringify(await operation(caller, p, input))), notModified: false };
    }
    const rev = await revisionOf(store, p.siteId, caller.userId);
    if (!rev.site) throw notMember();
    const member = rev.member;
    if (!member) throw notMember();
    const user: CurrentUser = { id: member.userId, name: member.name, role: member.role, staffId: member.staffId };
    if (!mayPerform(user, name, {})) throw forbidden();
    // R18: what is redacted depends on the role and, for staff, on who they are.
    const audience = user.role === 'owner' ? 'owner' : `${user.role}:${user.staffId ?? ''}`;
    const key = JSON.stringify([p.siteId, rev.revision, name, audience, queryKey(name as CachedRead, p, input)]);
    const at = now().getTime();
    const found = cache?.get(key, at) ?? (await computeOnce(key, audience, at, () => operation(caller, p, input)));
    if (ifNoneMatch && etagMatches(ifNoneMatch, found.etag)) return { body: EMPTY, etag: found.etag, notModified: true };
    return { body: found.body, etag: found.etag, notModified: false };
  }

  /**
   * The site's revision and the caller's membership, read by a statement sent after this
   * request arrived — so a write committed (by any instance) before it is seen. While one
   * statement for a site and user is in flight, the requests arriving for them wait for the
   * next one, sent when it returns: one statement answers them all, none answers a request
   * that arrived after it was sent.
   */
  const revisions = new Map<string, { current: Promise<SiteRevision> | null; next: Promise<SiteRevision> | null }>();
  function revisionOf(source: SiteRevisionSource, siteId: string, userId: string): Promise<SiteRevision> {
    const key = `${siteId}\u0000${userId}`;
    let state = revisions.get(key);
    if (!state) {
      state = { current: null, next: null };
      revisions.set(key, state);
    }
    const s = state;
    const send = (): Promise<SiteRevision> => {
      const sent = source.siteRevision(siteId, userId);
      s.current = sent;
      const settle = () => {
        if (s.current === sent) s.current = null;
        if (s.current === null && s.next === null) revisions.delete(key);
      };
      sent.then(settle, settle);
      return sent;
    };
    if (s.next) return s.next;
    if (!s.current) return send();
    // Not sent yet: goes when the statement in flight has returned.
    const ignore = () => undefined;
    s.next = s.current.then(ignore, ignore).then(() => {
      s.next = null;
      return send();
    });
    return s.next;
  }

  /** Concurrent misses of one key (50 connections after a write) compute it once; kept only with the cache on. */
  async function computeOnce(key: string, audience: string, at: number, read: () => Promise<unknown>): Promise<CachedBody> {
    const pending = computing.get(key);
    if (pending) return pending;
    const computed = (async () => {
      const body = encoder.encode(JSON.stringify(await read()));
      const value = { body, etag: await strongEtag(audience, body) };
      cache?.set(key, value, at);
      return value;
    })();
    computing.set(key, computed);
    try {
      return await computed;
    } finally {
      computing.delete(key);
    }
  }

  /** An operation's answer as JSON text (no ETag): see `answer`. */
  async function answerJson(name: RouteName, caller: Caller, p: Params, input: unknown): Promise<string> {
    return decoder.decode((await answer(name, caller, p, input)).body);
  }

  return { operations, answer, answerJson, readCache: cache, sync: createSyncReactions({ now, horizonDays, inline, zoom, tokens }) };
}

export type SessionLinksService = ReturnType<typeof createService>;

/** What `answer` gives: the body's UTF-8 bytes, and for cached reads their ETag; `notModified`: a 304, empty body. */
export interface Answer {
  body: Uint8Array<ArrayBuffer>;
  etag?: string;
  notModified: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);

/** A strong ETag: SHA-256 of the redaction audience (R18) and the body, base64url, quoted. */
async function strongEtag(audience: string, body: Uint8Array): Promise<string> {
  const head = encoder.encode(`${audience}\n`);
  const all = new Uint8Array(head.byteLength + body.byteLength);
  all.set(head);
  all.set(body, head.byteLength);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', all));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}"`;
}

/** `If-None-Match`: `*` or a list of (possibly weak, `W/`) tags; weak comparison, as RFC 9110 asks for it. */
export function etagMatches(header: string, etag: string): boolean {
  const value = header.trim();
  if (value === '*') return true;
  for (const part of value.split(',')) {
    const tag = part.trim();
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}
export type ServiceParams = Params;

/** What the sync API does besides storing host data: a moved or reassigned session's meeting follows (R22). */
function createSyncReactions(o: {
  now: () => Date;
  horizonDays: number;
  inline: boolean;
  zoom: ZoomGateway | null;
  tokens: ZoomTokens | null;
}) {
  return {
    async sessionsChanged(tx: StoreTx, siteId: string, hosts: readonly HostSession[]): Promise<void> {
      const site = await tx.getSite(siteId);
      if (!site || hosts.length === 0) return;
      const [settings, staff, staffAccounts, services, courseLinks, overrides] = await Promise.all([
        tx.getSettings(siteId),
        tx.listStaff(siteId),
        tx.listStaffAccounts(siteId),
        tx.listServices(siteId),
        tx.listCourseLinks(siteId),
        tx.listSessionOverrides(
          siteId,
          hosts.map((h) => h.id),
        ),
      ]);
      const snapshot = createSiteSnapshot({
        plan: site.plan,
        defaultAccount: settings.value,
        services,
        staff: staff.map((s) => ({ id: s.id, account: staffAccounts.get(s.id)?.value ?? null })),
        courseLinks: [...courseLinks].map(([serviceId, row]) => ({ serviceId, link: row.value })),
      });
      const sessions = hosts.map((h) => ({
        ...h,
        override: overrides.get(h.id)?.value ?? null,
        version: overrides.get(h.id)?.version ?? 0,
      }));
      const names = new Map(services.map((s) => [s.id, s.name]));
      const at = o.now();
      await reconcileMeetings(tx, siteId, sessions, snapshot, {
        now: at,
        horizonDays: o.horizonDays,
        topicOf: (s) => names.get(s.serviceId) ?? 'Online session',
      });
      if (o.inline && o.zoom && o.tokens)
        await processDueMeetings(tx, o.zoom, at, { siteId, limit: Number.MAX_SAFE_INTEGER, tokens: o.tokens });
    },
    async sessionDeleted(tx: StoreTx, siteId: string, sessionId: string): Promise<void> {
      const at = o.now();
      for (const m of await tx.listMeetings(siteId, { sessionIds: [sessionId] })) {
        if (m.zoomMeetingId === null) await tx.deleteMeeting(siteId, m.accountId, m.sessionId);
        else
          await tx.updateMeeting(siteId, m.accountId, m.sessionId, {
            status: 'deleting',
            attempts: 0,
            nextAttemptAt: null,
            updatedAt: at.toISOString(),
          });
      }
      if (o.inline && o.zoom && o.tokens)
        await processDueMeetings(tx, o.zoom, at, { siteId, limit: Number.MAX_SAFE_INTEGER, tokens: o.tokens });
    },
  };
}
