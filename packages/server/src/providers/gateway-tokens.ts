import type { StoredTokens, StoreTx } from '../store/types';
import { GatewayError, type ProviderGateway, type TokenSet } from './gateway';
import {
  type AccessTokenResult,
  createTokenCipher,
  createTokenManager,
  sealTokens,
  type TokenCipher,
  TokenDecryptError,
  TokenKeyError,
  type TokenManager,
  type TokenStoragePort,
  type TokenStore,
  tokenStorageFromStore,
  tokenStorageFromTx,
} from './tokens';
import type { ZoomError, ZoomGrant, ZoomResult } from './zoom/client';

/**
 * A connected provider's tokens for the service and the meeting worker (R23, R31): encrypted at rest with the
 * host's key (AES-256-GCM, the account id as AAD), refreshed shortly before expiry under
 * the token row's lock (`SELECT … FOR UPDATE` in SQL, the store's mutex in memory), the
 * rotated refresh token (Zoom, Microsoft; Google's stays the same) stored in the same transaction.
 * Built over any `ProviderGateway`.
 */
export interface ProviderTokens {
  /** Encrypts a new connection's tokens into the store's row. */
  seal(input: { siteId: string; accountId: string; zoomUserId: string; tokens: TokenSet; now: Date }): Promise<StoredTokens>;
  /**
   * Tokens refreshed in their own short transaction (R23): the row locked (`FOR UPDATE`,
   * the store's mutex in memory), re-read, refreshed at Zoom, the rotated pair stored and
   * committed before the caller does any work with it. The meeting worker uses this, so a
   * failed or crashed meeting transaction never loses a rotated refresh token. Call it
   * outside any transaction of `store` (memory and PGlite run one at a time).
   */
  forStore(store: TokenStore, now: () => number): TxTokens;
  /**
   * A token manager whose lock is the row lock inside `tx` (one per transaction). A refresh
   * here commits (or is lost) with `tx`: only for callers whose Zoom does not rotate refresh
   * tokens (the in-process fake behind the mocks' inline mode and the seed).
   */
  inTx(tx: Pick<StoreTx, 'getTokens' | 'putTokens' | 'deleteTokens'>, now: () => number): TxTokens;
  /**
   * A meeting's start URL (it carries Zoom's `zak` host token) sealed at rest like the tokens
   * (R27): AES-256-GCM with the same key, bound to its account and session.
   */
  sealStartUrl(accountId: string, sessionId: string, startUrl: string): Promise<string>;
  /**
   * The start URL a meeting row holds: opened when sealed; a row stored before sealing
   * (plain `https://…`) as it is; `null` when the key cannot open it (rotated, tampered with).
   */
  openStartUrl(accountId: string, sessionId: string, stored: string): Promise<string | null>;
}

/** Sealed values start with the cipher's version; a start URL stored before sealing is a plain URL. */
export const isSealed = (stored: string) => stored.startsWith('v1.');
const startUrlBinding = (accountId: string, sessionId: string) => `start-url\u0000${accountId}\u0000${sessionId}`;

type TokenTx = Pick<StoreTx, 'getTokens' | 'putTokens' | 'deleteTokens'>;

/** The rotated tokens keep the provider's user they belong to, and the account's provider (R31). */
function keepingZoomUser(tx: TokenTx): TokenTx {
  return {
    getTokens: tx.getTokens.bind(tx),
    deleteTokens: tx.deleteTokens.bind(tx),
    putTokens: async (next) => {
      const before = await tx.getTokens(next.accountId);
      const provider = next.provider ?? before?.provider;
      await tx.putTokens({ ...next, zoomUserId: next.zoomUserId ?? before?.zoomUserId ?? null, ...(provider ? { provider } : {}) });
    },
  };
}

export interface TxTokens {
  /** A usable access token, or why not: `expired` (reconnect) or `unavailable` (try later). */
  get(accountId: string, options?: { rejectedToken?: string }): Promise<AccessTokenResult>;
}

/**
 * The key of the in-process fake Zoom (mocks, Storybook, demos without configuration):
 * its tokens are fake, and every instance must read what another sealed. Never used when
 * `SESSION_LINKS_TOKEN_KEY` is configured.
 */
export const FAKE_ZOOM_TOKEN_KEY = 'c2Vzc2lvbi1saW5rcy1mYWtlLXpvb20tdG9rZW5zISE='; // 32 bytes, base64

/** The code a `refused` gateway error carries as a typed error: a permanent refusal, shown and never retried (R31). */
export const REFUSED = 'refused';

/** The gateway's error as the token manager's typed error (the HTTP gateway keeps the client's as `cause`). */
export function zoomErrorOf(error: unknown): ZoomError {
  if (error instanceof GatewayError) {
    // A permanent, explained refusal (a personal Microsoft account and Teams) stays one, whatever
    // the gateway kept as its cause: never retried as if transient.
    if (error.kind === 'refused') return { kind: 'rejected', status: 403, code: REFUSED, message: error.reason ?? error.message };
    const cause = (error as { cause?: unknown }).cause;
    if (cause && typeof cause === 'object' && 'kind' in cause) return cause as ZoomError;
    switch (error.kind) {
      case 'invalid_grant':
        return { kind: 'invalid-grant', message: error.message };
      case 'unauthorized':
        return { kind: 'unauthorized', message: error.message };
      case 'rate_limited':
        return { kind: 'rate-limited', retryAfterSeconds: error.retryAfter ?? 60, daily: false, message: error.message };
      case 'denied':
        return { kind: 'rejected', status: null, code: null, message: error.message };
      case 'unavailable':
        return { kind: 'transient', status: null, message: error.message };
    }
  }
  return { kind: 'transient', status: null, message: error instanceof Error ? error.message : String(error) };
}

