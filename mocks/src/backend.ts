import {
  type Account,
  type Action,
  type ApiErrorBody,
  type ApiErrorCode,
  AUTOMATION_IDS,
  type AutomationId,
  applicableZoomAccount,
  automationIdSchema,
  type Booking,
  type Client,
  type CourseLink,
  type CourseLinkState,
  type CourseLinkUpdate,
  type CurrentUser,
  type CustomLink,
  canPerform,
  courseLinkBlocker,
  createSiteSnapshot,
  customLinkSchema,
  defaultTemplate,
  type Impact,
  impactOfChange,
  joinSectionStatus,
  linkFromCustom,
  type OnlineSettings,
  type Plan,
  type ResolvedSession,
  type RouteName,
  recognizeProvider,
  resetTemplate,
  resolveSessionLink,
  resolveSessionLinks,
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
} from '@session-links/core';

/** A refusal, as the real backend would answer it. */
export class MockApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: { reason?: ApiErrorBody['error']['reason']; fields?: Record<string, string[]> } = {},
  ) {
    super(message);
  }
  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export interface Member {
  role: CurrentUser['role'];
  staffId: string | null;
}

export interface MockUser {
  id: string;
  name: string;
  /** Zoom user this person connects when they go through the consent page. */
  zoomEmail: string;
}

/** All data of one site (tenant, R13). Plain data, so a scenario is just a value. */
export interface SiteData {
  id: string;
  name: string;
  plan: Plan;
  defaultAccount: Account | null;
  settingsVersion: number;
  staff: StaffMember[];
  services: Service[];
  sessions: Session[];
  courseLinks: CourseLink[];
  clients: Client[];
  bookings: Booking[];
  templates: Template[];
  members: Record<string, Member>;
}

export interface MockData {
  sites: SiteData[];
  users: MockUser[];
}

export type FailureMode = 'server' | 'network';

interface PendingZoom {
  siteId: string;
  target: ZoomTarget;
  userId: string;
}

export interface MockBackendOptions {
  /** The user requests are made as, unless a request names another (header `x-session-links-user`). */
  signedInAs?: string;
  /** "Now", for what counts as upcoming. Defaults to the real clock. */
  now?: () => Date;
  /** Where the fake Zoom consent page is served, relative to the API's origin. */
  consentPagePath?: string;
}

