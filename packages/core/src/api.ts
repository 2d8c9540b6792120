import * as z from 'zod/mini';
import { sessionLinkChangeSchema, settingsChangeSchema, zoomTargetSchema } from './changes';
import { customLinkSchema } from './custom-link';
import { automationIdSchema, automationSummarySchema, localeSchema, templateSchema } from './email';
import { linkHistoryPageSchema, linkHistoryQuerySchema } from './history';
import { impactSchema } from './impact';
import {
  noticeListSchema,
  noticesQuerySchema,
  sendNoticesResultSchema,
  sendNoticesSchema,
  setNoticePolicySchema,
  tellClientsField,
} from './notices';
import {
  accountSchema,
  courseLinkSchema,
  currentUserSchema,
  idSchema,
  isoDateTimeSchema,
  onlineSettingsSchema,
  resolutionSchema,
  resolvedSessionSchema,
  serviceSchema,
  serviceVideoSchema,
  sessionSchema,
  staffMemberSchema,
  versionSchema,
} from './schemas';
import { storableText } from './text';

/**
 * The HTTP contract between the client and a backend, as data: one route per
 * operation, with the zod schemas of its input and output. The client, the mocks and
 * the OpenAPI document are all derived from this table.
 */

export const API_ERROR_CODES = [
  'PLAN_REQUIRED',
  'DEFAULT_ACCOUNT_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'VALIDATION',
  /** No identity: the host's authenticator recognised no user (R24). */
  'UNAUTHORIZED',
  /** Too many requests; `retryAfter` says how many seconds to wait (R24). */
  'RATE_LIMITED',
  /** The server's database is away for a moment (R25); `retryAfter` says when to try again. */
  'UNAVAILABLE',
  /** What was asked needs something the server's operator has not set up, e.g. a provider with no configuration (R27). */
  'NOT_CONFIGURED',
  'NETWORK',
  'SERVER',
] as const;
export const apiErrorCodeSchema = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

/** HTTP status a backend answers each error code with. NETWORK never comes from a server. */
export const API_ERROR_STATUS: Record<ApiErrorCode, number> = {
  PLAN_REQUIRED: 402,
  DEFAULT_ACCOUNT_REQUIRED: 412,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION: 422,
  UNAUTHORIZED: 401,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  NOT_CONFIGURED: 501,
  NETWORK: 0,
  SERVER: 500,
};

/** Machine-readable detail of a refusal, beyond its code (e.g. why a course link cannot be set). */
export const API_ERROR_REASONS = [
  'COURSE_HAS_NO_SESSIONS',
  'NOT_A_COURSE',
  'NO_ZOOM_ACCOUNT',
  'ZOOM_STATE_MISMATCH',
  'ZOOM_DENIED',
  /** A Zoom connection started from an origin the host does not allow (R27): the code would go there. */
  'ORIGIN_NOT_ALLOWED',
  /** Zoom has no configuration on this server (R27): NOT_CONFIGURED. */
  'ZOOM_NOT_CONFIGURED',
] as const;
export type ApiErrorReason = (typeof API_ERROR_REASONS)[number];

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: apiErrorCodeSchema,
    message: z.string(),
    reason: z.optional(z.enum(API_ERROR_REASONS)),
    /** Field path → error codes, for VALIDATION. */
    fields: z.optional(z.record(z.string(), z.array(z.string()))),
    /** Seconds to wait before trying again, for RATE_LIMITED and UNAVAILABLE. */
    retryAfter: z.optional(z.int().check(z.nonnegative())),
    /** Correlates a SERVER answer with the server's log line. */
    requestId: z.optional(z.string()),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

// ---- request and response bodies ------------------------------------------------------

export const zoomStartSchema = z.object({ target: zoomTargetSchema });
export const zoomAuthorizationSchema = z.object({
  authorizeUrl: z.url({ protocol: /^https?$/ }),
  /** Must come back unchanged from the consent page (R14). */
  state: z.string().check(z.minLength(16), z.maxLength(256)),
  /** The only origin whose completion message the widget accepts. */
  callbackOrigin: z.string(),
});
export type ZoomAuthorization = z.infer<typeof zoomAuthorizationSchema>;

