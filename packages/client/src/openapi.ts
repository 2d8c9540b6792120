// Over 500 lines on purpose: most of it is the hand-written descriptions and examples of every route, which a generator cannot say; the paths and schemas are derived.
import * as core from '@session-links/core';
import {
  API_ERROR_STATUS,
  type ApiErrorCode,
  apiErrorBodySchema,
  customLinkSchema,
  pathParamSchemas,
  providerRoutes,
  type RouteDef,
  type RouteName,
  routes,
  SYNC_RESOURCE_NAMES,
  SYNC_SECRET_HEADER,
  syncOkSchema,
  syncResources,
  syncRoutes,
} from '@session-links/core';
import * as z from 'zod/mini';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** A schema's name in core (`onlineSettingsSchema` → `OnlineSettings`), found by identity among core's exports. */
const CORE_NAMES = new Map<unknown, string>();
for (const [exported, value] of Object.entries(core)) {
  if (exported.endsWith('Schema') && !CORE_NAMES.has(value)) {
    CORE_NAMES.set(
      value,
      exported.slice(0, -'Schema'.length).replace(/^./, (c) => c.toUpperCase()),
    );
  }
}
const elementOf = (schema: z.ZodMiniType): z.ZodMiniType | undefined =>
  (schema as unknown as { _zod: { def: { type: string; element?: z.ZodMiniType } } })._zod.def.element;

/**
 * Schemas with a name of their own in `components.schemas`, so a host's generator gets
 * readable types: every route's response (or the items of a list) under its name in core,
 * every request body as `…Request` (a change, such as `SettingsChange`, is a request already).
 */
function namedSchemas(): [z.ZodMiniType, string, 'input' | 'output'][] {
  const named: [z.ZodMiniType, string, 'input' | 'output'][] = [];
  const add = (schema: z.ZodMiniType | undefined, io: 'input' | 'output') => {
    const name = CORE_NAMES.get(schema);
    if (!schema || !name || named.some(([known]) => known === schema)) return;
    named.push([schema, io === 'input' && !name.endsWith('Change') ? `${name}Request` : name, io]);
  };
  for (const route of Object.values(routes) as RouteDef[]) {
    add(CORE_NAMES.has(route.response) ? route.response : elementOf(route.response), 'output');
    add(route.body, 'input');
  }
  return named;
}

const VERSION_DOC =
  'The version of the resource this write is based on, as last read (R20). Every stored resource carries a version; ' +
  'a write names the one it started from and succeeds only when it is still the stored one, which it then increments. ' +
  'A stale version gets 409 CONFLICT and changes nothing: read again, show both values, let the user choose. 0: never written.';

/** R11, which the schema checks in code: the same rules as constraints a generated client can check too. */
const CUSTOM_LINK_URL: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 2048,
  pattern: '^\\s*[Hh][Tt][Tt][Pp][Ss]?://[^\\s\\\\]+\\s*$',
  description:
    'Absolute https: URL (http: accepted with a warning), at most 2,048 characters, trimmed and stored in its WHATWG form (R11, R21). ' +
    'Refused: other schemes (javascript:, data:, file:…), user info, backslashes, invisible or bidirectional-control characters, ' +
    'and loopback, private, link-local or cloud-metadata hosts.',
  examples: ['https://meet.google.com/abc-defg-hij'],
};

/** Walks a JSON schema and gives every custom link's `url` the R11 constraints. */
function withLinkConstraints(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withLinkConstraints);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) out[k] = withLinkConstraints(v);
  const props = out.properties as Record<string, JsonSchema> | undefined;
  if (props?.url && props.url.type === 'string' && !props.url.pattern && Array.isArray(out.required) && out.required.includes('url')) {
    const keys = Object.keys(props);
    if (keys.every((key) => ['url', 'password', 'description'].includes(key))) props.url = CUSTOM_LINK_URL;
  }
  if (props?.version && props.version.type === 'integer') props.version = { ...props.version, description: VERSION_DOC };
  return out;
}

const EXAMPLE_LINK = { url: 'https://meet.google.com/abc-defg-hij', password: 'noord-2030', description: 'Camera on, please.' };

