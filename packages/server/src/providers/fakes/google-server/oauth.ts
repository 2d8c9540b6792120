import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, HttpError, page, redirect, sendHtml } from '../zoom-server/respond';
import { CODE_LIFETIME_MS, type FakeGoogleState, TESTING_REFRESH_LIFETIME_MS, UNUSED_REFRESH_LIFETIME_MS } from './state';
import { GOOGLE_CALENDAR_EVENTS_SCOPE } from './types';

const USERINFO_EMAIL = 'https://www.googleapis.com/auth/userinfo.email';
const USERINFO_PROFILE = 'https://www.googleapis.com/auth/userinfo.profile';
const CALENDAR_ALL = 'https://www.googleapis.com/auth/calendar';

/** Scopes the fake knows, as Google names them in a token answer (`email` and `profile` are aliases). */
const KNOWN_SCOPES: Record<string, string> = {
  openid: 'openid',
  email: USERINFO_EMAIL,
  profile: USERINFO_PROFILE,
  [USERINFO_EMAIL]: USERINFO_EMAIL,
  [USERINFO_PROFILE]: USERINFO_PROFILE,
  [GOOGLE_CALENDAR_EVENTS_SCOPE]: GOOGLE_CALENDAR_EVENTS_SCOPE,
  [CALENDAR_ALL]: CALENDAR_ALL,
};
/** Scopes a user can untick on Google's granular consent screen (sign-in scopes are always granted). */
const OPTIONAL_SCOPES = new Set([GOOGLE_CALENDAR_EVENTS_SCOPE, CALENDAR_ALL]);

/**
 * Google's OAuth 2.0 for web server apps: the consent page (`/o/oauth2/v2/auth`), the token
 * endpoint (`/token`: codes with PKCE, refresh tokens that do not rotate), and `/revoke`.
 */
