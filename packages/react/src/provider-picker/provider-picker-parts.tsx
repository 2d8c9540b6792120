'use client';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import {
  AccountFlowCancel,
  AccountFlowChangedElsewhere,
  AccountFlowChoice,
  AccountFlowConnect,
  AccountFlowCustomForm,
  type AccountFlowCustomFormProps,
  AccountFlowHealth,
  type AccountFlowHealthProps,
  AccountFlowReconnect,
  AccountFlowScope,
  AccountFlowSummary,
} from '../parts/account-flow-parts';
import { ConfirmDialog } from '../parts/confirm-dialog';
import { Gate, type GateProps, GateScope } from '../parts/gate';
import { ImpactSummary } from '../parts/impact-summary';
import { TellClientsScope } from '../parts/tell-clients';
import { cx } from '../primitives/cx';
import { headingBelow, headingTag } from '../primitives/heading';
import { mergeRefs } from '../primitives/merge-refs';
import { createScopedContext } from '../primitives/scoped-context';
import type { ProviderPickerController, ProviderPickerState } from './use-provider-picker';

/** What the parts read: the value of `useProviderPicker()` given to the Root. `useProviderPickerContext(part)` gives it to a host's own parts. */
type ProviderPickerContextValue = ProviderPickerController;

const [ProviderPickerScope, useProviderPickerContext] = createScopedContext<ProviderPickerContextValue>('ProviderPicker');

export { type ProviderPickerContextValue, useProviderPickerContext };

type DivProps = ComponentPropsWithRef<'div'>;

export interface ProviderPickerRootProps extends DivProps {
  /** What `useProviderPicker(options)` returned: the parts inside read it. Callbacks and `headingLevel` are the hook's options. */
  value: ProviderPickerController;
}

/**
 * The picker's root: a labelled group holding the parts. `data-state` (see
 * {@link ProviderPickerState}), `data-provider` (`zoom` | `custom`) and `data-health`
 * (`connected` | `expired` | `error`) once an account exists.
 */
export function ProviderPickerRoot({ value, className, ref, children, ...props }: ProviderPickerRootProps) {
  const { ref: rootRef, ...rootProps } = value.getRootProps();
  return (
    <ProviderPickerScope value={value}>
      <GateScope gate={value.gate}>
        <AccountFlowScope value={value.flow}>
          {/* A group, not a region: a page may embed the picker twice (service form, staff page).
              Not a <fieldset>: the widget holds forms of its own, and fieldsets may not nest forms. */}
          <div {...rootProps} {...props} ref={mergeRefs(rootRef, ref)} className={cx('sl-root sl-picker', className)}>
            {children}
          </div>
        </AccountFlowScope>
      </GateScope>
    </ProviderPickerScope>
  );
}

export type ProviderPickerTitleProps = ComponentPropsWithRef<'h2'>;

/** The widget's heading (level from the hook's `headingLevel`); its id labels the root. */
export function ProviderPickerTitle({ className, children, ...props }: ProviderPickerTitleProps) {
  const c = useProviderPickerContext('ProviderPickerTitle');
  const { t } = c;
  const Heading = headingTag(c.headingLevel);
  return (
    <Heading {...c.getTitleProps()} {...props} className={cx('sl-title', className)}>
      {children ?? t('picker.title')}
    </Heading>
  );
}

export type ProviderPickerNoticeProps = Omit<ComponentPropsWithRef<'p'>, 'children'>;

/**
 * What just happened (`data-notice`: `saved` | `disconnected`), announced politely; nothing
 * otherwise. `data-tone` is `success` for a save and `warning` for a disconnect (sessions lose their link).
 */
export function ProviderPickerNotice({ className, ...props }: ProviderPickerNoticeProps) {
  const c = useProviderPickerContext('ProviderPickerNotice');
  const { t } = c;
  if (!c.notice) return null;
  return (
    <p
      role="status"
      {...props}
      className={cx('sl-notice', className)}
      data-notice={c.notice}
      data-tone={c.notice === 'saved' ? 'success' : 'warning'}
    >
      {t(c.notice === 'saved' ? 'picker.saved' : 'picker.disconnected')}
    </p>
  );
}

