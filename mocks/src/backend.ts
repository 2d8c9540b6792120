import {
  AUTOMATION_IDS,
  type AutomationId,
  CONNECTED_PROVIDERS,
  type ConnectedProvider,
  type ConnectionTarget,
  type CourseLink,
  defaultTemplate,
  type OnlineSettings,
  type RouteName,
  type SessionDetail,
  type StaffMember,
  type Template,
} from '@session-links/core';
import {
  type Caller,
  createHandler,
  createService,
  type MeetingWorkerResult,
  type ProviderGateway,
  type RequestHandler,
  runMeetingWorker,
  ServiceError,
  type SessionLinksService,
  type Store,
  type StoreNotices,
  type StoreTx,
  tokensFor,
} from '@session-links/server';
import {
  createFakeProviderGateway,
  createMemoryStore,
  type DeliveryResult,
  MAIN_SITE,
  type MemorySiteRows,
  type MemoryStore,
  plainNoticeRender,
  type RenderNotice,
  runDelivery,
  type ScenarioData,
  type ScenarioMember,
  type ScenarioName,
  type ScenarioSite,
  type ScenarioUser,
  scenario,
  seedFromData,
} from '@session-links/server/testing';
import { type DeliveredNotice, memoryNoticeTransport } from './notices';

/** A refusal, as the server answers it (kept under its old name). */
export { ServiceError as MockApiError };

export type Member = ScenarioMember;
export type MockUser = ScenarioUser;
export type SiteData = ScenarioSite;
export type MockData = ScenarioData;

export type FailureMode = 'server' | 'network';

export interface MockBackendOptions {
  /** The user requests are made as, unless a request names another (header `x-session-links-user`). */
  signedInAs?: string;
  /** "Now", for what counts as upcoming. Defaults to the real clock. */
  now?: () => Date;
  /** Where the fake Zoom consent page is served, relative to the API's origin. */
  consentPagePath?: string;
  /**
   * Zoom behind the server: `'fake'` (default), the in-process fake, asked for by name as the
   * server requires (R27); `'not-configured'`, a server with no Zoom configuration — Connect
   * answers 501 NOT_CONFIGURED (reason PROVIDER_NOT_CONFIGURED), as a host's real server would.
   */
  zoom?: 'fake' | 'not-configured';
  /**
   * Each connected provider behind the server (R31): `'fake'` (default for all three), the
   * in-process fake (Zoom's, Google Meet's — a new meeting answers pending first — or Teams',
   * which refuses a personal Microsoft account's meetings); `'not-configured'`, a server
   * without that provider's configuration: `listProviders` says so, the widgets do not offer
   * it, and connecting it answers 501 NOT_CONFIGURED. `zoom` is the shorthand for Zoom's.
   */
  providers?: Partial<Record<ConnectedProvider, 'fake' | 'not-configured'>>;
  /**
   * How the mocks make Zoom meetings. Unset: at once, inside the write (the server's
   * `meetings: 'inline'` mode). A number: as the real server does, by its meeting worker,
   * that many milliseconds after each write (Storybook: 1,500), so a widget shows the
   * meeting being made (`PROVIDER_MEETING_PENDING`) and then its link. `0` runs the worker
   * right after the write; `runMeetingWorker()` drives it by hand.
   */
  meetingDelayMs?: number;
  /**
   * How the mocks deliver the notices a link change records (R29), through an in-memory
   * transport (`delivered`; an address at `refused.example` is refused). Unset: by hand,
   * `runDelivery()`. A number: the server's delivery worker runs that many milliseconds after
   * each write (Storybook: 1,500), so a widget shows notices pending, then sent.
   */
  noticeDelayMs?: number;
  /** How a notice is rendered for the in-memory inbox. Default: the server's plain notice. */
  renderNotice?: RenderNotice;
}

/**
 * The session-links server in memory, seeded with a scenario: `@session-links/server`'s
 * own service over `createMemoryStore()` and its fake Zoom. Nothing here decides a rule:
 * this class only holds the store, the switches (latency, failures, a conflict) and a
 * log of requests, and offers read-only inspection for tests.
 *
 * Zoom meetings are made at once, in the write's own transaction (the server's
 * `meetings: 'inline'` mode, fine with the in-process fake), unless `meetingDelayMs` is
 * set: then the server's own meeting worker makes them that long after each write, as
 * the real server's worker does.
 */
