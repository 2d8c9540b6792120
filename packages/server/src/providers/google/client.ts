// Over 400 lines on purpose: one client for Google's OAuth and the Calendar calls, so every call shares the one error classification kept here (the requests and their retries are ../http's).
import * as oauth from 'oauth4webapi';
import type { ClientRuntime, RetryPolicy } from '../http';
import { isRecord, normalizeBase, oauthRequest, parseRetryAfter, providerRequest, readClientConfig, readJsonSafely } from '../http';

/**
 * Google over HTTP: OAuth 2.0 for web server apps (authorization code + PKCE S256, offline
 * access, refresh) through oauth4webapi, and the few Calendar API v3 calls that make a Google
 * Meet per session on the user's primary calendar. Every failure comes back as a typed value;
 * 5xx, network failures and short usage-limit answers are retried here with backoff, longer
 * waits are handed back to the caller. Runtime-neutral: `fetch` and WebCrypto only.
 */

/** Google's authorization endpoint (on `accounts.google.com`) and token endpoint (on `oauth2.googleapis.com`). */
export const GOOGLE_AUTHORIZATION_ENDPOINT = 'https://accounts.google.com/o/oauth2/v2/auth';
export const GOOGLE_TOKEN_ENDPOINT = 'https://oauth2.googleapis.com/token';
export const GOOGLE_ISSUER = 'https://accounts.google.com';
export const DEFAULT_GOOGLE_API_BASE = 'https://www.googleapis.com';

/** `calendar.events`: make, move and delete events (with their Meet) on calendars the user can edit; the sign-in scopes name the user. */
export const GOOGLE_CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events';
export const GOOGLE_SCOPES = ['openid', 'email', 'profile', GOOGLE_CALENDAR_SCOPE] as const;

export interface GoogleClientConfig {
  clientId: string;
  clientSecret: string;
  /** `{base}/google/callback`, exactly as registered on the OAuth client. */
  redirectUri: string;
  /**
   * `GOOGLE_OAUTH_BASE`: one origin serving `/o/oauth2/v2/auth`, `/token` and `/revoke` (a fake,
   * a proxy). Unset: Google's own, `accounts.google.com` and `oauth2.googleapis.com`.
   */
  oauthBase?: string;
  /** `GOOGLE_API_BASE`, default `https://www.googleapis.com` (`/calendar/v3/…`, `/oauth2/v3/userinfo`). */
  apiBase?: string;
}

export type GoogleRetryPolicy = RetryPolicy;

export type GoogleClientRuntime = ClientRuntime;

export type GoogleError =
  /** 403 `usageLimits` or 429: wait `retryAfterSeconds` (Google's `Retry-After`, else a backoff). */
  | { kind: 'rate-limited'; retryAfterSeconds: number; reason: string; message: string }
  /** 401 from the API: the access token is not (or no longer) accepted. */
  | { kind: 'unauthorized'; message: string }
  /** The token endpoint refused the code or refresh token (revoked, 7 days in Testing, 6 months unused): connect again. */
  | { kind: 'invalid-grant'; message: string }
  /** 5xx, timeout or network failure, after the retries. */
  | { kind: 'transient'; status: number | null; message: string }
  /** 404: no such event. */
  | { kind: 'not-found'; message: string }
  /** 410: the event was deleted already. */
  | { kind: 'gone'; message: string }
  /** 409 `duplicate`: an event with this id exists (a cancelled one keeps its id). */
  | { kind: 'duplicate'; message: string }
  /** Any other refusal (400, 403 without a usage limit, invalid_client, a scope not granted): not retried. */
  | { kind: 'rejected'; status: number | null; reason: string | null; message: string };

export type GoogleResult<T> = { ok: true; value: T } | { ok: false; error: GoogleError };

export interface GoogleGrant {
  accessToken: string;
  /** Google does not rotate: a refresh answers the same refresh token back. */
  refreshToken: string;
  /** Seconds the access token lives (Google: 3599). */
  expiresIn: number;
  /** ISO time the access token stops working. */
  accessExpiresAt: string;
  /** The scopes granted, as Google lists them (the user may untick Calendar on the consent screen). */
  scopes: string[];
}

