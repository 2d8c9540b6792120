import * as oauth from 'oauth4webapi';
import type { ClientRuntime, RetryPolicy } from '../http';
import { isRecord, normalizeBase, oauthRequest, parseRetryAfter, providerRequest, readClientConfig, readJsonSafely } from '../http';

/**
 * Microsoft Teams over HTTP: OAuth 2 with the Microsoft identity platform (v2.0 endpoints,
 * authorization code + PKCE S256, rotating refresh tokens) through oauth4webapi, and the few
 * Microsoft Graph v1.0 calls session-links makes (`/me` and the user's online meetings). No
 * Graph SDK. Every failure comes back as a typed value; 5xx, network failures and short 429s
 * are retried here with backoff — every call made here is safe to repeat (meetings are made
 * with `createOrGet` and a stable external id) — longer waits are handed back to the caller.
 * Runtime-neutral: `fetch` and WebCrypto only.
 */

export const DEFAULT_MICROSOFT_OAUTH_BASE = 'https://login.microsoftonline.com';
export const DEFAULT_MICROSOFT_GRAPH_BASE = 'https://graph.microsoft.com';
export const DEFAULT_MICROSOFT_TENANT = 'common';

/** Delegated permissions the app asks for: the user (for the account's name), online meetings, and a refresh token. */
export const MICROSOFT_SCOPES = ['User.Read', 'OnlineMeetings.ReadWrite', 'offline_access'] as const;

/** The tenant of personal Microsoft accounts, which cannot make online meetings. */
const CONSUMER_TENANTS = new Set(['consumers', '9188040d-6c67-4c5b-b112-36a304b66dad']);

export interface MicrosoftClientConfig {
  clientId: string;
  clientSecret: string;
  /** Exactly as registered on the Entra app (platform "Web"). */
  redirectUri: string;
  /** `common` (default), `organizations`, or one tenant's id or domain. */
  tenant?: string;
  /** `MICROSOFT_OAUTH_BASE`, default `https://login.microsoftonline.com` (other clouds: `https://login.microsoftonline.us`, …). */
  oauthBase?: string;
  /** `MICROSOFT_GRAPH_BASE`, default `https://graph.microsoft.com` (without `/v1.0`). */
  graphBase?: string;
}

export type MicrosoftRetryPolicy = RetryPolicy;

export type MicrosoftClientRuntime = ClientRuntime;

export type MicrosoftError =
  /** 429: wait `retryAfterSeconds`. */
  | { kind: 'rate-limited'; retryAfterSeconds: number; message: string }
  /** 401 from Graph: the access token is not (or no longer) accepted. */
  | { kind: 'unauthorized'; message: string }
  /**
   * The token endpoint refused the code or refresh token (`invalid_grant`): the user must
   * connect again. `inactive`: unused for 90 days (`AADSTS700082`); `revoked`: the user's
   * sessions were revoked or the password reset (`AADSTS50173`). Microsoft says not to rely
   * on the codes; they only pick the words shown.
   */
  | { kind: 'invalid-grant'; reason: 'inactive' | 'revoked' | 'other'; message: string }
  /**
   * 403 on online meetings: this account cannot make Teams meetings — a personal Microsoft
   * account, a user without a Teams licence, or the permission withdrawn. Retrying does not help.
   */
  | { kind: 'refused'; message: string }
  /** 5xx, timeout or network failure, after the retries. */
  | { kind: 'transient'; status: number | null; message: string }
  | { kind: 'not-found'; message: string }
  /** Any other refusal (400, invalid_client, …): not retried. */
  | { kind: 'rejected'; status: number | null; code: string | null; message: string };

export type MicrosoftResult<T> = { ok: true; value: T } | { ok: false; error: MicrosoftError };

export interface MicrosoftGrant {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives (Microsoft: 60–90 minutes). */
  expiresIn: number;
  /** ISO time the access token stops working. */
  accessExpiresAt: string;
  scope: string | null;
}

export interface MicrosoftUserProfile {
  id: string;
  /** `mail`, else `userPrincipalName`. */
  email: string;
  /** `displayName`, else the e-mail. */
  name: string;
}

/** An online meeting as Graph answers it. */
export interface MicrosoftOnlineMeeting {
  id: string;
  joinUrl: string;
  subject: string;
  /** ISO, UTC. */
  start: string;
  end: string;
  externalId: string | null;
  /** The numeric id and passcode to join by id; the join URL works without them. */
  joinMeetingId: string | null;
  passcode: string | null;
}

