import { createGoogleIntegration } from '../src/providers/google';
import { startFakeGoogle } from '../src/testing';
import type { ProviderFakeFactory } from './provider-cycle-suite';

/** Google Meet's loopback fake for the provider cycle suite (R31): the real HTTP gateway against it. */
export const googleCycleFake: ProviderFakeFactory = async ({ now, apiBase, tokenKey }) => {
  const fake = await startFakeGoogle({ now });
  const integration = createGoogleIntegration(
    {
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      redirectUri: `${apiBase}/google/callback`,
      tokenKey,
      oauthBase: fake.oauthBase,
      apiBase: fake.apiBase,
    },
    // Waits between retries return at once (no real sleeps); Google's clock is the suite's.
    { basePath: new URL(apiBase).pathname, runtime: { sleep: async () => undefined, now } },
  );
  return {
    provider: 'google-meet',
    callbackPath: '/google/callback',
    runtime: { gateway: integration.gateway, tokens: integration.tokens },
    user: { email: 'host@fake-google.test', name: 'Gina Host' },
    async consent(authorizeUrl, decision) {
      const html = await (await fetch(authorizeUrl)).text();
      const form = new URLSearchParams();
      for (const [, field, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
        form.set(field as string, value as string);
      // The Calendar permission stays ticked, as a user who wants meetings leaves it.
      for (const [, scope] of html.matchAll(/name="grant_scope" value="([^"]+)" checked/g)) form.append('grant_scope', scope as string);
      form.set('decision', decision);
      const answer = await fetch(`${fake.oauthBase}/o/oauth2/v2/auth`, { method: 'POST', body: form, redirect: 'manual' });
      return answer.headers.get('location') as string;
    },
    // The meetings are the live events (a deleted one stays at Google as `cancelled`).
    meetings: () =>
      fake
        .events()
        .filter((e) => e.status !== 'cancelled')
        .map((e) => ({
          id: e.id,
          joinUrl: e.conference?.meetLink ?? '',
          start: e.start,
          durationMinutes: Math.round((Date.parse(e.end) - Date.parse(e.start)) / 60_000),
          topic: e.summary,
        })),
    calls: () => ({
      codeExchanges: fake.calls.token.authorizationCode,
      refreshes: fake.calls.token.refresh,
      creates: fake.calls.events.insert,
      updates: fake.calls.events.patch,
      deletes: fake.calls.events.delete,
    }),
    refuseNextRefresh: () => {
      fake.switches.refuseRefreshes = 1;
    },
    accessTokenLifetimeMs: 3_599_000,
    close: () => fake.close(),
  };
};
