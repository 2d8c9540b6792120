import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDelivery } from '../../src/notices/delivery-worker';
import { MemoryOutbox } from '../../src/notices/outbox';
import {
  NOTICE_SIGNATURE_HEADER,
  NOTICE_TIMESTAMP_HEADER,
  type NoticeWebhookBody,
  verifyNoticeWebhook,
  webhookTransport,
} from '../../src/notices/transports/webhook';
import { dutchRender, input } from './suite';

const SECRET = 'the-host-secret';

/** The host's receiver on loopback: verifies each request with its secret, answers 401 or 204. */
interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  verdict: ReturnType<typeof verifyNoticeWebhook>;
}

describe('notices over a signed webhook (loopback receiver)', () => {
  let server: Server;
  let url: string;
  let received: Received[];
  let receiverSecret: string;
  beforeEach(async () => {
    received = [];
    receiverSecret = SECRET;
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const verdict = verifyNoticeWebhook(
          { body, timestamp: req.headers[NOTICE_TIMESTAMP_HEADER] as string, signature: req.headers[NOTICE_SIGNATURE_HEADER] as string },
          receiverSecret,
        );
        received.push({ headers: req.headers, body, verdict });
        res.statusCode = verdict.ok ? 204 : 401;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notices`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('POSTs the notice and its rendered message, signed: the host verifies it and the notice is sent', async () => {
    const outbox = new MemoryOutbox();
    const name = 'Zoë <b>de Vries</b>';
    await outbox.record(undefined, [
      input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2', { client: { name, email: 'zoe@example.nl' } }),
    ]);
    const result = await runDelivery({ outbox, transport: webhookTransport({ url, secret: SECRET }), render: dutchRender });
    expect(result).toMatchObject({ sent: 1 });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.verdict.ok).toBe(true);
    const [notice] = await outbox.list();
    expect(request!.headers['idempotency-key']).toBe(notice!.messageId);
    const body = JSON.parse(request!.body) as NoticeWebhookBody;
    expect(body.notice).toMatchObject({ id: notice!.id, client: { name }, newLink: 'https://zoom.us/j/2', messageId: notice!.messageId });
    expect(body.message.subject).toContain(name);
    expect(notice).toMatchObject({ status: 'sent' });
  });

  it('a receiver with another secret refuses it (bad signature); the notice is retried later, not sent', async () => {
    receiverSecret = 'not-the-secret';
    const outbox = new MemoryOutbox();
    await outbox.record(undefined, [input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2')]);
    const result = await runDelivery({ outbox, transport: webhookTransport({ url, secret: SECRET }), render: dutchRender });
    expect(result).toMatchObject({ sent: 0, failed: 1 });
    expect(received[0]!.verdict).toEqual({ ok: false, reason: 'bad-signature' });
    expect((await outbox.list())[0]).toMatchObject({ status: 'failed', lastError: 'webhook 401' });
  });

  it('verification refuses a changed body and a stale timestamp', () => {
    const sign = (timestamp: string, body: string) => {
      return `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    };
    const now = 1_800_000_000_000;
    const ts = String(now / 1000);
    const body = '{"type":"notice"}';
    expect(verifyNoticeWebhook({ body, timestamp: ts, signature: sign(ts, body) }, SECRET, now).ok).toBe(true);
    expect(verifyNoticeWebhook({ body: '{"type":"other"}', timestamp: ts, signature: sign(ts, body) }, SECRET, now)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifyNoticeWebhook({ body, timestamp: ts, signature: sign(ts, body) }, SECRET, now + 301_000)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyNoticeWebhook({ body, timestamp: null, signature: sign(ts, body) }, SECRET, now)).toEqual({
      ok: false,
      reason: 'missing-headers',
    });
  });
});
