import { createZoomIntegration } from '../src';
import { startFakeZoom } from '../src/testing';
import type { ProviderFakeFactory } from './provider-cycle-suite';

/** Zoom's loopback fake for the provider cycle suite (R31): the real HTTP gateway against it. */
export const zoomCycleFake: ProviderFakeFactory = async ({ now, apiBase, tokenKey }) => {
  const fake = await startFakeZoom({ now });
  const integration = createZoomIntegration(
    {
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      redirectUri: `${apiBase}/zoom/callback`,
      webhookSecretToken: 'cycle-suite-webhook-secret',
      tokenKey,
      oauthBase: fake.oauthBase,
      apiBase: fake.apiBase,
    },
    // Waits between retries return at once (no real sleeps); Zoom's clock is the suite's.
    { basePath: new URL(apiBase).pathname, runtime: { sleep: async () => undefined, now } },
  );
  return {
    provider: 'zoom',
    callbackPath: '/zoom/callback',
    runtime: { gateway: integration.gateway, tokens: integration.tokens },
    user: { email: 'host@fake-zoom.test', name: 'Fay Host' },
    async consent(authorizeUrl, decision) {
      const html = await (await fetch(authorizeUrl)).text();
      const form = new URLSearchParams();
      for (const [, field, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
        form.set(field as string, value as string);
      form.set('decision', decision);
      const answer = await fetch(`${fake.oauthBase}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
      return answer.headers.get('location') as string;
    },
    meetings: () =>
      fake.meetings().map((m) => ({
        id: String(m.id),
        joinUrl: m.joinUrl,
        start: m.startTime,
        durationMinutes: m.duration,
        topic: m.topic,
      })),
    calls: () => ({
      codeExchanges: fake.calls.token.authorizationCode,
      refreshes: fake.calls.token.refresh,
      creates: fake.calls.meetings.create,
      updates: fake.calls.meetings.update,
      deletes: fake.calls.meetings.delete,
    }),
    refuseNextRefresh: () => {
      fake.switches.refuseRefreshes = 1;
    },
    accessTokenLifetimeMs: 3_600_000,
    close: () => fake.close(),
  };
};
