export const FAKE_MICROSOFT_CLIENT_ID = '00000000-fake-4eam-a11c-5e5510f11c5e';
export const FAKE_MICROSOFT_CLIENT_SECRET = 'fake-microsoft-client-secret';

/** The tenant every personal Microsoft account (Outlook.com, Hotmail, Live) signs in to. */
export const CONSUMER_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

export interface FakeMicrosoftUser {
  /** The user's object id (a GUID in Entra ID). */
  id: string;
  /** `work`: an Entra ID (work or school) account with Teams; `personal`: a Microsoft account, which cannot make online meetings. */
  kind: 'work' | 'personal';
  /** The tenant the user belongs to; personal accounts belong to the consumer tenant whatever is given here. */
  tenantId: string;
  /** `userPrincipalName`, also `mail`. */
  email: string;
  displayName: string;
}

export interface FakeMicrosoftOptions {
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Redirect URIs registered on the app; when absent any `http(s)` redirect URI is accepted. */
  redirectUris?: readonly string[];
  /** Who can sign in on the consent page; the first is preselected. Default: one work account. */
  users?: readonly FakeMicrosoftUser[];
  /** Clock in ms since the epoch (code, access token and inactivity expiry). Defaults to `Date.now`. */
  now?: () => number;
  /** A refresh token unused this long is refused with `AADSTS700082` (Microsoft: 90 days, not configurable). */
  refreshTokenMaxInactiveSeconds?: number;
}

/** Failure switches: set them between calls; counters count down as calls consume them. */
export interface FakeMicrosoftSwitches {
  /** `expires_in` of access tokens issued from now on (Microsoft: a random 60–90 minutes; the fake: 3599 s unless set). */
  accessTokenLifetimeSeconds: number;
  /**
   * Microsoft documents that it does not revoke a refresh token when it is redeemed: the old
   * one keeps working until it expires. The fake is stricter by default (false): a redeemed
   * refresh token is refused with `invalid_grant`, so a caller that keeps the old token, or two
   * instances refreshing the same account at once, fail visibly here instead of some day at
   * Microsoft. True gives Microsoft's documented behaviour.
   */
  redeemedRefreshTokensStayValid: boolean;
  /** Answer the next N Graph calls (`/v1.0/…`) with 429 and `Retry-After: retryAfterSeconds`. */
  rateLimitNext: number;
  retryAfterSeconds: number;
  /** Answer the next N Graph calls with 503. */
  failNext: number;
  /** Answer the next N token-endpoint calls with 500 (`temporarily_unavailable`). */
  tokenFailNext: number;
  /**
   * The next N meeting creates (`POST /me/onlineMeetings` or `createOrGet`) are made, then the
   * connection is cut before any answer: what the caller sees when the network drops after Graph acted.
   */
  cutCreateResponses: number;
  /**
   * Graph calls one user may make in one second of the clock (as the fake Zoom counts its
   * per-second limits); beyond: 429 with `Retry-After: 1`. Microsoft
   * documents no such limit for online meetings (2,000 meetings a user a month), so null (no
   * limit) by default; set it to the rate the worker is told to keep to, to see it kept.
   */
  perUserPerSecond: number | null;
}

export interface FakeMicrosoftCalls {
  authorize: number;
  token: { authorizationCode: number; refresh: number; other: number };
  me: number;
  meetings: { create: number; createOrGet: number; get: number; update: number; delete: number };
  /** Every request, in order, with the status it got. */
  log: Array<{ method: string; path: string; status: number; at: number }>;
}

export interface FakeOnlineMeeting {
  id: string;
  organizerId: string;
  tenantId: string;
  /** Set when made through `createOrGet`. */
  externalId: string | null;
  subject: string;
  /** ISO, UTC, with seven fractional digits as Graph writes them. */
  startDateTime: string;
  endDateTime: string;
  creationDateTime: string;
  joinWebUrl: string;
  joinMeetingId: string;
  passcode: string;
}

export interface FakeMicrosoft {
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** What `MICROSOFT_OAUTH_BASE` should be set to (the tenant and `/oauth2/v2.0/…` follow it). */
  oauthBase: string;
  /** What `MICROSOFT_GRAPH_BASE` should be set to (`/v1.0/…` follows it). */
  graphBase: string;
  clientId: string;
  clientSecret: string;
  switches: FakeMicrosoftSwitches;
  calls: FakeMicrosoftCalls;
  users: readonly FakeMicrosoftUser[];
  /** Adds a user (a demo or test account), or replaces the one with the same id. */
  registerUser(user: FakeMicrosoftUser): void;
  /** A token pair for a user, as if the user had consented: what the token endpoint would answer. For seeded demos. */
  issueTokens(userId: string): { access_token: string; refresh_token: string; expires_in: number };
  /** Meetings that exist at the fake. */
  meetings(): FakeOnlineMeeting[];
  getMeeting(id: string): FakeOnlineMeeting | undefined;
  /** The organizer deletes a meeting in Teams itself. False when there is no such meeting. */
  deleteMeetingAsOrganizer(id: string): boolean;
  /**
   * The user (or an admin) revokes the app's sessions (`revokeSignInSessions`, a password
   * reset): every refresh token of the user is refused with `AADSTS50173`. Access tokens
   * already issued keep working until they expire, as Microsoft's do.
   */
  revoke(userId: string): void;
  /** Zeroes counters and the log. */
  resetCalls(): void;
  close(): Promise<void>;
}
