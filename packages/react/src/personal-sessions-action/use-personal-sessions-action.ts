'use client';
import { useEffect, useRef } from 'react';
import { useSessionLinks } from '../context/provider';
import { useMe } from '../hooks';
import { type StaffAccountState, type UseStaffAccountOptions, useStaffAccount } from '../staff-account-editor/use-staff-account';

/** The dialog's state: the signed-in user is loading, has no staff record, or the state of their own account flow. */
export type PersonalSessionsActionState = 'loading' | 'no-staff-record' | StaffAccountState;

/** The callbacks of their account flow (`onSaved`, `onRemoved`, `onError`) and its heading level (default 3). */
export type UsePersonalSessionsActionOptions = Omit<UseStaffAccountOptions, 'inList' | 'staffId'>;

/**
 * The action's value, for `PersonalSessionsActionRoot`, as every widget's Root takes its
 * hook's value: the options the dialog's flow runs with. It asks the server nothing: the
 * flow (`usePersonalSessionsActionFlow`) runs in `PersonalSessionsActionContent` once the dialog is
 * open, so a calendar page with the menu item costs no request until it is used.
 */
export function usePersonalSessionsAction(options: UsePersonalSessionsActionOptions = {}) {
  useSessionLinks('usePersonalSessionsAction');
  return { options };
}

export type PersonalSessionsActionController = ReturnType<typeof usePersonalSessionsAction>;

/**
 * A staff member's own online-session account (R9, R10), inside the open dialog: who is
 * signed in, their account flow (`useStaffAccount` on their own staff id), and, with no
 * account yet, straight to the choice as the menu item promises. `PersonalSessionsActionContent`
 * runs it with the Root's options; `usePersonalSessionsActionFlowContext(part)` reads it.
 */
export function usePersonalSessionsActionFlow(options: UsePersonalSessionsActionOptions = {}) {
  useSessionLinks('usePersonalSessionsActionFlow');
  const me = useMe();
  const staffId = me.data?.staffId ?? undefined;
  const account = useStaffAccount({ ...options, staffId, headingLevel: options.headingLevel ?? 3 });
  const opened = useRef(false);

  // No account yet: go straight to the choice, as the menu item promises.
  useEffect(() => {
    if (opened.current || account.state === 'loading' || account.state === 'error') return;
    opened.current = true;
    if (account.state === 'view' && !account.account) account.add();
  }, [account]);

  const noStaffRecord = me.data !== undefined && me.data.staffId === null;
  const state: PersonalSessionsActionState = me.isPending ? 'loading' : noStaffRecord ? 'no-staff-record' : account.state;
  return {
    state,
    /** The shared gate of their account flow. */
    gate: account.gate,
    me: me.data,
    /** Signed in, but not as a staff member: there is no personal account to set up. */
    noStaffRecord,
    /** Their account flow: what `StaffAccountRoot` and its parts read. */
    account,
  };
}

export type PersonalSessionsActionFlowController = ReturnType<typeof usePersonalSessionsActionFlow>;
