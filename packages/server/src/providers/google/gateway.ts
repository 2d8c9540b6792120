import { type FoundMeeting, GatewayError, type GatewayErrorKind, type ProviderGateway, type ProviderMeeting } from '../gateway';
import type { ZoomError } from '../zoom/client';
import {
  conferenceRequestIdFor,
  createGoogleClient,
  eventIdFor,
  type GoogleClient,
  type GoogleClientConfig,
  type GoogleClientRuntime,
  type GoogleError,
  type GoogleEventDetails,
  type GoogleResult,
} from './client';

/**
 * Google Meet behind the server's `ProviderGateway` (../gateway.ts): a meeting is an event on
 * the user's primary calendar carrying a Meet conference. Idempotent per meeting key twice
 * over: the event's id is derived from the key (a retried insert answers 409 and the event
 * is read instead), and so is the conference's `requestId` (Google ignores a repeated one).
 * Google may answer the conference `pending`: the meeting then has no link yet
 * (`pending: true`) and `findMeeting` reads it again later, never creating a second.
 */
export interface HttpGoogleGateway extends ProviderGateway {
  readonly client: GoogleClient;
}

/** The private extended property that names the meeting's key on the event (only this app sees it). */
export const KEY_PROPERTY = 'sessionLinksKey';

/** How each typed client error surfaces through the gateway. */
export function gatewayKindOfGoogle(error: GoogleError): GatewayErrorKind {
  switch (error.kind) {
    case 'invalid-grant':
      return 'invalid_grant';
    case 'unauthorized':
      return 'unauthorized';
    case 'rate-limited':
      return 'rate_limited';
    case 'rejected':
    case 'duplicate':
      return 'denied';
    // An event gone while we move it, timeouts, 5xx: try again later (the caller may recreate).
    case 'not-found':
    case 'gone':
    case 'transient':
      return 'unavailable';
  }
}

/** The error in the shape the meeting worker and token manager classify (`cause`), so Google's failures take Zoom's paths. */
function causeOf(error: GoogleError): ZoomError {
  switch (error.kind) {
    case 'rate-limited':
      return { kind: 'rate-limited', retryAfterSeconds: error.retryAfterSeconds, daily: false, message: error.message };
    case 'gone':
      return { kind: 'not-found', message: error.message };
    case 'duplicate':
      return { kind: 'rejected', status: 409, code: 'duplicate', message: error.message };
    case 'rejected':
      return { kind: 'rejected', status: error.status, code: error.reason, message: error.message };
    default:
      return error;
  }
}

function fail(error: GoogleError, kind: GatewayErrorKind = gatewayKindOfGoogle(error)): never {
  throw Object.assign(new GatewayError(kind, error.message, error.kind === 'rate-limited' ? error.retryAfterSeconds : undefined), {
    cause: causeOf(error),
  });
}

function unwrap<T>(result: GoogleResult<T>): T {
  if (result.ok) return result.value;
  return fail(result.error);
}

function meetingOf(event: GoogleEventDetails): ProviderMeeting {
  // The Meet link serves the host too (signed in to Google): no separate start link, no passcode.
  const meeting: ProviderMeeting = { id: event.id, joinUrl: event.joinUrl, startUrl: null, password: null };
  if (event.joinUrl === null) meeting.pending = true;
  return meeting;
}

export function createHttpGoogleGateway(config: GoogleClientConfig, options: { runtime?: GoogleClientRuntime } = {}): HttpGoogleGateway {
  const client = createGoogleClient(config, options.runtime);
  const callbackOrigin = new URL(config.redirectUri).origin;

  /** A conference Google could not make (`failure`), or an event that lost its conference: ask again with a new request id. */
  async function withConference(accessToken: string, key: string, event: GoogleEventDetails): Promise<GoogleEventDetails> {
    if (event.conference && event.conference.status !== 'failure') return event;
    const requestId = await conferenceRequestIdFor(key, event.conference ? event.conference.requestId : 'none');
    return unwrap(await client.patchEvent(accessToken, event.id, { requestId }));
  }

  return {
    provider: 'google-meet',
    client,

    async authorizationUrl({ state, codeChallenge }) {
      return { authorizeUrl: client.authorizationUrl({ state, codeChallenge }), callbackOrigin };
    },

    async exchangeCode(input) {
      const result = await client.exchangeCode(input);
      // A refused code, no offline access or Calendar unticked on the consent screen: the connection is refused.
      if (!result.ok) fail(result.error, result.error.kind === 'transient' || result.error.kind === 'rate-limited' ? undefined : 'denied');
      const { accessToken, refreshToken, expiresIn } = result.value;
      return { accessToken, refreshToken, expiresIn };
    },

    async refresh(refreshToken) {
      const { accessToken, refreshToken: same, expiresIn } = unwrap(await client.refresh(refreshToken));
      return { accessToken, refreshToken: same, expiresIn };
    },

    async getUser(accessToken) {
      return unwrap(await client.getUser(accessToken));
    },

    async createMeeting(accessToken, input) {
      const eventId = await eventIdFor(input.key);
      const inserted = await client.insertEvent(accessToken, {
        eventId,
        requestId: await conferenceRequestIdFor(input.key),
        summary: input.topic,
        start: input.start,
        durationMinutes: input.durationMinutes,
        properties: { [KEY_PROPERTY]: input.key },
      });
      if (inserted.ok) return meetingOf(await withConference(accessToken, input.key, inserted.value));
      if (inserted.error.kind !== 'duplicate') return fail(inserted.error);
      // This key's event exists: an earlier insert whose answer was lost, or a meeting deleted since (its id stays taken).
      let event = unwrap(await client.getEvent(accessToken, eventId));
      if (event.status === 'cancelled') {
        event = unwrap(
          await client.patchEvent(accessToken, eventId, {
            status: 'confirmed',
            summary: input.topic,
            start: input.start,
            durationMinutes: input.durationMinutes,
          }),
        );
      }
      return meetingOf(await withConference(accessToken, input.key, event));
    },

    async findMeeting(accessToken, { key, meetingId }): Promise<FoundMeeting | null> {
      const found = await client.getEvent(accessToken, meetingId ?? (await eventIdFor(key)));
      if (!found.ok && (found.error.kind === 'not-found' || found.error.kind === 'gone')) return null;
      const event = unwrap(found);
      if (event.status === 'cancelled') return null;
      const current = await withConference(accessToken, key, event);
      return { ...meetingOf(current), start: current.start, durationMinutes: current.durationMinutes };
    },

    async updateMeeting(accessToken, meetingId, input) {
      const event = unwrap(
        await client.patchEvent(accessToken, meetingId, {
          summary: input.topic,
          start: input.start,
          durationMinutes: input.durationMinutes,
        }),
      );
      // Google lets a deleted event be patched; the meeting is still gone (the caller makes it again).
      if (event.status === 'cancelled') fail({ kind: 'not-found', message: 'The event was deleted in Google Calendar' });
    },

    async deleteMeeting(accessToken, meetingId) {
      unwrap(await client.deleteEvent(accessToken, meetingId));
    },
  };
}
