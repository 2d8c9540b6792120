'use client';
import { staffAccountBlocker } from '@session-links/core';
import { type ReactNode, useId, useRef } from 'react';
import { useMe, useOnlineSettings, useStaff } from '../hooks';
import type { Translate } from '../messages';
import { useSessionLinks } from '../provider';
import { AccountFlowChangedElsewhere, AccountSummary, ProviderChoice } from '../provider-picker/provider-picker';
import { describeAccount } from '../session-link/explain';
import { Avatar } from '../shared/avatar';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { CustomLinkForm } from '../shared/custom-link-form';
import { cx } from '../shared/cx';
import { ImpactSummary } from '../shared/impact-summary';
import { ErrorState, ForbiddenState, LoadingState, SaveError, UpgradeState } from '../shared/state-panel';
import { usePanelFocus } from '../shared/use-panel-focus';
import { ZoomConnect } from '../shared/zoom-connect';
import { type StaffAccountController, type UseStaffAccountOptions, useStaffAccount } from './use-staff-account';

/** Why this staff member's sessions have the link they have (R4, R8, R15, R17), in one sentence. */
export function explainStaffAccount(
  t: Translate,
  c: Pick<StaffAccountController, 'member' | 'account' | 'defaultAccount' | 'unhealthy'>,
): string {
  const name = c.member?.name ?? '';
  const def = c.defaultAccount;
  if (!def) return t('staff.usesNothing', { name });
  const defaultText = describeAccount(t, def);
  if (!c.account) return t('staff.usesDefault', { name, account: defaultText });
  if (c.unhealthy) return t('staff.usesFallback', { name, account: defaultText });
  return c.account.kind === 'zoom'
    ? t('staff.usesOwnZoom', { name, email: c.account.zoomUser.email })
    : t('staff.usesOwnCustom', { name, provider: t.provider(c.account.provider) });
}

export interface StaffAccountBodyProps {
  controller: StaffAccountController;
  /** Label of the custom-link form's submit button: "Continue" for the owner, "Connect" for self-service. */
  submitLabel: string;
  /** Where the owner sets up the site default while it is missing (R9). */
  defaultAccountHref?: string;
  onSetUpDefault?: () => void;
  /** Text of the blocked state; the owner and a staff member are told different things. */
  blockedText?: string;
  headingLevel?: 3 | 4 | 5;
  hideExplanation?: boolean;
  /** The list shows the blocked and upgrade states once, above the rows, instead of in each row. */
  inList?: boolean;
}

