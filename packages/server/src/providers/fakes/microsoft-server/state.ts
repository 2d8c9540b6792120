import type * as NodeCrypto from 'node:crypto';
import type { FakeMicrosoftCalls, FakeMicrosoftOptions, FakeMicrosoftSwitches, FakeMicrosoftUser, FakeOnlineMeeting } from './types';
import { CONSUMER_TENANT_ID, FAKE_MICROSOFT_CLIENT_ID, FAKE_MICROSOFT_CLIENT_SECRET } from './types';

/** What the fake Microsoft knows: its users, codes, tokens and meetings, its switches and the calls it saw. */

export const FAKE_WORK_TENANT_ID = 'f4ce7e11-0000-4000-8000-00000000c0de';

const DEFAULT_USERS: readonly FakeMicrosoftUser[] = [
  {
    id: '5e55a11f-0000-4000-8000-0000000000a1',
    kind: 'work',
    tenantId: FAKE_WORK_TENANT_ID,
    email: 'megan@fake-contoso.test',
    displayName: 'Megan Bowen',
  },
];

export const DAY_MS = 86_400_000;
/** Microsoft: authorization codes live about ten minutes. */
export const CODE_LIFETIME_MS = 10 * 60_000;

export interface AuthCode {
  userId: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  scopes: readonly string[];
  expiresAt: number;
}

interface AccessGrant {
  userId: string;
  scopes: readonly string[];
  expiresAt: number;
}

export interface RefreshGrant {
  userId: string;
  scopes: readonly string[];
  issuedAt: number;
  /** Set once redeemed (kept only when `redeemedRefreshTokensStayValid`). */
  redeemed: boolean;
  /** When the user's sessions were revoked (Microsoft's `TokensValidFrom`); null while valid. */
  revokedAt: number | null;
}

export type FakeMicrosoftState = ReturnType<typeof createFakeMicrosoftState>;

/**
 * A scope as Microsoft names it for Graph: `User.Read` and
 * `https://graph.microsoft.com/User.Read` are the same permission; OpenID scopes stay bare.
 */
export function graphScope(scope: string): string {
  const bare = scope.replace(/^https:\/\/graph\.microsoft\.com\//i, '');
  return ['openid', 'profile', 'email', 'offline_access'].includes(bare.toLowerCase()) ? bare.toLowerCase() : bare;
}

export function hasScope(scopes: readonly string[], wanted: string): boolean {
  return scopes.some((s) => s.toLowerCase() === wanted.toLowerCase());
}

/** One fake's state; `crypto` is `node:crypto`, loaded when the server starts (the entry stays importable in a browser). */
export function createFakeMicrosoftState(options: FakeMicrosoftOptions, crypto: typeof NodeCrypto) {
  const host = options.host ?? '127.0.0.1';
  const clientId = options.clientId ?? FAKE_MICROSOFT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? FAKE_MICROSOFT_CLIENT_SECRET;
  const users: FakeMicrosoftUser[] = (options.users?.length ? options.users : DEFAULT_USERS).map(normalizeUser);
  const now = options.now ?? Date.now;
  const maxInactiveMs = (options.refreshTokenMaxInactiveSeconds ?? 90 * 86_400) * 1000;

  const switches: FakeMicrosoftSwitches = {
    accessTokenLifetimeSeconds: 3599,
    redeemedRefreshTokensStayValid: false,
    rateLimitNext: 0,
    retryAfterSeconds: 1,
    failNext: 0,
    tokenFailNext: 0,
    cutCreateResponses: 0,
    perUserPerSecond: null,
  };
  const calls: FakeMicrosoftCalls = emptyCalls();

  const codes = new Map<string, AuthCode>();
  const accessTokens = new Map<string, AccessGrant>();
  const refreshTokens = new Map<string, RefreshGrant>();
  const meetings = new Map<string, FakeOnlineMeeting>();

  const userById = (id: string) => users.find((u) => u.id === id);

  function issueTokens(userId: string, scopes: readonly string[]) {
    const access = `fm_at_${crypto.randomBytes(24).toString('base64url')}`;
    const lifetime = switches.accessTokenLifetimeSeconds;
    accessTokens.set(access, { userId, scopes, expiresAt: now() + lifetime * 1000 });
    const granted = scopes.filter((s) => s !== 'offline_access');
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: granted.map((s) => (/^[A-Z]/.test(s) ? `https://graph.microsoft.com/${s}` : s)).join(' '),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: access,
    };
    // No offline_access, no refresh token: as Microsoft.
    if (hasScope(scopes, 'offline_access')) {
      const refresh = `fm_rt_${crypto.randomBytes(32).toString('base64url')}`;
      refreshTokens.set(refresh, { userId, scopes, issuedAt: now(), redeemed: false, revokedAt: null });
      body.refresh_token = refresh;
    }
    return body;
  }

  const state = {
    options,
    crypto,
    host,
    clientId,
    clientSecret,
    users,
    now,
    maxInactiveMs,
    switches,
    calls,
    codes,
    accessTokens,
    refreshTokens,
    meetings,
    userById,
    issueTokens,
    /** Set once the server listens. */
    origin: '',
  };
  return state;
}

export function normalizeUser(user: FakeMicrosoftUser): FakeMicrosoftUser {
  return { ...user, tenantId: user.kind === 'personal' ? CONSUMER_TENANT_ID : user.tenantId };
}

export function emptyCalls(): FakeMicrosoftCalls {
  return {
    authorize: 0,
    token: { authorizationCode: 0, refresh: 0, other: 0 },
    me: 0,
    meetings: { create: 0, createOrGet: 0, get: 0, update: 0, delete: 0 },
    log: [],
  };
}
