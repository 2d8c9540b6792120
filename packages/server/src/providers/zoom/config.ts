import { assertTokenKey, TokenKeyError } from '../tokens';
import { createZoomClient, DEFAULT_ZOOM_API_BASE, DEFAULT_ZOOM_OAUTH_BASE, ZoomConfigError } from './client';

/** Everything the Zoom integration reads from the environment (or from `createHandler` options). */
export interface ZoomSettings {
  clientId: string;
  clientSecret: string;
  /** `{base}/zoom/callback`, as registered on the Zoom app. */
  redirectUri: string;
  webhookSecretToken: string;
  /** 32 bytes, base64: the AES-256-GCM key for tokens at rest. */
  tokenKey: string;
  oauthBase: string;
  apiBase: string;
}

export const ZOOM_ENV = {
  clientId: 'ZOOM_CLIENT_ID',
  clientSecret: 'ZOOM_CLIENT_SECRET',
  redirectUri: 'ZOOM_REDIRECT_URI',
  webhookSecretToken: 'ZOOM_WEBHOOK_SECRET_TOKEN',
  tokenKey: 'SESSION_LINKS_TOKEN_KEY',
  oauthBase: 'ZOOM_OAUTH_BASE',
  apiBase: 'ZOOM_API_BASE',
} as const satisfies Record<keyof ZoomSettings, string>;

/**
 * Reads and checks the Zoom configuration; throws `ZoomConfigError` naming the first missing or
 * malformed variable, so the server can refuse to start with a useful message.
 */
export function readZoomSettings(env: Record<string, string | undefined>): ZoomSettings {
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new ZoomConfigError(`${name} is required`);
    return value;
  };
  const settings: ZoomSettings = {
    clientId: required(ZOOM_ENV.clientId),
    clientSecret: required(ZOOM_ENV.clientSecret),
    redirectUri: required(ZOOM_ENV.redirectUri),
    webhookSecretToken: required(ZOOM_ENV.webhookSecretToken),
    tokenKey: required(ZOOM_ENV.tokenKey),
    oauthBase: env[ZOOM_ENV.oauthBase]?.trim() || DEFAULT_ZOOM_OAUTH_BASE,
    apiBase: env[ZOOM_ENV.apiBase]?.trim() || DEFAULT_ZOOM_API_BASE,
  };
  try {
    assertTokenKey(settings.tokenKey);
  } catch (error) {
    if (error instanceof TokenKeyError) throw new ZoomConfigError(error.message);
    throw error;
  }
  // Validates the URLs (https, or http on loopback) the same way the client will.
  createZoomClient(settings);
  return settings;
}
