import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorPage, escapeHtml, HttpError, page, redirect, sendHtml } from './respond';
import { CODE_LIFETIME_MS, type FakeZoomState } from './state';

/** Zoom's OAuth: the consent page, the user's decision, and the token endpoint (codes, PKCE S256, rotating refresh tokens). */
export function createFakeZoomOAuth(fake: FakeZoomState) {
  const { crypto, clientId, clientSecret, users, now, refreshLifetimeMs, switches, calls, codes, refreshTokens, userById, issueTokens } =
    fake;

  function s256(verifier: string): string {
    return crypto.createHash('sha256').update(verifier).digest('base64url');
  }

  function authorizePage(url: URL, res: ServerResponse) {
    calls.authorize += 1;
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== clientId) return sendHtml(res, 400, errorPage('Invalid client_id.'));
    if (!isAllowedRedirect(redirectUri, fake.options.redirectUris)) return sendHtml(res, 400, errorPage('Invalid redirect URL.'));
    if (q.get('response_type') !== 'code')
      return redirect(res, withParams(redirectUri, { error: 'unsupported_response_type', state: q.get('state') }));
    const challenge = q.get('code_challenge');
    const method = q.get('code_challenge_method') ?? 'plain';
    // Zoom accepts S256 and plain; this fake insists on PKCE S256, which our client always sends.
    if (!challenge || method !== 'S256') {
      return redirect(res, withParams(redirectUri, { error: 'invalid_request', state: q.get('state') }));
    }
    const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope']
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(q.get(name) ?? '')}">`)
      .join('');
    const userChoice =
      users.length > 1
        ? `<label>Zoom user <select name="user_id">${users.map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.email)}</option>`).join('')}</select></label>`
        : `<p>Signed in as ${escapeHtml(users[0]!.email)}</p><input type="hidden" name="user_id" value="${escapeHtml(users[0]!.id)}">`;
    sendHtml(
      res,
      200,
      page(
        'Fake Zoom: authorize app',
        `<h1>Allow session-links to use your Zoom account?</h1>
<p>It will be able to view your user profile and create, update and delete meetings.</p>
<form method="post" action="/oauth/authorize">${hidden}${userChoice}
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
      ),
    );
  }

  function authorizeDecision(form: URLSearchParams, res: ServerResponse) {
    const redirectUri = form.get('redirect_uri') ?? '';
    if (form.get('client_id') !== clientId || !isAllowedRedirect(redirectUri, fake.options.redirectUris)) {
      return sendHtml(res, 400, errorPage('Invalid request.'));
    }
    const state = form.get('state');
    if (form.get('decision') !== 'allow') return redirect(res, withParams(redirectUri, { error: 'access_denied', state }));
    const user = userById(form.get('user_id') ?? '') ?? users[0]!;
    const code = crypto.randomBytes(16).toString('base64url');
    codes.set(code, {
      clientId,
      userId: user.id,
      redirectUri,
      codeChallenge: form.get('code_challenge') ?? '',
      codeChallengeMethod: form.get('code_challenge_method') ?? 'S256',
      expiresAt: now() + CODE_LIFETIME_MS,
    });
    redirect(res, withParams(redirectUri, { code, state }));
  }

  function token(req: IncomingMessage, form: URLSearchParams) {
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') calls.token.authorizationCode += 1;
    else if (grantType === 'refresh_token') calls.token.refresh += 1;
    else calls.token.other += 1;

    if (switches.tokenFailNext > 0) {
      switches.tokenFailNext -= 1;
      throw new HttpError(500, { reason: 'Internal error', error: 'server_error' });
    }
    const basic = parseBasic(req.headers.authorization);
    if (!basic || basic.id !== clientId || basic.secret !== clientSecret) {
      throw new HttpError(401, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    }

    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code); // single use, whatever happens next
      if (!grant || grant.expiresAt <= now()) throw invalidGrant('Invalid authorization code');
      if (form.get('redirect_uri') !== grant.redirectUri) throw invalidGrant('Invalid redirect uri');
      const verifier = form.get('code_verifier');
      if (!verifier || s256(verifier) !== grant.codeChallenge) throw invalidGrant('Invalid code verifier');
      return issueTokens(grant.userId);
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(presented);
      if (!grant) throw invalidGrant('Invalid Token!');
      // Rotation: a refresh token works once, whatever the outcome.
      refreshTokens.delete(presented);
      if (switches.refuseRefreshes > 0) {
        switches.refuseRefreshes -= 1;
        throw invalidGrant('Invalid Token!');
      }
      if (now() - grant.issuedAt > refreshLifetimeMs) throw invalidGrant('Invalid Token!');
      return issueTokens(grant.userId);
    }
    throw new HttpError(400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });
  }

  return { authorizePage, authorizeDecision, token };
}

function invalidGrant(reason: string) {
  return new HttpError(400, { reason, error: 'invalid_grant' });
}

export function parseBasic(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic (.+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before encoding (oauth4webapi does this).
  const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

export function isAllowedRedirect(uri: string, allowed: readonly string[] | undefined): boolean {
  if (allowed) return allowed.includes(uri);
  try {
    const { protocol } = new URL(uri);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export function withParams(base: string, params: Record<string, string | null>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return url.href;
}
