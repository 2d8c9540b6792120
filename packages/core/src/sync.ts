import * as z from 'zod/mini';
import type { RouteDef } from './api';
import { localeSchema, timeZoneSchema } from './email';
import { mailboxSchema, staffMailboxSchema } from './mailbox';
import { clientSchema, idSchema, isoDateTimeSchema, planSchema, roleSchema, serviceSchema } from './schemas';
import { storableText, textSchema } from './text';

/**
 * The host's sync API: how a host keeps its own data (sites, members, staff, services,
 * sessions, clients, bookings) in the server's database-backed calendar, idempotently,
 * with a shared secret. One table, many uses: the server validates with it, the OpenAPI
 * document is generated from it, the sync client is typed by it.
 *
 * Only the server and a host's sync client read it; every widget imports core too. So each
 * top-level value here is marked pure (`@__PURE__`), or built in a function called once and
 * marked pure where it reads another schema's `.shape` or builds a table: a bundler keeps a
 * top-level call it cannot prove free of side effects, and these cost each widget 0.7 kB.
 */

/** The header the host's sync calls carry their secret in. */
export const SYNC_SECRET_HEADER = 'x-session-links-sync-secret';

/**
 * A site: its name, plan (R1) and, optionally, its language and IANA time zone, which its
 * e-mails are written in (R28): `locale` picks the default templates' language (default `en`),
 * `timeZone` the zone a session's start is written in (default `UTC`). A zone this runtime does
 * not know is refused (422).
 */
export const syncSiteSchema = /* @__PURE__ */ z.object({
  name: textSchema,
  plan: planSchema,
  locale: z.optional(localeSchema),
  timeZone: z.optional(timeZoneSchema),
});
export const syncMemberSchema = /* @__PURE__ */ z.object({ name: textSchema, role: roleSchema, staffId: z.nullable(idSchema) });
/** `email`: one mailbox, or empty for a staff member without one; anything else is a 422 naming the field. */
export const syncStaffSchema = /* @__PURE__ */ z.object({ name: textSchema, email: staffMailboxSchema });
export const syncServiceSchema = /* @__PURE__ */ (() =>
  z.object({ name: serviceSchema.shape.name, kind: serviceSchema.shape.kind, online: serviceSchema.shape.online }))();
/** `end` after `start`; `serviceId` (and `staffId` when set) must already be synced, else 422. */
export const syncSessionSchema = /* @__PURE__ */ z.object({
  serviceId: idSchema,
  staffId: z.nullable(idSchema),
  start: isoDateTimeSchema,
  end: isoDateTimeSchema,
});
/** `email`: one mailbox (`carla@clients.example`), at most 254 characters; anything else is a 422 naming the field. */
export const syncClientSchema = /* @__PURE__ */ (() => z.object({ name: clientSchema.shape.name, email: mailboxSchema }))();
/** `clientId`, `serviceId` and `sessionId` (of that service, when set) must already be synced, else 422. */
export const syncBookingSchema = /* @__PURE__ */ z.object({ clientId: idSchema, serviceId: idSchema, sessionId: z.nullable(idSchema) });

/** Each resource below a site: its path segment, the id's name, the body of a PUT. */
export const syncResources = {
  members: { idName: 'userId', body: syncMemberSchema, summary: 'A signed-in user of the site and their role' },
  staff: { idName: 'staffId', body: syncStaffSchema, summary: 'A staff member (who can host sessions)' },
  services: { idName: 'serviceId', body: syncServiceSchema, summary: 'A service: a course or single sessions' },
  sessions: { idName: 'sessionId', body: syncSessionSchema, summary: 'A session of a service; moving it updates its meeting' },
  clients: { idName: 'clientId', body: syncClientSchema, summary: 'A client who books' },
  bookings: { idName: 'bookingId', body: syncBookingSchema, summary: "A client's booking of one session or of a whole course" },
} as const;
export type SyncResource = keyof typeof syncResources;
export const SYNC_RESOURCE_NAMES = /* @__PURE__ */ Object.keys(syncResources) as SyncResource[];

export type SyncSite = z.infer<typeof syncSiteSchema>;
export type SyncBody<R extends SyncResource> = z.input<(typeof syncResources)[R]['body']>;

/** Every sync call answers this on success. */
export const syncOkSchema = /* @__PURE__ */ z.object({ ok: z.literal(true) });

const SYNC_ERRORS = ['UNAUTHORIZED', 'NOT_FOUND', 'RATE_LIMITED', 'UNAVAILABLE', 'SERVER'] as const;
const SYNC_PUT_ERRORS = [...SYNC_ERRORS, 'VALIDATION'] as const;
const SYNC_MARK_ERRORS = [...SYNC_PUT_ERRORS, 'CONFLICT'] as const;
const syncName = (resource: string) => resource.replace(/s$/, '').replace(/^./, (c) => c.toUpperCase());

/** A sync route: core's `RouteDef` plus the resource it writes (`sites` for the site itself, `notices` the pull API). */
export interface SyncRouteDef extends RouteDef {
  resource: SyncResource | 'sites' | 'notices';
}

/**
 * The pull API of R29, for a host that delivers notices itself (no SMTP, no webhook): claim
 * due notices with their rendered e-mail, deliver them, and mark each sent or failed with the
 * claim. A claim holds for `leaseSeconds` (default 120); after it, the notice may be claimed
 * again (with the same `messageId`), and marking it with the old claim is a CONFLICT.
 */
