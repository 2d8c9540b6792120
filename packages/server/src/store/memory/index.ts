// Over 500 lines on purpose: the whole Store contract in memory in one class, so it reads side by side with the contract suite it must pass like the SQL store.
import type {
  Account,
  AccountHealth,
  AutomationId,
  Booking,
  Client,
  CustomLink,
  NoticePolicy,
  Resolution,
  Service,
  SessionOverride,
  Template,
} from '@session-links/core';
import { MemoryOutbox } from '../../notices/outbox';
import type {
  HostMember,
  HostSession,
  HostSite,
  HostStaff,
  MeetingPatch,
  MeetingRef,
  NewLinkHistoryEntry,
  NewMeeting,
  OAuthStateRecord,
  SessionQuery,
  Store,
  StoredLinkHistoryEntry,
  StoredMeeting,
  StoredTokens,
  StoreNotices,
  StoreNoticesSource,
  StoreTx,
  Versioned,
} from '../types';
import type { SiteRevisionSource } from '../views';

/** One site's rows. Rows are frozen: a write replaces a row, never changes it. */
export interface MemorySiteRows {
  site: HostSite | null;
  members: Map<string, HostMember>;
  staff: Map<string, HostStaff>;
  services: Map<string, Service>;
  /** A service's video-switch version (absent: 0), raised by the switch and by a sync that changes `online`. */
  serviceVersions: Map<string, number>;
  sessions: Map<string, HostSession>;
  clients: Map<string, Client>;
  bookings: Map<string, Booking>;
  settings: Versioned<Account | null>;
  /** R29's policy; shares the settings' version. */
  noticePolicy: NoticePolicy;
  /** R29: "Tell them now" kept for a session whose meeting is still to be made. */
  noticeChoices: Map<string, boolean>;
  staffAccounts: Map<string, Versioned<Account | null>>;
  overrides: Map<string, Versioned<SessionOverride | null>>;
  courseLinks: Map<string, Versioned<CustomLink | null>>;
  templates: Map<AutomationId, Template>;
  /** By `${accountId}:${sessionId}`. */
  meetings: Map<string, StoredMeeting>;
  /** Bumped by the first write of each transaction to this site (the read cache's key); never reused. */
  revision: number;
}

/** Everything a memory store holds. */
export interface MemoryState {
  sites: Map<string, MemorySiteRows>;
  oauthStates: Map<string, OAuthStateRecord>;
  tokens: Map<string, StoredTokens>;
  /**
   * R30, kept beside the sites' rows (writing them does not change a site's revision: they
   * record what reads already show): the last link seen per session, by site, and each site's
   * history, oldest first, with the last id given.
   */
  linkLedger: Map<string, Map<string, Resolution>>;
  linkHistory: Map<string, StoredLinkHistoryEntry[]>;
  linkHistorySeq: number;
}

type SiteTable = { [K in keyof MemorySiteRows]: MemorySiteRows[K] extends Map<string, unknown> ? K : never }[keyof MemorySiteRows];

const emptySite = (): MemorySiteRows => ({
  site: null,
  members: new Map(),
  staff: new Map(),
  services: new Map(),
  serviceVersions: new Map(),
  sessions: new Map(),
  clients: new Map(),
  bookings: new Map(),
  settings: { value: null, version: 0 },
  noticePolicy: 'auto',
  noticeChoices: new Map(),
  staffAccounts: new Map(),
  overrides: new Map(),
  courseLinks: new Map(),
  templates: new Map(),
  meetings: new Map(),
  revision: 0,
});
/** One clock for every memory store of the process: a deleted and re-created site never repeats a revision. */
let revisionClock = 0;
const EMPTY_SITE: MemorySiteRows = emptySite();

/** A deep copy of plain JSON-like data (rows are plain data), frozen as it is built. Much cheaper than structuredClone per row. */
function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = frozenCopy(v);
  }
  return Object.freeze(out) as T;
}
/** A stored row: a private, frozen copy, so neither the writer nor a reader can change what is stored. */
const row = <T>(value: T): T => frozenCopy(value);
const NEVER: Versioned<null> = Object.freeze({ value: null, version: 0 });

/**
 * One transaction over a private working state. Copy on write: the first write to a
 * table copies that table (rows are frozen and shared), so a transaction that throws
 * leaves the committed state untouched, and reads cost nothing.
 */