/** What each operation is for, and an example: what a host needs to implement the backend from this document alone. */
const DOCS: { [N in RouteName]: { summary: string; description: string; example: { request?: unknown; response?: unknown } } } = {
  getMe: {
    summary: 'The signed-in user and their role on this site',
    description: 'Who the host says is signed in (R24) and their role on this site, from the host’s member data — never from the request.',
    example: { response: { id: 'anna', name: 'Anna de Vries', role: 'staff', staffId: 'anna' } },
  },
  getSettings: {
    summary: "The site's plan and default account",
    description: 'The plan (R1) and the one default account of the site (R2), with its version.',
    example: {
      response: {
        siteId: 'site-studio',
        plan: { id: 'business', name: 'Business', includesOnlineSessions: true },
        defaultAccount: {
          id: 'zoom-studio',
          kind: 'zoom',
          health: 'connected',
          user: { email: 'olivia@studio.example', name: 'Olivia Owner' },
        },
        notices: 'auto',
        version: 1,
      },
    },
  },
  setNoticePolicy: {
    summary: 'Whether clients are told of link changes (R29)',
    description:
      'Owner only. Whether booked clients are told when their link changes (R29): `auto` (the default) sends a notice at once, `review` holds it until the owner sends it (sendNotices), `off` records none. Every write with an impact dialog also takes `tellClients`: its notices are sent when `tellClients ?? (policy === "auto")`, else held — none with `off` unless `tellClients` is true.',
    example: { request: { policy: 'review', version: 3 } },
  },
  setDefaultCustomLink: {
    summary: 'Set or replace the default account with a custom link',
    description: 'Owner only (R10). Makes a custom link the site default; a Zoom default it replaces has its meetings deleted (R22).',
    example: { request: { link: EXAMPLE_LINK, version: 1 } },
  },
  disconnectDefault: {
    summary: 'Disconnect the default account (every link disappears until one is connected again)',
    description: 'Owner only. Every link disappears until a default is connected again (R8); preview with previewImpact first (R16).',
    example: { request: { version: 2 } },
  },
  listProviders: {
    summary: 'The connected providers (Zoom, Google Meet, Microsoft Teams) and whether this server is configured for each',
    description:
      'The connected providers (Zoom, Google Meet, Microsoft Teams) and whether this server is configured for each (R27, R31): ' +
      'widgets offer the configured ones and tell the owner which are not set up.',
    example: {
      response: [
        { provider: 'zoom', configured: true },
        { provider: 'google-meet', configured: true },
        { provider: 'teams', configured: false },
      ],
    },
  },
  startConnection: {
    summary: "Start connecting a provider's account: the consent page URL and the state it must return",
    description:
      "Starts connecting a provider's account (Zoom, Google Meet, Microsoft Teams) for the default or a staff member (R14, R31). " +
      'The server stores a one-time state (≥ 128 random bits, 10 minutes, bound to site, user, provider and target) and a PKCE ' +
      'verifier (R19); the widget opens `authorizeUrl` in a popup. A provider this server is not configured for: NOT_CONFIGURED.',
    example: { request: { provider: 'zoom', target: { type: 'staff', staffId: 'anna' } } },
  },
  completeConnection: {
    summary: 'Finish connecting a provider with the code and state the consent page returned',
    description:
      'Finishes a provider connection with the code and state the consent page returned. The state is spent by this call whatever ' +
      'the outcome; an unknown, spent, expired or foreign state is VALIDATION with reason PROVIDER_STATE_MISMATCH (R19).',
    example: { request: { state: 'kq1v0m4Yc3T1nUuB6x2aXo9wQ0e8L5rJ7sDfGhJkLzA', code: 'AbCdEf123', version: 1 } },
  },
  previewImpact: {
    summary: 'What a change would do to upcoming sessions and booked clients, before it is made',
    description:
      'What a change would do, before it is made (R16): sessions that lose, change or gain a link, and the booked clients to tell. ' +
      'A preview needs the permission of the change it previews (R10): for `set-session-link`, the owner or the staff member ' +
      'assigned to that session (FORBIDDEN otherwise, NOT_FOUND for an unknown session). A preview never carries a Zoom start link (R18).',
    example: { request: { type: 'set-session-link', sessionId: 'coaching-anna-1', change: { kind: 'removed' } } },
  },
  listStaff: {
    summary: 'Staff members with their individual accounts',
    description: 'Staff with their individual accounts. Staff members see colleagues’ accounts without passwords (R18).',
    example: {
      response: [{ id: 'bram', name: 'Bram Jansen', email: 'bram@studio.example', account: null, version: 1 }],
    },
  },
  setStaffCustomLink: {
    summary: "Set or replace a staff member's individual account with a custom link",
    description: 'The owner, or that staff member (R10); needs a site default first (R9, DEFAULT_ACCOUNT_REQUIRED).',
    example: { request: { link: { url: 'https://whereby.com/bram' }, version: 1 } },
  },
  removeStaffAccount: {
    summary: "Remove a staff member's individual account (their sessions use the default again)",
    description: 'The owner, or that staff member. Their sessions use the default again (R4).',
    example: { request: { version: 2 } },
  },
  listServices: {
    summary: 'Services',
    description: 'The site’s services (from the host).',
    example: { response: [{ id: 'yoga', name: 'Morning yoga', kind: 'class', online: true }] },
  },
  listSessions: {
    summary: 'Sessions in a date range, each with its resolved link and where it comes from',
    description:
      'Sessions starting in [from, to), each with its resolved link and where it comes from (R15). A Zoom meeting the server has ' +
      'not made yet reads as PROVIDER_MEETING_PENDING (R22), or NO_MEETING_MADE once the session has started (meetings are planned for upcoming sessions only: nothing waits for it); reading never calls Zoom. `hostUrl` only for the owner and the hosting staff member (R18). ' +
      'At most 62 days (MAX_SESSION_RANGE_DAYS) per request: a longer or reversed range is VALIDATION (`to: range.tooLong | range.reversed`); ' +
      'ask for a longer period in windows (core’s `sessionWindows`) (R26).',
    example: { request: { from: '2030-03-04T00:00:00Z', to: '2030-03-11T00:00:00Z' } },
  },
  getSession: {
    summary: 'One session with its resolved link and which connected account could add a meeting',
    description: 'One session, its resolved link, and which Zoom account could add a meeting to it (R7).',
    example: {
      response: {
        session: {
          id: 'yoga-1',
          serviceId: 'yoga',
          staffId: 'anna',
          start: '2030-03-06T07:00:00.000Z',
          end: '2030-03-06T08:00:00.000Z',
          override: null,
          version: 1,
        },
        resolution: { status: 'none', reason: 'PROVIDER_MEETING_PENDING', provider: 'zoom', warnings: [] },
        meetingAvailableFrom: { from: 'staff', provider: 'zoom' },
      },
    },
  },
  getSessionLinkHistory: {
    summary:
      "Every change of one session's link, newest first: when, by whom, from what to what (R30). Paged: `before` an entry's id, `limit` at most 100",
    description:
      'Every change of one session’s link, newest first (R30): when, by whom (a member, the host’s calendar, or Zoom), from what to what; why is the source or reason before and after. The owner reads any session’s, a staff member their own sessions’ (R10); no host links, passwords by R18. Paged: pass `nextCursor` as `before`; `limit` 1–100 (default 20).',
    example: {
      response: {
        entries: [
          {
            id: '42',
            sessionId: 'pottery-1',
            at: '2030-03-04T12:00:00.000Z',
            actor: { type: 'user', userId: 'owner', name: 'Olivia' },
            before: {
              status: 'linked',
              link: { type: 'ZOOM', provider: 'zoom', guestUrl: 'https://zoom.us/j/123', meetingId: '123' },
              source: 'default',
              accountId: 'acc-default',
              staffId: null,
              warnings: [],
            },
            after: {
              status: 'linked',
              link: { type: 'CUSTOM', provider: 'whereby', guestUrl: 'https://whereby.com/pottery' },
              source: 'course',
              accountId: null,
              staffId: null,
              warnings: [],
            },
          },
        ],
        nextCursor: null,
      },
    },
  },
  setSessionLink: {
    summary: "Add, replace, remove or reset one session's link",
    description: 'Add, replace, remove or reset one session’s link (R7). The owner, or the staff member assigned to it (R10).',
    example: { request: { change: { kind: 'meeting' }, version: 1 } },
  },
  getCourseLink: {
    summary: "A course's own link and whether one can be set",
    description: 'A course’s own link and whether one can be set (R5).',
    example: { response: { courseLink: { serviceId: 'pottery', link: null, version: 0 }, sessionCount: 3, blocker: null } },
  },
  setCourseLink: {
    summary: "Set, replace or clear a course's link; answers which sessions and booked clients it touched",
    description:
      'Owner only. Sets, replaces or clears a course’s link; the answer names every session it touched, past and future, and the booked clients (R6).',
    example: { request: { link: { url: 'https://whereby.com/pottery' }, version: 0 } },
  },
  getServiceVideo: {
    summary: "A service's video-conferencing switch: whether its sessions are online",
    description:
      'A service’s video-conferencing switch: whether its sessions are online. `online` is the service’s field as the host synced it; `version` rises with every change of it.',
    example: { response: { serviceId: 'massage', online: false, version: 0 } },
  },
  setServiceVideo: {
    summary:
      "Switch a service's online sessions on or off; answers which upcoming sessions gained or lost a link. The host's next sync of the service stands over it",
    description:
      'Owner only. Switches a service’s online sessions on or off (R1: needs the plan; R8: allowed without a default account, its sessions then get no link). The answer names the upcoming sessions that gained or lost a link and the booked clients to tell (R16). The host owns services: its next sync of the service stands over this, so carry the change into the host’s own data.',
    example: { request: { online: true, version: 0 } },
  },
  listNotices: {
    summary: 'Who was told of link changes (R29)',
    description:
      'Exactly one of `sessionId` and `serviceId` (a course: its upcoming sessions). The latest notice of each booking (R29): `pending` on its way, `sent`, `failed` given up (with a short reason, never an address), `held` waiting for the owner; and the counts ("told 5 of 6; 1 failed"). The owner any session’s and course’s; a staff member only their own sessions’ (R10).',
    example: {
      request: { sessionId: 'yoga-1' },
      response: {
        summary: { total: 2, sent: 1, pending: 0, failed: 1, held: 0 },
        notices: [
          {
            id: '7f0c2a4e-3b1d-4c55-9a61-0d2f1e6b8a10',
            bookingId: 'booking-1',
            sessionId: 'yoga-1',
            clientName: 'Sam Client',
            kind: 'booking-changed',
            status: 'sent',
            error: null,
            createdAt: '2026-11-20T09:00:00.000Z',
            sentAt: '2026-11-20T09:00:04.000Z',
          },
        ],
      },
    },
  },
  sendNotices: {
    summary: 'Send held or failed notices now',
    description:
      'Owner only. Sends these notices now (1–500 ids): held ones are released, failed ones (given up) tried again from the start. Answers how many are now on their way; ids of other sites, sent or already pending ones are left alone.',
    example: { request: { ids: ['7f0c2a4e-3b1d-4c55-9a61-0d2f1e6b8a10'] }, response: { queued: 1 } },
  },
  listAutomations: {
    summary: 'Automated e-mails that carry online-session links, with the state of their join-online section',
    description: 'Owner only. The automated e-mails that carry links, with the state of their join-online section (R12).',
    example: { response: [{ id: 'booking-confirmation', joinSection: 'complete', version: 1 }] },
  },
  getTemplate: {
    summary: "An automation's e-mail template",
    description: 'Owner only. An automation’s template; the default one (version 0) until saved.',
    example: { request: { automationId: 'session-reminder' } },
  },
  saveTemplate: {
    summary: "Save an automation's e-mail template",
    description: 'Owner only. Saves an automation’s template (R12).',
    example: { request: { subject: 'See you soon', body: 'Hello {clientName}', joinOnline: { elements: ['join-link'] }, version: 1 } },
  },
  resetTemplate: {
    summary: "Reset an automation's e-mail to its default template",
    description: 'Owner only. Back to the automation’s default template (R12).',
    example: { request: { version: 2 } },
  },
  renderBookingEmail: {
    summary:
      "An automation's e-mail for a booking, with its iCalendar part, for the host's mailer: the owner, or the host's server with the sync secret",
    description:
      'Owner only, or the host’s server with the sync secret in `x-session-links-sync-secret` (no user). An automation’s e-mail for a booking from the site’s saved template, with an iCalendar part (R28).',
    example: { request: { sessionId: 'yoga-1', timeZone: 'Europe/Amsterdam' } },
  },
};

