import type { ZoomGateway, ZoomGatewayErrorKind, ZoomMeeting, ZoomMeetingInput } from '../gateway';
import {
  createZoomClient,
  type ZoomClient,
  type ZoomClientConfig,
  type ZoomClientRuntime,
  type ZoomError,
  type ZoomResult,
} from './client';

/**
 * Adapter from the HTTP client to the server's `ZoomGateway` (../gateway.ts): the same
 * methods and types, errors thrown. The error class is passed in (`makeError`) so this module
 * does not depend on the service code: `createZoomIntegration` (./connect.ts) passes
 * `(k, m, r, cause) => Object.assign(new ZoomGatewayError(k, m, r), { cause })`.
 */

export type GatewayErrorKind = ZoomGatewayErrorKind;

export interface HttpZoomGatewayOptions {
  runtime?: ZoomClientRuntime;
  /** Builds the error the gateway throws; `cause` is the typed error from the client. */
  makeError: (kind: GatewayErrorKind, message: string, retryAfter: number | undefined, cause: ZoomError) => Error;
  /** Meeting passwords when the caller gives none (Zoom: ≤ 10 of `[A-Za-z0-9@-_*]`). */
  generatePassword?: () => string;
}

export interface HttpZoomGateway extends ZoomGateway {
  readonly client: ZoomClient;
  /** `ZoomGateway.createMeeting`; with the caller's `password`, else a random one. */
  createMeeting(accessToken: string, input: ZoomMeetingInput & { password?: string }): Promise<ZoomMeeting>;
}

/**
 * What `createMeeting` writes into a meeting's agenda: the meeting's key, so a create whose
 * answer was lost (a crash, a cut connection, a 5xx after Zoom acted) can be found again
 * instead of made twice. Zoom has no idempotency key; lists show the first 250 characters.
 */
export function meetingAgenda(key: string): string {
  return `[session-links ${key}]`;
}

/** How each typed client error surfaces through the gateway. */
export function gatewayKindOf(error: ZoomError): GatewayErrorKind {
  switch (error.kind) {
    case 'invalid-grant':
      return 'invalid_grant';
    case 'unauthorized':
      return 'unauthorized';
    case 'rate-limited':
      return 'rate_limited';
    case 'rejected':
      return 'denied';
    // A meeting gone at Zoom while we update it, timeouts, 5xx: try again later (the caller may recreate).
    case 'not-found':
    case 'transient':
      return 'unavailable';
  }
}

export function createHttpZoomGateway(config: ZoomClientConfig, options: HttpZoomGatewayOptions): HttpZoomGateway {
  const client = createZoomClient(config, options.runtime);
  const callbackOrigin = new URL(config.redirectUri).origin;
  const generatePassword = options.generatePassword ?? randomMeetingPassword;

  function unwrap<T>(result: ZoomResult<T>): T {
    if (result.ok) return result.value;
    const { error } = result;
    throw options.makeError(
      gatewayKindOf(error),
      error.message,
      error.kind === 'rate-limited' ? error.retryAfterSeconds : undefined,
      error,
    );
  }

  return {
    provider: 'zoom',
    client,
    async authorizationUrl({ state, codeChallenge }) {
      return { authorizeUrl: client.authorizationUrl({ state, codeChallenge }), callbackOrigin };
    },
    async exchangeCode(input) {
      const tokens = unwrap(await client.exchangeCode(input));
      return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresIn: tokens.expiresIn };
    },
    async refresh(refreshToken) {
      const tokens = unwrap(await client.refresh(refreshToken));
      return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresIn: tokens.expiresIn };
    },
    async getUser(accessToken) {
      const user = unwrap(await client.getMe(accessToken));
      return { id: user.id, email: user.email, name: user.name };
    },
    async createMeeting(accessToken, input) {
      const password = input.password ?? generatePassword();
      const meeting = unwrap(
        await client.createMeeting(accessToken, {
          topic: input.topic,
          start: input.start,
          durationMinutes: input.durationMinutes,
          password,
          agenda: meetingAgenda(input.key),
        }),
      );
      return { id: meeting.id, joinUrl: meeting.joinUrl, startUrl: meeting.startUrl, password: meeting.password ?? password };
    },
    async findMeeting(accessToken, { key, start }) {
      const marker = meetingAgenda(key);
      const listed = unwrap(await client.listMeetings(accessToken, { type: 'scheduled' })).filter((m) => m.agenda.includes(marker));
      const at = Date.parse(start);
      const best = listed.find((m) => Date.parse(m.start) === at) ?? listed[0];
      if (!best) return null;
      // The list has neither the start URL nor the password.
      const full = await client.getMeeting(accessToken, best.id);
      if (!full.ok && full.error.kind === 'not-found') return null;
      const meeting = unwrap(full);
      return {
        id: meeting.id,
        joinUrl: meeting.joinUrl,
        startUrl: meeting.startUrl,
        password: meeting.password ?? '',
        start: meeting.start,
        durationMinutes: meeting.durationMinutes,
      };
    },
    async updateMeeting(accessToken, meetingId, input) {
      unwrap(await client.updateMeeting(accessToken, meetingId, input));
    },
    async deleteMeeting(accessToken, meetingId) {
      unwrap(await client.deleteMeeting(accessToken, meetingId));
    },
  };
}

const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 8 characters, unambiguous letters and digits, from WebCrypto. */
export function randomMeetingPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  // 256 is not a multiple of the alphabet size; the slight bias does not matter for a meeting passcode.
  return Array.from(bytes, (b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join('');
}
