'use client';
import type { ApiError } from '@session-links/client';
import type { ReactNode } from 'react';
import { useSessionLinks } from '../provider';

/** Loading, upgrade-needed, no-permission and load-error states, shared by every widget. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useSessionLinks('LoadingState');
  return (
    <div className="sl-state" data-kind="loading" role="status" aria-live="polite">
      <span className="sl-spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function UpgradeState({ upgradeHref, children }: { upgradeHref?: string; children?: ReactNode }) {
  const { t } = useSessionLinks('UpgradeState');
  return (
    <div className="sl-state" data-kind="upgrade">
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

export function ForbiddenState({ body }: { body?: string }) {
  const { t } = useSessionLinks('ForbiddenState');
  return (
    <div className="sl-state" data-kind="forbidden">
      <p className="sl-state-title">{t('state.forbidden.title')}</p>
      <p>{body ?? t('state.forbidden.body')}</p>
    </div>
  );
}

export function ErrorState({ title, error, onRetry }: { title?: string; error: ApiError | Error | null; onRetry?: () => void }) {
  const { t } = useSessionLinks('ErrorState');
  const code = error && 'code' in error ? (error as ApiError).code : 'SERVER';
  return (
    <div className="sl-state" data-kind="error" role="alert">
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

/** A failed save: the message for its code, and Reload for a conflict. Announced when it appears. */
export function SaveError({ error, onReload }: { error: ApiError | null; onReload?: () => void }) {
  const { t } = useSessionLinks('SaveError');
  if (!error) return null;
  return (
    <div className="sl-alert" role="alert" data-code={error.code}>
      <p>{t.error(error.code)}</p>
      {error.code === 'CONFLICT' && onReload ? (
        <button type="button" className="sl-button" onClick={onReload}>
          {t('common.reload')}
        </button>
      ) : null}
    </div>
  );
}
