import { bindProviderTokens, createProviderTokens, type ProviderTokens } from '../gateway-tokens';
import { type GoogleClientRuntime, GoogleConfigError } from './client';
import { GOOGLE_ENV, type GoogleSettings, readGoogleSettings } from './config';
import { createHttpGoogleGateway, type HttpGoogleGateway } from './gateway';

/** Six months: a Google refresh token unused this long is dead (it is used at every refresh, which keeps it alive). */
export const GOOGLE_REFRESH_TOKEN_MAX_UNUSED_SECONDS = 183 * 86_400;

/** Real Google Meet for the server: the HTTP gateway and the tokens sealed with the host's key. */
export interface GoogleIntegration {
  gateway: HttpGoogleGateway;
  tokens: ProviderTokens;
  settings: GoogleSettings;
}

/**
 * Google Meet over HTTP (oauth4webapi, PKCE S256, offline access) with these settings.
 * `basePath`: where the handler is mounted; `GOOGLE_REDIRECT_URI` must be
 * `{origin}{basePath}/google/callback`, the page that hands the code to the widget.
 */
export function createGoogleIntegration(
  settings: GoogleSettings,
  options: { basePath?: string; runtime?: GoogleClientRuntime } = {},
): GoogleIntegration {
  const checked = readGoogleSettings({
    [GOOGLE_ENV.clientId]: settings.clientId,
    [GOOGLE_ENV.clientSecret]: settings.clientSecret,
    [GOOGLE_ENV.redirectUri]: settings.redirectUri,
    [GOOGLE_ENV.tokenKey]: settings.tokenKey,
    [GOOGLE_ENV.oauthBase]: settings.oauthBase ?? undefined,
    [GOOGLE_ENV.apiBase]: settings.apiBase,
  });
  if (options.basePath !== undefined) {
    const expected = `${options.basePath.replace(/\/+$/, '')}/google/callback`;
    if (new URL(checked.redirectUri).pathname !== expected) {
      throw new GoogleConfigError(`GOOGLE_REDIRECT_URI must end in ${expected} (the server's callback page)`);
    }
  }
  const gateway = createHttpGoogleGateway({ ...checked, oauthBase: checked.oauthBase ?? undefined }, { runtime: options.runtime });
  // Google's refresh tokens die after six months unused (not Zoom's 90 days): until then, Google is asked.
  const tokens = createProviderTokens({
    gateway,
    tokenKey: checked.tokenKey,
    refreshTokenMaxAgeSeconds: GOOGLE_REFRESH_TOKEN_MAX_UNUSED_SECONDS,
  });
  bindProviderTokens(gateway, tokens);
  return { gateway, tokens, settings: checked };
}
