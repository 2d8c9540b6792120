import type {
  Account,
  AccountHealth,
  AutomationId,
  Booking,
  Client,
  CustomLink,
  LinkActor,
  Locale,
  NoticePolicy,
  Plan,
  Resolution,
  Role,
  Service,
  SessionOverride,
  Template,
  ZoomTarget,
} from '@session-links/core';

import type { Outbox } from '../notices/outbox';

/**
 * The storage contract of @session-links/server. Two implementations pass one contract
 * suite: memory (mocks, tests) and SQL (PGlite embedded, PostgreSQL through `pg`).
 *
 * Rules live in core and in the service layer, never here: a store keeps rows, checks
 * versions atomically and hands out locks. Every method runs inside a transaction.
 */
export interface Store {
  /**
   * Runs `fn` in one transaction: everything it wrote commits together, or nothing does
   * when it throws (the error is rethrown). Transactions may run concurrently; a write
   * that loses a version race returns `false`, it does not throw.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Releases connections / the embedded database. */
  close(): Promise<void>;
}

/**
 * R29's outbox beside a store: notices recorded in one of the store's transactions commit or
 * roll back with it. `txOf` gives what the outbox's `record` joins for a `StoreTx` of this store.
 */
export interface StoreNotices<O extends Outbox<never> = Outbox<never>> {
  readonly outbox: O;
  txOf(tx: StoreTx): unknown;
}
/** A store that keeps its own outbox (the memory and SQL stores). */
export interface StoreNoticesSource {
  readonly notices: StoreNotices;
}
export const hasStoreNotices = (store: object): store is StoreNoticesSource => {
  const notices = (store as Partial<StoreNoticesSource>).notices;
  return typeof notices === 'object' && notices !== null && typeof notices.txOf === 'function';
};

/** A value with the version it was read at. Never written: version 0. */
export interface Versioned<T> {
  value: T;
  version: number;
}

/**
 * One transaction's view. Every `put…` writes only when `expectedVersion` equals the
 * stored version (0 for a row never written) and then stores `expectedVersion + 1`;
 * it returns `false` and writes nothing on a stale version (→ CONFLICT, R20). In SQL:
 * `UPDATE … WHERE version = $expected` / `INSERT … ON CONFLICT DO NOTHING`.
 */
export interface StoreTx extends CalendarSource, CalendarSync {
  // ---- what session-links owns ---------------------------------------------------

  /** The site's default account (R2). Custom-link secrets are stored as given; redaction (R18) is the service's job. */
  getSettings(siteId: string): Promise<Versioned<Account | null>>;
  putSettings(siteId: string, expectedVersion: number, defaultAccount: Account | null): Promise<boolean>;
  /** Whether the site's clients are told of link changes (R29); `auto` when never set. Part of the settings row: its version. */
  getNoticePolicy(siteId: string): Promise<NoticePolicy>;
  /** Sets the policy when the settings' version is `expectedVersion`, bumping it (as `putSettings`). */
  putNoticePolicy(siteId: string, expectedVersion: number, policy: NoticePolicy): Promise<boolean>;
  /**
   * R29: "Tell them now" of a write whose new link is a meeting still to be made, per session
   * (insert or replace): the worker's later change of the session decides with it.
   */
  putNoticeChoices(siteId: string, choices: readonly { sessionId: string; tellClients: boolean }[]): Promise<void>;
  /** The choices kept for these sessions, removed as they are read. */
  takeNoticeChoices(siteId: string, sessionIds: readonly string[]): Promise<Map<string, boolean>>;

  /** A staff member's individual account (R4, R9). */
  getStaffAccount(siteId: string, staffId: string): Promise<Versioned<Account | null>>;
  /** Every staff account row of a site, by staff id (staff without a row are absent). */
  listStaffAccounts(siteId: string): Promise<Map<string, Versioned<Account | null>>>;
  putStaffAccount(siteId: string, staffId: string, expectedVersion: number, account: Account | null): Promise<boolean>;

