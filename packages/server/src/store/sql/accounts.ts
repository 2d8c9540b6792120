import type { Account, AccountHealth, NoticePolicy } from '@session-links/core';
import { sql, type Transaction } from 'kysely';
import type { Versioned } from '../types';
import { affected, putVersioned, textArray } from './rows';
import type { Database } from './schema';

/** The site default and staff accounts, and an account's health wherever it is held. */
export function accountRows(trx: Transaction<Database>) {
  // The notice policy shares the settings row: read with it, kept for this transaction (R29's hook asks after every write).
  const policies = new Map<string, NoticePolicy>();
  return {
    async getSettings(siteId: string): Promise<Versioned<Account | null>> {
      const row = await trx
        .selectFrom('sl_settings')
        .select(['default_account', 'version', 'notice_policy'])
        .where('site_id', '=', siteId)
        .executeTakeFirst();
      policies.set(siteId, (row?.notice_policy as NoticePolicy | undefined) ?? 'auto');
      return row ? { value: row.default_account as Account | null, version: row.version } : { value: null, version: 0 };
    },

    putSettings(siteId: string, expectedVersion: number, defaultAccount: Account | null): Promise<boolean> {
      return putVersioned(trx, 'sl_settings', { site_id: siteId }, 'default_account', defaultAccount, expectedVersion);
    },

    async getNoticePolicy(siteId: string): Promise<NoticePolicy> {
      const known = policies.get(siteId);
      if (known) return known;
      const row = await trx.selectFrom('sl_settings').select('notice_policy').where('site_id', '=', siteId).executeTakeFirst();
      const policy = (row?.notice_policy as NoticePolicy | undefined) ?? 'auto';
      policies.set(siteId, policy);
      return policy;
    },

    async putNoticePolicy(siteId: string, expectedVersion: number, policy: NoticePolicy): Promise<boolean> {
      const result =
        expectedVersion === 0
          ? await sql`insert into sl_settings (site_id, default_account, version, notice_policy)
              values (${siteId}, null, 1, ${policy}) on conflict do nothing`.execute(trx)
          : await sql`update sl_settings set notice_policy = ${policy}, version = ${expectedVersion + 1}
              where site_id = ${siteId} and version = ${expectedVersion}`.execute(trx);
      if (affected(result) !== 1) return false;
      policies.set(siteId, policy);
      return true;
    },

    async putNoticeChoices(siteId: string, choices: readonly { sessionId: string; tellClients: boolean }[]): Promise<void> {
      if (choices.length === 0) return;
      await trx
        .insertInto('sl_notice_choices')
        .values(choices.map((c) => ({ site_id: siteId, session_id: c.sessionId, tell_clients: c.tellClients })))
        .onConflict((oc) => oc.columns(['site_id', 'session_id']).doUpdateSet((eb) => ({ tell_clients: eb.ref('excluded.tell_clients') })))
        .execute();
    },

    async takeNoticeChoices(siteId: string, sessionIds: readonly string[]): Promise<Map<string, boolean>> {
      if (sessionIds.length === 0) return new Map();
      const rows = await trx
        .deleteFrom('sl_notice_choices')
        .where('site_id', '=', siteId)
        .where('session_id', '=', sql<string>`any(${textArray(sessionIds)})`)
        .returning(['session_id', 'tell_clients'])
        .execute();
      return new Map(rows.map((r) => [r.session_id, r.tell_clients]));
    },

    async getStaffAccount(siteId: string, staffId: string): Promise<Versioned<Account | null>> {
      const row = await trx
        .selectFrom('sl_staff_accounts')
        .select(['account', 'version'])
        .where('site_id', '=', siteId)
        .where('staff_id', '=', staffId)
        .executeTakeFirst();
      return row ? { value: row.account as Account | null, version: row.version } : { value: null, version: 0 };
    },

    async listStaffAccounts(siteId: string): Promise<Map<string, Versioned<Account | null>>> {
      const rows = await trx
        .selectFrom('sl_staff_accounts')
        .select(['staff_id', 'account', 'version'])
        .where('site_id', '=', siteId)
        .orderBy('staff_id')
        .execute();
      return new Map(rows.map((r) => [r.staff_id, { value: r.account as Account | null, version: r.version }]));
    },

    putStaffAccount(siteId: string, staffId: string, expectedVersion: number, account: Account | null): Promise<boolean> {
      return putVersioned(trx, 'sl_staff_accounts', { site_id: siteId, staff_id: staffId }, 'account', account, expectedVersion);
    },

    async setAccountHealth(siteId: string, accountId: string, health: AccountHealth): Promise<boolean> {
      const settings = await sql`update sl_settings
        set default_account = jsonb_set(default_account, '{health}', to_jsonb(${health}::text)), version = version + 1
        where site_id = ${siteId} and default_account ->> 'id' = ${accountId}`.execute(trx);
      const staff = await sql`update sl_staff_accounts
        set account = jsonb_set(account, '{health}', to_jsonb(${health}::text)), version = version + 1
        where site_id = ${siteId} and account ->> 'id' = ${accountId}`.execute(trx);
      return affected(settings) + affected(staff) > 0;
    },
  };
}