export interface GoogleUserProfile {
  /** Google's stable account id (`sub`). */
  id: string;
  email: string;
  name: string;
}

export interface GoogleEventInput {
  /** Our id for the event (base32hex, 5–1024 characters): a retried insert answers 409 instead of making a second event. */
  eventId: string;
  /** The Meet create request's id: a repeated one is ignored by Google (no second conference). */
  requestId: string;
  summary: string;
  /** ISO start; sent in UTC. */
  start: string;
  durationMinutes: number;
  /** Private extended properties (only this app sees them). */
  properties?: Record<string, string>;
}

export interface GoogleEventPatch {
  summary?: string;
  start?: string;
  durationMinutes?: number;
  /** `confirmed` restores a cancelled event. */
  status?: 'confirmed';
  /** Asks Google for a (new) Meet conference. */
  requestId?: string;
}

export interface GoogleEventDetails {
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  summary: string;
  /** ISO, UTC. */
  start: string;
  durationMinutes: number;
  /** The Meet conference's create request: `pending` until Google has made it. Null: the event has none. */
  conference: { requestId: string; status: 'pending' | 'success' | 'failure' } | null;
  /** The Meet link (`hangoutLink`, else the video entry point); null while the conference is pending. */
  joinUrl: string | null;
  properties: Record<string, string>;
}

export interface GoogleClient {
  readonly apiBase: string;
  /** The consent URL for a state and S256 challenge the caller made (offline access, consent forced so a refresh token comes back). */
  authorizationUrl(input: { state: string; codeChallenge: string }): string;
  /** Exchanges the callback's code with the stored verifier; `rejected` when no refresh token or no Calendar scope came back. */
  exchangeCode(input: { code: string; codeVerifier: string }): Promise<GoogleResult<GoogleGrant>>;
  refresh(refreshToken: string): Promise<GoogleResult<GoogleGrant>>;
  /** `GET /oauth2/v3/userinfo`. */
  getUser(accessToken: string): Promise<GoogleResult<GoogleUserProfile>>;
  /** `events.insert` on `primary` with `conferenceDataVersion=1` and `sendUpdates=none`. Retried on 5xx: the event id makes a retry answer 409. */
  insertEvent(accessToken: string, input: GoogleEventInput): Promise<GoogleResult<GoogleEventDetails>>;
  /** `events.get`: cancelled events too (status `cancelled`). */
  getEvent(accessToken: string, eventId: string): Promise<GoogleResult<GoogleEventDetails>>;
  /** `events.patch` with `sendUpdates=none`. */
  patchEvent(accessToken: string, eventId: string, patch: GoogleEventPatch): Promise<GoogleResult<GoogleEventDetails>>;
  /** `events.delete` with `sendUpdates=none`; an event deleted already (410) or unknown (404) counts as deleted. */
  deleteEvent(accessToken: string, eventId: string): Promise<GoogleResult<{ alreadyGone: boolean }>>;
  /** `POST /revoke`: the whole grant ends (disconnecting). */
  revoke(token: string): Promise<GoogleResult<void>>;
}

/** Configuration that cannot work (e.g. a plain-http base that is not loopback). */
export class GoogleConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoogleConfigError';
  }
}

