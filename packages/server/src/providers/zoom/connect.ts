import { type ZoomGateway, ZoomGatewayError } from '../gateway';
import { bindZoomTokens, createZoomTokens, type ZoomTokens } from '../gateway-tokens';
import { type ZoomClientRuntime, ZoomConfigError } from './client';
import { readZoomSettings, type ZoomSettings } from './config';
import { createHttpZoomGateway } from './gateway';

export { ZoomConfigError } from './client';
export type { ZoomSettings } from './config';

/** Real Zoom for the server: the HTTP gateway, the tokens sealed with the host's key, the webhook secret. */
export interface ZoomIntegration {
  gateway: ZoomGateway;
  tokens: ZoomTokens;
  /** `ZOOM_WEBHOOK_SECRET_TOKEN`: `POST {base}/zoom/webhook` is served only with one. */
  webhookSecret: string | null;
  settings: ZoomSettings | null;
}

/**
 * The Zoom configuration from the environment (`ZOOM_CLIENT_ID`, `ZOOM_CLIENT_SECRET`,
 * `ZOOM_REDIRECT_URI`, `ZOOM_WEBHOOK_SECRET_TOKEN`, `SESSION_LINKS_TOKEN_KEY`,
 * `ZOOM_OAUTH_BASE`, `ZOOM_API_BASE`). Throws `ZoomConfigError` naming the first missing
 * or malformed variable: the server refuses to start rather than run half-configured.
 */
export function zoomFromEnv(env: Record<string, string | undefined>): ZoomSettings {
  return readZoomSettings(env);
}

/** Whether the environment asks for real Zoom at all (any of its variables set). */
export function zoomConfiguredIn(env: Record<string, string | undefined>): boolean {
  return ['ZOOM_CLIENT_ID', 'ZOOM_CLIENT_SECRET', 'ZOOM_REDIRECT_URI', 'ZOOM_WEBHOOK_SECRET_TOKEN'].some((k) => env[k]?.trim());
}

/**
 * Zoom over HTTP (oauth4webapi, PKCE S256) with these settings. `basePath`: where the
 * handler is mounted; `ZOOM_REDIRECT_URI` must be `{origin}{basePath}/zoom/callback`, the
 * page that hands the code to the widget.
 */
export function createZoomIntegration(
  settings: ZoomSettings,
  options: { basePath?: string; runtime?: ZoomClientRuntime } = {},
): ZoomIntegration {
  const checked = readZoomSettings({
    ZOOM_CLIENT_ID: settings.clientId,
    ZOOM_CLIENT_SECRET: settings.clientSecret,
    ZOOM_REDIRECT_URI: settings.redirectUri,
    ZOOM_WEBHOOK_SECRET_TOKEN: settings.webhookSecretToken,
    SESSION_LINKS_TOKEN_KEY: settings.tokenKey,
    ZOOM_OAUTH_BASE: settings.oauthBase,
    ZOOM_API_BASE: settings.apiBase,
  });
  if (options.basePath !== undefined) {
    const expected = `${options.basePath.replace(/\/+$/, '')}/zoom/callback`;
    if (new URL(checked.redirectUri).pathname !== expected) {
      throw new ZoomConfigError(`ZOOM_REDIRECT_URI must end in ${expected} (the server's callback page)`);
    }
  }
  const gateway: ZoomGateway = createHttpZoomGateway(checked, {
    runtime: options.runtime,
    makeError: (kind, message, retryAfter, cause) => Object.assign(new ZoomGatewayError(kind, message, retryAfter), { cause }),
  });
  const tokens = createZoomTokens({ gateway, tokenKey: checked.tokenKey });
  bindZoomTokens(gateway, tokens);
  return { gateway, tokens, webhookSecret: checked.webhookSecretToken, settings: checked };
}
