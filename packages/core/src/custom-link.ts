import * as z from 'zod/mini';
import { isStorableText, storableText } from './text';

export const URL_MAX = 2048;
export const PASSWORD_MAX = 128;
export const DESCRIPTION_MAX = 500;

/**
 * Error codes a custom link can fail with. They are codes, not sentences: each
 * widget maps them to a message in the user's language.
 */
export const CUSTOM_LINK_ERRORS = [
  'url.required',
  'url.tooLong',
  'url.invalid',
  'url.scheme',
  /** Invisible or bidirectional-control characters (R21). */
  'url.invisible',
  'url.backslash',
  /** `user:pass@host` (R21). */
  'url.userInfo',
  /** Loopback, private, link-local or cloud-metadata host (R21). */
  'url.privateHost',
  'password.tooLong',
  'password.invalid',
  'password.bidi',
  'description.tooLong',
  'description.invalid',
  'description.bidi',
] as const;
export type CustomLinkErrorCode = (typeof CUSTOM_LINK_ERRORS)[number];

// C0 controls, DEL and C1 controls. Browsers strip some of these inside schemes
// ("java\tscript:"), so they are refused outright rather than cleaned up.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Same, but line breaks are allowed in descriptions.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

// Characters that change how a link reads without being seen: zero-width and other
// default-ignorable characters (soft hyphen, joiners, variation selectors, tags), format
// characters, and bidirectional controls. Refused outright, also percent-encoded.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/u;
/** Bidirectional controls: they reorder what is shown (U+202A–202E, U+2066–2069, marks). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Why a (trimmed) URL is refused, or null when it is an acceptable link. */
export function checkLinkUrl(url: string): CustomLinkErrorCode | null {
  if (url.length === 0) return 'url.required';
  if (url.length > URL_MAX) return 'url.tooLong';
  // A lone surrogate would be stored as U+FFFD: not what was typed, so not accepted (R26).
  if (!isStorableText(url)) return 'url.invalid';
  if (INVISIBLE.test(url) || INVISIBLE.test(decoded(url))) return 'url.invisible';
  if (CONTROL.test(url) || /\s/.test(url)) return 'url.invalid';
  // The scheme is checked on the raw text as well as on the parsed URL, so no
  // spelling ("JavaScript:", "javascript&colon;", "//evil") slips through.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return 'url.invalid';
  if (scheme !== 'https' && scheme !== 'http') return 'url.scheme';
  // Browsers read "\" as "/" in some places and not in others: never guess which.
  if (url.includes('\\')) return 'url.backslash';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'url.invalid';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'url.scheme';
  if (!/^https?:\/\/[^/]/i.test(url) || parsed.hostname === '') return 'url.invalid';
  // "user:pass@" (even an empty "@") makes the text before "@" look like the host.
  if (parsed.username || parsed.password || /^https?:\/\/[^/?#]*@/i.test(url)) return 'url.userInfo';
  if (hostKind(parsed.hostname) !== 'public') return 'url.privateHost';
  if (parsed.href.length > URL_MAX) return 'url.tooLong';
  return null;
}

/**
 * The form a link is stored in (R21): the WHATWG serialisation, with a punycode host,
 * default port dropped and numeric hosts spelt as dotted IPv4. Only for URLs that
 * `checkLinkUrl` accepts.
 */
export function normalizeLinkUrl(url: string): string {
  return new URL(url.trim()).href;
}

// ---- hosts that are not the public internet -------------------------------------------

export type HostKind = 'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'reserved';

const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

/** IPv4 ranges that are not public, as [first octets…, prefix length, kind]. */
const V4_RANGES: ReadonlyArray<readonly [number, number, HostKind]> = [
  [ipv4(169, 254, 169, 254), 32, 'metadata'],
  [ipv4(0, 0, 0, 0), 8, 'loopback'], // "this host": 0.0.0.0 reaches the local machine
  [ipv4(127, 0, 0, 0), 8, 'loopback'],
  [ipv4(10, 0, 0, 0), 8, 'private'],
  [ipv4(172, 16, 0, 0), 12, 'private'],
  [ipv4(192, 168, 0, 0), 16, 'private'],
  [ipv4(100, 64, 0, 0), 10, 'private'], // carrier-grade NAT
  [ipv4(169, 254, 0, 0), 16, 'link-local'],
  [ipv4(192, 0, 0, 0), 24, 'reserved'],
  [ipv4(198, 18, 0, 0), 15, 'reserved'],
  [ipv4(224, 0, 0, 0), 4, 'reserved'], // multicast
  [ipv4(240, 0, 0, 0), 4, 'reserved'], // reserved and broadcast
];

function ipv4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function v4Kind(address: number): HostKind {
  for (const [base, bits, kind] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((address & mask) >>> 0 === base) return kind;
  }
  return 'public';
}

/** The 8 groups of a serialised IPv6 address (`::` expanded), or null. */
function ipv6Groups(text: string): number[] | null {
  const [head, tail, ...rest] = text.split('::');
  if (rest.length > 0 || head === undefined) return null;
  const part = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  const fill = tail === undefined ? 0 : 8 - front.length - back.length;
  const groups = [...front, ...Array<number>(Math.max(fill, 0)).fill(0), ...back];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function v6Kind(groups: number[]): HostKind {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const embedded = ((g6 << 16) | g7) >>> 0;
  if (g0 === 0xfd00 && g1 === 0x0ec2 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 && g6 === 0 && g7 === 0x254) return 'metadata';
  if (groups.every((g) => g === 0)) return 'loopback'; // "::", the unspecified address
  if (groups.slice(0, 7).every((g) => g === 0) && g7 === 1) return 'loopback';
  // Every spelling of IPv6 that carries an IPv4 address is judged by that address (R21):
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), IPv4-translated
  // (::ffff:0:a.b.c.d, RFC 2765), NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48,
  // RFC 8215), ISATAP interface ids (…:0:5efe:a.b.c.d, …:200:5efe:a.b.c.d) and 6to4 (2002:AABB:CCDD::).
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) return v4Kind(embedded);
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) return v4Kind(embedded);
  if (g0 === 0x64 && g1 === 0xff9b && (g2 === 0 || g2 === 1)) return v4Kind(embedded);
  if (g0 === 0x2002) return v4Kind(((g1 << 16) | g2) >>> 0); // 6to4
  if ((g4 === 0 || g4 === 0x200) && g5 === 0x5efe) return v4Kind(embedded); // ISATAP
  // Teredo (2001::/32) tunnels to an IPv4 address hidden in the rest; the discard prefix
  // (100::/64) and the documentation range (2001:db8::/32) are nowhere on the internet.
  if (g0 === 0x2001 && (g1 === 0 || g1 === 0xdb8)) return 'reserved';
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved';
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return 'reserved'; // multicast
  return 'public';
}

