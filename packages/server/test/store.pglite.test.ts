import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultTemplate } from '@session-links/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteStore, type SqlStore } from '../src/store/sql';
import { storeContract } from './store-contract';

// One PGlite per file (a new one costs seconds); TRUNCATE between tests.
let store: SqlStore;
beforeAll(async () => {
  store = await openPgliteStore({ dataDir: 'memory://' });
}, 120_000);
afterAll(() => store?.close());

storeContract(
  'PGlite',
  async () => {
    await store.truncate();
    return store;
  },
  { serialisesTransactions: true },
);

describe('PGlite in a data folder', () => {
  it('keeps everything after close and reopen (durability)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'session-links-pglite-'));
    try {
      const first = await openPgliteStore({ dataDir: dir });
      await first.transaction(async (t) => {
        await t.upsertSite({ id: 'site-1', name: 'Studio', plan: { id: 'p', name: 'Plan', includesOnlineSessions: true } });
        await t.upsertSession('site-1', {
          id: 's1',
          serviceId: 'yoga',
          staffId: null,
          start: '2030-01-01T09:00:00.000Z',
          end: '2030-01-01T10:00:00.000Z',
        });
        await t.putSettings('site-1', 0, { id: 'z', kind: 'zoom', health: 'connected', user: { email: 'e@x.example', name: 'Z' } });
        await t.putTemplate('site-1', 0, defaultTemplate('session-reminder', 'nl', 0));
        await t.putTokens({
          siteId: 'site-1',
          accountId: 'z',
          accessToken: 'enc-a',
          refreshToken: 'enc-r',
          accessExpiresAt: '2030-01-01T01:00:00.000Z',
          refreshIssuedAt: '2030-01-01T00:00:00.000Z',
        });
      });
      await first.close();

      const second = await openPgliteStore({ dataDir: dir });
      try {
        await second.transaction(async (t) => {
          expect((await t.getSite('site-1'))?.name).toBe('Studio');
          expect((await t.listSessions('site-1')).map((s) => s.id)).toEqual(['s1']);
          expect(await t.getSettings('site-1')).toMatchObject({ version: 1, value: { id: 'z' } });
          expect(await t.getTemplate('site-1', 'session-reminder')).toEqual(defaultTemplate('session-reminder', 'nl', 1));
          expect((await t.getTokens('z'))?.refreshToken).toBe('enc-r');
        });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
