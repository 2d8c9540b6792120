/**
 * Client addresses for the rate limiter (R26): what one client is. Parsed here rather than with `node:net`, so the handler stays
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
