import type * as NodeCrypto from 'node:crypto';
import type { FakeZoomCalls, FakeZoomMeeting, FakeZoomOptions, FakeZoomSwitches, FakeZoomUser } from './types';
import { FAKE_ZOOM_CLIENT_ID, FAKE_ZOOM_CLIENT_SECRET } from './types';

/** What the fake Zoom knows: its users, codes, tokens and meetings, its switches and the calls it saw. */

const DEFAULT_USERS: readonly FakeZoomUser[] = [
  { id: 'fz-user-1', accountId: 'fz-account-1', email: 'host@fake-zoom.test', firstName: 'Fay', lastName: 'Host' },
];

export const DAY_MS = 86_400_000;
export const CODE_LIFETIME_MS = 5 * 60_000;

export interface AuthCode {
  clientId: string;
  userId: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  expiresAt: number;
}

interface AccessGrant {
  userId: string;
  expiresAt: number;
}

interface RefreshGrant {
  userId: string;
  issuedAt: number;
}

export type FakeZoomState = ReturnType<typeof createFakeZoomState>;

/** One fake Zoom's state; `crypto` is `node:crypto`, loaded when the server starts (the entry stays importable in a browser). */
export function createFakeZoomState(options: FakeZoomOptions, crypto: typeof NodeCrypto) {
  const host = options.host ?? '127.0.0.1';
  const clientId = options.clientId ?? FAKE_ZOOM_CLIENT_ID;
  const clientSecret = options.clientSecret ?? FAKE_ZOOM_CLIENT_SECRET;
  const users: FakeZoomUser[] = [...(options.users?.length ? options.users : DEFAULT_USERS)];
  const now = options.now ?? Date.now;
  const refreshLifetimeMs = (options.refreshTokenLifetimeSeconds ?? 90 * 86_400) * 1000;

  const switches: FakeZoomSwitches = {
    accessTokenLifetimeSeconds: 3600,
    refuseRefreshes: 0,
    rateLimitNext: 0,
    retryAfterSeconds: 1,
    failNext: 0,
    tokenFailNext: 0,
    dailyMeetingCap: 100,
    cutCreateResponses: 0,
    perSecond: { light: 30, medium: 20 },
  };
  const calls: FakeZoomCalls = emptyCalls();

  const codes = new Map<string, AuthCode>();
  const accessTokens = new Map<string, AccessGrant>();
  const refreshTokens = new Map<string, RefreshGrant>();
  const meetings = new Map<number, FakeZoomMeeting>();
  const dailyWrites = new Map<string, number>(); // `${userId}:${utcDay}` → create/update count
  const secondCalls = new Map<string, number>(); // `${accountId}:${category}` → calls in the current second
  const pageTokens = new Map<string, { userId: string; type: string; offset: number; pageSize: number; expiresAt: number }>();

  const userById = (id: string) => users.find((u) => u.id === id);

  function issueTokens(userId: string) {
    const access = `fz_at_${crypto.randomBytes(24).toString('base64url')}`;
    const refresh = `fz_rt_${crypto.randomBytes(24).toString('base64url')}`;
    const lifetime = switches.accessTokenLifetimeSeconds;
    accessTokens.set(access, { userId, expiresAt: now() + lifetime * 1000 });
    refreshTokens.set(refresh, { userId, issuedAt: now() });
    return {
      access_token: access,
      token_type: 'bearer',
      refresh_token: refresh,
      expires_in: lifetime,
      scope: 'meeting:write:meeting meeting:update:meeting meeting:delete:meeting user:read:user',
      api_url: state.origin,
    };
  }

  const state = {
    options,
    crypto,
    host,
    clientId,
    clientSecret,
    users,
    now,
    refreshLifetimeMs,
    switches,
    calls,
    codes,
    accessTokens,
    refreshTokens,
    meetings,
    dailyWrites,
    secondCalls,
    pageTokens,
    userById,
    issueTokens,
    currentSecond: -1,
    nextMeetingId: 81_000_000_000,
    /** Set once the server listens. */
    origin: '',
  };
  return state;
}

export function emptyCalls(): FakeZoomCalls {
  return {
    authorize: 0,
    token: { authorizationCode: 0, refresh: 0, other: 0 },
    users: { me: 0 },
    meetings: { create: 0, get: 0, update: 0, delete: 0, list: 0 },
    log: [],
  };
}
