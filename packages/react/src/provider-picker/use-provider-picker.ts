'use client';
import type { ApiError } from '@session-links/client';
import {
  type Account,
  accountHealthAffected,
  accountHealthPreview,
  type CustomLink,
  type Impact,
  type OnlineSettings,
  pendingMeetingAccount,
  recognizeProvider,
  type SettingsChange,
  type StaffMember,
} from '@session-links/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { MessageBundle, Translate } from '../context/translate';
import { useWidgetMessages } from '../context/use-widget-messages';
import { useDisconnectDefault, useImpact, useOnlineSettings, useSetDefaultCustomLink, useStaff } from '../hooks';
import type { AccountFlowValue } from '../parts/account-flow-parts';
import type { ConfirmOptions } from '../parts/confirm-dialog';
import { type GateValue, useGate } from '../parts/gate';
import { useTellClientsChoice } from '../parts/tell-clients';
import { useAccountFlow } from '../parts/use-account-flow';
import type { useProviderConnection } from '../parts/use-provider-connection';
import { type HeadingLevel, headingBelow } from '../primitives/heading';
import type { RootProps } from '../primitives/root-props';
import { usePanelFocus } from '../primitives/use-panel-focus';
import { en } from './messages/en';
import { nl } from './messages/nl';

/** The picker's own strings (English and Dutch); the shared ones are added by `useWidgetMessages`. */
export const providerPickerMessages: MessageBundle = { en, nl };

/** Every state the picker can be in; the root shows it as `data-state`. */
/** `connect`: connecting a provider (`flow.provider`: Zoom, Google Meet or Microsoft Teams) through its consent window. */
export type ProviderPickerState = 'loading' | 'error' | 'upgrade' | 'forbidden' | 'choosing' | 'connect' | 'custom' | 'connected';

export interface UseProviderPickerOptions {
  onSaved?: (settings: OnlineSettings) => void;
  onDisconnected?: (settings: OnlineSettings) => void;
  onError?: (error: ApiError) => void;
  /** Heading level of the widget's title, to fit the host page's outline; steps are one below. */
  headingLevel?: HeadingLevel;
}

const settingsVersion = (s: OnlineSettings) => s.version;

const RECONNECT_PREVIEW: SettingsChange = { type: 'replace-default', account: pendingMeetingAccount() };
const DEFAULT_HEALTH_PREVIEW = accountHealthPreview({ type: 'default' });

/** The provider connection of the picker's flow: its status, the last error, and connect/reset. */
export type ProviderPickerConnection = ReturnType<typeof useProviderConnection>;

/**
 * What `useProviderPicker()` returns and `ProviderPickerRoot` gives its parts: the state,
 * the server's data, the account flow, the two confirmations and the prop getters. Declared
 * (React Aria's `CheckboxAria` shape) so that a host's own markup reads a documented API.
 */