class MemoryTx implements StoreTx {
  private readonly copiedSites = new Set<string>();
  private readonly copiedTables = new Set<string>();
  private sitesCopied = false;
  private statesCopied = false;
  private tokensCopied = false;
  private readonly copiedLedgers = new Set<string>();
  private readonly copiedHistories = new Set<string>();

  /** What runs once this transaction has committed (the memory outbox's notices, R29). */
  readonly committed: (() => void)[] = [];

  constructor(readonly state: MemoryState) {}

  afterCommit(fn: () => void): void {
    this.committed.push(fn);
  }

  private rows(siteId: string): MemorySiteRows {
    return this.state.sites.get(siteId) ?? EMPTY_SITE;
  }

  private writableSite(siteId: string): MemorySiteRows {
    if (!this.sitesCopied) {
      this.state.sites = new Map(this.state.sites);
      this.sitesCopied = true;
    }
    if (!this.copiedSites.has(siteId)) {
      // Any write to a site changes its revision: the read cache can never serve what was before.
      this.state.sites.set(siteId, { ...(this.state.sites.get(siteId) ?? emptySite()), revision: ++revisionClock });
      this.copiedSites.add(siteId);
    }
    return this.state.sites.get(siteId) as MemorySiteRows;
  }

  private table<K extends SiteTable>(siteId: string, name: K): MemorySiteRows[K] {
    const site = this.writableSite(siteId);
    const key = `${siteId}\u0000${name}`;
    if (!this.copiedTables.has(key)) {
      site[name] = new Map(site[name] as Map<string, unknown>) as MemorySiteRows[K];
      this.copiedTables.add(key);
    }
    return site[name];
  }

  private put<T>(map: Map<string, Versioned<T>>, key: string, expectedVersion: number, value: T): boolean {
    if ((map.get(key)?.version ?? 0) !== expectedVersion) return false;
    map.set(key, row({ value, version: expectedVersion + 1 }));
    return true;
  }

  private states(): Map<string, OAuthStateRecord> {
    if (!this.statesCopied) {
      this.state.oauthStates = new Map(this.state.oauthStates);
      this.statesCopied = true;
    }
    return this.state.oauthStates;
  }

  private tokenTable(): Map<string, StoredTokens> {
    if (!this.tokensCopied) {
      this.state.tokens = new Map(this.state.tokens);
      this.tokensCopied = true;
    }
    return this.state.tokens;
  }

  private ledger(siteId: string): Map<string, Resolution> {
    if (this.copiedLedgers.size === 0) this.state.linkLedger = new Map(this.state.linkLedger);
    if (!this.copiedLedgers.has(siteId)) {
      this.state.linkLedger.set(siteId, new Map(this.state.linkLedger.get(siteId)));
      this.copiedLedgers.add(siteId);
    }
    return this.state.linkLedger.get(siteId) as Map<string, Resolution>;
  }

  private history(siteId: string): StoredLinkHistoryEntry[] {
    if (this.copiedHistories.size === 0) this.state.linkHistory = new Map(this.state.linkHistory);
    if (!this.copiedHistories.has(siteId)) {
      this.state.linkHistory.set(siteId, [...(this.state.linkHistory.get(siteId) ?? [])]);
      this.copiedHistories.add(siteId);
    }
    return this.state.linkHistory.get(siteId) as StoredLinkHistoryEntry[];
  }

  // ---- what session-links owns ---------------------------------------------------

