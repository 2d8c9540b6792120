// One client for all of Zoom's OAuth and REST calls, so every call shares the one error classification kept here (the requests and their retries are ../http's).
import * as oauth from 'oauth4webapi';
import type { ZoomFoundMeeting, ZoomTokenSet, ZoomUser } from '../gateway';
import type { ClientRuntime, RetryPolicy } from '../http';
import { isRecord, normalizeBase, oauthRequest, parseRetryAfter, providerRequest, readClientConfig, readJsonSafely } from '../http';

/**
 * Zoom over HTTP: OAuth (authorization code + PKCE S256, refresh) through oauth4webapi, and
 * the few Meetings API calls session-links makes. Every failure comes back as a typed value;
 * transient failures (5xx, network) and short 429s are retried here with backoff, longer
 * waits are handed back to the caller (the worker reschedules). Runtime-neutral: `fetch`
 * and WebCrypto only.
 */

export const DEFAULT_ZOOM_OAUTH_BASE = 'https://zoom.us';
export const DEFAULT_ZOOM_API_BASE = 'https://api.zoom.us/v2';

/** Granular, user-level scopes the Zoom app needs (configured on the app in the Marketplace). */
export const ZOOM_SCOPES = [
  'user:read:user',
  'meeting:write:meeting',
  'meeting:update:meeting',
  'meeting:delete:meeting',
  'meeting:read:list_meetings',
  'meeting:read:meeting',
] as const;

export interface ZoomClientConfig {
  clientId: string;
  clientSecret: string;
  /** `{base}/zoom/callback`, exactly as registered on the Zoom app. */
  redirectUri: string;
  /** `ZOOM_OAUTH_BASE`, default `https://zoom.us`. */
  oauthBase?: string;
  /** `ZOOM_API_BASE`, default `https://api.zoom.us/v2`. */
  apiBase?: string;
}

export type ZoomRetryPolicy = RetryPolicy;

export interface ZoomClientRuntime extends ClientRuntime {
  /** Meetings per page when listing (Zoom: at most 300, the default here). */
  listPageSize?: number;
}

export type ZoomError =
  /** 429: wait `retryAfterSeconds`; `daily` when the per-user meeting create/update cap was hit (until 00:00 UTC). */
  | { kind: 'rate-limited'; retryAfterSeconds: number; daily: boolean; message: string }
  /** 401 from the API: the access token is not (or no longer) accepted. */
  | { kind: 'unauthorized'; message: string }
  /** The token endpoint refused the code or refresh token: the user must connect again. */
  | { kind: 'invalid-grant'; message: string }
  /** 5xx, timeout or network failure, after the retries. */
  | { kind: 'transient'; status: number | null; message: string }
  | { kind: 'not-found'; message: string }
  /** Any other refusal (400 validation, 403 missing scope, invalid_client): not retried. */
  | { kind: 'rejected'; status: number | null; code: string | number | null; message: string };

export type ZoomResult<T> = { ok: true; value: T } | { ok: false; error: ZoomError };

// The types below extend the server's own (`ZoomTokenSet`, `ZoomUser`, `ZoomFoundMeeting` in
// ../gateway.ts, the `ZoomGateway` contract) with what Zoom's answers carry besides: one
// set of types, the gateway adapter passes them on.

/** What the token endpoint grants: the gateway's token set (`expiresIn`: Zoom gives 3600), plus when it ends and the scopes. */
export interface ZoomGrant extends ZoomTokenSet {
  /** ISO time the access token stops working. */
  accessExpiresAt: string;
  scope: string | null;
}

/** `GET /users/me`: the gateway's user (`name`: display name, else first + last name, else the email), plus the Zoom account. */
export interface ZoomUserProfile extends ZoomUser {
  accountId: string;
}

/** `POST /users/me/meetings`, `GET /meetings/{id}`: the gateway's found meeting (the start link is R18's), with what else Zoom answers. */
export interface ZoomMeetingDetails extends Omit<ZoomFoundMeeting, 'password'> {
  /** Null when Zoom gives none (the gateway then keeps the one it sent). */
  password: string | null;
  topic: string;
  /** The meeting's description; session-links puts the meeting's key in it (see `findMeeting`). */
  agenda: string;
}

/** A meeting as `GET /users/{userId}/meetings` lists it: no start URL, no password, the agenda cut to 250 characters. */
export type ZoomListedMeeting = Omit<ZoomMeetingDetails, 'startUrl' | 'password'>;

export interface CreateMeetingInput {
  topic: string;
  /** ISO start time; sent to Zoom in UTC. */
  start: string;
  durationMinutes: number;
  /** Zoom: at most 10 characters of `[A-Za-z0-9@-_*]`. */
  password?: string;
  /** The meeting's description (Zoom: at most 2,000 characters). */
  agenda?: string;
}

