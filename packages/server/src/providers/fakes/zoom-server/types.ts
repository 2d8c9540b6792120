export const FAKE_ZOOM_CLIENT_ID = 'fake-zoom-client-id';
export const FAKE_ZOOM_CLIENT_SECRET = 'fake-zoom-client-secret';

export interface FakeZoomUser {
  id: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
}

export interface FakeZoomOptions {
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Allowed redirect URIs; when absent any `http(s)` redirect URI is accepted. */
  redirectUris?: readonly string[];
  /** Zoom users who can consent; the consent page signs in as the first unless another is chosen. */
  users?: readonly FakeZoomUser[];
  /** Clock in ms since the epoch (expiry, daily caps). Defaults to `Date.now`. */
  now?: () => number;
  /** Refresh tokens older than this are refused with `invalid_grant` (Zoom: 90 days). */
  refreshTokenLifetimeSeconds?: number;
}

/** Failure switches: set them between calls; counters count down as calls consume them. */
export interface FakeZoomSwitches {
  /** Lifetime of access tokens issued from now on (Zoom: 3600). */
  accessTokenLifetimeSeconds: number;
  /** Refuse the next N refresh-token grants with `invalid_grant`. */
  refuseRefreshes: number;
  /** Answer the next N API calls (`/v2/…`) with 429 and `Retry-After: retryAfterSeconds`. */
  rateLimitNext: number;
  retryAfterSeconds: number;
  /** Answer the next N API calls with 500. */
  failNext: number;
  /** Answer the next N token-endpoint calls with 500. */
  tokenFailNext: number;
  /** Meeting create + update calls allowed per user per UTC day (Zoom: 100). */
  dailyMeetingCap: number;
  /**
   * The next N meeting creates are made at Zoom, then the connection is cut before any
   * answer: what the caller sees when it crashes, or the network drops, after Zoom acted.
   */
  cutCreateResponses: number;
  /**
   * Zoom's per-second API rate limits, per Zoom account (every user of an account shares
   * them): calls of each category allowed in one second (a fixed one-second window). Zoom:
   * Medium (create or list meetings) 2/s on free accounts, 20/s on Pro; Light (the user,
   * get, update or delete a meeting) 4/s free, 30/s Pro. Defaults: Pro. Beyond: 429 with
   * `Retry-After: 1`, `x-ratelimit-type: QPS` and the category; the call does nothing and
   * does not count toward the daily cap. `Infinity` turns a limit off.
   */
  perSecond: { light: number; medium: number };
}

export interface FakeZoomCalls {
  authorize: number;
  token: { authorizationCode: number; refresh: number; other: number };
  users: { me: number };
  meetings: { create: number; get: number; update: number; delete: number; list: number };
  /** Every request, in order, with the status it got. */
  log: Array<{ method: string; path: string; status: number; at: number }>;
}

export interface FakeZoomMeeting {
  id: number;
  uuid: string;
  hostId: string;
  topic: string;
  type: number;
  startTime: string;
  duration: number;
  timezone: string;
  /** The meeting's description (Zoom: up to 2,000 characters; lists show the first 250). */
  agenda: string;
  password: string;
  joinUrl: string;
  startUrl: string;
  createdAt: string;
}

export interface SendWebhookOptions {
  /** The app's webhook secret token. */
  secret: string;
  /** `x-zm-request-timestamp` in seconds; defaults to the fake's clock. */
  timestamp?: number;
}

export interface WebhookDelivery {
  status: number;
  body: string;
  /** The exact bytes that were signed and sent. */
  sentBody: string;
}

export interface FakeZoom {
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** What `ZOOM_OAUTH_BASE` should be set to. */
  oauthBase: string;
  /** What `ZOOM_API_BASE` should be set to (`…/v2`). */
  apiBase: string;
  clientId: string;
  clientSecret: string;
  switches: FakeZoomSwitches;
  calls: FakeZoomCalls;
  users: readonly FakeZoomUser[];
  /** Adds a Zoom user (a demo or test account), or replaces the one with the same id. */
  registerUser(user: FakeZoomUser): void;
  /**
   * A token pair for a user, as if the user had consented to the app: what the token
   * endpoint would answer (`access_token`, `refresh_token`, `expires_in`). For seeded demos.
   */
  issueTokens(userId: string): { access_token: string; refresh_token: string; expires_in: number };
  /** Meetings that exist at the fake, by id. */
  meetings(): FakeZoomMeeting[];
  getMeeting(id: number | string): FakeZoomMeeting | undefined;
  /** A host deletes a meeting in Zoom itself. Returns the `meeting.deleted` payload Zoom would send, or null if no such meeting. */
  deleteMeetingAsHost(id: number | string): Record<string, unknown> | null;
  /** The user removes the app: every token of that user stops working. Returns the `app_deauthorized` payload Zoom would send. */
  deauthorize(userId: string): Record<string, unknown>;
  /** Zeroes counters and the log. */
  resetCalls(): void;
  /** POSTs a webhook signed the way Zoom signs it. */
  sendWebhook(targetUrl: string, event: string, payload: unknown, options: SendWebhookOptions): Promise<WebhookDelivery>;
  close(): Promise<void>;
}