/**
 * Whether a host (as `URL.hostname` gives it: lower case, IPv4 dotted, IPv6 in
 * brackets) is on the public internet. Numeric spellings (`2130706433`, `0x7f.1`,
 * `0177.0.0.1`) are already dotted IPv4 after WHATWG parsing; IPv4-mapped IPv6 is
 * judged by its IPv4 address.
 */
export function hostKind(hostname: string): HostKind {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = ipv6Groups(host.slice(1, -1));
    return groups ? v6Kind(groups) : 'reserved';
  }
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    return v4Kind(ipv4(a, b, c, d));
  }
  if (METADATA_NAMES.has(host)) return 'metadata';
  if (host === 'localhost' || host.endsWith('.localhost') || host === 'ip6-localhost' || host === 'ip6-loopback') return 'loopback';
  // Names that only resolve inside a network: no dot (search domains), mDNS, private TLDs.
  if (!host.includes('.')) return 'private';
  if (/\.(local|internal|intranet|lan|home\.arpa|corp|localdomain)$/.test(host)) return 'private';
  return 'public';
}

/** Warnings that do not block a save, shown next to the field. */
export type CustomLinkWarning = 'url.insecure';
export function customLinkWarnings(url: string): CustomLinkWarning[] {
  return /^http:/i.test(url.trim()) && checkLinkUrl(url.trim()) === null ? ['url.insecure'] : [];
}

const optionalText = (
  max: number,
  tooLong: CustomLinkErrorCode,
  invalid: CustomLinkErrorCode,
  bidi: CustomLinkErrorCode,
  control: RegExp,
) =>
  z.optional(
    z.pipe(
      z.string().check(
        z.trim(),
        z.maxLength(max, { error: tooLong }),
        // Bidi controls make a password or description read differently from what it is (R21).
        z.refine((value) => !BIDI.test(value), { error: bidi }),
        z.refine((value) => !control.test(value), { error: invalid }),
        // A lone surrogate is no character at all (R26).
        storableText(invalid),
      ),
      // An empty optional field means "none": it is stored as absent, never as "".
      z.transform((value: string) => (value === '' ? undefined : value)),
    ),
  );

/**
 * A custom video-conferencing link as typed into a form or sent to the API (R11).
 * Input: `{ url, password?, description? }` with raw strings; output: trimmed, with
 * empty optional fields removed and the URL normalised (R21).
 */
export const customLinkSchema = z.object({
  url: z.pipe(
    z.string({ error: 'url.required' }).check(
      z.trim(),
      z.superRefine((url, ctx) => {
        const code = checkLinkUrl(url);
        if (code) ctx.addIssue({ code: 'custom', message: code, input: url });
      }),
    ),
    // Stored as the browser will read it (R21): what is shown is where it goes.
    z.transform((url: string) => normalizeLinkUrl(url)),
  ),
  password: optionalText(PASSWORD_MAX, 'password.tooLong', 'password.invalid', 'password.bidi', CONTROL),
  description: optionalText(DESCRIPTION_MAX, 'description.tooLong', 'description.invalid', 'description.bidi', CONTROL_EXCEPT_NEWLINE),
});
export type CustomLinkInput = z.input<typeof customLinkSchema>;
export type CustomLink = z.output<typeof customLinkSchema>;

/** True when `url` is safe to put in an `href`: absolute http(s) and nothing else. */
export function isSafeHref(url: string): boolean {
  return checkLinkUrl(url) === null;
}
