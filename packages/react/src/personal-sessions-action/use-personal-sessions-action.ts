'use client';
import type { CurrentUser } from '@session-links/core';
import { useEffect, useRef } from 'react';
import { mergeBundles, type Translate } from '../context/translate';
import { useWidgetMessages } from '../context/use-widget-messages';
import { useMe } from '../hooks';
import type { GateValue } from '../parts/gate';
import type { HeadingLevel } from '../primitives/heading';
import {
  type StaffAccountController,
  type StaffAccountState,
  staffAccountMessages,
  type UseStaffAccountOptions,
  useStaffAccount,
} from '../staff-account-editor/use-staff-account';
import { en } from './messages/en';
import { nl } from './messages/nl';

/** The action's own strings and the staff flow's (English and Dutch). */
export const personalSessionsActionMessages = mergeBundles(staffAccountMessages, { en, nl });

/** The dialog's state: the signed-in user is loading, has no staff record, or the state of their own account flow. */
export type PersonalSessionsActionState = 'loading' | 'no-staff-record' | StaffAccountState;

/** The callbacks of their account flow (`onSaved`, `onRemoved`, `onError`, R9's way to the default account) and the title's level. */
export interface UsePersonalSessionsActionOptions extends Omit<UseStaffAccountOptions, 'inList' | 'staffId' | 'headingLevel'> {
  /** The dialog's title is `<h{headingLevel}>` (default 2, a dialog's own outline), the flow's step titles one below. */
  headingLevel?: HeadingLevel | undefined;
}

/**
 * What `usePersonalSessionsAction()` returns and `PersonalSessionsActionRoot` takes: the
 * options the dialog's flow runs with once open, and the strings of the trigger.
 */
export interface PersonalSessionsActionController {
  /** The options the dialog's flow (`usePersonalSessionsActionFlow`) runs with. */
  options: UsePersonalSessionsActionOptions;
  /** The widget's strings (shared, the staff flow's and its own, with the host's `messages` on top). */
  t: Translate;
}

/**
 * What `usePersonalSessionsActionFlow()` returns and `PersonalSessionsActionContent` gives the
 * parts inside the open dialog. Declared (React Aria's `CheckboxAria` shape) so that a host's
 * own markup reads a documented API.
 */
export interface PersonalSessionsActionFlowController {
  /** The signed-in user is loading, has no staff record, or the state of their own account flow. */
  state: PersonalSessionsActionState;
  /** The dialog title's level (default 2); the flow's step titles are one below. */
  headingLevel: HeadingLevel;
  /** The widget's strings (shared, the staff flow's and its own, with the host's `messages` on top). */
  t: Translate;
  /** The shared gate of their account flow. */
  gate: GateValue;
  /** The signed-in user; `undefined` while loading. */
  me: CurrentUser | undefined;
  /** Signed in, but not as a staff member: there is no personal account to set up. */
  noStaffRecord: boolean;
  /** Their account flow: what `StaffAccountRoot` and its parts read. */
  account: StaffAccountController;
}

/**
 * The action's value, for `PersonalSessionsActionRoot`, as every widget's Root takes its
 * hook's value: the options the dialog's flow runs with, and the trigger's strings. It asks
 * the server nothing: the flow (`usePersonalSessionsActionFlow`) runs in
 * `PersonalSessionsActionContent` once the dialog is open, so a calendar page with the menu
 * item costs no request until it is used.
 */
export function usePersonalSessionsAction(options: UsePersonalSessionsActionOptions = {}): PersonalSessionsActionController {
  const t = useWidgetMessages('usePersonalSessionsAction', personalSessionsActionMessages);
  return { options, t };
}

/**
 * A staff member's own online-session account (R9, R10), inside the open dialog: who is
 * signed in, their account flow (`useStaffAccount` on their own staff id), and, with no
 * account yet, straight to the choice as the menu item promises. `PersonalSessionsActionContent`
 * runs it with the Root's options; `usePersonalSessionsActionFlowContext(part)` reads it.
 */
export function usePersonalSessionsActionFlow({
  headingLevel = 2,
  ...options
}: UsePersonalSessionsActionOptions = {}): PersonalSessionsActionFlowController {
  const t = useWidgetMessages('usePersonalSessionsActionFlow', personalSessionsActionMessages);
  const me = useMe();
  const staffId = me.data?.staffId ?? undefined;
  // The dialog's title is the top heading: their account flow's step titles are one below it.
  const account = useStaffAccount({ ...options, staffId, headingLevel });
  const opened = useRef(false);

  // No account yet: go straight to the choice, as the menu item promises.
  useEffect(() => {
    if (opened.current || account.state === 'loading' || account.state === 'error') return;
    opened.current = true;
    if (account.state === 'view' && !account.account) account.add();
  }, [account]);

  const noStaffRecord = me.data !== undefined && me.data.staffId === null;
  const state: PersonalSessionsActionState = me.isPending ? 'loading' : noStaffRecord ? 'no-staff-record' : account.state;
  return { state, headingLevel, t, gate: account.gate, me: me.data, noStaffRecord, account };
}
