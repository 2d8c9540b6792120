/**
 * Client addresses for the rate limiter (R26): what one client is, and who it is behind the
 * host's own proxies. Parsed here rather than with `node:net`, so the handler stays
 * Web-standard (edge runtimes have no `node:net`).
 */

/** An address as bytes: 4 for IPv4 (IPv4-mapped IPv6 included), 16 for IPv6. */
type Bytes = number[];

const V4_PART = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const V6_GROUP = /^[0-9a-f]{1,4}$/i;

function parseV4(text: string): Bytes | null {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => V4_PART.test(p)) ? parts.map(Number) : null;
}

/** The 16 bytes of an IPv6 address (`::` once at most; a dotted IPv4 only at the end). */
function parseV6(text: string): Bytes | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (part: string, last: boolean): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (last && i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseV4(piece);
        if (!v4) return null;
        groups.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else if (V6_GROUP.test(piece)) groups.push(Number.parseInt(piece, 16));
      else return null;
    }
    return groups;
  };
  const head = groupsOf(halves[0] as string, halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1] as string, true) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

const isMapped = (bytes: Bytes) =>
  bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;

/**
 * The bytes of an address as a socket, a proxy or a host may write it: `[…]` brackets and an
 * IPv6 zone id (`%eth0`) dropped, an IPv4-mapped IPv6 address as its IPv4 address. null: not an address.
 */
export function parseAddress(text: string): Bytes | null {
  let t = text.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  if (!t.includes(':')) return parseV4(t);
  const zone = t.indexOf('%');
  const bytes = parseV6(zone === -1 ? t : t.slice(0, zone));
  return bytes && isMapped(bytes) ? bytes.slice(12) : bytes;
}

const hex = (bytes: Bytes, from: number, to: number) => {
  const groups: string[] = [];
  for (let i = from; i < to; i += 2) groups.push((((bytes[i] as number) << 8) | (bytes[i + 1] as number)).toString(16));
  return groups.join(':');
};

/**
 * The key of a client address in the limiter's buckets: an IPv4 address as itself, an IPv6
 * address by its /64 (the least a line gets: a client rotating through its own /64 is one
 * client), however either is spelled. Anything else (a host's own label) as it is.
 */
export function addressKey(clientAddress: string): string {
  const bytes = parseAddress(clientAddress);
  if (!bytes) return clientAddress;
  return bytes.length === 4 ? bytes.join('.') : `${hex(bytes, 0, 8)}::/64`;
}

/** An address or CIDR range the host trusts as its own proxy. */
interface Range {
  bytes: Bytes;
  prefix: number;
}

/** A `trustedProxies` entry that is not an address or a CIDR range: names it. */
export class TrustedProxiesError extends Error {
  constructor(
    readonly entry: string,
    source = 'trustedProxies',
  ) {
    super(`${source}: ${JSON.stringify(entry)} is not an IP address or CIDR range (e.g. 127.0.0.1,::1,10.0.0.0/8)`);
    this.name = 'TrustedProxiesError';
  }
}

function parseRange(entry: string, source?: string): Range {
  const [address = '', prefixText, ...more] = entry.split('/');
  const bytes = more.length === 0 && !address.includes('%') ? parseAddress(address) : null;
  if (!bytes) throw new TrustedProxiesError(entry, source);
  const written = address.includes(':') ? 128 : 32;
  let prefix = written;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > written) throw new TrustedProxiesError(entry, source);
    prefix = Number(prefixText);
  }
  // An IPv4-mapped range (`::ffff:10.0.0.0/104`) is the IPv4 range it maps.
  if (written === 128 && bytes.length === 4) {
    if (prefix < 96) throw new TrustedProxiesError(entry, source);
    prefix -= 96;
  }
  return { bytes, prefix };
}

function inRange(bytes: Bytes, range: Range): boolean {
  if (bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.prefix; bit += 8) {
    const mask = (0xff << (8 - Math.min(8, range.prefix - bit))) & 0xff;
    if (((bytes[bit / 8] as number) & mask) !== ((range.bytes[bit / 8] as number) & mask)) return false;
  }
  return true;
}

/** The host's own proxies, parsed once. */
export interface TrustedProxies {
  has(address: string): boolean;
}

/**
 * Parses `trustedProxies` (addresses and CIDR ranges; empty entries ignored). Throws
 * `TrustedProxiesError` naming the first entry that is neither; `source` names the setting.
 */
export function parseTrustedProxies(entries: readonly string[], source?: string): TrustedProxies {
  const ranges = entries
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => parseRange(e, source));
  return {
    has(address) {
      const bytes = parseAddress(address);
      return bytes !== null && ranges.some((r) => inRange(bytes, r));
    },
  };
}

/** A hop of `X-Forwarded-For` as proxies write it: an address, `[v6]:port` or `v4:port`. */
function hopAddress(hop: string): string | null {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(hop);
  const address = bracketed?.[1] ?? withPort?.[1] ?? hop;
  return parseAddress(address) ? address : null;
}

/**
 * Who the client is: the peer (the socket's address) unless the peer is one of the host's
 * own proxies; then the right-most hop of `X-Forwarded-For` that is not one of them (each
 * trusted proxy appends the address it got the request from; what a client wrote stands to
 * the left of that). A hop that is not an address keeps the peer: a header that cannot be
 * read never chooses the key.
 */
export function forwardedClient(peer: string | null, forwardedFor: string | null, trusted: TrustedProxies): string | null {
  if (peer === null || forwardedFor === null || !trusted.has(peer)) return peer;
  const hops = forwardedFor
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  let client: string | null = null;
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hopAddress(hops[i] as string);
    if (client === null) return peer;
    if (!trusted.has(client)) return client;
  }
  // Every hop is a trusted proxy: the farthest one is the client.
  return client ?? peer;
}