export interface MeetingTimes {
  subject: string;
  /** ISO start; sent to Graph in UTC. */
  start: string;
  end: string;
}

export interface MicrosoftClient {
  readonly oauthBase: string;
  readonly graphBase: string;
  readonly tenant: string;
  /** The consent URL for a state and S256 challenge the caller made itself. */
  authorizationUrl(input: { state: string; codeChallenge: string }): string;
  /** Exchanges the callback's code with the stored verifier. The caller has already matched `state` against its store. */
  exchangeCode(input: { code: string; codeVerifier: string }): Promise<MicrosoftResult<MicrosoftGrant>>;
  /** Refresh-token grant. Microsoft answers a new refresh token every time: store it in place of the old one. */
  refresh(refreshToken: string): Promise<MicrosoftResult<MicrosoftGrant>>;
  getMe(accessToken: string): Promise<MicrosoftResult<MicrosoftUserProfile>>;
  /**
   * `POST /me/onlineMeetings/createOrGet`: makes the meeting, or returns the one this user
   * already has with this external id (unchanged). `created` says which.
   */
  createOrGetMeeting(
    accessToken: string,
    input: MeetingTimes & { externalId: string },
  ): Promise<MicrosoftResult<MicrosoftOnlineMeeting & { created: boolean }>>;
  getMeeting(accessToken: string, meetingId: string): Promise<MicrosoftResult<MicrosoftOnlineMeeting>>;
  /** `PATCH /me/onlineMeetings/{id}`: the same meeting, its subject and times changed (Graph needs both times to move it). */
  updateMeeting(accessToken: string, meetingId: string, input: MeetingTimes): Promise<MicrosoftResult<MicrosoftOnlineMeeting>>;
  /** `DELETE /me/onlineMeetings/{id}`; a meeting already gone (404) counts as deleted. */
  deleteMeeting(accessToken: string, meetingId: string): Promise<MicrosoftResult<{ alreadyGone: boolean }>>;
}

/** Configuration that cannot work (e.g. a plain-http base that is not loopback, the consumer tenant). */
export class MicrosoftConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MicrosoftConfigError';
  }
}