export interface ProviderPickerController {
  /** The shared gate (loading, error, upgrade, forbidden, ready), the same in every widget. */
  gate: GateValue;
  /** The step the picker is in; the root shows it as `data-state`. */
  state: ProviderPickerState;
  /** The title's level (default 3); the steps are one below. */
  headingLevel: HeadingLevel;
  /** The widget's strings (shared and its own, with the host's `messages` on top). */
  t: Translate;
  /** The site's online-session settings; `undefined` while loading. */
  settings: OnlineSettings | undefined;
  /** How many sessions the unhealthy default leaves without a working link; `undefined` until known. */
  affectedCount: number | undefined;
  /** The staff, for the impact's names. */
  staff: StaffMember[];
  /** The load's failure, if any (the gate shows it). */
  loadError: ApiError | null;
  /** Loads again after a failure. */
  retry: () => void;
  /**
   * The account flow, as the shared account-flow parts read it, and the one place of its values:
   * the default `account` (R2, `null` with none) and whether it is `unhealthy` (R17), the step
   * (`mode`), the custom-link `form` and its `submit` (a first account is saved at once; replacing
   * one asks first, with its impact, R16), `saving`, `saveError`, `reloading`, the provider connection
   * (`connection`, `connectStep`, R14), the `version` a save is sent with and the `draft` (R20), and
   * `choose`, `cancel`, `takeTheirs`, `reconnect`, `reload`.
   */
  flow: AccountFlowValue;
  /** What just happened, announced: `saved` or `disconnected`. */
  notice: 'disconnected' | 'saved' | null;
  /** Opens the choice to replace the account (Edit). */
  edit: () => void;
  /** Saves a custom link as the default at once, without the confirmation; `tellClients`: "Tell them now" (R29). */
  saveCustomLink: (link: CustomLink, options?: ConfirmOptions) => void;
  /** The confirmation before a custom link replaces the default, with the sessions it changes (R16); `tellClients`: "Tell them now" (R29). */
  replace: {
    open: boolean;
    setOpen: (open: boolean) => void;
    impact: UseQueryResult<Impact, ApiError>;
    confirm: (options?: ConfirmOptions) => void;
  };
  /** The confirmation before disconnecting, with what it touches (R8, R16). */
  disconnect: {
    open: boolean;
    setOpen: (open: boolean) => void;
    impact: UseQueryResult<Impact, ApiError>;
    /** Disconnects; `tellClients`: "Tell them now" (R29). */
    confirm: (options?: ConfirmOptions) => void;
    pending: boolean;
    error: ApiError | null;
  };
  /** Props of the widget's root: a labelled group, the state attributes, and focus that follows the step. */
  getRootProps: () => RootProps;
  /** Props of the title: its id labels the root. */
  getTitleProps: () => { id: string };
  /** Where focus goes back after the replace dialog: the form's submit, or the step's heading. */
  focusAfterReplace: () => void;
}

/**
 * State, actions and prop getters of the default-account picker (R2, R3, R8, R14, R16,
 * R17), with no markup: `<ProviderPicker>` and its parts render it, and a host can render
 * it its own way (`getRootProps`, `getTitleProps` carry the accessibility wiring).
 */