const PATH_EXAMPLES: Record<string, string> = {
  staffId: 'anna',
  sessionId: 'yoga-1',
  serviceId: 'pottery',
  automationId: 'booking-confirmation',
  bookingId: 'booking-1',
};

const ERROR_DOCS: Partial<Record<ApiErrorCode, string>> = {
  UNAUTHORIZED: 'UNAUTHORIZED: the host recognised no signed-in user (R24).',
  RATE_LIMITED: 'RATE_LIMITED: too many requests; `retryAfter` (and the Retry-After header) say how many seconds to wait.',
  UNAVAILABLE:
    'UNAVAILABLE: the database is away for a moment (restart, failover); `retryAfter` (and the Retry-After header) say when to try again. Nothing was written (R25).',
  NOT_CONFIGURED: 'NOT_CONFIGURED: the server has no configuration for what was asked (e.g. Zoom without ZOOM_* settings) (R27).',
  CONFLICT: 'CONFLICT: the `version` sent is not the stored one — someone else saved first. Nothing changed (R20).',
  VALIDATION: 'VALIDATION: the input breaks the schema (`fields`: path → error codes) or a rule (`reason`).',
  FORBIDDEN: 'FORBIDDEN: the signed-in user’s role does not allow this (R10), or they are not a member of the site.',
  NOT_FOUND: 'NOT_FOUND: no such site, session, service, staff member, automation or route.',
  PLAN_REQUIRED: 'PLAN_REQUIRED: the site’s plan does not include online sessions (R1).',
  DEFAULT_ACCOUNT_REQUIRED: 'DEFAULT_ACCOUNT_REQUIRED: connect a site default first (R9).',
  SERVER: 'SERVER: something failed on the server; quote `requestId` to its operator. Nothing was half-written.',
};

