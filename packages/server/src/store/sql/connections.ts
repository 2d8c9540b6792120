import type { ConnectedProvider } from '@session-links/core';
import { sql, type Transaction } from 'kysely';
import type { OAuthStateRecord, StoredTokens } from '../types';
import { jsonb } from './rows';
import type { Database } from './schema';

/** Zoom connections: OAuth states and sealed tokens. */
export function connectionRows(trx: Transaction<Database>) {
  return {
    async insertOAuthState(state: OAuthStateRecord): Promise<void> {
      await trx
        .insertInto('sl_oauth_states')
        .values({ state: state.state, record: jsonb(state), expires_at: state.expiresAt })
        .execute();
    },

    async takeOAuthState(state: string): Promise<OAuthStateRecord | null> {
      const row = await trx.deleteFrom('sl_oauth_states').where('state', '=', state).returning('record').executeTakeFirst();
      return row ? (row.record as OAuthStateRecord) : null;
    },

    async deleteExpiredOAuthStates(now: string): Promise<number> {
      const result = await trx.deleteFrom('sl_oauth_states').where('expires_at', '<', sql<string>`${now}::timestamptz`).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async getTokens(accountId: string, options?: { lock?: boolean }): Promise<StoredTokens | null> {
      let query = trx.selectFrom('sl_tokens').selectAll().where('account_id', '=', accountId);
      if (options?.lock) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row
        ? {
            siteId: row.site_id,
            accountId: row.account_id,
            accessToken: row.access_token,
            refreshToken: row.refresh_token,
            accessExpiresAt: row.access_expires_at,
            refreshIssuedAt: row.refresh_issued_at,
            ...(row.zoom_user_id === null ? {} : { zoomUserId: row.zoom_user_id }),
            provider: row.provider as ConnectedProvider,
          }
        : null;
    },

    async putTokens(tokens: StoredTokens): Promise<void> {
      const row = {
        account_id: tokens.accountId,
        site_id: tokens.siteId,
        access_token: tokens.accessToken,
        refresh_token: tokens.refreshToken,
        access_expires_at: tokens.accessExpiresAt,
        refresh_issued_at: tokens.refreshIssuedAt,
        zoom_user_id: tokens.zoomUserId ?? null,
        provider: tokens.provider ?? 'zoom',
      };
      await trx
        .insertInto('sl_tokens')
        .values(row)
        .onConflict((oc) => oc.column('account_id').doUpdateSet(row))
        .execute();
    },

    async deleteTokens(accountId: string): Promise<void> {
      await trx.deleteFrom('sl_tokens').where('account_id', '=', accountId).execute();
    },

    async findZoomAccounts(zoomUserId: string): Promise<Array<{ siteId: string; accountId: string }>> {
      const rows = await trx
        .selectFrom('sl_tokens')
        .select(['site_id', 'account_id'])
        .where('zoom_user_id', '=', zoomUserId)
        .where('provider', '=', 'zoom')
        .execute();
      return rows.map((r) => ({ siteId: r.site_id, accountId: r.account_id }));
    },
  };
}
