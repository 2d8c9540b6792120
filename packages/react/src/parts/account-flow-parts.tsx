'use client';
import type { ApiError } from '@session-links/client';
import type { Account, ConnectionTarget, CustomLink } from '@session-links/core';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { useWidgetMessages } from '../context/use-widget-messages';
import { cx } from '../primitives/cx';
import { type HeadingLevel, headingBelow } from '../primitives/heading';
import { createScopedContext } from '../primitives/scoped-context';
import type { VersionedDraft } from '../primitives/use-versioned-draft';
import { AccountSummary, ProviderChoice, type ProviderChoiceProps } from './account-summary';
import { ChangedElsewhere, type ChangedElsewhereProps, LinkValue } from './changed-elsewhere';
import { CustomLinkForm, type CustomLinkFormProps } from './custom-link-form';
import { SaveError as SaveErrorOf } from './state-panel';
import type { CustomLinkFormState } from './use-custom-link-form';
import { ZoomConnect, type ZoomConnectProps } from './zoom-connect';

/**
 * What the parts of an account flow (the site default's, a staff member's) read: the
 * ProviderPicker's and a staff account's Root provide it, from their hook.
 */
export interface AccountFlowValue {
  /** Whose Zoom is connected: the site default (`type: 'default'`) or a staff member's. */
  target: ConnectionTarget;
  account: Account | null;
  /** The step: `choose`, `zoom`, `custom`, or `view` (the account, or none, is shown). */
  mode: 'view' | 'choose' | 'zoom' | 'custom';
  unhealthy: boolean;
  form: CustomLinkFormState;
  zoom: ZoomConnectProps['zoom'];
  zoomStep: 'intro' | 'connect';
  setZoomStep: (step: 'intro' | 'connect') => void;
  version: number;
  draft: VersionedDraft<unknown>;
  saving: boolean;
  reloading: boolean;
  saveError: ApiError | null;
  choose: (kind: 'zoom' | 'custom') => void;
  cancel: () => void;
  takeTheirs: () => void;
  reconnect: () => void;
  reload: () => void;
  /** The custom-link form's submit. */
  submit: (link: CustomLink) => void;
  /** Heading level of the flow's step titles; the "Changed elsewhere" panel is one below. */
  headingLevel: HeadingLevel;
}

export const [AccountFlowScope, useAccountFlowContext] = createScopedContext<AccountFlowValue>(
  'AccountFlow',
  '<ProviderPickerRoot> or <StaffAccountRoot>',
);

export type AccountFlowChoiceProps = Omit<ProviderChoiceProps, 'onChoose' | 'current'>;

/** Zoom or a custom link, as two buttons (R3); the kind in use is `data-current`. */
export function AccountFlowChoice(props: AccountFlowChoiceProps) {
  const flow = useAccountFlowContext('AccountFlowChoice');
  return <ProviderChoice {...props} onChoose={flow.choose} current={flow.account?.kind} />;
}

export type AccountFlowChangedElsewhereProps = Partial<Omit<ChangedElsewhereProps, 'draft' | 'theirs' | 'yours' | 'onTakeTheirs'>>;

/** R20 for an account being edited: their account beside the user's unsaved one, and the choice. */
export function AccountFlowChangedElsewhere(props: AccountFlowChangedElsewhereProps) {
  const flow = useAccountFlowContext('AccountFlowChangedElsewhere');
  const t = useWidgetMessages('AccountFlowChangedElsewhere');
  return (
    <ChangedElsewhere
      headingLevel={headingBelow(flow.headingLevel)}
      refreshing={flow.reloading}
      {...props}
      draft={flow.draft}
      theirs={flow.account ? <AccountSummary account={flow.account} /> : <p className="sl-hint">{t('versions.noAccount')}</p>}
      yours={
        flow.mode === 'custom' ? (
          <LinkValue link={flow.form.values} />
        ) : (
          <p className="sl-hint">{t(flow.mode === 'zoom' ? 'versions.zoomPending' : 'versions.nothingChosen')}</p>
        )
      }
      onTakeTheirs={flow.takeTheirs}
    />
  );
}

