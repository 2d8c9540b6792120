import type { Link, ZoomAccount } from './schemas';

// FNV-1a over two strings, as an unsigned 32-bit number. Cheap and stable, so a
// Zoom account yields the same meeting for the same session every time (R3).
function fnv1a(a: string, b: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < a.length; i++) {
    h ^= a.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= 0x2f; // separator, so ("ab","c") and ("a","bc") differ
  h = Math.imul(h, 0x01000193);
  for (let i = 0; i < b.length; i++) {
    h ^= b.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const PASSWORD_CODES = Array.from('abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789', (c) => c.charCodeAt(0));

/**
 * The meeting a Zoom account produces for one session: its own id, join URL and
 * password (R3). A real backend creates the meeting through Zoom's API and stores
 * it; this derivation stands in for that and is what the mocks use.
 */
export function zoomMeetingFor(account: Pick<ZoomAccount, 'id'>, sessionId: string): Link {
  const hi = fnv1a(account.id, sessionId, 0);
  const lo = fnv1a(sessionId, account.id, 0x9e37);
  // 11 digits, like Zoom's own meeting ids; never starting with 0.
  const meetingId = String(10_000_000_000 + ((hi * 7 + lo) % 89_999_999_999));
  // Eight characters picked from the two hashes, built in one call (no string concatenation in a loop).
  const a = PASSWORD_CODES.length;
  const x = (lo ^ hi) >>> 0;
  const y = Math.imul(hi, 0x9e3779b1) >>> 0;
  const password = String.fromCharCode(
    PASSWORD_CODES[x % a]!,
    PASSWORD_CODES[(x >>> 6) % a]!,
    PASSWORD_CODES[(x >>> 12) % a]!,
    PASSWORD_CODES[(x >>> 18) % a]!,
    PASSWORD_CODES[y % a]!,
    PASSWORD_CODES[(y >>> 6) % a]!,
    PASSWORD_CODES[(y >>> 12) % a]!,
    PASSWORD_CODES[(y >>> 18) % a]!,
  );
  return {
    type: 'ZOOM',
    provider: 'zoom',
    guestUrl: `https://zoom.us/j/${meetingId}?pwd=${password}`,
    hostUrl: `https://zoom.us/s/${meetingId}`,
    password,
    meetingId,
  };
}