export const syncClaimNoticesSchema = /* @__PURE__ */ z.object({
  /** Notices at most (default 20, at most 100). */
  limit: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
  /** How long the claim holds, seconds (default 120, 10 to 3600). */
  leaseSeconds: z.optional(z.int().check(z.minimum(10), z.maximum(3600))),
});
export type SyncClaimNotices = z.infer<typeof syncClaimNoticesSchema>;

/** A claimed notice with its e-mail, rendered from the site's template (R28) when it was claimed. */
export const syncClaimedNoticeSchema = /* @__PURE__ */ z.object({
  id: idSchema,
  siteId: idSchema,
  bookingId: idSchema,
  sessionId: idSchema,
  kind: z.enum(['booking-changed', 'course-changed']),
  /** Prove the claim is still yours when you mark the notice. */
  claim: z.string(),
  /** Until when the claim holds. */
  claimedUntil: isoDateTimeSchema,
  /** Attempts begun, this one included. */
  attempts: z.int().check(z.nonnegative()),
  /** The idempotency key, the same on every attempt: use it as the e-mail's `Message-ID`. */
  messageId: z.string(),
  to: z.object({ name: z.string(), email: z.string() }),
  oldLink: z.nullable(z.string()),
  newLink: z.nullable(z.string()),
  message: z.object({
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    /** The `text/calendar` part (iTIP): an update of the booking's earlier invite. */
    ics: z.string(),
    method: z.enum(['REQUEST', 'CANCEL']),
  }),
});
export type SyncClaimedNotice = z.infer<typeof syncClaimedNoticeSchema>;
export const syncClaimedNoticesSchema = /* @__PURE__ */ z.object({ notices: z.array(syncClaimedNoticeSchema) });

/** A claim as `claim` handed it out: text a database can hold (a NUL or a lone surrogate is a 422, not a fault). */
const claimSchema = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(128), storableText('text.invalid'));
export const syncNoticeSentSchema = /* @__PURE__ */ z.object({ claim: claimSchema });
export const syncNoticeFailedSchema = /* @__PURE__ */ z.object({
  claim: claimSchema,
  /** Short, kept and shown to the owner (`address refused`): never the address or a secret. */
  reason: z.string().check(z.minLength(1), z.maxLength(200), storableText('text.invalid')),
  /** Trying again cannot help (the address was refused): the notice is given up at once. */
  permanent: z.optional(z.boolean()),
});

/**
 * The sync API as a route table beside `routes` (same `RouteDef` shape): PUT upserts and
 * DELETE deletes the site and each resource below it, behind the sync secret header. The
 * server routes with it and the OpenAPI document is generated from it; the names are the
 * operation ids (`syncPutSite`, `syncDeleteBooking`…).
 */
export const syncRoutes: Record<string, SyncRouteDef> = /* @__PURE__ */ (() =>
  Object.fromEntries([
    [
      'syncPutSite',
      {
        method: 'put',
        path: '/sync/sites/{siteId}',
        summary: 'Create or update a site',
        body: syncSiteSchema,
        response: syncOkSchema,
        errors: SYNC_PUT_ERRORS,
        resource: 'sites',
      },
    ],
    [
      'syncDeleteSite',
      {
        method: 'delete',
        path: '/sync/sites/{siteId}',
        summary: 'Delete a site',
        response: syncOkSchema,
        errors: SYNC_ERRORS,
        resource: 'sites',
      },
    ],
    [
      'syncClaimNotices',
      {
        method: 'post',
        path: '/sync/notices/claim',
        summary: 'Claim due notices with their rendered e-mails (a host that delivers them itself)',
        body: syncClaimNoticesSchema,
        response: syncClaimedNoticesSchema,
        errors: SYNC_PUT_ERRORS,
        resource: 'notices',
      },
    ],
    [
      'syncMarkNoticeSent',
      {
        method: 'post',
        path: '/sync/notices/{noticeId}/sent',
        summary: 'Mark a claimed notice delivered',
        body: syncNoticeSentSchema,
        response: syncOkSchema,
        errors: SYNC_MARK_ERRORS,
        resource: 'notices',
      },
    ],
    [
      'syncMarkNoticeFailed',
      {
        method: 'post',
        path: '/sync/notices/{noticeId}/failed',
        summary: 'Mark a claimed notice not delivered (tried again later, or given up)',
        body: syncNoticeFailedSchema,
        response: syncOkSchema,
        errors: SYNC_MARK_ERRORS,
        resource: 'notices',
      },
    ],
    ...SYNC_RESOURCE_NAMES.flatMap((resource) => {
      const { idName, body, summary } = syncResources[resource];
      const path = `/sync/sites/{siteId}/${resource}/{${idName}}`;
      return [
        [
          `syncPut${syncName(resource)}`,
          {
            method: 'put',
            path,
            summary: `Create or update: ${summary.toLowerCase()}`,
            body,
            response: syncOkSchema,
            errors: SYNC_PUT_ERRORS,
            resource,
          },
        ],
        [
          `syncDelete${syncName(resource)}`,
          { method: 'delete', path, summary: `Delete: ${summary.toLowerCase()}`, response: syncOkSchema, errors: SYNC_ERRORS, resource },
        ],
      ] as [string, SyncRouteDef][];
    }),
  ] as [string, SyncRouteDef][]))();
