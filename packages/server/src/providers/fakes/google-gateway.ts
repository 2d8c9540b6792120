import { GatewayError, type MeetingInput, type ProviderGateway, type ProviderMeeting, type TokenSet } from '../gateway';

// FNV-1a over a string, as an unsigned 32-bit number: the same meeting for the same key on every run.
function fnv1a(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function letters(n: number, seed: number): string {
  let out = '';
  let x = seed;
  for (let i = 0; i < n; i++) {
    out += String.fromCharCode(97 + (x % 26));
    x = Math.floor(x / 26) || Math.imul(seed ^ (i + 1), 0x9e3779b1) >>> 0;
  }
  return out;
}

/** The event id (base32hex, as Google's) and Meet link derived from a meeting's key: deterministic, for stories and tests. */
export function fakeGoogleMeetingFor(key: string): ProviderMeeting & { joinUrl: string } {
  const hi = fnv1a(key, 0);
  const lo = fnv1a(key, 0x9e37);
  const id = `sl${hi.toString(32).padStart(7, '0')}${lo.toString(32).padStart(7, '0')}`;
  const code = `${letters(3, hi)}-${letters(4, lo)}-${letters(3, (hi ^ lo) >>> 0)}`;
  return { id, joinUrl: `https://meet.google.com/${code}`, startUrl: null, password: null };
}

export interface FakeGoogleGatewayOptions {
  /**
   * Where the consent page is, relative to the widget's origin: it answers with code
   * `allow:<email>` (anything else is a denial). Default `/session-links-google-consent.html`.
   */
  consentPagePath?: string;
  /** The Google e-mail the consent page shows for a signed-in user. */
  googleEmailOf?: (userId: string) => string;
  /** The Google user's name for an e-mail. */
  googleNameOf?: (email: string) => string;
  /** How many `findMeeting` reads of a new meeting still answer it pending (Google's conference `pending`); default 0: made at once. */
  pendingReads?: number;
}

/** Calls the fake received, for tests. */
export interface FakeGoogleGatewayCalls {
  exchangeCode: number;
  refresh: number;
  createMeeting: number;
  findMeeting: number;
  updateMeeting: number;
  deleteMeeting: number;
}

/**
 * A deterministic Google Meet in process, for the mocks, Storybook and development runs
 * without configuration (the loopback fake, `startFakeGoogle`, is the faithful one). Codes
 * are `allow:<email>`; tokens name the user and the refresh token never rotates, as
 * Google's. Meetings are derived from their key, so creating one twice makes one.
 */
export function createFakeGoogleGateway(options: FakeGoogleGatewayOptions = {}): ProviderGateway & { calls: FakeGoogleGatewayCalls } {
  const consentPagePath = options.consentPagePath ?? '/session-links-google-consent.html';
  const calls: FakeGoogleGatewayCalls = {
    exchangeCode: 0,
    refresh: 0,
    createMeeting: 0,
    findMeeting: 0,
    updateMeeting: 0,
    deleteMeeting: 0,
  };
  const made = new Map<string, { start: string; durationMinutes: number; pendingReads: number }>();
  const tokensFor = (email: string, refreshToken = `fake-google-refresh:${email}`): TokenSet => ({
    accessToken: `fake-google-access:${email}`,
    refreshToken,
    expiresIn: 3599,
  });
  const emailOf = (token: string) => token.slice(token.indexOf(':') + 1) || 'someone@gmail.example';
  const answer = (meeting: ProviderMeeting, pendingReads: number): ProviderMeeting =>
    pendingReads > 0 ? { ...meeting, joinUrl: null, pending: true } : meeting;

  return {
    provider: 'google-meet',
    calls,
    async authorizationUrl({ state, codeChallenge, origin, userId }) {
      const url = new URL(consentPagePath, origin);
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', codeChallenge);
      url.searchParams.set('provider', 'google-meet');
      url.searchParams.set('user', options.googleEmailOf?.(userId) ?? 'someone@gmail.example');
      return { authorizeUrl: url.toString(), callbackOrigin: url.origin };
    },
    async exchangeCode({ code }) {
      calls.exchangeCode++;
      if (!code.startsWith('allow:')) throw new GatewayError('denied', 'Google did not grant access');
      return tokensFor(code.slice('allow:'.length) || 'someone@gmail.example');
    },
    async refresh(refreshToken) {
      calls.refresh++;
      if (!refreshToken.startsWith('fake-google-refresh:')) throw new GatewayError('invalid_grant', 'Token has been expired or revoked.');
      // Google does not rotate: the same refresh token comes back.
      return tokensFor(emailOf(refreshToken), refreshToken);
    },
    async getUser(accessToken) {
      const email = emailOf(accessToken);
      return { id: `1040${String(fnv1a(email, 7)).padStart(17, '0')}`, email, name: options.googleNameOf?.(email) ?? email };
    },
    async createMeeting(_token, input: MeetingInput) {
      calls.createMeeting++;
      const meeting = fakeGoogleMeetingFor(input.key);
      const earlier = made.get(meeting.id);
      const pendingReads = earlier?.pendingReads ?? options.pendingReads ?? 0;
      made.set(meeting.id, { start: input.start, durationMinutes: input.durationMinutes, pendingReads });
      return answer(meeting, pendingReads);
    },
    async findMeeting(_token, { key, meetingId }) {
      calls.findMeeting++;
      const meeting = fakeGoogleMeetingFor(key);
      const found = made.get(meetingId ?? meeting.id);
      if (!found) return null;
      const shown = answer(meeting, found.pendingReads);
      if (found.pendingReads > 0) found.pendingReads -= 1;
      return { ...shown, start: found.start, durationMinutes: found.durationMinutes };
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
