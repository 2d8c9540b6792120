import type { ConnectedProvider } from '@session-links/core';
import { createMockBackend, MAIN_SITE, type MockBackend } from '@session-links/mocks';
import { describe, expect, it } from 'vitest';

// The mocks run the server with each provider's in-process fake (R31): a staff member's sessions
// get a meeting of the provider they connected, with that provider's link, made by the server's
// own worker; a provider a story marks not configured is refused as the real server refuses it.

async function annaSession(backend: MockBackend) {
  const session = backend.data.sites
    .find((s) => s.id === MAIN_SITE)
    ?.sessions.find((s) => s.staffId === 'anna' && new Date(s.start).getTime() > Date.now());
  if (!session) throw new Error('no upcoming session of Anna in the scenario');
  return backend.getSession(MAIN_SITE, session.id);
}

/** A clock the test moves: the worker looks at a pending conference again seconds later. */
let clock = Date.now();

async function connectAnna(provider: ConnectedProvider, email = 'anna@studio.example') {
  clock = Date.now();
  // The worker is driven by hand (its timer runs only after HTTP writes).
  const backend = createMockBackend('zoom-default', { signedInAs: 'owner', meetingDelayMs: 0, now: () => new Date(clock) });
  await backend.ready;
  await backend.connectAccount(provider, { type: 'staff', staffId: 'anna' }, { email });
  return backend;
}

describe('The mocks’ providers (R31)', () => {
  it('listProviders names all three as configured by default', async () => {
    const backend = createMockBackend('zoom-default');
    await backend.ready;
    expect(await backend.call('listProviders', { siteId: MAIN_SITE })).toEqual([
      { provider: 'zoom', configured: true },
      { provider: 'google-meet', configured: true },
      { provider: 'teams', configured: true },
    ]);
  });

  it('a provider marked not configured is listed so and connecting it answers NOT_CONFIGURED', async () => {
    const backend = createMockBackend('zoom-default', { providers: { teams: 'not-configured' } });
    await backend.ready;
    expect(await backend.call('listProviders', { siteId: MAIN_SITE })).toContainEqual({ provider: 'teams', configured: false });
    await expect(
      backend.call('startConnection', { siteId: MAIN_SITE }, { provider: 'teams', target: { type: 'default' } }),
    ).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
  });

  it('Google Meet: the conference answers pending first, then a meet.google.com link', async () => {
    const backend = await connectAnna('google-meet');
    await backend.runMeetingWorker();
    const pending = await annaSession(backend);
    expect(pending.resolution).toMatchObject({ status: 'none', reason: 'PROVIDER_MEETING_PENDING' });
    clock += 60_000;
    await backend.runMeetingWorker();
    const made = await annaSession(backend);
    expect(made.resolution).toMatchObject({ status: 'linked', source: 'staff', link: { type: 'MEETING', provider: 'google-meet' } });
    expect(made.resolution.status === 'linked' && made.resolution.link.guestUrl).toMatch(
      /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/,
    );
    expect(backend.gateways['google-meet'].calls.createMeeting).toBeGreaterThan(0);
  });

  it('Teams: a teams.microsoft.com meeting link; a personal Microsoft account is refused and shown as the account’s error', async () => {
    const work = await connectAnna('teams');
    await work.runMeetingWorker();
    const made = await annaSession(work);
    expect(made.resolution).toMatchObject({ status: 'linked', link: { type: 'MEETING', provider: 'teams' } });
    expect(made.resolution.status === 'linked' && made.resolution.link.guestUrl).toMatch(
      /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//,
    );

    const personal = await connectAnna('teams', 'anna@outlook.com');
    await personal.runMeetingWorker();
    expect(personal.listStaff(MAIN_SITE).find((s) => s.id === 'anna')?.account).toMatchObject({ kind: 'teams', health: 'error' });
  });
});
