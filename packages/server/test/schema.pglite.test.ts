import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteStore } from '../src/store/sql';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('PGlite: session-links in its own schema', () => {
  it('a data folder of an earlier version (everything in public) is moved into session_links on open, data and versions intact', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'session-links-schema-'));
    dirs.push(dir);
    // What 0.1 made: the same migrations, everything in public.
    const old = await openPgliteStore({ dataDir: dir, schema: 'public' });
    await old.transaction(async (t) => {
      await t.upsertSite({ id: 'site-1', name: 'Studio', plan: { id: 'p', name: 'Plan', includesOnlineSessions: true } });
      await t.putSettings('site-1', 0, { id: 'z', kind: 'zoom', health: 'connected', user: { email: 'e@x.example', name: 'Z' } });
    });
    await old.close();

    const store = await openPgliteStore({ dataDir: dir });
    try {
      expect(await store.transaction((t) => t.getSettings('site-1'))).toMatchObject({ version: 1, value: { id: 'z' } });
      expect((await store.transaction((t) => t.getSite('site-1')))?.name).toBe('Studio');
      const { rows } = await sql<{ table_schema: string; n: number }>`select table_schema, count(*)::int as n
        from information_schema.tables where table_name in ('schema_migrations', 'sl_settings', 'host_sites', 'sl_meetings')
        group by table_schema`.execute(store.db);
      expect(rows).toEqual([{ table_schema: 'session_links', n: 4 }]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
