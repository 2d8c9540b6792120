import { API_ERROR_STATUS, type ApiErrorBody, type ApiErrorCode } from '@session-links/core';
import type { Limited } from './rate-limit';

/** The answers the handler writes itself: JSON with its headers, and the API's error bodies. */
export const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};
/** On every answer of the handler (JSON, 304, the Zoom pages): nothing is read as another type than it says (R26). */
export const NOSNIFF = 'x-content-type-options';

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });

export function errorResponse(
  code: ApiErrorCode,
  message: string,
  extra: Omit<ApiErrorBody['error'], 'code' | 'message'> = {},
  status?: number,
) {
  const headers: Record<string, string> = {};
  if (code === 'UNAUTHORIZED') headers['www-authenticate'] = 'Bearer';
  if ((code === 'RATE_LIMITED' || code === 'UNAVAILABLE') && extra.retryAfter !== undefined)
    headers['retry-after'] = String(extra.retryAfter);
  return json({ error: { code, message, ...extra } }, status ?? API_ERROR_STATUS[code], headers);
}

export const rateLimited = (limited: Limited) =>
  errorResponse('RATE_LIMITED', 'Too many requests: try again later', { retryAfter: Math.max(0, Math.ceil(limited.retryAfter)) });
