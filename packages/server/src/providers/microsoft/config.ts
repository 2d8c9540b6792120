import { assertTokenKey, TokenKeyError } from '../tokens';
import {
  createMicrosoftClient,
  DEFAULT_MICROSOFT_GRAPH_BASE,
  DEFAULT_MICROSOFT_OAUTH_BASE,
  DEFAULT_MICROSOFT_TENANT,
  MicrosoftConfigError,
} from './client';

/** Everything the Teams integration reads from the environment (or from `createHandler` options). */
export interface MicrosoftSettings {
  clientId: string;
  clientSecret: string;
  /** The server's Teams callback page, exactly as registered on the Entra app (platform "Web"). */
  redirectUri: string;
  /** `common` (default: any work, school or personal account signs in), `organizations`, or one tenant's id or domain. */
  tenant: string;
  /** 32 bytes, base64: the AES-256-GCM key for tokens at rest (`SESSION_LINKS_TOKEN_KEY`, the same as Zoom's). */
  tokenKey: string;
  oauthBase: string;
  graphBase: string;
}

export const MICROSOFT_ENV = {
  clientId: 'MICROSOFT_CLIENT_ID',
  clientSecret: 'MICROSOFT_CLIENT_SECRET',
  redirectUri: 'MICROSOFT_REDIRECT_URI',
  tenant: 'MICROSOFT_TENANT',
  tokenKey: 'SESSION_LINKS_TOKEN_KEY',
  oauthBase: 'MICROSOFT_OAUTH_BASE',
  graphBase: 'MICROSOFT_GRAPH_BASE',
} as const satisfies Record<keyof MicrosoftSettings, string>;

/** Whether the environment asks for Teams at all (any of its required variables set): a provider not configured is not offered. */
export function microsoftConfiguredIn(env: Record<string, string | undefined>): boolean {
  return [MICROSOFT_ENV.clientId, MICROSOFT_ENV.clientSecret, MICROSOFT_ENV.redirectUri].some((k) => env[k]?.trim());
}

/**
 * Reads and checks the Teams configuration; throws `MicrosoftConfigError` naming the first
 * missing or malformed variable, so the server refuses to start rather than run half-configured.
 */
export function readMicrosoftSettings(env: Record<string, string | undefined>): MicrosoftSettings {
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new MicrosoftConfigError(`${name} is required`);
    return value;
  };
  const settings: MicrosoftSettings = {
    clientId: required(MICROSOFT_ENV.clientId),
    clientSecret: required(MICROSOFT_ENV.clientSecret),
    redirectUri: required(MICROSOFT_ENV.redirectUri),
    tenant: env[MICROSOFT_ENV.tenant]?.trim() || DEFAULT_MICROSOFT_TENANT,
    tokenKey: required(MICROSOFT_ENV.tokenKey),
    oauthBase: env[MICROSOFT_ENV.oauthBase]?.trim() || DEFAULT_MICROSOFT_OAUTH_BASE,
    graphBase: env[MICROSOFT_ENV.graphBase]?.trim() || DEFAULT_MICROSOFT_GRAPH_BASE,
  };
  try {
    assertTokenKey(settings.tokenKey);
  } catch (error) {
    if (error instanceof TokenKeyError) throw new MicrosoftConfigError(error.message);
    throw error;
  }
  // Validates the URLs (https, or http on loopback) and the tenant the same way the client will.
  createMicrosoftClient(settings);
  return settings;
}
