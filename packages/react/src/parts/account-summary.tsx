'use client';
import type { Account } from '@session-links/core';
import { type ComponentPropsWithRef, useId } from 'react';
import { useWidgetMessages } from '../context/use-widget-messages';
import { cx } from '../primitives/cx';
import { ProviderMark } from './provider-mark';

export interface ProviderChoiceProps extends Omit<ComponentPropsWithRef<'ul'>, 'children'> {
  onChoose: (kind: 'zoom' | 'custom') => void;
  current?: Account['kind'] | undefined;
}

/**
 * The two kinds of account, as two buttons with a line each on what they do (R3).
 * Each option carries `data-provider` and, for the kind in use now, `data-current`.
 */
export function ProviderChoice({ onChoose, current, className, ...props }: ProviderChoiceProps) {
  const t = useWidgetMessages('ProviderChoice');
  const id = useId();
  return (
    <ul aria-label={t('picker.choose')} {...props} className={cx('sl-choice', className)}>
      {(['zoom', 'custom'] as const).map((kind) => (
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
              <ProviderMark provider={kind === 'zoom' ? 'zoom' : 'other'} />
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
          <p className="sl-hint">{t('picker.uniquePerSession')}</p>
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