export const zoomCompleteSchema = z.object({
  state: z.string().check(z.minLength(16), z.maxLength(256), storableText('state.invalid')),
  code: z.string().check(z.minLength(1), z.maxLength(512), storableText('code.invalid')),
  /** The version of the target (settings or staff member) the widget last saw. */
  version: versionSchema,
  ...tellClientsField,
});
export const zoomConnectionSchema = z.object({ target: zoomTargetSchema, account: accountSchema });
export type ZoomConnection = z.infer<typeof zoomConnectionSchema>;

/** What the consent page posts to the opener window. */
export const zoomCallbackMessageSchema = z.discriminatedUnion('outcome', [
  z.object({ type: z.literal('session-links:zoom-callback'), outcome: z.literal('allow'), state: z.string(), code: z.string() }),
  z.object({ type: z.literal('session-links:zoom-callback'), outcome: z.enum(['deny', 'cancel']), state: z.string() }),
]);
export type ZoomCallbackMessage = z.infer<typeof zoomCallbackMessageSchema>;

export const versionedSchema = z.object({ version: versionSchema });
/** A versioned write whose widget shows an impact dialog (R16): with "Tell them now" (R29). */
export const versionedTellSchema = z.object({ version: versionSchema, ...tellClientsField });
export const setCustomLinkSchema = z.object({ link: customLinkSchema, version: versionSchema, ...tellClientsField });

/**
 * The longest range one `listSessions` asks for (R26): 62 days, two months of any length.
 * A longer period is asked for in windows (`sessionWindows`) and the answers joined.
 */
export const MAX_SESSION_RANGE_DAYS = 62;
const MAX_SESSION_RANGE_MS = MAX_SESSION_RANGE_DAYS * 86_400_000;

export const sessionsQuerySchema = z.object({ from: isoDateTimeSchema, to: isoDateTimeSchema }).check(
  z.superRefine((range, ctx) => {
    const span = Date.parse(range.to) - Date.parse(range.from);
    if (span < 0) ctx.addIssue({ code: 'custom', message: 'range.reversed', path: ['to'], input: range.to });
    else if (span > MAX_SESSION_RANGE_MS) ctx.addIssue({ code: 'custom', message: 'range.tooLong', path: ['to'], input: range.to });
  }),
);

/**
 * A period as the `listSessions` windows that cover it, in order, each at most
 * `MAX_SESSION_RANGE_DAYS` long and ending where the next starts (`to` is exclusive), so
 * every session of the period is in exactly one window. One window when it fits.
 */
export function sessionWindows(range: { from: string; to: string }, maxDays = MAX_SESSION_RANGE_DAYS): { from: string; to: string }[] {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const step = maxDays * 86_400_000;
  if (!(to - from > step)) return [range];
  const windows: { from: string; to: string }[] = [];
  for (let at = from; at < to; at += step) {
    windows.push({
      from: at === from ? range.from : new Date(at).toISOString(),
      to: at + step >= to ? range.to : new Date(at + step).toISOString(),
    });
  }
  return windows;
}

export const sessionDetailSchema = z.object({
  session: sessionSchema,
  resolution: resolutionSchema,
  /** Where an added Zoom meeting would come from (R7), or null: only a custom link can be added. */
  zoomAvailableFrom: z.nullable(z.enum(['staff', 'default'])),
});
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

export const setSessionLinkSchema = z.object({ change: sessionLinkChangeSchema, version: versionSchema, ...tellClientsField });