export class MockBackend {
  signedInAs: string;
  readonly now: () => Date;
  readonly consentPagePath: string;
  /** The fake Zoom behind the server, with the number of calls it received. */
  readonly zoom: ReturnType<typeof createFakeProviderGateway>;
  /** Each provider's fake (configured or not), with the calls it received. */
  readonly gateways: Record<ConnectedProvider, ReturnType<typeof createFakeProviderGateway>>;
  /** The providers the server behind is configured for (R27). */
  readonly configured: ReadonlySet<ConnectedProvider>;
  /** The store the server runs on; `reset()` replaces it. */
  store: MemoryStore;
  /** Resolves once the scenario is in the store. */
  ready: Promise<void>;
  /** Who was signed in when the backend was made: `reset()` signs them in again. */
  private readonly seededSignIn: string;
  /** The service layer over `store`, with the switches applied (what the HTTP handler calls). */
  readonly service: SessionLinksService;

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

  private readonly seedData: () => ScenarioData;
  private readonly users: ScenarioUser[];

  constructor(data: ScenarioData | (() => ScenarioData), options: MockBackendOptions = {}) {
    const initial = typeof data === 'function' ? data() : structuredClone(data);
    this.seedData = typeof data === 'function' ? data : () => structuredClone(initial);
    this.users = initial.users;
    this.signedInAs = options.signedInAs ?? 'owner';
    this.seededSignIn = this.signedInAs;
    this.now = options.now ?? (() => new Date());
    this.consentPagePath = options.consentPagePath ?? '/session-links-zoom-consent.html';
    const fake = (provider: ConnectedProvider) =>
      createFakeProviderGateway(provider, {
        consentPagePath: this.consentPagePath,
        // The scenario's users sign in with one address at every provider (a story may connect another).
        zoomEmailOf: (userId) => this.users.find((u) => u.id === userId)?.zoomEmail ?? 'someone@zoom.example',
        // Another address of a scenario user (anna@outlook.com, as a story connects): still their name, as a provider shows it.
        zoomNameOf: (email) =>
          this.users.find((u) => u.zoomEmail === email)?.name ??
          this.users.find((u) => u.zoomEmail.split('@')[0] === email.split('@')[0])?.name ??
          email,
      });
    this.gateways = { zoom: fake('zoom'), 'google-meet': fake('google-meet'), teams: fake('teams') };
    this.zoom = this.gateways.zoom;
    const wanted = { ...options.providers, ...(options.zoom ? { zoom: options.zoom } : {}) };
    this.configured = new Set(CONNECTED_PROVIDERS.filter((p) => wanted[p] !== 'not-configured'));
    this.store = this.createStore(initial);
    this.ready = this.store.transaction(async () => undefined);
    this.serverStore = this.switchedStore();
    this.zoomConfigured = this.configured.has('zoom');
    this.meetingDelayMs = options.meetingDelayMs;
    this.noticeDelayMs = options.noticeDelayMs;
    this.renderNotice = options.renderNotice ?? plainNoticeRender;
    this.transport = memoryNoticeTransport(this.now);
    this.service = createService({
      store: this.serverStore,
      providers: this.configuredGateways(),
      now: this.now,
      meetings: this.meetingMode(),
    });
  }

  // ---- notices (R29) -------------------------------------------------------------------

  /** Unset: notices are delivered by hand (`runDelivery()`); else that long after each write. */
  readonly noticeDelayMs: number | undefined;
  private readonly renderNotice: RenderNotice;
  private readonly transport: ReturnType<typeof memoryNoticeTransport>;
  private readonly deliveryTimers = new Set<ReturnType<typeof setTimeout>>();

  /** What the in-memory transport delivered, in order (the clients' inbox). */
  get delivered(): readonly DeliveredNotice[] {
    return this.transport.delivered;
  }

  /** Notices to this address are refused from now on, for good (a story's "1 failed (address refused)"). */
  refuseNoticesTo(email: string): this {
    this.transport.refused.add(email.trim().toLowerCase());
    return this;
  }