  async getSettings(siteId: string) {
    return this.rows(siteId).settings;
  }
  async putSettings(siteId: string, expectedVersion: number, defaultAccount: Account | null) {
    if (this.rows(siteId).settings.version !== expectedVersion) return false;
    this.writableSite(siteId).settings = row({ value: defaultAccount, version: expectedVersion + 1 });
    return true;
  }
  async getNoticePolicy(siteId: string) {
    return this.rows(siteId).noticePolicy;
  }
  async putNoticePolicy(siteId: string, expectedVersion: number, policy: NoticePolicy) {
    const rows = this.rows(siteId);
    if (rows.settings.version !== expectedVersion) return false;
    const site = this.writableSite(siteId);
    site.settings = row({ value: rows.settings.value, version: expectedVersion + 1 });
    site.noticePolicy = policy;
    return true;
  }
  async putNoticeChoices(siteId: string, choices: readonly { sessionId: string; tellClients: boolean }[]) {
    if (choices.length === 0) return;
    const table = this.table(siteId, 'noticeChoices');
    for (const c of choices) table.set(c.sessionId, c.tellClients);
  }
  async takeNoticeChoices(siteId: string, sessionIds: readonly string[]) {
    const out = new Map<string, boolean>();
    const kept = this.rows(siteId).noticeChoices;
    for (const id of sessionIds) {
      const choice = kept.get(id);
      if (choice !== undefined) out.set(id, choice);
    }
    if (out.size > 0) {
      const table = this.table(siteId, 'noticeChoices');
      for (const id of out.keys()) table.delete(id);
    }
    return out;
  }
  async getStaffAccount(siteId: string, staffId: string) {
    return this.rows(siteId).staffAccounts.get(staffId) ?? NEVER;
  }
  async listStaffAccounts(siteId: string) {
    return new Map(this.rows(siteId).staffAccounts);
  }
  async putStaffAccount(siteId: string, staffId: string, expectedVersion: number, account: Account | null) {
    if ((this.rows(siteId).staffAccounts.get(staffId)?.version ?? 0) !== expectedVersion) return false;
    return this.put(this.table(siteId, 'staffAccounts'), staffId, expectedVersion, account);
  }
  async setAccountHealth(siteId: string, accountId: string, health: AccountHealth) {
    const rows = this.rows(siteId);
    if (rows.settings.value?.id === accountId) {
      this.writableSite(siteId).settings = row({ value: { ...rows.settings.value, health }, version: rows.settings.version + 1 });
      return true;
    }
    for (const [staffId, held] of rows.staffAccounts) {
      if (held.value?.id === accountId) {
        this.table(siteId, 'staffAccounts').set(staffId, row({ value: { ...held.value, health }, version: held.version + 1 }));
        return true;
      }
    }
    return false;
  }
  async getSessionOverride(siteId: string, sessionId: string) {
    return this.rows(siteId).overrides.get(sessionId) ?? NEVER;
  }
  async listSessionOverrides(siteId: string, sessionIds: readonly string[]) {
    const all = this.rows(siteId).overrides;
    const out = new Map<string, Versioned<SessionOverride | null>>();
    for (const id of sessionIds) {
      const found = all.get(id);
      if (found) out.set(id, found);
    }
    return out;
  }
  async putSessionOverride(siteId: string, sessionId: string, expectedVersion: number, override: SessionOverride | null) {
    if ((this.rows(siteId).overrides.get(sessionId)?.version ?? 0) !== expectedVersion) return false;
    return this.put(this.table(siteId, 'overrides'), sessionId, expectedVersion, override);
  }
  async getCourseLink(siteId: string, serviceId: string) {
    return this.rows(siteId).courseLinks.get(serviceId) ?? NEVER;
  }
  async listCourseLinks(siteId: string) {
    return new Map(this.rows(siteId).courseLinks);
  }
  async putCourseLink(siteId: string, serviceId: string, expectedVersion: number, link: CustomLink | null) {
    if ((this.rows(siteId).courseLinks.get(serviceId)?.version ?? 0) !== expectedVersion) return false;
    return this.put(this.table(siteId, 'courseLinks'), serviceId, expectedVersion, link);
  }
  async getServiceVideo(siteId: string, serviceId: string) {
    const service = this.rows(siteId).services.get(serviceId);
    if (service === undefined) return null;
    return { value: service.online, version: this.rows(siteId).serviceVersions.get(serviceId) ?? 0 };
  }
  async putServiceOnline(siteId: string, serviceId: string, expectedVersion: number, online: boolean) {
    const current = await this.getServiceVideo(siteId, serviceId);
    if (current === null || current.version !== expectedVersion) return false;
    const service = this.rows(siteId).services.get(serviceId) as Service;
    this.table(siteId, 'services').set(serviceId, row({ ...service, online }));
    this.table(siteId, 'serviceVersions').set(serviceId, expectedVersion + 1);
    return true;
  }
  async getTemplate(siteId: string, automationId: AutomationId) {
    return this.rows(siteId).templates.get(automationId) ?? null;
  }
  async listTemplates(siteId: string) {
    return [...this.rows(siteId).templates.values()];
  }
  async putTemplate(siteId: string, expectedVersion: number, template: Template) {
    if ((this.rows(siteId).templates.get(template.automationId)?.version ?? 0) !== expectedVersion) return false;
    this.table(siteId, 'templates').set(template.automationId, row({ ...template, version: expectedVersion + 1 }));
    return true;
  }