/** The flow for one staff member's account, whatever its state. Shared by both staff widgets. */
export function StaffAccountBody({
  controller: c,
  submitLabel,
  defaultAccountHref,
  onSetUpDefault,
  blockedText,
  headingLevel = 4,
  hideExplanation,
  inList,
}: StaffAccountBodyProps) {
  const { t } = useSessionLinks('StaffAccountBody');
  const root = useRef<HTMLDivElement>(null);
  const Heading = `h${headingLevel}` as 'h4';
  const name = c.member?.name ?? '';

  // After a user action changes the step (or adds or removes the account), focus its heading.
  const ownInput = usePanelFocus(`${c.state}:${c.account ? 'account' : 'none'}`, root);

  let body: ReactNode = null;
  switch (c.state) {
    case 'loading':
      body = <LoadingState />;
      break;
    case 'error':
      body = <ErrorState error={c.loadError} onRetry={c.retry} />;
      break;
    case 'upgrade':
      body = inList ? null : <UpgradeState />;
      break;
    case 'forbidden':
      body = <ForbiddenState body={t('staff.forbiddenBody')} />;
      break;
    case 'not-found':
      body = (
        <p className="sl-state" data-kind="not-found">
          {t('staff.notFound')}
        </p>
      );
      break;
    case 'blocked':
      body = inList ? null : (
        <div className="sl-state" data-kind="blocked">
          <p>{blockedText ?? t('staff.blocked')}</p>
          {defaultAccountHref ? (
            <a className="sl-button" data-variant="primary" href={defaultAccountHref}>
              {t('staff.blockedAction')}
            </a>
          ) : onSetUpDefault ? (
            <button type="button" className="sl-button" data-variant="primary" onClick={onSetUpDefault}>
              {t('staff.blockedAction')}
            </button>
          ) : null}
        </div>
      );
      break;
    case 'choosing':
      body = (
        <>
          <Heading className="sl-subtitle" tabIndex={-1} data-focus-target>
            {t('picker.choose')}
          </Heading>
          <AccountFlowChangedElsewhere flow={c} mode="choose" headingLevel={headingLevel + 1} />
          <ProviderChoice onChoose={c.choose} current={c.account?.kind} />
          <div className="sl-actions">
            <button type="button" className="sl-button" onClick={c.cancel}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      );
      break;
    case 'zoom':
      body = (
        <>
          <Heading className="sl-subtitle" tabIndex={-1} data-focus-target>
            {t('provider.zoom.name')}
          </Heading>
          <p className="sl-hint">{t('staff.zoomWho', { name })}</p>
          <AccountFlowChangedElsewhere flow={c} mode="zoom" headingLevel={headingLevel + 1} />
          {c.account ? <EditImpact c={c} /> : null}
          <ZoomConnect zoom={c.zoom} version={c.version} step={c.zoomStep} onStepChange={c.setZoomStep} onCancel={c.cancel} />
        </>
      );
      break;
    case 'custom':
      body = (
        <>
          <Heading className="sl-subtitle" tabIndex={-1} data-focus-target>
            {t('provider.custom.name')}
          </Heading>
          <AccountFlowChangedElsewhere flow={c} mode="custom" headingLevel={headingLevel + 1} />
          {c.account ? <EditImpact c={c} /> : null}
          <CustomLinkForm
            form={c.form}
            onSubmit={c.saveCustomLink}
            submitLabel={submitLabel}
            pending={c.saving || c.reloading}
            onCancel={c.cancel}
            footer={<SaveError error={c.saveError} onReload={c.reload} />}
          />
        </>
      );
      break;
    case 'view':
      body = (
        <>
          {c.account ? (
            <Heading className="sl-subtitle" tabIndex={-1} data-focus-target>
              {t('staff.title')}
            </Heading>
          ) : null}
          {c.account ? <AccountSummary account={c.account} /> : null}
          {c.unhealthy && c.account ? (
            <div className="sl-alert" role="alert" data-health={c.account.health}>
              <p>{t(c.account.health === 'expired' ? 'health.expired' : 'health.error')}</p>
              {c.affectedCount !== undefined ? <p>{t.plural('staff.affected', c.affectedCount)}</p> : null}
            </div>
          ) : null}
          <div className="sl-actions">
            {c.unhealthy && c.account?.kind === 'zoom' ? (
              <button type="button" className="sl-button" data-variant="primary" onClick={c.reconnect}>
                {t('health.reconnect')}
              </button>
            ) : null}
            {c.account ? (
              <>
                <button type="button" className="sl-button" onClick={c.add} disabled={c.saving}>
                  {t('common.edit')}
                </button>
                <RemoveDialog c={c} />
              </>
            ) : (
              <button type="button" className="sl-button" data-variant="primary" onClick={c.add} data-focus-target>
                {t('staff.add')}
              </button>
            )}
          </div>
        </>
      );
      break;
  }

  return (
    <div ref={root} {...ownInput} className="sl-panel" data-state={c.state}>
      {c.notice ? (
        <p className="sl-notice" role="status" data-notice={c.notice}>
          {t(c.notice === 'saved' ? 'staff.saved' : 'staff.removed')}
        </p>
      ) : null}
      {!hideExplanation && c.member && c.state !== 'forbidden' && c.state !== 'upgrade' ? (
        <p className="sl-explanation" data-source={c.account && !c.unhealthy ? 'staff' : 'default'}>
          {explainStaffAccount(t, c)}
        </p>
      ) : null}
      {body}
    </div>
  );
}

function EditImpact({ c }: { c: StaffAccountController }) {
  const { t } = useSessionLinks('StaffAccountEditor');
  return (
    <div className="sl-card">
      <p>{t('staff.editImpact')}</p>
      <ImpactSummary impact={c.impact.data} isPending={c.impact.isPending} isError={c.impact.isError} />
    </div>
  );
}

function RemoveDialog({ c }: { c: StaffAccountController }) {
  const { t } = useSessionLinks('StaffAccountEditor');
  const name = c.member?.name ?? '';
  return (
    <ConfirmDialog
      open={c.removal.open}
      onOpenChange={c.removal.setOpen}
      trigger={
        <button type="button" className="sl-button" data-variant="danger" disabled={c.saving}>
          {t('staff.remove')}
        </button>
      }
      title={t('staff.removeTitle', { name })}
      description={t('staff.removeBody')}
      confirmLabel={t('staff.remove')}
      pending={c.removal.pending}
      disabled={c.impact.isPending}
      onConfirm={c.removal.confirm}
      error={c.removal.error}
      onReload={c.reload}
      // After a removal the trigger is gone; focus goes to "Add individual account".
      keepFocusOnClose={c.notice === 'removed'}
    >
      <ImpactSummary impact={c.impact.data} isPending={c.impact.isPending} isError={c.impact.isError} />
    </ConfirmDialog>
  );
}