export const courseLinkStateSchema = z.object({
  courseLink: courseLinkSchema,
  sessionCount: z.int().check(z.nonnegative()),
  blocker: z.nullable(z.enum(['PLAN_REQUIRED', 'NOT_A_COURSE', 'COURSE_HAS_NO_SESSIONS'])),
});
export type CourseLinkState = z.infer<typeof courseLinkStateSchema>;
export const setCourseLinkSchema = z.object({ link: z.nullable(customLinkSchema), version: versionSchema, ...tellClientsField });
export const courseLinkUpdateSchema = z.object({ courseLink: courseLinkSchema, propagation: impactSchema });
export type CourseLinkUpdate = z.infer<typeof courseLinkUpdateSchema>;

export const setServiceVideoSchema = z.object({ online: z.boolean(), version: versionSchema, ...tellClientsField });
/** A service switched on or off: the switch as saved and which upcoming sessions gained or lost a link, and whom to tell (R16). */
export const serviceVideoUpdateSchema = z.object({ video: serviceVideoSchema, impact: impactSchema });
export type ServiceVideoUpdate = z.infer<typeof serviceVideoUpdateSchema>;

export const saveTemplateSchema = z.object({
  subject: templateSchema.shape.subject,
  body: templateSchema.shape.body,
  joinOnline: templateSchema.shape.joinOnline,
  version: versionSchema,
});

/**
 * Which session of a course booking the e-mail is about (default: the next one), and the
 * IANA time zone its start is written in (default: the site's, synced with the site, else UTC;
 * one this runtime does not know is refused by the server with `timeZoneSchema`, kept out of
 * this table so the widgets' client does not carry it).
 */
export const bookingEmailRequestSchema = z.object({
  sessionId: z.optional(idSchema),
  timeZone: z.optional(z.string().check(z.maxLength(64))),
});

/**
 * An automation's e-mail for one booking (R28), ready for the host's mailer: the message
 * parts and an iCalendar part (RFC 5545) for the booked session.
 */
export const bookingEmailSchema = z.object({
  bookingId: idSchema,
  sessionId: idSchema,
  automationId: automationIdSchema,
  locale: localeSchema,
  timeZone: z.string(),
  /** The client: the name on one line, and the address — `null` when the synced one is not a single e-mail address (never a header's worth of text). */
  to: z.object({ name: z.string(), email: z.nullable(z.string()) }),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  /** The join data the calendar part carries: the link, and the password and description the template keeps. */
  join: z.nullable(z.object({ url: z.string(), password: z.nullable(z.string()), description: z.nullable(z.string()) })),
  calendar: z.object({
    /** Stable per booking and session. */
    uid: z.string(),
    /** Rises with every change of the site (its revision). */
    sequence: z.number(),
    /** `CANCEL` when the session takes place on site. */
    method: z.enum(['REQUEST', 'CANCEL']),
    /** The `text/calendar` body. */
    ics: z.string(),
  }),
});
export type BookingEmailMessage = z.infer<typeof bookingEmailSchema>;

// ---- routes ---------------------------------------------------------------------------

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

export interface RouteDef {
  method: HttpMethod;
  /** OpenAPI-style template; `{siteId}` is filled in by the client. */
  path: string;
  summary: string;
  body?: z.ZodMiniType;
  query?: z.ZodMiniObject;
  response: z.ZodMiniType;
  errors: readonly ApiErrorCode[];
}