  // ---- Zoom ------------------------------------------------------------------------

  async insertOAuthState(state: OAuthStateRecord) {
    this.states().set(state.state, row(state));
  }
  async takeOAuthState(state: string) {
    const found = this.state.oauthStates.get(state) ?? null;
    if (found) this.states().delete(state);
    return found;
  }
  async deleteExpiredOAuthStates(now: string) {
    const at = Date.parse(now);
    let n = 0;
    for (const [key, s] of this.state.oauthStates) {
      if (Date.parse(s.expiresAt) < at) {
        this.states().delete(key);
        n++;
      }
    }
    return n;
  }
  async getTokens(accountId: string) {
    // Transactions run one at a time, so the lock of `{ lock: true }` is already held.
    return this.state.tokens.get(accountId) ?? null;
  }
  async putTokens(tokens: StoredTokens) {
    this.writableSite(tokens.siteId);
    this.tokenTable().set(tokens.accountId, row(tokens));
  }
  async deleteTokens(accountId: string) {
    const held = this.state.tokens.get(accountId);
    if (!held) return;
    this.writableSite(held.siteId);
    this.tokenTable().delete(accountId);
  }
  async findZoomAccounts(zoomUserId: string) {
    return [...this.state.tokens.values()]
      .filter((t) => t.zoomUserId === zoomUserId)
      .map((t) => ({ siteId: t.siteId, accountId: t.accountId }));
  }
  async findMeetingsByZoomId(zoomMeetingId: string) {
    const out: StoredMeeting[] = [];
    for (const site of this.state.sites.values())
      for (const m of site.meetings.values()) if (m.zoomMeetingId === zoomMeetingId) out.push(m);
    return out;
  }
  async listMeetings(siteId: string, filter: { sessionIds?: readonly string[]; accountId?: string } = {}) {
    const ids = filter.sessionIds ? new Set(filter.sessionIds) : null;
    const out: StoredMeeting[] = [];
    for (const m of this.rows(siteId).meetings.values()) {
      if (ids && !ids.has(m.sessionId)) continue;
      if (filter.accountId !== undefined && m.accountId !== filter.accountId) continue;
      out.push(m);
    }
    return out;
  }
  async getMeeting(siteId: string, accountId: string, sessionId: string) {
    return this.rows(siteId).meetings.get(`${accountId}:${sessionId}`) ?? null;
  }
  async ensureMeeting(meeting: NewMeeting) {
    const key = `${meeting.accountId}:${meeting.sessionId}`;
    const existing = this.rows(meeting.siteId).meetings.get(key);
    if (existing) return existing;
    const stored: StoredMeeting = row({
      ...meeting,
      status: 'pending',
      zoomMeetingId: null,
      joinUrl: null,
      startUrl: null,
      password: null,
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      createAttemptId: null,
      createAttemptAt: null,
    });
    this.table(meeting.siteId, 'meetings').set(key, stored);
    return stored;
  }
  async updateMeeting(siteId: string, accountId: string, sessionId: string, patch: MeetingPatch) {
    const key = `${accountId}:${sessionId}`;
    const existing = this.rows(siteId).meetings.get(key);
    if (existing) this.table(siteId, 'meetings').set(key, row({ ...existing, ...patch }));
  }
  async deleteMeeting(siteId: string, accountId: string, sessionId: string) {
    const key = `${accountId}:${sessionId}`;
    if (this.rows(siteId).meetings.has(key)) this.table(siteId, 'meetings').delete(key);
  }
  async claimDueMeetings(now: string, limit: number) {
    const at = Date.parse(now);
    const due: StoredMeeting[] = [];
    for (const site of this.state.sites.values()) {
      for (const m of site.meetings.values()) {
        if (m.status === 'ready') continue;
        if (m.nextAttemptAt !== null && Date.parse(m.nextAttemptAt) > at) continue;
        due.push(m);
      }
    }
    return due.sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).slice(0, limit);
  }
  async claimMeetings(refs: readonly MeetingRef[]) {
    const found: StoredMeeting[] = [];
    for (const r of refs) {
      const m = this.rows(r.siteId).meetings.get(`${r.accountId}:${r.sessionId}`);
      if (m) found.push(m);
    }
    return found.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }

  // ---- CalendarSource ---------------------------------------------------------------

  async getSite(siteId: string) {
    return this.rows(siteId).site;
  }
  async getMember(siteId: string, userId: string) {
    return this.rows(siteId).members.get(userId) ?? null;
  }
  async listStaff(siteId: string) {
    return [...this.rows(siteId).staff.values()];
  }
  async listServices(siteId: string) {
    return [...this.rows(siteId).services.values()];
  }
  async getService(siteId: string, serviceId: string) {
    return this.rows(siteId).services.get(serviceId) ?? null;
  }
  async listSessions(siteId: string, query: SessionQuery = {}) {
    const from = query.from === undefined ? Number.NEGATIVE_INFINITY : Date.parse(query.from);
    const to = query.to === undefined ? Number.POSITIVE_INFINITY : Date.parse(query.to);
    const ids = query.ids ? new Set(query.ids) : null;
    const out: { s: HostSession; t: number }[] = [];
    for (const s of this.rows(siteId).sessions.values()) {
      const t = Date.parse(s.start);
      if (t < from || t >= to) continue;
      if (query.serviceId !== undefined && s.serviceId !== query.serviceId) continue;
      if (ids && !ids.has(s.id)) continue;
      out.push({ s, t });
    }
    return out.sort((a, b) => a.t - b.t).map((x) => x.s);
  }
  async getSession(siteId: string, sessionId: string) {
    return this.rows(siteId).sessions.get(sessionId) ?? null;
  }
  async listBookings(siteId: string, query: { sessionIds?: readonly string[]; serviceIds?: readonly string[] }) {
    const sessions = new Set(query.sessionIds ?? []);
    const services = new Set(query.serviceIds ?? []);
    return [...this.rows(siteId).bookings.values()].filter((b) =>
      b.sessionId !== null ? sessions.has(b.sessionId) : services.has(b.serviceId),
    );
  }
  async getBooking(siteId: string, bookingId: string) {
    return this.rows(siteId).bookings.get(bookingId) ?? null;
  }
  async listClients(siteId: string, ids: readonly string[]) {
    const all = this.rows(siteId).clients;
    return ids.flatMap((id) => {
      const c = all.get(id);
      return c ? [c] : [];
    });
  }

  // ---- link history (R30) -------------------------------------------------------------

  async getLinkLedger(siteId: string, sessionIds: readonly string[]) {
    const seen = this.state.linkLedger.get(siteId);
    const out = new Map<string, Resolution>();
    for (const id of sessionIds) {
      const link = seen?.get(id);
      if (link) out.set(id, link);
    }
    return out;
  }
  async putLinkLedger(siteId: string, rows: readonly { sessionId: string; link: Resolution }[]) {
    if (rows.length === 0) return;
    const ledger = this.ledger(siteId);
    for (const r of rows) ledger.set(r.sessionId, row(r.link));
  }
  async insertLinkHistory(siteId: string, entries: readonly NewLinkHistoryEntry[]) {
    if (entries.length === 0) return;
    const history = this.history(siteId);
    for (const e of entries) history.push(row({ ...e, id: String(++this.state.linkHistorySeq) }));
  }
  async listLinkHistory(siteId: string, sessionId: string, page: { before?: string; limit: number }) {
    const all = this.state.linkHistory.get(siteId) ?? [];
    const before = page.before === undefined ? Number.POSITIVE_INFINITY : Number(page.before);
    const out: StoredLinkHistoryEntry[] = [];
    for (let i = all.length - 1; i >= 0 && out.length < page.limit; i--) {
      const e = all[i] as StoredLinkHistoryEntry;
      if (e.sessionId === sessionId && Number(e.id) < before) out.push(e);
    }
    return out;
  }

  // ---- CalendarSync -------------------------------------------------------------------

  async upsertSite(site: HostSite) {
    this.writableSite(site.id).site = row(site);
  }
  async deleteSite(siteId: string) {
    if (!this.state.sites.has(siteId)) return;
    this.writableSite(siteId);
    this.state.sites.delete(siteId);
    this.ledger(siteId);
    this.state.linkLedger.delete(siteId);
    this.history(siteId);
    this.state.linkHistory.delete(siteId);
  }
  async upsertMember(siteId: string, member: HostMember) {
    this.table(siteId, 'members').set(member.userId, row(member));
  }
  async deleteMember(siteId: string, userId: string) {
    if (this.rows(siteId).members.has(userId)) this.table(siteId, 'members').delete(userId);
  }
  async upsertStaff(siteId: string, staff: HostStaff) {
    this.table(siteId, 'staff').set(staff.id, row(staff));
  }
  async deleteStaff(siteId: string, staffId: string) {
    if (this.rows(siteId).staff.has(staffId)) this.table(siteId, 'staff').delete(staffId);
  }
  async upsertService(siteId: string, service: Service) {
    const before = this.rows(siteId).services.get(service.id);
    if (before !== undefined && before.online !== service.online) {
      const versions = this.rows(siteId).serviceVersions;
      this.table(siteId, 'serviceVersions').set(service.id, (versions.get(service.id) ?? 0) + 1);
    }
    this.table(siteId, 'services').set(service.id, row(service));
  }
  async deleteService(siteId: string, serviceId: string) {
    if (this.rows(siteId).services.has(serviceId)) this.table(siteId, 'services').delete(serviceId);
    // As in SQL, a service synced again starts its switch's version afresh.
    if (this.rows(siteId).serviceVersions.has(serviceId)) this.table(siteId, 'serviceVersions').delete(serviceId);
  }
  async upsertSession(siteId: string, session: HostSession) {
    const previous = this.rows(siteId).sessions.get(session.id) ?? null;
    this.table(siteId, 'sessions').set(session.id, row(session));
    return previous;
  }
  async deleteSession(siteId: string, sessionId: string) {
    const previous = this.rows(siteId).sessions.get(sessionId) ?? null;
    if (previous) this.table(siteId, 'sessions').delete(sessionId);
    return previous;
  }
  async upsertClient(siteId: string, client: Client) {
    this.table(siteId, 'clients').set(client.id, row(client));
  }
  async deleteClient(siteId: string, clientId: string) {
    if (this.rows(siteId).clients.has(clientId)) this.table(siteId, 'clients').delete(clientId);
  }
  async upsertBooking(siteId: string, booking: Booking) {
    this.table(siteId, 'bookings').set(booking.id, row(booking));
  }
  async deleteBooking(siteId: string, bookingId: string) {
    if (this.rows(siteId).bookings.has(bookingId)) this.table(siteId, 'bookings').delete(bookingId);
  }
}

