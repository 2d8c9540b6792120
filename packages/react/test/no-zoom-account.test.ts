import type { Account, Resolution } from '@session-links/core';
import { createTranslate, en, nl } from '@session-links/react';
import { describe, expect, it } from 'vitest';
import { explainResolution, shortSource } from '../src/parts/explain';

// R22: a hand-added meeting no connected account can make says why, with what fixes it:
// reconnecting the default when it is an expired provider account (R17), else connecting one.
// R31: Zoom is one provider of three, so the sentence names the default's provider, or none.
const none: Resolution = { status: 'none', reason: 'NO_MEETING_ACCOUNT', warnings: [] };
const expiredZoom: Account = { id: 'zoom-1', kind: 'zoom', health: 'expired', user: { email: 'o@studio.example', name: 'Olivia' } };
const expiredMeet: Account = { id: 'meet-1', kind: 'google-meet', health: 'expired', user: { email: 'o@studio.example', name: 'Olivia' } };
const custom: Account = {
  id: 'custom-1',
  kind: 'custom',
  health: 'connected',
  provider: 'other',
  link: { url: 'https://whereby.com/studio' },
};

describe('NO_MEETING_ACCOUNT: why a hand-added meeting cannot be made, and the action that fixes it', () => {
  it('a custom default (or none of a provider): connect an account, or give the session another link — naming no provider, in English and Dutch', () => {
    expect(explainResolution(createTranslate(en), none, { defaultAccount: custom }).text).toBe(
      'No connected video-conferencing account can make this session’s meeting. Connect one as the site default, or give the session another link.',
    );
    expect(explainResolution(createTranslate(nl, undefined, 'nl'), none, { defaultAccount: custom }).text).toBe(
      'Er is geen videoconferentieaccount gekoppeld dat de meeting van deze sessie kan maken. Koppel er een als standaardaccount van de website, of geef de sessie een andere link.',
    );
  });
  it('an expired Zoom default: reconnect it — in the explanation and in the overview’s Why column', () => {
    const t = createTranslate(en);
    const reconnect =
      'This session’s meeting can be made once the default Zoom account is reconnected. Reconnect it, or give the session another link.';
    expect(explainResolution(t, none, { defaultAccount: expiredZoom }).text).toBe(reconnect);
    expect(shortSource(t, none, undefined, expiredZoom)).toBe(reconnect);
    expect(explainResolution(createTranslate(nl, undefined, 'nl'), none, { defaultAccount: expiredZoom }).text).toBe(
      'De meeting van deze sessie kan worden gemaakt zodra het standaard Zoom-account opnieuw is gekoppeld. Koppel het opnieuw, of geef de sessie een andere link.',
    );
  });
  it('an expired Google Meet default: reconnect it, naming Google Meet, not Zoom (R31)', () => {
    expect(explainResolution(createTranslate(en), none, { defaultAccount: expiredMeet }).text).toBe(
      'This session’s meeting can be made once the default Google Meet account is reconnected. Reconnect it, or give the session another link.',
    );
    expect(explainResolution(createTranslate(nl, undefined, 'nl'), none, { defaultAccount: expiredMeet }).text).toBe(
      'De meeting van deze sessie kan worden gemaakt zodra het standaard Google Meet-account opnieuw is gekoppeld. Koppel het opnieuw, of geef de sessie een andere link.',
    );
  });
});

describe('NO_MEETING_MADE: a session that started without its meeting (R22), naming the provider', () => {
  const made: Resolution = { status: 'none', reason: 'NO_MEETING_MADE', provider: 'teams', warnings: [] };
  it('in English and Dutch, in the explanation and the overview’s Why column', () => {
    const sentence =
      'No Microsoft Teams meeting was made for this session: meetings are made for upcoming sessions, and this one has already started.';
    expect(explainResolution(createTranslate(en), made, {}).text).toBe(sentence);
    expect(shortSource(createTranslate(en), made, undefined)).toBe(sentence);
    expect(explainResolution(createTranslate(nl, undefined, 'nl'), made, {}).text).toBe(
      'Er is geen Microsoft Teams-meeting voor deze sessie gemaakt: meetings worden voor komende sessies gemaakt, en deze sessie is al begonnen.',
    );
  });
});
