import type { StoredTokens, StoreTx } from '../store/types';
import type { ZoomClient, ZoomError, ZoomGrant, ZoomResult } from './zoom/client';

/**
 * Zoom tokens at rest (R23): AES-256-GCM through WebCrypto, so it runs in Node 20+, edge
 * runtimes and browsers alike (no `node:` imports). The account id is the additional
 * authenticated data: a ciphertext copied onto another account's row does not decrypt.
 *
 * Format: `v1.<iv, base64url>.<ciphertext with its 16-byte tag, base64url>`. The version
 * prefix leaves room for another key or algorithm later without guessing.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const KEY_BYTES = 32;

export const TOKEN_KEY_ERROR = 'SESSION_LINKS_TOKEN_KEY must be 32 bytes, base64';

/** The configured key is missing or malformed: the server must refuse to start. */
export class TokenKeyError extends Error {
  constructor(detail?: string) {
    super(detail ? `${TOKEN_KEY_ERROR} (${detail})` : TOKEN_KEY_ERROR);
    this.name = 'TokenKeyError';
  }
}

/** A ciphertext that is malformed, tampered with, under another key or bound to another account. */
export class TokenDecryptError extends Error {
  constructor(message = 'stored Zoom token could not be decrypted') {
    super(message);
    this.name = 'TokenDecryptError';
  }
}

export interface TokenCipher {
  encrypt(plaintext: string, accountId: string): Promise<string>;
  /** Throws `TokenDecryptError` on any mismatch. */
  decrypt(ciphertext: string, accountId: string): Promise<string>;
}

/** Imports `SESSION_LINKS_TOKEN_KEY` (32 bytes, standard or url-safe base64). Throws `TokenKeyError`. */
export async function createTokenCipher(keyBase64: string | undefined): Promise<TokenCipher> {
  const raw = decodeKey(keyBase64);
  const key = await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  const encoder = new TextEncoder();

  return {
    async encrypt(plaintext, accountId) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(accountId), tagLength: 128 },
        key,
        encoder.encode(plaintext),
      );
      return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
    },
    async decrypt(ciphertext, accountId) {
      const parts = ciphertext.split('.');
      if (parts.length !== 3 || parts[0] !== VERSION) throw new TokenDecryptError('stored Zoom token has an unknown format');
      const iv = fromBase64Url(parts[1]!);
      const sealed = fromBase64Url(parts[2]!);
      if (!iv || iv.length !== IV_BYTES || !sealed || sealed.length < 16)
        throw new TokenDecryptError('stored Zoom token has an unknown format');
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv, additionalData: encoder.encode(accountId), tagLength: 128 },
          key,
          sealed,
        );
        return new TextDecoder().decode(plain);
      } catch {
        throw new TokenDecryptError();
      }
    },
  };
}

/** A fresh random key in the configuration format, for set-up instructions and tests. */
export function generateTokenKey(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(KEY_BYTES)));
}

/** Checks `SESSION_LINKS_TOKEN_KEY` without importing it (start-up validation). Throws `TokenKeyError`. */
export function assertTokenKey(keyBase64: string | undefined): void {
  decodeKey(keyBase64);
}

function decodeKey(keyBase64: string | undefined): Uint8Array<ArrayBuffer> {
  const text = keyBase64?.trim() ?? '';
  if (!text) throw new TokenKeyError('missing');
  const normalized = text.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(normalized)) throw new TokenKeyError('not base64');
  const bytes = fromBase64(normalized);
  if (!bytes) throw new TokenKeyError('not base64');
  if (bytes.length !== KEY_BYTES) throw new TokenKeyError(`decodes to ${bytes.length} bytes`);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const padded = text.padEnd(text.length + ((4 - (text.length % 4)) % 4), '=');
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  return fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'));
}

// ---- refresh under the account's lock ------------------------------------------------

