'use client';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import type { Translate } from '../context/translate';
import {
  AccountFlowCancel,
  AccountFlowChangedElsewhere,
  AccountFlowChoice,
  AccountFlowConnect,
  type AccountFlowConnectProps,
  AccountFlowCustomForm,
  type AccountFlowCustomFormProps,
  AccountFlowHealth,
  type AccountFlowHealthProps,
  AccountFlowReconnect,
  AccountFlowScope,
  AccountFlowSummary,
} from '../parts/account-flow-parts';
import { ConfirmDialog } from '../parts/confirm-dialog';
import { describeAccount } from '../parts/describe-account';
import { Gate, type GateProps, GateScope } from '../parts/gate';
import { ImpactSummary } from '../parts/impact-summary';
import { TellClientsScope } from '../parts/tell-clients';
import { Avatar } from '../primitives/avatar';
import { cx } from '../primitives/cx';
import { type HeadingLevel, headingBelow, headingTag } from '../primitives/heading';
import { mergeRefs } from '../primitives/merge-refs';
import { createScopedContext } from '../primitives/scoped-context';
import { type StaffAccountController, type StaffAccountRowOptions, type StaffAccountState, useStaffAccount } from './use-staff-account';
import type { StaffAccountEditorController } from './use-staff-account-editor';

/** Why this staff member's sessions have the link they have (R4, R8, R15, R17), in one sentence. */
export function explainStaffAccount(
  t: Translate,
  c: Pick<StaffAccountController, 'member' | 'account' | 'defaultAccount' | 'unhealthy'> & Partial<Pick<StaffAccountController, 'self'>>,
): string {
  const name = c.member?.name ?? '';
  // Said to the staff member themselves: "your sessions", not their own name.
  const key = (k: 'usesNothing' | 'usesDefault' | 'usesFallback' | 'usesOwnConnected' | 'usesOwnCustom') =>
    c.self ? (`staff.self.${k}` as const) : (`staff.${k}` as const);
  const def = c.defaultAccount;
  if (!def) return t(key('usesNothing'), { name });
  const defaultText = describeAccount(t, def);
  if (!c.account) return t(key('usesDefault'), { name, account: defaultText });
  if (c.unhealthy) return t(key('usesFallback'), { name, account: defaultText });
  return c.account.kind !== 'custom'
    ? t(key('usesOwnConnected'), { name, provider: t.provider(c.account.kind), email: c.account.user.email })
    : t(key('usesOwnCustom'), { name, provider: t.provider(c.account.provider) });
}

type DivProps = ComponentPropsWithRef<'div'>;
type ButtonProps = Omit<ComponentPropsWithRef<'button'>, 'onClick' | 'type'>;

// ——— The list ———

/** What the list's parts read: the value of `useStaffAccountEditor()` given to the Root. */
type StaffAccountEditorContextValue = StaffAccountEditorController;

const [EditorScope, useStaffAccountEditorContext] = createScopedContext<StaffAccountEditorContextValue>('StaffAccountEditor');

export { type StaffAccountEditorContextValue, useStaffAccountEditorContext };

export interface StaffAccountEditorRootProps extends DivProps {
  /**
   * What `useStaffAccountEditor(options)` returned: the parts inside read it. The rows'
   * callbacks, `defaultAccountHref` and `headingLevel` are the hook's options.
   */
  value: StaffAccountEditorController;
}

/** The list's root: a labelled group. `data-state`: `loading` | `error` | `upgrade` | `forbidden` | `empty` | `ready`. */
export function StaffAccountEditorRoot({ value, className, ...props }: StaffAccountEditorRootProps) {
  return (
    <EditorScope value={value}>
      <GateScope gate={value.gate}>
        {/* A group (from getRootProps), not a fieldset: the widget holds forms of its own. */}
        <div {...value.getRootProps()} {...props} className={cx('sl-root sl-widget sl-staff', className)} />
      </GateScope>
    </EditorScope>
  );
}

/** The list's heading: "Online session accounts of staff", or "Online session account" for one staff member. */
export function StaffAccountEditorTitle({ className, children, ...props }: ComponentPropsWithRef<'h2'>) {
  const c = useStaffAccountEditorContext('StaffAccountEditorTitle');
  const { t } = c;
  const Heading = headingTag(c.headingLevel);
  return (
    <Heading {...c.getTitleProps()} {...props} className={cx('sl-title', className)}>
      {children ?? (c.staffId ? t('staff.title') : t('staff.listTitle'))}
    </Heading>
  );
}

