/**
 * The read cache: serialised JSON answers of read operations, per handler instance,
 * least recently used first out, bounded by entries and bytes, each valid a short time.
 * Keys carry the site's revision (see `SiteRevisionSource`), so a write committed by any
 * instance makes every older entry of the site unreachable: an answer is never stale,
 * except by the clock, for at most `ttlMs`.
 */
export interface ReadCacheOptions {
  /** Default 500. */
  maxEntries?: number;
  /** Sum of the cached bodies' sizes in bytes (UTF-8). Default 32 MB. */
  maxBytes?: number;
  /** How long an answer may be served for: what depends on the clock (nothing else) ages by it. Default 5 s. */
  ttlMs?: number;
}

/**
 * A serialised answer as it goes on the wire: the UTF-8 bytes (written as they are, no
 * re-encoding per request) and a strong ETag over the audience and those bytes.
 */
export interface CachedBody {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

interface Entry extends CachedBody {
  expires: number;
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly ttlMs: number;
  hits = 0;
  misses = 0;

  constructor(options: ReadCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 5_000;
  }

  get(key: string, now: number): CachedBody | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expires <= now) {
      if (entry) this.remove(key, entry);
      this.misses++;
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry;
  }

  set(key: string, value: CachedBody, now: number): void {
    if (value.body.byteLength > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    this.entries.set(key, { body: value.body, etag: value.etag, expires: now + this.ttlMs });
    this.bytes += value.body.byteLength;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(k, e);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.byteLength;
  }
}
