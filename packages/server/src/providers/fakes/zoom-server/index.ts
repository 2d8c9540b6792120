import type * as NodeCrypto from 'node:crypto';
import type * as NodeHttp from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeZoomApi } from './api';
import { createFakeZoomOAuth } from './oauth';
import { errorPage, escapeHtml, HttpError, page, readForm, sendHtml, sendJson } from './respond';
import { createFakeZoomState, emptyCalls } from './state';
import type { FakeZoom, FakeZoomOptions, SendWebhookOptions, WebhookDelivery } from './types';

export * from './types';

const NODE_HTTP = 'node:http';
const NODE_CRYPTO = 'node:crypto';

/**
 * A fake Zoom on loopback that behaves like Zoom's documented OAuth and Meetings API, for
 * tests, the demo (`--zoom fake`) and the example app. Node only: never import it from a
 * browser entry. It is deliberately strict where Zoom is (single-use codes, rotated refresh
 * tokens, bearer tokens that expire) so code that passes against it has been exercised on
 * the failure paths that matter.
 */

export async function startFakeZoom(options: FakeZoomOptions = {}): Promise<FakeZoom> {
  // Node's modules load here, not at import: `./testing` stays importable where there is no Node (the mocks in a
  // browser). Names in variables, so no bundler (the mocks' esbuild, a host's Vite or webpack) tries to resolve them.
  const [{ createServer }, crypto] = (await Promise.all([
    import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_HTTP),
    import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_CRYPTO),
  ])) as [typeof NodeHttp, typeof NodeCrypto];
  const state = createFakeZoomState(options, crypto);
  const { host, clientId, clientSecret, users, now, switches, calls, meetings, accessTokens, refreshTokens, userById, issueTokens } = state;
  const { authorizePage, authorizeDecision, token } = createFakeZoomOAuth(state);
  const { api } = createFakeZoomApi(state);

  // ---- server ------------------------------------------------------------------------

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-zoom');
    res.on('finish', () => {
      calls.log.push({ method: req.method ?? 'GET', path: url.pathname, status: res.statusCode, at: now() });
    });
    handle(req, url, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendJson(res, error.status, error.body, error.headers);
      sendJson(res, 500, { code: 500, message: error instanceof Error ? error.message : 'Internal error' });
    });
  });

  async function handle(req: IncomingMessage, url: URL, res: ServerResponse) {
    const method = req.method ?? 'GET';
    if (url.pathname === '/oauth/authorize' && method === 'GET') return authorizePage(url, res);
    if (url.pathname === '/oauth/authorize' && method === 'POST') return authorizeDecision(await readForm(req), res);
    if (url.pathname === '/oauth/token' && method === 'POST') {
      // Zoom accepts the parameters in the query string too.
      const form = new URLSearchParams([...url.searchParams, ...(await readForm(req))]);
      return sendJson(res, 200, token(req, form), { 'cache-control': 'no-store' });
    }
    if (url.pathname === '/v2' || url.pathname.startsWith('/v2/')) return api(req, url, res);
    const join = /^\/(j|s)\/(\d+)$/.exec(url.pathname);
    if (join && method === 'GET') {
      const meeting = meetings.get(Number(join[2]));
      if (!meeting) return sendHtml(res, 404, errorPage('This meeting does not exist.'));
      return sendHtml(
        res,
        200,
        page('Fake Zoom meeting', `<h1>${escapeHtml(meeting.topic)}</h1><p>Meeting ${meeting.id} (fake Zoom).</p>`),
      );
    }
    sendHtml(res, 404, errorPage('Not found.'));
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(state.options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      state.origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      resolve({
        url: state.origin,
        oauthBase: state.origin,
        apiBase: `${state.origin}/v2`,
        clientId,
        clientSecret,
        switches,
        calls,
        users,
        registerUser: (user) => {
          const at = users.findIndex((u) => u.id === user.id);
          if (at >= 0) users[at] = { ...user };
          else users.push({ ...user });
        },
        issueTokens: (userId) => {
          if (!userById(userId)) throw new Error(`fake Zoom: no user ${userId}`);
          const { access_token, refresh_token, expires_in } = issueTokens(userId);
          return { access_token, refresh_token, expires_in };
        },
        meetings: () => [...meetings.values()].map((m) => ({ ...m })),
        getMeeting: (id) => {
          const m = meetings.get(Number(id));
          return m ? { ...m } : undefined;
        },
        deleteMeetingAsHost: (id) => {
          const m = meetings.get(Number(id));
          if (!m) return null;
          meetings.delete(m.id);
          const host = userById(m.hostId);
          return {
            account_id: host?.accountId ?? '',
            operator: host?.email ?? '',
            operator_id: m.hostId,
            operation: 'single',
            object: {
              uuid: m.uuid,
              id: m.id,
              host_id: m.hostId,
              topic: m.topic,
              type: m.type,
              start_time: m.startTime,
              duration: m.duration,
              timezone: m.timezone,
            },
          };
        },
        deauthorize: (userId) => {
          for (const [t, g] of accessTokens) if (g.userId === userId) accessTokens.delete(t);
          for (const [t, g] of refreshTokens) if (g.userId === userId) refreshTokens.delete(t);
          const user = userById(userId);
          return {
            account_id: user?.accountId ?? '',
            user_id: userId,
            signature: crypto.randomBytes(16).toString('hex'),
            deauthorization_time: new Date(now()).toISOString(),
            client_id: clientId,
          };
        },
        resetCalls: () => Object.assign(calls, emptyCalls()),
        sendWebhook: (targetUrl, event, payload, webhookOptions) =>
          sendWebhook(targetUrl, event, payload, webhookOptions, Math.floor(now() / 1000), crypto),
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Signs like Zoom: `x-zm-signature: v0=HMAC_SHA256(secret, "v0:{timestamp}:{body}")`, hex. */
async function sendWebhook(
  targetUrl: string,
  event: string,
  payload: unknown,
  options: SendWebhookOptions,
  nowSeconds: number,
  crypto: typeof NodeCrypto,
): Promise<WebhookDelivery> {
  const timestamp = options.timestamp ?? nowSeconds;
  const sentBody = JSON.stringify({ event, event_ts: timestamp * 1000, payload });
  const signature = `v0=${crypto.createHmac('sha256', options.secret).update(`v0:${timestamp}:${sentBody}`).digest('hex')}`;
  const response = await fetch(targetUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Zoom Marketplace/1.0a',
      'x-zm-request-timestamp': String(timestamp),
      'x-zm-signature': signature,
    },
    body: sentBody,
  });
  return { status: response.status, body: await response.text(), sentBody };
}
