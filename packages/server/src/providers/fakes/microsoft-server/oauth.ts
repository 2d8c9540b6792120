import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAllowedRedirect, parseBasic, withParams } from '../zoom-server/oauth';
import { escapeHtml, HttpError, redirect, sendHtml } from '../zoom-server/respond';
import { CODE_LIFETIME_MS, type FakeMicrosoftState, graphScope, hasScope } from './state';
import { CONSUMER_TENANT_ID, type FakeMicrosoftUser } from './types';

/**
 * The Microsoft identity platform's v2.0 endpoints under `/{tenant}/oauth2/v2.0/`: the sign-in
 * and consent page, the user's decision, and the token endpoint (codes, PKCE S256, refresh
 * tokens that die after 90 days unused or on revocation). Errors carry Microsoft's JSON
 * (`error`, `error_description` starting with an `AADSTS` code, `error_codes`, trace and
 * correlation ids); Microsoft says clients must not depend on the codes, only on `error`.
 */
export function createFakeMicrosoftOAuth(fake: FakeMicrosoftState) {
  const { crypto, clientId, clientSecret, users, now, maxInactiveMs, switches, calls, codes, refreshTokens } = fake;

  function s256(verifier: string): string {
    return crypto.createHash('sha256').update(verifier).digest('base64url');
  }

  /** `common`: anyone; `organizations`: work and school accounts; `consumers`: personal accounts; else one tenant (its id). */
  function usersOf(tenant: string): FakeMicrosoftUser[] | null {
    const t = tenant.toLowerCase();
    if (t === 'common') return users;
    if (t === 'organizations') return users.filter((u) => u.kind === 'work');
    if (t === 'consumers' || t === CONSUMER_TENANT_ID) return users.filter((u) => u.kind === 'personal');
    const members = users.filter((u) => u.tenantId.toLowerCase() === t);
    return members.length ? members : null;
  }

  function aadError(status: number, error: string, code: number, description: string, extra: Record<string, unknown> = {}) {
    const traceId = crypto.randomUUID();
    const correlationId = crypto.randomUUID();
    const timestamp = `${new Date(now()).toISOString().replace('T', ' ').slice(0, 19)}Z`;
    return new HttpError(
      status,
      {
        error,
        error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
        error_codes: [code],
        timestamp,
        trace_id: traceId,
        correlation_id: correlationId,
        error_uri: `${fake.origin}/error?code=${code}`,
        ...extra,
      },
      { 'cache-control': 'no-store' },
    );
  }

  function authorizePage(tenant: string, url: URL, res: ServerResponse) {
    calls.authorize += 1;
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    const state = q.get('state');
    // These are shown on Microsoft's own page: a wrong client or redirect URI never goes back to the app.
    if (q.get('client_id') !== clientId) {
      return sendHtml(res, 400, errorPage(`AADSTS700016: Application with identifier '${q.get('client_id') ?? ''}' was not found.`));
    }
    if (!isAllowedRedirect(redirectUri, fake.options.redirectUris)) {
      return sendHtml(
        res,
        400,
        errorPage(`AADSTS50011: The redirect URI '${redirectUri}' does not match the redirect URIs configured for the application.`),
      );
    }
    const signIn = usersOf(tenant);
    if (!signIn) return sendHtml(res, 400, errorPage(`AADSTS90002: Tenant '${tenant}' not found.`));
    const back = (error: string, description: string) =>
      redirect(res, withParams(redirectUri, { error, error_description: description, state }));
    if (q.get('response_type') !== 'code') {
      return back('unsupported_response_type', 'AADSTS700054: response_type is not enabled for the application.');
    }
    const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean).map(graphScope);
    if (!scopes.length) return back('invalid_request', "AADSTS900144: The request body must contain the following parameter: 'scope'.");
    // Microsoft also takes `plain` (and no PKCE at all for a confidential client); this fake insists on S256, which our client always sends.
    if (!q.get('code_challenge') || q.get('code_challenge_method') !== 'S256') {
      return back('invalid_request', 'AADSTS501491: The code_challenge_method must be S256 for this fake.');
    }
    if (!signIn.length) {
      return back('access_denied', `AADSTS50020: No account of the kind tenant '${tenant}' accepts can sign in here.`);
    }
    const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope']
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(q.get(name) ?? '')}">`)
      .join('');
    const userChoice =
      signIn.length > 1
        ? `<label>Account <select name="user_id">${signIn.map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.email)}${u.kind === 'personal' ? ' (personal)' : ''}</option>`).join('')}</select></label>`
        : `<p>Signed in as ${escapeHtml(signIn[0]!.email)}</p><input type="hidden" name="user_id" value="${escapeHtml(signIn[0]!.id)}">`;
    sendHtml(
      res,
      200,
      page(
        'Fake Microsoft: permissions requested',
        `<h1>Permissions requested</h1>
