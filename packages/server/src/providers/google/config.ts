import { assertTokenKey, TokenKeyError } from '../tokens';
import { createGoogleClient, DEFAULT_GOOGLE_API_BASE, GoogleConfigError } from './client';

/** Everything the Google Meet integration reads from the environment (or from `createHandler` options). */
export interface GoogleSettings {
  clientId: string;
  clientSecret: string;
  /** `{base}/google/callback`, as registered on the OAuth client ("Authorized redirect URIs"). */
  redirectUri: string;
  /** 32 bytes, base64: the AES-256-GCM key for tokens at rest (shared with the other providers). */
  tokenKey: string;
  /** One origin serving Google's authorization, token and revocation endpoints; null: Google's own. */
  oauthBase: string | null;
  apiBase: string;
}

export const GOOGLE_ENV = {
  clientId: 'GOOGLE_CLIENT_ID',
  clientSecret: 'GOOGLE_CLIENT_SECRET',
  redirectUri: 'GOOGLE_REDIRECT_URI',
  tokenKey: 'SESSION_LINKS_TOKEN_KEY',
  oauthBase: 'GOOGLE_OAUTH_BASE',
  apiBase: 'GOOGLE_API_BASE',
} as const satisfies Record<keyof GoogleSettings, string>;

/** Whether the environment asks for Google Meet at all (any of its own variables set). */
export function googleConfiguredIn(env: Record<string, string | undefined>): boolean {
  return [GOOGLE_ENV.clientId, GOOGLE_ENV.clientSecret, GOOGLE_ENV.redirectUri].some((k) => env[k]?.trim());
}

/**
 * Reads and checks the Google configuration; throws `GoogleConfigError` naming the first
 * missing or malformed variable, so the server can refuse to start with a useful message.
 */
export function readGoogleSettings(env: Record<string, string | undefined>): GoogleSettings {
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new GoogleConfigError(`${name} is required`);
    return value;
  };
  const settings: GoogleSettings = {
    clientId: required(GOOGLE_ENV.clientId),
    clientSecret: required(GOOGLE_ENV.clientSecret),
    redirectUri: required(GOOGLE_ENV.redirectUri),
    tokenKey: required(GOOGLE_ENV.tokenKey),
    oauthBase: env[GOOGLE_ENV.oauthBase]?.trim() || null,
    apiBase: env[GOOGLE_ENV.apiBase]?.trim() || DEFAULT_GOOGLE_API_BASE,
  };
  try {
    assertTokenKey(settings.tokenKey);
  } catch (error) {
    if (error instanceof TokenKeyError) throw new GoogleConfigError(error.message);
    throw error;
  }
  // Validates the URLs (https, or http on loopback) the same way the client will.
  createGoogleClient({ ...settings, oauthBase: settings.oauthBase ?? undefined });
  return settings;
}