  /** Notices to this address are accepted again (a story's Retry that then succeeds). */
  acceptNoticesTo(email: string): this {
    this.transport.refused.delete(email.trim().toLowerCase());
    return this;
  }

  /** One run of the server's delivery over this backend's outbox, through the in-memory transport. */
  runDelivery(): Promise<DeliveryResult> {
    return runDelivery({
      outbox: this.store.notices.outbox,
      transport: this.transport,
      render: this.renderNotice,
      now: this.now,
      batchSize: 500,
    });
  }

  /** After a write, when `noticeDelayMs` is set: the delivery runs that much later. */
  scheduleDelivery(): void {
    if (this.noticeDelayMs === undefined) return;
    const timer = setTimeout(() => {
      this.deliveryTimers.delete(timer);
      this.runDelivery().catch((error: unknown) => console.error('[session-links mocks] delivery', error));
    }, this.noticeDelayMs);
    this.deliveryTimers.add(timer);
  }

  /** Stops pending delivery runs (a story or test that is done). */
  stopDelivery(): void {
    for (const timer of this.deliveryTimers) clearTimeout(timer);
    this.deliveryTimers.clear();
  }

  /** Unset: meetings inline; else the worker runs this long after each write. */
  readonly meetingDelayMs: number | undefined;
  private readonly meetingTimers = new Set<ReturnType<typeof setTimeout>>();

  private meetingMode(): 'inline' | 'worker' {
    return this.meetingDelayMs === undefined ? 'inline' : 'worker';
  }

  /** The configured providers' fakes, as the server is given them. */
  private configuredGateways(): ProviderGateway[] {
    return CONNECTED_PROVIDERS.filter((p) => this.configured.has(p)).map((p) => this.gateways[p]);
  }

  /** One run of the server's meeting worker over this backend's store (R22): what the real server's timer does. */
  async runMeetingWorker(): Promise<MeetingWorkerResult> {
    const runtimes = Object.fromEntries(this.configuredGateways().map((g) => [g.provider, { gateway: g, tokens: tokensFor(g) }]));
    const result = await runMeetingWorker(this.serverStore, runtimes, this.now());
    // A meeting made tells the booked clients (R29): delivered as after a write.
    if (result.created + result.updated + result.deleted + (result.adopted ?? 0) > 0) this.scheduleDelivery();
    return result;
  }

  /**
   * Connects `provider`'s account for `target` through the server's own flow (startConnection,
   * the consent page's `allow:<email>` code, completeConnection), as `userId`; then, for a
   * story's starting point, marks it `expired` or `error` (R17) as the worker would. Default
   * e-mail: the user's own.
   */
  async connectAccount(
    provider: ConnectedProvider,
    target: ConnectionTarget,
    options: { email?: string; health?: 'connected' | 'expired' | 'error'; userId?: string; siteId?: string } = {},
  ): Promise<void> {
    const userId = options.userId ?? this.signedInAs;
    const siteId = options.siteId ?? MAIN_SITE;
    const version =
      target.type === 'default'
        ? this.getSettings(siteId).version
        : (this.listStaff(siteId).find((s) => s.id === target.staffId)?.version ?? 0);
    const { state } = await this.call('startConnection', { siteId }, { provider, target }, userId);
    const email = options.email ?? this.users.find((u) => u.id === userId)?.zoomEmail ?? 'someone@studio.example';
    const connection = await this.call('completeConnection', { siteId }, { state, code: `allow:${email}`, version }, userId);
    const health = options.health;
    if (health && health !== 'connected') {
      await this.store.transaction((tx) => tx.setAccountHealth(siteId, connection.account.id, health));
    }
  }

  /** After a write, in worker mode: the worker runs `meetingDelayMs` later. */
  scheduleMeetingWorker(): void {
    // No Zoom configured (R27): the real server runs no meeting worker either.
    if (this.meetingDelayMs === undefined || this.configured.size === 0) return;
    this.runWorkerIn(this.meetingDelayMs);
  }

  private runWorkerIn(ms: number): void {
    const timer = setTimeout(() => {
      this.meetingTimers.delete(timer);
      this.runMeetingWorker()
        .then(() => {
          // A meeting the provider is still making (Google's pending conference) is looked at
          // again when the worker said, as the real server's timer would: no write comes to do it.
          const next = this.nextMakingAt();
          if (next !== null) this.runWorkerIn(Math.max(0, next - this.now().getTime()));
        })
        .catch((error: unknown) => console.error('[session-links mocks] meeting worker', error));
    }, ms);
    this.meetingTimers.add(timer);
  }

