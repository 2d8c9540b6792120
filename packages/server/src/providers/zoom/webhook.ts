/**
 * Zoom webhooks: signature verification, the `endpoint.url_validation` challenge, and the two
 * events session-links acts on. WebCrypto only, so it runs wherever the handler runs.
 *
 * Zoom signs `v0:{x-zm-request-timestamp}:{raw body}` with HMAC-SHA256 keyed by the app's
 * secret token and sends `x-zm-signature: v0={hex}`. The raw body must be verified as
 * received: re-serialising parsed JSON changes the bytes.
 */

/** Requests older (or further in the future) than this are refused as replays. */
export const WEBHOOK_MAX_AGE_SECONDS = 5 * 60;
/** Zoom's events are small; a larger body is refused (413) whatever the API's own limit. */
export const WEBHOOK_MAX_BODY_BYTES = 64 * 1024;

export interface WebhookRequestLike {
  /** Fetch `Headers`, or Node's `IncomingHttpHeaders` (lower-case names). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The body exactly as received. */
  body: string;
}

export type ZoomWebhookEvent =
  | { type: 'endpoint.url_validation'; plainToken: string }
  /** The user removed the app: mark the account expired and delete its tokens. */
  | { type: 'app_deauthorized'; zoomUserId: string; zoomAccountId: string; clientId: string | null; deauthorizedAt: string | null }
  /** A meeting was deleted in Zoom: recreate or flag it if a session still needs it. */
  | { type: 'meeting.deleted'; meetingId: string; hostId: string | null; zoomAccountId: string | null; operation: string | null }
  | { type: 'other'; event: string };

export type WebhookVerification =
  | { ok: true; event: ZoomWebhookEvent; timestamp: number }
  | { ok: false; reason: 'missing-headers' | 'bad-signature' | 'stale' | 'malformed' };

/**
 * Verifies signature and freshness, then parses the event. The url_validation challenge is
 * verified like any event: answering it unverified would hand out HMACs of chosen strings.
 */
export async function verifyZoomWebhook(
  request: WebhookRequestLike,
  secret: string,
  now: number = Date.now(),
): Promise<WebhookVerification> {
  const timestampHeader = header(request.headers, 'x-zm-request-timestamp');
  const signatureHeader = header(request.headers, 'x-zm-signature');
  if (!timestampHeader || !signatureHeader || !secret) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(timestampHeader)) return { ok: false, reason: 'malformed' };
  const match = /^v0=([0-9a-f]{64})$/i.exec(signatureHeader);
  if (!match) return { ok: false, reason: 'bad-signature' };

  const key = await hmacKey(secret, ['verify']);
  const message = new TextEncoder().encode(`v0:${timestampHeader}:${request.body}`);
  // subtle.verify compares in constant time.
  const valid = await crypto.subtle.verify('HMAC', key, hexToBytes(match[1]!), message);
  if (!valid) return { ok: false, reason: 'bad-signature' };

  const timestamp = Number(timestampHeader);
  if (Math.abs(now / 1000 - timestamp) > WEBHOOK_MAX_AGE_SECONDS) return { ok: false, reason: 'stale' };

  let json: unknown;
  try {
    json = JSON.parse(request.body);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const event = parseZoomWebhookEvent(json);
  if (!event) return { ok: false, reason: 'malformed' };
  return { ok: true, event, timestamp };
}

/** Zoom's challenge answer: `encryptedToken = hex(HMAC_SHA256(secret, plainToken))`. */
export async function answerUrlValidation(plainToken: string, secret: string): Promise<{ plainToken: string; encryptedToken: string }> {
  const key = await hmacKey(secret, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(plainToken));
  return { plainToken, encryptedToken: bytesToHex(new Uint8Array(mac)) };
}

/** Typed view of a webhook body; null when it is not a Zoom event at all. */
export function parseZoomWebhookEvent(body: unknown): ZoomWebhookEvent | null {
  if (!isRecord(body) || typeof body.event !== 'string') return null;
  const payload = isRecord(body.payload) ? body.payload : {};
  switch (body.event) {
    case 'endpoint.url_validation':
      return typeof payload.plainToken === 'string' && payload.plainToken
        ? { type: 'endpoint.url_validation', plainToken: payload.plainToken }
        : null;
    case 'app_deauthorized':
      if (typeof payload.user_id !== 'string' || typeof payload.account_id !== 'string') return null;
      return {
        type: 'app_deauthorized',
        zoomUserId: payload.user_id,
        zoomAccountId: payload.account_id,
        clientId: str(payload.client_id),
        deauthorizedAt: str(payload.deauthorization_time),
      };
    case 'meeting.deleted': {
      const object = isRecord(payload.object) ? payload.object : {};
      if (typeof object.id !== 'number' && typeof object.id !== 'string') return null;
      return {
        type: 'meeting.deleted',
        meetingId: String(object.id),
        hostId: str(object.host_id),
        zoomAccountId: str(payload.account_id),
        operation: str(payload.operation),
      };
    }
    default:
      return { type: 'other', event: body.event };
  }
}

export interface ZoomWebhookHandlerOptions {
  secret: string;
  now?: () => number;
  /** Called for verified events other than url_validation; answer quickly (Zoom waits 3 s). */
  onEvent?: (event: Exclude<ZoomWebhookEvent, { type: 'endpoint.url_validation' }>) => Promise<void> | void;
}

/**
 * `POST {base}/zoom/webhook` as a Web-standard handler: 401 and nothing done for a missing,
 * forged or stale signature; the challenge answered; other events passed to `onEvent`.
 */
export async function handleZoomWebhookRequest(request: Request, options: ZoomWebhookHandlerOptions): Promise<Response> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > WEBHOOK_MAX_BODY_BYTES) return json(413, { error: 'payload too large' });
  const body = await request.text();
  if (new TextEncoder().encode(body).length > WEBHOOK_MAX_BODY_BYTES) return json(413, { error: 'payload too large' });
  return answerZoomWebhook({ headers: request.headers, body }, options);
}

/** A webhook whose body was read already (the server's one body reader, within its limit): verified, then answered. */
export async function answerZoomWebhook(request: WebhookRequestLike, options: ZoomWebhookHandlerOptions): Promise<Response> {
  const verified = await verifyZoomWebhook(request, options.secret, (options.now ?? Date.now)());
  if (!verified.ok) return json(verified.reason === 'malformed' ? 400 : 401, { error: verified.reason });
  if (verified.event.type === 'endpoint.url_validation') {
    return json(200, await answerUrlValidation(verified.event.plainToken, options.secret));
  }
  await options.onEvent?.(verified.event);
  return json(200, { received: true });
}

// ---- helpers -----------------------------------------------------------------------

function hmacKey(secret: string, usages: KeyUsage[]): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, usages);
}

function header(headers: WebhookRequestLike['headers'], name: string): string | null {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