export type UpdateMeetingInput = Partial<CreateMeetingInput>;

export interface AuthorizationRequest {
  url: string;
  /** ≥ 128 bits of randomness; store it server-side (R19). */
  state: string;
  /** PKCE verifier; store it with the state, never send it to the browser. */
  codeVerifier: string;
}

export interface ZoomClient {
  readonly oauthBase: string;
  readonly apiBase: string;
  /** Builds the consent URL with a fresh state and PKCE S256 challenge. */
  startAuthorization(): Promise<AuthorizationRequest>;
  /** The consent URL for a state and S256 challenge the caller made itself. */
  authorizationUrl(input: { state: string; codeChallenge: string }): string;
  /** Exchanges the callback's code with the stored verifier. The caller has already matched `state` against its store. */
  exchangeCode(input: { code: string; codeVerifier: string }): Promise<ZoomResult<ZoomGrant>>;
  /** Refresh-token grant. Zoom rotates: the returned refresh token replaces the old one, which stops working. */
  refresh(refreshToken: string): Promise<ZoomResult<ZoomGrant>>;
  getMe(accessToken: string): Promise<ZoomResult<ZoomUserProfile>>;
  /**
   * `POST /users/me/meetings`. Not idempotent at Zoom: a 5xx, a timeout or a cut connection
   * may come after Zoom made the meeting, so those are returned at once (transient), never
   * retried here; the caller looks the meeting up (`listMeetings`) before creating again.
   * Only a 429 (nothing was made) is waited out inline.
   */
  createMeeting(accessToken: string, input: CreateMeetingInput): Promise<ZoomResult<ZoomMeetingDetails>>;
  /** Every page of `GET /users/me/meetings?type=…` (default `scheduled`: upcoming, live and unexpired past ones). */
  listMeetings(
    accessToken: string,
    options?: { type?: 'scheduled' | 'upcoming' | 'live' | 'upcoming_meetings' | 'previous_meetings' },
  ): Promise<ZoomResult<ZoomListedMeeting[]>>;
  /** `GET /meetings/{id}`: with its start URL and password. */
  getMeeting(accessToken: string, meetingId: string): Promise<ZoomResult<ZoomMeetingDetails>>;
  updateMeeting(accessToken: string, meetingId: string, input: UpdateMeetingInput): Promise<ZoomResult<void>>;
  /** A meeting already gone at Zoom (404) counts as deleted. */
  deleteMeeting(accessToken: string, meetingId: string): Promise<ZoomResult<{ alreadyGone: boolean }>>;
}

/** Configuration that cannot work (e.g. a plain-http Zoom base that is not loopback). */
export class ZoomConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZoomConfigError';
  }
}

