import * as z from 'zod/mini';
import { customLinkSchema } from './custom-link';
import { connectedProviderSchema, providerSchema } from './provider';
import { isIdText, textSchema } from './text';

/** The largest version a store keeps: its column is a 32-bit `integer` (R26). */
export const MAX_VERSION = 2 ** 31 - 1;
/** Every stored resource carries a version; a write with a stale one is a conflict. */
export const versionSchema = z.int().check(z.nonnegative(), z.lte(MAX_VERSION, { error: 'version.tooLarge' }));
const id = z.string().check(
  z.minLength(1),
  z.maxLength(128),
  // A NUL or a control character in an id is no id of anything (R26): refused, never looked up.
  z.refine(isIdText, { error: 'id.invalid' }),
);

/** The instants a date-time may name (R26): 1900-01-01 up to (not including) 9000-01-01, UTC. */
export const DATE_TIME_MIN = '1900-01-01T00:00:00.000Z';
export const DATE_TIME_MAX = '9000-01-01T00:00:00.000Z';
const DATE_TIME_MIN_MS = Date.parse(DATE_TIME_MIN);
const DATE_TIME_MAX_MS = Date.parse(DATE_TIME_MAX);
const isoDateTime = z.iso.datetime({ offset: true }).check(
  // Year 0000 and its like pass the ISO pattern but no database (or calendar) keeps them.
  z.refine(
    (value: string) => {
      const at = Date.parse(value);
      return Number.isFinite(at) && at >= DATE_TIME_MIN_MS && at < DATE_TIME_MAX_MS;
    },
    { error: 'date.outOfRange' },
  ),
);
const text = textSchema;

// ---- site, plan, user -------------------------------------------------------------

export const planSchema = z.object({
  id: id,
  name: text,
  includesOnlineSessions: z.boolean(),
});
export type Plan = z.infer<typeof planSchema>;

export const siteSchema = z.object({
  id: id,
  name: text,
  plan: planSchema,
});
export type Site = z.infer<typeof siteSchema>;

export const ROLES = ['owner', 'staff'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const currentUserSchema = z.object({
  id: id,
  name: text,
  role: roleSchema,
  /** The staff member this user is, when signed in as staff. */
  staffId: z.nullable(id),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

// ---- accounts -----------------------------------------------------------------------

export const ACCOUNT_HEALTH = ['connected', 'expired', 'error'] as const;
export const accountHealthSchema = z.enum(ACCOUNT_HEALTH);
export type AccountHealth = z.infer<typeof accountHealthSchema>;

/**
 * An account connected through a provider's OAuth (R31): Zoom, Google Meet or Microsoft
 * Teams. Its kind is the provider; `user` is who connected it at the provider. The server
 * makes a meeting per session with it (R22).
 */
export const connectedAccountSchema = z.object({
  id: id,
  kind: connectedProviderSchema,
  health: accountHealthSchema,
  user: z.object({ email: text, name: text }),
});
export type ConnectedAccount = z.infer<typeof connectedAccountSchema>;

export const customAccountSchema = z.object({
  id: id,
  kind: z.literal('custom'),
  health: accountHealthSchema,
  provider: providerSchema,
  link: customLinkSchema,
});
export type CustomAccount = z.infer<typeof customAccountSchema>;

export const accountSchema = z.discriminatedUnion('kind', [connectedAccountSchema, customAccountSchema]);
export type Account = z.infer<typeof accountSchema>;
export type AccountKind = Account['kind'];

/**
 * Telling clients (R29), per site: `auto` tells them when their link changes (the default),
 * `review` holds the notices until the owner sends them, `off` records none.
 */
export const NOTICE_POLICIES = ['auto', 'review', 'off'] as const;
export const noticePolicySchema = z.enum(NOTICE_POLICIES);
export type NoticePolicy = z.infer<typeof noticePolicySchema>;

/** The site's online-session settings: plan, the one default account (R1, R2) and whether clients are told of changes (R29). */
export const onlineSettingsSchema = z.object({
  siteId: id,
  plan: planSchema,
  defaultAccount: z.nullable(accountSchema),
  notices: noticePolicySchema,
  version: versionSchema,
});
export type OnlineSettings = z.infer<typeof onlineSettingsSchema>;

// ---- staff, services, sessions --------------------------------------------------------

export const staffMemberSchema = z.object({
  id: id,
  name: text,
  email: text,
  account: z.nullable(accountSchema),
  version: versionSchema,
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const SERVICE_KINDS = ['appointment', 'class', 'course'] as const;
export const serviceKindSchema = z.enum(SERVICE_KINDS);
export type ServiceKind = z.infer<typeof serviceKindSchema>;

export const serviceSchema = z.object({
  id: id,
  name: text,
  kind: serviceKindSchema,
  online: z.boolean(),
});
export type Service = z.infer<typeof serviceSchema>;

/**
 * A service's video-conferencing switch (the service form's Locations → Video conferencing):
 * whether its sessions are online. `online` is the host's service field (synced); `version`
 * rises with every change of it, by the switch or by the host's sync (R20).
 */
export const serviceVideoSchema = z.object({
  serviceId: id,
  online: z.boolean(),
  version: versionSchema,
});
export type ServiceVideo = z.infer<typeof serviceVideoSchema>;

/**
 * `ZOOM`: a Zoom meeting the server made; `MEETING`: a meeting another connected provider
 * made (Google Meet, Teams: `provider` says which); `CUSTOM`: a link someone entered.
 */
export const LINK_TYPES = ['ZOOM', 'MEETING', 'CUSTOM'] as const;

/** What a client uses to join. `hostUrl` exists only for a made meeting and is never shown to clients. */
export const linkSchema = z.object({
  type: z.enum(LINK_TYPES),
  provider: providerSchema,
  guestUrl: text,
  hostUrl: z.optional(text),
  password: z.optional(text),
  description: z.optional(text),
  meetingId: z.optional(text),
});
export type Link = z.infer<typeof linkSchema>;

/**
 * A link decision stored on one session (R7): a custom link as stored, a meeting of one
 * connected account (the meeting itself is made by the server and looked up at
 * resolution, R22), or removed.
 */
export const sessionOverrideSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), link: linkSchema }),
  z.object({ kind: z.literal('meeting'), accountId: id }),
  z.object({ kind: z.literal('removed') }),
]);
export type SessionOverride = z.infer<typeof sessionOverrideSchema>;

