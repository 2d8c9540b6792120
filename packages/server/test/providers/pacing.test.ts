import { afterEach, expect, it } from 'vitest';
import { createZoomIntegration, runMeetingWorker, ZoomPacer } from '../../src';
import { generateTokenKey } from '../../src/providers/zoom';
import { createMemoryStore } from '../../src/store/memory';
import { type FakeZoom, startFakeZoom } from '../../src/testing';

// Zoom limits calls per account per second and answers 429 beyond: the meeting worker keeps to
// the limit instead of finding it. One clock for the fake Zoom and the pacer, moved by the test.

const SITE = 'site-pace';
let fake: FakeZoom | undefined;
afterEach(async () => {
  await fake?.close();
});

it('the meeting worker never sends an account more calls a second than Zoom allows: no 429, every meeting made', async () => {
  let clock = Date.parse('2030-03-04T12:00:00.250Z');
  fake = await startFakeZoom({ now: () => clock });
  fake.switches.perSecond = { medium: 2, light: 4 };
  const zoom = createZoomIntegration(
    {
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      redirectUri: 'https://app.example/api/session-links/zoom/callback',
      webhookSecretToken: 'pacing-webhook-secret',
      tokenKey: generateTokenKey(),
      oauthBase: fake.oauthBase,
      apiBase: fake.apiBase,
    },
    { basePath: '/api/session-links', runtime: { sleep: async () => undefined, now: () => clock } },
  );
  const store = createMemoryStore();
  const accounts = ['zoom-a', 'zoom-b', 'zoom-c'];
  const perAccount = 5;
  await store.transaction(async (tx) => {
    await tx.upsertSite({ id: SITE, name: 'Pace studio', plan: { id: 'pro', name: 'Pro', includesOnlineSessions: true } });
    for (const [i, accountId] of accounts.entries()) {
      const userId = `fz-${accountId}`;
      fake?.registerUser({
        id: userId,
        accountId: `fz-account-${i}`,
        email: `${accountId}@studio.example`,
        firstName: 'S',
        lastName: String(i),
      });
      const issued = fake!.issueTokens(userId);
      await tx.putTokens(
        await zoom.tokens.seal({
          siteId: SITE,
          accountId,
          zoomUserId: userId,
          tokens: { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresIn: issued.expires_in },
          now: new Date(clock),
        }),
      );
      await tx.upsertStaff(SITE, { id: `st-${i}`, name: `Staff ${i}`, email: `st-${i}@studio.example` });
      await tx.putStaffAccount(SITE, `st-${i}`, 0, {
        id: accountId,
        kind: 'zoom',
        health: 'connected',
        user: { email: `${accountId}@studio.example`, name: `Staff ${i}` },
      });
      for (let k = 0; k < perAccount; k++) {
        const start = new Date(clock + (k * accounts.length + i + 1) * 3_600_000).toISOString();
        await tx.ensureMeeting({
          siteId: SITE,
          accountId,
          sessionId: `ses-${i}-${k}`,
          start,
          durationMinutes: 60,
          topic: 'Yoga',
          updatedAt: start,
        });
      }
    }
  });

  // Batches of 9 (3 rows an account, one more than a second allows): the third row of each
  // account waits for a later run (the run does not wait for it), and the next run is a second on.
  const pace = new ZoomPacer(2, 1_100, () => clock);
  let paced = 0;
  for (let run = 0; run < 20 && fake.meetings().length < accounts.length * perAccount; run++) {
    const result = await runMeetingWorker(store, zoom.gateway, new Date(clock), { tokens: zoom.tokens, pace, limit: 9 });
    paced += result.paced ?? 0;
    clock += 1_100; // the next run in Zoom's next second
  }
  expect(fake.meetings()).toHaveLength(accounts.length * perAccount);
  expect(fake.calls.log.filter((c) => c.status === 429)).toEqual([]);
  // Rows were left for a later second, not failed: no error recorded on any of them.
  expect(paced).toBeGreaterThan(0);
  for (const m of await store.transaction((tx) => tx.listMeetings(SITE))) expect(m).toMatchObject({ status: 'ready', lastError: null });
});
