import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Notice } from '../outbox';
import { type NoticeTransport, type RenderedNotice, TransportError } from './transport';

/**
 * Notices POSTed as JSON to the host, signed like the Zoom webhooks we verify:
 *
 *   x-session-links-request-timestamp: <unix seconds>
 *   x-session-links-signature: v0=<hex HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body)>
 *   idempotency-key: <the notice's message id, the same on every attempt>
 *
 * The host verifies with `verifyNoticeWebhook` (or the same three lines of its own), refuses
 * a timestamp more than 5 minutes off, and answers 2xx once it has taken the notice; any other
 * answer (or none in 15 s) is retried later.
 */
export const NOTICE_SIGNATURE_HEADER = 'x-session-links-signature';
export const NOTICE_TIMESTAMP_HEADER = 'x-session-links-request-timestamp';
export const NOTICE_WEBHOOK_MAX_AGE_SECONDS = 5 * 60;

export interface WebhookTransportOptions {
  /** `SESSION_LINKS_NOTICE_WEBHOOK_URL` */
  url: string;
  /** `SESSION_LINKS_NOTICE_WEBHOOK_SECRET` */
  secret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export const signNoticeWebhook = (secret: string, timestamp: string, body: string): string =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

/** The JSON body of a notice webhook. */
export interface NoticeWebhookBody {
  type: 'notice';
  notice: Notice;
  message: RenderedNotice;
}

/** Checks a notice webhook as received (the raw body): signature, then freshness. */
export function verifyNoticeWebhook(
  request: { body: string; timestamp: string | null | undefined; signature: string | null | undefined },
  secret: string,
  now: number = Date.now(),
): { ok: true; body: NoticeWebhookBody } | { ok: false; reason: 'missing-headers' | 'bad-signature' | 'stale' } {
  const { timestamp, signature } = request;
  if (!timestamp || !signature || !secret || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing-headers' };
  const expected = Buffer.from(signNoticeWebhook(secret, timestamp, request.body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  if (Math.abs(now / 1000 - Number(timestamp)) > NOTICE_WEBHOOK_MAX_AGE_SECONDS) return { ok: false, reason: 'stale' };
  return { ok: true, body: JSON.parse(request.body) as NoticeWebhookBody };
}

export function webhookTransport(options: WebhookTransportOptions): NoticeTransport {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  return {
    name: 'webhook',
    async send(notice: Notice, message: RenderedNotice) {
      const body = JSON.stringify({ type: 'notice', notice, message } satisfies NoticeWebhookBody);
      const timestamp = String(Math.floor(now() / 1000));
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [NOTICE_TIMESTAMP_HEADER]: timestamp,
            [NOTICE_SIGNATURE_HEADER]: signNoticeWebhook(options.secret, timestamp, body),
            'idempotency-key': notice.messageId,
          },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (error) {
        const code = (error as { cause?: { code?: unknown }; name?: string })?.cause?.code;
        throw new TransportError(
          typeof code === 'string'
            ? `webhook ${code}`
            : (error as Error)?.name === 'TimeoutError'
              ? 'webhook timeout'
              : 'webhook unreachable',
          false,
          { cause: error },
        );
      }
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) throw new TransportError(`webhook ${response.status}`, false);
    },
  };
}
