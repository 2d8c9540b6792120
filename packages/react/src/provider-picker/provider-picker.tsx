'use client';
import type { Account } from '@session-links/core';
import { type ReactNode, useId, useRef } from 'react';
import { useSessionLinks } from '../provider';
import { ChangedElsewhere, LinkValue } from '../shared/changed-elsewhere';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { CustomLinkForm } from '../shared/custom-link-form';
import { cx } from '../shared/cx';
import { ImpactSummary } from '../shared/impact-summary';
import { ProviderMark } from '../shared/provider-mark';
import { ErrorState, ForbiddenState, LoadingState, SaveError, UpgradeState } from '../shared/state-panel';
import type { CustomLinkFormState } from '../shared/use-custom-link-form';
import { usePanelFocus } from '../shared/use-panel-focus';
import type { VersionedDraft } from '../shared/use-versioned-draft';
import { ZoomConnect } from '../shared/zoom-connect';
import { type ProviderPickerController, type UseProviderPickerOptions, useProviderPicker } from './use-provider-picker';

export interface ProviderChoiceProps {
  onChoose: (kind: 'zoom' | 'custom') => void;
  current?: Account['kind'] | undefined;
  className?: string;
}

/** The two kinds of default account, as two buttons with a line each on what they do (R3). */
export function ProviderChoice({ onChoose, current, className }: ProviderChoiceProps) {
  const { t } = useSessionLinks('ProviderChoice');
  const id = useId();
  return (
    <ul className={cx('sl-choice', className)} aria-label={t('picker.choose')}>
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

export interface AccountSummaryProps {
  account: Account;
  className?: string;
}

/** Who or what an account is, in words: the Zoom user, or the provider and its link. */
export function AccountSummary({ account, className }: AccountSummaryProps) {
  const { t } = useSessionLinks('AccountSummary');
  return (
    <div className={cx('sl-account', className)} data-provider={account.kind} data-health={account.health}>
      {account.kind === 'zoom' ? (
        <>
          <p className="sl-account-name">
            <ProviderMark provider="zoom" />
            {t('picker.connectedZoom', { name: account.zoomUser.name, email: account.zoomUser.email })}
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

export interface AccountChangedElsewhereProps {
  draft: VersionedDraft<unknown>;
  /** Their account, as saved now. */
  account: Account | null;
  /** What the user is doing: their draft is the form (custom), a Zoom connection, or nothing yet. */
  mode: 'choose' | 'zoom' | 'custom';
  form: CustomLinkFormState;
  onTakeTheirs: () => void;
  refreshing?: boolean;
  headingLevel?: 3 | 4 | 5 | 6;
}

/** R20 for an account being edited: their account beside the user's unsaved one. */
export function AccountChangedElsewhere({
  draft,
  account,
  mode,
  form,
  onTakeTheirs,
  refreshing,
  headingLevel,
}: AccountChangedElsewhereProps) {
  const { t } = useSessionLinks('AccountChangedElsewhere');
  return (
    <ChangedElsewhere
      draft={draft}
      theirs={account ? <AccountSummary account={account} /> : <p className="sl-hint">{t('versions.noAccount')}</p>}
      yours={
        mode === 'custom' ? (
          <LinkValue link={form.values} />
        ) : (
          <p className="sl-hint">{t(mode === 'zoom' ? 'versions.zoomPending' : 'versions.nothingChosen')}</p>
        )
      }
      onTakeTheirs={onTakeTheirs}
      refreshing={refreshing}
      headingLevel={headingLevel}
    />
  );
}

export interface ProviderDisconnectDialogProps {
  picker: ProviderPickerController;
  trigger: ReactNode;
}

/** Confirmation before disconnecting, with what it touches (R8, R16). */
export function ProviderDisconnectDialog({ picker, trigger }: ProviderDisconnectDialogProps) {
  const { t } = useSessionLinks('ProviderDisconnectDialog');
  const { disconnect } = picker;
  return (
    <ConfirmDialog
      open={disconnect.open}
      onOpenChange={disconnect.setOpen}
      trigger={trigger}
      title={t('disconnect.title')}
      description={t('disconnect.body')}
      confirmLabel={t('disconnect.confirm')}
      pending={disconnect.pending}
      disabled={disconnect.impact.isPending}
      onConfirm={disconnect.confirm}
      error={disconnect.error}
      onReload={picker.reload}
      // After a disconnect the trigger is gone; the picker focuses its new heading instead.
      keepFocusOnClose={picker.notice === 'disconnected'}
    >
      <ImpactSummary
        impact={disconnect.impact.data}
        isPending={disconnect.impact.isPending}
        isError={disconnect.impact.isError}
        staff={picker.staff}
      />
    </ConfirmDialog>
  );
}

export interface ProviderPickerProps extends UseProviderPickerOptions {
  className?: string;
  /** Where the host links to for a plan upgrade (R1). */
  upgradeHref?: string;
  /** Heading level of the widget's title, to fit the host page's outline. */
  headingLevel?: 2 | 3 | 4;
}

/**
 * The site's default video-conferencing account (R2): choose Zoom or a custom link,
 * connect it, see it, edit it, disconnect it. Root attributes: `data-state`
 * (see {@link ProviderPickerState}), `data-provider` (`zoom` | `custom`) and
 * `data-health` (`connected` | `expired` | `error`) once an account exists.
 */
export function ProviderPicker({ className, upgradeHref, headingLevel = 3, ...options }: ProviderPickerProps) {
  const { t } = useSessionLinks('ProviderPicker');
  const picker = useProviderPicker(options);
  const root = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const ownInput = usePanelFocus(picker.state, root);
  const Heading = `h${headingLevel}` as 'h3';
  const SubHeading = `h${headingLevel + 1}` as 'h4';
  const { state, account } = picker;

  return (
    // A group, not a region: a page may embed the picker twice (service form, staff page).
    // Not a <fieldset>: the widget holds forms of its own, and fieldsets may not nest forms.
    // biome-ignore lint/a11y/useSemanticElements: see above
    <div
      ref={root}
      {...ownInput}
      role="group"
      className={cx('sl-root sl-picker', className)}
      aria-labelledby={titleId}
      data-state={state}
      data-provider={account?.kind}
      data-health={account?.health}
    >
      <Heading id={titleId} className="sl-title">
        {t('picker.title')}
      </Heading>
      {picker.notice ? (
        <p className="sl-notice" role="status" data-notice={picker.notice}>
          {t(picker.notice === 'saved' ? 'picker.saved' : 'picker.disconnected')}
        </p>
      ) : null}

      {state === 'loading' ? <LoadingState /> : null}
      {state === 'error' ? <ErrorState error={picker.loadError} onRetry={picker.retry} /> : null}
      {state === 'upgrade' ? <UpgradeState upgradeHref={upgradeHref} /> : null}
      {state === 'forbidden' ? <ForbiddenState /> : null}

      {state === 'choosing' ? (
        <div className="sl-panel">
          <SubHeading className="sl-subtitle" tabIndex={-1} data-focus-target>
            {account ? t('picker.replace') : t('picker.choose')}
          </SubHeading>
          <AccountFlowChangedElsewhere flow={picker} mode="choose" headingLevel={headingLevel + 2} />
          {account ? null : <p className="sl-hint">{t('picker.noDefault')}</p>}
          <ProviderChoice onChoose={picker.choose} current={account?.kind} />
          {account ? (
            <div className="sl-actions">
              <button type="button" className="sl-button" onClick={picker.cancel}>
                {t('common.cancel')}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}

      {state === 'zoom' ? (
        <div className="sl-panel">
          <SubHeading className="sl-subtitle" tabIndex={-1} data-focus-target>
            {t('provider.zoom.name')}
          </SubHeading>
          <AccountFlowChangedElsewhere flow={picker} mode="zoom" headingLevel={headingLevel + 2} />
          {account ? (
            <div className="sl-card">
              <p>{t('replace.zoomImpact')}</p>
              <ImpactSummary
                impact={picker.replace.impact.data}
                isPending={picker.replace.impact.isPending}
                isError={picker.replace.impact.isError}
                staff={picker.staff}
              />
            </div>
          ) : null}
          <ZoomConnect
            zoom={picker.zoom}
            version={picker.version}
            step={picker.zoomStep}
            onStepChange={picker.setZoomStep}
            onCancel={picker.cancel}
          />
        </div>
      ) : null}

      {state === 'custom' ? (
        <div className="sl-panel">
          <SubHeading className="sl-subtitle" tabIndex={-1} data-focus-target>
            {t('provider.custom.name')}
          </SubHeading>
          <AccountFlowChangedElsewhere flow={picker} mode="custom" headingLevel={headingLevel + 2} />
          <CustomLinkForm
            form={picker.form}
            onSubmit={picker.submitCustomLink}
            submitLabel={t('zoom.connect')}
            pending={picker.saving || picker.reloading}
            onCancel={picker.cancel}
            footer={<SaveError error={picker.saveError} onReload={picker.reload} />}
          />
        </div>
      ) : null}

      <ConfirmDialog
        open={picker.replace.open}
        onOpenChange={picker.replace.setOpen}
        title={t('replace.title')}
        description={t('replace.body')}
        confirmLabel={t('replace.confirm')}
        variant="primary"
        disabled={picker.replace.impact.isPending}
        onConfirm={picker.replace.confirm}
        // Confirmed: the form is gone and the picker focuses its new heading; cancelled: back to Connect.
        keepFocusOnClose
        onFocusAfterClose={() =>
          root.current?.querySelector<HTMLElement>(state === 'custom' ? 'form [type="submit"]' : '[data-focus-target]')?.focus()
        }
      >
        <ImpactSummary
          impact={picker.replace.impact.data}
          isPending={picker.replace.impact.isPending}
          isError={picker.replace.impact.isError}
          staff={picker.staff}
        />
      </ConfirmDialog>

      {state === 'connected' && account ? (
        <div className="sl-panel sl-card">
          <SubHeading className="sl-subtitle" tabIndex={-1} data-focus-target>
            {t('picker.connected')}
          </SubHeading>
          <AccountSummary account={account} />
          {picker.unhealthy ? (
            <div className="sl-alert" role="alert" data-health={account.health}>
              <p>{t(account.health === 'expired' ? 'health.expired' : 'health.error')}</p>
              {picker.affectedCount !== undefined ? <p>{t.plural('health.affected', picker.affectedCount)}</p> : null}
            </div>
          ) : null}
          <div className="sl-actions">
            {picker.unhealthy && account.kind === 'zoom' ? (
              <button type="button" className="sl-button" data-variant="primary" onClick={picker.reconnect}>
                {t('health.reconnect')}
              </button>
            ) : null}
            <button type="button" className="sl-button" onClick={picker.edit} disabled={picker.saving}>
              {t('common.edit')}
            </button>
            <ProviderDisconnectDialog
              picker={picker}
              trigger={
                <button type="button" className="sl-button" data-variant="danger" disabled={picker.saving}>
                  {t('disconnect.action')}
                </button>
              }
            />
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** The "Changed elsewhere" panel of an account flow (the picker's or a staff member's). */
export function AccountFlowChangedElsewhere({
  flow,
  mode,
  headingLevel,
}: {
  flow: Pick<ProviderPickerController, 'account' | 'form' | 'takeTheirs' | 'reloading'> & { draft: unknown };
  mode: 'choose' | 'zoom' | 'custom';
  headingLevel: number;
}) {
  return (
    <AccountChangedElsewhere
      draft={flow.draft as VersionedDraft<unknown>}
      account={flow.account}
      mode={mode}
      form={flow.form}
      onTakeTheirs={flow.takeTheirs}
      refreshing={flow.reloading}
      headingLevel={Math.min(headingLevel, 6) as 6}
    />
  );
}
