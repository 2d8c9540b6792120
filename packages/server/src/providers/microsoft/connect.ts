import { bindProviderTokens, createProviderTokens, type ProviderTokens } from '../gateway-tokens';
import { type MicrosoftClientRuntime, MicrosoftConfigError } from './client';
import { MICROSOFT_ENV, type MicrosoftSettings, microsoftConfiguredIn, readMicrosoftSettings } from './config';
import { createTeamsGateway, type TeamsGateway } from './gateway';

export { MicrosoftConfigError } from './client';
export { type MicrosoftSettings, microsoftConfiguredIn } from './config';

/** Microsoft Teams for the server: the HTTP gateway and its tokens, sealed with the host's key. */
export interface TeamsIntegration {
  gateway: TeamsGateway;
  tokens: ProviderTokens;
  settings: MicrosoftSettings;
}

/** Where Microsoft sends the consent popup back, under the handler's base path. */
export const TEAMS_CALLBACK_PATH = '/microsoft/callback';

/**
 * The Teams configuration from the environment (`MICROSOFT_CLIENT_ID`, `MICROSOFT_CLIENT_SECRET`,
 * `MICROSOFT_REDIRECT_URI`, `SESSION_LINKS_TOKEN_KEY`, `MICROSOFT_TENANT`, `MICROSOFT_OAUTH_BASE`,
 * `MICROSOFT_GRAPH_BASE`). Throws `MicrosoftConfigError` naming the first missing or malformed
 * variable: the server refuses to start rather than run half-configured.
 */
export function microsoftFromEnv(env: Record<string, string | undefined>): MicrosoftSettings {
  return readMicrosoftSettings(env);
}

/**
 * Teams over HTTP (oauth4webapi, PKCE S256) with these settings. `basePath`: where the handler
 * is mounted; `MICROSOFT_REDIRECT_URI` must be `{origin}{basePath}/microsoft/callback`, the page
 * that hands the code to the widget.
 */
export function createTeamsIntegration(
  settings: MicrosoftSettings,
  options: { basePath?: string; runtime?: MicrosoftClientRuntime } = {},
): TeamsIntegration {
  const checked = readMicrosoftSettings(
    Object.fromEntries(Object.entries(MICROSOFT_ENV).map(([key, name]) => [name, settings[key as keyof MicrosoftSettings]])),
  );
  if (options.basePath !== undefined) {
    const expected = `${options.basePath.replace(/\/+$/, '')}${TEAMS_CALLBACK_PATH}`;
    if (new URL(checked.redirectUri).pathname !== expected) {
      throw new MicrosoftConfigError(`MICROSOFT_REDIRECT_URI must end in ${expected} (the server's callback page)`);
    }
  }
  const gateway = createTeamsGateway(checked, { runtime: options.runtime });
  const tokens = createProviderTokens({ gateway, tokenKey: checked.tokenKey });
  bindProviderTokens(gateway, tokens);
  return { gateway, tokens, settings: checked };
}

/** Whether the environment configures Teams; then its integration, or `MicrosoftConfigError` naming what is wrong. */
export function teamsFromEnv(env: Record<string, string | undefined>, basePath: string): TeamsIntegration | null {
  return microsoftConfiguredIn(env) ? createTeamsIntegration(microsoftFromEnv(env), { basePath }) : null;
}