export interface MemoryStore extends Store, SiteRevisionSource, StoreNoticesSource {
  /** The committed state, read-only (rows are frozen): for tests and the mocks' inspection helpers. */
  inspect(): MemoryState;
  /** R29's outbox of this store: notices recorded in a transaction are kept when it commits. */
  readonly notices: StoreNotices<MemoryOutbox>;
}

/**
 * A Store in memory, for the mocks, tests and demos; runs in a browser too. Transactions
 * run one at a time (one async mutex), each on its own working copy that replaces the
 * committed state only when the transaction succeeds: a throw rolls everything back.
 * `seed` (e.g. `seedFromScenario(...)`) is applied as the first transaction.
 */
export function createMemoryStore(seed?: (tx: StoreTx) => Promise<void>): MemoryStore {
  let committed: MemoryState = {
    sites: new Map(),
    oauthStates: new Map(),
    tokens: new Map(),
    linkLedger: new Map(),
    linkHistory: new Map(),
    linkHistorySeq: 0,
  };
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const transaction = <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
    const result = queue.then(async () => {
      if (closed) throw new Error('The store is closed');
      const working: MemoryState = { ...committed };
      const tx = new MemoryTx(working);
      const value = await fn(tx);
      committed = working;
      for (const done of tx.committed) done();
      return value;
    });
    queue = result.catch(() => undefined);
    return result;
  };

  if (seed) void transaction(seed);

  const outbox = new MemoryOutbox();
  return {
    transaction,
    notices: { outbox, txOf: (tx) => tx },
    async close() {
      await queue;
      closed = true;
    },
    inspect: () => committed,
    // In the queue, as a transaction: it sees every write begun before it (the seed too).
    siteRevision: (siteId: string, userId: string) =>
      transaction(async () => {
        const rows = committed.sites.get(siteId);
        return { site: rows?.site ?? null, member: rows?.members.get(userId) ?? null, revision: String(rows?.revision ?? 0) };
      }),
  };
}
