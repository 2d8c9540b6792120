import * as z from 'zod/mini';
import { noticeToldSchema } from './notices';
import { providerSchema } from './provider';
import { idSchema, isoDateTimeSchema, resolutionSchema } from './schemas';

// R30: every change of a session's resolved link is kept — when, by whom, from what to what, why.

/**
 * Who changed a session's link (R30): a member of the site (by the write they made), the
 * host's calendar (its sync moved, reassigned or re-planned a session), or a provider (the
 * meeting worker made, re-made or deleted a meeting at Zoom).
 */
export const linkActorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: idSchema, name: z.string() }),
  z.object({ type: z.literal('calendar') }),
  z.object({ type: z.literal('provider'), provider: providerSchema }),
]);
export type LinkActor = z.infer<typeof linkActorSchema>;

/**
 * One change of a session's resolved link: the resolution before and after (its source or
 * reason says why), never a host link (R18: a start link is not kept), and redacted for
 * the reader as a resolution is.
 */
export const linkHistoryEntrySchema = z.object({
  /** Opaque; also the paging cursor (`before`). */
  id: z.string(),
  sessionId: idSchema,
  at: isoDateTimeSchema,
  actor: linkActorSchema,
  before: resolutionSchema,
  after: resolutionSchema,
  /** Which booked clients were told of this change (R29), by the notice's state now; empty when none was recorded. */
  told: z.array(noticeToldSchema),
});
export type LinkHistoryEntry = z.infer<typeof linkHistoryEntrySchema>;

/** The most entries one page of a session's history holds (R26: a client pages). */
export const MAX_LINK_HISTORY_PAGE = 100;
export const DEFAULT_LINK_HISTORY_PAGE = 20;

/** A page of a session's history: newest first, `before` an entry's id (older ones), `limit` 1–100 (default 20). */
export const linkHistoryQuerySchema = z.object({
  before: z.optional(z.string().check(z.regex(/^[1-9]\d{0,17}$/, 'cursor.invalid'))),
  limit: z.optional(z.string().check(z.regex(/^(100|[1-9]\d?)$/, 'limit.invalid'))),
});
export type LinkHistoryQuery = z.input<typeof linkHistoryQuerySchema>;

/** One page of a session's link history, newest first; `nextCursor`: pass as `before` for older entries, null when none are left. */
export const linkHistoryPageSchema = z.object({
  entries: z.array(linkHistoryEntrySchema),
  nextCursor: z.nullable(z.string()),
});
export type LinkHistoryPage = z.infer<typeof linkHistoryPageSchema>;
