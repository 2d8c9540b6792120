'use client';
import type { ApiError } from '@session-links/client';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { useWidgetMessages } from '../context/use-widget-messages';
import { cx } from '../primitives/cx';

type DivProps = Omit<ComponentPropsWithRef<'div'>, 'children' | 'title'>;

export interface LoadingStateProps extends DivProps {
  label?: string;
}

/** Loading, upgrade-needed, no-permission and load-error states, shared by every widget (through the gate). */
export function LoadingState({ label, className, ...props }: LoadingStateProps) {
  const t = useWidgetMessages('LoadingState');
  return (
    <div {...props} className={cx('sl-state', className)} data-kind="loading" role="status" aria-live="polite">
      <span className="sl-spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export interface UpgradeStateProps extends DivProps {
  upgradeHref?: string | undefined;
  children?: ReactNode;
}

export function UpgradeState({ upgradeHref, children, className, ...props }: UpgradeStateProps) {
  const t = useWidgetMessages('UpgradeState');
  return (
    <div {...props} className={cx('sl-state', className)} data-kind="upgrade">
      <p className="sl-state-title">{t('state.upgrade.title')}</p>
      <p>{t('state.upgrade.body')}</p>
      {children}
      {upgradeHref ? (
        <a className="sl-button" data-variant="primary" href={upgradeHref}>
          {t('state.upgrade.action')}
        </a>
      ) : null}
    </div>
  );
}

export interface ForbiddenStateProps extends DivProps {
  body?: string | undefined;
}

export function ForbiddenState({ body, className, ...props }: ForbiddenStateProps) {
  const t = useWidgetMessages('ForbiddenState');
  return (
    <div {...props} className={cx('sl-state', className)} data-kind="forbidden">
      <p className="sl-state-title">{t('state.forbidden.title')}</p>
      <p>{body ?? t('state.forbidden.body')}</p>
    </div>
  );
}

export interface ErrorStateProps extends DivProps {
  title?: string | undefined;
  error: ApiError | Error | null;
  onRetry?: (() => void) | undefined;
}

export function ErrorState({ title, error, onRetry, className, ...props }: ErrorStateProps) {
  const t = useWidgetMessages('ErrorState');
  const code = error && 'code' in error ? (error as ApiError).code : 'SERVER';
  return (
    <div {...props} className={cx('sl-state', className)} data-kind="error" role="alert">
      <p className="sl-state-title">{title ?? t('state.error.title')}</p>
      <p>{t.error(code)}</p>
      {onRetry ? (
        <button type="button" className="sl-button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * A failed save: the message for its code, and Reload for a conflict. Announced when it appears.
 * `form` (default): a form's save, whose message says what was typed is kept; false for a confirm.
 */
export function SaveError({
  error,
  onReload,
  form = true,
}: {
  error: ApiError | null;
  onReload?: (() => void) | undefined;
  form?: boolean | undefined;
}) {
  const t = useWidgetMessages('SaveError');
  if (!error) return null;
  return (
    <div className="sl-alert" role="alert" data-code={error.code}>
      <p>{form ? t.error(error.code, 'form') : t.error(error.code)}</p>
      {error.code === 'CONFLICT' && onReload ? (
        <button type="button" className="sl-button" onClick={onReload}>
          {t('common.reload')}
        </button>
      ) : null}
    </div>
  );
}
