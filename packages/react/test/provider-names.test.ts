import type { Resolution } from '@session-links/core';
import { createTranslate, en, nl } from '@session-links/react';
import { describe, expect, it } from 'vitest';
import { explainResolution } from '../src/parts/explain';

// R31: where any connected provider applies, the words name the session's provider, not Zoom.
const pending = (provider: 'zoom' | 'google-meet' | 'teams'): Resolution => ({
  status: 'none',
  reason: 'PROVIDER_MEETING_PENDING',
  provider,
  warnings: [],
});

describe('the provider a reason is about is named (R31)', () => {
  it('a Google Meet or Teams meeting on its way says so, in English and Dutch; Zoom’s reads as before', () => {
    const t = createTranslate(en);
    expect(explainResolution(t, pending('google-meet'), {}).text).toBe(
      'The Google Meet meeting is being created; its link appears here shortly.',
    );
    expect(explainResolution(t, pending('zoom'), {}).text).toBe('The Zoom meeting is being created; its link appears here shortly.');
    expect(explainResolution(createTranslate(nl, undefined, 'nl'), pending('teams'), {}).text).toBe(
      'De Microsoft Teams-meeting wordt aangemaakt; de link verschijnt hier zo.',
    );
  });

  it('a provider this server is not set up for is named; a reason without one is Zoom’s (answers from before R31)', () => {
    const t = createTranslate(en);
    const notConfigured: Resolution = { status: 'none', reason: 'PROVIDER_NOT_CONFIGURED', provider: 'teams', warnings: [] };
    expect(explainResolution(t, notConfigured, {}).text).toBe(
      'Microsoft Teams is not set up on this site’s server, so no Microsoft Teams meeting can be made for this session.',
    );
    expect(t.reason('PROVIDER_NOT_CONFIGURED')).toBe(
      'Zoom is not set up on this site’s server, so no Zoom meeting can be made for this session.',
    );
  });
});
