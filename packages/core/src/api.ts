import * as z from 'zod/mini';
import { connectionTargetSchema, sessionLinkChangeSchema, settingsChangeSchema } from './changes';
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
import { connectedProviderSchema } from './provider';
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
  'NO_MEETING_ACCOUNT',
  'PROVIDER_STATE_MISMATCH',
  'PROVIDER_DENIED',
  /** A provider connection started from an origin the host does not allow (R27): the code would go there. */
  'ORIGIN_NOT_ALLOWED',
  /** The provider asked for has no configuration on this server (R27): NOT_CONFIGURED. */
  'PROVIDER_NOT_CONFIGURED',
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

/** Which provider to connect, for whom (R2, R9, R31). */
export const connectionStartSchema = z.object({ provider: connectedProviderSchema, target: connectionTargetSchema });
export const connectionAuthorizationSchema = z.object({
  authorizeUrl: z.url({ protocol: /^https?$/ }),
  /** Must come back unchanged from the consent page (R14). */
  state: z.string().check(z.minLength(16), z.maxLength(256)),
  /** The only origin whose completion message the widget accepts. */
  callbackOrigin: z.string(),
});
export type ConnectionAuthorization = z.infer<typeof connectionAuthorizationSchema>;

export const connectionCompleteSchema = z.object({
  state: z.string().check(z.minLength(16), z.maxLength(256), storableText('state.invalid')),
  code: z.string().check(z.minLength(1), z.maxLength(512), storableText('code.invalid')),
  /** The version of the target (settings or staff member) the widget last saw. */
  version: versionSchema,
  ...tellClientsField,
});
export const connectionSchema = z.object({ target: connectionTargetSchema, account: accountSchema });
export type Connection = z.infer<typeof connectionSchema>;

/** A connected provider and whether this server is set up for it (R27): widgets offer only configured ones. */
export const providerAvailabilitySchema = z.object({ provider: connectedProviderSchema, configured: z.boolean() });
export type ProviderAvailability = z.infer<typeof providerAvailabilitySchema>;