/** The shared gate of the list (loading, error, upgrade); its children once the list is there. */
export function StaffAccountEditorGate(props: GateProps) {
  useStaffAccountEditorContext('StaffAccountEditorGate');
  return <Gate {...props} />;
}

/** "There are no staff members yet", in the `empty` state. `data-kind="empty"`. */
export function StaffAccountEditorEmpty({ className, ...props }: Omit<ComponentPropsWithRef<'p'>, 'children'>) {
  const c = useStaffAccountEditorContext('StaffAccountEditorEmpty');
  const { t } = c;
  if (c.state !== 'empty') return null;
  return (
    <p {...props} className={cx('sl-state', className)} data-kind="empty">
      {t('staff.empty')}
    </p>
  );
}

/** R9, once above the rows: individual accounts wait for a default account, with the way to set it up. */
export function StaffAccountEditorBlocked({ className, ...props }: Omit<DivProps, 'children'>) {
  const c = useStaffAccountEditorContext('StaffAccountEditorBlocked');
  if (!c.blocked) return null;
  return <BlockedNotice {...props} className={className} setUp={c.rowOptions} t={c.t} />;
}

function BlockedNotice({
  setUp,
  text,
  t,
  className,
  ...props
}: Omit<DivProps, 'children'> & {
  setUp: Pick<StaffAccountRowOptions, 'defaultAccountHref' | 'onSetUpDefault'>;
  text?: string | undefined;
  t: Translate;
}) {
  return (
    <div {...props} className={cx('sl-state', className)} data-kind="blocked">
      <p>{text ?? t('staff.blocked')}</p>
      {setUp.defaultAccountHref ? (
        <a className="sl-button" data-variant="primary" href={setUp.defaultAccountHref}>
          {t('staff.blockedAction')}
        </a>
      ) : setUp.onSetUpDefault ? (
        <button type="button" className="sl-button" data-variant="primary" onClick={setUp.onSetUpDefault}>
          {t('staff.blockedAction')}
        </button>
      ) : null}
    </div>
  );
}

export interface StaffAccountEditorListProps extends Omit<ComponentPropsWithRef<'ul'>, 'children'> {
  /** One row per staff member; without it, the default `StaffAccountRow`. */
  children?: (staffId: string) => ReactNode;
}

/** The rows, one per staff member the user may manage; hidden while individual accounts are blocked (R9). */
export function StaffAccountEditorList({ children, className, ...props }: StaffAccountEditorListProps) {
  const c = useStaffAccountEditorContext('StaffAccountEditorList');
  if (c.state !== 'ready' || (!c.staffId && c.gate.settings?.plan.includesOnlineSessions === false)) return null;
  return (
    <ul {...props} className={cx('sl-staff-list', className)}>
      {c.ids.map((id) =>
        children ? (
          children(id)
        ) : (
          <StaffAccountRow key={id} {...c.rowOptions} staffId={id} headingLevel={headingBelow(c.headingLevel)} inList={!c.staffId} />
        ),
      )}
    </ul>
  );
}

// ——— One staff member ———

/** What one staff member's parts read: the value of `useStaffAccount({ staffId, ...options })` given to the Root. */
type StaffAccountContextValue = StaffAccountController;

const [AccountScope, useStaffAccountContext] = createScopedContext<StaffAccountContextValue>('StaffAccount');

export { type StaffAccountContextValue, useStaffAccountContext };

export interface StaffAccountRootProps {
  /**
   * What `useStaffAccount({ staffId, ...options })` returned: the parts inside read it. Callbacks,
   * `headingLevel`, `inList` and `defaultAccountHref` are the hook's options.
   */
  value: StaffAccountController;
  children?: ReactNode;
}

/** One staff member's account flow: provides the parts' context; renders no element of its own (as Radix's `Dialog.Root`). */
export function StaffAccountRoot({ value, children }: StaffAccountRootProps) {
  return (
    <AccountScope value={value}>
      <GateScope gate={value.gate}>
        <AccountFlowScope value={value.flow}>{children}</AccountFlowScope>
      </GateScope>
    </AccountScope>
  );
}

