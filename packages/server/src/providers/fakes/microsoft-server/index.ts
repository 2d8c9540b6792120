import type * as NodeCrypto from 'node:crypto';
import type * as NodeHttp from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml, HttpError, readForm, sendHtml, sendJson } from '../zoom-server/respond';
import { createFakeMicrosoftGraph } from './graph';
import { createFakeMicrosoftOAuth, errorPage, page } from './oauth';
import { createFakeMicrosoftState, emptyCalls, normalizeUser } from './state';
import type { FakeMicrosoft, FakeMicrosoftOptions } from './types';

export * from './types';

const NODE_HTTP = 'node:http';
const NODE_CRYPTO = 'node:crypto';

/**
 * A fake Microsoft identity platform (v2.0 endpoints) and Microsoft Graph (the online meetings
 * part) on loopback, for tests, the demo and the example app. Node only: never import it from
 * a browser entry. As strict as Microsoft where it matters — single-use codes, PKCE S256,
 * refresh tokens that die after 90 days unused or on revocation, personal accounts refused
 * for online meetings — and stricter on one point (redeemed refresh tokens, see
 * `FakeMicrosoftSwitches.redeemedRefreshTokensStayValid`).
 */
export async function startFakeMicrosoft(options: FakeMicrosoftOptions = {}): Promise<FakeMicrosoft> {
  // Node's modules load here, not at import: `./testing` stays importable where there is no Node (the mocks in a browser).
  const [{ createServer }, crypto] = (await Promise.all([
    import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_HTTP),
    import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_CRYPTO),
  ])) as [typeof NodeHttp, typeof NodeCrypto];
  const state = createFakeMicrosoftState(options, crypto);
  const { host, clientId, clientSecret, users, now, switches, calls, meetings, refreshTokens, userById } = state;
  const { authorizePage, authorizeDecision, token } = createFakeMicrosoftOAuth(state);
  const { graph } = createFakeMicrosoftGraph(state);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-microsoft');
    res.on('finish', () => {
      calls.log.push({ method: req.method ?? 'GET', path: url.pathname, status: res.statusCode, at: now() });
    });
    handle(req, url, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendJson(res, error.status, error.body, error.headers);
      sendJson(res, 500, { error: { code: 'InternalServerError', message: error instanceof Error ? error.message : 'Internal error' } });
    });
  });

  async function handle(req: IncomingMessage, url: URL, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const oauth = /^\/([A-Za-z0-9.-]+)\/oauth2\/v2\.0\/(authorize|token)$/.exec(url.pathname);
    if (oauth) {
      const [, tenant, endpoint] = oauth as unknown as [string, string, 'authorize' | 'token'];
      if (endpoint === 'authorize' && method === 'GET') return authorizePage(tenant, url, res);
      if (endpoint === 'authorize' && method === 'POST') return authorizeDecision(tenant, await readForm(req), res);
      if (endpoint === 'token' && method === 'POST') {
        return sendJson(res, 200, token(tenant, req, await readForm(req)), { 'cache-control': 'no-store', pragma: 'no-cache' });
      }
    }
    if (url.pathname === '/v1.0' || url.pathname.startsWith('/v1.0/')) return graph(req, url, res);
    if (url.pathname.startsWith('/l/meetup-join/') && method === 'GET') {
      const meeting = [...meetings.values()].find((m) => new URL(m.joinWebUrl).pathname === url.pathname);
      if (!meeting) return sendHtml(res, 404, errorPage('This meeting does not exist.'));
      return sendHtml(
        res,
        200,
        page('Fake Teams meeting', `<h1>${escapeHtml(meeting.subject)}</h1><p>Microsoft Teams meeting (fake).</p>`),
      );
    }
    sendHtml(res, 404, errorPage('Not found.'));
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
        graphBase: state.origin,
        clientId,
        clientSecret,
        switches,
        calls,
        users,
        registerUser: (user) => {
          const at = users.findIndex((u) => u.id === user.id);
          if (at >= 0) users[at] = normalizeUser(user);
          else users.push(normalizeUser(user));
        },
        issueTokens: (userId) => {
          if (!userById(userId)) throw new Error(`fake Microsoft: no user ${userId}`);
          const body = state.issueTokens(userId, ['User.Read', 'OnlineMeetings.ReadWrite', 'offline_access']);
          return {
            access_token: body.access_token as string,
            refresh_token: body.refresh_token as string,
            expires_in: body.expires_in as number,
          };
        },
        meetings: () => [...meetings.values()].map((m) => ({ ...m })),
        getMeeting: (id) => {
          const m = meetings.get(id);
          return m ? { ...m } : undefined;
        },
        deleteMeetingAsOrganizer: (id) => meetings.delete(id),
        revoke: (userId) => {
          for (const grant of refreshTokens.values()) if (grant.userId === userId) grant.revokedAt ??= now();
        },
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