export const sessionSchema = z.object({
  id: id,
  serviceId: id,
  staffId: z.nullable(id),
  start: isoDateTime,
  end: isoDateTime,
  override: z.nullable(sessionOverrideSchema),
  version: versionSchema,
});
export type Session = z.infer<typeof sessionSchema>;

/** A course's own custom link (R5). `link: null` means the course uses the site default. */
export const courseLinkSchema = z.object({
  serviceId: id,
  link: z.nullable(customLinkSchema),
  version: versionSchema,
});
export type CourseLink = z.infer<typeof courseLinkSchema>;

export const clientSchema = z.object({ id: id, name: text, email: text });
export type Client = z.infer<typeof clientSchema>;

/** A client's booking: of one session, or (courses) of the whole service. */
export const bookingSchema = z.object({
  id: id,
  clientId: id,
  serviceId: id,
  sessionId: z.nullable(id),
});
export type Booking = z.infer<typeof bookingSchema>;

// ---- resolution (R15) -------------------------------------------------------------------

export const LINK_SOURCES = ['session', 'course', 'staff', 'default'] as const;
export const linkSourceSchema = z.enum(LINK_SOURCES);
export type LinkSource = z.infer<typeof linkSourceSchema>;

export const NO_LINK_REASONS = [
  'NO_PLAN',
  'NO_DEFAULT_ACCOUNT',
  'OFFLINE',
  'REMOVED',
  'ACCOUNT_UNHEALTHY',
  /** The link is a provider's meeting the server has not made yet (R22), or the provider is still making (R31). */
  'PROVIDER_MEETING_PENDING',
  /** The link is a provider's meeting, and this server has no configuration for that provider (R27): `provider` names it. */
  'PROVIDER_NOT_CONFIGURED',
  /**
   * The link is a meeting added by hand (R7), and no connected account can make it now: the
   * one it came from is gone or unhealthy, and neither the staff member nor the site default
   * has a connected provider account (R22). Connecting (or reconnecting) one makes it.
   */
  'NO_MEETING_ACCOUNT',
  /**
   * The link is a provider's meeting (`provider` names it), the session has started, and no
   * meeting was made for it: the server plans meetings for upcoming sessions only (R22). Not
   * pending: nothing waits for it.
   */
  'NO_MEETING_MADE',
] as const;
export const noLinkReasonSchema = z.enum(NO_LINK_REASONS);
export type NoLinkReason = z.infer<typeof noLinkReasonSchema>;

export const RESOLUTION_WARNINGS = ['STAFF_ACCOUNT_UNHEALTHY'] as const;
export const resolutionWarningSchema = z.enum(RESOLUTION_WARNINGS);
export type ResolutionWarning = z.infer<typeof resolutionWarningSchema>;

export const resolutionSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('linked'),
    link: linkSchema,
    source: linkSourceSchema,
    /** The account the link comes from (staff or default), when it comes from one. */
    accountId: z.nullable(id),
    /** The staff member whose account is used, for source `staff`. */
    staffId: z.nullable(id),
    warnings: z.array(resolutionWarningSchema),
  }),
  z.object({
    status: z.literal('none'),
    reason: noLinkReasonSchema,
    /** The provider a `PROVIDER_*` or `NO_MEETING_MADE` reason is about, where a widget names it. */
    provider: z.optional(connectedProviderSchema),
    warnings: z.array(resolutionWarningSchema),
  }),
]);
export type Resolution = z.infer<typeof resolutionSchema>;

export const resolvedSessionSchema = z.object({
  session: sessionSchema,
  resolution: resolutionSchema,
});
export type ResolvedSession = z.infer<typeof resolvedSessionSchema>;

export { id as idSchema, isoDateTime as isoDateTimeSchema };