/**
 * Access tokens for Zoom accounts, refreshed shortly before they expire, at most once per
 * account at a time (R23). Zoom rotates refresh tokens: two concurrent refreshes with the same
 * refresh token leave one of them holding a dead token, so every refresh runs under the
 * account's lock, re-reads the row first (a concurrent refresher may already have done the
 * work) and stores the rotated token before the lock is released.
 */

/** The account's token row, read while holding its lock; writes commit with the lock's transaction. */
export interface LockedTokens {
  readonly tokens: StoredTokens | null;
  put(tokens: StoredTokens): Promise<void>;
  remove(): Promise<void>;
}

/**
 * Where tokens live. The server backs `withLockedTokens` with `store.transaction(tx =>
 * tx.getTokens(id, { lock: true }) …)` (a row lock across server instances); tests and the
 * demo use `createMemoryTokenStorage()` (a per-account mutex).
 */
export interface TokenStoragePort {
  withLockedTokens<T>(accountId: string, fn: (locked: LockedTokens) => Promise<T>): Promise<T>;
  /** Unlocked read for the fast path (token still fresh). Without it every call takes the lock. */
  readTokens?(accountId: string): Promise<StoredTokens | null>;
}

export type ExpiredCause =
  /** Zoom refused the refresh token (revoked, rotated elsewhere, app removed). */
  | 'invalid-grant'
  /** The refresh token is older than Zoom accepts (90 days). */
  | 'refresh-token-too-old'
  /** No tokens stored (never connected, deauthorized, or expired earlier). */
  | 'no-tokens'
  /** The API refused a freshly refreshed token. */
  | 'unauthorized-after-refresh';

export type AccessTokenResult =
  | { ok: true; accessToken: string; accessExpiresAt: string; refreshed: boolean }
  /** The account must be marked `expired` (R17) and the user asked to connect again. */
  | { ok: false; reason: 'expired'; cause: ExpiredCause }
  /** Zoom could not be reached or refused for now (rate limit, 5xx): try again later; the account stays as it is. */
  | { ok: false; reason: 'unavailable'; error: ZoomError };

export type ZoomCallError = ZoomError | { kind: 'expired'; cause: ExpiredCause };
export type ZoomCallResult<T> = { ok: true; value: T } | { ok: false; error: ZoomCallError };

export interface TokenManagerOptions {
  storage: TokenStoragePort;
  zoom: Pick<ZoomClient, 'refresh'>;
  cipher: TokenCipher;
  now?: () => number;
  /** Refresh when the access token has less than this left (default 300 s). */
  refreshBeforeSeconds?: number;
  /** Refresh tokens older than this are treated as expired without asking Zoom (default 90 days). */
  refreshTokenMaxAgeSeconds?: number;
}