  /** When the worker looks again at a meeting a provider is still making; null when none is. */
  private nextMakingAt(): number | null {
    let next: number | null = null;
    for (const rows of this.store.inspect().sites.values()) {
      for (const m of rows.meetings.values()) {
        if (m.lastError !== 'PROVIDER_MEETING_PENDING' || m.zoomMeetingId === null || m.nextAttemptAt === null) continue;
        const at = new Date(m.nextAttemptAt).getTime();
        if (next === null || at < next) next = at;
      }
    }
    return next;
  }

  /** Stops the meeting worker's pending runs (a story or test that is done). */
  stopMeetingWorker(): void {
    for (const timer of this.meetingTimers) clearTimeout(timer);
    this.meetingTimers.clear();
  }

  /** Whether the server behind has Zoom (the fake); `false`: the `not-configured` option. */
  readonly zoomConfigured: boolean;

  private readonly serverStore: Store;

  /**
   * The server's HTTP handler over this backend, mounted at `basePath`, with a dev
   * authenticator: the user a request names (`userOf`), else the signed-in user.
   */
  handler(basePath: string, userOf: (request: Request) => string | null = () => null): RequestHandler {
    return createHandler({
      store: this.serverStore,
      authenticate: async (request) => ({ userId: userOf(request) ?? this.signedInAs }),
      // The fakes by name (the server's default is no provider at all), but those a story leaves unconfigured.
      providers: this.configuredGateways(),
      basePath,
      now: this.now,
      meetings: this.meetingMode(),
    });
  }

  private createStore(data: ScenarioData): MemoryStore {
    return createMemoryStore(seedFromData(data, { zoom: this.zoom, now: this.now() }));
  }