/** The shared gate: loading, error with Retry, upgrade (to its `upgradeHref`), forbidden; else its children. */
export function ProviderPickerGate(props: GateProps) {
  useProviderPickerContext('ProviderPickerGate');
  return <Gate {...props} />;
}

export interface ProviderPickerStepProps extends DivProps {
  /** The step this panel belongs to: it renders only then. */
  step: Extract<ProviderPickerState, 'choosing' | 'connect' | 'custom' | 'connected'>;
}

/** One step's panel, shown only in its step. `data-state` is the step. */
export function ProviderPickerStep({ step, className, ...props }: ProviderPickerStepProps) {
  const c = useProviderPickerContext('ProviderPickerStep');
  if (c.state !== step || (step === 'connected' && !c.flow.account)) return null;
  return <div {...props} className={cx('sl-panel', step === 'connected' && 'sl-card', className)} data-state={step} />;
}

export type ProviderPickerStepTitleProps = ComponentPropsWithRef<'h3'>;

/** The step's heading, one level below the title; focus moves to it when the step changes by the user's hand. */
export function ProviderPickerStepTitle({ className, children, ...props }: ProviderPickerStepTitleProps) {
  const c = useProviderPickerContext('ProviderPickerStepTitle');
  const { t } = c;
  const Heading = headingTag(headingBelow(c.headingLevel));
  const text =
    c.state === 'choosing'
      ? t(c.flow.account ? 'picker.replace' : 'picker.choose')
      : c.state === 'connect'
        ? t.provider(c.flow.provider)
        : c.state === 'custom'
          ? t('provider.custom.name')
          : t('picker.connected');
  return (
    <Heading tabIndex={-1} data-focus-target {...props} className={cx('sl-subtitle', className)}>
      {children ?? text}
    </Heading>
  );
}

export type ProviderPickerNoDefaultProps = Omit<ComponentPropsWithRef<'p'>, 'children'>;

/** "No default account yet": shown while the site has none. */
export function ProviderPickerNoDefault({ className, ...props }: ProviderPickerNoDefaultProps) {
  const c = useProviderPickerContext('ProviderPickerNoDefault');
  const { t } = c;
  if (c.flow.account) return null;
  return (
    <p {...props} className={cx('sl-hint', className)}>
      {t('picker.noDefault')}
    </p>
  );
}

/** Zoom or a custom link (R3), as two buttons; the kind in use now has `data-current`. */
export const ProviderPickerChoice = AccountFlowChoice;
/** R20: the saved default beside the user's unsaved one, with Keep mine / Take theirs. */
export const ProviderPickerChangedElsewhere = AccountFlowChangedElsewhere;
/** Continue → Connect → the provider's consent window (R14, R31). `data-status`, `data-step`. */
export const ProviderPickerConnect = AccountFlowConnect;
/** The default account in words; `data-provider`, `data-health`. */
export const ProviderPickerAccount = AccountFlowSummary;
/** Reconnect an expired Zoom default: straight to Connect. */
export const ProviderPickerReconnectButton = AccountFlowReconnect;
/** Back to the account as it is, without saving. */
export const ProviderPickerCancelButton = AccountFlowCancel;

/** Cancel in the choice step, inside its actions row: only when there is an account to go back to. */
export function ProviderPickerChoiceCancel({ className, ...props }: Omit<DivProps, 'children'>) {
  const c = useProviderPickerContext('ProviderPickerChoiceCancel');
  if (!c.flow.account) return null;
  return (
    <div {...props} className={cx('sl-actions', className)}>
      <AccountFlowCancel />
    </div>
  );
}

export type ProviderPickerCustomFormProps = Partial<AccountFlowCustomFormProps>;

/** Link, Password, Description (R11); replacing a default asks first, with the impact (R16). */
export function ProviderPickerCustomForm(props: ProviderPickerCustomFormProps) {
  const { t } = useProviderPickerContext('ProviderPickerCustomForm');
  return <AccountFlowCustomForm submitLabel={t('zoom.connect')} {...props} />;
}