export interface TokenManager {
  /**
   * A usable access token. Pass the token the API just refused as `rejectedToken` to force a
   * refresh, unless another caller has already replaced it.
   */
  getAccessToken(accountId: string, options?: { rejectedToken?: string }): Promise<AccessTokenResult>;
  /**
   * Runs one Zoom API call with the account's token; on 401 refreshes once and retries, and a
   * second 401 reports the account as expired.
   */
  call<T>(accountId: string, run: (accessToken: string) => Promise<ZoomResult<T>>): Promise<ZoomCallResult<T>>;
  /** Stores the tokens of a new connection (encrypted), replacing any earlier ones. */
  saveTokens(siteId: string, accountId: string, tokens: ZoomGrant): Promise<void>;
}

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { storage, zoom, cipher } = options;
  const now = options.now ?? Date.now;
  const refreshBeforeMs = (options.refreshBeforeSeconds ?? 300) * 1000;
  const maxRefreshAgeMs = (options.refreshTokenMaxAgeSeconds ?? 90 * 86_400) * 1000;
  // Joins callers of this instance that need a refresh at the same moment; the storage lock
  // does the same across instances. Per manager, never module state.
  const inFlight = new Map<string, Promise<AccessTokenResult>>();

  const isFresh = (tokens: StoredTokens) => Date.parse(tokens.accessExpiresAt) - now() > refreshBeforeMs;

  async function usable(tokens: StoredTokens, rejectedToken: string | undefined): Promise<string | null> {
    if (!isFresh(tokens)) return null;
    const accessToken = await cipher.decrypt(tokens.accessToken, tokens.accountId);
    return accessToken === rejectedToken ? null : accessToken;
  }

  function lockedRefresh(accountId: string, rejectedToken: string | undefined): Promise<AccessTokenResult> {
    return storage.withLockedTokens(accountId, async (locked): Promise<AccessTokenResult> => {
      const current = locked.tokens;
      if (!current) return { ok: false, reason: 'expired', cause: 'no-tokens' };
      // Someone else may have refreshed while we waited for the lock.
      const stillGood = await usable(current, rejectedToken);
      if (stillGood) return { ok: true, accessToken: stillGood, accessExpiresAt: current.accessExpiresAt, refreshed: false };

      if (now() - Date.parse(current.refreshIssuedAt) >= maxRefreshAgeMs) {
        await locked.remove();
        return { ok: false, reason: 'expired', cause: 'refresh-token-too-old' };
      }
      const refreshToken = await cipher.decrypt(current.refreshToken, accountId);
      const result = await zoom.refresh(refreshToken);
      if (!result.ok) {
        if (result.error.kind === 'invalid-grant') {
          // Dead for good: removing it keeps the callers queued behind us from asking Zoom again.
          await locked.remove();
          return { ok: false, reason: 'expired', cause: 'invalid-grant' };
        }
        return { ok: false, reason: 'unavailable', error: result.error };
      }
      await locked.put(await sealTokens(cipher, current.siteId, accountId, result.value, now()));
      return { ok: true, accessToken: result.value.accessToken, accessExpiresAt: result.value.accessExpiresAt, refreshed: true };
    });
  }

  async function getAccessToken(accountId: string, opts: { rejectedToken?: string } = {}): Promise<AccessTokenResult> {
    if (storage.readTokens) {
      const tokens = await storage.readTokens(accountId);
      if (!tokens) return { ok: false, reason: 'expired', cause: 'no-tokens' };
      const accessToken = await usable(tokens, opts.rejectedToken);
      if (accessToken) return { ok: true, accessToken, accessExpiresAt: tokens.accessExpiresAt, refreshed: false };
    }
    const pending = inFlight.get(accountId);
    if (pending) {
      const joined = await pending;
      if (!joined.ok || joined.accessToken !== opts.rejectedToken) return joined;
    }
    const run = lockedRefresh(accountId, opts.rejectedToken).finally(() => {
      if (inFlight.get(accountId) === run) inFlight.delete(accountId);
    });
    inFlight.set(accountId, run);
    return run;
  }

  return {
    getAccessToken,

    async call(accountId, run) {
      const first = await getAccessToken(accountId);
      if (!first.ok) return first.reason === 'expired' ? expired(first.cause) : { ok: false, error: first.error };
      const result = await run(first.accessToken);
      if (result.ok || result.error.kind !== 'unauthorized') return result;
      const second = await getAccessToken(accountId, { rejectedToken: first.accessToken });
      if (!second.ok) return second.reason === 'expired' ? expired(second.cause) : { ok: false, error: second.error };
      const retried = await run(second.accessToken);
      if (!retried.ok && retried.error.kind === 'unauthorized') return expired('unauthorized-after-refresh');
      return retried;
    },

    async saveTokens(siteId, accountId, tokens) {
      const sealed = await sealTokens(cipher, siteId, accountId, tokens, now());
      await storage.withLockedTokens(accountId, (locked) => locked.put(sealed));
    },
  };
}

function expired(cause: ExpiredCause): { ok: false; error: ZoomCallError } {
  return { ok: false, error: { kind: 'expired', cause } };
}

/** Encrypts a token set into the store's row shape; the refresh token counts as issued now. */
export async function sealTokens(
  cipher: TokenCipher,
  siteId: string,
  accountId: string,
  tokens: ZoomGrant,
  nowMs: number = Date.now(),
): Promise<StoredTokens> {
  return {
    siteId,
    accountId,
    accessToken: await cipher.encrypt(tokens.accessToken, accountId),
    refreshToken: await cipher.encrypt(tokens.refreshToken, accountId),
    accessExpiresAt: tokens.accessExpiresAt,
    refreshIssuedAt: new Date(nowMs).toISOString(),
  };
}