export function createMicrosoftClient(config: MicrosoftClientConfig, runtime: MicrosoftClientRuntime = {}): MicrosoftClient {
  const oauthBase = normalizeBase(config.oauthBase ?? DEFAULT_MICROSOFT_OAUTH_BASE, 'MICROSOFT_OAUTH_BASE', configError);
  const graphBase = normalizeBase(config.graphBase ?? DEFAULT_MICROSOFT_GRAPH_BASE, 'MICROSOFT_GRAPH_BASE', configError);
  const tenant = checkTenant(config.tenant ?? DEFAULT_MICROSOFT_TENANT);
  const rt = readClientConfig(config, runtime, { prefix: 'MICROSOFT', fail: configError, baseDelayMs: 250, maxDelayMs: 8000 });
  const { now, backoff } = rt;
  const scope = MICROSOFT_SCOPES.join(' ');

  const tenantBase = `${oauthBase}/${encodeURIComponent(tenant)}`;
  const as: oauth.AuthorizationServer = {
    issuer: `${tenantBase}/v2.0`,
    authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
    token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
  };
  const client: oauth.Client = { client_id: config.clientId };
  // Microsoft documents the secret in the body (client_secret_post).
  const clientAuth = oauth.ClientSecretPost(config.clientSecret);
  const oauthOptions = rt.oauth(oauthBase.startsWith('http:'));

  function rateLimited(response: Response, message: string): { error: MicrosoftError; waitMs: number | null } {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), now()) ?? 1;
    return {
      error: { kind: 'rate-limited', retryAfterSeconds, message },
      waitMs: retryAfterSeconds <= rt.maxInlineRetryAfterSeconds ? retryAfterSeconds * 1000 : null,
    };
  }

  /** The token endpoint's answers worth another try: 429 and 5xx, worded from the identity platform's body. */
  async function tokenFailure(response: Response, attempt: number): Promise<{ error: MicrosoftError; waitMs: number | null } | null> {
    if (response.status === 429) return rateLimited(response, aadMessage(await readJsonSafely(response)) ?? 'HTTP 429');
    if (response.status < 500) return null;
    const message = aadMessage(await readJsonSafely(response)) ?? `HTTP ${response.status}`;
    return { error: { kind: 'transient', status: response.status, message }, waitMs: backoff(attempt) };
  }

  function tokenGrant(send: () => Promise<Response>, previousRefreshToken: string | null): Promise<MicrosoftResult<MicrosoftGrant>> {
    return oauthRequest(rt, {
      send,
      retry: tokenFailure,
      read: async (response): Promise<MicrosoftResult<MicrosoftGrant>> => {
        try {
          const json =
            previousRefreshToken === null
              ? await oauth.processAuthorizationCodeResponse(as, client, response)
              : await oauth.processRefreshTokenResponse(as, client, response);
          const expiresIn = json.expires_in ?? 3600;
          // Without `offline_access` Microsoft gives no refresh token; we always ask for it, so this is a misconfigured app.
          if (!json.refresh_token)
            return { ok: false, error: rejected(null, 'Microsoft returned no refresh token (offline_access not granted)') };
          return {
            ok: true,
            value: {
              accessToken: json.access_token,
              refreshToken: json.refresh_token,
              expiresIn,
              accessExpiresAt: new Date(now() + expiresIn * 1000).toISOString(),
              scope: json.scope ?? null,
            },
          };
        } catch (error) {
          if (error instanceof oauth.ResponseBodyError) {
            const message = aadMessage(error.cause) ?? error.error;
            if (error.error === 'invalid_grant')
              return { ok: false, error: { kind: 'invalid-grant', reason: grantReason(error.cause), message } };
            return { ok: false, error: { kind: 'rejected', status: error.status, code: error.error, message } };
          }
          return { ok: false, error: rejected(response.status, error instanceof Error ? error.message : String(error)) };
        }
      },
    });
  }

  /** What to do with a failed Graph answer to `path`: retry after a wait, or stop (`waitMs` null) with a typed error. */
  async function classifyFailure(
    response: Response,
    attempt: number,
    path: string,
  ): Promise<{ error: MicrosoftError; waitMs: number | null }> {
    const json = await readJsonSafely(response);
    const message = graphMessage(json) ?? `HTTP ${response.status}`;
    if (response.status === 429) return rateLimited(response, message);
    if (response.status >= 500) return { error: { kind: 'transient', status: response.status, message }, waitMs: backoff(attempt) };
    if (response.status === 401) return { error: { kind: 'unauthorized', message }, waitMs: null };
    if (response.status === 404) return { error: { kind: 'not-found', message }, waitMs: null };
    if (response.status === 403 && path.startsWith('/me/onlineMeetings')) return { error: { kind: 'refused', message }, waitMs: null };
    return { error: { kind: 'rejected', status: response.status, code: graphCode(json), message }, waitMs: null };
  }

  function graph<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    accessToken: string,
    body: unknown,
    parse: (response: Response) => Promise<T | null>,
  ): Promise<MicrosoftResult<T>> {
    return providerRequest(rt, {
      method,
      url: `${graphBase}/v1.0${path}`,
      accessToken,
      body,
      parse,
      classify: (response, attempt) => classifyFailure(response, attempt, path),
      unexpected: (status) => rejected(status, `unexpected answer from Graph for ${method} ${path}`),
    });
  }

  const meetingPath = (id: string) => `/me/onlineMeetings/${encodeURIComponent(id)}`;

  return {
    oauthBase,
    graphBase,
    tenant,

    authorizationUrl({ state, codeChallenge }) {
      const url = new URL(as.authorization_endpoint!);
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('redirect_uri', config.redirectUri);
      url.searchParams.set('response_mode', 'query');
      url.searchParams.set('scope', scope);
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      // A person often has a personal and a work account signed in: let them pick.
      url.searchParams.set('prompt', 'select_account');
      return url.href;
    },

    exchangeCode({ code, codeVerifier }) {
      // State was already matched (and spent) by the caller's store lookup (R19).
      const params = oauth.validateAuthResponse(as, client, new URLSearchParams({ code }), oauth.expectNoState);
      return tokenGrant(
        () =>
          oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, config.redirectUri, codeVerifier, {
            ...oauthOptions,
            additionalParameters: { scope },
          }),
        null,
      );
    },

    refresh(refreshToken) {
      return tokenGrant(
        () => oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, { ...oauthOptions, additionalParameters: { scope } }),
        refreshToken,
      );
    },

    getMe(accessToken) {
      return graph('GET', '/me', accessToken, undefined, async (response) => {
        const json = await response.json();
        if (!isRecord(json) || typeof json.id !== 'string') return null;
        const email =
          (typeof json.mail === 'string' && json.mail) || (typeof json.userPrincipalName === 'string' && json.userPrincipalName) || '';
        const name = (typeof json.displayName === 'string' && json.displayName) || email;
        return { id: json.id, email, name };
      });
    },

    async createOrGetMeeting(accessToken, input) {
      const result = await graph(
        'POST',
        '/me/onlineMeetings/createOrGet',
        accessToken,
        { externalId: input.externalId, ...meetingBody(input) },
        async (response) => {
          const meeting = toMeeting(await response.json());
          return meeting && { ...meeting, created: response.status === 201 };
        },
      );
      return result;
    },

    getMeeting(accessToken, meetingId) {
      return graph('GET', meetingPath(meetingId), accessToken, undefined, async (response) => toMeeting(await response.json()));
    },

    updateMeeting(accessToken, meetingId, input) {
      return graph('PATCH', meetingPath(meetingId), accessToken, meetingBody(input), async (response) => toMeeting(await response.json()));
    },

    async deleteMeeting(accessToken, meetingId) {
      const result = await graph('DELETE', meetingPath(meetingId), accessToken, undefined, async () => ({ alreadyGone: false }));
      if (!result.ok && result.error.kind === 'not-found') return { ok: true, value: { alreadyGone: true } };
      return result;
    },
  };
}