  /** The current store, with the conflict switch: the next versioned write loses, as if someone saved first. */
  private switchedStore(): Store {
    const switches = this.switches;
    const wrap = (tx: StoreTx): StoreTx =>
      new Proxy(tx, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (typeof value !== 'function') return value;
          const name = String(key);
          const versioned = name.startsWith('put') && name !== 'putTokens';
          return (...args: unknown[]) => {
            if (versioned && switches.conflictOnNextWrite) {
              switches.conflictOnNextWrite = false;
              return Promise.resolve(false);
            }
            return value.apply(target, args);
          };
        },
      });
    const backend = this;
    // R29: the notices go to the current store's outbox (reset() makes a new one), in the write's transaction.
    const notices: StoreNotices = {
      get outbox() {
        return backend.store.notices.outbox;
      },
      txOf: (tx) => tx,
    };
    return {
      transaction: (fn) => this.store.transaction((tx) => fn(wrap(tx))),
      close: () => this.store.close(),
      notices,
    } as Store;
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
  /** Back to the seeded scenario: a new store, switches off, the request log emptied. */
  reset(): this {
    this.store = this.createStore(this.seedData());
    this.ready = this.store.transaction(async () => undefined);
    this.switches.latency = 0;
    this.switches.failing.clear();
    this.switches.conflictOnNextWrite = false;
    this.requests.length = 0;
    this.signedInAs = this.seededSignIn;
    this.stopDelivery();
    this.transport.delivered.length = 0;
    this.transport.refused.clear();
    return this;
  }

  /** Runs one operation as `userId` (default: the signed-in user), through the server's service layer. */
  call<N extends RouteName>(
    operation: N,
    params: { siteId: string; staffId?: string; sessionId?: string; serviceId?: string; automationId?: AutomationId },
    input?: Parameters<SessionLinksService['operations'][N]>[2],
    userId = this.signedInAs,
  ): ReturnType<SessionLinksService['operations'][N]> {
    const caller: Caller = { userId, origin: 'http://localhost' };
    const op = this.service.operations[operation] as (
      c: Caller,
      p: typeof params,
      i: unknown,
    ) => ReturnType<SessionLinksService['operations'][N]>;
    return op(caller, params, input);
  }

  /** Saves a template as `userId`, like the widget would (for a story's starting point). */
  saveTemplate(
    siteId: string,
    automationId: AutomationId,
    input: Pick<Template, 'subject' | 'body' | 'joinOnline' | 'version'>,
    userId = this.signedInAs,
  ) {
    return this.call('saveTemplate', { siteId, automationId }, input, userId);
  }

  // ---- inspection: what is stored right now, for tests and stories (all but getSession synchronous) --

  private rows(siteId: string): MemorySiteRows {
    const rows = this.store.inspect().sites.get(siteId);
    if (!rows?.site) throw new ServiceError('NOT_FOUND', `No site ${siteId}`);
    return rows;
  }

  /** The stored settings of a site. */
  getSettings(siteId: string, _userId?: string): OnlineSettings {
    const rows = this.rows(siteId);
    return {
      siteId,
      plan: (rows.site as NonNullable<MemorySiteRows['site']>).plan,
      defaultAccount: rows.settings.value,
      notices: rows.noticePolicy,
      version: rows.settings.version,
    };
  }

  /** A course's stored link and its version (never written: null at version 0). */
  getCourseLink(siteId: string, serviceId: string, _userId?: string): { courseLink: CourseLink } {
    const row = this.rows(siteId).courseLinks.get(serviceId);
    return { courseLink: { serviceId, link: row?.value ?? null, version: row?.version ?? 0 } };
  }

  /** Staff members with their stored accounts (unredacted: for assertions). */
  listStaff(siteId: string, _userId?: string): StaffMember[] {
    return this.data.sites.find((s) => s.id === siteId)?.staff ?? [];
  }

  /** A stored template, or the default one when it was never saved. */
  getTemplate(siteId: string, automationId: AutomationId, _userId?: string): Template {
    const rows = this.rows(siteId);
    return rows.templates.get(automationId) ?? defaultTemplate(automationId, rows.site?.locale ?? 'en', 0);
  }

  /**
   * A session and its link, read through the server's own `getSession` (nothing here resolves
   * a link). As `userId`, by default the site's owner, who sees everything (R18): for assertions.
   */
  async getSession(siteId: string, sessionId: string, userId?: string): Promise<SessionDetail> {
    const owner = [...this.rows(siteId).members.values()].find((m) => m.role === 'owner')?.userId;
    return this.call('getSession', { siteId, sessionId }, undefined, userId ?? owner ?? this.signedInAs);
  }

  /** Everything stored, in the scenarios' shape. */
  get data(): ScenarioData {
    const sites: ScenarioSite[] = [];
    for (const [id, rows] of this.store.inspect().sites) {
      if (!rows.site) continue;
      const members: Record<string, ScenarioMember> = {};
      for (const m of rows.members.values()) members[m.userId] = { role: m.role, staffId: m.staffId };
      sites.push({
        id,
        name: rows.site.name,
        plan: rows.site.plan,
        ...(rows.site.locale === undefined ? {} : { locale: rows.site.locale }),
        ...(rows.site.timeZone === undefined ? {} : { timeZone: rows.site.timeZone }),
        defaultAccount: rows.settings.value,
        settingsVersion: rows.settings.version,
        staff: [...rows.staff.values()].map((s) => ({
          ...s,
          account: rows.staffAccounts.get(s.id)?.value ?? null,
          version: rows.staffAccounts.get(s.id)?.version ?? 0,
        })),
        services: [...rows.services.values()],
        sessions: [...rows.sessions.values()].map((s) => ({
          ...s,
          override: rows.overrides.get(s.id)?.value ?? null,
          version: rows.overrides.get(s.id)?.version ?? 0,
        })),
        courseLinks: [...rows.courseLinks].map(([serviceId, row]) => ({ serviceId, link: row.value, version: row.version })),
        clients: [...rows.clients.values()],
        bookings: [...rows.bookings.values()],
        templates: AUTOMATION_IDS.map((a) => rows.templates.get(a) ?? defaultTemplate(a, rows.site?.locale ?? 'en', 0)),
        members,
      });
    }
    return { sites, users: this.users };
  }
}

/** A fresh backend seeded with a named scenario. */
export function createMockBackend(name: ScenarioName = 'zoom-default', options: MockBackendOptions = {}): MockBackend {
  return new MockBackend(() => scenario(name, options.now?.() ?? new Date()), options);
}