/** The account's problem (R17) and how many upcoming sessions have no link until it is reconnected. */
export function ProviderPickerHealth(props: AccountFlowHealthProps) {
  const c = useProviderPickerContext('ProviderPickerHealth');
  const { t } = c;
  return (
    <AccountFlowHealth {...props}>
      {props.children ?? (c.affectedCount !== undefined ? <p>{t.plural('health.affected', c.affectedCount)}</p> : null)}
    </AccountFlowHealth>
  );
}

export type ProviderPickerReplaceImpactProps = Omit<DivProps, 'children'>;

/** In the connect step, when a default exists: what connecting the provider instead would change (R16). */
export function ProviderPickerReplaceImpact({ className, ...props }: ProviderPickerReplaceImpactProps) {
  const c = useProviderPickerContext('ProviderPickerReplaceImpact');
  const { t } = c;
  if (!c.flow.account) return null;
  const { impact } = c.replace;
  return (
    <div {...props} className={cx('sl-card', className)}>
      <p>{t('replace.zoomImpact', { provider: t.provider(c.flow.provider) })}</p>
      {/* Connect is this impact's confirmation: "Tell them now" goes with the connection (R29). */}
      <TellClientsScope value={c.flow.tell}>
        <ImpactSummary impact={impact.data} isPending={impact.isPending} isError={impact.isError} staff={c.staff} />
      </TellClientsScope>
    </div>
  );
}

export type ProviderPickerButtonProps = Omit<ComponentPropsWithRef<'button'>, 'onClick' | 'type'>;

/** Edit: back to the choice, with the current account kept until a new one is saved. */
export function ProviderPickerEditButton({ className, children, ...props }: ProviderPickerButtonProps) {
  const c = useProviderPickerContext('ProviderPickerEditButton');
  const { t } = c;
  return (
    <button type="button" disabled={c.flow.saving} {...props} className={cx('sl-button', className)} onClick={c.edit}>
      {children ?? t('common.edit')}
    </button>
  );
}

export interface ProviderPickerDisconnectButtonProps extends ProviderPickerButtonProps {}

/** Disconnect: a quiet danger button that opens the confirmation with what it touches (R8, R16). */
export function ProviderPickerDisconnectButton({ className, children, ...props }: ProviderPickerDisconnectButtonProps) {
  const c = useProviderPickerContext('ProviderPickerDisconnectButton');
  const { t } = c;
  return (
    <DisconnectDialog
      picker={c}
      trigger={
        <button type="button" data-variant="danger" disabled={c.flow.saving} {...props} className={cx('sl-button', className)}>
          {children ?? t('disconnect.action')}
        </button>
      }
    />
  );
}

interface DisconnectDialogProps {
  picker: ProviderPickerController;
  trigger: ReactNode;
}

function DisconnectDialog({ picker, trigger }: DisconnectDialogProps) {
  const { t, disconnect } = picker;
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
      offerTell
      onConfirm={disconnect.confirm}
      error={disconnect.error}
      onReload={picker.flow.reload}
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

/** The confirmation before a custom link replaces the default, with the sessions it changes (R16). */
export function ProviderPickerReplaceDialog() {
  const c = useProviderPickerContext('ProviderPickerReplaceDialog');
  const { t } = c;
  const { replace } = c;
  return (
    <ConfirmDialog
      open={replace.open}
      onOpenChange={replace.setOpen}
      title={t('replace.title')}
      description={t('replace.body')}
      confirmLabel={t('replace.confirm')}
      variant="primary"
      disabled={replace.impact.isPending}
      offerTell
      onConfirm={replace.confirm}
      // Confirmed: the form is gone and the picker focuses its new heading; cancelled: back to Connect.
      keepFocusOnClose
      onFocusAfterClose={c.focusAfterReplace}
    >
      <ImpactSummary impact={replace.impact.data} isPending={replace.impact.isPending} isError={replace.impact.isError} staff={c.staff} />
    </ConfirmDialog>
  );
}
