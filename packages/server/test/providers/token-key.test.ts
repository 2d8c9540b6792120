import { describe, expect, it } from 'vitest';
import { createHandler, createProviderTokens, type ProviderGateway, runMeetingWorker, tokensFor } from '../../src';
import { FAKE_ZOOM_TOKEN_KEY } from '../../src/providers/gateway-tokens';
import { createHttpGoogleGateway } from '../../src/providers/google';
import { createTokenCipher, generateTokenKey, TokenDecryptError, TokenKeyError } from '../../src/providers/tokens';
import { createFakeProviderGateway, createFakeZoomGateway, createMemoryStore } from '../../src/testing';

// R18 ("Zoom tokens never leave the server") and R23 (tokens encrypted at rest with the host's key):
// the fakes' key is published in this package, so it may seal only a fake's (fake) tokens.

const NOW = new Date('2030-03-04T12:00:00Z');
const TOKENS = { accessToken: 'ya29.real-access-token', refreshToken: '1//real-refresh-token', expiresIn: 3600 };

/** A real provider's gateway (Google's HTTP client; constructing it calls nobody). */
const realGateway = (): ProviderGateway =>
  createHttpGoogleGateway({
    clientId: 'id',
    clientSecret: 'secret',
    redirectUri: 'https://studio.example/api/session-links/google/callback',
  });

describe("a real provider's tokens are never sealed with the fakes' published key (R18, R23)", () => {
  it('a gateway that is not a fake, without a key: tokensFor, createProviderTokens and createHandler throw, naming SESSION_LINKS_TOKEN_KEY', () => {
    const gateway = realGateway();
    expect(gateway.fake).toBeUndefined();
    expect(() => tokensFor(gateway)).toThrow(TokenKeyError);
    expect(() => tokensFor(gateway)).toThrow(/SESSION_LINKS_TOKEN_KEY/);
    expect(() => createProviderTokens({ gateway })).toThrow(TokenKeyError);
    const store = createMemoryStore();
    expect(() => createHandler({ store, providers: [gateway], authenticate: async () => null })).toThrow(/SESSION_LINKS_TOKEN_KEY/);
    // A wrapper that copies the methods but not the mark is no fake either.
    const fake = createFakeZoomGateway();
    const { fake: _mark, ...unmarked } = fake;
    expect(() => tokensFor(unmarked)).toThrow(TokenKeyError);
  });

  it('an entry { gateway } whose tokens were left out (a JavaScript host, an unset variable): the same start-up error, never a 500 at the first connect', async () => {
    const store = createMemoryStore();
    // biome-ignore lint/suspicious/noExplicitAny: what an untyped host passes
    const entry = { gateway: realGateway(), tokens: undefined } as any;
    expect(() => createHandler({ store, providers: [entry], authenticate: async () => null })).toThrow(TokenKeyError);
    expect(() => createHandler({ store, providers: [{ gateway: realGateway() } as never], authenticate: async () => null })).toThrow(
      /SESSION_LINKS_TOKEN_KEY/,
    );
    await expect(runMeetingWorker(store, { 'google-meet': entry }, NOW)).rejects.toThrow(TokenKeyError);
  });

  it('with the host key: sealed with that key, never openable with the published one', async () => {
    const key = generateTokenKey();
    const tokens = createProviderTokens({ gateway: realGateway(), tokenKey: key });
    const sealed = await tokens.seal({ siteId: 's', accountId: 'acct-1', zoomUserId: 'u', tokens: TOKENS, now: NOW });
    expect(sealed.accessToken).not.toContain('real-access-token');
    expect(await (await createTokenCipher(key)).decrypt(sealed.accessToken, 'acct-1')).toBe(TOKENS.accessToken);
    await expect((await createTokenCipher(FAKE_ZOOM_TOKEN_KEY)).decrypt(sealed.accessToken, 'acct-1')).rejects.toBeInstanceOf(
      TokenDecryptError,
    );
  });

  it('a fake (and a test wrapper spread from one) works without a key: its fake tokens use the published key', async () => {
    for (const gateway of [
      createFakeZoomGateway(),
      createFakeProviderGateway('teams'),
      { ...createFakeZoomGateway(), provider: 'google-meet' as const },
    ]) {
      expect(gateway.fake).toBe(true);
      const sealed = await tokensFor(gateway).seal({ siteId: 's', accountId: 'acct-1', zoomUserId: 'u', tokens: TOKENS, now: NOW });
      expect(await (await createTokenCipher(FAKE_ZOOM_TOKEN_KEY)).decrypt(sealed.refreshToken, 'acct-1')).toBe(TOKENS.refreshToken);
    }
  });
});
