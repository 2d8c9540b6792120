import { createMockBackend, MAIN_SITE } from '@session-links/mocks';
import { describe, expect, it } from 'vitest';

describe('MockBackend.reset()', () => {
  it('puts back the seeded scenario, the switches and the signed-in user', async () => {
    const backend = createMockBackend('zoom-default', { signedInAs: 'owner' });
    await backend.ready;
    const seeded = backend.getSettings(MAIN_SITE);
    await backend.call(
      'setDefaultCustomLink',
      { siteId: MAIN_SITE },
      { link: { url: 'https://meet.google.com/abc-defg-hij' }, version: seeded.version },
    );
    expect(backend.getSettings(MAIN_SITE)).not.toEqual(seeded);
    backend.fail('*').setLatency(500).conflictOnNextWrite().signIn('anna');
    backend.requests.push('getSettings');

    await backend.reset().ready;

    expect(backend.getSettings(MAIN_SITE)).toEqual(seeded);
    expect(backend.signedInAs).toBe('owner');
    expect(backend.failureFor('getSettings')).toBeUndefined();
    expect(backend.switches).toMatchObject({ latency: 0, conflictOnNextWrite: false });
    expect(backend.requests).toEqual([]);
  });

  it('can be reset again after more writes: the seed itself is never written to', async () => {
    const backend = createMockBackend('zoom-default');
    await backend.ready;
    const seeded = backend.getSettings(MAIN_SITE);
    for (let i = 0; i < 2; i++) {
      const { version } = backend.getSettings(MAIN_SITE);
      await backend.call(
        'setDefaultCustomLink',
        { siteId: MAIN_SITE },
        { link: { url: `https://meet.google.com/abc-defg-hi${i}` }, version },
      );
      expect(backend.getSettings(MAIN_SITE)).not.toEqual(seeded);
      await backend.reset().ready;
      expect(backend.getSettings(MAIN_SITE)).toEqual(seeded);
    }
  });
});
