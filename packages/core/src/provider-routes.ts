import * as z from 'zod/mini';
import type { RouteDef } from './api';

/**
 * The connected providers' own routes, beside `routes` (same `RouteDef` shape): they carry no
 * signed-in user — the OAuth flow's state, or the provider's signature, instead. The server
 * routes with this table and the OpenAPI document covers it. Responses are the provider's
 * formats: the callback answers an HTML page, the webhook Zoom's JSON.
 */
export const providerRoutes = {
  zoomCallback: {
    method: 'get',
    path: '/zoom/callback',
    summary: 'Where Zoom sends the consent popup back: a page that hands the code to the widget that started the connection',
    query: z.object({ code: z.optional(z.string()), state: z.optional(z.string()), error: z.optional(z.string()) }),
    response: z.string(),
    errors: ['UNAVAILABLE', 'SERVER'],
  },
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
