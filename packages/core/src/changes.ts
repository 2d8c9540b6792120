import * as z from 'zod/mini';
import { customLinkSchema } from './custom-link';
import { accountSchema, idSchema } from './schemas';

// The changes a user asks for, as data: read by the rules (preconditions, impact) and
// carried by the API's request bodies (api.ts), so neither side imports the other.

/** Whose account a provider connection is for (R2, R9). */
export const connectionTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('default') }),
  z.object({ type: z.literal('staff'), staffId: idSchema }),
]);
export type ConnectionTarget = z.infer<typeof connectionTargetSchema>;

/** What a user asks for one session's link (R7). */
export const sessionLinkChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('custom'), link: customLinkSchema }),
  /** A meeting from the connected account that applies (staff's, else the default's), made by the server (R7, R22). */
  z.object({ kind: z.literal('meeting') }),
  z.object({ kind: z.literal('removed') }),
  /** Drop the override: back to what the rules give (course, staff or default). */
  z.object({ kind: z.literal('reset') }),
]);
export type SessionLinkChange = z.infer<typeof sessionLinkChangeSchema>;

/** A change to the settings whose effect on sessions can be previewed (R16) before it is made. */
export const settingsChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('disconnect-default') }),
  z.object({ type: z.literal('replace-default'), account: accountSchema }),
  z.object({ type: z.literal('set-staff-account'), staffId: idSchema, account: z.nullable(accountSchema) }),
  z.object({ type: z.literal('set-course-link'), serviceId: idSchema, link: z.nullable(customLinkSchema) }),
  /** One session's link added, replaced, removed or reset (R7): who loses or changes the link they hold. */
  z.object({ type: z.literal('set-session-link'), sessionId: idSchema, change: sessionLinkChangeSchema }),
  /** A service's online sessions switched on or off (the service form's Video conferencing switch). */
  z.object({ type: z.literal('set-service-online'), serviceId: idSchema, online: z.boolean() }),
]);
export type SettingsChange = z.infer<typeof settingsChangeSchema>;