export type AccountFlowZoomConnectProps = Omit<ZoomConnectProps, 'zoom' | 'version' | 'step' | 'onStepChange' | 'onCancel'>;

/**
 * Continue → Connect → Zoom's consent window (R14); `data-status` is the connection's status.
 * The intro names the site's sessions for the default account, else `intro` (the user's own by default).
 */
export function AccountFlowZoomConnect(props: AccountFlowZoomConnectProps) {
  const flow = useAccountFlowContext('AccountFlowZoomConnect');
  return (
    <ZoomConnect
      {...props}
      intro={flow.target.type === 'default' ? 'site' : props.intro}
      zoom={flow.zoom}
      version={flow.version}
      step={flow.zoomStep}
      onStepChange={flow.setZoomStep}
      onCancel={flow.cancel}
    />
  );
}

export type AccountFlowCustomFormProps = Omit<CustomLinkFormProps, 'form' | 'onSubmit' | 'pending' | 'onCancel' | 'footer'>;

/** Link, Password, Description (R11), saved through the flow; a failed save shows above the buttons. */
export function AccountFlowCustomForm(props: AccountFlowCustomFormProps) {
  const flow = useAccountFlowContext('AccountFlowCustomForm');
  return (
    <CustomLinkForm
      {...props}
      form={flow.form}
      onSubmit={flow.submit}
      // Only a save makes the form busy: a background refetch (another observer mounting, window
      // focus) must neither block the user nor say "Saving…"; R20 keeps the draft's own version.
      pending={flow.saving}
      onCancel={flow.cancel}
      footer={<SaveErrorOf error={flow.saveError} onReload={flow.reload} />}
    />
  );
}

export type AccountFlowSummaryProps = Omit<ComponentPropsWithRef<'div'>, 'children'>;

/** The account in words (nothing without one); `data-provider`, `data-health`. */
export function AccountFlowSummary(props: AccountFlowSummaryProps) {
  const flow = useAccountFlowContext('AccountFlowSummary');
  return flow.account ? <AccountSummary {...props} account={flow.account} /> : null;
}

export interface AccountFlowHealthProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** A line under the problem, e.g. how many sessions it leaves without their own link. */
  children?: ReactNode;
}

/** The account's problem (R17), announced: expired or failing; nothing while it is healthy. `data-health`. */
export function AccountFlowHealth({ className, children, ...props }: AccountFlowHealthProps) {
  const flow = useAccountFlowContext('AccountFlowHealth');
  const t = useWidgetMessages('AccountFlowHealth');
  if (!flow.unhealthy || !flow.account) return null;
  return (
    <div role="alert" {...props} className={cx('sl-alert', className)} data-health={flow.account.health}>
      <p>{t(flow.account.health === 'expired' ? 'health.expired' : 'health.error')}</p>
      {children}
    </div>
  );
}

export type AccountFlowButtonProps = Omit<ComponentPropsWithRef<'button'>, 'onClick' | 'type'>;

/** Reconnect an unhealthy Zoom account: straight to Connect. Nothing otherwise. */
export function AccountFlowReconnect({ className, children, ...props }: AccountFlowButtonProps) {
  const flow = useAccountFlowContext('AccountFlowReconnect');
  const t = useWidgetMessages('AccountFlowReconnect');
  if (!flow.unhealthy || flow.account?.kind !== 'zoom') return null;
  return (
    <button type="button" data-variant="primary" {...props} className={cx('sl-button', className)} onClick={flow.reconnect}>
      {children ?? t('health.reconnect')}
    </button>
  );
}

/** Leave the step without saving: back to the account as it is. */
export function AccountFlowCancel({ className, children, ...props }: AccountFlowButtonProps) {
  const flow = useAccountFlowContext('AccountFlowCancel');
  const t = useWidgetMessages('AccountFlowCancel');
  return (
    <button type="button" {...props} className={cx('sl-button', className)} onClick={flow.cancel}>
      {children ?? t('common.cancel')}
    </button>
  );
}
