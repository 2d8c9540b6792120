'use client';
import { canPerform, NOTICE_POLICIES, type NoticePolicy } from '@session-links/core';
import { type ComponentPropsWithRef, useId } from 'react';
import { useOnlineSettings, useSetNoticePolicy } from '../hooks';
import { ErrorState, LoadingState, SaveError } from '../parts/state-panel';
import { cx } from '../primitives/cx';
import { useEmailBlockEditorContext } from './email-block-editor-parts';

export type EmailBlockEditorNoticePolicyProps = Omit<ComponentPropsWithRef<'fieldset'>, 'children'>;

/**
 * "Tell clients when their link changes" (R29): Automatically, Let me review first, or Off,
 * saved as soon as it is chosen (on the settings' version: a CONFLICT offers Reload). The
 * owner's; anyone else sees it read-only. `data-state`: `loading` | `error` | `ready` |
 * `saving`; `data-policy`: the saved choice.
 */
export function EmailBlockEditorNoticePolicy({ className, ...props }: EmailBlockEditorNoticePolicyProps) {
  const c = useEmailBlockEditorContext('EmailBlockEditorNoticePolicy');
  const { t } = c;
  const id = useId();
  const settings = useOnlineSettings();
  const save = useSetNoticePolicy();
  if (c.state !== 'ready') return null;
  if (settings.isPending) return <LoadingState label={t('email.policy.loading')} />;
  if (!settings.data) return <ErrorState title={t('email.policy.error')} error={settings.error} onRetry={() => void settings.refetch()} />;
  const saved = settings.data.notices;
  const canEdit = !!c.gate.me && canPerform(c.gate.me, { type: 'notices.manage' });
  // While saving the choice shows at once; a refused save falls back to what is stored.
  const shown: NoticePolicy = save.isPending && save.variables ? save.variables.policy : saved;
  const choose = (policy: NoticePolicy) => {
    if (policy === saved || !settings.data) return;
    save.mutate({ policy, version: settings.data.version });
  };
  return (
    <fieldset
      {...props}
      className={cx('sl-policy', className)}
      data-state={save.isPending ? 'saving' : 'ready'}
      data-policy={saved}
      aria-busy={save.isPending || undefined}
      aria-describedby={canEdit ? undefined : `${id}-readonly`}
    >
      <legend>{t('email.policy.title')}</legend>
      {NOTICE_POLICIES.map((policy) => (
        <div key={policy} className="sl-policy-option">
          <input
            type="radio"
            id={`${id}-${policy}`}
            name={`${id}-policy`}
            value={policy}
            checked={shown === policy}
            disabled={!canEdit || save.isPending}
            onChange={() => choose(policy)}
            aria-describedby={`${id}-${policy}-hint`}
          />
          <label htmlFor={`${id}-${policy}`}>{t(`email.policy.${policy}`)}</label>
          <p id={`${id}-${policy}-hint`} className="sl-hint">
            {t(`email.policy.${policy}.hint`)}
          </p>
        </div>
      ))}
      {canEdit ? null : (
        <p id={`${id}-readonly`} className="sl-hint">
          {t('email.policy.readOnly')}
        </p>
      )}
      <SaveError
        error={save.error}
        form={false}
        onReload={() => {
          save.reset();
          void settings.refetch();
        }}
      />
      <p className="sl-status" role="status">
        {save.isSuccess ? t('email.policy.saved') : ''}
      </p>
    </fieldset>
  );
}
