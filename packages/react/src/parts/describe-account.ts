import type { Account } from '@session-links/core';
import type { Translate } from '../context/translate';

/** The site default in a few words: "Zoom, olivia@…" (a connected account) or "Microsoft Teams" (a custom link). */
export function describeAccount(t: Translate, account: Account | null | undefined): string {
  if (!account) return '';
  return account.kind !== 'custom'
    ? t('staff.defaultConnected', { provider: t.provider(account.kind), email: account.user.email })
    : t.provider(account.provider);
}
