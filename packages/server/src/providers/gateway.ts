import type { ConnectedProvider } from '@session-links/core';

export { CONNECTED_PROVIDERS, type ConnectedProvider } from '@session-links/core';

/**
 * Everything session-links asks of a connected meeting provider, behind one interface (R14,
 * R22, R23, R31): the OAuth authorization URL, code exchange and refresh, the connected user,
 * and meetings. The server never calls a provider but through a gateway; reads never call it
 * at all. Zoom implements it (`./zoom/gateway.ts` over HTTP, `./fakes/gateway.ts` in
 * process); Google Meet and Microsoft Teams implement the same contract beside it.
 */
export interface ProviderGateway {
  /** Which provider this gateway speaks to: the accounts it connects carry it as their kind. */
  readonly provider: ConnectedProvider;
  /**
   * `true` only on the in-process fakes (`createFakeProviderGateway`, `createFakeZoomGateway`) and
   * test wrappers spread from one: their tokens are fake, so without a configured key they are
   * sealed with the fakes' published key. Any other gateway's tokens need `SESSION_LINKS_TOKEN_KEY`
   * (R18, R23): `tokensFor` and `createProviderTokens` throw `TokenKeyError` without one.
   */
  readonly fake?: true;
  /** The consent page URL for one connection, and the origin whose completion message the widget accepts. */
  authorizationUrl(input: AuthorizationInput): Promise<{ authorizeUrl: string; callbackOrigin: string }>;
  /** Exchanges an authorization code with its PKCE verifier (R19). Throws `GatewayError('denied')` when the provider refuses. */
  exchangeCode(input: { code: string; codeVerifier: string }): Promise<TokenSet>;
  /**
   * A new token set. `refreshToken` is the new one where the provider rotates refresh tokens
   * (Zoom, Microsoft: the old one stops working, R23), the same one where it does not (Google).
   * `invalid_grant`: the account is `expired` (R17).
   */
  refresh(refreshToken: string): Promise<TokenSet>;
  /** The provider's user the tokens belong to. */
  getUser(accessToken: string): Promise<ProviderUser>;
  /**
   * Makes a meeting for `input.key` (R22). Idempotent per key where the provider allows it
   * (Google's conference `requestId`, Teams' `externalId`). Zoom has no idempotency key: it
   * writes the key in the agenda, and after a failure that may have come after Zoom acted (a
   * crash, a cut connection, a 5xx) the caller looks the meeting up before creating again.
   * A meeting the provider is still making answers `pending` with `joinUrl: null`.
   */
  createMeeting(accessToken: string, input: MeetingInput): Promise<ProviderMeeting>;
  /**
   * The meeting an earlier `createMeeting` made for this key, preferring one that starts at
   * `start` (also: a pending conference's current state, by `meetingId` where known); null
   * when the provider has none.
   */
  findMeeting(accessToken: string, input: { key: string; start: string; meetingId?: string }): Promise<FoundMeeting | null>;
  /**
   * `true` where `findMeeting` cannot look a meeting up by its key alone (Teams: Graph finds one
   * by its external id only through createOrGet, which `createMeeting` is). Its null then proves
   * nothing: after a create that may have reached the provider, the worker creates again (the
   * keyed create answers the meeting made) rather than leave a meeting at the provider.
   */
  readonly findsOnlyById?: true;
  /** Moves or renames the meeting in place: never a new meeting for an update (R31). */
  updateMeeting(accessToken: string, meetingId: string, input: Omit<MeetingInput, 'key'>): Promise<void>;
  /** Deleting a meeting the provider no longer has is not an error. */
  deleteMeeting(accessToken: string, meetingId: string): Promise<void>;
}

export interface AuthorizationInput {
  state: string;
  /** PKCE S256 challenge of the verifier the server keeps (R19). */
  codeChallenge: string;
  /** The widget's origin (where the connection was started from). */
  origin: string;
  /** The signed-in user, for a fake consent page that shows who is connecting. */
  userId: string;
}

export interface TokenSet {
  accessToken: string;
  /** The new refresh token where the provider rotates them, else the one that was used. */
  refreshToken: string;
  /** Seconds the access token lives (Zoom, Google, Microsoft: about 3600). */
  expiresIn: number;
}

export interface ProviderUser {
  id: string;
  email: string;
  name: string;
}

export interface MeetingInput {
  /** `${accountId}:${sessionId}`: what the meeting is for, so a retry can be recognised. */
  key: string;
  topic: string;
  /** ISO, UTC. */
  start: string;
  durationMinutes: number;
}

export interface ProviderMeeting {
  id: string;
  /** Null while the provider is still making the meeting (Google's `pending` conference). */
  joinUrl: string | null;
  startUrl: string | null;
  password: string | null;
  /** The provider is still making it: look again later with `findMeeting`, never create again. */
  pending?: boolean;
}

/** A meeting found at the provider, with the start and duration it has there (the session may have moved since). */
export interface FoundMeeting extends ProviderMeeting {
  /** ISO, UTC. */
  start: string;
  durationMinutes: number;
}

/**
 * How a provider's refusal or failure is classified. `refused`: a permanent refusal with a
 * reason the owner is shown (a personal Microsoft account cannot make Teams meetings): never
 * retried.
 */
export type GatewayErrorKind = 'denied' | 'invalid_grant' | 'unauthorized' | 'rate_limited' | 'unavailable' | 'refused';

/** A refusal or failure from a provider, classified so callers decide: mark expired, back off, retry, show. */
export class GatewayError extends Error {
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    /** Seconds the provider asked to wait, for `rate_limited`. */
    readonly retryAfter?: number,
    /** For `refused`: why, in words the owner can act on (never a token or a body). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** @deprecated The Zoom-shaped names from before R31; use the generic ones. */
export type ZoomGateway = ProviderGateway;
/** @deprecated */
export type ZoomAuthorizationInput = AuthorizationInput;
/** @deprecated */
export type ZoomTokenSet = TokenSet;
/** @deprecated */
export type ZoomUser = ProviderUser;
/** @deprecated */
export type ZoomMeetingInput = MeetingInput;
/** @deprecated */
export type ZoomMeeting = ProviderMeeting;
/** @deprecated */
export type ZoomFoundMeeting = FoundMeeting;
/** @deprecated */
export type ZoomGatewayErrorKind = GatewayErrorKind;
/** @deprecated */
export const ZoomGatewayError = GatewayError;
/** @deprecated */
export type ZoomGatewayError = GatewayError;