<p>session-links would like to: ${scopes.map((s) => escapeHtml(s)).join(', ')}.</p>
<form method="post" action="/${escapeHtml(encodeURIComponent(tenant))}/oauth2/v2.0/authorize">${hidden}${userChoice}
<button type="submit" name="decision" value="allow">Accept</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>`,
      ),
    );
  }

  function authorizeDecision(tenant: string, form: URLSearchParams, res: ServerResponse) {
    const redirectUri = form.get('redirect_uri') ?? '';
    if (form.get('client_id') !== clientId || !isAllowedRedirect(redirectUri, fake.options.redirectUris)) {
      return sendHtml(res, 400, errorPage('Invalid request.'));
    }
    const state = form.get('state');
    if (form.get('decision') !== 'allow') {
      return redirect(
        res,
        withParams(redirectUri, {
          error: 'access_denied',
          error_description: 'AADSTS65004: User declined to consent to access the app.',
          state,
        }),
      );
    }
    const allowed = usersOf(tenant) ?? [];
    const user = allowed.find((u) => u.id === form.get('user_id'));
    if (!user) return sendHtml(res, 400, errorPage('AADSTS50020: This account cannot sign in to this tenant.'));
    const code = `0.A${crypto.randomBytes(24).toString('base64url')}`;
    codes.set(code, {
      userId: user.id,
      redirectUri,
      codeChallenge: form.get('code_challenge') ?? '',
      codeChallengeMethod: form.get('code_challenge_method') ?? 'S256',
      scopes: (form.get('scope') ?? '').split(' ').filter(Boolean).map(graphScope),
      expiresAt: now() + CODE_LIFETIME_MS,
    });
    redirect(res, withParams(redirectUri, { code, state, session_state: crypto.randomUUID() }));
  }

  /** Client authentication: `client_secret` in the body (Microsoft's documented way) or HTTP Basic. */
  function authenticateClient(req: IncomingMessage, form: URLSearchParams) {
    const basic = parseBasic(req.headers.authorization);
    const id = basic?.id ?? form.get('client_id');
    const secret = basic?.secret ?? form.get('client_secret');
    if (id !== clientId) {
      throw aadError(400, 'unauthorized_client', 700016, `Application with identifier '${id ?? ''}' was not found in the directory.`);
    }
    if (!secret) {
      throw aadError(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    }
    if (secret !== clientSecret) throw aadError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
  }

  function token(tenant: string, req: IncomingMessage, form: URLSearchParams) {
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') calls.token.authorizationCode += 1;
    else if (grantType === 'refresh_token') calls.token.refresh += 1;
    else calls.token.other += 1;

    if (switches.tokenFailNext > 0) {
      switches.tokenFailNext -= 1;
      throw aadError(500, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.');
    }
    if (!usersOf(tenant)) throw aadError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    authenticateClient(req, form);

    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      if (!grant) {
        throw aadError(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code.');
      }
      codes.delete(code); // single use, whatever happens next
      if (grant.expiresAt <= now()) {
        throw aadError(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity.');
      }
      if (form.get('redirect_uri') !== grant.redirectUri) {
        throw aadError(
          400,
          'invalid_grant',
          500112,
          'The reply address does not match the reply address provided when requesting the authorization code.',
        );
      }
      const verifier = form.get('code_verifier');
      if (!verifier || s256(verifier) !== grant.codeChallenge) {
        throw aadError(
          400,
          'invalid_grant',
          501481,
          "The Code_Verifier doesn't match the code_challenge supplied in the authorization request.",
        );
      }
      return fake.issueTokens(grant.userId, grant.scopes);
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(presented);
      if (!grant || (grant.redeemed && !switches.redeemedRefreshTokensStayValid)) {
        throw aadError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
      }
      const validFrom = grant.revokedAt;
      if (validFrom !== null) {
        throw aadError(
          400,
          'invalid_grant',
          50173,
          `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${new Date(grant.issuedAt).toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${new Date(validFrom).toISOString()}'.`,
        );
      }
      if (now() - grant.issuedAt >= maxInactiveMs) {
        throw aadError(
          400,
          'invalid_grant',
          700082,
          `The refresh token has expired due to inactivity. The token was issued on ${new Date(grant.issuedAt).toISOString()} and was inactive for ${inactiveFor(maxInactiveMs)}.`,
        );
      }
      // A refresh token is replaced by a fresh one on every use (the strict fake also retires it: see the switch).
      grant.redeemed = true;
      if (!switches.redeemedRefreshTokensStayValid) refreshTokens.delete(presented);
      const requested = (form.get('scope') ?? '').split(' ').filter(Boolean).map(graphScope);
      const scopes = requested.length ? requested.filter((s) => hasScope(grant.scopes, s)) : grant.scopes;
      return fake.issueTokens(grant.userId, hasScope(scopes, 'offline_access') ? scopes : [...scopes, 'offline_access']);
    }
    throw aadError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`);
  }

  return { authorizePage, authorizeDecision, token };
}

/** Microsoft writes the inactivity as a .NET TimeSpan: `90.00:00:00`. */
function inactiveFor(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const rest = new Date(ms % 86_400_000).toISOString().slice(11, 19);
  return `${days}.${rest}`;
}

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

export function errorPage(message: string): string {
  return page('Fake Microsoft: sign-in error', `<h1>Sorry, but we’re having trouble signing you in.</h1><p>${escapeHtml(message)}</p>`);
}
