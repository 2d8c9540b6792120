import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readBody, sendEmpty, sendJson } from '../zoom-server/respond';
import type { AccessGrant, FakeGoogleState } from './state';
import type { FakeGoogleConference, FakeGoogleEvent, FakeGoogleRateLimit, FakeGoogleUser } from './types';
import { GOOGLE_CALENDAR_EVENTS_SCOPE } from './types';

const CALENDAR_SCOPES = new Set([GOOGLE_CALENDAR_EVENTS_SCOPE, 'https://www.googleapis.com/auth/calendar']);
const SEND_UPDATES = new Set(['all', 'externalOnly', 'none']);

/** Google's JSON error body, as the Calendar API documents it. */
export function apiError(status: number, reason: string, message: string, domain = 'global', headers: Record<string, string> = {}) {
  return new HttpError(status, { error: { errors: [{ domain, reason, message }], code: status, message } }, headers);
}

const RATE_LIMITS: Record<FakeGoogleRateLimit, { status: number; reason: string; message: string }> = {
  userRateLimitExceeded: { status: 403, reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' },
  rateLimitExceeded: { status: 403, reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
  quotaExceeded: { status: 403, reason: 'quotaExceeded', message: 'Calendar usage limits exceeded.' },
  tooManyRequests: { status: 429, reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
};

/**
 * The subset of the Calendar API v3 session-links uses, on the user's primary calendar:
 * `events.insert` (with `conferenceDataVersion=1` and a Meet `createRequest`), `events.get`,
 * `events.patch` and `events.delete`; and `GET /oauth2/v3/userinfo`.
 */
export function createFakeGoogleCalendar(fake: FakeGoogleState) {
  const { crypto, now, switches, calls, accessTokens, events, conferenceRequests, userBySub } = fake;
  /** How a pending conference ends, and how many answers still show it pending. */
  const progress = new WeakMap<FakeGoogleConference, { left: number; outcome: 'success' | 'failure' }>();

  function bearer(req: IncomingMessage): { user: FakeGoogleUser; grant: AccessGrant } | null {
    const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
    const grant = match ? accessTokens.get(match[1]!) : undefined;
    if (!grant || grant.expiresAt <= now()) return null;
    const user = userBySub(grant.sub);
    return user ? { user, grant } : null;
  }

  function calendarUser(req: IncomingMessage): FakeGoogleUser {
    const auth = bearer(req);
    if (!auth) {
      throw apiError(401, 'authError', 'Invalid Credentials', 'global', {
        'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
      });
    }
    if (!auth.grant.scopes.some((s) => CALENDAR_SCOPES.has(s))) {
      throw apiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
    }
    return auth.user;
  }

  function newConference(requestId: string): FakeGoogleConference {
    const conference: FakeGoogleConference = { requestId, status: 'pending', conferenceId: null, meetLink: null };
    const outcome = switches.failConferences > 0 ? 'failure' : 'success';
    if (outcome === 'failure') switches.failConferences -= 1;
    progress.set(conference, { left: switches.conferencePending, outcome });
    return conference;
  }

  /** One answer showing the conference: pending while answers are left, then what Google made of it. */
  function advance(conference: FakeGoogleConference) {
    if (conference.status !== 'pending') return;
    const step = progress.get(conference);
    if (step && step.left > 0) {
      step.left -= 1;
      return;
    }
    if (step?.outcome === 'failure') {
      conference.status = 'failure';
      return;
    }
    const letters = () => Array.from(crypto.randomBytes(4), (b) => String.fromCharCode(97 + (b % 26))).join('');
    const code = `${letters().slice(0, 3)}-${letters()}-${letters().slice(0, 3)}`;
    conference.status = 'success';
    conference.conferenceId = code;
    conference.meetLink = `${fake.meetOrigin}/${code}`;
  }

  function eventJson(event: FakeGoogleEvent, user: FakeGoogleUser) {
    const zone = event.timeZone ?? user.timeZone ?? 'UTC';
    const conference = event.conference;
    if (conference) advance(conference);
    const json: Record<string, unknown> = {
      kind: 'calendar#event',
      etag: `"${Date.parse(event.updated)}${event.sequence}"`,
      id: event.id,
      status: event.status,
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${event.id} ${user.email}`).toString('base64url')}`,
      created: event.created,
      updated: event.updated,
      summary: event.summary,
      ...(event.description ? { description: event.description } : {}),
      creator: { email: user.email, self: true },
      organizer: { email: user.email, self: true },
      start: { dateTime: formatInZone(Date.parse(event.start), zone), timeZone: zone },
      end: { dateTime: formatInZone(Date.parse(event.end), zone), timeZone: zone },
      iCalUID: `${event.id}@google.com`,
      sequence: event.sequence,
      ...(Object.keys(event.privateProperties).length ? { extendedProperties: { private: { ...event.privateProperties } } } : {}),
      reminders: { useDefault: true },
      eventType: 'default',
    };
    if (conference) {
      const data: Record<string, unknown> = {
        createRequest: {
          requestId: conference.requestId,
          conferenceSolutionKey: { type: 'hangoutsMeet' },
          status: { statusCode: conference.status },
        },
      };
      if (conference.status === 'success') {
        json.hangoutLink = conference.meetLink;
        data.entryPoints = [
          { entryPointType: 'video', uri: conference.meetLink, label: conference.meetLink!.replace(/^https?:\/\//, '') },
          { entryPointType: 'more', uri: `https://tel.meet/${conference.conferenceId}?pin=0000000000`, pin: '0000000000' },
        ];
        data.conferenceSolution = {
          key: { type: 'hangoutsMeet' },
          name: 'Google Meet',
          iconUri: 'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png',
        };
        data.conferenceId = conference.conferenceId;
      }
      json.conferenceData = data;
    }
    return json;
  }

  function readTimes(body: Record<string, unknown>, current: { start: string; end: string } | null) {
    const start = body.start === undefined ? current?.start : parseEventTime(body.start, 'start');
    const end = body.end === undefined ? current?.end : parseEventTime(body.end, 'end');
    if (!start) throw apiError(400, 'required', 'Missing start time.');
    if (!end) throw apiError(400, 'required', 'Missing end time.');
    if (Date.parse(end) < Date.parse(start)) throw apiError(400, 'timeRangeEmpty', 'The specified time range is empty.', 'calendar');
    const zone = [body.start, body.end].map((t) => (isRecord(t) && typeof t.timeZone === 'string' ? t.timeZone : null)).find(Boolean);
    return { start, end, timeZone: zone ?? null };
  }

  function readConferenceRequest(body: Record<string, unknown>, version: string | null): string | null {
    // Without conferenceDataVersion=1 Google ignores conferenceData altogether.
    if (version !== '1' || !isRecord(body.conferenceData) || body.conferenceData.createRequest === undefined) return null;
    const request = body.conferenceData.createRequest;
    if (!isRecord(request) || typeof request.requestId !== 'string' || !request.requestId) {
      throw apiError(400, 'invalid', 'Invalid conference create request.');
    }
    const key = request.conferenceSolutionKey;
    if (!isRecord(key) || key.type !== 'hangoutsMeet') throw apiError(400, 'invalid', 'Invalid conference type value.');
    return request.requestId;
  }

  function readSendUpdates(query: URLSearchParams): string | null {
    const value = query.get('sendUpdates');
    if (value !== null && !SEND_UPDATES.has(value)) throw apiError(400, 'invalidParameter', 'Invalid value for: sendUpdates');
    return value;
  }

  /** The conference for a create request: a request id this calendar has seen is ignored (the conference it made is kept). */
  function conferenceFor(user: FakeGoogleUser, requestId: string): FakeGoogleConference {
    const earlier = conferenceRequests.get(`${user.sub}:${requestId}`);
    const existing = earlier ? events.get(earlier)?.conference : undefined;
    if (existing && existing.requestId === requestId) return existing;
    return newConference(requestId);
  }

  function ownEvent(user: FakeGoogleUser, id: string): FakeGoogleEvent {
    const event = events.get(`${user.sub}:${id}`);
    if (!event) throw apiError(404, 'notFound', 'Not Found');
    return event;
  }

  function insert(user: FakeGoogleUser, body: Record<string, unknown>, query: URLSearchParams): FakeGoogleEvent {
    const times = readTimes(body, null);
    const requestId = readConferenceRequest(body, query.get('conferenceDataVersion'));
    const sendUpdates = readSendUpdates(query);
    let id: string;
    if (body.id !== undefined) {
      if (typeof body.id !== 'string' || !/^[a-v0-9]{5,1024}$/.test(body.id)) throw apiError(400, 'invalid', 'Invalid resource id value.');
      // Ids stay taken by cancelled events too.
      if (events.has(`${user.sub}:${body.id}`)) throw apiError(409, 'duplicate', 'The requested identifier already exists.');
      id = body.id;
    } else {
      id = Array.from(crypto.randomBytes(26), (b) => '0123456789abcdefghijklmnopqrstuv'[b % 32]).join('');
    }
    const at = new Date(now()).toISOString();
    const event: FakeGoogleEvent = {
      id,
      ownerSub: user.sub,
      status: 'confirmed',
      summary: typeof body.summary === 'string' ? body.summary : '',
      description: typeof body.description === 'string' ? body.description : '',
      ...times,
      privateProperties: privateProperties(body),
      conference: requestId ? conferenceFor(user, requestId) : null,
      sendUpdates: [{ method: 'insert', value: sendUpdates }],
      sequence: 0,
      created: at,
      updated: at,
    };
    events.set(`${user.sub}:${id}`, event);
    if (requestId) conferenceRequests.set(`${user.sub}:${requestId}`, `${user.sub}:${id}`);
    return event;
  }

  function patch(user: FakeGoogleUser, id: string, body: Record<string, unknown>, query: URLSearchParams): FakeGoogleEvent {
    const event = ownEvent(user, id);
    const times = readTimes(body, event);
    const requestId = readConferenceRequest(body, query.get('conferenceDataVersion'));
    const sendUpdates = readSendUpdates(query);
    if (body.status !== undefined) {
      if (body.status !== 'confirmed' && body.status !== 'tentative' && body.status !== 'cancelled') {
        throw apiError(400, 'invalid', 'Invalid value for: status');
      }
      event.status = body.status === 'cancelled' ? 'cancelled' : 'confirmed';
    }
    if (typeof body.summary === 'string') event.summary = body.summary;
    if (typeof body.description === 'string') event.description = body.description;
    if (times.start !== event.start || times.end !== event.end) event.sequence += 1;
    event.start = times.start;
    event.end = times.end;
    if (times.timeZone) event.timeZone = times.timeZone;
    Object.assign(event.privateProperties, privateProperties(body));
    if (requestId && event.conference?.requestId !== requestId) {
      event.conference = conferenceFor(user, requestId);
      conferenceRequests.set(`${user.sub}:${requestId}`, `${user.sub}:${id}`);
    }
    event.sendUpdates.push({ method: 'patch', value: sendUpdates });
    event.updated = new Date(now()).toISOString();
    return event;
  }

  function remove(user: FakeGoogleUser, id: string, query: URLSearchParams) {
    const event = ownEvent(user, id);
    const sendUpdates = readSendUpdates(query);
    if (event.status === 'cancelled') throw apiError(410, 'deleted', 'Resource has been deleted');
    event.status = 'cancelled';
    event.sendUpdates.push({ method: 'delete', value: sendUpdates });
    event.updated = new Date(now()).toISOString();
  }

  function userinfo(req: IncomingMessage) {
    calls.userinfo += 1;
    const auth = bearer(req);
    if (!auth) throw new HttpError(401, { error: 'invalid_request', error_description: 'Invalid Credentials' });
    const { user, grant } = auth;
    const info: Record<string, unknown> = { sub: user.sub };
    if (grant.scopes.includes('https://www.googleapis.com/auth/userinfo.profile')) {
      Object.assign(info, { name: `${user.givenName} ${user.familyName}`, given_name: user.givenName, family_name: user.familyName });
      info.picture = 'https://lh3.googleusercontent.com/a/fake';
    }
    if (grant.scopes.includes('https://www.googleapis.com/auth/userinfo.email'))
      Object.assign(info, { email: user.email, email_verified: true });
    return info;
  }

  /** Per user: when their Calendar calls of the last minute came (`switches.perUserPerMinute`). */
  const userCalls = new Map<string, number[]>();
  function countPerMinute(user: FakeGoogleUser) {
    const limit = switches.perUserPerMinute;
    if (limit === null) return;
    const at = now();
    const recent = (userCalls.get(user.sub) ?? []).filter((t) => t > at - 60_000);
    if (recent.length >= limit) {
      userCalls.set(user.sub, recent);
      throw apiError(403, 'userRateLimitExceeded', 'User Rate Limit Exceeded', 'usageLimits');
    }
    recent.push(at);
    userCalls.set(user.sub, recent);
  }

  async function api(req: IncomingMessage, url: URL, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const route = matchRoute(method, url.pathname);
    if (route && route.name !== 'userinfo') calls.events[route.name] += 1;

    if (switches.rateLimitNext > 0) {
      switches.rateLimitNext -= 1;
      const limit = RATE_LIMITS[switches.rateLimit];
      const headers: Record<string, string> =
        switches.retryAfterSeconds === null ? {} : { 'retry-after': String(switches.retryAfterSeconds) };
      throw apiError(limit.status, limit.reason, limit.message, 'usageLimits', headers);
    }
    if (switches.failNext > 0) {
      switches.failNext -= 1;
      throw apiError(500, 'backendError', 'Backend Error');
    }
    if (!route) throw apiError(404, 'notFound', 'Not Found');
    if (route.name === 'userinfo') return sendJson(res, 200, userinfo(req));

    const user = calendarUser(req);
    countPerMinute(user);
    if (route.calendarId !== 'primary' && route.calendarId !== user.email) throw apiError(404, 'notFound', 'Not Found');
    const body = method === 'POST' || method === 'PATCH' ? await readEventJson(req) : {};
    switch (route.name) {
      case 'insert': {
        const event = insert(user, body, url.searchParams);
        if (switches.cutInsertResponses > 0) {
          switches.cutInsertResponses -= 1;
          // Made at Google; the caller never hears of it.
          calls.log.push({ method, path: url.pathname, query: url.search, status: 0, at: now() });
          res.socket?.destroy();
          return;
        }
        return sendJson(res, 200, eventJson(event, user));
      }
      case 'get':
        return sendJson(res, 200, eventJson(ownEvent(user, route.eventId!), user));
      case 'patch':
        return sendJson(res, 200, eventJson(patch(user, route.eventId!, body, url.searchParams), user));
      case 'delete':
        remove(user, route.eventId!, url.searchParams);
        return sendEmpty(res, 204);
    }
  }

  return { api };
}

type Route =
  | { name: 'userinfo'; calendarId?: undefined; eventId?: undefined }
  | { name: 'insert'; calendarId: string; eventId?: undefined }
  | { name: 'get' | 'patch' | 'delete'; calendarId: string; eventId: string };

function matchRoute(method: string, path: string): Route | null {
  if (path === '/oauth2/v3/userinfo' && method === 'GET') return { name: 'userinfo' };
  const collection = /^\/calendar\/v3\/calendars\/([^/]+)\/events$/.exec(path);
  if (collection) {
    const calendarId = decodeURIComponent(collection[1]!);
    if (method === 'POST') return { name: 'insert', calendarId };
  }
  const one = /^\/calendar\/v3\/calendars\/([^/]+)\/events\/([^/]+)$/.exec(path);
  if (one) {
    const calendarId = decodeURIComponent(one[1]!);
    const eventId = decodeURIComponent(one[2]!);
    if (method === 'GET') return { name: 'get', calendarId, eventId };
    if (method === 'PATCH') return { name: 'patch', calendarId, eventId };
    if (method === 'DELETE') return { name: 'delete', calendarId, eventId };
  }
  return null;
}

async function readEventJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  try {
    const value: unknown = JSON.parse(text || '{}');
    if (isRecord(value)) return value;
  } catch {}
  throw apiError(400, 'parseError', 'Parse Error');
}

function privateProperties(body: Record<string, unknown>): Record<string, string> {
  const props = isRecord(body.extendedProperties) ? body.extendedProperties.private : undefined;
  if (!isRecord(props)) return {};
  return Object.fromEntries(Object.entries(props).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Google keeps event times to the second. */
const toSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

/** `{ dateTime, timeZone? }` → ISO UTC, to the second. A dateTime without an offset needs the time zone it is in. */
function parseEventTime(value: unknown, which: 'start' | 'end'): string {
  if (!isRecord(value) || typeof value.dateTime !== 'string') {
    throw apiError(400, 'required', which === 'start' ? 'Missing start time.' : 'Missing end time.');
  }
  const { dateTime } = value;
  const zone = typeof value.timeZone === 'string' ? value.timeZone : null;
  if (zone !== null && !isTimeZone(zone))
    throw apiError(400, 'timeZoneInvalid', `Invalid time zone definition for ${which} time.`, 'calendar');
  if (/(Z|[+-]\d\d:\d\d)$/i.test(dateTime)) {
    const ms = Date.parse(dateTime);
    if (Number.isNaN(ms)) throw apiError(400, 'invalid', `Invalid ${which} time.`);
    return toSecond(ms);
  }
  if (!zone) throw apiError(400, 'required', `Missing time zone definition for ${which} time.`, 'calendar');
  const guess = Date.parse(`${dateTime}Z`);
  if (Number.isNaN(guess)) throw apiError(400, 'invalid', `Invalid ${which} time.`);
  const first = guess - offsetMinutes(guess, zone) * 60_000;
  return toSecond(guess - offsetMinutes(first, zone) * 60_000);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function offsetMinutes(ms: number, zone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name ?? '');
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** RFC 3339 in the given zone, as Google answers: `2026-12-01T10:00:00+01:00`, or `…Z` in UTC. */
export function formatInZone(ms: number, zone: string): string {
  const offset = offsetMinutes(ms, zone);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0 && zone === 'UTC') return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
