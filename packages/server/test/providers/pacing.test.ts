import { afterEach, expect, it } from 'vitest';
import {
  createZoomIntegration,
  DEFAULT_MICROSOFT_REQUESTS_PER_SECOND,
  DEFAULT_ZOOM_REQUESTS_PER_SECOND,
  providerPacers,
  runMeetingWorker,
  ZoomPacer,
} from '../../src';
import { generateTokenKey } from '../../src/providers/zoom';
import { createMemoryStore } from '../../src/store/memory';
import { type FakeMicrosoft, type FakeZoom, startFakeMicrosoft, startFakeZoom } from '../../src/testing';
import { TEAMS_WORK_USER, teamsIntegrationFor } from '../teams-cycle-fake';

// Zoom limits calls per account per second and answers 429 beyond: the meeting worker keeps to
// the limit instead of finding it. One clock for the fake Zoom and the pacer, moved by the test.

const SITE = 'site-pace';
let fake: FakeZoom | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
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

// R31: each provider limits its users differently (Zoom: 2 meeting creates a second on a free
// account; Google Calendar: 600 calls a minute per user; Microsoft Graph: none documented for
// online meetings, the worker keeps to 4 a second). One pace for all would hold Google and
// Teams to Zoom's 2 a second, or send Zoom more than it allows.

let fakeTeams: FakeMicrosoft | undefined;
let fakeZoom: FakeZoom | undefined;
afterEach(async () => {
  await fakeTeams?.close();
  await fakeZoom?.close();
  fakeTeams = undefined;
  fakeZoom = undefined;
});

it('the meeting worker paces each provider at its own rate: a Teams account 4 calls a second, a Zoom account 2, no 429 at either', async () => {
  let clock = Date.parse('2030-03-04T12:00:00.250Z');
  fakeZoom = await startFakeZoom({ now: () => clock });
  fakeZoom.switches.perSecond = { medium: DEFAULT_ZOOM_REQUESTS_PER_SECOND, light: 4 };
  fakeTeams = await startFakeMicrosoft({ now: () => clock, users: [TEAMS_WORK_USER] });
  // The fake Microsoft allows exactly what the worker is told to keep to.
  fakeTeams.switches.perUserPerSecond = DEFAULT_MICROSOFT_REQUESTS_PER_SECOND;
  const tokenKey = generateTokenKey();
  const zoom = createZoomIntegration(
    {
      clientId: fakeZoom.clientId,
      clientSecret: fakeZoom.clientSecret,
      redirectUri: 'https://app.example/api/session-links/zoom/callback',
      webhookSecretToken: 'pacing-webhook-secret',
      tokenKey,
      oauthBase: fakeZoom.oauthBase,
      apiBase: fakeZoom.apiBase,
    },
    { basePath: '/api/session-links', runtime: { sleep: async () => undefined, now: () => clock } },
  );
  const teams = teamsIntegrationFor(fakeTeams, { now: () => clock, apiBase: 'https://app.example/api/session-links', tokenKey });
  const store = createMemoryStore();
  const perAccount = 8;
  fakeZoom.registerUser({ id: 'fz-pace', accountId: 'fz-account-pace', email: 'zoom@studio.example', firstName: 'Z', lastName: 'P' });
  const zoomIssued = fakeZoom.issueTokens('fz-pace');
  const teamsIssued = fakeTeams.issueTokens(TEAMS_WORK_USER.id);
  const accounts = [
    { accountId: 'zoom-pace', provider: 'zoom', userId: 'fz-pace', issued: zoomIssued, tokens: zoom.tokens },
    { accountId: 'teams-pace', provider: 'teams', userId: TEAMS_WORK_USER.id, issued: teamsIssued, tokens: teams.tokens },
  ] as const;
  await store.transaction(async (tx) => {
    await tx.upsertSite({ id: SITE, name: 'Pace studio', plan: { id: 'pro', name: 'Pro', includesOnlineSessions: true } });
    for (const [i, a] of accounts.entries()) {
      const sealed = await a.tokens.seal({
        siteId: SITE,
        accountId: a.accountId,
        zoomUserId: a.userId,
        tokens: { accessToken: a.issued.access_token, refreshToken: a.issued.refresh_token, expiresIn: a.issued.expires_in },
        now: new Date(clock),
      });
      await tx.putTokens({ ...sealed, provider: a.provider });
      await tx.upsertStaff(SITE, { id: `st-${i}`, name: `Staff ${i}`, email: `st-${i}@studio.example` });
      await tx.putStaffAccount(SITE, `st-${i}`, 0, {
        id: a.accountId,
        kind: a.provider,
        health: 'connected',
        user: { email: `${a.accountId}@studio.example`, name: `Staff ${i}` },
      });
      for (let k = 0; k < perAccount; k++) {
        const start = new Date(clock + (k * accounts.length + i + 1) * 3_600_000).toISOString();
        await tx.ensureMeeting({
          siteId: SITE,
          accountId: a.accountId,
          provider: a.provider,
          sessionId: `ses-${i}-${k}`,
          start,
          durationMinutes: 60,
          topic: 'Yoga',
          updatedAt: start,
        });
      }
    }
  });

  const providers = { zoom: { gateway: zoom.gateway, tokens: zoom.tokens }, teams: { gateway: teams.gateway, tokens: teams.tokens } };
  // Each provider's documented default (what `startMeetingWorker` uses unless told otherwise), on the test's clock.
  const pace = providerPacers({}, 1_100, () => clock);
  // The first run, in one instant: each account gets as many calls as its provider allows a second.
  await runMeetingWorker(store, providers, new Date(clock), { pace, limit: 2 * perAccount });
  expect(fakeTeams.meetings()).toHaveLength(DEFAULT_MICROSOFT_REQUESTS_PER_SECOND);
  expect(fakeZoom.meetings()).toHaveLength(DEFAULT_ZOOM_REQUESTS_PER_SECOND);
  for (let run = 0; run < 20 && fakeTeams.meetings().length + fakeZoom.meetings().length < 2 * perAccount; run++) {
    clock += 1_100; // the providers' next second
    await runMeetingWorker(store, providers, new Date(clock), { pace, limit: 2 * perAccount });
  }
  expect(fakeTeams.meetings()).toHaveLength(perAccount);
  expect(fakeZoom.meetings()).toHaveLength(perAccount);
  expect(fakeTeams.calls.log.filter((c) => c.status === 429)).toEqual([]);
  expect(fakeZoom.calls.log.filter((c) => c.status === 429)).toEqual([]);
  for (const m of await store.transaction((tx) => tx.listMeetings(SITE))) expect(m).toMatchObject({ status: 'ready', lastError: null });
});

it('each provider has its documented default pace: Zoom 2, Google 10 (600 a minute per user), Microsoft 4 calls a second', () => {
  const pace = providerPacers();
  expect(pace.zoom.perSecond).toBe(2);
  expect(pace['google-meet'].perSecond).toBe(10);
  // Google's quota is per sliding minute: at most `perSecond` in every window, 60 s hold fewer than 600.
  expect(Math.ceil(60_000 / pace['google-meet'].windowMs) * pace['google-meet'].perSecond).toBeLessThanOrEqual(600);
  expect(pace.teams.perSecond).toBe(4);
  expect(providerPacers({ teams: 8, 'google-meet': 5 })).toMatchObject({ teams: { perSecond: 8 }, 'google-meet': { perSecond: 5 } });
});