/** What the consent page posts to the opener window. */
export const connectionCallbackMessageSchema = z.discriminatedUnion('outcome', [
  z.object({ type: z.literal('session-links:connection-callback'), outcome: z.literal('allow'), state: z.string(), code: z.string() }),
  z.object({ type: z.literal('session-links:connection-callback'), outcome: z.enum(['deny', 'cancel']), state: z.string() }),
]);
export type ConnectionCallbackMessage = z.infer<typeof connectionCallbackMessageSchema>;

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
  /** Where an added meeting would come from (R7), and which provider makes it; null: only a custom link can be added. */
  meetingAvailableFrom: z.nullable(z.object({ from: z.enum(['staff', 'default']), provider: connectedProviderSchema })),
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
  /** One line for the OpenAPI document; the widgets' table leaves it to the document (`@session-links/client/openapi`), so no widget carries it. */
  summary?: string;
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
    response: currentUserSchema,
    errors: READ,
  },
  getSettings: {
    method: 'get',
    path: '/sites/{siteId}/settings',
    response: onlineSettingsSchema,
    errors: READ,
  },
  setNoticePolicy: {
    method: 'put',
    path: '/sites/{siteId}/settings/notices',
    body: setNoticePolicySchema,
    response: onlineSettingsSchema,
    errors: WRITE,
  },
  setDefaultCustomLink: {
    method: 'put',
    path: '/sites/{siteId}/settings/default-account',
    body: setCustomLinkSchema,
    response: onlineSettingsSchema,
    errors: WRITE,
  },
  disconnectDefault: {
    method: 'post',
    path: '/sites/{siteId}/settings/default-account/disconnect',
    body: versionedTellSchema,
    response: onlineSettingsSchema,
    errors: WRITE,
  },
  listProviders: {
    method: 'get',
    path: '/sites/{siteId}/providers',
    response: z.array(providerAvailabilitySchema),
    errors: READ,
  },
  startConnection: {
    method: 'post',
    path: '/sites/{siteId}/connections',
    body: connectionStartSchema,
    response: connectionAuthorizationSchema,
    errors: [...WRITE, 'DEFAULT_ACCOUNT_REQUIRED'],
  },
  completeConnection: {
    method: 'post',
    path: '/sites/{siteId}/connections/complete',
    body: connectionCompleteSchema,
    response: connectionSchema,
    errors: [...WRITE, 'DEFAULT_ACCOUNT_REQUIRED'],
  },
  previewImpact: {
    method: 'post',
    path: '/sites/{siteId}/impact',
    body: settingsChangeSchema,
    response: impactSchema,
    errors: [...READ, 'VALIDATION'],
  },
  listStaff: {
    method: 'get',
    path: '/sites/{siteId}/staff',
    response: z.array(staffMemberSchema),
    errors: READ,
  },
  setStaffCustomLink: {
    method: 'put',
    path: '/sites/{siteId}/staff/{staffId}/account',
    body: setCustomLinkSchema,
    response: staffMemberSchema,
    errors: [...WRITE, 'DEFAULT_ACCOUNT_REQUIRED'],
  },
  removeStaffAccount: {
    method: 'post',
    path: '/sites/{siteId}/staff/{staffId}/account/remove',
    body: versionedTellSchema,
    response: staffMemberSchema,
    errors: WRITE,
  },
  listServices: { method: 'get', path: '/sites/{siteId}/services', response: z.array(serviceSchema), errors: READ },
  getServiceVideo: {
    method: 'get',
    path: '/sites/{siteId}/services/{serviceId}/video',
    response: serviceVideoSchema,
    errors: READ,
  },
  setServiceVideo: {
    method: 'put',
    path: '/sites/{siteId}/services/{serviceId}/video',
    body: setServiceVideoSchema,
    response: serviceVideoUpdateSchema,
    errors: WRITE,
  },
  listSessions: {
    method: 'get',
    path: '/sites/{siteId}/sessions',
    query: sessionsQuerySchema,
    response: z.array(resolvedSessionSchema),
    errors: [...READ, 'VALIDATION'],
  },
  getSession: {
    method: 'get',
    path: '/sites/{siteId}/sessions/{sessionId}',
    response: sessionDetailSchema,
    errors: READ,
  },
  getSessionLinkHistory: {
    method: 'get',
    path: '/sites/{siteId}/sessions/{sessionId}/history',
    query: linkHistoryQuerySchema,
    response: linkHistoryPageSchema,
    errors: [...READ, 'VALIDATION'],
  },
  setSessionLink: {
    method: 'put',
    path: '/sites/{siteId}/sessions/{sessionId}/link',
    body: setSessionLinkSchema,
    response: sessionDetailSchema,
    errors: WRITE,
  },
  getCourseLink: {
    method: 'get',
    path: '/sites/{siteId}/courses/{serviceId}/link',
    response: courseLinkStateSchema,
    errors: READ,
  },
  setCourseLink: {
    method: 'put',
    path: '/sites/{siteId}/courses/{serviceId}/link',
    body: setCourseLinkSchema,
    response: courseLinkUpdateSchema,
    errors: WRITE,
  },
  listNotices: {
    method: 'get',
    path: '/sites/{siteId}/notices',
    query: noticesQuerySchema,
    response: noticeListSchema,
    errors: [...READ, 'VALIDATION'],
  },
  sendNotices: {
    method: 'post',
    path: '/sites/{siteId}/notices/send',
    body: sendNoticesSchema,
    response: sendNoticesResultSchema,
    errors: [...READ, 'VALIDATION'],
  },
  listAutomations: {
    method: 'get',
    path: '/sites/{siteId}/automations',
    response: z.array(automationSummarySchema),
    errors: READ,
  },
  getTemplate: {
    method: 'get',
    path: '/sites/{siteId}/automations/{automationId}/template',
    response: templateSchema,
    errors: READ,
  },
  saveTemplate: {
    method: 'put',
    path: '/sites/{siteId}/automations/{automationId}/template',
    body: saveTemplateSchema,
    response: templateSchema,
    errors: WRITE,
  },
  resetTemplate: {
    method: 'post',
    path: '/sites/{siteId}/automations/{automationId}/template/reset',
    body: versionedSchema,
    response: templateSchema,
    errors: WRITE,
  },
  renderBookingEmail: {
    method: 'post',
    path: '/sites/{siteId}/bookings/{bookingId}/emails/{automationId}',
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
