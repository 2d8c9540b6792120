import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Zoom on loopback that behaves like Zoom's documented OAuth and Meetings API, for
 * tests, the demo (`--zoom fake`) and the example app. Node only: never import it from a
 * browser entry. It is deliberately strict where Zoom is (single-use codes, rotated refresh
 * tokens, bearer tokens that expire) so code that passes against it has been exercised on
 * the failure paths that matter.
 */

export const FAKE_ZOOM_CLIENT_ID = 'fake-zoom-client-id';
export const FAKE_ZOOM_CLIENT_SECRET = 'fake-zoom-client-secret';

export interface FakeZoomUser {
  id: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
}

export interface FakeZoomOptions {
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Allowed redirect URIs; when absent any `http(s)` redirect URI is accepted. */
  redirectUris?: readonly string[];
  /** Zoom users who can consent; the consent page signs in as the first unless another is chosen. */
  users?: readonly FakeZoomUser[];
  /** Clock in ms since the epoch (expiry, daily caps). Defaults to `Date.now`. */
  now?: () => number;
  /** Refresh tokens older than this are refused with `invalid_grant` (Zoom: 90 days). */
  refreshTokenLifetimeSeconds?: number;
}

/** Failure switches: set them between calls; counters count down as calls consume them. */
export interface FakeZoomSwitches {
  /** Lifetime of access tokens issued from now on (Zoom: 3600). */
  accessTokenLifetimeSeconds: number;
  /** Refuse the next N refresh-token grants with `invalid_grant`. */
  refuseRefreshes: number;
  /** Answer the next N API calls (`/v2/…`) with 429 and `Retry-After: retryAfterSeconds`. */
  rateLimitNext: number;
  retryAfterSeconds: number;
  /** Answer the next N API calls with 500. */
  failNext: number;
  /** Answer the next N token-endpoint calls with 500. */
  tokenFailNext: number;
  /** Meeting create + update calls allowed per user per UTC day (Zoom: 100). */
  dailyMeetingCap: number;
  /**
   * The next N meeting creates are made at Zoom, then the connection is cut before any
   * answer: what the caller sees when it crashes, or the network drops, after Zoom acted.
   */
  cutCreateResponses: number;
  /**
   * Zoom's per-second API rate limits, per Zoom account (every user of an account shares
   * them): calls of each category allowed in one second (a fixed one-second window). Zoom:
   * Medium (create or list meetings) 2/s on free accounts, 20/s on Pro; Light (the user,
   * get, update or delete a meeting) 4/s free, 30/s Pro. Defaults: Pro. Beyond: 429 with
   * `Retry-After: 1`, `x-ratelimit-type: QPS` and the category; the call does nothing and
   * does not count toward the daily cap. `Infinity` turns a limit off.
   */
  perSecond: { light: number; medium: number };
}

export interface FakeZoomCalls {
  authorize: number;
  token: { authorizationCode: number; refresh: number; other: number };
  users: { me: number };
  meetings: { create: number; get: number; update: number; delete: number; list: number };
  /** Every request, in order, with the status it got. */
  log: Array<{ method: string; path: string; status: number; at: number }>;
}

export interface FakeZoomMeeting {
  id: number;
  uuid: string;
  hostId: string;
  topic: string;
  type: number;
  startTime: string;
  duration: number;
  timezone: string;
  /** The meeting's description (Zoom: up to 2,000 characters; lists show the first 250). */
  agenda: string;
  password: string;
  joinUrl: string;
  startUrl: string;
  createdAt: string;
}

export interface SendWebhookOptions {
  /** The app's webhook secret token. */
  secret: string;
  /** `x-zm-request-timestamp` in seconds; defaults to the fake's clock. */
  timestamp?: number;
}

export interface WebhookDelivery {
  status: number;
  body: string;
  /** The exact bytes that were signed and sent. */
  sentBody: string;
}