/** The row of one staff member in the list: labelled by their name. `data-state`, `data-provider`, `data-health`. */
export function StaffAccountItem({ className, ...props }: ComponentPropsWithRef<'li'>) {
  const c = useStaffAccountContext('StaffAccountItem');
  return <li {...c.getRowProps()} {...props} className={cx('sl-staff-row', className)} />;
}

/** The name's level is the hook's `headingLevel`. */
export type StaffAccountNameProps = ComponentPropsWithRef<'h4'>;

/** The staff member's name, as the row's heading, after their initials avatar (unless `children` replace both). */
export function StaffAccountName({ className, children, ...props }: StaffAccountNameProps) {
  const c = useStaffAccountContext('StaffAccountName');
  const Heading = headingTag(c.headingLevel);
  const name = c.member?.name ?? c.staffId;
  return (
    <Heading {...c.getNameProps()} {...props} className={cx('sl-staff-name', className)}>
      {children ?? (
        <>
          {name ? <Avatar name={name} /> : null}
          {name}
        </>
      )}
    </Heading>
  );
}

/** The panel around the flow: `data-state` is the row's state; focus follows the step after the user's action. */
export function StaffAccountPanel({ className, ref, ...props }: DivProps) {
  const c = useStaffAccountContext('StaffAccountPanel');
  const { ref: panelRef, ...panelProps } = c.getPanelProps();
  return <div {...panelProps} {...props} ref={mergeRefs(panelRef, ref)} className={cx('sl-panel', className)} />;
}

/** What just happened (`data-notice`: `saved` | `removed`), announced politely. */
export function StaffAccountNotice({ className, ...props }: Omit<ComponentPropsWithRef<'p'>, 'children'>) {
  const c = useStaffAccountContext('StaffAccountNotice');
  const { t } = c;
  if (!c.notice) return null;
  return (
    <p role="status" {...props} className={cx('sl-notice', className)} data-notice={c.notice}>
      {t(c.notice === 'saved' ? (c.self ? 'staff.self.saved' : 'staff.saved') : c.self ? 'staff.self.removed' : 'staff.removed')}
    </p>
  );
}

/** Why their sessions have the link they have (R15, R17). `data-source`: `staff` | `default`. */
export function StaffAccountExplanation({ className, ...props }: Omit<ComponentPropsWithRef<'p'>, 'children'>) {
  const c = useStaffAccountContext('StaffAccountExplanation');
  const { t } = c;
  if (!c.member || c.state === 'forbidden' || c.state === 'upgrade') return null;
  return (
    <p {...props} className={cx('sl-explanation', className)} data-source={c.account && !c.unhealthy ? 'staff' : 'default'}>
      {explainStaffAccount(t, c)}
    </p>
  );
}

export interface StaffAccountGateProps extends GateProps {
  /** Text of the blocked state (R9); the owner and a staff member are told different things. */
  blockedText?: string | undefined;
}

/**
 * The row's gate: loading, error with Retry, upgrade (not in the list: shown once above),
 * forbidden (R10), then not found and blocked (R9); its children once the flow can start.
 */
export function StaffAccountGate({ children, forbiddenBody, blockedText, ...props }: StaffAccountGateProps) {
  const c = useStaffAccountContext('StaffAccountGate');
  const { t } = c;
  if (c.state === 'upgrade' && c.inList) return null;
  if (c.state === 'not-found') {
    return (
      <p className="sl-state" data-kind="not-found">
        {t('staff.notFound')}
      </p>
    );
  }
  if (c.state === 'blocked') return c.inList ? null : <BlockedNotice setUp={c} text={blockedText} t={t} />;
  return (
    <Gate forbiddenBody={forbiddenBody ?? t('staff.forbiddenBody')} {...props}>
      {children}
    </Gate>
  );
}

export interface StaffAccountStepProps {
  step: Extract<StaffAccountState, 'view' | 'choosing' | 'connect' | 'custom'>;
  children?: ReactNode;
}

/** Renders its children only in its step; no element of its own. */
export function StaffAccountStep({ step, children }: StaffAccountStepProps) {
  const c = useStaffAccountContext('StaffAccountStep');
  return c.state === step ? <>{children}</> : null;
}

