import type * as NodeCrypto from 'node:crypto';
import type { FakeGoogleCalls, FakeGoogleEvent, FakeGoogleOptions, FakeGoogleSwitches, FakeGoogleUser } from './types';
import { FAKE_GOOGLE_CLIENT_ID, FAKE_GOOGLE_CLIENT_SECRET } from './types';

/** What the fake Google knows: its accounts, grants, codes, tokens and calendars, its switches and the calls it saw. */

const DEFAULT_USERS: readonly FakeGoogleUser[] = [
  { sub: '104000000000000000001', email: 'host@fake-google.test', givenName: 'Gina', familyName: 'Host', timeZone: 'Europe/Amsterdam' },
];

export const DAY_MS = 86_400_000;
export const CODE_LIFETIME_MS = 10 * 60_000;
/** An External app in Testing: refresh tokens expire 7 days after they are issued. */
export const TESTING_REFRESH_LIFETIME_MS = 7 * DAY_MS;
/** A refresh token not used for six months stops working. */
export const UNUSED_REFRESH_LIFETIME_MS = 183 * DAY_MS;
/** Live refresh tokens per Google account per OAuth client; beyond, the oldest is invalidated without warning. */
export const MAX_REFRESH_TOKENS_PER_USER = 100;

export interface AuthCode {
  sub: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  scopes: string[];
  /** Whether the answer carries a refresh token (`access_type=offline` and a fresh consent). */
  offline: boolean;
  nonce: string | null;
  expiresAt: number;
}

export interface AccessGrant {
  sub: string;
  scopes: string[];
  expiresAt: number;
  /** The refresh token it came from (revoking either revokes the grant). */
  refreshToken: string | null;
}

export interface RefreshGrant {
  sub: string;
  scopes: string[];
  issuedAt: number;
  lastUsedAt: number;
}

export type FakeGoogleState = ReturnType<typeof createFakeGoogleState>;

/** One fake Google's state; `crypto` is `node:crypto`, loaded when the server starts (the entry stays importable in a browser). */
export function createFakeGoogleState(options: FakeGoogleOptions, crypto: typeof NodeCrypto) {
  const host = options.host ?? '127.0.0.1';
  const clientId = options.clientId ?? FAKE_GOOGLE_CLIENT_ID;
  const clientSecret = options.clientSecret ?? FAKE_GOOGLE_CLIENT_SECRET;
  const users: FakeGoogleUser[] = [...(options.users?.length ? options.users : DEFAULT_USERS)];
  const now = options.now ?? Date.now;

  const switches: FakeGoogleSwitches = {
    accessTokenLifetimeSeconds: 3599,
    conferencePending: 1,
    failConferences: 0,
    rateLimitNext: 0,
    rateLimit: 'rateLimitExceeded',
    retryAfterSeconds: null,
    failNext: 0,
    tokenFailNext: 0,
    refuseRefreshes: 0,
    cutInsertResponses: 0,
    perUserPerMinute: 600,
  };
  const calls: FakeGoogleCalls = emptyCalls();

  const codes = new Map<string, AuthCode>();
  const accessTokens = new Map<string, AccessGrant>();
  const refreshTokens = new Map<string, RefreshGrant>();
  /** Users who granted this client offline access before: Google then answers a new code without a refresh token unless `prompt=consent`. */
  const consented = new Set<string>();
  const events = new Map<string, FakeGoogleEvent>();
  /** `${sub}:${requestId}` → the event whose conference that create request made. */
  const conferenceRequests = new Map<string, string>();
  /** Per conference requestId: answers left that still say `pending`. */
  const pendingAnswers = new Map<string, number>();

  const userBySub = (sub: string) => users.find((u) => u.sub === sub);

  function issueAccessToken(sub: string, scopes: string[], refreshToken: string | null) {
    const access = `ya29.fake_${crypto.randomBytes(24).toString('base64url')}`;
    accessTokens.set(access, { sub, scopes, expiresAt: now() + switches.accessTokenLifetimeSeconds * 1000, refreshToken });
    return access;
  }

  function issueRefreshToken(sub: string, scopes: string[]) {
    const refresh = `1//fake_${crypto.randomBytes(32).toString('base64url')}`;
    refreshTokens.set(refresh, { sub, scopes, issuedAt: now(), lastUsedAt: now() });
    // Google keeps at most 100 live refresh tokens per account and client: the oldest goes, silently.
    const own = [...refreshTokens].filter(([, g]) => g.sub === sub).sort((a, b) => a[1].issuedAt - b[1].issuedAt);
    for (const [token] of own.slice(0, Math.max(0, own.length - MAX_REFRESH_TOKENS_PER_USER))) revokeRefreshToken(token);
    return refresh;
  }

  function revokeRefreshToken(token: string) {
    refreshTokens.delete(token);
    for (const [t, g] of accessTokens) if (g.refreshToken === token) accessTokens.delete(t);
  }

  function revokeUser(sub: string) {
    for (const [t, g] of accessTokens) if (g.sub === sub) accessTokens.delete(t);
    for (const [t, g] of refreshTokens) if (g.sub === sub) refreshTokens.delete(t);
    consented.delete(sub);
  }

  const state = {
    options,
    crypto,
    host,
    clientId,
    clientSecret,
    users,
    now,
    publishingStatus: options.publishingStatus ?? 'production',
    meetOrigin: (options.meetOrigin ?? 'https://meet.google.com').replace(/\/+$/, ''),
    switches,
    calls,
    codes,
    accessTokens,
    refreshTokens,
    consented,
    events,
    conferenceRequests,
    pendingAnswers,
    userBySub,
    issueAccessToken,
    issueRefreshToken,
    revokeRefreshToken,
    revokeUser,
    /** Set once the server listens. */
    origin: '',
  };
  return state;
}

export function emptyCalls(): FakeGoogleCalls {
  return {
    authorize: 0,
    token: { authorizationCode: 0, refresh: 0, other: 0 },
    revoke: 0,
    userinfo: 0,
    events: { insert: 0, get: 0, patch: 0, delete: 0 },
    log: [],
  };
}
