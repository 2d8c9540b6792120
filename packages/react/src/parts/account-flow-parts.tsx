'use client';
import type { ApiError } from '@session-links/client';
import type { Account, ConnectedProvider, ConnectionTarget, CustomLink } from '@session-links/core';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import type { Translate } from '../context/translate';
import { useWidgetMessages } from '../context/use-widget-messages';
import { cx } from '../primitives/cx';
import { type HeadingLevel, headingBelow } from '../primitives/heading';
import { createScopedContext } from '../primitives/scoped-context';
import type { VersionedDraft } from '../primitives/use-versioned-draft';
import { accountFlowMessages } from './account-flow-messages';
import { AccountSummary, ProviderChoice, type ProviderChoiceProps } from './account-summary';
import { ChangedElsewhere, type ChangedElsewhereProps, LinkValue } from './changed-elsewhere';
import { CustomLinkForm, type CustomLinkFormProps } from './custom-link-form';
import { ProviderConnect, type ProviderConnectProps } from './provider-connect';
import { SaveError as SaveErrorOf } from './state-panel';
import type { TellClientsChoice } from './tell-clients';
import type { OfferedProviders } from './use-account-flow';
import type { CustomLinkFormState } from './use-custom-link-form';

/**
 * What the parts of an account flow (the site default's, a staff member's) read: the
 * ProviderPicker's and a staff account's Root provide it, from their hook.
 */
export interface AccountFlowValue {
  /** Whose account is connected: the site default (`type: 'default'`) or a staff member's. */
  target: ConnectionTarget;
  account: Account | null;
  /** The step: `choose`, `connect` (a provider's consent window), `custom`, or `view` (the account, or none, is shown). */
  mode: 'view' | 'choose' | 'connect' | 'custom';
  /** The provider being connected, in mode `connect` (R31). */
  provider: ConnectedProvider;
  /** The providers offered (configured on the server) and those not set up (R27). */
  providers: OfferedProviders;
  unhealthy: boolean;
  form: CustomLinkFormState;
  connection: ProviderConnectProps['connection'];
  /**
   * "Tell them now" under the impact a step shows before it saves (R16, R29): replacing an
   * account by connecting another (or, for a staff member, by a custom link); `null` elsewhere.
   */
  tell: TellClientsChoice | null;
  connectStep: 'intro' | 'connect';
  setConnectStep: (step: 'intro' | 'connect') => void;
  version: number;
  draft: VersionedDraft<unknown>;
  saving: boolean;
  reloading: boolean;
  saveError: ApiError | null;
  choose: (kind: ConnectedProvider | 'custom') => void;
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

export type AccountFlowChoiceProps = Omit<ProviderChoiceProps, 'onChoose' | 'current' | 'providers' | 'notConfigured'>;

/** The configured providers and a custom link, one button each (R3, R31); the kind in use is `data-current`. */
export function AccountFlowChoice(props: AccountFlowChoiceProps) {
  const flow = useAccountFlowContext('AccountFlowChoice');
  return (
    <ProviderChoice
      {...props}
      onChoose={flow.choose}
      current={flow.account?.kind}
      providers={flow.providers.offered}
      notConfigured={flow.providers.notConfigured}
    />
  );
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
          <p className="sl-hint">
            {flow.mode === 'connect' ? t('versions.zoomPending', { provider: t.provider(flow.provider) }) : t('versions.nothingChosen')}
          </p>
        )
      }
      onTakeTheirs={flow.takeTheirs}
    />
  );
}

export type AccountFlowConnectProps = Omit<
  ProviderConnectProps,
  'connection' | 'provider' | 'version' | 'step' | 'onStepChange' | 'onCancel' | 'tellClients'
>;

/**
 * Continue → Connect → the chosen provider's consent window (R14, R31); `data-status` is the
 * connection's status, `data-provider` the provider.
 * The intro names the site's sessions for the default account, else `intro` (the user's own by default).
 */
export function AccountFlowConnect(props: AccountFlowConnectProps) {
  const flow = useAccountFlowContext('AccountFlowConnect');
  return (
    <ProviderConnect
      {...props}
      intro={flow.target.type === 'default' ? 'site' : props.intro}
      connection={flow.connection}
      provider={flow.provider}
      version={flow.version}
      step={flow.connectStep}
      onStepChange={flow.setConnectStep}
      onCancel={flow.cancel}
      tellClients={flow.tell?.checked}
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
  const t = useWidgetMessages('AccountFlowHealth', accountFlowMessages);
  if (!flow.unhealthy || !flow.account) return null;
  return (
    <div role="alert" {...props} className={cx('sl-alert', className)} data-health={flow.account.health}>
      <p>{healthText(t, flow.account)}</p>
      {children}
    </div>
  );
}

/**
 * An unhealthy account's problem in words (R17): expired names its provider; Teams' one permanent
 * refusal (a personal Microsoft account cannot make online meetings, R31) says so and what to do.
 */
export function healthText(t: Translate, account: Account): string {
  const provider = account.kind === 'custom' ? t.provider(account.provider) : t.provider(account.kind);
  if (account.health === 'expired') return t('health.expired', { provider });
  return account.kind === 'teams' ? t('health.error.teams') : t('health.error');
}

export type AccountFlowButtonProps = Omit<ComponentPropsWithRef<'button'>, 'onClick' | 'type'>;

/** Reconnect an unhealthy connected account (Zoom, Google Meet, Teams): straight to its provider's Connect. Nothing otherwise. */
export function AccountFlowReconnect({ className, children, ...props }: AccountFlowButtonProps) {
  const flow = useAccountFlowContext('AccountFlowReconnect');
  const t = useWidgetMessages('AccountFlowReconnect');
  if (!flow.unhealthy || !flow.account || flow.account.kind === 'custom') return null;
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
