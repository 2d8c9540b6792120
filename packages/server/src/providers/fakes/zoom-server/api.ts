import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readJson, sendEmpty, sendJson } from './respond';
import { DAY_MS, type FakeZoomState } from './state';
import type { FakeZoomMeeting, FakeZoomUser } from './types';

/** Zoom's REST API under `/v2`: the user, and meetings (create, list, get, update, delete) with Zoom's limits. */
export function createFakeZoomApi(state: FakeZoomState) {
  const { crypto, users, now, switches, calls, accessTokens, meetings, dailyWrites, secondCalls, pageTokens, userById } = state;

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
    if (second !== state.currentSecond) {
      state.currentSecond = second;
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
      encrypted_password: crypto.createHash('sha256').update(m.password).digest('base64url').slice(0, 32),
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
    const id = state.nextMeetingId++;
    const password = fields.password ?? crypto.randomBytes(4).toString('hex').slice(0, 6);
    const meeting: FakeZoomMeeting = {
      id,
      uuid: crypto.randomUUID(),
      hostId: user.id,
      topic: fields.topic ?? 'Zoom meeting',
      type: fields.type ?? 2,
      startTime: fields.startTime!,
      duration: fields.duration ?? 60,
      timezone: fields.timezone ?? 'UTC',
      agenda: fields.agenda ?? '',
      password,
      joinUrl: `${state.origin}/j/${id}?pwd=${encodeURIComponent(crypto.createHash('sha256').update(`${id}:${password}`).digest('base64url').slice(0, 22))}`,
      startUrl: `${state.origin}/s/${id}?zak=${crypto.randomBytes(18).toString('base64url')}`,
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
      next = crypto.randomBytes(24).toString('base64url');
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

  return { api };
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