/** The step's heading; focus moves to it when the step changes by the user's hand. None in `view` without an account. */
export function StaffAccountStepTitle({ className, children, ...props }: ComponentPropsWithRef<'h4'>) {
  const c = useStaffAccountContext('StaffAccountStepTitle');
  const { t } = c;
  if (c.state === 'view' && !c.account) return null;
  const Heading = headingTag(headingBelow(c.headingLevel));
  const text =
    c.state === 'choosing'
      ? t('picker.choose')
      : c.state === 'connect'
        ? t.provider(c.flow.provider)
        : c.state === 'custom'
          ? t('provider.custom.name')
          : t(c.self ? 'staff.self.own' : 'staff.own');
  return (
    <Heading tabIndex={-1} data-focus-target {...props} className={cx('sl-subtitle', className)}>
      {children ?? text}
    </Heading>
  );
}

/** In the connect step: whoever signs in to the provider is the user connected for this staff member. */
export function StaffAccountConnectWho({ className, ...props }: Omit<ComponentPropsWithRef<'p'>, 'children'>) {
  const c = useStaffAccountContext('StaffAccountConnectWho');
  const { t } = c;
  return (
    <p {...props} className={cx('sl-hint', className)}>
      {c.self
        ? t('staff.self.zoomWho', { provider: t.provider(c.flow.provider) })
        : t('staff.zoomWho', { name: c.member?.name ?? '', provider: t.provider(c.flow.provider) })}
    </p>
  );
}

/** Before replacing their account: the sessions whose link changes (R16). Nothing without an account. */
export function StaffAccountEditImpact({ className, ...props }: Omit<DivProps, 'children'>) {
  const c = useStaffAccountContext('StaffAccountEditImpact');
  const { t } = c;
  if (!c.account) return null;
  return (
    <div {...props} className={cx('sl-card', className)}>
      <p>{t(c.self ? 'staff.self.editImpact' : 'staff.editImpact')}</p>
      {/* Connect, or the form's submit, is this impact's confirmation: "Tell them now" goes with it (R29). */}
      <TellClientsScope value={c.flow.tell}>
        <ImpactSummary impact={c.impact.data} isPending={c.impact.isPending} isError={c.impact.isError} />
      </TellClientsScope>
    </div>
  );
}

/** Zoom or a custom link (R3); the kind in use now has `data-current`. */
export const StaffAccountChoice = AccountFlowChoice;
/** R20: their saved account beside the user's unsaved one. */
export const StaffAccountChangedElsewhere = AccountFlowChangedElsewhere;
/** Continue → Connect → the provider's consent window (R14, R31); for the owner, the intro names whose sessions. */
export function StaffAccountConnect(props: AccountFlowConnectProps) {
  const c = useStaffAccountContext('StaffAccountConnect');
  return <AccountFlowConnect intro={c.self || !c.member ? 'own' : { staff: c.member.name }} {...props} />;
}
/** Their account in words; `data-provider`, `data-health`. */
export const StaffAccountSummary = AccountFlowSummary;
/** Reconnect an expired Zoom account. */
export const StaffAccountReconnectButton = AccountFlowReconnect;
/** Back without saving. */
export const StaffAccountCancelButton = AccountFlowCancel;

/** Link, Password, Description (R11); the submit says `submitLabel` ("Continue" by default). */
export function StaffAccountCustomForm(props: Partial<AccountFlowCustomFormProps>) {
  const { t } = useStaffAccountContext('StaffAccountCustomForm');
  return <AccountFlowCustomForm {...props} submitLabel={props.submitLabel ?? t('common.continue')} />;
}

/** Their account's problem (R17) and how many of their sessions use the default meanwhile. */
export function StaffAccountHealth(props: AccountFlowHealthProps) {
  const c = useStaffAccountContext('StaffAccountHealth');
  const { t } = c;
  return (
    <AccountFlowHealth {...props}>
      {props.children ??
        (c.affectedCount !== undefined ? <p>{t.plural(c.self ? 'staff.self.affected' : 'staff.affected', c.affectedCount)}</p> : null)}
    </AccountFlowHealth>
  );
}

/** "Add individual account" (primary) while they have none. */
export function StaffAccountAddButton({ className, children, ...props }: ButtonProps) {
  const c = useStaffAccountContext('StaffAccountAddButton');
  const { t } = c;
  if (c.account) return null;
  return (
    <button type="button" data-variant="primary" data-focus-target {...props} className={cx('sl-button', className)} onClick={c.add}>
      {children ?? t('staff.add')}
    </button>
  );
}

