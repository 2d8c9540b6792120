import { type FoundMeeting, GatewayError, type GatewayErrorKind, type ProviderGateway, type ProviderMeeting } from '../gateway';
import {
  createMicrosoftClient,
  type MicrosoftClient,
  type MicrosoftClientConfig,
  type MicrosoftClientRuntime,
  type MicrosoftError,
  type MicrosoftOnlineMeeting,
  type MicrosoftResult,
} from './client';

/**
 * Microsoft Teams behind the provider contract (../gateway.ts, R31): the HTTP client's typed
 * results turned into the gateway's values and `GatewayError`s. A meeting is made with
 * Graph's `createOrGet` keyed by the session's key, so a retry — after a crash, a cut
 * connection, a 5xx — gets the same meeting back instead of a second one; an update is a
 * PATCH of that meeting and a deletion a DELETE, never a new meeting.
 */

export interface TeamsGateway extends ProviderGateway {
  readonly provider: 'teams';
  readonly client: MicrosoftClient;
}

/** What the owner is shown when Microsoft will not make online meetings for the connected account. */
export const TEAMS_REFUSED_REASON =
  'Microsoft does not allow Teams meetings for this account: personal Microsoft accounts (Outlook.com, Hotmail, Live) and accounts without Microsoft Teams cannot have online meetings. Connect a work or school account with Teams.';

/** How each typed client error surfaces through the gateway. */
export function teamsGatewayKindOf(error: MicrosoftError): GatewayErrorKind {
  switch (error.kind) {
    case 'invalid-grant':
      return 'invalid_grant';
    case 'unauthorized':
      return 'unauthorized';
    case 'rate-limited':
      return 'rate_limited';
    case 'refused':
      return 'refused';
    case 'rejected':
      return 'denied';
    // A meeting gone at Microsoft while we update it, timeouts, 5xx: try again later (the caller may recreate).
    case 'not-found':
    case 'transient':
      return 'unavailable';
  }
}

function toGatewayError(error: MicrosoftError): GatewayError {
  const kind = teamsGatewayKindOf(error);
  let message = error.message;
  if (error.kind === 'invalid-grant' && error.reason === 'inactive')
    message = `Microsoft sign-in expired after 90 days without use: ${error.message}`;
  if (error.kind === 'invalid-grant' && error.reason === 'revoked') message = `Microsoft sign-in was revoked: ${error.message}`;
  // No `cause`: the token manager reads a cause with a `kind` as Zoom's typed error, which Microsoft's are not.
  return new GatewayError(
    kind,
    message,
    error.kind === 'rate-limited' ? error.retryAfterSeconds : undefined,
    kind === 'refused' ? TEAMS_REFUSED_REASON : undefined,
  );
}

function unwrap<T>(result: MicrosoftResult<T>): T {
  if (result.ok) return result.value;
  throw toGatewayError(result.error);
}

const endOf = (start: string, durationMinutes: number) =>
  new Date(Date.parse(start) + Math.max(1, Math.round(durationMinutes)) * 60_000).toISOString();

function toProviderMeeting(meeting: MicrosoftOnlineMeeting): ProviderMeeting {
  // Teams has no separate host link: the organizer joins with the same URL, signed in.
  return { id: meeting.id, joinUrl: meeting.joinUrl, startUrl: null, password: meeting.passcode };
}

function toFoundMeeting(meeting: MicrosoftOnlineMeeting): FoundMeeting {
  const minutes = Math.round((Date.parse(meeting.end) - Date.parse(meeting.start)) / 60_000);
  return { ...toProviderMeeting(meeting), start: meeting.start, durationMinutes: Number.isFinite(minutes) ? minutes : 0 };
}

export function createTeamsGateway(config: MicrosoftClientConfig, options: { runtime?: MicrosoftClientRuntime } = {}): TeamsGateway {
  const client = createMicrosoftClient(config, options.runtime);
  const callbackOrigin = new URL(config.redirectUri).origin;

  return {
    provider: 'teams',
    // findMeeting finds by meeting id only (see there): a create for the key finds one.
    findsOnlyById: true,
    client,
    async authorizationUrl({ state, codeChallenge }) {
      return { authorizeUrl: client.authorizationUrl({ state, codeChallenge }), callbackOrigin };
    },
    async exchangeCode(input) {
      const tokens = unwrap(await client.exchangeCode(input));
      return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresIn: tokens.expiresIn };
    },
    async refresh(refreshToken) {
      // Microsoft answers a new refresh token on every use: the caller stores it in place of the old one (R23).
      const tokens = unwrap(await client.refresh(refreshToken));
      return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresIn: tokens.expiresIn };
    },
    async getUser(accessToken) {
      return unwrap(await client.getMe(accessToken));
    },
    async createMeeting(accessToken, input) {
      const times = { subject: input.topic.slice(0, 255), start: input.start, end: endOf(input.start, input.durationMinutes) };
      const meeting = unwrap(await client.createOrGetMeeting(accessToken, { ...times, externalId: input.key }));
      // createOrGet returns an existing meeting unchanged: a retry for a session that moved since brings it up to date.
      const stale =
        !meeting.created &&
        (Date.parse(meeting.start) !== Date.parse(times.start) ||
          Date.parse(meeting.end) !== Date.parse(times.end) ||
          meeting.subject !== times.subject);
      if (stale) return toProviderMeeting(unwrap(await client.updateMeeting(accessToken, meeting.id, times)));
      return toProviderMeeting(meeting);
    },
    async findMeeting(accessToken, { meetingId }) {
      // Graph v1.0 cannot look a meeting up by its external id without making it; none is
      // needed: `createMeeting` is itself keyed (createOrGet), so creating again finds it.
      if (!meetingId) return null;
      const found = await client.getMeeting(accessToken, meetingId);
      if (!found.ok && found.error.kind === 'not-found') return null;
      return toFoundMeeting(unwrap(found));
    },
    async updateMeeting(accessToken, meetingId, input) {
      unwrap(
        await client.updateMeeting(accessToken, meetingId, {
          subject: input.topic.slice(0, 255),
          start: input.start,
          end: endOf(input.start, input.durationMinutes),
        }),
      );
    },
    async deleteMeeting(accessToken, meetingId) {
      unwrap(await client.deleteMeeting(accessToken, meetingId));
    },
  };
}