export function createGoogleClient(config: GoogleClientConfig, runtime: GoogleClientRuntime = {}): GoogleClient {
  const oauthBase = config.oauthBase ? normalizeBase(config.oauthBase, 'GOOGLE_OAUTH_BASE', configError) : null;
  const apiBase = normalizeBase(config.apiBase ?? DEFAULT_GOOGLE_API_BASE, 'GOOGLE_API_BASE', configError);
  const rt = readClientConfig(config, runtime, { prefix: 'GOOGLE', fail: configError, baseDelayMs: 500, maxDelayMs: 16_000 });
  const { now, backoff } = rt;

  const as: oauth.AuthorizationServer = {
    issuer: oauthBase ?? GOOGLE_ISSUER,
    authorization_endpoint: oauthBase ? `${oauthBase}/o/oauth2/v2/auth` : GOOGLE_AUTHORIZATION_ENDPOINT,
    token_endpoint: oauthBase ? `${oauthBase}/token` : GOOGLE_TOKEN_ENDPOINT,
    revocation_endpoint: oauthBase ? `${oauthBase}/revoke` : 'https://oauth2.googleapis.com/revoke',
  };
  const clientAuth = oauth.ClientSecretPost(config.clientSecret);
  const oauthOptions = rt.oauth(oauthBase?.startsWith('http:') ?? false);
  /** The client, with our clock: the ID token Google sends with the tokens is checked against it. */
  const oauthClient = (): oauth.Client => ({ client_id: config.clientId, [oauth.clockSkew]: Math.round((now() - Date.now()) / 1000) });

  /** What to do with a failed API response: retry after a wait, or stop with a typed error. */
  async function classifyFailure(response: Response, attempt: number): Promise<{ error: GoogleError; waitMs: number | null }> {
    const body = await readJsonSafely(response);
    const { reason, domain, message } = googleErrorOf(body, response.status);
    if (response.status === 429 || (response.status === 403 && domain === 'usageLimits')) {
      // Calendar's general usage limits (too many events made) lift after hours, not seconds.
      const long = reason === 'quotaExceeded' || reason === 'dailyLimitExceeded';
      const retryAfterSeconds = long
        ? 3600
        : (parseRetryAfter(response.headers.get('retry-after'), now()) ?? Math.max(1, Math.ceil(backoff(attempt) / 1000)));
      const error: GoogleError = { kind: 'rate-limited', retryAfterSeconds, reason: reason ?? 'rateLimitExceeded', message };
      return { error, waitMs: !long && retryAfterSeconds <= rt.maxInlineRetryAfterSeconds ? retryAfterSeconds * 1000 : null };
    }
    if (response.status >= 500) return { error: { kind: 'transient', status: response.status, message }, waitMs: backoff(attempt) };
    if (response.status === 401) return { error: { kind: 'unauthorized', message }, waitMs: null };
    if (response.status === 404) return { error: { kind: 'not-found', message }, waitMs: null };
    if (response.status === 410) return { error: { kind: 'gone', message }, waitMs: null };
    if (response.status === 409 && reason === 'duplicate') return { error: { kind: 'duplicate', message }, waitMs: null };
    return { error: { kind: 'rejected', status: response.status, reason, message }, waitMs: null };
  }

  function tokenGrant(send: () => Promise<Response>, previousRefreshToken: string | null): Promise<GoogleResult<GoogleGrant>> {
    return oauthRequest(rt, {
      send,
      retry: async (response, attempt) => (response.status === 429 || response.status >= 500 ? classifyFailure(response, attempt) : null),
      read: async (response): Promise<GoogleResult<GoogleGrant>> => {
        try {
          const client = oauthClient();
          const json =
            previousRefreshToken === null
              ? await oauth.processAuthorizationCodeResponse(as, client, response)
              : await oauth.processRefreshTokenResponse(as, client, response);
          // Google answers a refresh without a refresh token: the one presented stays valid.
          const refreshToken = json.refresh_token ?? previousRefreshToken;
          if (!refreshToken) {
            return {
              ok: false,
              error: rejected(null, 'no_refresh_token', 'Google returned no refresh token (offline access not granted)'),
            };
          }
          const scopes = (json.scope ?? '').split(' ').filter(Boolean);
          if (!scopes.includes(GOOGLE_CALENDAR_SCOPE)) {
            return {
              ok: false,
              error: rejected(null, 'calendar_scope_not_granted', 'Google Calendar access was not granted on the consent screen'),
            };
          }
          const expiresIn = json.expires_in ?? 3599;
          return {
            ok: true,
            value: {
              accessToken: json.access_token,
              refreshToken,
              expiresIn,
              accessExpiresAt: new Date(now() + expiresIn * 1000).toISOString(),
              scopes,
            },
          };
        } catch (error) {
          if (error instanceof oauth.ResponseBodyError) {
            const message = error.error_description ?? error.error;
            if (error.error === 'invalid_grant') return { ok: false, error: { kind: 'invalid-grant', message } };
            return { ok: false, error: rejected(error.status, error.error, message) };
          }
          return { ok: false, error: rejected(response.status, null, error instanceof Error ? error.message : String(error)) };
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
  ): Promise<GoogleResult<T>> {
    return providerRequest(rt, {
      method,
      url: `${apiBase}${path}`,
      accessToken,
      body,
      parse,
      classify: classifyFailure,
      unexpected: (status) => rejected(status, null, `unexpected response from Google for ${method} ${path}`),
    });
  }

  const events = (suffix = '') => `/calendar/v3/calendars/primary/events${suffix}`;
  const eventPath = (id: string, query: string) => events(`/${encodeURIComponent(id)}${query}`);
  const parseEvent = async (response: Response) => toEvent(await response.json());

  return {
    apiBase,

    authorizationUrl({ state, codeChallenge }) {
      const url = new URL(as.authorization_endpoint!);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('redirect_uri', config.redirectUri);
      url.searchParams.set('scope', GOOGLE_SCOPES.join(' '));
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      // A refresh token comes back only for offline access, and only on a fresh consent: a reconnect must get one too.
      url.searchParams.set('access_type', 'offline');
      url.searchParams.set('prompt', 'consent');
      return url.href;
    },

    exchangeCode({ code, codeVerifier }) {
      // State was already matched (and spent) by the caller's store lookup (R19).
      const client = oauthClient();
      const params = oauth.validateAuthResponse(as, client, new URLSearchParams({ code }), oauth.expectNoState);
      return tokenGrant(
        () => oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, config.redirectUri, codeVerifier, oauthOptions),
        null,
      );
    },

    refresh(refreshToken) {
      return tokenGrant(() => oauth.refreshTokenGrantRequest(as, oauthClient(), clientAuth, refreshToken, oauthOptions), refreshToken);
    },

    getUser(accessToken) {
      return api('GET', '/oauth2/v3/userinfo', accessToken, undefined, async (response) => {
        const json = await response.json();
        if (!isRecord(json) || typeof json.sub !== 'string' || typeof json.email !== 'string') return null;
        const name = (typeof json.name === 'string' && json.name) || json.email;
        return { id: json.sub, email: json.email, name };
      });
    },

    insertEvent(accessToken, input) {
      const body = {
        id: input.eventId,
        summary: input.summary.slice(0, 1024),
        ...eventTimes(input.start, input.durationMinutes),
        conferenceData: { createRequest: { requestId: input.requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
        ...(input.properties ? { extendedProperties: { private: input.properties } } : {}),
      };
      return api('POST', events('?conferenceDataVersion=1&sendUpdates=none'), accessToken, body, parseEvent);
    },

    getEvent(accessToken, eventId) {
      return api('GET', eventPath(eventId, ''), accessToken, undefined, parseEvent);
    },

    patchEvent(accessToken, eventId, patch) {
      const body: Record<string, unknown> = {};
      if (patch.summary !== undefined) body.summary = patch.summary.slice(0, 1024);
      if (patch.start !== undefined && patch.durationMinutes !== undefined)
        Object.assign(body, eventTimes(patch.start, patch.durationMinutes));
      if (patch.status !== undefined) body.status = patch.status;
      if (patch.requestId !== undefined) {
        body.conferenceData = { createRequest: { requestId: patch.requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } };
      }
      return api('PATCH', eventPath(eventId, '?conferenceDataVersion=1&sendUpdates=none'), accessToken, body, parseEvent);
    },

    async deleteEvent(accessToken, eventId) {
      const result = await api('DELETE', eventPath(eventId, '?sendUpdates=none'), accessToken, undefined, async () => ({
        alreadyGone: false,
      }));
      if (!result.ok && (result.error.kind === 'gone' || result.error.kind === 'not-found'))
        return { ok: true, value: { alreadyGone: true } };
      return result;
    },

    revoke(token) {
      return oauthRequest<void, GoogleError>(rt, {
        send: () => oauth.revocationRequest(as, oauthClient(), clientAuth, token, oauthOptions),
        retry: async (response, attempt) =>
          response.status >= 500
            ? { error: { kind: 'transient', status: response.status, message: `HTTP ${response.status}` }, waitMs: backoff(attempt) }
            : null,
        // 400 invalid_token: revoked or expired already, which is what we wanted.
        read: async () => ({ ok: true, value: undefined }),
      });
    },
  };
}

// ---- helpers -----------------------------------------------------------------------

function eventTimes(start: string, durationMinutes: number) {
  const ms = Date.parse(start);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${start}`);
  const minutes = Math.max(1, Math.round(durationMinutes));
  return {
    start: { dateTime: new Date(ms).toISOString(), timeZone: 'UTC' },
    end: { dateTime: new Date(ms + minutes * 60_000).toISOString(), timeZone: 'UTC' },
  };
}

/** An event as Google answers it; times come in the event's or the calendar's zone, with an offset. */
function toEvent(json: unknown): GoogleEventDetails | null {
  if (!isRecord(json) || typeof json.id !== 'string') return null;
  const status = json.status === 'cancelled' || json.status === 'tentative' ? json.status : 'confirmed';
  const start = timeOf(json.start);
  const end = timeOf(json.end);
  if (start === null || end === null) return null;
  let conference: GoogleEventDetails['conference'] = null;
  let joinUrl: string | null = typeof json.hangoutLink === 'string' ? json.hangoutLink : null;
  if (isRecord(json.conferenceData)) {
    const data = json.conferenceData;
    const request = isRecord(data.createRequest) ? data.createRequest : null;
    const code = request && isRecord(request.status) ? request.status.statusCode : undefined;
    if (request && typeof request.requestId === 'string') {
      conference = { requestId: request.requestId, status: code === 'pending' || code === 'failure' ? code : 'success' };
    }
    if (!joinUrl && Array.isArray(data.entryPoints)) {
      const video = data.entryPoints.find((p) => isRecord(p) && p.entryPointType === 'video' && typeof p.uri === 'string');
      if (isRecord(video)) joinUrl = video.uri as string;
    }
  }
  if (conference && conference.status !== 'success') joinUrl = null;
  const extended = isRecord(json.extendedProperties) && isRecord(json.extendedProperties.private) ? json.extendedProperties.private : {};
  return {
    id: json.id,
    status,
    summary: typeof json.summary === 'string' ? json.summary : '',
    start: new Date(start).toISOString(),
    durationMinutes: Math.round((end - start) / 60_000),
    conference,
    joinUrl,
    properties: Object.fromEntries(Object.entries(extended).filter((e): e is [string, string] => typeof e[1] === 'string')),
  };
}

function timeOf(value: unknown): number | null {
  if (!isRecord(value)) return null;
  // All-day events carry `date` only; ours never are, but a user may have changed it.
  const text = typeof value.dateTime === 'string' ? value.dateTime : typeof value.date === 'string' ? `${value.date}T00:00:00Z` : null;
  const ms = text === null ? Number.NaN : Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** Google's error body: `{ error: { errors: [{ domain, reason, message }], code, message } }`. */
function googleErrorOf(body: unknown, status: number): { reason: string | null; domain: string | null; message: string } {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const first = error && Array.isArray(error.errors) && isRecord(error.errors[0]) ? error.errors[0] : null;
  const message =
    (error && typeof error.message === 'string' && error.message) ||
    (isRecord(body) && typeof body.error_description === 'string' && body.error_description) ||
    `HTTP ${status}`;
  return {
    reason: first && typeof first.reason === 'string' ? first.reason : null,
    domain: first && typeof first.domain === 'string' ? first.domain : null,
    message,
  };
}

function rejected(status: number | null, reason: string | null, message: string): GoogleError {
  return { kind: 'rejected', status, reason, message };
}

/** base32hex (`0-9a-v`), the alphabet Google allows in event ids. */
function base32hex(bytes: Uint8Array): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** The event id for a meeting key: the same key always names the same event, so a retried insert cannot make a second one. */
export async function eventIdFor(key: string): Promise<string> {
  return `sl${base32hex(await sha256(`event:${key}`))}`;
}

/**
 * The Meet create request's id for a key: stable, so a retry asks for the same conference.
 * `after`: the request id that failed (or `none`), for the one request that follows it.
 */
export async function conferenceRequestIdFor(key: string, after?: string): Promise<string> {
  return `sl-${base32hex(await sha256(after === undefined ? `conference:${key}` : `conference:${key}:after:${after}`))}`;
}

const configError = (message: string): Error => new GoogleConfigError(message);
