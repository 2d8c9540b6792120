import type { Account, ConnectedProvider, NoLinkReason, Resolution, Service } from '@session-links/core';
import type { Translate } from '../context/translate';
import { describeAccount } from './describe-account';

export { describeAccount };

export interface ExplainContext {
  staffName?: string | undefined;
  serviceKind?: Service['kind'] | undefined;
  defaultAccount?: Account | null | undefined;
}

/**
 * Why a session has the link it has, or why it has none (R15), as a sentence, plus
 * one sentence per warning (R17: a fallback is never silent).
 */
export function explainResolution(t: Translate, r: Resolution, ctx: ExplainContext): { text: string; warnings: string[] } {
  const staff = ctx.staffName ?? '';
  const warnings = r.warnings.map((w) => t(`session.warning.${w}`, { staff }));
  if (r.status === 'none') return { text: noLinkText(t, r.reason, ctx.defaultAccount, r.provider), warnings };
  const account = describeAccount(t, ctx.defaultAccount);
  switch (r.source) {
    case 'session':
      return { text: t('session.source.session'), warnings };
    case 'course':
      return { text: t('session.source.course'), warnings };
    case 'staff':
      return {
        text: t('session.source.staff', {
          staff,
          account:
            r.link.type !== 'CUSTOM'
              ? t('session.account.zoom', { provider: t.provider(r.link.provider) })
              : t('session.account.custom', { provider: t.provider(r.link.provider) }),
        }),
        warnings,
      };
    case 'default':
      if (ctx.serviceKind === 'course') return { text: t('session.source.defaultCourse', { account }), warnings };
      if (r.warnings.length > 0) return { text: t('session.source.default', { account }), warnings };
      if (!staff) return { text: t('session.source.defaultUnassigned', { account }), warnings };
      return { text: t('session.source.defaultNoOwn', { account, staff }), warnings };
  }
}

/**
 * Why there is no link, with what fixes it: a hand-added meeting no account can make (R22)
 * asks to reconnect the default when it is an unhealthy provider account (R17), naming its
 * provider (R31), else to connect one.
 */
function noLinkText(t: Translate, reason: NoLinkReason, defaultAccount: Account | null | undefined, provider?: ConnectedProvider): string {
  if (reason === 'NO_MEETING_ACCOUNT' && defaultAccount && defaultAccount.kind !== 'custom' && defaultAccount.health !== 'connected')
    return t('reason.NO_MEETING_ACCOUNT.reconnect', { provider: t.provider(defaultAccount.kind) });
  return t.reason(reason, provider);
}

/** A short label of the source, for a table cell. */
export function shortSource(t: Translate, r: Resolution, staffName: string | undefined, defaultAccount?: Account | null): string {
  if (r.status === 'none') return noLinkText(t, r.reason, defaultAccount, r.provider);
  if (r.source === 'staff') return t('overview.short.staff', { staff: staffName ?? '' });
  return t(`overview.short.${r.source}`);
}
