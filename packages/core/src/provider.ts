import * as z from 'zod/mini';

export const PROVIDERS = ['zoom', 'google-meet', 'teams', 'webex', 'skype', 'goto', 'whereby', 'other'] as const;
export const providerSchema = z.enum(PROVIDERS);
export type Provider = z.infer<typeof providerSchema>;

/**
 * The providers whose accounts session-links connects through OAuth and makes a meeting per
 * session with (R31), in the order widgets offer them. Every other provider is a custom link.
 */
export const CONNECTED_PROVIDERS = ['zoom', 'google-meet', 'teams'] as const;
export const connectedProviderSchema = z.enum(CONNECTED_PROVIDERS);
export type ConnectedProvider = z.infer<typeof connectedProviderSchema>;

/** Human names, the same in every language (they are brands). */
export const PROVIDER_NAMES: Record<Provider, string> = {
  zoom: 'Zoom',
  'google-meet': 'Google Meet',
  teams: 'Microsoft Teams',
  webex: 'Webex',
  skype: 'Skype',
  goto: 'GoTo Meeting',
  whereby: 'Whereby',
  other: 'Other',
};

// Registrable domains per provider. A host matches when it equals one of them or ends
// with "." + one of them, so `zoom.us.evil.example` never passes for Zoom.
const DOMAINS: ReadonlyArray<readonly [Provider, readonly string[]]> = [
  ['zoom', ['zoom.us', 'zoom.com', 'zoomgov.com']],
  ['google-meet', ['meet.google.com']],
  ['teams', ['teams.microsoft.com', 'teams.live.com', 'teams.microsoft.us']],
  ['webex', ['webex.com']],
  ['skype', ['skype.com', 'join.skype.com']],
  ['goto', ['gotomeeting.com', 'goto.com', 'gotomeet.me']],
  ['whereby', ['whereby.com']],
];

function hostOf(url: string): string | null {
  try {
    return new URL(url.trim()).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** Which video-conferencing provider a URL belongs to, decided by its host name. */
export function recognizeProvider(url: string): Provider {
  const host = hostOf(url);
  if (!host) return 'other';
  for (const [provider, domains] of DOMAINS) {
    for (const domain of domains) {
      if (host === domain || host.endsWith(`.${domain}`)) return provider;
    }
  }
  return 'other';
}

// ---- look-alike hosts (R21) -----------------------------------------------------------

/** Decodes one punycode label (RFC 3492), or returns null when it is not valid punycode. */
function decodePunycode(input: string): string | null {
  const base = 36;
  const tMin = 1;
  const tMax = 26;
  const adapt = (delta: number, points: number, first: boolean) => {
    let d = first ? Math.floor(delta / 700) : delta >> 1;
    d += Math.floor(d / points);
    let k = 0;
    while (d > ((base - tMin) * tMax) >> 1) {
      d = Math.floor(d / (base - tMin));
      k += base;
    }
    return k + Math.floor(((base - tMin + 1) * d) / (d + 38));
  };
  const end = input.lastIndexOf('-');
  const output = Array.from(end > 0 ? input.slice(0, end) : '', (c) => c.codePointAt(0) as number);
  let n = 128;
  let i = 0;
  let bias = 72;
  for (let pos = end > 0 ? end + 1 : 0; pos < input.length; ) {
    const oldi = i;
    for (let w = 1, k = base; ; k += base) {
      if (pos >= input.length) return null;
      const c = input.charCodeAt(pos++);
      const digit = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : base;
      if (digit >= base) return null;
      i += digit * w;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (digit < t) break;
      w *= base - t;
      if (w > 0x7fffffff) return null;
    }
    bias = adapt(i - oldi, output.length + 1, oldi === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff) return null;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/** The host as a reader sees it: punycode labels decoded to Unicode. */
function unicodeHost(host: string): string {
  return host
    .split('.')
    .map((label) => (label.startsWith('xn--') ? (decodePunycode(label.slice(4)) ?? label) : label))
    .join('.');
}

// Letters that look like Latin ones in common fonts (Cyrillic, Greek, full-width, digits).
const CONFUSABLE: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ο: 'o',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ζ: 'z',
  ɡ: 'g',
  ɑ: 'a',
  ℓ: 'l',
  '0': 'o',
  '1': 'l',
};

/** A host folded to what it looks like: Latin look-alikes mapped, every separator a ".". */
function skeleton(host: string): string {
  return Array.from(unicodeHost(host).normalize('NFKC').toLowerCase(), (c) => CONFUSABLE[c] ?? c)
    .join('')
    .replace(/[^a-z0-9.]+/g, '.');
}

// What a host borrows to pass for a provider: its domains (ending at a label boundary,
// anywhere in the host), brand words as whole labels, and brand words run together.
const MARKS: ReadonlyArray<readonly [Exclude<Provider, 'other'>, readonly string[], readonly string[], readonly string[]]> = [
  ['zoom', ['zoom.us', 'zoom.com', 'zoomgov.com'], ['zoom', 'zoomus', 'zoomgov'], []],
  ['google-meet', ['meet.google', 'google.meet'], ['gmeet'], ['meetgoogle', 'googlemeet']],
  ['teams', ['teams.microsoft', 'microsoft.teams', 'teams.live'], ['msteams'], ['microsoftteams', 'teamsmicrosoft']],
  ['webex', ['webex.com'], ['webex'], []],
  ['skype', ['skype.com'], ['skype'], []],
  ['goto', ['gotomeeting.com', 'goto.com', 'gotomeet.me'], ['gotomeeting', 'gotomeet'], ['gotomeeting']],
  ['whereby', ['whereby.com'], ['whereby'], []],
];

/** The host of a link exactly as the browser will contact it (punycode, lower case), or null. */
export function linkHost(url: string): string | null {
  return hostOf(url);
}

export interface LinkHostWarning {
  /** The host the link really goes to, as the browser contacts it (punycode for non-ASCII). */
  host: string;
  /** The same host with non-ASCII labels shown in Unicode, for comparison. */
  displayHost: string;
  /** The provider the host pretends to be. */
  imitates: Exclude<Provider, 'other'>;
}

/**
 * R21: when a link's host borrows a known provider's name without belonging to it
 * (`zoom.us.evil.example`, `zoom.us∕evil.example` with a division slash,
 * `meet-google.com`, `zооm.us` in Cyrillic), says which provider it imitates and what
 * the real host is. Such links are allowed — the warning lets a person decide.
 */
export function linkHostWarning(url: string): LinkHostWarning | null {
  const host = hostOf(url);
  if (!host || recognizeProvider(url) !== 'other') return null;
  const folded = skeleton(host);
  const dotted = `${folded}.`;
  const labels = folded.split('.');
  const squashed = folded.replace(/\./g, '');
  for (const [provider, domains, words, compounds] of MARKS) {
    const hit =
      domains.some((d) => dotted.includes(`${d}.`)) || words.some((w) => labels.includes(w)) || compounds.some((c) => squashed.includes(c));
    if (hit) return { host, displayHost: unicodeHost(host), imitates: provider };
  }
  return null;
}