  /**
   * Health of an account wherever it is held (default or staff), e.g. `expired` after
   * `invalid_grant` (R17, R23). Bumps the holder's version, since what readers see changed.
   * Returns false when no such account is held any more.
   */
  setAccountHealth(siteId: string, accountId: string, health: AccountHealth): Promise<boolean>;

  /** One session's override (R7). */
  getSessionOverride(siteId: string, sessionId: string): Promise<Versioned<SessionOverride | null>>;
  /** Overrides of the given sessions, by session id (sessions without a row are absent). */
  listSessionOverrides(siteId: string, sessionIds: readonly string[]): Promise<Map<string, Versioned<SessionOverride | null>>>;
  putSessionOverride(siteId: string, sessionId: string, expectedVersion: number, override: SessionOverride | null): Promise<boolean>;

  /** A course's own custom link (R5); null: the course uses the default. */
  getCourseLink(siteId: string, serviceId: string): Promise<Versioned<CustomLink | null>>;
  listCourseLinks(siteId: string): Promise<Map<string, Versioned<CustomLink | null>>>;
  putCourseLink(siteId: string, serviceId: string, expectedVersion: number, link: CustomLink | null): Promise<boolean>;

  /** A saved template (R12); null: never saved, the service uses core's `defaultTemplate`. */
  /**
   * A service's video-conferencing switch: the host's `online` field with the version that
   * rises with each change of it (the switch's or the host's sync's). Null: no such service.
   * `putServiceOnline` changes it only from `expectedVersion`; the host's next sync of the
   * service stands over it (the host owns services).
   */
  getServiceVideo(siteId: string, serviceId: string): Promise<Versioned<boolean> | null>;
  putServiceOnline(siteId: string, serviceId: string, expectedVersion: number, online: boolean): Promise<boolean>;

  getTemplate(siteId: string, automationId: AutomationId): Promise<Template | null>;
  listTemplates(siteId: string): Promise<Template[]>;
  /** Stores `template` with `version = expectedVersion + 1` when the stored version is `expectedVersion`. */
  putTemplate(siteId: string, expectedVersion: number, template: Template): Promise<boolean>;

  // ---- Zoom (R19, R22, R23) --------------------------------------------------------

  insertOAuthState(state: OAuthStateRecord): Promise<void>;
  /** Deletes and returns the state: a state is spent by its first use, whatever the outcome (R19). */
  takeOAuthState(state: string): Promise<OAuthStateRecord | null>;
  /** Drops states that expired before `now` (housekeeping). Returns how many. */
  deleteExpiredOAuthStates(now: string): Promise<number>;

  /**
   * Tokens of one Zoom account. With `{ lock: true }` the row is locked until the
   * transaction ends (`SELECT … FOR UPDATE`; a per-account mutex in memory), so at most
   * one refresh per account runs at a time across requests and server instances (R23).
   */
  getTokens(accountId: string, options?: { lock?: boolean }): Promise<StoredTokens | null>;
  putTokens(tokens: StoredTokens): Promise<void>;
  deleteTokens(accountId: string): Promise<void>;
  /** The accounts (any site) whose tokens belong to this Zoom user: for the `app_deauthorized` webhook. */
  findZoomAccounts(zoomUserId: string): Promise<Array<{ siteId: string; accountId: string }>>;
  /** The meetings (any site) made at Zoom with this id: for the `meeting.deleted` webhook. */
  findMeetingsByZoomId(zoomMeetingId: string): Promise<StoredMeeting[]>;