const READ = ['FORBIDDEN', 'NOT_FOUND', 'SERVER'] as const;
const WRITE = ['PLAN_REQUIRED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'VALIDATION', 'SERVER'] as const;

export const routes = {
  getMe: {
    method: 'get',
    path: '/sites/{siteId}/me',
    summary: 'The signed-in user and their role on this site',
    response: currentUserSchema,
    errors: READ,
  },
  getSettings: {
    method: 'get',
    path: '/sites/{siteId}/settings',
    summary: "The site's plan and default account",
    response: onlineSettingsSchema,
    errors: READ,
  },
  setNoticePolicy: {
    method: 'put',
    path: '/sites/{siteId}/settings/notices',
    summary: 'Whether clients are told of link changes (R29)',
    body: setNoticePolicySchema,
    response: onlineSettingsSchema,
    errors: WRITE,
  },
  setDefaultCustomLink: {
    method: 'put',
    path: '/sites/{siteId}/settings/default-account',
    summary: 'Set or replace the default account with a custom link',
    body: setCustomLinkSchema,
    response: onlineSettingsSchema,
    errors: WRITE,
  },
  disconnectDefault: {
    method: 'post',
    path: '/sites/{siteId}/settings/default-account/disconnect',
    summary: 'Disconnect the default account (every link disappears until one is connected again)',
    body: versionedTellSchema,
    response: onlineSettingsSchema,
    errors: WRITE,
  },
  startZoomConnection: {
    method: 'post',
    path: '/sites/{siteId}/zoom/connections',
    summary: 'Start connecting a Zoom account: the consent page URL and the state it must return',
    body: zoomStartSchema,
    response: zoomAuthorizationSchema,
    errors: [...WRITE, 'DEFAULT_ACCOUNT_REQUIRED'],
  },
  completeZoomConnection: {
    method: 'post',
    path: '/sites/{siteId}/zoom/connections/complete',
    summary: 'Finish connecting Zoom with the code and state the consent page returned',
    body: zoomCompleteSchema,
    response: zoomConnectionSchema,
    errors: [...WRITE, 'DEFAULT_ACCOUNT_REQUIRED'],
  },
  previewImpact: {
    method: 'post',
    path: '/sites/{siteId}/impact',
    summary: 'What a change would do to upcoming sessions and booked clients, before it is made',
    body: settingsChangeSchema,
    response: impactSchema,
    errors: [...READ, 'VALIDATION'],
  },
  listStaff: {
    method: 'get',
    path: '/sites/{siteId}/staff',
    summary: 'Staff members with their individual accounts',
    response: z.array(staffMemberSchema),
    errors: READ,
  },
  setStaffCustomLink: {
    method: 'put',
    path: '/sites/{siteId}/staff/{staffId}/account',
    summary: "Set or replace a staff member's individual account with a custom link",
    body: setCustomLinkSchema,
    response: staffMemberSchema,
    errors: [...WRITE, 'DEFAULT_ACCOUNT_REQUIRED'],
  },
  removeStaffAccount: {
    method: 'post',
    path: '/sites/{siteId}/staff/{staffId}/account/remove',
    summary: "Remove a staff member's individual account (their sessions use the default again)",
    body: versionedTellSchema,
    response: staffMemberSchema,
    errors: WRITE,
  },
  listServices: { method: 'get', path: '/sites/{siteId}/services', summary: 'Services', response: z.array(serviceSchema), errors: READ },
  getServiceVideo: {
    method: 'get',
    path: '/sites/{siteId}/services/{serviceId}/video',
    summary: "A service's video-conferencing switch: whether its sessions are online",
    response: serviceVideoSchema,
    errors: READ,
  },
  setServiceVideo: {
    method: 'put',
    path: '/sites/{siteId}/services/{serviceId}/video',
    summary:
      "Switch a service's online sessions on or off; answers which upcoming sessions gained or lost a link. The host's next sync of the service stands over it",
    body: setServiceVideoSchema,
    response: serviceVideoUpdateSchema,
    errors: WRITE,
  },
  listSessions: {
    method: 'get',
    path: '/sites/{siteId}/sessions',
    summary: 'Sessions in a date range, each with its resolved link and where it comes from',
    query: sessionsQuerySchema,
    response: z.array(resolvedSessionSchema),
    errors: [...READ, 'VALIDATION'],
  },
  getSession: {
    method: 'get',
    path: '/sites/{siteId}/sessions/{sessionId}',
    summary: 'One session with its resolved link and which Zoom account could add a meeting',
    response: sessionDetailSchema,
    errors: READ,
  },
  getSessionLinkHistory: {
    method: 'get',
    path: '/sites/{siteId}/sessions/{sessionId}/history',
    summary:
      "Every change of one session's link, newest first: when, by whom, from what to what (R30). Paged: `before` an entry's id, `limit` at most 100",
    query: linkHistoryQuerySchema,
    response: linkHistoryPageSchema,
    errors: [...READ, 'VALIDATION'],
  },
  setSessionLink: {
    method: 'put',
    path: '/sites/{siteId}/sessions/{sessionId}/link',
    summary: "Add, replace, remove or reset one session's link",
    body: setSessionLinkSchema,
    response: sessionDetailSchema,
    errors: WRITE,
  },
  getCourseLink: {
    method: 'get',
    path: '/sites/{siteId}/courses/{serviceId}/link',
    summary: "A course's own link and whether one can be set",
    response: courseLinkStateSchema,
    errors: READ,
  },
  setCourseLink: {
    method: 'put',
    path: '/sites/{siteId}/courses/{serviceId}/link',
    summary: "Set, replace or clear a course's link; answers which sessions and booked clients it touched",
    body: setCourseLinkSchema,
    response: courseLinkUpdateSchema,
    errors: WRITE,
  },
  listNotices: {
    method: 'get',
    path: '/sites/{siteId}/notices',
    summary: 'Who was told of link changes (R29)',
    query: noticesQuerySchema,
    response: noticeListSchema,
    errors: [...READ, 'VALIDATION'],
  },
  sendNotices: {
    method: 'post',
    path: '/sites/{siteId}/notices/send',
    summary: 'Send held or failed notices now',
    body: sendNoticesSchema,
    response: sendNoticesResultSchema,
    errors: [...READ, 'VALIDATION'],
  },
  listAutomations: {
    method: 'get',
    path: '/sites/{siteId}/automations',
    summary: 'Automated e-mails that carry online-session links, with the state of their join-online section',
    response: z.array(automationSummarySchema),
    errors: READ,
  },
  getTemplate: {
    method: 'get',
    path: '/sites/{siteId}/automations/{automationId}/template',
    summary: "An automation's e-mail template",
    response: templateSchema,
    errors: READ,
  },
  saveTemplate: {
    method: 'put',
    path: '/sites/{siteId}/automations/{automationId}/template',
    summary: "Save an automation's e-mail template",
    body: saveTemplateSchema,
    response: templateSchema,
    errors: WRITE,
  },
  resetTemplate: {
    method: 'post',
    path: '/sites/{siteId}/automations/{automationId}/template/reset',
    summary: "Reset an automation's e-mail to its default template",
    body: versionedSchema,
    response: templateSchema,
    errors: WRITE,
  },
  renderBookingEmail: {
    method: 'post',
    path: '/sites/{siteId}/bookings/{bookingId}/emails/{automationId}',
    summary:
      "An automation's e-mail for a booking, with its iCalendar part, for the host's mailer: the owner, or the host's server with the sync secret",
    body: bookingEmailRequestSchema,
    response: bookingEmailSchema,
    errors: [...READ, 'VALIDATION'],
  },
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof routes;
export type RouteResponse<N extends RouteName> = z.output<(typeof routes)[N]['response']>;

const PATH_PARAMS = {
  siteId: idSchema,
  staffId: idSchema,
  sessionId: idSchema,
  serviceId: idSchema,
  automationId: automationIdSchema,
  bookingId: idSchema,
} as const;
/** Path parameters are ids; the automation one is an automation id. */
export const pathParamSchemas: Record<string, z.ZodMiniType> = PATH_PARAMS;
/** What each path parameter takes, by name (`automationId` is an `AutomationId`). */
export type PathParamValues = { [K in keyof typeof PATH_PARAMS]: z.output<(typeof PATH_PARAMS)[K]> };

/** A zod error as the `fields` of a VALIDATION answer: field path → error codes. */
export function fieldErrorsOf(error: z.core.$ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    const list = fields[key] ?? [];
    list.push(issue.message);
    fields[key] = list;
  }
  return fields;
}