export interface FakeZoom {
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** What `ZOOM_OAUTH_BASE` should be set to. */
  oauthBase: string;
  /** What `ZOOM_API_BASE` should be set to (`…/v2`). */
  apiBase: string;
  clientId: string;
  clientSecret: string;
  switches: FakeZoomSwitches;
  calls: FakeZoomCalls;
  users: readonly FakeZoomUser[];
  /** Adds a Zoom user (a demo or test account), or replaces the one with the same id. */
  registerUser(user: FakeZoomUser): void;
  /**
   * A token pair for a user, as if the user had consented to the app: what the token
   * endpoint would answer (`access_token`, `refresh_token`, `expires_in`). For seeded demos.
   */
  issueTokens(userId: string): { access_token: string; refresh_token: string; expires_in: number };
  /** Meetings that exist at the fake, by id. */
  meetings(): FakeZoomMeeting[];
  getMeeting(id: number | string): FakeZoomMeeting | undefined;
  /** A host deletes a meeting in Zoom itself. Returns the `meeting.deleted` payload Zoom would send, or null if no such meeting. */
  deleteMeetingAsHost(id: number | string): Record<string, unknown> | null;
  /** The user removes the app: every token of that user stops working. Returns the `app_deauthorized` payload Zoom would send. */
  deauthorize(userId: string): Record<string, unknown>;
  /** Zeroes counters and the log. */
  resetCalls(): void;
  /** POSTs a webhook signed the way Zoom signs it. */
  sendWebhook(targetUrl: string, event: string, payload: unknown, options: SendWebhookOptions): Promise<WebhookDelivery>;
  close(): Promise<void>;
}

const DEFAULT_USERS: readonly FakeZoomUser[] = [
  { id: 'fz-user-1', accountId: 'fz-account-1', email: 'host@fake-zoom.test', firstName: 'Fay', lastName: 'Host' },
];

const DAY_MS = 86_400_000;
const CODE_LIFETIME_MS = 5 * 60_000;

interface AuthCode {
  clientId: string;
  userId: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  expiresAt: number;
}

interface AccessGrant {
  userId: string;
  expiresAt: number;
}

interface RefreshGrant {
  userId: string;
  issuedAt: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export function startFakeZoom(options: FakeZoomOptions = {}): Promise<FakeZoom> {
  const host = options.host ?? '127.0.0.1';
  const clientId = options.clientId ?? FAKE_ZOOM_CLIENT_ID;
  const clientSecret = options.clientSecret ?? FAKE_ZOOM_CLIENT_SECRET;
  const users: FakeZoomUser[] = [...(options.users?.length ? options.users : DEFAULT_USERS)];
  const now = options.now ?? Date.now;
  const refreshLifetimeMs = (options.refreshTokenLifetimeSeconds ?? 90 * 86_400) * 1000;

  const switches: FakeZoomSwitches = {
    accessTokenLifetimeSeconds: 3600,
    refuseRefreshes: 0,
    rateLimitNext: 0,
    retryAfterSeconds: 1,
    failNext: 0,
    tokenFailNext: 0,
    dailyMeetingCap: 100,
    cutCreateResponses: 0,
    perSecond: { light: 30, medium: 20 },
  };
  const calls: FakeZoomCalls = emptyCalls();

  const codes = new Map<string, AuthCode>();
  const accessTokens = new Map<string, AccessGrant>();
  const refreshTokens = new Map<string, RefreshGrant>();
  const meetings = new Map<number, FakeZoomMeeting>();
  const dailyWrites = new Map<string, number>(); // `${userId}:${utcDay}` → create/update count
  const secondCalls = new Map<string, number>(); // `${accountId}:${category}` → calls in the current second
  let currentSecond = -1;
  const pageTokens = new Map<string, { userId: string; type: string; offset: number; pageSize: number; expiresAt: number }>();
  let nextMeetingId = 81_000_000_000;
  let origin = '';

  const userById = (id: string) => users.find((u) => u.id === id);

  function issueTokens(userId: string) {
    const access = `fz_at_${randomBytes(24).toString('base64url')}`;
    const refresh = `fz_rt_${randomBytes(24).toString('base64url')}`;
    const lifetime = switches.accessTokenLifetimeSeconds;
    accessTokens.set(access, { userId, expiresAt: now() + lifetime * 1000 });
    refreshTokens.set(refresh, { userId, issuedAt: now() });
    return {
      access_token: access,
      token_type: 'bearer',
      refresh_token: refresh,
      expires_in: lifetime,
      scope: 'meeting:write:meeting meeting:update:meeting meeting:delete:meeting user:read:user',
      api_url: origin,
    };
  }

  // ---- OAuth -------------------------------------------------------------------------

  function authorizePage(url: URL, res: ServerResponse) {
    calls.authorize += 1;
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== clientId) return sendHtml(res, 400, errorPage('Invalid client_id.'));
    if (!isAllowedRedirect(redirectUri, options.redirectUris)) return sendHtml(res, 400, errorPage('Invalid redirect URL.'));
    if (q.get('response_type') !== 'code')
      return redirect(res, withParams(redirectUri, { error: 'unsupported_response_type', state: q.get('state') }));
    const challenge = q.get('code_challenge');
    const method = q.get('code_challenge_method') ?? 'plain';
    // Zoom accepts S256 and plain; this fake insists on PKCE S256, which our client always sends.
    if (!challenge || method !== 'S256') {
      return redirect(res, withParams(redirectUri, { error: 'invalid_request', state: q.get('state') }));
    }
    const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope']
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(q.get(name) ?? '')}">`)
      .join('');
    const userChoice =
      users.length > 1
        ? `<label>Zoom user <select name="user_id">${users.map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.email)}</option>`).join('')}</select></label>`
        : `<p>Signed in as ${escapeHtml(users[0]!.email)}</p><input type="hidden" name="user_id" value="${escapeHtml(users[0]!.id)}">`;
    sendHtml(
      res,
      200,
      page(
        'Fake Zoom: authorize app',
        `<h1>Allow session-links to use your Zoom account?</h1>
