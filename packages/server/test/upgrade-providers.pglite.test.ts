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

const SITE = 'site-1';
const AT = '2030-03-04T12:00:00.000Z';

describe('upgrade: providers behind one contract (R31, migration 012)', () => {
  it('a data folder of an earlier version: its Zoom accounts read with `user`, a hand-added meeting as `meeting`, the recorded reasons by their new names, its tokens and meetings as Zoom’s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'session-links-providers-'));
    dirs.push(dir);
    const old = await openPgliteStore({ dataDir: dir });
    await old.transaction(async (t) => {
      await t.upsertSite({ id: SITE, name: 'Studio', plan: { id: 'p', name: 'Plan', includesOnlineSessions: true } });
      await t.upsertService(SITE, { id: 'yoga', name: 'Yoga', kind: 'class', online: true });
      await t.upsertSession(SITE, { id: 'ses-1', serviceId: 'yoga', staffId: null, start: AT, end: AT });
    });
    // The rows as the earlier version wrote them: no provider columns, `zoomUser`, `{ kind: 'zoom' }`, ZOOM_* reasons.
    const oldAccount = { id: 'zoom-1', kind: 'zoom', health: 'connected', zoomUser: { email: 'olivia@zoom.example', name: 'Olivia' } };
    const pending = { status: 'none', reason: 'ZOOM_MEETING_PENDING', warnings: [] };
    const noAccount = { status: 'none', reason: 'NO_ZOOM_ACCOUNT', warnings: [] };
    await sql`alter table session_links.sl_tokens drop column provider`.execute(old.db);
    await sql`alter table session_links.sl_meetings drop column provider`.execute(old.db);
    await sql`insert into session_links.sl_settings (site_id, default_account, version) values (${SITE}, ${JSON.stringify(oldAccount)}::jsonb, 1)`.execute(
      old.db,
    );
    await sql`insert into session_links.sl_staff_accounts (site_id, staff_id, account, version) values (${SITE}, 'anna', ${JSON.stringify({ ...oldAccount, id: 'zoom-2' })}::jsonb, 1)`.execute(
      old.db,
    );
    await sql`insert into session_links.sl_session_overrides (site_id, session_id, override, version) values (${SITE}, 'ses-1', ${JSON.stringify({ kind: 'zoom', accountId: 'zoom-1' })}::jsonb, 1)`.execute(
      old.db,
    );
    await sql`insert into session_links.sl_link_ledger (site_id, session_id, link, seen_at) values (${SITE}, 'ses-1', ${JSON.stringify(pending)}::jsonb, ${AT})`.execute(
      old.db,
    );
    await sql`insert into session_links.sl_link_history (site_id, session_id, at, actor, before, after) values (${SITE}, 'ses-1', ${AT}, ${JSON.stringify({ type: 'calendar' })}::jsonb, ${JSON.stringify(pending)}::jsonb, ${JSON.stringify(noAccount)}::jsonb)`.execute(
      old.db,
    );
    await sql`insert into session_links.sl_tokens (account_id, site_id, access_token, refresh_token, access_expires_at, refresh_issued_at) values ('zoom-1', ${SITE}, 'v1.a', 'v1.r', ${AT}, ${AT})`.execute(
      old.db,
    );
    await sql`insert into session_links.sl_meetings (site_id, account_id, session_id, status, start, start_at, duration_minutes, topic, updated_at) values (${SITE}, 'zoom-1', 'ses-1', 'pending', ${AT}, ${AT}, 60, 'Yoga', ${AT})`.execute(
      old.db,
    );
    await sql`delete from session_links.schema_migrations where name = '012_connected_providers'`.execute(old.db);
    await old.close();

    const store = await openPgliteStore({ dataDir: dir });
    try {
      await store.transaction(async (t) => {
        expect((await t.getSettings(SITE)).value).toEqual({
          id: 'zoom-1',
          kind: 'zoom',
          health: 'connected',
          user: { email: 'olivia@zoom.example', name: 'Olivia' },
        });
        expect((await t.getStaffAccount(SITE, 'anna')).value).toMatchObject({ id: 'zoom-2', user: { name: 'Olivia' } });
        expect((await t.getStaffAccount(SITE, 'anna')).value).not.toHaveProperty('zoomUser');
        expect((await t.getTokens('zoom-1'))?.provider).toBe('zoom');
        expect((await t.listMeetings(SITE)).map((m) => m.provider)).toEqual(['zoom']);
      });
      const { rows: overrides } = await sql<{ override: unknown }>`select override from session_links.sl_session_overrides`.execute(
        store.db,
      );
      expect(overrides).toEqual([{ override: { kind: 'meeting', accountId: 'zoom-1' } }]);
      const { rows: history } = await sql<{
        before: { reason: string };
        after: { reason: string };
      }>`select before, after from session_links.sl_link_history`.execute(store.db);
      expect(history.map((h) => [h.before.reason, h.after.reason])).toEqual([['PROVIDER_MEETING_PENDING', 'NO_MEETING_ACCOUNT']]);
      const { rows: ledger } = await sql<{ link: { reason: string } }>`select link from session_links.sl_link_ledger`.execute(store.db);
      expect(ledger[0]?.link.reason).toBe('PROVIDER_MEETING_PENDING');
    } finally {
      await store.close();
    }
  }, 120_000);
});
