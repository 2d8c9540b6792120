import type * as NodeCrypto from 'node:crypto';
import type * as NodeHttp from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, readForm, sendHtml, sendJson } from '../zoom-server/respond';
import { createFakeGoogleCalendar } from './calendar';
import { createFakeGoogleOAuth, googleErrorPage } from './oauth';
import { createFakeGoogleState, emptyCalls } from './state';
import { type FakeGoogle, type FakeGoogleOptions, GOOGLE_CALENDAR_EVENTS_SCOPE } from './types';

export * from './types';

const NODE_HTTP = 'node:http';
const NODE_CRYPTO = 'node:crypto';

/**
 * A fake Google on loopback, for tests, the demo (`--fakes`) and the example app: OAuth 2.0
 * for web server apps (consent with granular scopes, PKCE, offline access, refresh tokens that
 * do not rotate and die on revocation, after six months unused or after 7 days for an app in
 * Testing) and the Calendar API subset session-links uses (events with a Meet conference that
 * may answer `pending` first, de-duplicated by `requestId`; patch; delete; usage limits). One
 * origin serves both what `GOOGLE_OAUTH_BASE` and what `GOOGLE_API_BASE` point at. Node only.
 */
export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  // Node's modules load here, not at import: `./testing` stays importable where there is no Node.
  const [{ createServer }, crypto] = (await Promise.all([
    import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_HTTP),
    import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_CRYPTO),
  ])) as [typeof NodeHttp, typeof NodeCrypto];
  const state = createFakeGoogleState(options, crypto);
  const { host, clientId, clientSecret, users, now, switches, calls, events, userBySub } = state;
  const { authorizePage, authorizeDecision, token, revoke } = createFakeGoogleOAuth(state);
  const { api } = createFakeGoogleCalendar(state);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-google');
    res.on('finish', () => {
      calls.log.push({ method: req.method ?? 'GET', path: url.pathname, query: url.search, status: res.statusCode, at: now() });
    });
    handle(req, url, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendJson(res, error.status, error.body, error.headers);
      sendJson(res, 500, { error: { code: 500, message: error instanceof Error ? error.message : 'Internal error' } });
    });
  });

  async function handle(req: IncomingMessage, url: URL, res: ServerResponse) {
    const method = req.method ?? 'GET';
    if (url.pathname === '/o/oauth2/v2/auth' && method === 'GET') return authorizePage(url, res);
    if (url.pathname === '/o/oauth2/v2/auth' && method === 'POST') return authorizeDecision(await readForm(req), res);
    if (url.pathname === '/token' && method === 'POST') {
      return sendJson(res, 200, token(req, await readForm(req)), { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' });
    }
    if (url.pathname === '/revoke' && method === 'POST') {
      return sendJson(res, 200, revoke(new URLSearchParams([...url.searchParams, ...(await readForm(req))])));
    }
    if (url.pathname === '/oauth2/v3/userinfo' || url.pathname.startsWith('/calendar/v3/')) return api(req, url, res);
    sendHtml(res, 404, googleErrorPage('not_found', 'Not found.'));
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      state.origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      resolve({
        url: state.origin,
        oauthBase: state.origin,
        apiBase: state.origin,
        clientId,
        clientSecret,
        switches,
        calls,
        users,
        registerUser: (user) => {
          const at = users.findIndex((u) => u.sub === user.sub);
          if (at >= 0) users[at] = { ...user };
          else users.push({ ...user });
        },
        issueTokens: (sub) => {
          if (!userBySub(sub)) throw new Error(`fake Google: no user ${sub}`);
          const scopes = [
            'openid',
            'https://www.googleapis.com/auth/userinfo.email',
            'https://www.googleapis.com/auth/userinfo.profile',
            GOOGLE_CALENDAR_EVENTS_SCOPE,
          ];
          state.consented.add(sub);
          const refresh = state.issueRefreshToken(sub, scopes);
          return {
            access_token: state.issueAccessToken(sub, scopes, refresh),
            refresh_token: refresh,
            expires_in: switches.accessTokenLifetimeSeconds,
          };
        },
        events: () => [...events.values()].map(copyEvent),
        getEvent: (id) => {
          const event = [...events.values()].find((e) => e.id === id);
          return event ? copyEvent(event) : undefined;
        },
        deleteEventAsUser: (id) => {
          const event = [...events.values()].find((e) => e.id === id && e.status !== 'cancelled');
          if (!event) return false;
          event.status = 'cancelled';
          event.updated = new Date(now()).toISOString();
          return true;
        },
        revokeAccess: (sub) => state.revokeUser(sub),
        resetCalls: () => Object.assign(calls, emptyCalls()),
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

function copyEvent<T extends { privateProperties: object; sendUpdates: unknown[]; conference: object | null }>(event: T): T {
  return {
    ...event,
    privateProperties: { ...event.privateProperties },
    sendUpdates: [...event.sendUpdates],
    conference: event.conference ? { ...event.conference } : null,
  };
}
