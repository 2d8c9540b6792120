import { addressKey } from './client-address';

/**
 * The default rate limiter (R24, R26): token buckets in this process's memory, one per
 * client address and one per user, and one per address for wrong sync secrets. An address
 * is keyed as `addressKey` says: an IPv6 client by its /64, an IPv4-mapped one as IPv4. A host with
 * several instances needs a shared limiter (its gateway, Redis, the database) and passes it
 * as `rateLimit`; this one only sees the requests of its own process.
 */

/** A bucket of `burst` tokens, refilled at `perSecond`: a request takes one, none left is a 429. */
export interface BucketRate {
  burst: number;
  perSecond: number;
}

export interface RateLimiterOptions {
  /** Per signed-in user. Default: bursts of 600, then 10 a second. `false`: not limited. */
  perUser?: BucketRate | false;
  /** Per client address, asked before authentication. Default: bursts of 1,200, then 20 a second. */
  perAddress?: BucketRate | false;
  /** Wrong sync secrets per client address. Default: 10, then one every 6 seconds. */
  wrongSyncSecrets?: BucketRate | false;
  /** Buckets kept at most; the least recently used goes first. Default 10,000. */
  maxBuckets?: number;
  /** Milliseconds (tests). */
  now?: () => number;
}

/** A refusal: how many seconds until a request would be let through again. */
export interface Limited {
  retryAfter: number;
}

export interface RateLimiter {
  /** Takes a token of the client address's bucket (before authentication). */
  address(clientAddress: string): Limited | null;
  /** Takes a token of the user's bucket (after authentication). */
  user(userId: string): Limited | null;
  /** Whether the address may try a sync secret now (no token taken). */
  syncSecretAllowed(clientAddress: string): Limited | null;
  /** Counts a wrong sync secret from the address. */
  wrongSyncSecret(clientAddress: string): void;
}

/** The defaults, documented in the README: generous for people, a wall for loops and scripts. */
export const DEFAULT_RATE_LIMITS = {
  perUser: { burst: 600, perSecond: 10 },
  perAddress: { burst: 1200, perSecond: 20 },
  wrongSyncSecrets: { burst: 10, perSecond: 1 / 6 },
} as const satisfies Record<string, BucketRate>;

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const maxBuckets = options.maxBuckets ?? 10_000;
  const rate = (given: BucketRate | false | undefined, fallback: BucketRate) => (given === false ? null : (given ?? fallback));
  const perUser = rate(options.perUser, DEFAULT_RATE_LIMITS.perUser);
  const perAddress = rate(options.perAddress, DEFAULT_RATE_LIMITS.perAddress);
  const wrongSecrets = rate(options.wrongSyncSecrets, DEFAULT_RATE_LIMITS.wrongSyncSecrets);
  // One map for every kind: the key says which. Insertion order is recency (touched keys are re-inserted).
  const buckets = new Map<string, Bucket>();

  function bucket(key: string, r: BucketRate): Bucket {
    const at = now();
    const found = buckets.get(key);
    const b = found ?? { tokens: r.burst, at };
    if (found) {
      b.tokens = Math.min(r.burst, b.tokens + ((at - b.at) / 1000) * r.perSecond);
      b.at = at;
      buckets.delete(key);
    }
    buckets.set(key, b);
    if (buckets.size > maxBuckets) {
      const oldest = buckets.keys().next().value;
      if (oldest !== undefined) buckets.delete(oldest);
    }
    return b;
  }
  const wait = (b: Bucket, r: BucketRate): Limited => ({ retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / r.perSecond)) });
  function take(key: string, r: BucketRate | null): Limited | null {
    if (!r) return null;
    const b = bucket(key, r);
    if (b.tokens < 1) return wait(b, r);
    b.tokens -= 1;
    return null;
  }

  return {
    address: (clientAddress) => take(`a:${addressKey(clientAddress)}`, perAddress),
    user: (userId) => take(`u:${userId}`, perUser),
    syncSecretAllowed(clientAddress) {
      if (!wrongSecrets) return null;
      const b = bucket(`s:${addressKey(clientAddress)}`, wrongSecrets);
      return b.tokens < 1 ? wait(b, wrongSecrets) : null;
    },
    wrongSyncSecret(clientAddress) {
      if (!wrongSecrets) return;
      const b = bucket(`s:${addressKey(clientAddress)}`, wrongSecrets);
      b.tokens = Math.max(0, b.tokens - 1);
    },
  };
}
