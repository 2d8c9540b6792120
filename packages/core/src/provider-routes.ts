import * as z from 'zod/mini';
import type { RouteDef } from './api';

/**
 * The connected providers' own routes, beside `routes` (same `RouteDef` shape): they carry no
 * signed-in user — the OAuth flow's state, or the provider's signature, instead. The server
 * routes with this table and the OpenAPI document covers it. Responses are the provider's
 * formats: the callbacks answer an HTML page, the webhook Zoom's JSON. The Google and Microsoft
 * callbacks are the paths their apps register as redirect URIs (R31).
 */
const callbackQuery = z.object({ code: z.optional(z.string()), state: z.optional(z.string()), error: z.optional(z.string()) });

/** One provider's OAuth callback: the same page for each, the state says which connection it completes. */
function callbackRoute<P extends string>(path: P, by: string) {
  return {
    method: 'get',
    path,
    summary: `Where ${by} sends the consent popup back: a page that hands the code to the widget that started the connection`,
    query: callbackQuery,
    response: z.string(),
    errors: ['UNAVAILABLE', 'SERVER'],
  } as const satisfies RouteDef;
}

export const providerRoutes = {
  zoomCallback: callbackRoute('/zoom/callback', 'Zoom'),
  googleCallback: callbackRoute('/google/callback', 'Google'),
  microsoftCallback: callbackRoute('/microsoft/callback', 'Microsoft'),
  zoomWebhook: {
    method: 'post',
    path: '/zoom/webhook',
    summary: "Zoom's event notifications (app deauthorized, meeting deleted), signed with the webhook secret token",
    body: z.object({ event: z.string(), payload: z.optional(z.record(z.string(), z.unknown())), event_ts: z.optional(z.number()) }),
    response: z.unknown(),
    errors: ['NOT_FOUND', 'UNAVAILABLE', 'SERVER'],
  },
} as const satisfies Record<string, RouteDef>;

export type ProviderRouteName = keyof typeof providerRoutes;
