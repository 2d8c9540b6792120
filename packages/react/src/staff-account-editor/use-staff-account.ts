'use client';
import type { ApiError } from '@session-links/client';
import {
  type Account,
  accountHealthAffected,
  accountHealthPreview,
  type ConnectedProvider,
  type CustomLink,
  type Impact,
  type SettingsChange,
  type StaffMember,
  staffAccountBlocker,
} from '@session-links/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { MessageBundle, Translate } from '../context/translate';
import { useWidgetMessages } from '../context/use-widget-messages';
import { useImpact, useOnlineSettings, useRemoveStaffAccount, useSetStaffCustomLink, useStaff } from '../hooks';
import type { AccountFlowValue } from '../parts/account-flow-parts';
import type { ConfirmOptions } from '../parts/confirm-dialog';
import { type GateValue, useGate } from '../parts/gate';
import { useTellClientsChoice } from '../parts/tell-clients';
import { useAccountFlow } from '../parts/use-account-flow';
import type { CustomLinkFormState } from '../parts/use-custom-link-form';
import { type HeadingLevel, headingBelow } from '../primitives/heading';
import type { RootProps } from '../primitives/root-props';
import { usePanelFocus } from '../primitives/use-panel-focus';
import type { VersionedDraft } from '../primitives/use-versioned-draft';
import { en } from './messages/en';
import { nl } from './messages/nl';

/** The staff widgets' own strings (English and Dutch); the shared ones are added by `useWidgetMessages`. */
export const staffAccountMessages: MessageBundle = { en, nl };

export type StaffAccountState =
  | 'loading'
  | 'error'
  | 'upgrade'
  | 'forbidden'
  | 'not-found'
  | 'blocked'
  | 'view'
  | 'choosing'
  /** Connecting a provider (`flow.provider`) through its consent window. */
  | 'connect'
  | 'custom';

/** What every row of a staff list is given: the callbacks, and where to set up the default account (R9). */
export interface StaffAccountRowOptions {
  onSaved?: ((member: StaffMember) => void) | undefined;
  onRemoved?: ((member: StaffMember) => void) | undefined;
  onError?: ((error: ApiError) => void) | undefined;
  /** Where "Set up the default account" leads while individual accounts wait for one (R9). */
  defaultAccountHref?: string | undefined;
  /** What "Set up the default account" does instead, without `defaultAccountHref`. */
  onSetUpDefault?: (() => void) | undefined;
}

export interface UseStaffAccountOptions extends StaffAccountRowOptions {
  /** The staff member whose account this is; `undefined` while not known yet (the signed-in user loading). */
  staffId: string | undefined;
  /** Level of the staff member's heading (`StaffAccountName`, default 3); the flow's step titles are one below. */
  headingLevel?: HeadingLevel | undefined;
  /** One row of a list: the upgrade and blocked states show once above the rows, not in each. */
  inList?: boolean | undefined;
}

const memberVersion = (m: StaffMember) => m.version;

// Any other link: every session now on the staff member's own account would change.
const previewAccount = (health: Account['health'] = 'connected'): Account => ({
  id: 'preview',
  kind: 'custom',
  health,
  provider: 'other',
  link: { url: 'https://preview.invalid/' },
});

/**
 * What `useStaffAccount()` returns and `StaffAccountRoot` gives its parts: one staff member's
 * state, data, account flow, removal and prop getters. Declared (React Aria's `CheckboxAria`
 * shape) so that a host's own markup reads a documented API.
 */