export function createFakeGoogleOAuth(fake: FakeGoogleState) {
  const { crypto, clientId, clientSecret, users, now, switches, calls, codes, refreshTokens, consented, userBySub } = fake;

  const s256 = (verifier: string) => crypto.createHash('sha256').update(verifier).digest('base64url');

  function authorizePage(url: URL, res: ServerResponse) {
    calls.authorize += 1;
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    // Google shows these on its own page and never redirects: the redirect URI is not trusted yet.
    if (q.get('client_id') !== clientId) return sendHtml(res, 401, googleErrorPage('invalid_client', 'The OAuth client was not found.'));
    if (!isAllowedRedirect(redirectUri, fake.options.redirectUris)) {
      return sendHtml(
        res,
        400,
        googleErrorPage(
          'redirect_uri_mismatch',
          'The redirect URI in the request does not match the ones authorized for the OAuth client.',
        ),
      );
    }
    if (q.get('response_type') !== 'code') {
      return sendHtml(res, 400, googleErrorPage('unsupported_response_type', `Unsupported response type: ${q.get('response_type') ?? ''}`));
    }
    const requested = (q.get('scope') ?? '').split(' ').filter(Boolean);
    if (requested.length === 0) return sendHtml(res, 400, googleErrorPage('invalid_request', 'Missing required parameter: scope'));
    const unknown = requested.find((s) => !KNOWN_SCOPES[s]);
    if (unknown) return sendHtml(res, 400, googleErrorPage('invalid_scope', `Some requested scopes were invalid: ${unknown}`));
    // Google accepts `plain` too; this fake insists on S256, which our client always sends.
    if (!q.get('code_challenge') || q.get('code_challenge_method') !== 'S256') {
      return sendHtml(
        res,
        400,
        googleErrorPage('invalid_request', 'code_challenge_method must be S256 (fake Google insists on PKCE S256)'),
      );
    }
    const accessType = q.get('access_type') ?? 'online';
    if (accessType !== 'online' && accessType !== 'offline') {
      return sendHtml(res, 400, googleErrorPage('invalid_request', `Invalid access_type: ${accessType}`));
    }
    const hidden = [
      'client_id',
      'redirect_uri',
      'state',
      'code_challenge',
      'code_challenge_method',
      'scope',
      'access_type',
      'prompt',
      'nonce',
    ]
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(q.get(name) ?? '')}">`)
      .join('');
    const userChoice =
      users.length > 1
        ? `<label>Google Account <select name="sub">${users.map((u) => `<option value="${escapeHtml(u.sub)}">${escapeHtml(u.email)}</option>`).join('')}</select></label>`
        : `<p>Signed in as ${escapeHtml(users[0]!.email)}</p><input type="hidden" name="sub" value="${escapeHtml(users[0]!.sub)}">`;
    const optional = requested
      .map((s) => KNOWN_SCOPES[s]!)
      .filter((s) => OPTIONAL_SCOPES.has(s))
      .map(
        (s) =>
          `<label><input type="checkbox" name="grant_scope" value="${escapeHtml(s)}" checked> See, edit, share and permanently delete all the calendars you can access using Google Calendar (${escapeHtml(s)})</label>`,
      )
      .join('');
    sendHtml(
      res,
      200,
      page(
        'Fake Google: sign in',
        `<h1>session-links wants access to your Google Account</h1>
<form method="post" action="/o/oauth2/v2/auth">${hidden}${userChoice}
<p>Associate you with your personal info on Google; see your primary Google Account email address and personal info.</p>
${optional}
<button type="submit" name="decision" value="allow">Continue</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>`,
      ),
    );
  }

  function authorizeDecision(form: URLSearchParams, res: ServerResponse) {
    const redirectUri = form.get('redirect_uri') ?? '';
    if (form.get('client_id') !== clientId || !isAllowedRedirect(redirectUri, fake.options.redirectUris)) {
      return sendHtml(res, 400, googleErrorPage('invalid_request', 'Invalid request.'));
    }
    const state = form.get('state');
    if (form.get('decision') !== 'allow') return redirect(res, withParams(redirectUri, { error: 'access_denied', state }));
    const user = userBySub(form.get('sub') ?? '') ?? users[0]!;
    const ticked = new Set(form.getAll('grant_scope'));
    const requested = [
      ...new Set(
        (form.get('scope') ?? '')
          .split(' ')
          .filter(Boolean)
          .map((s) => KNOWN_SCOPES[s]!),
      ),
    ];
    const scopes = requested.filter((s) => !OPTIONAL_SCOPES.has(s) || ticked.has(s));
    const prompt = (form.get('prompt') ?? '').split(' ');
    // Google hands out a refresh token on the first offline consent, and again only when the consent screen is forced.
    const offline = form.get('access_type') === 'offline' && (!consented.has(user.sub) || prompt.includes('consent'));
    if (form.get('access_type') === 'offline') consented.add(user.sub);
    const code = `4/0fake_${crypto.randomBytes(24).toString('base64url')}`;
    codes.set(code, {
      sub: user.sub,
      redirectUri,
      codeChallenge: form.get('code_challenge') ?? '',
      codeChallengeMethod: form.get('code_challenge_method') ?? 'S256',
      scopes,
      offline,
      nonce: form.get('nonce') || null,
      expiresAt: now() + CODE_LIFETIME_MS,
    });
    redirect(res, withParams(redirectUri, { state, code, scope: scopes.join(' '), authuser: '0', prompt: 'consent' }));
  }

  function clientOf(req: IncomingMessage, form: URLSearchParams): boolean {
    const basic = parseBasic(req.headers.authorization);
    const id = basic?.id ?? form.get('client_id');
    const secret = basic?.secret ?? form.get('client_secret');
    return id === clientId && secret === clientSecret;
  }

  function token(req: IncomingMessage, form: URLSearchParams) {
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') calls.token.authorizationCode += 1;
    else if (grantType === 'refresh_token') calls.token.refresh += 1;
    else calls.token.other += 1;

    if (switches.tokenFailNext > 0) {
      switches.tokenFailNext -= 1;
      throw new HttpError(500, { error: 'internal_failure', error_description: 'Backend Error' });
    }
    if (!clientOf(req, form)) throw new HttpError(401, { error: 'invalid_client', error_description: 'Unauthorized' });

    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code); // single use, whatever happens next
      if (!grant) throw invalidGrant('Malformed auth code.');
      if (grant.expiresAt <= now()) throw invalidGrant('Bad Request');
      if (form.get('redirect_uri') !== grant.redirectUri) {
        throw new HttpError(400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
      }
      const verifier = form.get('code_verifier');
      if (!verifier) throw invalidGrant('Missing code verifier.');
      if (s256(verifier) !== grant.codeChallenge) throw invalidGrant('Invalid code verifier.');
      const refresh = grant.offline ? fake.issueRefreshToken(grant.sub, grant.scopes) : null;
      const access = fake.issueAccessToken(grant.sub, grant.scopes, refresh);
      return {
        access_token: access,
        expires_in: switches.accessTokenLifetimeSeconds,
        ...(refresh ? { refresh_token: refresh } : {}),
        scope: grant.scopes.join(' '),
        token_type: 'Bearer',
        ...(grant.scopes.includes('openid') ? { id_token: idToken(grant.sub, grant.scopes, grant.nonce) } : {}),
      };
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(presented);
      if (!grant) throw invalidGrant('Token has been expired or revoked.');
      const testingExpired = fake.publishingStatus === 'testing' && now() - grant.issuedAt >= TESTING_REFRESH_LIFETIME_MS;
      const unused = now() - grant.lastUsedAt >= UNUSED_REFRESH_LIFETIME_MS;
      const refused = switches.refuseRefreshes > 0;
      if (refused) switches.refuseRefreshes -= 1;
      if (testingExpired || unused || refused) {
        fake.revokeRefreshToken(presented);
        throw invalidGrant('Token has been expired or revoked.');
      }
      // No rotation: the same refresh token keeps working; the answer carries none.
      grant.lastUsedAt = now();
      return {
        access_token: fake.issueAccessToken(grant.sub, grant.scopes, presented),
        expires_in: switches.accessTokenLifetimeSeconds,
        scope: grant.scopes.join(' '),
        token_type: 'Bearer',
        ...(grant.scopes.includes('openid') ? { id_token: idToken(grant.sub, grant.scopes, null) } : {}),
      };
    }
    throw new HttpError(400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grantType ?? ''}` });
  }

  /** `POST /revoke?token=…` (or in the form): an access or refresh token; either revokes the whole grant. */
  function revoke(form: URLSearchParams) {
    calls.revoke += 1;
    const token = form.get('token') ?? '';
    const access = fake.accessTokens.get(token);
    if (refreshTokens.has(token)) fake.revokeRefreshToken(token);
    else if (access) {
      if (access.refreshToken) fake.revokeRefreshToken(access.refreshToken);
      fake.accessTokens.delete(token);
    } else throw new HttpError(400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
    return {};
  }

  /** An ID token as Google's token endpoint answers it. Signed with a throwaway key: relying parties that got it over TLS from the token endpoint need not verify it. */
  function idToken(sub: string, scopes: string[], nonce: string | null): string {
    const user = userBySub(sub);
    const iat = Math.floor(now() / 1000);
    const claims: Record<string, unknown> = { iss: fake.origin, azp: clientId, aud: clientId, sub, iat, exp: iat + 3600 };
    if (scopes.includes(USERINFO_EMAIL)) Object.assign(claims, { email: user?.email, email_verified: true });
    if (scopes.includes(USERINFO_PROFILE) && user) {
      Object.assign(claims, { name: `${user.givenName} ${user.familyName}`, given_name: user.givenName, family_name: user.familyName });
    }
    if (nonce) claims.nonce = nonce;
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${part({ alg: 'RS256', kid: 'fake-google', typ: 'JWT' })}.${part(claims)}.${crypto.randomBytes(256).toString('base64url')}`;
  }

  return { authorizePage, authorizeDecision, token, revoke };
}

function invalidGrant(description: string) {
  return new HttpError(400, { error: 'invalid_grant', error_description: description });
}

export function googleErrorPage(error: string, description: string): string {
  return page(
    'Fake Google: error',
    `<h1>Access blocked: authorization error</h1><p>Error 400: ${escapeHtml(error)}</p><p>${escapeHtml(description)}</p>`,
  );
}

function parseBasic(header: string | undefined): { id: string; secret: string } | null {
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

function isAllowedRedirect(uri: string, allowed: readonly string[] | undefined): boolean {
  if (allowed) return allowed.includes(uri);
  try {
    const { protocol } = new URL(uri);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function withParams(base: string, params: Record<string, string | null>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return url.href;
}
