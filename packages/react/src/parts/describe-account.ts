import type { Account } from '@session-links/core';
import type { Translate } from '../context/translate';

/** The site default in a few words: "Zoom, olivia@…" or "Microsoft Teams". */
export function describeAccount(t: Translate, account: Account | null | undefined): string {
  if (!account) return '';
  return account.kind === 'zoom' ? t('staff.defaultZoom', { email: account.zoomUser.email }) : t.provider(account.provider);
}
