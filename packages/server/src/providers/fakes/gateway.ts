import { type ConnectedProvider, PROVIDER_NAMES } from '@session-links/core';
import {
  GatewayError,
  type MeetingInput,
  type ProviderGateway,
  type ProviderMeeting,
  type ProviderUser,
  type TokenSet,
  type ZoomGateway,
  type ZoomMeeting,
} from '../gateway';

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

/** A Meet link (`abc-defg-hij`) and an event id derived from the meeting's key, as Google's are shaped. */
export function fakeGoogleMeetingFor(key: string): ProviderMeeting & { joinUrl: string } {
  const hi = fnv1a(key, 0);
  const lo = fnv1a(key, 0x9e37);
  const letters = (n: number, seed: number) => {
    let out = '';
    let x = seed;
    for (let i = 0; i < n; i++) {
      out += String.fromCharCode(97 + (x % 26));
      x = Math.floor(x / 26) || Math.imul(seed ^ (i + 1), 0x9e3779b1) >>> 0;
    }
    return out;
  };
  const id = `sl${hi.toString(32).padStart(7, '0')}${lo.toString(32).padStart(7, '0')}`;
  return {
    id,
    joinUrl: `https://meet.google.com/${letters(3, hi)}-${letters(4, lo)}-${letters(3, (hi ^ lo) >>> 0)}`,
    startUrl: null,
    password: null,
  };
}

/** A Teams meeting's join URL (`teams.microsoft.com/l/meetup-join/…`) and Graph-like id derived from the meeting's key. */
export function fakeTeamsMeetingFor(key: string): ProviderMeeting & { joinUrl: string } {
  const hi = fnv1a(key, 0).toString(16).padStart(8, '0');
  const lo = fnv1a(key, 0x9e37).toString(16).padStart(8, '0');
  const thread = `19%3ameeting_${hi}${lo}%40thread.v2`;
  return {
    id: `MSo${hi}${lo}`,
    joinUrl: `https://teams.microsoft.com/l/meetup-join/${thread}/0?context=%7b%22Tid%22%3a%22fake-tenant%22%7d`,
    startUrl: null,
    password: null,
  };
}

const MEETING_FOR: Record<ConnectedProvider, (key: string) => ProviderMeeting> = {
  zoom: fakeMeetingFor,
  'google-meet': fakeGoogleMeetingFor,
  teams: fakeTeamsMeetingFor,
};

/** Domains of personal Microsoft accounts: Teams refuses them online meetings (a 403 at Graph), as the real service does. */
const PERSONAL_MICROSOFT = /@(outlook|hotmail|live|msn)\.[a-z.]+$/i;