let stateCounter = 0;
function newState(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  stateCounter++;
  return `${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}${stateCounter.toString(36)}`;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * The session-links backend, in memory. Every rule is decided by the same
 * `@session-links/core` functions the widgets use; writes persist in `data` for the
 * life of the instance; every operation checks the signed-in user's role (R10).
 */
export class MockBackend {
  readonly data: MockData;
  signedInAs: string;
  readonly now: () => Date;
  readonly consentPagePath: string;

  /** Switches, for stories and tests. */
  readonly switches = {
    /** Delay before every answer, in ms; `Infinity` never answers (a loading state). */
    latency: 0,
    /** Operations that fail, and how. `'*'` fails every operation. */
    failing: new Map<RouteName | '*', FailureMode>(),
    /** The next write answers CONFLICT, as if someone else had saved first. */
    conflictOnNextWrite: false,
  };

  /** Every request the handlers answered, by operation, in order: lets a test see that nothing was sent. */
  readonly requests: RouteName[] = [];

  private readonly pendingZoom = new Map<string, PendingZoom>();

  constructor(data: MockData, options: MockBackendOptions = {}) {
    this.data = clone(data);
    this.signedInAs = options.signedInAs ?? 'owner';
    this.now = options.now ?? (() => new Date());
    this.consentPagePath = options.consentPagePath ?? '/session-links-zoom-consent.html';
  }

  // ---- switches -----------------------------------------------------------------------

  fail(operation: RouteName | '*', mode: FailureMode = 'server'): this {
    this.switches.failing.set(operation, mode);
    return this;
  }
  recover(operation?: RouteName | '*'): this {
    if (operation) this.switches.failing.delete(operation);
    else this.switches.failing.clear();
    return this;
  }
  failureFor(operation: RouteName): FailureMode | undefined {
    return this.switches.failing.get(operation) ?? this.switches.failing.get('*');
  }
  setLatency(ms: number): this {
    this.switches.latency = ms;
    return this;
  }
  conflictOnNextWrite(): this {
    this.switches.conflictOnNextWrite = true;
    return this;
  }
  signIn(userId: string): this {
    this.signedInAs = userId;
    return this;
  }

  // ---- helpers ------------------------------------------------------------------------

  site(siteId: string): SiteData {
    const site = this.data.sites.find((s) => s.id === siteId);
    if (!site) throw new MockApiError('NOT_FOUND', `No site ${siteId}`);
    return site;
  }

  private user(site: SiteData, userId: string): CurrentUser {
    const member = site.members[userId];
    const user = this.data.users.find((u) => u.id === userId);
    if (!member || !user) throw new MockApiError('FORBIDDEN', 'You are not a member of this site');
    return { id: user.id, name: user.name, role: member.role, staffId: member.staffId };
  }

  private authorize(site: SiteData, userId: string, action: Action): CurrentUser {
    const user = this.user(site, userId);
    if (!canPerform(user, action)) throw new MockApiError('FORBIDDEN', 'You do not have permission to do this');
    return user;
  }

  private requirePlan(site: SiteData): void {
    if (!site.plan.includesOnlineSessions) throw new MockApiError('PLAN_REQUIRED', 'Upgrade to a plan with online sessions');
  }

  /** Optimistic concurrency: the write must name the version it was based on. */
  private checkVersion(current: number, sent: number): void {
    if (this.switches.conflictOnNextWrite) {
      this.switches.conflictOnNextWrite = false;
      throw new MockApiError('CONFLICT', 'This was changed by someone else in the meantime');
    }
    if (current !== sent) throw new MockApiError('CONFLICT', 'This was changed by someone else in the meantime');
  }

  snapshot(site: SiteData): SiteSnapshot {
    return createSiteSnapshot({
      plan: site.plan,
      defaultAccount: site.defaultAccount,
      services: site.services,
      staff: site.staff,
      courseLinks: site.courseLinks,
    });
  }

  private staffMember(site: SiteData, staffId: string): StaffMember {
    const member = site.staff.find((s) => s.id === staffId);
    if (!member) throw new MockApiError('NOT_FOUND', `No staff member ${staffId}`);
    return member;
  }

  private sessionById(site: SiteData, sessionId: string): Session {
    const session = site.sessions.find((s) => s.id === sessionId);
    if (!session) throw new MockApiError('NOT_FOUND', `No session ${sessionId}`);
    return session;
  }

  private course(site: SiteData, serviceId: string): Service {
    const service = site.services.find((s) => s.id === serviceId);
    if (!service) throw new MockApiError('NOT_FOUND', `No service ${serviceId}`);
    return service;
  }

  private customAccount(prefix: string, link: CustomLink): Account {
    return {
      id: `${prefix}-custom-${newState().slice(0, 8)}`,
      kind: 'custom',
      health: 'connected',
      provider: recognizeProvider(link.url),
      link,
    };
  }

  private settings(site: SiteData): OnlineSettings {
    return { siteId: site.id, plan: site.plan, defaultAccount: site.defaultAccount, version: site.settingsVersion };
  }

  private impactOptions(site: SiteData) {
    return { now: this.now().toISOString(), bookings: site.bookings, clients: site.clients };
  }

  // ---- operations (one per route) -----------------------------------------------------

  getMe(siteId: string, userId = this.signedInAs): CurrentUser {
    return this.user(this.site(siteId), userId);
  }

  getSettings(siteId: string, userId = this.signedInAs): OnlineSettings {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'settings.read' });
    return this.settings(site);
  }

  setDefaultCustomLink(siteId: string, input: { link: CustomLink; version: number }, userId = this.signedInAs): OnlineSettings {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'default-account.manage' });
    this.requirePlan(site);
    this.checkVersion(site.settingsVersion, input.version);
    site.defaultAccount = this.customAccount('default', customLinkSchema.parse(input.link));
    site.settingsVersion++;
    return this.settings(site);
  }

  disconnectDefault(siteId: string, input: { version: number }, userId = this.signedInAs): OnlineSettings {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'default-account.manage' });
    this.checkVersion(site.settingsVersion, input.version);
    site.defaultAccount = null;
    site.settingsVersion++;
    return this.settings(site);
  }

  startZoomConnection(siteId: string, input: { target: ZoomTarget }, origin: string, userId = this.signedInAs): ZoomAuthorization {
    const site = this.site(siteId);
    this.authorizeZoomTarget(site, input.target, userId);
    const state = newState();
    this.pendingZoom.set(state, { siteId, target: input.target, userId });
    const zoomUser = this.data.users.find((u) => u.id === userId)?.zoomEmail ?? 'someone@zoom.example';
    const url = new URL(this.consentPagePath, origin);
    url.searchParams.set('state', state);
    url.searchParams.set('user', zoomUser);
    return { authorizeUrl: url.toString(), state, callbackOrigin: url.origin };
  }

  private authorizeZoomTarget(site: SiteData, target: ZoomTarget, userId: string): void {
    if (target.type === 'default') {
      this.authorize(site, userId, { type: 'default-account.manage' });
      this.requirePlan(site);
    } else {
      this.authorize(site, userId, { type: 'staff-account.manage', staffId: target.staffId });
      this.staffMember(site, target.staffId);
      const blocker = staffAccountBlocker(this.settings(site));
      if (blocker) throw new MockApiError(blocker, 'Connect a default account for the site first');
    }
  }

  completeZoomConnection(
    siteId: string,
    input: { state: string; code: string; version: number },
    userId = this.signedInAs,
  ): ZoomConnection {
    const site = this.site(siteId);
    const pending = this.pendingZoom.get(input.state);
    // The state must be one this backend issued, for this site and user (R14).
    if (!pending || pending.siteId !== siteId || pending.userId !== userId) {
      throw new MockApiError('VALIDATION', 'The Zoom authorisation does not match a connection in progress', {
        reason: 'ZOOM_STATE_MISMATCH',
      });
    }
    this.authorizeZoomTarget(site, pending.target, userId);
    if (!input.code.startsWith('allow:')) throw new MockApiError('VALIDATION', 'Zoom did not grant access', { reason: 'ZOOM_DENIED' });
    const email = input.code.slice('allow:'.length) || 'someone@zoom.example';
    const account: Account = {
      id: `zoom-${newState().slice(0, 10)}`,
      kind: 'zoom',
      health: 'connected',
      zoomUser: { email, name: this.data.users.find((u) => u.zoomEmail === email)?.name ?? email },
    };
    if (pending.target.type === 'default') {
      this.checkVersion(site.settingsVersion, input.version);
      site.defaultAccount = account;
      site.settingsVersion++;
    } else {
      const member = this.staffMember(site, pending.target.staffId);
      this.checkVersion(member.version, input.version);
      member.account = account;
      member.version++;
    }
    this.pendingZoom.delete(input.state);
    return { target: pending.target, account };
  }

  previewImpact(siteId: string, change: SettingsChange, userId = this.signedInAs): Impact {
    const site = this.site(siteId);
    const action: Action =
      change.type === 'set-staff-account'
        ? { type: 'staff-account.manage', staffId: change.staffId }
        : change.type === 'set-course-link'
          ? { type: 'course-link.manage' }
          : { type: 'default-account.manage' };
    this.authorize(site, userId, action);
    return impactOfChange(site.sessions, this.snapshot(site), change, this.impactOptions(site));
  }

  listStaff(siteId: string, userId = this.signedInAs): StaffMember[] {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'settings.read' });
    return site.staff;
  }

  setStaffCustomLink(siteId: string, staffId: string, input: { link: CustomLink; version: number }, userId = this.signedInAs): StaffMember {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'staff-account.manage', staffId });
    const member = this.staffMember(site, staffId);
    const blocker = staffAccountBlocker(this.settings(site));
    if (blocker)
      throw new MockApiError(
        blocker,
        blocker === 'PLAN_REQUIRED' ? 'Upgrade to a plan with online sessions' : 'Connect a default account for the site first',
      );
    this.checkVersion(member.version, input.version);
    member.account = this.customAccount(staffId, customLinkSchema.parse(input.link));
    member.version++;
    return member;
  }

  removeStaffAccount(siteId: string, staffId: string, input: { version: number }, userId = this.signedInAs): StaffMember {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'staff-account.manage', staffId });
    const member = this.staffMember(site, staffId);
    this.checkVersion(member.version, input.version);
    member.account = null;
    member.version++;
    return member;
  }

  listServices(siteId: string, userId = this.signedInAs): Service[] {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'settings.read' });
    return site.services;
  }

  listSessions(siteId: string, range: { from: string; to: string }, userId = this.signedInAs): ResolvedSession[] {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'settings.read' });
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    const inRange = site.sessions.filter((s) => {
      const t = Date.parse(s.start);
      return t >= from && t < to;
    });
    return resolveSessionLinks(inRange, this.snapshot(site));
  }

  private sessionDetail(site: SiteData, session: Session): SessionDetail {
    const snapshot = this.snapshot(site);
    return {
      session,
      resolution: resolveSessionLink(session, snapshot),
      zoomAvailableFrom: applicableZoomAccount(session, snapshot)?.from ?? null,
    };
  }

  getSession(siteId: string, sessionId: string, userId = this.signedInAs): SessionDetail {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'settings.read' });
    return this.sessionDetail(site, this.sessionById(site, sessionId));
  }

  setSessionLink(
    siteId: string,
    sessionId: string,
    input: { change: SessionLinkChange; version: number },
    userId = this.signedInAs,
  ): SessionDetail {
    const site = this.site(siteId);
    const session = this.sessionById(site, sessionId);
    this.authorize(site, userId, { type: 'session-link.manage', session });
    this.requirePlan(site);
    const change = input.change;
    let override: Session['override'];
    if (change.kind === 'custom') {
      override = { kind: 'link', link: linkFromCustom(customLinkSchema.parse(change.link)) };
    } else if (change.kind === 'zoom') {
      const zoom = applicableZoomAccount(session, this.snapshot(site));
      if (!zoom)
        throw new MockApiError('VALIDATION', 'There is no Zoom account to create a meeting with: add a custom link instead', {
          reason: 'NO_ZOOM_ACCOUNT',
        });
      override = { kind: 'zoom', accountId: zoom.account.id };
    } else if (change.kind === 'removed') {
      override = { kind: 'removed' };
    } else {
      override = null;
    }
    this.checkVersion(session.version, input.version);
    session.override = override;
    session.version++;
    return this.sessionDetail(site, session);
  }

  private courseLinkOf(site: SiteData, serviceId: string): CourseLink {
    let courseLink = site.courseLinks.find((c) => c.serviceId === serviceId);
    if (!courseLink) {
      courseLink = { serviceId, link: null, version: 0 };
      site.courseLinks.push(courseLink);
    }
    return courseLink;
  }

  getCourseLink(siteId: string, serviceId: string, userId = this.signedInAs): CourseLinkState {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'settings.read' });
    const service = this.course(site, serviceId);
    const existing = site.courseLinks.find((c) => c.serviceId === serviceId);
    return {
      courseLink: existing ?? { serviceId, link: null, version: 0 },
      sessionCount: site.sessions.filter((s) => s.serviceId === serviceId).length,
      blocker: courseLinkBlocker(site, service, site.sessions),
    };
  }

  setCourseLink(
    siteId: string,
    serviceId: string,
    input: { link: CustomLink | null; version: number },
    userId = this.signedInAs,
  ): CourseLinkUpdate {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'course-link.manage' });
    const service = this.course(site, serviceId);
    const blocker = courseLinkBlocker(site, service, site.sessions);
    if (blocker === 'PLAN_REQUIRED') throw new MockApiError('PLAN_REQUIRED', 'Upgrade to a plan with online sessions');
    if (blocker) throw new MockApiError('VALIDATION', 'A course link can be set once the course has a saved session', { reason: blocker });
    const link = input.link === null ? null : customLinkSchema.parse(input.link);
    const courseLink = this.courseLinkOf(site, serviceId);
    this.checkVersion(courseLink.version, input.version);
    // R6: the answer names every session that changed, past and future, and who to tell.
    const propagation = impactOfChange(
      site.sessions,
      this.snapshot(site),
      { type: 'set-course-link', serviceId, link },
      this.impactOptions(site),
    );
    courseLink.link = link;
    courseLink.version++;
    return { courseLink, propagation };
  }

  private template(site: SiteData, automationId: AutomationId): Template {
    let template = site.templates.find((t) => t.automationId === automationId);
    if (!template) {
      template = defaultTemplate(automationId, 'en', 0);
      site.templates.push(template);
    }
    return template;
  }

  listAutomations(siteId: string, userId = this.signedInAs) {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'templates.manage' });
    return AUTOMATION_IDS.map((id) => {
      const template = this.template(site, id);
      return { id, joinSection: joinSectionStatus(template), version: template.version };
    });
  }

  getTemplate(siteId: string, automationId: string, userId = this.signedInAs): Template {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'templates.manage' });
    return this.template(site, automationIdSchema.parse(automationId));
  }

  saveTemplate(
    siteId: string,
    automationId: string,
    input: Pick<Template, 'subject' | 'body' | 'joinOnline' | 'version'>,
    userId = this.signedInAs,
  ): Template {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'templates.manage' });
    const template = this.template(site, automationIdSchema.parse(automationId));
    this.checkVersion(template.version, input.version);
    Object.assign(template, {
      subject: input.subject,
      body: input.body,
      joinOnline: { elements: [...new Set(input.joinOnline.elements)] },
    });
    template.version++;
    return template;
  }

  resetTemplate(siteId: string, automationId: string, input: { version: number }, userId = this.signedInAs): Template {
    const site = this.site(siteId);
    this.authorize(site, userId, { type: 'templates.manage' });
    const template = this.template(site, automationIdSchema.parse(automationId));
    this.checkVersion(template.version, input.version);
    Object.assign(template, resetTemplate(template));
    template.version++;
    return template;
  }
}