/**
 * The OpenAPI 3.1 document of the session-links API, generated from the same zod
 * schemas the client parses with, so a host can implement the backend against it.
 */
export function createOpenApiDocument(options: { version?: string; serverUrl?: string } = {}) {
  const components: Record<string, unknown> = {
    ApiError: toSchema(apiErrorBodySchema, 'output'),
    CustomLink: withLinkConstraints(toSchema(customLinkSchema, 'input')),
  };
  const named = new Map<z.ZodMiniType, string>();
  for (const [schema, name, io] of namedSchemas()) {
    named.set(schema, name);
    components[name] = withLinkConstraints(toSchema(schema, io));
  }
  const ref = (schema: z.ZodMiniType, io: 'input' | 'output'): unknown => {
    const name = named.get(schema);
    if (name) return { $ref: `#/components/schemas/${name}` };
    const element = elementOf(schema);
    if (element && named.has(element)) return { type: 'array', items: ref(element, io) };
    return withLinkConstraints(toSchema(schema, io));
  };
  const errorResponse = (code: ApiErrorCode) => {
    const response: Record<string, unknown> = {
      description: ERROR_DOCS[code] ?? code,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
    };
    if (code === 'RATE_LIMITED' || code === 'UNAVAILABLE') {
      response.headers = { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer', minimum: 0 } } };
    }
    return response;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(routes) as [RouteName, RouteDef][]) {
    const docs = DOCS[operationId];
    const exampleParams: Record<string, unknown> = { siteId: 'site-studio', ...(docs.example.request as Record<string, unknown>) };
    const parameters: unknown[] = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: toSchema(pathParamSchemas[name as string] ?? z.string(), 'input'),
      example: exampleParams[name as string] ?? PATH_EXAMPLES[name as string],
    }));
    if (route.query) {
      for (const [name, schema] of Object.entries(route.query.shape)) {
        parameters.push({
          name,
          in: 'query',
          required: !(schema as z.ZodMiniType).safeParse(undefined).success,
          schema: toSchema(schema as z.ZodMiniType, 'input'),
          example: (docs.example.request as Record<string, unknown> | undefined)?.[name],
        });
      }
    }
    const ok: Record<string, unknown> = { schema: ref(route.response, 'output') };
    if (docs.example.response !== undefined) ok.example = docs.example.response;
    const responses: Record<string, unknown> = { '200': { description: 'OK', content: { 'application/json': ok } } };
    for (const code of new Set<ApiErrorCode>([...route.errors, 'UNAUTHORIZED', 'RATE_LIMITED'])) {
      responses[String(API_ERROR_STATUS[code])] = errorResponse(code);
    }
    const operation: Record<string, unknown> = {
      operationId,
      tags: ['api'],
      summary: docs.summary,
      description: docs.description,
      parameters,
      responses,
    };
    if (route.body) {
      const content: Record<string, unknown> = { schema: ref(route.body, 'input') };
      if (docs.example.request !== undefined) content.example = docs.example.request;
      operation.requestBody = { required: true, content: { 'application/json': content } };
    }
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = operation;
  }
  Object.assign(paths, syncPaths(ref, errorResponse));
  Object.assign(paths, providerPaths(errorResponse));
  return {
    openapi: '3.1.0',
    info: {
      title: 'session-links API',
      version: options.version ?? '0.1.0',
      description:
        'Video-conferencing links of online sessions: default and staff accounts, session and course links, e-mail templates. ' +
        'Every request carries the host’s own authentication (cookie or bearer token); without a signed-in user the answer is ' +
        '401 UNAUTHORIZED. Roles come from the host’s member data. Writes use optimistic concurrency: each resource carries a ' +
        '`version`; a write sends the version it was based on and a stale one gets 409 CONFLICT. Bodies are JSON (415 otherwise), ' +
        'at most 64 kB (413).',
    },
    servers: [{ url: options.serverUrl ?? '/api/session-links' }],
    tags: [
      { name: 'api', description: 'What the widgets call, as the signed-in user.' },
      {
        name: 'sync',
        description:
          'The host’s sync API: the host’s server keeps its sites, members, staff, services, sessions, clients and bookings in ' +
          'session-links’ database, idempotently (PUT upserts, DELETE deletes; deleting something absent is not an error). ' +
          `Server to server only, with the \`${SYNC_SECRET_HEADER}\` header; never from a browser. Enabled by ` +
          '`SESSION_LINKS_SYNC_SECRET` (or `createHandler({ sync: { secret } })`). Typed client: `createSyncClient` from ' +
          '`@session-links/client/sync`.',
      },
      {
        name: 'providers',
        description:
          'The connected providers’ own routes, called by the provider, not by the widgets: the OAuth callback page and the webhook. ' +
          'They carry no signed-in user: the flow’s one-time state, or the provider’s signature, instead.',
      },
    ],
    security: [{ hostSession: [] }, { hostBearer: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        hostSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'session',
          description: 'The host app’s own session cookie (its name is the host’s); the host’s authenticator turns it into a user (R24).',
        },
        hostBearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Or a bearer token the host issues; `session-links-server --dev-auth` accepts `Bearer dev:<userId>` in development.',
        },
        syncSecret: {
          type: 'apiKey',
          in: 'header',
          name: SYNC_SECRET_HEADER,
          description: 'The sync API’s shared secret (`SESSION_LINKS_SYNC_SECRET`): the host’s server only, never a browser.',
        },
      },
    },
  };
}