export interface MemoryTokenStorage extends TokenStoragePort {
  /** The stored row (ciphertexts), for tests and the demo. */
  get(accountId: string): StoredTokens | null;
  set(tokens: StoredTokens): void;
}

/**
 * In-memory token storage with a per-account mutex. Writes made inside `withLockedTokens`
 * apply when `fn` resolves and are dropped when it throws, like a transaction.
 */
export function createMemoryTokenStorage(initial: readonly StoredTokens[] = []): MemoryTokenStorage {
  const rows = new Map<string, StoredTokens>(initial.map((t) => [t.accountId, { ...t }]));
  const tails = new Map<string, Promise<unknown>>();

  return {
    get: (accountId) => {
      const row = rows.get(accountId);
      return row ? { ...row } : null;
    },
    set: (tokens) => {
      rows.set(tokens.accountId, { ...tokens });
    },
    async readTokens(accountId) {
      const row = rows.get(accountId);
      return row ? { ...row } : null;
    },
    withLockedTokens(accountId, fn) {
      const previous = tails.get(accountId) ?? Promise.resolve();
      const run = previous.then(async () => {
        let pending: { write: StoredTokens | null } | null = null;
        const row = rows.get(accountId);
        const result = await fn({
          tokens: row ? { ...row } : null,
          put: async (tokens) => {
            pending = { write: { ...tokens } };
          },
          remove: async () => {
            pending = { write: null };
          },
        });
        const commit = pending as { write: StoredTokens | null } | null;
        if (commit?.write) rows.set(accountId, commit.write);
        else if (commit) rows.delete(accountId);
        return result;
      });
      const tail = run.catch(() => undefined);
      tails.set(accountId, tail);
      void tail.then(() => {
        if (tails.get(accountId) === tail) tails.delete(accountId);
      });
      return run;
    },
  };
}

/** The part of the server's `Store` the token manager needs (a `Store` fits as is). */
export interface TokenStore {
  transaction<T>(fn: (tx: Pick<StoreTx, 'getTokens' | 'putTokens' | 'deleteTokens'>) => Promise<T>): Promise<T>;
}

/**
 * The storage port over the server's `Store`: the locked section is one transaction holding
 * the token row's lock (`SELECT … FOR UPDATE` in SQL, the store's mutex in memory), so the
 * rotated refresh token commits with the refresh, and another instance waits and re-reads.
 */
export function tokenStorageFromStore(store: TokenStore): TokenStoragePort {
  return {
    withLockedTokens: (accountId, fn) =>
      store.transaction(async (tx) => {
        const tokens = await tx.getTokens(accountId, { lock: true });
        return fn({ tokens, put: (next) => tx.putTokens(next), remove: () => tx.deleteTokens(accountId) });
      }),
    readTokens: (accountId) => store.transaction((tx) => tx.getTokens(accountId)),
  };
}

/**
 * The storage port over a transaction already open: takes the row lock in that transaction
 * instead of opening another, which would wait on itself in a store that runs transactions
 * one at a time. A refresh made here commits (or is lost) with that transaction, and Zoom has
 * already invalidated the old refresh token: only for a Zoom that does not rotate (the
 * in-process fake). The meeting worker uses `tokenStorageFromStore` before its transaction.
 * Use one manager per such transaction.
 */
export function tokenStorageFromTx(tx: Pick<StoreTx, 'getTokens' | 'putTokens' | 'deleteTokens'>): TokenStoragePort {
  return {
    withLockedTokens: async (accountId, fn) => {
      const tokens = await tx.getTokens(accountId, { lock: true });
      return fn({ tokens, put: (next) => tx.putTokens(next), remove: () => tx.deleteTokens(accountId) });
    },
  };
}
