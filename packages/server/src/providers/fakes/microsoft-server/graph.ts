import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readBody, sendEmpty, sendJson } from '../zoom-server/respond';
import { type FakeMicrosoftState, hasScope } from './state';
import type { FakeMicrosoftUser, FakeOnlineMeeting } from './types';

/**
 * Microsoft Graph v1.0, the part session-links uses: `GET /me` and the signed-in user's online
 * meetings (`POST /me/onlineMeetings`, `POST /me/onlineMeetings/createOrGet` keyed by
 * `externalId`, `GET`/`PATCH`/`DELETE /me/onlineMeetings/{id}`), with Graph's error bodies,
 * 401 for a bad or expired token, 403 for a personal Microsoft account (online meetings are
 * for work or school accounts only) and 429 with `Retry-After`.
 */
export function createFakeMicrosoftGraph(fake: FakeMicrosoftState) {
  const { crypto, now, switches, calls, accessTokens, meetings, userById } = fake;

  function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    const date = new Date(now()).toISOString().slice(0, 19);
    return new HttpError(
      status,
      { error: { code, message, innerError: { date, 'request-id': crypto.randomUUID(), 'client-request-id': crypto.randomUUID() } } },
      headers,
    );
  }

  function bearer(req: IncomingMessage): { user: FakeMicrosoftUser; scopes: readonly string[] } {
    const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
    if (!match) throw graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const grant = accessTokens.get(match[1]!);
    if (!grant) throw graphError(401, 'InvalidAuthenticationToken', 'CompactToken parsing failed with error code: 80049217');
    if (grant.expiresAt <= now()) throw graphError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
    const user = userById(grant.userId);
    if (!user) throw graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    return { user, scopes: grant.scopes };
  }

  function meetingJson(m: FakeOnlineMeeting, user: FakeMicrosoftUser) {
    return {
      '@odata.context': `${fake.origin}/v1.0/$metadata#users('${user.id}')/onlineMeetings/$entity`,
      id: m.id,
      creationDateTime: m.creationDateTime,
      startDateTime: m.startDateTime,
      endDateTime: m.endDateTime,
      joinWebUrl: m.joinWebUrl,
      subject: m.subject,
      externalId: m.externalId,
      isBroadcast: false,
      autoAdmittedUsers: 'EveryoneInCompany',
      allowedPresenters: 'everyone',
      isEntryExitAnnounced: true,
      joinMeetingIdSettings: { isPasscodeRequired: false, joinMeetingId: m.joinMeetingId, passcode: m.passcode },
      participants: {
        organizer: {
          upn: user.email,
          role: 'presenter',
          identity: { user: { id: user.id, displayName: null, tenantId: user.tenantId, identityProvider: 'AAD' } },
        },
        attendees: [],
      },
      lobbyBypassSettings: { scope: 'organization', isDialInBypassEnabled: false },
      chatInfo: { threadId: threadOf(m), messageId: '0', replyChainMessageId: null },
    };
  }

  function threadOf(m: FakeOnlineMeeting): string {
    return Buffer.from(m.id, 'base64').toString('utf8').split('*').pop() ?? '';
  }

  function ownMeeting(user: FakeMicrosoftUser, id: string): FakeOnlineMeeting {
    const meeting = meetings.get(id);
    if (!meeting || meeting.organizerId !== user.id) throw graphError(404, 'NotFound', 'The requested resource does not exist.');
    return meeting;
  }

  /** `startDateTime`/`endDateTime` as Graph reads them: both or neither on an update; end not before start. */
  function times(body: Record<string, unknown>, creating: boolean): { start: number; end: number } | null {
    const parse = (value: unknown, name: string) => {
      if (value === undefined || value === null) return null;
      const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(ms)) throw graphError(400, 'BadRequest', `Invalid value for '${name}'.`);
      return ms;
    };
    const start = parse(body.startDateTime, 'startDateTime');
    const end = parse(body.endDateTime, 'endDateTime');
    if (end !== null && start === null) throw graphError(400, 'BadRequest', 'endDateTime cannot be set without startDateTime.');
    if (!creating && start !== null && end === null) {
      throw graphError(400, 'BadRequest', 'Both startDateTime and endDateTime are required to change the meeting time.');
    }
    if (start === null) return creating ? { start: now(), end: now() + 3_600_000 } : null;
    const to = end ?? start + 3_600_000;
    if (to < start) throw graphError(400, 'BadRequest', 'endDateTime cannot be earlier than startDateTime.');
    return { start, end: to };
  }

  function subjectOf(body: Record<string, unknown>): string | undefined {
    if (body.subject === undefined || body.subject === null) return undefined;
    if (typeof body.subject !== 'string') throw graphError(400, 'BadRequest', "Invalid value for 'subject'.");
    return body.subject;
  }

  function createMeeting(user: FakeMicrosoftUser, body: Record<string, unknown>, externalId: string | null): FakeOnlineMeeting {
    const { start, end } = times(body, true)!;
    const thread = `19:meeting_${crypto.randomBytes(24).toString('base64url')}@thread.v2`;
    const id = Buffer.from(`1*${user.id}*0**${thread}`).toString('base64');
    const context = encodeURIComponent(JSON.stringify({ Tid: user.tenantId, Oid: user.id }));
    const meeting: FakeOnlineMeeting = {
      id,
      organizerId: user.id,
      tenantId: user.tenantId,
      externalId,
      subject: subjectOf(body) ?? '',
      startDateTime: graphTime(start),
      endDateTime: graphTime(end),
      creationDateTime: graphTime(now()),
      joinWebUrl: `${fake.origin}/l/meetup-join/${encodeURIComponent(thread)}/0?context=${context}`,
      joinMeetingId: String(crypto.randomInt(100_000_000_000, 999_999_999_999)),
      passcode: crypto.randomBytes(4).toString('base64url').slice(0, 6),
    };
    meetings.set(id, meeting);
    return meeting;
  }

  /** Per user: their Graph calls in the current second of the clock (`switches.perUserPerSecond`), as the fake Zoom counts. */
  const userCalls = new Map<string, number>();
  let currentSecond = -1;
  function countPerSecond(user: FakeMicrosoftUser) {
    const limit = switches.perUserPerSecond;
    if (limit === null) return;
    const second = Math.floor(now() / 1000);
    if (second !== currentSecond) {
      currentSecond = second;
      userCalls.clear();
    }
    const used = userCalls.get(user.id) ?? 0;
    if (used >= limit) throw graphError(429, 'TooManyRequests', 'Too many requests.', { 'retry-after': '1' });
    userCalls.set(user.id, used + 1);
  }

  async function graph(req: IncomingMessage, url: URL, res: ServerResponse) {
    const path = url.pathname.slice('/v1.0'.length);
    const method = req.method ?? 'GET';
    const route = matchRoute(method, path);
    if (route?.name === 'me') calls.me += 1;
    else if (route) calls.meetings[route.name] += 1;

    if (switches.rateLimitNext > 0) {
      switches.rateLimitNext -= 1;
      throw graphError(429, 'TooManyRequests', 'Too many requests.', { 'retry-after': String(switches.retryAfterSeconds) });
    }
    if (switches.failNext > 0) {
      switches.failNext -= 1;
      throw graphError(503, 'ServiceNotAvailable', 'The service is temporarily unavailable.', { 'retry-after': '1' });
    }
    if (!route) throw graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop() ?? ''}'.`);
    const { user, scopes } = bearer(req);
    countPerSecond(user);
    const body = method === 'POST' || method === 'PATCH' ? await readGraphJson(req) : {};

    if (route.name === 'me') {
      if (!hasScope(scopes, 'User.Read'))
        throw graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
      const [givenName, ...rest] = user.displayName.split(' ');
      return sendJson(res, 200, {
        '@odata.context': `${fake.origin}/v1.0/$metadata#users/$entity`,
        businessPhones: [],
        displayName: user.displayName,
        givenName: givenName ?? null,
        surname: rest.join(' ') || null,
        jobTitle: null,
        mail: user.kind === 'work' ? user.email : null,
        mobilePhone: null,
        officeLocation: null,
        preferredLanguage: null,
        userPrincipalName: user.email,
        id: user.id,
      });
    }

    // Online meetings: work or school accounts only, with the permission consented to.
    if (user.kind === 'personal') {
      throw graphError(403, 'Forbidden', 'Online meetings are not supported for personal Microsoft accounts (MSA).');
    }
    if (!hasScope(scopes, 'OnlineMeetings.ReadWrite')) {
      throw graphError(403, 'Forbidden', 'The application does not have permission OnlineMeetings.ReadWrite for this user.');
    }

    switch (route.name) {
      case 'create':
      case 'createOrGet': {
        let status = 201;
        let meeting: FakeOnlineMeeting;
        if (route.name === 'createOrGet') {
          const externalId = body.externalId;
          if (typeof externalId !== 'string' || !externalId) throw graphError(400, 'BadRequest', "The 'externalId' is required.");
          // One meeting per tenant, organizer and external id: a repeat returns it unchanged (200).
          const existing = [...meetings.values()].find(
            (m) => m.tenantId === user.tenantId && m.organizerId === user.id && m.externalId === externalId,
          );
          if (existing) {
            status = 200;
            meeting = existing;
          } else {
            meeting = createMeeting(user, body, externalId);
          }
        } else {
          meeting = createMeeting(user, body, null);
        }
        if (switches.cutCreateResponses > 0) {
          switches.cutCreateResponses -= 1;
          // Made at Microsoft; the caller never hears of it.
          calls.log.push({ method, path: url.pathname, status: 0, at: now() });
          res.socket?.destroy();
          return;
        }
        return sendJson(res, status, meetingJson(meeting, user));
      }
      case 'get':
        return sendJson(res, 200, meetingJson(ownMeeting(user, route.id!), user));
      case 'update': {
        const meeting = ownMeeting(user, route.id!);
        const moved = times(body, false);
        const subject = subjectOf(body);
        if (moved) {
          meeting.startDateTime = graphTime(moved.start);
          meeting.endDateTime = graphTime(moved.end);
        }
        if (subject !== undefined) meeting.subject = subject;
        return sendJson(res, 200, meetingJson(meeting, user));
      }
      case 'delete':
        meetings.delete(ownMeeting(user, route.id!).id);
        return sendEmpty(res, 204);
    }
  }

  async function readGraphJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    const text = await readBody(req);
    if (!text) return {};
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {}
    throw graphError(400, 'BadRequest', 'Unable to read JSON request payload.');
  }

  return { graph };
}

type GraphRoute =
  | { name: 'me'; id?: undefined }
  | { name: 'create' | 'createOrGet'; id?: undefined }
  | { name: 'get' | 'update' | 'delete'; id: string };

function matchRoute(method: string, path: string): GraphRoute | null {
  if (path === '/me' && method === 'GET') return { name: 'me' };
  if (path === '/me/onlineMeetings' && method === 'POST') return { name: 'create' };
  if (path === '/me/onlineMeetings/createOrGet' && method === 'POST') return { name: 'createOrGet' };
  const one = /^\/me\/onlineMeetings\/([^/]+)$/.exec(path);
  if (one && one[1] !== 'createOrGet') {
    let id: string;
    try {
      id = decodeURIComponent(one[1]!);
    } catch {
      return null;
    }
    if (method === 'GET') return { name: 'get', id };
    if (method === 'PATCH') return { name: 'update', id };
    if (method === 'DELETE') return { name: 'delete', id };
  }
  return null;
}

/** Graph writes UTC times with seven fractional digits: `2026-12-01T09:00:00.0000000Z`. */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '0000Z');
}