const SYNC_EXAMPLES: Record<string, unknown> = {
  sites: {
    name: 'Studio Zen',
    plan: { id: 'business', name: 'Business', includesOnlineSessions: true },
    locale: 'nl',
    timeZone: 'Europe/Amsterdam',
  },
  members: { name: 'Olivia Owner', role: 'owner', staffId: null },
  staff: { name: 'Anna de Vries', email: 'anna@studio.example' },
  services: { name: 'Morning yoga', kind: 'class', online: true },
  sessions: { serviceId: 'yoga', staffId: 'anna', start: '2030-03-06T08:00:00.000Z', end: '2030-03-06T09:00:00.000Z' },
  clients: { name: 'Carla Smit', email: 'carla@clients.example' },
  bookings: { clientId: 'c-carla', serviceId: 'yoga', sessionId: 'yoga-1' },
};
const SYNC_IDS: Record<string, string> = {
  userId: 'owner',
  staffId: 'anna',
  serviceId: 'yoga',
  sessionId: 'yoga-1',
  clientId: 'c-carla',
  bookingId: 'b-1',
};
const SYNC_REFERENCES: Record<string, string> = {
  sessions:
    ' `serviceId` (and `staffId`, when not null) must be synced first and `end` must be after `start`, else 422 VALIDATION with ' +
    '`fields` naming each. A new, moved or reassigned session gets its Zoom meeting made, updated or replaced by the worker (R22).',
  bookings:
    ' `clientId`, `serviceId` and `sessionId` (when not null: a session of that service; null books the whole course) must be ' +
    'synced first, else 422 VALIDATION with `fields` naming each.',
};

