'use client';
import type { Account, ConnectedProvider } from '@session-links/core';
import { type ComponentPropsWithRef, useId } from 'react';
import { useWidgetMessages } from '../context/use-widget-messages';
import { cx } from '../primitives/cx';
import { accountFlowMessages } from './account-flow-messages';
import { ProviderMark } from './provider-mark';

export interface ProviderChoiceProps extends Omit<ComponentPropsWithRef<'ul'>, 'children'> {
  onChoose: (kind: ConnectedProvider | 'custom') => void;
  current?: Account['kind'] | undefined;
  /** The connected providers offered (those the server is configured for, R27), before Custom link. Default: Zoom. */
  providers?: readonly ConnectedProvider[];
  /** Providers the server is not set up for: not offered, named in one line under the choice. */
  notConfigured?: readonly ConnectedProvider[];
}

/**
 * The kinds of account, one button each with a line on what it does (R3, R31): each configured
 * provider, then Custom link; under them, one line naming the providers not set up on the server.
 * Each option carries `data-provider` and, for the kind in use now, `data-current`.
 */
export function ProviderChoice({ onChoose, current, providers = ['zoom'], notConfigured = [], className, ...props }: ProviderChoiceProps) {
  const t = useWidgetMessages('ProviderChoice', accountFlowMessages);
  const id = useId();
  const list = (
    <ul aria-label={t('picker.choose')} {...props} className={cx('sl-choice', className)}>
      {[...providers, 'custom' as const].map((kind) => (
        <li key={kind}>
          <button
            type="button"
            className="sl-choice-option"
            data-provider={kind}
            data-current={current === kind ? '' : undefined}
            aria-describedby={`${id}-${kind}`}
            onClick={() => onChoose(kind)}
          >
            <span className="sl-choice-name">
              <ProviderMark provider={kind === 'custom' ? 'other' : kind} />
              {t(`provider.${kind}.name`)}
            </span>
            <span id={`${id}-${kind}`} className="sl-choice-hint">
              {t(`provider.${kind}.hint`)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
  if (notConfigured.length === 0) return list;
  return (
    <>
      {list}
      <p className="sl-hint" data-not-configured={notConfigured.join(' ')}>
        {t('provider.notConfigured', { providers: notConfigured.map((p) => t.provider(p)).join(', ') })}
      </p>
    </>
  );
}

export interface AccountSummaryProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  account: Account;
}

/** Who or what an account is, in words: the Zoom user, or the provider and its link. `data-provider`, `data-health`. */
export function AccountSummary({ account, className, ...props }: AccountSummaryProps) {
  const t = useWidgetMessages('AccountSummary');
  return (
    <div {...props} className={cx('sl-account', className)} data-provider={account.kind} data-health={account.health}>
      {account.kind !== 'custom' ? (
        <>
          <p className="sl-account-name">
            <ProviderMark provider={account.kind} />
            {t('picker.connectedAccount', { provider: t.provider(account.kind), name: account.user.name, email: account.user.email })}
          </p>
          <p className="sl-hint">{t('picker.uniquePerSession', { provider: t.provider(account.kind) })}</p>
        </>
      ) : (
        <>
          <p className="sl-account-name">
            <ProviderMark provider={account.provider} />
            {t('picker.connectedCustom', { provider: t.provider(account.provider) })}
          </p>
          <p className="sl-link-text">{account.link.url}</p>
          {account.link.password ? <p className="sl-hint">{t('picker.passwordSet')}</p> : null}
          {account.link.description ? <p className="sl-description">{account.link.description}</p> : null}
          <p className="sl-hint">{t('picker.sameForEverySession')}</p>
        </>
      )}
    </div>
  );
}