/** Edit their account: back to the choice. Nothing while they have none. */
export function StaffAccountEditButton({ className, children, ...props }: ButtonProps) {
  const c = useStaffAccountContext('StaffAccountEditButton');
  const { t } = c;
  if (!c.account) return null;
  return (
    <button type="button" disabled={c.saving} {...props} className={cx('sl-button', className)} onClick={c.add}>
      {children ?? t('common.edit')}
    </button>
  );
}

/** Remove: a quiet danger button opening the confirmation with the sessions that change (R16). */
export function StaffAccountRemoveButton({ className, children, ...props }: ButtonProps) {
  const c = useStaffAccountContext('StaffAccountRemoveButton');
  const { t } = c;
  if (!c.account) return null;
  const name = c.member?.name ?? '';
  return (
    <ConfirmDialog
      open={c.removal.open}
      onOpenChange={c.removal.setOpen}
      trigger={
        <button type="button" data-variant="danger" disabled={c.saving} {...props} className={cx('sl-button', className)}>
          {children ?? t('staff.remove')}
        </button>
      }
      title={c.self ? t('staff.self.removeTitle') : t('staff.removeTitle', { name })}
      description={t(c.self ? 'staff.self.removeBody' : 'staff.removeBody')}
      confirmLabel={t('staff.remove')}
      pending={c.removal.pending}
      disabled={c.impact.isPending}
      offerTell
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

export interface StaffAccountFlowProps extends Omit<DivProps, 'children'> {
  /** Label of the custom-link form's submit: "Continue" by default, "Connect" for self-service. */
  submitLabel?: string | undefined;
  /** Text of the blocked state (R9); the owner and a staff member are told different things. */
  blockedText?: string | undefined;
  /** Leave out the sentence saying which account their sessions use. */
  hideExplanation?: boolean | undefined;
}

/** The whole flow of one staff member inside a Root: notice, explanation, gate and every step. */
export function StaffAccountFlow({ submitLabel, blockedText, hideExplanation = false, className, ...props }: StaffAccountFlowProps) {
  return (
    <StaffAccountPanel {...props} className={className}>
      <StaffAccountNotice />
      {hideExplanation ? null : <StaffAccountExplanation />}
      <StaffAccountGate blockedText={blockedText}>
        <StaffAccountStep step="choosing">
          <StaffAccountStepTitle />
          <StaffAccountChangedElsewhere />
          <StaffAccountChoice />
          <div className="sl-actions">
            <StaffAccountCancelButton />
          </div>
        </StaffAccountStep>
        <StaffAccountStep step="connect">
          <StaffAccountStepTitle />
          <StaffAccountConnectWho />
          <StaffAccountChangedElsewhere />
          <StaffAccountEditImpact />
          <StaffAccountConnect />
        </StaffAccountStep>
        <StaffAccountStep step="custom">
          <StaffAccountStepTitle />
          <StaffAccountChangedElsewhere />
          <StaffAccountEditImpact />
          <StaffAccountCustomForm submitLabel={submitLabel} />
        </StaffAccountStep>
        <StaffAccountStep step="view">
          <StaffAccountStepTitle />
          <StaffAccountSummary />
          <StaffAccountHealth />
          <div className="sl-actions">
            <StaffAccountReconnectButton />
            <StaffAccountEditButton />
            <StaffAccountRemoveButton />
            <StaffAccountAddButton />
          </div>
        </StaffAccountStep>
      </StaffAccountGate>
    </StaffAccountPanel>
  );
}

export interface StaffAccountRowProps extends StaffAccountRowOptions {
  staffId: string;
  headingLevel?: HeadingLevel;
  className?: string;
}

/** One staff member in the list: name, which account their sessions use and why, and the flow to change it. */
export function StaffAccountRow({ staffId, headingLevel = 4, className, inList, ...options }: StaffAccountRowProps & { inList?: boolean }) {
  const account = useStaffAccount({ ...options, staffId, inList, headingLevel });
  return (
    <StaffAccountRoot value={account}>
      <StaffAccountItem className={className}>
        <StaffAccountName />
        <StaffAccountFlow />
      </StaffAccountItem>
    </StaffAccountRoot>
  );
}