/** The sync API's operations, from core's `syncRoutes`: the table the server routes and validates with. */
function syncPaths(
  ref: (schema: z.ZodMiniType, io: 'input' | 'output') => unknown,
  errorResponse: (code: ApiErrorCode) => Record<string, unknown>,
): Record<string, Record<string, unknown>> {
  const siteParam = {
    name: 'siteId',
    in: 'path',
    required: true,
    schema: toSchema(pathParamSchemas.siteId as z.ZodMiniType, 'input'),
    example: 'site-studio',
  };
  const responses = (put: boolean) => {
    const r: Record<string, unknown> = {
      '200': {
        description: 'Stored (PUT) or deleted (DELETE).',
        content: { 'application/json': { schema: ref(syncOkSchema, 'output'), example: { ok: true } } },
      },
      '401': errorResponse('UNAUTHORIZED'),
      '404': {
        ...errorResponse('NOT_FOUND'),
        description: 'NOT_FOUND: the sync API is off (no secret configured), or no such sync route.',
      },
      '429': errorResponse('RATE_LIMITED'),
      '503': errorResponse('UNAVAILABLE'),
    };
    if (put) r['422'] = errorResponse('VALIDATION');
    return r;
  };
  const paths: Record<string, Record<string, unknown>> = {};
  const resourceIds: Record<string, string> = Object.fromEntries(SYNC_RESOURCE_NAMES.map((r) => [r, syncResources[r].idName]));
  for (const [operationId, route] of Object.entries(syncRoutes)) {
    const put = route.method === 'put';
    const { resource } = route;
    if (resource === 'notices') {
      paths[route.path] ??= {};
      (paths[route.path] as Record<string, unknown>)[route.method] = noticePullOperation(operationId, route, ref, errorResponse);
      continue;
    }
    const idName = resourceIds[resource];
    const parameters: unknown[] = [siteParam];
    if (idName) {
      parameters.push({
        name: idName,
        in: 'path',
        required: true,
        schema: toSchema(pathParamSchemas.siteId as z.ZodMiniType, 'input'),
        example: SYNC_IDS[idName],
      });
    }
    const summary = resource === 'sites' ? '' : syncResources[resource].summary;
    const description =
      resource === 'sites'
        ? put
          ? 'The site (tenant), its plan (R1) and the language and IANA time zone of its e-mails (R28; default en, UTC). Idempotent.'
          : 'Deletes the site; deleting an absent site is not an error.'
        : put
          ? `${summary}. Idempotent.${SYNC_REFERENCES[resource] ?? ''}`
          : `${summary}: deleted; deleting one that is absent is not an error.${resource === 'sessions' ? ' Its Zoom meeting is deleted by the worker.' : ''}`;
    const op: Record<string, unknown> = {
      operationId,
      tags: ['sync'],
      security: [{ syncSecret: [] }],
      summary: route.summary,
      description,
      parameters,
      responses: responses(put),
    };
    if (route.body)
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: ref(route.body, 'input'), example: SYNC_EXAMPLES[resource] } },
      };
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = op;
  }
  return paths;
}