export function createZoomClient(config: ZoomClientConfig, runtime: ZoomClientRuntime = {}): ZoomClient {
  const oauthBase = normalizeBase(config.oauthBase ?? DEFAULT_ZOOM_OAUTH_BASE, 'ZOOM_OAUTH_BASE', configError);
  const apiBase = normalizeBase(config.apiBase ?? DEFAULT_ZOOM_API_BASE, 'ZOOM_API_BASE', configError);
  const rt = readClientConfig(config, runtime, { prefix: 'ZOOM', fail: configError, baseDelayMs: 250, maxDelayMs: 8000 });
  const { now, backoff } = rt;
  const listPageSize = Math.min(300, Math.max(1, runtime.listPageSize ?? 300));

  const as: oauth.AuthorizationServer = {
    issuer: oauthBase,
    authorization_endpoint: `${oauthBase}/oauth/authorize`,
    token_endpoint: `${oauthBase}/oauth/token`,
  };
  const client: oauth.Client = { client_id: config.clientId };
  const clientAuth = oauth.ClientSecretBasic(config.clientSecret);
  const oauthOptions = rt.oauth(oauthBase.startsWith('http:'));

  /** What to do with a failed response: retry after a wait, or stop with a typed error. */
  async function classifyFailure(response: Response, attempt: number): Promise<{ error: ZoomError; waitMs: number | null }> {
    const body = await readJsonSafely(response);
    const message = messageOf(body) ?? `HTTP ${response.status}`;
    if (response.status === 429) {
      const daily = /daily/i.test(response.headers.get('x-ratelimit-type') ?? '') || /daily rate limit/i.test(message);
      const retryAfterSeconds = daily
        ? secondsUntilNextUtcMidnight(now())
        : (parseRetryAfter(response.headers.get('retry-after'), now()) ?? 1);
      const error: ZoomError = { kind: 'rate-limited', retryAfterSeconds, daily, message };
      return { error, waitMs: !daily && retryAfterSeconds <= rt.maxInlineRetryAfterSeconds ? retryAfterSeconds * 1000 : null };
    }
    if (response.status >= 500) return { error: { kind: 'transient', status: response.status, message }, waitMs: backoff(attempt) };
    if (response.status === 401) return { error: { kind: 'unauthorized', message }, waitMs: null };
    if (response.status === 404) return { error: { kind: 'not-found', message }, waitMs: null };
    const code = isRecord(body) && (typeof body.code === 'number' || typeof body.code === 'string') ? body.code : null;
    return { error: { kind: 'rejected', status: response.status, code, message }, waitMs: null };
  }

  function tokenGrant(send: () => Promise<Response>, previousRefreshToken: string | null): Promise<ZoomResult<ZoomGrant>> {
    return oauthRequest(rt, {
      send,
      retry: async (response, attempt) => (response.status === 429 || response.status >= 500 ? classifyFailure(response, attempt) : null),
      read: async (response): Promise<ZoomResult<ZoomGrant>> => {
        try {
          const json =
            previousRefreshToken === null
              ? await oauth.processAuthorizationCodeResponse(as, client, response)
              : await oauth.processRefreshTokenResponse(as, client, response);
          const refreshToken = json.refresh_token ?? previousRefreshToken;
          const expiresIn = json.expires_in ?? 3600;
          if (!refreshToken) return { ok: false, error: rejected(null, 'Zoom returned no refresh token') };
          return {
            ok: true,
            value: {
              accessToken: json.access_token,
              refreshToken,
              accessExpiresAt: new Date(now() + expiresIn * 1000).toISOString(),
              expiresIn,
              scope: json.scope ?? null,
            },
          };
        } catch (error) {
          if (error instanceof oauth.ResponseBodyError) {
            const message = error.error_description ?? reasonOf(error.cause) ?? error.error;
            if (error.error === 'invalid_grant') return { ok: false, error: { kind: 'invalid-grant', message } };
            return { ok: false, error: { kind: 'rejected', status: error.status, code: error.error, message } };
          }
          return { ok: false, error: rejected(response.status, error instanceof Error ? error.message : String(error)) };
        }
      },
    });
  }

  function api<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    accessToken: string,
    body: unknown,
    parse: (response: Response) => Promise<T | null>,
    /** False for a call that may have taken effect when it fails ambiguously (5xx, network): no inline retry. */
    retryAmbiguous = true,
  ): Promise<ZoomResult<T>> {
    return providerRequest(rt, {
      method,
      url: `${apiBase}${path}`,
      accessToken,
      body,
      parse,
      classify: classifyFailure,
      unexpected: (status) => rejected(status, `unexpected response from Zoom for ${method} ${path}`),
      retryAmbiguous,
    });
  }

  function toMeeting(json: unknown, fallback: Partial<CreateMeetingInput> = {}): ZoomMeetingDetails | null {
    if (!isRecord(json) || (typeof json.id !== 'number' && typeof json.id !== 'string')) return null;
    if (typeof json.join_url !== 'string' || typeof json.start_url !== 'string') return null;
    const start = typeof json.start_time === 'string' ? json.start_time : fallback.start;
    return {
      id: String(json.id),
      joinUrl: json.join_url,
      startUrl: json.start_url,
      password: typeof json.password === 'string' && json.password ? json.password : null,
      start: start ? new Date(start).toISOString() : '',
      durationMinutes: typeof json.duration === 'number' ? json.duration : (fallback.durationMinutes ?? 0),
      topic: typeof json.topic === 'string' ? json.topic : (fallback.topic ?? ''),
      agenda: typeof json.agenda === 'string' ? json.agenda : (fallback.agenda ?? ''),
    };
  }

  function authorizationUrl({ state, codeChallenge }: { state: string; codeChallenge: string }): string {
    const url = new URL(as.authorization_endpoint!);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', config.clientId);
    url.searchParams.set('redirect_uri', config.redirectUri);
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
    return url.href;
  }

  return {
    oauthBase,
    apiBase,

    async startAuthorization() {
      const codeVerifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
      return { url: authorizationUrl({ state, codeChallenge }), state, codeVerifier };
    },

    authorizationUrl,

    exchangeCode({ code, codeVerifier }) {
      // State was already matched (and spent) by the caller's store lookup (R19).
      const params = oauth.validateAuthResponse(as, client, new URLSearchParams({ code }), oauth.expectNoState);
      return tokenGrant(
        () => oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, config.redirectUri, codeVerifier, oauthOptions),
        null,
      );
    },

    refresh(refreshToken) {
      return tokenGrant(() => oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, oauthOptions), refreshToken);
    },

    getMe(accessToken) {
      return api('GET', '/users/me', accessToken, undefined, async (response) => {
        const json = await response.json();
        if (!isRecord(json) || typeof json.id !== 'string' || typeof json.email !== 'string') return null;
        const full = [json.first_name, json.last_name].filter((s) => typeof s === 'string' && s).join(' ');
        const name = (typeof json.display_name === 'string' && json.display_name) || full || json.email;
        return { id: json.id, accountId: typeof json.account_id === 'string' ? json.account_id : '', email: json.email, name };
      });
    },

    createMeeting(accessToken, input) {
      return api(
        'POST',
        '/users/me/meetings',
        accessToken,
        { type: 2, timezone: 'UTC', ...meetingBody(input) },
        async (response) => toMeeting(await response.json(), input),
        false,
      );
    },

    async listMeetings(accessToken, options = {}) {
      const found: ZoomListedMeeting[] = [];
      let pageToken = '';
      // Bounded: 100 pages of 300 is far more than one user's scheduled meetings.
      for (let page = 0; page < 100; page++) {
        const query = new URLSearchParams({ type: options.type ?? 'scheduled', page_size: String(listPageSize) });
        if (pageToken) query.set('next_page_token', pageToken);
        const result = await api('GET', `/users/me/meetings?${query}`, accessToken, undefined, async (response) => {
          const json = await response.json();
          if (!isRecord(json) || !Array.isArray(json.meetings)) return null;
          const meetings: ZoomListedMeeting[] = [];
          for (const m of json.meetings) {
            if (!isRecord(m) || (typeof m.id !== 'number' && typeof m.id !== 'string')) continue;
            meetings.push({
              id: String(m.id),
              joinUrl: typeof m.join_url === 'string' ? m.join_url : '',
              start: typeof m.start_time === 'string' ? new Date(m.start_time).toISOString() : '',
              durationMinutes: typeof m.duration === 'number' ? m.duration : 0,
              topic: typeof m.topic === 'string' ? m.topic : '',
              agenda: typeof m.agenda === 'string' ? m.agenda : '',
            });
          }
          return { meetings, next: typeof json.next_page_token === 'string' ? json.next_page_token : '' };
        });
        if (!result.ok) return result;
        found.push(...result.value.meetings);
        pageToken = result.value.next;
        if (!pageToken) break;
      }
      return { ok: true, value: found };
    },

    getMeeting(accessToken, meetingId) {
      return api('GET', `/meetings/${encodeURIComponent(meetingId)}`, accessToken, undefined, async (response) =>
        toMeeting(await response.json()),
      );
    },

    updateMeeting(accessToken, meetingId, input) {
      const body = meetingBody(input);
      if (input.start !== undefined) body.timezone = 'UTC';
      return api('PATCH', `/meetings/${encodeURIComponent(meetingId)}`, accessToken, body, async () => undefined);
    },

    async deleteMeeting(accessToken, meetingId) {
      const result = await api('DELETE', `/meetings/${encodeURIComponent(meetingId)}`, accessToken, undefined, async () => ({
        alreadyGone: false,
      }));
      if (!result.ok && result.error.kind === 'not-found') return { ok: true, value: { alreadyGone: true } };
      return result;
    },
  };
}

