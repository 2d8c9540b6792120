import type { MicrosoftClientRuntime } from '../src/providers/microsoft/client';
import { createTeamsIntegration, TEAMS_CALLBACK_PATH, type TeamsIntegration } from '../src/providers/microsoft/connect';
import { type FakeMicrosoft, type FakeMicrosoftUser, startFakeMicrosoft } from '../src/testing';
import type { ProviderFakeFactory } from './provider-cycle-suite';

export const TEAMS_WORK_USER: FakeMicrosoftUser = {
  id: '5e55a11f-0000-4000-8000-00000000a001',
  kind: 'work',
  tenantId: 'f4ce7e11-0000-4000-8000-00000000c0de',
  email: 'anna@contoso.test',
  displayName: 'Anna de Vries',
};

export const TEAMS_PERSONAL_USER: FakeMicrosoftUser = {
  id: '5e55a11f-0000-4000-8000-00000000b002',
  kind: 'personal',
  tenantId: '',
  email: 'anna@outlook.test',
  displayName: 'Anna Privé',
};

/** One server instance's Teams integration against the fake (each instance has its own, as two processes would). */
export function teamsIntegrationFor(
  fake: FakeMicrosoft,
  context: { now: () => number; apiBase: string; tokenKey: string },
  tenant = 'organizations',
): TeamsIntegration {
  // Waits between retries return at once (no real sleeps); Microsoft's clock is the suite's.
  const runtime: MicrosoftClientRuntime = { sleep: async () => undefined, now: context.now };
  return createTeamsIntegration(
    {
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      redirectUri: `${context.apiBase}${TEAMS_CALLBACK_PATH}`,
      tenant,
      tokenKey: context.tokenKey,
      oauthBase: fake.oauthBase,
      graphBase: fake.graphBase,
    },
    { basePath: new URL(context.apiBase).pathname, runtime },
  );
}

/** The popup at the fake: the consent page, the account chosen, Accept or Cancel pressed; where Microsoft sends it back. */
export async function teamsConsent(fake: FakeMicrosoft, authorizeUrl: string, decision: 'allow' | 'deny', userId: string): Promise<string> {
  const html = await (await fetch(authorizeUrl)).text();
  const form = new URLSearchParams();
  for (const [, field, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    form.set(field as string, value as string);
  form.set('user_id', userId);
  form.set('decision', decision);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
  const answer = await fetch(`${fake.oauthBase}${action}`, { method: 'POST', body: form, redirect: 'manual' });
  return answer.headers.get('location') as string;
}

/** Microsoft Teams' loopback fake for the provider cycle suite (R31): the real HTTP gateway against it. */
export const teamsCycleFake: ProviderFakeFactory = async (context) => {
  const fake = await startFakeMicrosoft({ now: context.now, users: [TEAMS_WORK_USER, TEAMS_PERSONAL_USER] });
  const integration = teamsIntegrationFor(fake, context);
  return {
    provider: 'teams',
    callbackPath: TEAMS_CALLBACK_PATH,
    runtime: { gateway: integration.gateway, tokens: integration.tokens },
    user: { email: TEAMS_WORK_USER.email, name: TEAMS_WORK_USER.displayName },
    consent: (authorizeUrl, decision) => teamsConsent(fake, authorizeUrl, decision, TEAMS_WORK_USER.id),
    meetings: () =>
      fake.meetings().map((m) => ({
        id: m.id,
        joinUrl: m.joinWebUrl,
        start: new Date(m.startDateTime).toISOString(),
        durationMinutes: Math.round((Date.parse(m.endDateTime) - Date.parse(m.startDateTime)) / 60_000),
        topic: m.subject,
      })),
    calls: () => ({
      codeExchanges: fake.calls.token.authorizationCode,
      refreshes: fake.calls.token.refresh,
      creates: fake.calls.meetings.createOrGet + fake.calls.meetings.create,
      updates: fake.calls.meetings.update,
      deletes: fake.calls.meetings.delete,
    }),
    // The user's sessions revoked (a password reset, "sign out everywhere"): the refresh token is dead (AADSTS50173).
    refuseNextRefresh: () => fake.revoke(TEAMS_WORK_USER.id),
    accessTokenLifetimeMs: fake.switches.accessTokenLifetimeSeconds * 1000,
    close: () => fake.close(),
  };
};