  /** Meetings of a site, optionally only of some sessions or one account. */
  listMeetings(siteId: string, filter?: { sessionIds?: readonly string[]; accountId?: string }): Promise<StoredMeeting[]>;
  getMeeting(siteId: string, accountId: string, sessionId: string): Promise<StoredMeeting | null>;
  /** Inserts a pending meeting unless one exists for (site, account, session): idempotent (R22). Returns the stored row. */
  ensureMeeting(meeting: NewMeeting): Promise<StoredMeeting>;
  updateMeeting(siteId: string, accountId: string, sessionId: string, patch: MeetingPatch): Promise<void>;
  deleteMeeting(siteId: string, accountId: string, sessionId: string): Promise<void>;
  /**
   * Up to `limit` meetings with work due (`pending` or `deleting`, `nextAttemptAt` null or ≤ now),
   * soonest session first, locked for this transaction and skipped by other workers
   * (`FOR UPDATE SKIP LOCKED`).
   */
  claimDueMeetings(now: string, limit: number): Promise<StoredMeeting[]>;
  /**
   * These meetings (those that still exist), locked for this transaction, soonest session
   * first: the rows a worker run leased and recorded its create attempts on, whatever their
   * `nextAttemptAt`. Waits for a row another transaction holds (another worker's claim that
   * looked at it), rather than skipping it.
   */
  claimMeetings(refs: readonly MeetingRef[]): Promise<StoredMeeting[]>;

  // ---- link history (R30) -----------------------------------------------------------

  /** The last resolved link the server saw of each of these sessions (sessions never seen are absent). */
  getLinkLedger(siteId: string, sessionIds: readonly string[]): Promise<Map<string, Resolution>>;
  /** Sets the seen link of these sessions (insert or replace). Never bumps the site's revision. */
  putLinkLedger(siteId: string, rows: readonly { sessionId: string; link: Resolution }[], seenAt: string): Promise<void>;
  /** Appends changes to the sessions' histories, in this order (each later than every entry before it). */
  insertLinkHistory(siteId: string, entries: readonly NewLinkHistoryEntry[]): Promise<void>;
  /** A session's history, newest first: at most `limit` entries older than the entry `before` (an id) when given. */
  listLinkHistory(siteId: string, sessionId: string, page: { before?: string; limit: number }): Promise<StoredLinkHistoryEntry[]>;
}

/** One change of a session's resolved link (R30). The resolutions carry no host link. */
export interface NewLinkHistoryEntry {
  sessionId: string;
  at: string;
  actor: LinkActor;
  before: Resolution;
  after: Resolution;
}
/** A kept change, with its id: increasing with every entry of a store, the paging cursor. */
export interface StoredLinkHistoryEntry extends NewLinkHistoryEntry {
  id: string;
}

/** Which meeting: its primary key. */
export type MeetingRef = Pick<StoredMeeting, 'siteId' | 'accountId' | 'sessionId'>;

// ---- what the host owns, read through CalendarSource ------------------------------

export interface HostSite {
  id: string;
  name: string;
  plan: Plan;
  /** The language of the site's e-mails when it has no saved template (R28); absent: `en`. */
  locale?: Locale;
  /** The IANA time zone its e-mails write a session's start in (R28); absent: `UTC`. */
  timeZone?: string;
}

export interface HostMember {
  userId: string;
  name: string;
  role: Role;
  /** The staff member this user is, for role `staff`. */
  staffId: string | null;
}

export interface HostStaff {
  id: string;
  name: string;
  email: string;
}

/** A session as the host's calendar has it; the link decisions are session-links' own. */
export interface HostSession {
  id: string;
  serviceId: string;
  staffId: string | null;
  start: string;
  end: string;
}

export interface SessionQuery {
  /** Sessions starting at or after `from` and before `to` (ISO). */
  from?: string;
  to?: string;
  serviceId?: string;
  ids?: readonly string[];
}

/**
 * Reads what the host owns. A host implements it over its own system, or uses the
 * default backed by tables in the same database and filled through the sync API.
 * Sessions come back ordered by start time.
 */
export interface CalendarSource {
  getSite(siteId: string): Promise<HostSite | null>;
  getMember(siteId: string, userId: string): Promise<HostMember | null>;
  listStaff(siteId: string): Promise<HostStaff[]>;
  listServices(siteId: string): Promise<Service[]>;
  getService(siteId: string, serviceId: string): Promise<Service | null>;
  listSessions(siteId: string, query?: SessionQuery): Promise<HostSession[]>;
  getSession(siteId: string, sessionId: string): Promise<HostSession | null>;
  /** Bookings of these sessions, plus whole-course bookings of these services. */
  listBookings(siteId: string, query: { sessionIds?: readonly string[]; serviceIds?: readonly string[] }): Promise<Booking[]>;
  /** One booking by id: the e-mails of a booking (R28). */
  getBooking(siteId: string, bookingId: string): Promise<Booking | null>;
  listClients(siteId: string, ids: readonly string[]): Promise<Client[]>;
}