export interface StaffAccountController {
  /** The shared gate (loading, error, upgrade, forbidden, ready), the same in every widget. */
  gate: GateValue;
  /** The step this staff member's account is in; the panel and the row show it as `data-state`. */
  state: StaffAccountState;
  /** The staff member's heading level (`StaffAccountName`, default 3); the step titles are one below. */
  headingLevel: HeadingLevel;
  /** The widget's strings (shared and the staff widgets' own, with the host's `messages` on top). */
  t: Translate;
  /** One row of a list: the upgrade and blocked states show once above the rows, not in each. */
  inList: boolean;
  /** Where "Set up the default account" leads while individual accounts wait for one (R9). */
  defaultAccountHref: string | undefined;
  /** What "Set up the default account" does instead, without `defaultAccountHref`. */
  onSetUpDefault: (() => void) | undefined;
  /** The account flow, as the shared account-flow parts read it. */
  flow: AccountFlowValue;
  /** Props of the element around the flow: its state, and focus that follows the step. */
  getPanelProps: () => RootProps;
  /** Props of the row that names the staff member: labelled by the name, with the state attributes. */
  getRowProps: () => {
    'aria-labelledby': string;
    'data-state': StaffAccountState;
    'data-provider': Account['kind'] | undefined;
    'data-health': Account['health'] | undefined;
  };
  /** Props of the name: its id labels the row. */
  getNameProps: () => { id: string };
  /** The staff member whose account this is; `undefined` while not known yet. */
  staffId: string | undefined;
  /** The signed-in user; `undefined` while loading. */
  me: GateValue['me'];
  /** The signed-in user is this staff member (self-service): the texts say "your", not their name. */
  self: boolean;
  /** The staff member; `undefined` while loading or when there is none with this id. */
  member: StaffMember | undefined;
  /** Their own account (R4), `null` with none. */
  account: Account | null;
  /** The site's default account, which their sessions use without one of their own (R15); `null` with none. */
  defaultAccount: Account | null;
  /** Their account needs reconnecting (R17): their sessions use the default meanwhile. */
  unhealthy: boolean;
  /** How many of their upcoming sessions use the default while their account is unhealthy; `undefined` until known. */
  affectedCount: number | undefined;
  /** What replacing or removing their account changes (R16). */
  impact: UseQueryResult<Impact, ApiError>;
  /** The staff, for the impact's names. */
  staff: StaffMember[];
  /** The load's failure, if any (the gate shows it). */
  loadError: ApiError | null;
  /** Loads again after a failure. */
  retry: () => void;
  /** What just happened, announced: `saved` or `removed`. */
  notice: 'removed' | 'saved' | null;
  /** The custom-link form's values, errors and recognised provider (as `flow.form`). */
  form: CustomLinkFormState;
  /** The last save's failure (as `flow.saveError`). */
  saveError: ApiError | null;
  /** A save is under way (as `flow.saving`). */
  saving: boolean;
  /** The staff are being fetched again (as `flow.reloading`). */
  reloading: boolean;
  /** Connecting a provider's account for them (R14, R31; as `flow.connection`). */
  connection: AccountFlowValue['connection'];
  /** The connect step: the explanation, then connecting (as `flow.connectStep`). */
  connectStep: 'intro' | 'connect';
  setConnectStep: (step: 'intro' | 'connect') => void;
  /** The staff member's version a save is sent with (R20). */
  version: number;
  /** R20: the draft's base, their value when it moved on, and the choice. */
  draft: VersionedDraft<StaffMember>;
  /** "Take theirs": the draft goes, their saved account is shown. */
  takeTheirs: () => void;
  /** Opens the Zoom or custom-link step. */
  choose: (kind: ConnectedProvider | 'custom') => void;
  /** Opens the choice: to add an account, or to replace theirs (Edit). */
  add: () => void;
  /** Back to the account as it is, without saving. */
  cancel: () => void;
  /** Reconnect an expired Zoom account: straight to Connect. */
  reconnect: () => void;
  /** Saves a custom link as their account. */
  saveCustomLink: (link: CustomLink) => void;
  /** Reloads the staff (after a conflict); the removal dialog then confirms on their version. */
  reload: () => void;
  /** The confirmation before removing their account, with the sessions that change (R16). */
  removal: {
    open: boolean;
    setOpen: (open: boolean) => void;
    /** Removes their account; `tellClients`: "Tell them now" (R29). */
    confirm: (options?: ConfirmOptions) => void;
    pending: boolean;
    error: ApiError | null;
  };
}

/**
 * One staff member's individual account (R4, R9, R10, R15, R17): what their sessions
 * use now and why, adding one (Zoom or custom link), editing, removing and
 * reconnecting, with the impact shown before a change. Used by `StaffAccountEditor`
 * (owner, any staff member) and `PersonalSessionsAction` (a staff member, themselves).
 */