export function useProviderPicker({
  onSaved,
  onDisconnected,
  onError,
  headingLevel = 3,
}: UseProviderPickerOptions = {}): ProviderPickerController {
  const t = useWidgetMessages('useProviderPicker', providerPickerMessages);
  const gate = useGate({ operation: 'setDefaultCustomLink' });
  const settings = useOnlineSettings();
  const staff = useStaff();
  const save = useSetDefaultCustomLink();
  const disconnect = useDisconnectDefault();
  const [confirmOpen, setConfirmOpen] = useState(false);
  // The version the disconnect dialog was opened on: a change underneath it gets CONFLICT, not a blind disconnect.
  const [disconnectVersion, setDisconnectVersion] = useState<number | null>(null);
  const account: Account | null = settings.data?.defaultAccount ?? null;
  const flow = useAccountFlow<'disconnected', OnlineSettings>({
    account,
    target: useMemo(() => ({ type: 'default' as const }), []),
    onConnected: () => void settings.refetch().then((r) => r.data && onSaved?.(r.data)),
    current: settings.data,
    versionOf: settingsVersion,
    refetch: settings.refetch,
  });
  // R20: the form saves with the version it was opened from, never the one a refetch brought in.
  const version = flow.version;
  const shownVersion = settings.data?.version ?? 0;
  const { mode, form, connection } = flow;

  let state: ProviderPickerState;
  if (gate.state !== 'ready') state = gate.state;
  else if (mode === 'connect') state = 'connect';
  else if (mode === 'custom') state = 'custom';
  else if (mode === 'choose' || account === null) state = 'choosing';
  else state = 'connected';

  const unhealthy = state === 'connected' && account !== null && account.health !== 'connected';
  // R17: the upcoming sessions an unhealthy default leaves without a link (they get one when it works again).
  const affected = useImpact(unhealthy ? DEFAULT_HEALTH_PREVIEW : null);
  const disconnectImpact = useImpact(confirmOpen ? { type: 'disconnect-default' } : null);
  // R16: replacing the default changes every session that uses it. A custom link waits for a confirm
  // with the impact; Zoom shows the impact above Connect, which is the confirm.
  const [replacing, setReplacing] = useState<CustomLink | null>(null);
  const replacePreview: SettingsChange | null = replacing
    ? {
        type: 'replace-default',
        account: { id: 'preview', kind: 'custom', health: 'connected', provider: recognizeProvider(replacing.url), link: replacing },
      }
    : state === 'connect' && account
      ? RECONNECT_PREVIEW
      : null;
  const replaceImpact = useImpact(replacePreview);
  // R29: Connect is the confirmation of that impact, so "Tell them now" sits under it and goes with the connection.
  const connectReplaces = state === 'connect' && account !== null;
  const tell = useTellClientsChoice(connectReplaces, connectReplaces);

  const saveCustomLink = useCallback(
    (link: CustomLink, options: ConfirmOptions = {}) =>
      flow.save<OnlineSettings>((callbacks) => save.mutate({ link, version, ...options }, callbacks), onSaved, onError),
    [flow, onError, onSaved, save, version],
  );

  const submitCustomLink = useCallback(
    (link: CustomLink) => {
      if (account) setReplacing(link);
      else saveCustomLink(link);
    },
    [account, saveCustomLink],
  );

  const confirmDisconnect = useCallback(
    (options: ConfirmOptions = {}) => {
      disconnect.mutate(
        { version: disconnectVersion ?? shownVersion, ...options },
        {
          onSuccess: (next) => {
            setConfirmOpen(false);
            flow.setNotice('disconnected');
            flow.setMode('view');
            onDisconnected?.(next);
          },
          onError: (error) => onError?.(error),
        },
      );
    },
    [disconnect, flow, onDisconnected, onError, disconnectVersion, shownVersion],
  );

  // Reload after a refused disconnect: their settings are fetched and become what the dialog confirms.
  const reload = useCallback(() => {
    flow.setSaveError(null);
    disconnect.reset();
    void settings.refetch().then((r) => r.data && setDisconnectVersion(r.data.version));
  }, [disconnect, flow, settings]);

  const titleId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const focusHandlers = usePanelFocus(state, rootRef);

  const flowValue: AccountFlowValue = {
    target: flow.target,
    account,
    provider: flow.provider,
    providers: flow.providers,
    mode: state === 'connect' ? 'connect' : state === 'custom' ? 'custom' : state === 'choosing' ? 'choose' : 'view',
    unhealthy,
    form,
    connection,
    tell,
    connectStep: flow.connectStep,
    setConnectStep: flow.setConnectStep,
    version,
    draft: flow.draft as AccountFlowValue['draft'],
    saving: save.isPending,
    reloading: settings.isFetching,
    saveError: flow.saveError,
    choose: flow.choose,
    cancel: flow.cancel,
    takeTheirs: flow.takeTheirs,
    reconnect: flow.reconnect,
    reload,
    submit: submitCustomLink,
    headingLevel: headingBelow(headingLevel),
  };

  return {
    gate: gate as GateValue,
    state,
    headingLevel,
    t,
    settings: settings.data,
    affectedCount: affected.data && accountHealthAffected(affected.data),
    staff: staff.data ?? [],
    loadError: gate.error,
    retry: gate.retry,
    flow: flowValue,
    notice: flow.notice,
    edit: flow.choosing,
    saveCustomLink,
    replace: {
      open: replacing !== null,
      setOpen: (open: boolean) => {
        if (!open) setReplacing(null);
      },
      impact: replaceImpact,
      confirm: (options?: ConfirmOptions) => {
        const link = replacing;
        setReplacing(null);
        if (link) saveCustomLink(link, options);
      },
    },
    disconnect: {
      open: confirmOpen,
      setOpen: (open: boolean) => {
        if (!open) disconnect.reset();
        setDisconnectVersion(open ? shownVersion : null);
        setConfirmOpen(open);
      },
      impact: disconnectImpact,
      confirm: confirmDisconnect,
      pending: disconnect.isPending,
      error: disconnect.error,
    },
    getRootProps: (): RootProps => ({
      ref: rootRef,
      role: 'group',
      'aria-labelledby': titleId,
      'data-state': state,
      'data-provider': state === 'connect' ? flow.provider : account?.kind,
      'data-health': account?.health,
      ...focusHandlers,
    }),
    getTitleProps: () => ({ id: titleId }),
    focusAfterReplace: () =>
      rootRef.current?.querySelector<HTMLElement>(state === 'custom' ? 'form [type="submit"]' : '[data-focus-target]')?.focus(),
  };
}