/** The gateway's refresh as the token manager wants it: a typed result, the expiry as a time. */
export function refreshThrough(gateway: ProviderGateway, now: () => number) {
  return async (refreshToken: string): Promise<ZoomResult<ZoomGrant>> => {
    try {
      const set = await gateway.refresh(refreshToken);
      return {
        ok: true,
        value: {
          accessToken: set.accessToken,
          refreshToken: set.refreshToken,
          expiresIn: set.expiresIn,
          accessExpiresAt: new Date(now() + set.expiresIn * 1000).toISOString(),
          scope: null,
        },
      };
    } catch (error) {
      return { ok: false, error: zoomErrorOf(error) };
    }
  };
}

export interface ProviderTokensOptions {
  gateway: ProviderGateway;
  /**
   * `SESSION_LINKS_TOKEN_KEY`. Required unless the gateway is a fake (`gateway.fake`), whose
   * tokens default to the fakes' published key: a real provider's tokens are never sealed with it.
   */
  tokenKey?: string;
  /** Refresh when less than this is left (default 300 s). */
  refreshBeforeSeconds?: number;
  /**
   * A refresh token unused (not refreshed) this long is taken as dead without asking the
   * provider (default 90 days: Zoom's refresh tokens and Microsoft's inactivity limit; Google's
   * die after six months unused).
   */
  refreshTokenMaxAgeSeconds?: number;
}

export function createProviderTokens(options: ProviderTokensOptions): ProviderTokens {
  const { gateway } = options;
  // R18, R23: the fakes' key is published, so it seals only a fake's (fake) tokens.
  if (options.tokenKey === undefined && gateway.fake !== true) {
    throw new TokenKeyError(
      `required to seal the tokens of ${gateway.provider}, which is not a fake: pass tokenKey (or tokens) with the gateway; the fakes' published key seals only fakes' tokens`,
    );
  }
  let cipher: Promise<TokenCipher> | null = null;
  const cipherOf = () => {
    cipher ??= createTokenCipher(options.tokenKey ?? FAKE_ZOOM_TOKEN_KEY);
    return cipher;
  };

  return {
    async seal({ siteId, accountId, zoomUserId, tokens, now }) {
      const sealed = await sealTokens(
        await cipherOf(),
        siteId,
        accountId,
        {
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          expiresIn: tokens.expiresIn,
          accessExpiresAt: new Date(now.getTime() + tokens.expiresIn * 1000).toISOString(),
          scope: null,
        },
        now.getTime(),
      );
      return { ...sealed, zoomUserId };
    },
    async sealStartUrl(accountId, sessionId, startUrl) {
      return (await cipherOf()).encrypt(startUrl, startUrlBinding(accountId, sessionId));
    },
    async openStartUrl(accountId, sessionId, stored) {
      if (!isSealed(stored)) return stored;
      try {
        return await (await cipherOf()).decrypt(stored, startUrlBinding(accountId, sessionId));
      } catch {
        // Sealed with another key, or malformed: the start link is not shown, and one bad row
        // never turns a whole list of sessions into a 500.
        return null;
      }
    },
    forStore(store, now) {
      return managed(tokenStorageFromStore({ transaction: (fn) => store.transaction((tx) => fn(keepingZoomUser(tx))) }), now);
    },
    inTx(tx, now) {
      return managed(tokenStorageFromTx(keepingZoomUser(tx)), now);
    },
  };

  /** One token manager over `storage` (it joins this caller's concurrent refreshes of an account). */
  function managed(storage: TokenStoragePort, now: () => number): TxTokens {
    let manager: Promise<TokenManager> | null = null;
    return {
      async get(accountId, opts) {
        manager ??= cipherOf().then((cipher) =>
          createTokenManager({
            storage,
            zoom: { refresh: refreshThrough(gateway, now) },
            cipher,
            now,
            refreshBeforeSeconds: options.refreshBeforeSeconds,
            refreshTokenMaxAgeSeconds: options.refreshTokenMaxAgeSeconds,
          }),
        );
        try {
          return await (await manager).getAccessToken(accountId, opts);
        } catch (error) {
          // A stored token the key cannot open (key rotated, row tampered with) is as good as none: reconnect.
          if (error instanceof TokenDecryptError) return { ok: false, reason: 'expired', cause: 'no-tokens' };
          throw error;
        }
      },
    };
  }
}

const bound = new WeakMap<ProviderGateway, ProviderTokens>();

/** Ties tokens to a gateway, so `runMeetingWorker(store, gateway)` uses the same key as the handler. */
export function bindProviderTokens(gateway: ProviderGateway, tokens: ProviderTokens): void {
  bound.set(gateway, tokens);
}

/**
 * The tokens of a gateway: those bound to it (`bindProviderTokens`, as each provider's
 * integration does with the configured key), else — for a fake only — sealed with the fakes'
 * published key. Any other gateway without bound tokens throws `TokenKeyError` naming
 * `SESSION_LINKS_TOKEN_KEY`.
 */
export function tokensFor(gateway: ProviderGateway): ProviderTokens {
  let tokens = bound.get(gateway);
  if (!tokens) {
    tokens = createProviderTokens({ gateway });
    bound.set(gateway, tokens);
  }
  return tokens;
}

/** @deprecated The Zoom-shaped names from before R31. */
export type ZoomTokens = ProviderTokens;
/** @deprecated */
export type ZoomTokensOptions = ProviderTokensOptions;
/** @deprecated */
export const createZoomTokens = createProviderTokens;
/** @deprecated */
export const bindZoomTokens = bindProviderTokens;
/** @deprecated */
export const zoomTokensFor = tokensFor;
