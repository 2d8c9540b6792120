/**
 * Everything session-links asks of a connected meeting provider, behind one interface (R14,
 * R22, R23): the OAuth authorization URL, code exchange and refresh, the connected user, and
 * meetings. The server never calls a provider but through a gateway; reads never call it at
 * all. Zoom implements it today (`./zoom/gateway.ts` over HTTP, `./fakes/gateway.ts` in
 * process); Google Meet and Teams implement the same contract beside it.
 */
export interface ProviderGateway {
  /** The consent page URL for one connection, and the origin whose completion message the widget accepts. */
  authorizationUrl(input: ZoomAuthorizationInput): Promise<{ authorizeUrl: string; callbackOrigin: string }>;
  /** Exchanges an authorization code with its PKCE verifier (R19). Throws `ZoomGatewayError('denied')` when Zoom refuses. */
  exchangeCode(input: { code: string; codeVerifier: string }): Promise<ZoomTokenSet>;
  /** A new token set; the old refresh token stops working (R23). `invalid_grant`: the account is `expired`. */
  refresh(refreshToken: string): Promise<ZoomTokenSet>;
  /** The Zoom user the tokens belong to. */
  getUser(accessToken: string): Promise<ZoomUser>;
  /**
   * Makes a meeting carrying `input.key` (in its agenda), so `findMeeting` can find it. Zoom
   * has no idempotency key: after a failure that may have come after Zoom acted (a crash, a
   * cut connection, a 5xx), the caller looks the meeting up before creating again (R22).
   */
  createMeeting(accessToken: string, input: ZoomMeetingInput): Promise<ZoomMeeting>;
  /**
   * The meeting an earlier `createMeeting` made for this key (listing the user's scheduled
   * meetings), preferring one that starts at `start`; null when Zoom has none.
   */
  findMeeting(accessToken: string, input: { key: string; start: string }): Promise<ZoomFoundMeeting | null>;
  updateMeeting(accessToken: string, meetingId: string, input: Omit<ZoomMeetingInput, 'key'>): Promise<void>;
  /** Deleting a meeting Zoom no longer has is not an error. */
  deleteMeeting(accessToken: string, meetingId: string): Promise<void>;
}

/** The one provider today: the server's Zoom-named call sites keep their name. */
export type ZoomGateway = ProviderGateway;

export interface ZoomAuthorizationInput {
  state: string;
  /** PKCE S256 challenge of the verifier the server keeps (R19). */
  codeChallenge: string;
  /** The widget's origin (where the connection was started from). */
  origin: string;
  /** The signed-in user, for a fake consent page that shows who is connecting. */
  userId: string;
}

export interface ZoomTokenSet {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives (Zoom: 3600). */
  expiresIn: number;
}

export interface ZoomUser {
  id: string;
  email: string;
  name: string;
}

export interface ZoomMeetingInput {
  /** `${accountId}:${sessionId}`: what the meeting is for, so a retry can be recognised. */
  key: string;
  topic: string;
  /** ISO, UTC. */
  start: string;
  durationMinutes: number;
}

export interface ZoomMeeting {
  id: string;
  joinUrl: string;
  startUrl: string;
  password: string;
}

/** A meeting found at Zoom, with the start and duration it has there (the session may have moved since). */
export interface ZoomFoundMeeting extends ZoomMeeting {
  /** ISO, UTC. */
  start: string;
  durationMinutes: number;
}

export type ZoomGatewayErrorKind = 'denied' | 'invalid_grant' | 'unauthorized' | 'rate_limited' | 'unavailable';

/** A refusal or failure from Zoom, classified so callers decide: mark expired, back off, retry. */
export class ZoomGatewayError extends Error {
  constructor(
    readonly kind: ZoomGatewayErrorKind,
    message: string,
    /** Seconds Zoom asked to wait, for `rate_limited`. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ZoomGatewayError';
  }
}
