import type { ZoomGateway, ZoomMeeting, ZoomMeetingInput, ZoomTokenSet, ZoomUser } from '../gateway';
import { ZoomGatewayError } from '../gateway';

// FNV-1a over a string, as an unsigned 32-bit number: the same meeting for the same key on every run.
function fnv1a(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const PASSWORD_CHARS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A meeting id (11 digits, as Zoom's) and password derived from the meeting's key: deterministic, for stories and tests. */
export function fakeMeetingFor(key: string): ZoomMeeting {
  const hi = fnv1a(key, 0);
  const lo = fnv1a(key, 0x9e37);
  const id = String(10_000_000_000 + ((hi * 7 + lo) % 89_999_999_999));
  let password = '';
  let x = (lo ^ hi) >>> 0;
  for (let i = 0; i < 8; i++) {
    if (i === 4) x = Math.imul(hi, 0x9e3779b1) >>> 0;
    password += PASSWORD_CHARS[x % PASSWORD_CHARS.length];
    x = Math.floor(x / PASSWORD_CHARS.length);
  }
  return { id, joinUrl: `https://zoom.us/j/${id}?pwd=${password}`, startUrl: `https://zoom.us/s/${id}?zak=fake-host-token`, password };
}

export interface FakeZoomOptions {
  /**
   * Where the consent page is, relative to the widget's origin (the mocks serve one at
   * `/session-links-zoom-consent.html`): it answers with code `allow:<email>`.
   */
  consentPagePath?: string;
  /** The Zoom e-mail the consent page shows for a signed-in user. */
  zoomEmailOf?: (userId: string) => string;
  /** The Zoom user's name for an e-mail. */
  zoomNameOf?: (email: string) => string;
}

/** Calls the fake received, for tests. */
export interface FakeZoomCalls {
  exchangeCode: number;
  refresh: number;
  createMeeting: number;
  findMeeting: number;
  updateMeeting: number;
  deleteMeeting: number;
}

/**
 * A deterministic Zoom in process. Codes are `allow:<email>` (what the mocks' consent
 * page returns); anything else is a denial. Tokens name the user (`fake-access:<email>`),
 * so any token works for the meeting calls. Meetings are derived from their key.
 */
export function createFakeZoomGateway(options: FakeZoomOptions = {}): ZoomGateway & { calls: FakeZoomCalls } {
  const consentPagePath = options.consentPagePath ?? '/session-links-zoom-consent.html';
  const calls: FakeZoomCalls = { exchangeCode: 0, refresh: 0, createMeeting: 0, findMeeting: 0, updateMeeting: 0, deleteMeeting: 0 };
  /** Keys of the meetings made (and not deleted), with their start: what `findMeeting` finds. */
  const made = new Map<string, { key: string; start: string; durationMinutes: number }>();
  const tokensFor = (email: string): ZoomTokenSet => ({
    accessToken: `fake-access:${email}`,
    refreshToken: `fake-refresh:${email}`,
    expiresIn: 3600,
  });
  const emailOf = (token: string) => token.slice(token.indexOf(':') + 1) || 'someone@zoom.example';
  return {
    provider: 'zoom',
    calls,
    async authorizationUrl({ state, codeChallenge, origin, userId }) {
      const url = new URL(consentPagePath, origin);
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', codeChallenge);
      url.searchParams.set('user', options.zoomEmailOf?.(userId) ?? 'someone@zoom.example');
      return { authorizeUrl: url.toString(), callbackOrigin: url.origin };
    },
    async exchangeCode({ code }) {
      calls.exchangeCode++;
      if (!code.startsWith('allow:')) throw new ZoomGatewayError('denied', 'Zoom did not grant access');
      return tokensFor(code.slice('allow:'.length) || 'someone@zoom.example');
    },
    async refresh(refreshToken) {
      calls.refresh++;
      if (!refreshToken.startsWith('fake-refresh:')) throw new ZoomGatewayError('invalid_grant', 'Unknown refresh token');
      return tokensFor(emailOf(refreshToken));
    },
    async getUser(accessToken): Promise<ZoomUser> {
      const email = emailOf(accessToken);
      return { id: `fake-${fnv1a(email, 1).toString(36)}`, email, name: options.zoomNameOf?.(email) ?? email };
    },
    async createMeeting(_token, input: ZoomMeetingInput) {
      calls.createMeeting++;
      const meeting = fakeMeetingFor(input.key);
      made.set(meeting.id, { key: input.key, start: input.start, durationMinutes: input.durationMinutes });
      return meeting;
    },
    async findMeeting(_token, { key }) {
      calls.findMeeting++;
      const meeting = fakeMeetingFor(key);
      const found = made.get(meeting.id);
      return found ? { ...meeting, start: found.start, durationMinutes: found.durationMinutes } : null;
    },
    async updateMeeting(_token, meetingId, input) {
      calls.updateMeeting++;
      const found = made.get(meetingId);
      if (found) made.set(meetingId, { ...found, start: input.start, durationMinutes: input.durationMinutes });
    },
    async deleteMeeting(_token, meetingId) {
      calls.deleteMeeting++;
      made.delete(meetingId);
    },
  };
}