export interface FakeZoomOptions {
  /**
   * Where the consent page is, relative to the widget's origin (the mocks serve one at
   * `/session-links-zoom-consent.html`, for every provider): it answers with code `allow:<email>`.
   */
  consentPagePath?: string;
  /** The provider's e-mail the consent page shows for a signed-in user. */
  zoomEmailOf?: (userId: string) => string;
  /** The provider user's name for an e-mail. */
  zoomNameOf?: (email: string) => string;
  /**
   * How many answers about a new meeting (its create, then each `findMeeting`) say `pending`, as a
   * Google conference answers `pending` before `success`. Default: 1 for Google Meet (the create
   * answers pending, the next look finds the link), 0 for the others.
   */
  pendingReads?: number;
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

const DEFAULT_EMAIL: Record<ConnectedProvider, string> = {
  zoom: 'someone@zoom.example',
  'google-meet': 'someone@gmail.example',
  teams: 'someone@contoso.example',
};

/**
 * A deterministic meeting provider in process, for the mocks, Storybook and tests: Zoom,
 * Google Meet or Microsoft Teams. Codes are `allow:<email>` (what the mocks' consent page
 * returns); anything else is a denial. Tokens name the provider and the user
 * (`fake-access:<email>`, `fake-google-access:<email>`…), so any token works for the meeting
 * calls. Meetings are derived from their key, with each provider's link shape: a retry for a
 * key makes the same one. As each provider does: Zoom and Teams rotate refresh tokens (any
 * well-formed one is taken), Google returns the same one and answers a new conference
 * `pending` first; Teams refuses a personal Microsoft account's meetings (`refused`, with the
 * reason the owner is shown).
 */
export function createFakeProviderGateway(
  provider: ConnectedProvider,
  options: FakeZoomOptions = {},
): ProviderGateway & { calls: FakeZoomCalls } {
  const consentPagePath = options.consentPagePath ?? '/session-links-zoom-consent.html';
  const pendingReads = options.pendingReads ?? (provider === 'google-meet' ? 1 : 0);
  const calls: FakeZoomCalls = { exchangeCode: 0, refresh: 0, createMeeting: 0, findMeeting: 0, updateMeeting: 0, deleteMeeting: 0 };
  const prefix = provider === 'zoom' ? 'fake' : `fake-${provider === 'google-meet' ? 'google' : 'microsoft'}`;
  const name = PROVIDER_NAMES[provider];
  const meetingFor = MEETING_FOR[provider];
  /** Meetings made (and not deleted), by id: what `findMeeting` finds, with the looks left while pending. */
  const made = new Map<string, { start: string; durationMinutes: number; pendingReads: number }>();
  let rotation = 0;
  const tokensFor = (email: string, refreshToken?: string): TokenSet => ({
    accessToken: `${prefix}-access:${email}`,
    // Google keeps the refresh token; Zoom and Microsoft hand out a new one on each use.
    refreshToken: refreshToken ?? `${prefix}-refresh:${email}${provider === 'zoom' || rotation === 0 ? '' : `#${rotation}`}`,
    expiresIn: 3600,
  });
  const emailOf = (token: string) => token.slice(token.indexOf(':') + 1).replace(/#\d+$/, '') || DEFAULT_EMAIL[provider];
  const shown = (meeting: ProviderMeeting, looksLeft: number): ProviderMeeting =>
    looksLeft > 0 ? { ...meeting, joinUrl: null, pending: true } : meeting;
  return {
    provider,
    // Its tokens are fake: sealed with the fakes' published key when no key is configured.
    fake: true,
    calls,
    async authorizationUrl({ state, codeChallenge, origin, userId }) {
      const url = new URL(consentPagePath, origin);
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', codeChallenge);
      url.searchParams.set('provider', provider);
      url.searchParams.set('user', options.zoomEmailOf?.(userId) ?? DEFAULT_EMAIL[provider]);
      return { authorizeUrl: url.toString(), callbackOrigin: url.origin };
    },
    async exchangeCode({ code }) {
      calls.exchangeCode++;
      if (!code.startsWith('allow:')) throw new GatewayError('denied', `${name} did not grant access`);
      return tokensFor(code.slice('allow:'.length) || DEFAULT_EMAIL[provider]);
    },
    async refresh(refreshToken) {
      calls.refresh++;
      if (!refreshToken.startsWith(`${prefix}-refresh:`)) throw new GatewayError('invalid_grant', 'Unknown refresh token');
      if (provider === 'google-meet') return tokensFor(emailOf(refreshToken), refreshToken);
      rotation++;
      return tokensFor(emailOf(refreshToken));
    },
    async getUser(accessToken): Promise<ProviderUser> {
      const email = emailOf(accessToken);
      return { id: `${prefix}-${fnv1a(email, 1).toString(36)}`, email, name: options.zoomNameOf?.(email) ?? email };
    },
    async createMeeting(accessToken, input: MeetingInput) {
      calls.createMeeting++;
      if (provider === 'teams' && PERSONAL_MICROSOFT.test(emailOf(accessToken)))
        throw new GatewayError(
          'refused',
          'Graph refused online meetings for this account (403)',
          undefined,
          'Personal Microsoft accounts cannot create Teams meetings: connect a work or school account.',
        );
      const meeting = meetingFor(input.key);
      // The same key again (a retry): the one meeting, as Google's requestId and Graph's createOrGet do.
      const looksLeft = made.get(meeting.id)?.pendingReads ?? pendingReads;
      made.set(meeting.id, { start: input.start, durationMinutes: input.durationMinutes, pendingReads: Math.max(0, looksLeft - 1) });
      return shown(meeting, looksLeft);
    },
    async findMeeting(_token, { key, meetingId }) {
      calls.findMeeting++;
      const meeting = meetingFor(key);
      const found = made.get(meetingId ?? meeting.id);
      if (!found) return null;
      const answer = shown(meeting, found.pendingReads);
      if (found.pendingReads > 0) found.pendingReads -= 1;
      return { ...answer, start: found.start, durationMinutes: found.durationMinutes };
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

/**
 * A deterministic Zoom in process. Codes are `allow:<email>` (what the mocks' consent
 * page returns); anything else is a denial. Tokens name the user (`fake-access:<email>`),
 * so any token works for the meeting calls. Meetings are derived from their key.
 */
export function createFakeZoomGateway(options: FakeZoomOptions = {}): ZoomGateway & { calls: FakeZoomCalls } {
  return createFakeProviderGateway('zoom', options);
}
