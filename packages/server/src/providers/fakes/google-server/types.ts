export const FAKE_GOOGLE_CLIENT_ID = 'fake-google-client-id.apps.googleusercontent.com';
export const FAKE_GOOGLE_CLIENT_SECRET = 'GOCSPX-fake-google-client-secret';

/** The scope session-links asks for (besides `openid email profile`). */
export const GOOGLE_CALENDAR_EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';

export interface FakeGoogleUser {
  /** Google's stable user id (`sub`). */
  sub: string;
  email: string;
  givenName: string;
  familyName: string;
  /** IANA time zone of the user's primary calendar: event times are answered in it unless the event names its own. */
  timeZone?: string;
}

export interface FakeGoogleOptions {
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Allowed redirect URIs; when absent any `http(s)` redirect URI is accepted. */
  redirectUris?: readonly string[];
  /** Google accounts that can consent; the consent page signs in as the first unless another is chosen. */
  users?: readonly FakeGoogleUser[];
  /** Clock in ms since the epoch (token expiry, the 7-day and 6-month refresh-token limits). Defaults to `Date.now`. */
  now?: () => number;
  /**
   * The OAuth consent screen's publishing status. `testing` (an External app not yet published):
   * refresh tokens stop working 7 days after they were issued (`invalid_grant`). Default `production`.
   */
  publishingStatus?: 'testing' | 'production';
  /** Origin of the Meet links the fake hands out (default `https://meet.google.com`). */
  meetOrigin?: string;
}

export type FakeGoogleRateLimit =
  /** 403, domain `usageLimits`: the per-user per-minute quota. */
  | 'userRateLimitExceeded'
  /** 403, domain `usageLimits`: the project's per-minute quota. */
  | 'rateLimitExceeded'
  /** 403, domain `usageLimits`: Calendar's general usage limits (too many events created); lifts after hours. */
  | 'quotaExceeded'
  /** 429, domain `usageLimits`, reason `rateLimitExceeded`. */
  | 'tooManyRequests';

/** Failure switches: set them between calls; counters count down as calls consume them. */
export interface FakeGoogleSwitches {
  /** Lifetime of access tokens issued from now on (Google: 3599). */
  accessTokenLifetimeSeconds: number;
  /**
   * How many answers showing a new conference say `pending` (the `events.insert` answer
   * included) before Google has made it; then `success` (or `failure`, see `failConferences`).
   * Default 1: the insert answers `pending`, the next read answers `success`.
   */
  conferencePending: number;
  /** The next N conference create requests end in `failure` instead of `success`. */
  failConferences: number;
  /** Answer the next N Calendar/userinfo calls with this rate limit. */
  rateLimitNext: number;
  rateLimit: FakeGoogleRateLimit;
  /** `Retry-After` on those answers (Google documents none for Calendar: null by default). */
  retryAfterSeconds: number | null;
  /** Answer the next N Calendar/userinfo calls with 500 `backendError`. */
  failNext: number;
  /** Answer the next N token-endpoint calls with 500. */
  tokenFailNext: number;
  /** The next N refresh-token grants find their token dead (as after 7 days in Testing): `invalid_grant`, and it stays dead. */
  refuseRefreshes: number;
  /** The next N `events.insert` calls are carried out, then the connection is cut before any answer. */
  cutInsertResponses: number;
  /**
   * Calendar calls one user may make in any 60 s (Calendar's per-user quota: 600 a minute per
   * user per project, over a sliding minute); beyond: 403 `userRateLimitExceeded`. Null: no limit.
   */
  perUserPerMinute: number | null;
}

export interface FakeGoogleCalls {
  authorize: number;
  token: { authorizationCode: number; refresh: number; other: number };
  revoke: number;
  userinfo: number;
  events: { insert: number; get: number; patch: number; delete: number };
  /** Every request, in order, with the status it got. */
  log: Array<{ method: string; path: string; query: string; status: number; at: number }>;
}

export interface FakeGoogleConference {
  requestId: string;
  status: 'pending' | 'success' | 'failure';
  /** Set once `success`: `abc-defg-hij`. */
  conferenceId: string | null;
  /** Set once `success`. */
  meetLink: string | null;
}

export interface FakeGoogleEvent {
  id: string;
  /** The `sub` of the user whose primary calendar holds it. */
  ownerSub: string;
  status: 'confirmed' | 'cancelled';
  summary: string;
  description: string;
  /** ISO, UTC. */
  start: string;
  end: string;
  /** The `timeZone` the event was written with, if any. */
  timeZone: string | null;
  privateProperties: Record<string, string>;
  conference: FakeGoogleConference | null;
  /** `sendUpdates` of every write to the event, in order (`null`: the call did not say). */
  sendUpdates: Array<{ method: 'insert' | 'patch' | 'delete'; value: string | null }>;
  sequence: number;
  created: string;
  updated: string;
}

export interface FakeGoogle {
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** What `GOOGLE_OAUTH_BASE` should be set to (it serves `/o/oauth2/v2/auth`, `/token` and `/revoke`). */
  oauthBase: string;
  /** What `GOOGLE_API_BASE` should be set to (it serves `/calendar/v3/…` and `/oauth2/v3/userinfo`). */
  apiBase: string;
  clientId: string;
  clientSecret: string;
  switches: FakeGoogleSwitches;
  calls: FakeGoogleCalls;
  users: readonly FakeGoogleUser[];
  /** Adds a Google account (a demo or test user), or replaces the one with the same `sub`. */
  registerUser(user: FakeGoogleUser): void;
  /** A token set for a user, as if the user had consented (every scope granted): what the token endpoint answers. For seeded demos. */
  issueTokens(sub: string): { access_token: string; refresh_token: string; expires_in: number };
  /** Every event at the fake, cancelled ones included. */
  events(): FakeGoogleEvent[];
  getEvent(id: string): FakeGoogleEvent | undefined;
  /** The user deletes the event in Google Calendar (it becomes `cancelled`). False when there is no live event with that id. */
  deleteEventAsUser(id: string): boolean;
  /** The user removes the app at myaccount.google.com/permissions: every token of theirs for this client stops working. */
  revokeAccess(sub: string): void;
  /** Zeroes counters and the log. */
  resetCalls(): void;
  close(): Promise<void>;
}
