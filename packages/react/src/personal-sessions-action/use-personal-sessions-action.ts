'use client';
import { useEffect, useRef } from 'react';
import { useMe } from '../hooks';
import { useSessionLinks } from '../provider';
import { type StaffAccountState, type UseStaffAccountOptions, useStaffAccount } from '../staff-account-editor/use-staff-account';

/** The dialog's state: the signed-in user is loading, has no staff record, or the state of their own account flow. */
export type PersonalSessionsState = 'loading' | 'no-staff-record' | StaffAccountState;

export type UsePersonalSessionsActionOptions = UseStaffAccountOptions;

/**
 * A staff member's own online-session account (R9, R10), for the dialog opened from a
 * calendar's "More actions" menu: who is signed in, their account flow
 * (`useStaffAccount` on their own staff id), and, with no account yet, straight to the
 * choice as the menu item promises. Call it inside the dialog's content: it asks the
 * server only once the dialog is open.
 */
export function usePersonalSessionsAction(options: UsePersonalSessionsActionOptions = {}) {
  useSessionLinks('usePersonalSessionsAction');
  const me = useMe();
  const staffId = me.data?.staffId ?? undefined;
  const account = useStaffAccount(staffId, { headingLevel: 3, ...options });
  const opened = useRef(false);

  // No account yet: go straight to the choice, as the menu item promises.
  useEffect(() => {
    if (opened.current || account.state === 'loading' || account.state === 'error') return;
    opened.current = true;
    if (account.state === 'view' && !account.account) account.add();
  }, [account]);

  const noStaffRecord = me.data !== undefined && me.data.staffId === null;
  const state: PersonalSessionsState = me.isPending ? 'loading' : noStaffRecord ? 'no-staff-record' : account.state;
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

export type PersonalSessionsActionController = ReturnType<typeof usePersonalSessionsAction>;