/**
 * Writes of the database-backed CalendarSource, used by the sync API. Upserts are
 * idempotent; deleting something absent is not an error. `upsertSession` returns the
 * previous row (or null), so the service can react to a moved session (R22).
 */
export interface CalendarSync {
  upsertSite(site: HostSite): Promise<void>;
  deleteSite(siteId: string): Promise<void>;
  upsertMember(siteId: string, member: HostMember): Promise<void>;
  deleteMember(siteId: string, userId: string): Promise<void>;
  upsertStaff(siteId: string, staff: HostStaff): Promise<void>;
  deleteStaff(siteId: string, staffId: string): Promise<void>;
  upsertService(siteId: string, service: Service): Promise<void>;
  deleteService(siteId: string, serviceId: string): Promise<void>;
  upsertSession(siteId: string, session: HostSession): Promise<HostSession | null>;
  deleteSession(siteId: string, sessionId: string): Promise<HostSession | null>;
  upsertClient(siteId: string, client: Client): Promise<void>;
  deleteClient(siteId: string, clientId: string): Promise<void>;
  upsertBooking(siteId: string, booking: Booking): Promise<void>;
  deleteBooking(siteId: string, bookingId: string): Promise<void>;
}

// ---- Zoom records ------------------------------------------------------------------

/** A Zoom connection in progress (R19): random state, PKCE verifier, bound to site + user + target. */
export interface OAuthStateRecord {
  state: string;
  siteId: string;
  userId: string;
  target: ZoomTarget;
  /** PKCE code verifier; never leaves the server. */
  codeVerifier: string;
  /** The widget's origin: the callback page posts its result to this origin only. */
  origin: string;
  createdAt: string;
  expiresAt: string;
}

/** A Zoom account's tokens, encrypted at rest with AES-256-GCM (R23); the store never sees plain tokens. */
export interface StoredTokens {
  siteId: string;
  accountId: string;
  /** Ciphertexts, opaque to the store. */
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: string;
  /** When the current refresh token was issued (Zoom's refresh tokens expire after 90 days). */
  refreshIssuedAt: string;
  /** The Zoom user the tokens belong to (`GET /users/me` → id), to find the account from a webhook. */
  zoomUserId?: string | null;
}

export const MEETING_STATUSES = ['pending', 'ready', 'deleting'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** A Zoom meeting for one session and account (R22): created by the worker, read by resolution. */
export interface StoredMeeting {
  siteId: string;
  accountId: string;
  sessionId: string;
  /** `pending`: to create (or update); `ready`: exists at Zoom; `deleting`: to delete at Zoom. */
  status: MeetingStatus;
  /** The session's start and duration the meeting was (or is to be) made for: a moved session differs. */
  start: string;
  durationMinutes: number;
  topic: string;
  zoomMeetingId: string | null;
  joinUrl: string | null;
  /** The host's start link (R18: owner and hosting staff only). */
  startUrl: string | null;
  password: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  /**
   * A create that may have reached Zoom (R22): the worker run that committed it before asking
   * Zoom, and when. Zoom has no idempotency key, so another run that finds it set looks the
   * meeting up at Zoom (by the key in its agenda) before creating one. Null: Zoom was never
   * asked, or its answer is stored.
   */
  createAttemptId: string | null;
  createAttemptAt: string | null;
  updatedAt: string;
}

export type NewMeeting = Pick<StoredMeeting, 'siteId' | 'accountId' | 'sessionId' | 'start' | 'durationMinutes' | 'topic'> & {
  updatedAt: string;
};
export type MeetingPatch = Partial<Omit<StoredMeeting, 'siteId' | 'accountId' | 'sessionId'>>;
