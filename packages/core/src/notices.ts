import * as z from 'zod/mini';
import { idSchema, isoDateTimeSchema, noticePolicySchema, versionSchema } from './schemas';

// R29: telling clients. A change of a booked client's link records a notice; the owner
// chooses per site whether notices go out at once, wait for review, or are not recorded.

export { NOTICE_POLICIES, type NoticePolicy, noticePolicySchema } from './schemas';

/** The owner's choice of R29's policy; `version` is the settings' version. */
export const setNoticePolicySchema = z.object({ policy: noticePolicySchema, version: versionSchema });

/**
 * What a write whose widget shows an impact dialog (R16) may add: "Tell them now". The
 * notices of that write are sent when `tellClients ?? (policy === 'auto')`; otherwise held
 * for the owner, unless the policy is `off` (and `tellClients` was not `true`): none.
 */
export const tellClientsField = { tellClients: z.optional(z.boolean()) };

export const NOTICE_KINDS = ['booking-changed', 'course-changed'] as const;
export const noticeKindSchema = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof noticeKindSchema>;

/**
 * A notice as a widget shows it: `pending` is on its way (queued, being sent, or failed and
 * to be tried again), `sent` delivered, `failed` given up (the delivery was refused or failed
 * too often), `held` waits for the owner ("let me review first", or "Tell them now" unticked).
 */
export const NOTICE_STATES = ['pending', 'sent', 'failed', 'held'] as const;
export const noticeStateSchema = z.enum(NOTICE_STATES);
export type NoticeState = z.infer<typeof noticeStateSchema>;

export const noticeSchema = z.object({
  id: z.string(),
  bookingId: idSchema,
  sessionId: idSchema,
  clientName: z.string(),
  kind: noticeKindSchema,
  status: noticeStateSchema,
  /** Why the last attempt failed, short (`address refused`): never an address or a secret. */
  error: z.nullable(z.string()),
  createdAt: isoDateTimeSchema,
  sentAt: z.nullable(isoDateTimeSchema),
});
export type Notice = z.infer<typeof noticeSchema>;

/** "Told 5 of 6 booked clients; 1 failed": counts of the notices listed. */
const count = z.int().check(z.nonnegative());
export const noticeSummarySchema = z.object({ total: count, sent: count, pending: count, failed: count, held: count });
export type NoticeSummary = z.infer<typeof noticeSummarySchema>;

/** The latest notice of each booking of a session (or of a course's upcoming sessions), oldest first, and their counts. */
export const noticeListSchema = z.object({ summary: noticeSummarySchema, notices: z.array(noticeSchema) });
export type NoticeList = z.infer<typeof noticeListSchema>;

/**
 * Whose notices: one session's, or one course's (its upcoming sessions'). Exactly one of the
 * two: the server refuses neither or both (VALIDATION, `query.oneOf`), kept out of this table
 * so the widgets' client does not carry it.
 */
export const noticesQuerySchema = z.object({ sessionId: z.optional(idSchema), serviceId: z.optional(idSchema) });
export type NoticesQuery = z.input<typeof noticesQuerySchema>;

/** The most notices one `sendNotices` takes. */
export const MAX_NOTICES_PER_SEND = 500;

/** Notices to send now: held ones are released, failed ones tried again. */
export const sendNoticesSchema = z.object({
  ids: z.array(idSchema).check(z.minLength(1), z.maxLength(MAX_NOTICES_PER_SEND)),
});

/** How many of the notices asked for are now on their way (the others were sent, on their way already, or not the site's). */
export const sendNoticesResultSchema = z.object({ queued: count });
export type SendNoticesResult = z.infer<typeof sendNoticesResultSchema>;

/** Who was told of one change of a session's link (R30): the notice of each booking, as it stands now. */
export const noticeToldSchema = z.object({ bookingId: idSchema, clientName: z.string(), status: noticeStateSchema });
export type NoticeTold = z.infer<typeof noticeToldSchema>;