export interface StaffAccountRowProps extends UseStaffAccountOptions {
  staffId: string;
  defaultAccountHref?: string;
  onSetUpDefault?: () => void;
  headingLevel?: 3 | 4 | 5;
  className?: string;
}

/** One staff member: name, which account their sessions use and why, and the flow to change it. */
export function StaffAccountRow({
  staffId,
  defaultAccountHref,
  onSetUpDefault,
  headingLevel = 4,
  className,
  inList,
  ...options
}: StaffAccountRowProps & { inList?: boolean }) {
  const { t } = useSessionLinks('StaffAccountRow');
  const c = useStaffAccount(staffId, options);
  const titleId = useId();
  const Heading = `h${headingLevel}` as 'h4';
  return (
    <li
      className={cx('sl-staff-row', className)}
      aria-labelledby={titleId}
      data-state={c.state}
      data-provider={c.account?.kind}
      data-health={c.account?.health}
    >
      <Heading id={titleId} className="sl-staff-name">
        <Avatar name={c.member?.name ?? staffId} />
        {c.member?.name ?? staffId}
      </Heading>
      <StaffAccountBody
        controller={c}
        submitLabel={t('common.continue')}
        defaultAccountHref={defaultAccountHref}
        onSetUpDefault={onSetUpDefault}
        headingLevel={Math.min(headingLevel + 1, 5) as 5}
        inList={inList}
      />
    </li>
  );
}

export interface StaffAccountEditorProps extends UseStaffAccountOptions {
  /** One staff member; without it, every staff member the signed-in user may manage (R10). */
  staffId?: string;
  defaultAccountHref?: string;
  onSetUpDefault?: () => void;
  headingLevel?: 2 | 3 | 4;
  className?: string;
}

/**
 * Staff members' individual video-conferencing accounts (R4, R9, R10, R15, R17). Root
 * attributes: `data-state` (`loading` | `error` | `empty` | `ready`); each row has
 * `data-state`, `data-provider` and `data-health`.
 */
export function StaffAccountEditor({ staffId, headingLevel = 3, className, ...rest }: StaffAccountEditorProps) {
  const { t } = useSessionLinks('StaffAccountEditor');
  const staff = useStaff();
  const me = useMe();
  const settings = useOnlineSettings();
  const titleId = useId();
  const Heading = `h${headingLevel}` as 'h3';
  // A staff member is offered only their own row; the owner everyone's.
  const ids = staffId
    ? [staffId]
    : (staff.data ?? []).filter((s) => me.data?.role === 'owner' || s.id === me.data?.staffId).map((s) => s.id);
  const plan = settings.data?.plan.includesOnlineSessions;
  const blocker = settings.data ? staffAccountBlocker(settings.data) : null;
  const state = staffId
    ? 'ready'
    : staff.isPending || me.isPending || settings.isPending
      ? 'loading'
      : staff.isError
        ? 'error'
        : ids.length === 0
          ? 'empty'
          : 'ready';
  return (
    // biome-ignore lint/a11y/useSemanticElements: a widget root holding forms; see ProviderPicker
    <div role="group" aria-labelledby={titleId} className={cx('sl-root sl-widget sl-staff', className)} data-state={state}>
      <Heading id={titleId} className="sl-title">
        {staffId ? t('staff.title') : t('staff.listTitle')}
      </Heading>
      {state === 'loading' ? <LoadingState /> : null}
      {state === 'error' ? <ErrorState error={staff.error} onRetry={() => void staff.refetch()} /> : null}
      {state === 'empty' ? (
        <p className="sl-state" data-kind="empty">
          {t('staff.empty')}
        </p>
      ) : null}
      {state === 'ready' && !staffId && plan === false ? <UpgradeState /> : null}
      {state === 'ready' && !staffId && plan && blocker ? (
        <div className="sl-state" data-kind="blocked">
          <p>{t('staff.blocked')}</p>
          {rest.defaultAccountHref ? (
            <a className="sl-button" data-variant="primary" href={rest.defaultAccountHref}>
              {t('staff.blockedAction')}
            </a>
          ) : rest.onSetUpDefault ? (
            <button type="button" className="sl-button" data-variant="primary" onClick={rest.onSetUpDefault}>
              {t('staff.blockedAction')}
            </button>
          ) : null}
        </div>
      ) : null}
      {state === 'ready' && (staffId || plan) ? (
        <ul className="sl-staff-list">
          {ids.map((id) => (
            <StaffAccountRow key={id} staffId={id} headingLevel={(headingLevel + 1) as 3} inList={!staffId} {...rest} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