/** R29's pull API (`resource: 'notices'` in `syncRoutes`): claim due notices with their e-mails, mark each sent or failed. */
function noticePullOperation(
  operationId: string,
  route: (typeof syncRoutes)[string],
  ref: (schema: z.ZodMiniType, io: 'input' | 'output') => unknown,
  errorResponse: (code: ApiErrorCode) => Record<string, unknown>,
): Record<string, unknown> {
  const claim = operationId === 'syncClaimNotices';
  const responses: Record<string, unknown> = {
    '200': {
      description: claim
        ? "The notices claimed (none when nothing is due), each with its e-mail rendered from the site's template (R28)."
        : 'Recorded.',
      content: { 'application/json': { schema: ref(route.response as z.ZodMiniType, 'output') } },
    },
    '401': errorResponse('UNAUTHORIZED'),
    '404': {
      ...errorResponse('NOT_FOUND'),
      description: claim
        ? 'NOT_FOUND: the sync API is off (no secret configured), or the store keeps no outbox.'
        : 'NOT_FOUND: no such notice, or the sync API is off.',
    },
    '422': errorResponse('VALIDATION'),
    '429': errorResponse('RATE_LIMITED'),
    '503': errorResponse('UNAVAILABLE'),
  };
  if (!claim)
    responses['409'] = {
      ...errorResponse('CONFLICT'),
      description: 'CONFLICT: the claim is stale (its lease ran out and the notice may be claimed again, or it was marked already).',
    };
  return {
    operationId,
    tags: ['sync'],
    security: [{ syncSecret: [] }],
    summary: route.summary,
    description: claim
      ? 'R29, for a host that delivers notices itself (no SMTP, no webhook configured): takes up to `limit` due notices and holds ' +
        'them for `leaseSeconds`. Send each with `messageId` as its Message-ID (the same on every attempt: a re-sent notice is ' +
        'recognisably the same message), `message.ics` as its text/calendar part, then mark it sent or failed with its `claim`.'
      : operationId === 'syncMarkNoticeSent'
        ? 'The notice was delivered: recorded sent, once. The owner sees it as told.'
        : 'The notice was not delivered: tried again later with backoff, or given up at once when `permanent` (or after 8 attempts). ' +
          '`reason` is shown to the owner: short, never the address.',
    parameters: claim
      ? []
      : [{ name: 'noticeId', in: 'path', required: true, schema: toSchema(pathParamSchemas.siteId as z.ZodMiniType, 'input') }],
    requestBody: { required: true, content: { 'application/json': { schema: ref(route.body as z.ZodMiniType, 'input') } } },
    responses,
  };
}