<p>It will be able to view your user profile and create, update and delete meetings.</p>
<form method="post" action="/oauth/authorize">${hidden}${userChoice}
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
      ),
    );
  }

  function authorizeDecision(form: URLSearchParams, res: ServerResponse) {
    const redirectUri = form.get('redirect_uri') ?? '';
    if (form.get('client_id') !== clientId || !isAllowedRedirect(redirectUri, options.redirectUris)) {
      return sendHtml(res, 400, errorPage('Invalid request.'));
    }
    const state = form.get('state');
    if (form.get('decision') !== 'allow') return redirect(res, withParams(redirectUri, { error: 'access_denied', state }));
    const user = userById(form.get('user_id') ?? '') ?? users[0]!;
    const code = randomBytes(16).toString('base64url');
    codes.set(code, {
      clientId,
      userId: user.id,
      redirectUri,
      codeChallenge: form.get('code_challenge') ?? '',
      codeChallengeMethod: form.get('code_challenge_method') ?? 'S256',
      expiresAt: now() + CODE_LIFETIME_MS,
    });
    redirect(res, withParams(redirectUri, { code, state }));
  }

  function token(req: IncomingMessage, form: URLSearchParams) {
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') calls.token.authorizationCode += 1;
    else if (grantType === 'refresh_token') calls.token.refresh += 1;
    else calls.token.other += 1;

    if (switches.tokenFailNext > 0) {
      switches.tokenFailNext -= 1;
      throw new HttpError(500, { reason: 'Internal error', error: 'server_error' });
    }
    const basic = parseBasic(req.headers.authorization);
    if (!basic || basic.id !== clientId || basic.secret !== clientSecret) {
      throw new HttpError(401, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    }

    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code); // single use, whatever happens next
      if (!grant || grant.expiresAt <= now()) throw invalidGrant('Invalid authorization code');
      if (form.get('redirect_uri') !== grant.redirectUri) throw invalidGrant('Invalid redirect uri');
      const verifier = form.get('code_verifier');
      if (!verifier || s256(verifier) !== grant.codeChallenge) throw invalidGrant('Invalid code verifier');
      return issueTokens(grant.userId);
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(presented);
      if (!grant) throw invalidGrant('Invalid Token!');
      // Rotation: a refresh token works once, whatever the outcome.
      refreshTokens.delete(presented);
      if (switches.refuseRefreshes > 0) {
        switches.refuseRefreshes -= 1;
        throw invalidGrant('Invalid Token!');
      }
      if (now() - grant.issuedAt > refreshLifetimeMs) throw invalidGrant('Invalid Token!');
      return issueTokens(grant.userId);
    }
    throw new HttpError(400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });
  }

  // ---- API ---------------------------------------------------------------------------

  function bearerUser(req: IncomingMessage): FakeZoomUser {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    const grant = match ? accessTokens.get(match[1]!) : undefined;
    if (!grant) throw new HttpError(401, { code: 124, message: 'Invalid access token.' });
    if (grant.expiresAt <= now()) throw new HttpError(401, { code: 124, message: 'Access token is expired.' });
    const user = userById(grant.userId);
    if (!user) throw new HttpError(401, { code: 124, message: 'Invalid access token.' });
    return user;
  }

  function countDailyWrite(user: FakeZoomUser) {
    const key = `${user.id}:${Math.floor(now() / DAY_MS)}`;
    const used = dailyWrites.get(key) ?? 0;
    if (used >= switches.dailyMeetingCap) {
      throw new HttpError(
        429,
        {
          code: 429,
          message: `You have exceeded the daily rate limit (${switches.dailyMeetingCap}) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.`,
        },
        { 'x-ratelimit-type': 'Daily-limit' },
      );
    }
    dailyWrites.set(key, used + 1);
  }

  /** Zoom's per-second limit of the account, per category (`switches.perSecond`). */
  function countPerSecond(user: FakeZoomUser, category: 'light' | 'medium') {
    const second = Math.floor(now() / 1000);
    if (second !== currentSecond) {
      currentSecond = second;
      secondCalls.clear();
    }
    const key = `${user.accountId}:${category}`;
    const used = secondCalls.get(key) ?? 0;
    const limit = switches.perSecond[category];
    if (used >= limit) {
      throw new HttpError(
        429,
        { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' },
        { 'retry-after': '1', 'x-ratelimit-type': 'QPS', 'x-ratelimit-category': category === 'light' ? 'Light' : 'Medium' },
      );
    }
    secondCalls.set(key, used + 1);
  }

  function meetingJson(m: FakeZoomMeeting, user: FakeZoomUser) {
    return {
      uuid: m.uuid,
      id: m.id,
      host_id: m.hostId,
      host_email: user.email,
      topic: m.topic,
      type: m.type,
      status: 'waiting',
      start_time: m.startTime,
      duration: m.duration,
      timezone: m.timezone,
      agenda: m.agenda,
      created_at: m.createdAt,
      start_url: m.startUrl,
      join_url: m.joinUrl,
      password: m.password,
      h323_password: m.password,
      pstn_password: m.password,
      encrypted_password: createHash('sha256').update(m.password).digest('base64url').slice(0, 32),
      settings: { join_before_host: false, waiting_room: true },
      pre_schedule: false,
    };
  }

  function ownMeeting(user: FakeZoomUser, rawId: string): FakeZoomMeeting {
    const meeting = /^\d+$/.test(rawId) ? meetings.get(Number(rawId)) : undefined;
    if (!meeting || meeting.hostId !== user.id) throw new HttpError(404, { code: 3001, message: `Meeting does not exist: ${rawId}.` });
    return meeting;
  }

  function createMeeting(user: FakeZoomUser, body: Record<string, unknown>) {
    const fields = validateMeetingFields(body, true);
    countDailyWrite(user);
    const id = nextMeetingId++;
    const password = fields.password ?? randomBytes(4).toString('hex').slice(0, 6);
    const meeting: FakeZoomMeeting = {
      id,
      uuid: randomUUID(),
      hostId: user.id,
      topic: fields.topic ?? 'Zoom meeting',
      type: fields.type ?? 2,
      startTime: fields.startTime!,
      duration: fields.duration ?? 60,
      timezone: fields.timezone ?? 'UTC',
      agenda: fields.agenda ?? '',
      password,
      joinUrl: `${origin}/j/${id}?pwd=${encodeURIComponent(createHash('sha256').update(`${id}:${password}`).digest('base64url').slice(0, 22))}`,
      startUrl: `${origin}/s/${id}?zak=${randomBytes(18).toString('base64url')}`,
      createdAt: zoomTime(now()),
    };
    meetings.set(id, meeting);
    return meetingJson(meeting, user);
  }

  function updateMeeting(user: FakeZoomUser, rawId: string, body: Record<string, unknown>) {
    const meeting = ownMeeting(user, rawId);
    const fields = validateMeetingFields(body, false);
    countDailyWrite(user);
    if (fields.topic !== undefined) meeting.topic = fields.topic;
    if (fields.startTime !== undefined) meeting.startTime = fields.startTime;
    if (fields.duration !== undefined) meeting.duration = fields.duration;
    if (fields.timezone !== undefined) meeting.timezone = fields.timezone;
    if (fields.agenda !== undefined) meeting.agenda = fields.agenda;
    if (fields.password !== undefined) meeting.password = fields.password;
  }

  /**
   * `GET /users/{userId}/meetings`: the user's scheduled meetings, `page_size` per page (default
   * 30, at most 300), the next page behind `next_page_token` (valid 15 minutes), each meeting
   * without its start URL or password, its agenda cut to 250 characters, as Zoom lists them.
   */
  function listMeetings(user: FakeZoomUser, query: URLSearchParams) {
    const token = query.get('next_page_token');
    let type = query.get('type') ?? 'scheduled';
    let pageSize = Number(query.get('page_size') ?? 30);
    let offset = 0;
    if (token) {
      const page = pageTokens.get(token);
      if (!page || page.userId !== user.id || page.expiresAt <= now()) {
        throw new HttpError(400, { code: 300, message: 'The next page token is invalid or expired.' });
      }
      ({ type, offset, pageSize } = page);
    } else {
      if (!Number.isInteger(pageSize) || pageSize < 1) pageSize = 30;
      pageSize = Math.min(pageSize, 300);
    }
    const ended = (m: FakeZoomMeeting) => Date.parse(m.startTime) + m.duration * 60_000 <= now();
    const filters: Record<string, (m: FakeZoomMeeting) => boolean> = {
      scheduled: () => true,
      upcoming: (m) => !ended(m),
      upcoming_meetings: (m) => !ended(m),
      live: () => false,
      previous_meetings: ended,
    };
    const filter = filters[type];
    if (!filter) throw new HttpError(400, { code: 300, message: 'Invalid field: type.' });
    const all = [...meetings.values()]
      .filter((m) => m.hostId === user.id && m.type !== 1 && filter(m))
      .sort((a, b) => a.startTime.localeCompare(b.startTime) || a.id - b.id);
    const page = all.slice(offset, offset + pageSize);
    let next = '';
    if (offset + pageSize < all.length) {
      next = randomBytes(24).toString('base64url');
      pageTokens.set(next, { userId: user.id, type, offset: offset + pageSize, pageSize, expiresAt: now() + 15 * 60_000 });
    }
    return {
      page_size: pageSize,
      total_records: all.length,
      next_page_token: next,
      meetings: page.map((m) => ({
        uuid: m.uuid,
        id: m.id,
        host_id: m.hostId,
        topic: m.topic,
        type: m.type,
        start_time: m.startTime,
        duration: m.duration,
        timezone: m.timezone,
        agenda: m.agenda.slice(0, 250),
        created_at: m.createdAt,
        join_url: m.joinUrl,
      })),
    };
  }

  async function api(req: IncomingMessage, url: URL, res: ServerResponse) {
    const path = url.pathname.slice('/v2'.length);
    const method = req.method ?? 'GET';
    const route = matchApiRoute(method, path);
    if (route?.group === 'users') calls.users.me += 1;
    else if (route) calls.meetings[route.name] += 1;

    if (switches.rateLimitNext > 0) {
      switches.rateLimitNext -= 1;
      throw new HttpError(
        429,
        { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' },
        { 'retry-after': String(switches.retryAfterSeconds), 'x-ratelimit-type': 'QPS' },
      );
    }
    if (switches.failNext > 0) {
      switches.failNext -= 1;
      throw new HttpError(500, { code: 500, message: 'Internal server error.' });
    }
    if (!route) throw new HttpError(404, { code: 404, message: 'Not found.' });
    const user = bearerUser(req);
    countPerSecond(user, route.name === 'create' || route.name === 'list' ? 'medium' : 'light');
    const body = method === 'POST' || method === 'PATCH' ? await readJson(req) : {};

    switch (`${route.group}.${route.name}`) {
      case 'users.me':
        return sendJson(res, 200, {
          id: user.id,
          first_name: user.firstName,
          last_name: user.lastName,
          display_name: `${user.firstName} ${user.lastName}`,
          email: user.email,
          type: 2,
          pmi: 5_550_000_000 + users.indexOf(user),
          timezone: 'UTC',
          verified: 1,
          account_id: user.accountId,
          status: 'active',
        });
      case 'meetings.create':
        if (route.userId !== 'me' && route.userId !== user.id && route.userId !== user.email) {
          throw new HttpError(404, { code: 1001, message: 'User does not exist.' });
        }
        {
          const created = createMeeting(user, body);
          if (switches.cutCreateResponses > 0) {
            switches.cutCreateResponses -= 1;
            // Made at Zoom; the caller never hears of it.
            calls.log.push({ method, path: url.pathname, status: 0, at: now() });
            res.socket?.destroy();
            return;
          }
          return sendJson(res, 201, created);
        }
      case 'meetings.list':
        if (route.userId !== 'me' && route.userId !== user.id && route.userId !== user.email) {
          throw new HttpError(404, { code: 1001, message: 'User does not exist.' });
        }
        return sendJson(res, 200, listMeetings(user, url.searchParams));
      case 'meetings.get':
        return sendJson(res, 200, meetingJson(ownMeeting(user, route.meetingId!), user));
      case 'meetings.update':
        updateMeeting(user, route.meetingId!, body);
        return sendEmpty(res, 204);
      case 'meetings.delete':
        meetings.delete(ownMeeting(user, route.meetingId!).id);
        return sendEmpty(res, 204);
    }
  }

  // ---- server ------------------------------------------------------------------------

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-zoom');
    res.on('finish', () => {
      calls.log.push({ method: req.method ?? 'GET', path: url.pathname, status: res.statusCode, at: now() });
    });
    handle(req, url, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendJson(res, error.status, error.body, error.headers);
      sendJson(res, 500, { code: 500, message: error instanceof Error ? error.message : 'Internal error' });
    });
  });

  async function handle(req: IncomingMessage, url: URL, res: ServerResponse) {
    const method = req.method ?? 'GET';
    if (url.pathname === '/oauth/authorize' && method === 'GET') return authorizePage(url, res);
    if (url.pathname === '/oauth/authorize' && method === 'POST') return authorizeDecision(await readForm(req), res);
    if (url.pathname === '/oauth/token' && method === 'POST') {
      // Zoom accepts the parameters in the query string too.
      const form = new URLSearchParams([...url.searchParams, ...(await readForm(req))]);
      return sendJson(res, 200, token(req, form), { 'cache-control': 'no-store' });
    }
    if (url.pathname === '/v2' || url.pathname.startsWith('/v2/')) return api(req, url, res);
    const join = /^\/(j|s)\/(\d+)$/.exec(url.pathname);
    if (join && method === 'GET') {
      const meeting = meetings.get(Number(join[2]));
      if (!meeting) return sendHtml(res, 404, errorPage('This meeting does not exist.'));
      return sendHtml(
        res,
        200,
        page('Fake Zoom meeting', `<h1>${escapeHtml(meeting.topic)}</h1><p>Meeting ${meeting.id} (fake Zoom).</p>`),
      );
    }
    sendHtml(res, 404, errorPage('Not found.'));
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      resolve({
        url: origin,
        oauthBase: origin,
        apiBase: `${origin}/v2`,
        clientId,
        clientSecret,
        switches,
        calls,
        users,
        registerUser: (user) => {
          const at = users.findIndex((u) => u.id === user.id);
          if (at >= 0) users[at] = { ...user };
          else users.push({ ...user });
        },
        issueTokens: (userId) => {
          if (!userById(userId)) throw new Error(`fake Zoom: no user ${userId}`);
          const { access_token, refresh_token, expires_in } = issueTokens(userId);
          return { access_token, refresh_token, expires_in };
        },
        meetings: () => [...meetings.values()].map((m) => ({ ...m })),
        getMeeting: (id) => {
          const m = meetings.get(Number(id));
          return m ? { ...m } : undefined;
        },
        deleteMeetingAsHost: (id) => {
          const m = meetings.get(Number(id));
          if (!m) return null;
          meetings.delete(m.id);
          const host = userById(m.hostId);
          return {
            account_id: host?.accountId ?? '',
            operator: host?.email ?? '',
            operator_id: m.hostId,
            operation: 'single',
            object: {
              uuid: m.uuid,
              id: m.id,
              host_id: m.hostId,
              topic: m.topic,
              type: m.type,
              start_time: m.startTime,
              duration: m.duration,
              timezone: m.timezone,
            },
          };
        },
        deauthorize: (userId) => {
          for (const [t, g] of accessTokens) if (g.userId === userId) accessTokens.delete(t);
          for (const [t, g] of refreshTokens) if (g.userId === userId) refreshTokens.delete(t);
          const user = userById(userId);
          return {
            account_id: user?.accountId ?? '',
            user_id: userId,
            signature: randomBytes(16).toString('hex'),
            deauthorization_time: new Date(now()).toISOString(),
            client_id: clientId,
          };
        },
        resetCalls: () => Object.assign(calls, emptyCalls()),
        sendWebhook: (targetUrl, event, payload, webhookOptions) =>
          sendWebhook(targetUrl, event, payload, webhookOptions, Math.floor(now() / 1000)),
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Signs like Zoom: `x-zm-signature: v0=HMAC_SHA256(secret, "v0:{timestamp}:{body}")`, hex. */
async function sendWebhook(
  targetUrl: string,
  event: string,
  payload: unknown,
  options: SendWebhookOptions,
  nowSeconds: number,
): Promise<WebhookDelivery> {
  const timestamp = options.timestamp ?? nowSeconds;
  const sentBody = JSON.stringify({ event, event_ts: timestamp * 1000, payload });
  const signature = `v0=${createHmac('sha256', options.secret).update(`v0:${timestamp}:${sentBody}`).digest('hex')}`;
  const response = await fetch(targetUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Zoom Marketplace/1.0a',
      'x-zm-request-timestamp': String(timestamp),
      'x-zm-signature': signature,
    },
    body: sentBody,
  });
  return { status: response.status, body: await response.text(), sentBody };
}

// ---- helpers -----------------------------------------------------------------------

function emptyCalls(): FakeZoomCalls {
  return {
    authorize: 0,
    token: { authorizationCode: 0, refresh: 0, other: 0 },
    users: { me: 0 },
    meetings: { create: 0, get: 0, update: 0, delete: 0, list: 0 },
    log: [],
  };
}

type ApiRoute =
  | { group: 'users'; name: 'me'; userId?: undefined; meetingId?: undefined }
  | { group: 'meetings'; name: 'create' | 'list'; userId: string; meetingId?: undefined }
  | { group: 'meetings'; name: 'get' | 'update' | 'delete'; meetingId: string; userId?: undefined };

function matchApiRoute(method: string, path: string): ApiRoute | null {
  if (method === 'GET' && path === '/users/me') return { group: 'users', name: 'me' };
  const create = /^\/users\/([^/]+)\/meetings$/.exec(path);
  if (create && method === 'POST') return { group: 'meetings', name: 'create', userId: decodeURIComponent(create[1]!) };
  if (create && method === 'GET') return { group: 'meetings', name: 'list', userId: decodeURIComponent(create[1]!) };
  const one = /^\/meetings\/([^/]+)$/.exec(path);
  if (one) {
    const meetingId = decodeURIComponent(one[1]!);
    if (method === 'GET') return { group: 'meetings', name: 'get', meetingId };
    if (method === 'PATCH') return { group: 'meetings', name: 'update', meetingId };
    if (method === 'DELETE') return { group: 'meetings', name: 'delete', meetingId };
  }
  return null;
}

interface MeetingFields {
  topic?: string;
  type?: number;
  startTime?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  password?: string;
}

function validateMeetingFields(body: Record<string, unknown>, creating: boolean): MeetingFields {
  const invalid = (message: string) => new HttpError(400, { code: 300, message });
  const fields: MeetingFields = {};
  if (body.topic !== undefined) {
    if (typeof body.topic !== 'string' || body.topic.length > 200) throw invalid('Invalid field: topic.');
    fields.topic = body.topic;
  }
  if (body.type !== undefined) {
    if (body.type !== 1 && body.type !== 2 && body.type !== 3 && body.type !== 8) throw invalid('Invalid field: type.');
    fields.type = body.type;
  }
  if (body.start_time !== undefined) {
    if (typeof body.start_time !== 'string' || Number.isNaN(Date.parse(body.start_time))) throw invalid('Invalid field: start_time.');
    fields.startTime = zoomTime(Date.parse(body.start_time));
  } else if (creating && (fields.type ?? 2) === 2) {
    throw invalid('start_time is required for a scheduled meeting.');
  }
  if (body.duration !== undefined) {
    if (typeof body.duration !== 'number' || !Number.isInteger(body.duration) || body.duration < 1)
      throw invalid('Invalid field: duration.');
    fields.duration = body.duration;
  }
  if (body.timezone !== undefined) {
    if (typeof body.timezone !== 'string') throw invalid('Invalid field: timezone.');
    fields.timezone = body.timezone;
  }
  if (body.agenda !== undefined) {
    if (typeof body.agenda !== 'string' || body.agenda.length > 2000) throw invalid('Invalid field: agenda.');
    fields.agenda = body.agenda;
  }
  if (body.password !== undefined) {
    if (typeof body.password !== 'string' || !/^[A-Za-z0-9@\-_*]{1,10}$/.test(body.password)) {
      throw invalid('Password can only contain alphanumeric characters and @ - _ *, and have a maximum of 10 characters.');
    }
    fields.password = body.password;
  }
  return fields;
}

/** Zoom writes times as `yyyy-MM-ddTHH:mm:ssZ`. */
function zoomTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function invalidGrant(reason: string) {
  return new HttpError(400, { reason, error: 'invalid_grant' });
}

function parseBasic(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic (.+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before encoding (oauth4webapi does this).
  const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

function isAllowedRedirect(uri: string, allowed: readonly string[] | undefined): boolean {
  if (allowed) return allowed.includes(uri);
  try {
    const { protocol } = new URL(uri);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function withParams(base: string, params: Record<string, string | null>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return url.href;
}

const MAX_BODY = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, { code: 413, message: 'Request body too large.' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  throw new HttpError(400, { code: 300, message: 'Request Body should be a valid JSON object.' });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

function sendEmpty(res: ServerResponse, status: number) {
  res.writeHead(status);
  res.end();
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(302, { location });
  res.end();
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

function errorPage(message: string): string {
  return page('Fake Zoom: error', `<h1>Something went wrong</h1><p>${escapeHtml(message)}</p>`);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