// ---- helpers -----------------------------------------------------------------------

function meetingBody(input: UpdateMeetingInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (input.topic !== undefined) body.topic = input.topic.slice(0, 200);
  if (input.start !== undefined) body.start_time = toZoomUtc(input.start);
  if (input.durationMinutes !== undefined) body.duration = Math.max(1, Math.round(input.durationMinutes));
  if (input.password !== undefined) body.password = input.password;
  if (input.agenda !== undefined) body.agenda = input.agenda.slice(0, 2000);
  return body;
}

/** Zoom reads `yyyy-MM-ddTHH:mm:ssZ` as UTC. */
export function toZoomUtc(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${iso}`);
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export function secondsUntilNextUtcMidnight(nowMs: number): number {
  const day = 86_400_000;
  return Math.max(1, Math.ceil((Math.floor(nowMs / day + 1) * day - nowMs) / 1000));
}

function rejected(status: number | null, message: string): ZoomError {
  return { kind: 'rejected', status, code: null, message };
}

function messageOf(body: unknown): string | null {
  if (!isRecord(body)) return null;
  for (const key of ['message', 'reason', 'error_description', 'error']) if (typeof body[key] === 'string') return body[key] as string;
  return null;
}

function reasonOf(body: unknown): string | null {
  return isRecord(body) && typeof body.reason === 'string' ? body.reason : null;
}

const configError = (message: string): Error => new ZoomConfigError(message);