/** The providers' routes, from core's `providerRoutes`: the callback page (HTML) and the webhook (the provider's JSON). */
function providerPaths(errorResponse: (code: ApiErrorCode) => Record<string, unknown>): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  const callbacks = [
    ['zoomCallback', 'ZOOM_REDIRECT_URI'],
    ['googleCallback', 'GOOGLE_REDIRECT_URI'],
    ['microsoftCallback', 'MICROSOFT_REDIRECT_URI'],
  ] as const;
  for (const [name, variable] of callbacks) {
    const callback = providerRoutes[name];
    paths[callback.path] = {
      [callback.method]: {
        operationId: name,
        tags: ['providers'],
        security: [],
        summary: callback.summary,
        description:
          `The OAuth redirect URI (\`${variable}\`, \`{origin}{basePath}${callback.path}\`). Answers a small HTML page that posts ` +
          '`code` and `state` to the page that opened the popup, only to the origin stored with the state (R14, R19); the widget then ' +
          'calls completeConnection. A state started for another provider is refused (R31).',
        parameters: Object.entries(callback.query.shape).map(([param, schema]) => ({
          name: param,
          in: 'query',
          required: false,
          schema: toSchema(schema as z.ZodMiniType, 'input'),
        })),
        responses: {
          '200': { description: 'The page that hands the result to the widget.', content: { 'text/html': { schema: { type: 'string' } } } },
          '503': errorResponse('UNAVAILABLE'),
        },
      },
    };
  }
  const webhook = providerRoutes.zoomWebhook;
  paths[webhook.path] = {
    [webhook.method]: {
      operationId: 'zoomWebhook',
      tags: ['providers'],
      security: [],
      summary: webhook.summary,
      description:
        'Served only with `ZOOM_WEBHOOK_SECRET_TOKEN` (404 otherwise). `x-zm-signature` must be `v0=` HMAC-SHA256 of ' +
        '`v0:{x-zm-request-timestamp}:{body}` with the secret, at most 5 minutes old: else 401 and nothing changes. ' +
        '`endpoint.url_validation` is answered; `app_deauthorized` expires the user’s accounts (R17); `meeting.deleted` makes a new meeting (R22).',
      parameters: ['x-zm-signature', 'x-zm-request-timestamp'].map((name) => ({
        name,
        in: 'header',
        required: true,
        schema: { type: 'string' },
      })),
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: toSchema(webhook.body, 'input'),
            example: { event: 'app_deauthorized', payload: { user_id: 'z-1', account_id: 'acc-1' }, event_ts: 1900000000000 },
          },
        },
      },
      responses: {
        '200': { description: 'Received (or the url_validation answer).', content: { 'application/json': { schema: {} } } },
        '401': { description: 'A missing, forged or stale signature.' },
        '404': errorResponse('NOT_FOUND'),
        '413': { description: 'The body is larger than 64 kB.' },
      },
    },
  };
  return paths;
}
