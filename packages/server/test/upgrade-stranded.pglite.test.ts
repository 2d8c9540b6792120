import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { runMeetingWorker } from '../src';
import { openPgliteStore } from '../src/store/sql';
import { createFakeZoomGateway } from '../src/testing';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const NOW = new Date('2030-03-04T12:00:00Z');
const SITE = 'site-1';

describe('upgrade: meetings stuck on an account no one holds (R22)', () => {
  it('a data folder of an earlier version, whose worker backed off for an hour on such a row, is repaired by the first worker run after the upgrade', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'session-links-stranded-'));
    dirs.push(dir);
    const old = await openPgliteStore({ dataDir: dir });
    await old.transaction(async (t) => {
      await t.upsertSite({ id: SITE, name: 'Studio', plan: { id: 'p', name: 'Plan', includesOnlineSessions: true } });
      await t.upsertService(SITE, { id: 'yoga', name: 'Yoga', kind: 'class', online: true });
      const start = new Date(NOW.getTime() + 86_400_000).toISOString();
      const end = new Date(NOW.getTime() + 90_000_000).toISOString();
      await t.upsertSession(SITE, { id: 'ses-1', serviceId: 'yoga', staffId: null, start, end });
      // A custom default: no Zoom account applies. The override still names the Zoom account it was added from.
      await t.putSettings(SITE, 0, {
        id: 'custom-default',
        kind: 'custom',
        health: 'connected',
        provider: 'other',
        link: { url: 'https://whereby.com/studio' },
      });
      expect(await t.putSessionOverride(SITE, 'ses-1', 0, { kind: 'meeting', accountId: 'zoom-gone' })).toBe(true);
      const at = NOW.toISOString();
      await t.ensureMeeting({
        siteId: SITE,
        accountId: 'zoom-gone',
        sessionId: 'ses-1',
        start,
        durationMinutes: 60,
        topic: 'Yoga',
        updatedAt: at,
      });
      // What the old worker left after its seventh failure: the next try an hour away.
      const later = new Date(NOW.getTime() + 3_600_000).toISOString();
      await t.updateMeeting(SITE, 'zoom-gone', 'ses-1', { attempts: 7, nextAttemptAt: later, lastError: 'ZOOM_EXPIRED', updatedAt: at });
    });
    // The database as the earlier version left it: without this version's migration.
    await sql`delete from session_links.schema_migrations where name = '005_stranded_meetings_due'`.execute(old.db);
    await old.close();

    const store = await openPgliteStore({ dataDir: dir });
    try {
      const zoom = createFakeZoomGateway();
      expect(await runMeetingWorker(store, zoom, NOW)).toMatchObject({ created: 0, failed: 0 });
      expect(await store.transaction((t) => t.listMeetings(SITE))).toEqual([]);
      expect(zoom.calls).toMatchObject({ createMeeting: 0, findMeeting: 0 });
    } finally {
      await store.close();
    }
  }, 120_000);
});
