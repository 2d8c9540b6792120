import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleZoomWebhookRequest, verifyZoomWebhook, type ZoomWebhookEvent } from '../../src/providers/zoom/webhook';
import { type FakeZoom, startFakeZoom } from '../../src/testing';

const SECRET = 'webhook-secret-token';
let zoom: FakeZoom;
let receiver: Server;
let target: string;
let events: ZoomWebhookEvent[];

// A tiny receiver on loopback: `/zoom/webhook` goes through the Web-standard handler,
// `/node` verifies with Node's own header object.
beforeEach(async () => {
  zoom = await startFakeZoom();
  events = [];
  receiver = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.url === '/node') {
      const verified = await verifyZoomWebhook({ headers: req.headers, body }, SECRET);
      res.writeHead(verified.ok ? 204 : 401).end();
      if (verified.ok) events.push(verified.event);
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const request = new Request(`http://127.0.0.1${req.url}`, { method: 'POST', headers, body });
    const response = await handleZoomWebhookRequest(request, { secret: SECRET, onEvent: (event) => void events.push(event) });
    res.writeHead(response.status, { 'content-type': 'application/json' }).end(await response.text());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zoom/webhook`;
});
afterEach(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await zoom.close();
});

describe('Zoom webhooks', () => {
  it('accepts a validly signed app_deauthorized and types it', async () => {
    const delivery = await zoom.sendWebhook(target, 'app_deauthorized', zoom.deauthorize('fz-user-1'), { secret: SECRET });
    expect(delivery.status).toBe(200);
    expect(events).toEqual([
      {
        type: 'app_deauthorized',
        zoomUserId: 'fz-user-1',
        zoomAccountId: 'fz-account-1',
        clientId: zoom.clientId,
        deauthorizedAt: expect.any(String),
      },
    ]);
  });

  it('types meeting.deleted with the meeting id as a string', async () => {
    const payload = {
      account_id: 'fz-account-1',
      operator: 'host@fake-zoom.test',
      operation: 'single',
      object: { id: 81000000007, host_id: 'fz-user-1', topic: 'Yoga' },
    };
    expect((await zoom.sendWebhook(target, 'meeting.deleted', payload, { secret: SECRET })).status).toBe(200);
    expect(events).toEqual([
      { type: 'meeting.deleted', meetingId: '81000000007', hostId: 'fz-user-1', zoomAccountId: 'fz-account-1', operation: 'single' },
    ]);
  });

  it('rejects a forged signature with 401 and does nothing', async () => {
    const delivery = await zoom.sendWebhook(target, 'app_deauthorized', zoom.deauthorize('fz-user-1'), { secret: 'not-our-secret' });
    expect(delivery.status).toBe(401);
    expect(events).toEqual([]);
  });

  it('rejects a body changed after signing', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = JSON.stringify({ event: 'meeting.deleted', payload: { object: { id: 1 } } });
    const sent = JSON.stringify({ event: 'meeting.deleted', payload: { object: { id: 2 } } });
    const response = await fetch(target, {
      method: 'POST',
      headers: {
        'x-zm-request-timestamp': String(timestamp),
        'x-zm-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${signed}`).digest('hex')}`,
      },
      body: sent,
    });
    expect(response.status).toBe(401);
    const unsigned = await fetch(target, { method: 'POST', body: sent });
    expect(unsigned.status).toBe(401);
    expect(events).toEqual([]);
  });

  it('rejects a timestamp older than 5 minutes, accepts one inside the window', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stale = await zoom.sendWebhook(target, 'app_deauthorized', zoom.deauthorize('fz-user-1'), {
      secret: SECRET,
      timestamp: now - 6 * 60,
    });
    expect(stale.status).toBe(401);
    expect(JSON.parse(stale.body)).toEqual({ error: 'stale' });
    expect(events).toEqual([]);
    const recent = await zoom.sendWebhook(target, 'app_deauthorized', zoom.deauthorize('fz-user-1'), {
      secret: SECRET,
      timestamp: now - 4 * 60,
    });
    expect(recent.status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('answers endpoint.url_validation with HMAC-SHA256(secret, plainToken) in hex', async () => {
    const delivery = await zoom.sendWebhook(
      target,
      'endpoint.url_validation',
      { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' },
      { secret: SECRET },
    );
    expect(delivery.status).toBe(200);
    expect(JSON.parse(delivery.body)).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: createHmac('sha256', SECRET).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
    });
    expect(events).toEqual([]);
  });

  it('does not answer an unsigned url_validation (it would sign attacker-chosen strings)', async () => {
    const delivery = await zoom.sendWebhook(
      target,
      'endpoint.url_validation',
      { plainToken: 'v0:1700000000:{"forged":true}' },
      { secret: 'guess' },
    );
    expect(delivery.status).toBe(401);
    expect(delivery.body).not.toContain('encryptedToken');
  });

  it('verifies with Node’s header object too', async () => {
    const node = target.replace('/zoom/webhook', '/node');
    expect((await zoom.sendWebhook(node, 'meeting.deleted', { object: { id: 5 } }, { secret: SECRET })).status).toBe(204);
    expect((await zoom.sendWebhook(node, 'meeting.deleted', { object: { id: 5 } }, { secret: 'x' })).status).toBe(401);
    expect(events).toEqual([{ type: 'meeting.deleted', meetingId: '5', hostId: null, zoomAccountId: null, operation: null }]);
  });
});