// ---- helpers -----------------------------------------------------------------------

function meetingBody(input: MeetingTimes): Record<string, unknown> {
  return { subject: input.subject.slice(0, 255), startDateTime: toUtc(input.start), endDateTime: toUtc(input.end) };
}

function toUtc(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${iso}`);
  return new Date(ms).toISOString();
}

function toMeeting(json: unknown): MicrosoftOnlineMeeting | null {
  if (!isRecord(json) || typeof json.id !== 'string' || typeof json.joinWebUrl !== 'string') return null;
  const settings = isRecord(json.joinMeetingIdSettings) ? json.joinMeetingIdSettings : {};
  const iso = (value: unknown) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : '');
  return {
    id: json.id,
    joinUrl: json.joinWebUrl,
    subject: typeof json.subject === 'string' ? json.subject : '',
    start: iso(json.startDateTime),
    end: iso(json.endDateTime),
    externalId: typeof json.externalId === 'string' ? json.externalId : null,
    joinMeetingId: typeof settings.joinMeetingId === 'string' ? settings.joinMeetingId : null,
    passcode: typeof settings.passcode === 'string' && settings.passcode ? settings.passcode : null,
  };
}

function checkTenant(value: string): string {
  const tenant = value.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(tenant)) {
    throw new MicrosoftConfigError('MICROSOFT_TENANT must be common, organizations, or a tenant id or domain');
  }
  if (CONSUMER_TENANTS.has(tenant.toLowerCase())) {
    throw new MicrosoftConfigError('MICROSOFT_TENANT cannot be consumers: personal Microsoft accounts cannot make Teams meetings');
  }
  return tenant;
}

function rejected(status: number | null, message: string): MicrosoftError {
  return { kind: 'rejected', status, code: null, message };
}

/** The first line of an identity platform error, without its trace and correlation ids. */
function aadMessage(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const text = typeof body.error_description === 'string' ? body.error_description : typeof body.error === 'string' ? body.error : null;
  return text ? text.split(/\r?\n| Trace ID:/)[0]!.trim() : null;
}

function aadCodes(body: unknown): number[] {
  if (isRecord(body) && Array.isArray(body.error_codes)) return body.error_codes.filter((c): c is number => typeof c === 'number');
  const match = isRecord(body) && typeof body.error_description === 'string' ? /^AADSTS(\d+)/.exec(body.error_description) : null;
  return match ? [Number(match[1])] : [];
}

function grantReason(body: unknown): 'inactive' | 'revoked' | 'other' {
  const codes = aadCodes(body);
  if (codes.includes(700082) || codes.includes(70008)) return 'inactive';
  if (codes.includes(50173) || codes.includes(50132) || codes.includes(50133)) return 'revoked';
  return 'other';
}

function graphMessage(body: unknown): string | null {
  return isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string' ? body.error.message : null;
}

function graphCode(body: unknown): string | null {
  return isRecord(body) && isRecord(body.error) && typeof body.error.code === 'string' ? body.error.code : null;
}

const configError = (message: string): Error => new MicrosoftConfigError(message);
