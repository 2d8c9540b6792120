import { describe, expect, it } from 'vitest';
import { createGoogleIntegration, GoogleConfigError, googleConfiguredIn, readGoogleSettings } from '../../src/providers/google';
import { generateTokenKey } from '../../src/providers/tokens';

const env = () => ({
  GOOGLE_CLIENT_ID: 'id.apps.googleusercontent.com',
  GOOGLE_CLIENT_SECRET: 'secret',
  GOOGLE_REDIRECT_URI: 'https://studio.example/api/session-links/google/callback',
  SESSION_LINKS_TOKEN_KEY: generateTokenKey(),
});

describe('Google configuration from the environment', () => {
  it('defaults to Google’s own endpoints, and names the first missing variable', () => {
    const settings = readGoogleSettings(env());
    expect(settings).toMatchObject({ oauthBase: null, apiBase: 'https://www.googleapis.com' });
    const { GOOGLE_CLIENT_SECRET: _, ...missing } = env();
    expect(() => readGoogleSettings(missing)).toThrow(new GoogleConfigError('GOOGLE_CLIENT_SECRET is required'));
    expect(() => readGoogleSettings({ ...env(), SESSION_LINKS_TOKEN_KEY: 'short' })).toThrow(GoogleConfigError);
  });

  it('takes plain http bases on loopback only', () => {
    expect(
      readGoogleSettings({ ...env(), GOOGLE_OAUTH_BASE: 'http://127.0.0.1:4010', GOOGLE_API_BASE: 'http://127.0.0.1:4010' }),
    ).toMatchObject({
      oauthBase: 'http://127.0.0.1:4010',
    });
    expect(() => readGoogleSettings({ ...env(), GOOGLE_OAUTH_BASE: 'http://google.example' })).toThrow('GOOGLE_OAUTH_BASE must use https');
    expect(() => readGoogleSettings({ ...env(), GOOGLE_API_BASE: 'http://api.example' })).toThrow('GOOGLE_API_BASE must use https');
  });

  it('refuses a redirect URI that is not the handler’s /google/callback', () => {
    const settings = readGoogleSettings(env());
    expect(createGoogleIntegration(settings, { basePath: '/api/session-links' }).gateway.provider).toBe('google-meet');
    expect(() => createGoogleIntegration(settings, { basePath: '/sl' })).toThrow('GOOGLE_REDIRECT_URI must end in /sl/google/callback');
  });

  it('counts as asked for when any of its own variables is set', () => {
    expect(googleConfiguredIn({})).toBe(false);
    expect(googleConfiguredIn({ SESSION_LINKS_TOKEN_KEY: 'k' })).toBe(false);
    expect(googleConfiguredIn({ GOOGLE_CLIENT_ID: 'x' })).toBe(true);
  });
});