export function useStaffAccount({
  staffId,
  onSaved,
  onRemoved,
  onError,
  headingLevel = 3,
  inList = false,
  defaultAccountHref,
  onSetUpDefault,
}: UseStaffAccountOptions): StaffAccountController {
  const t = useWidgetMessages('useStaffAccount', staffAccountMessages);
  const settings = useOnlineSettings();
  const staff = useStaff();
  // R10 through core's table: the owner manages everyone, a staff member only themselves.
  const gate = useGate({ operation: 'setStaffCustomLink', subject: { staffId: staffId ?? '' }, queries: [staff] });
  const me = gate.me;
  const save = useSetStaffCustomLink();
  const remove = useRemoveStaffAccount();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const member = staffId === undefined ? undefined : staff.data?.find((s) => s.id === staffId);
  const account = member?.account ?? null;
  const defaultAccount = settings.data?.defaultAccount ?? null;
  const flow = useAccountFlow<'removed', StaffMember>({
    account,
    target: useMemo(() => ({ type: 'staff' as const, staffId: staffId ?? '' }), [staffId]),
    onConnected: () =>
      void staff.refetch().then((r) => {
        const next = r.data?.find((s) => s.id === staffId);
        if (next) onSaved?.(next);
      }),
    current: member,
    versionOf: memberVersion,
    refetch: staff.refetch,
  });
  // The version the removal dialog was opened on (R20): a change underneath it gets CONFLICT.
  const [removeVersion, setRemoveVersion] = useState<number | null>(null);
  const { mode, form, connection } = flow;

  let state: StaffAccountState;
  if (gate.state !== 'ready') state = gate.state;
  else if (!member) state = 'not-found';
  else if (settings.data && staffAccountBlocker(settings.data) !== null) state = 'blocked';
  else if (mode === 'connect') state = 'connect';
  else if (mode === 'custom') state = 'custom';
  else if (mode === 'choose') state = 'choosing';
  else state = 'view';

  const unhealthy = account !== null && account.health !== 'connected';
  // Sessions that fall back to the default while their own account is unhealthy (R17).
  const fallbackPreview: SettingsChange | null =
    state === 'view' && unhealthy && staffId ? accountHealthPreview({ type: 'staff', staffId }) : null;
  const affected = useImpact(fallbackPreview);
  // Before an edit or a removal: the sessions that change (R16).
  const changePreview: SettingsChange | null =
    staffId && account && (confirmRemove || state === 'custom' || state === 'connect')
      ? { type: 'set-staff-account', staffId, account: confirmRemove ? null : previewAccount() }
      : null;
  const impact = useImpact(changePreview);
  // R29: replacing their account in the connect or custom step saves without a dialog; the step's
  // impact offers "Tell them now", and the save carries it.
  const stepReplaces = account !== null && (state === 'custom' || state === 'connect');
  const tell = useTellClientsChoice(stepReplaces, stepReplaces);
  const tellClients = tell?.checked;

  const saveCustomLink = useCallback(
    (link: CustomLink) => {
      if (!member) return;
      flow.save<StaffMember>(
        // R20: the version the form was opened from, not the one a refetch brought in.
        (callbacks) =>
          save.mutate(
            { staffId: member.id, link, version: flow.version, ...(tellClients === undefined ? {} : { tellClients }) },
            callbacks,
          ),
        onSaved,
        onError,
      );
    },
    [flow, member, onError, onSaved, save, tellClients],
  );

  const confirmRemoval = useCallback(
    (options: ConfirmOptions = {}) => {
      if (!member) return;
      remove.mutate(
        { staffId: member.id, version: removeVersion ?? member.version, ...options },
        {
          onSuccess: (next) => {
            setConfirmRemove(false);
            flow.setNotice('removed');
            onRemoved?.(next);
          },
          onError: (error) => onError?.(error),
        },
      );
    },
    [flow, member, onError, onRemoved, remove, removeVersion],
  );

  const reload = () => {
    flow.setSaveError(null);
    remove.reset();
    void staff.refetch().then((r) => {
      const next = r.data?.find((s) => s.id === staffId);
      if (next && confirmRemove) setRemoveVersion(next.version);
    });
  };

  const nameId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  // After a user action changes the step (or adds or removes the account), focus its heading.
  const focusHandlers = usePanelFocus(`${state}:${account ? 'account' : 'none'}`, panelRef);

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
    version: flow.version,
    draft: flow.draft as AccountFlowValue['draft'],
    saving: save.isPending,
    reloading: staff.isFetching,
    saveError: flow.saveError,
    choose: flow.choose,
    cancel: flow.cancel,
    takeTheirs: flow.takeTheirs,
    reconnect: flow.reconnect,
    reload,
    submit: saveCustomLink,
    headingLevel: headingBelow(headingLevel),
  };

  return {
    gate: gate as GateValue,
    state,
    headingLevel,
    t,
    inList,
    defaultAccountHref,
    onSetUpDefault,
    /** The account flow, as the shared account-flow parts read it. */
    flow: flowValue,
    /** Props of the element around the flow: its state, and focus that follows the step. */
    getPanelProps: (): RootProps => ({
      ref: panelRef,
      'data-state': state,
      ...focusHandlers,
    }),
    /** Props of the row that names the staff member: labelled by the name, with the state attributes. */
    getRowProps: () => ({
      'aria-labelledby': nameId,
      'data-state': state,
      'data-provider': state === 'connect' ? flow.provider : account?.kind,
      'data-health': account?.health,
    }),
    getNameProps: () => ({ id: nameId }),
    staffId,
    me,
    /** The signed-in user is this staff member (self-service): the texts say "your", not their name. */
    self: staffId !== undefined && me?.staffId === staffId,
    member,
    account,
    defaultAccount,
    unhealthy,
    affectedCount: affected.data && accountHealthAffected(affected.data),
    impact,
    staff: staff.data ?? [],
    loadError: gate.error,
    retry: gate.retry,
    notice: flow.notice,
    form,
    saveError: flow.saveError,
    saving: save.isPending,
    reloading: staff.isFetching,
    connection,
    connectStep: flow.connectStep,
    setConnectStep: flow.setConnectStep,
    version: flow.version,
    draft: flow.draft,
    takeTheirs: flow.takeTheirs,
    choose: flow.choose,
    add: flow.choosing,
    cancel: flow.cancel,
    reconnect: flow.reconnect,
    saveCustomLink,
    reload,
    removal: {
      open: confirmRemove,
      setOpen: (open: boolean) => {
        if (!open) remove.reset();
        setRemoveVersion(open ? (member?.version ?? null) : null);
        setConfirmRemove(open);
      },
      confirm: confirmRemoval,
      pending: remove.isPending,
      error: remove.error,
    },
  };
}
