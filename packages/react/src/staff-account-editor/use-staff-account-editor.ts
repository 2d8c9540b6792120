'use client';
import { staffAccountBlocker } from '@session-links/core';
import { useId } from 'react';
import type { Translate } from '../context/translate';
import { useWidgetMessages } from '../context/use-widget-messages';
import { useStaff } from '../hooks';
import { type GateValue, useGate } from '../parts/gate';
import type { HeadingLevel } from '../primitives/heading';
import { type StaffAccountRowOptions, staffAccountMessages } from './use-staff-account';

/** The list's state; each row has its own (see `StaffAccountState`). */
export type StaffAccountEditorState = 'loading' | 'error' | 'upgrade' | 'forbidden' | 'empty' | 'ready';

export interface UseStaffAccountEditorOptions extends StaffAccountRowOptions {
  /** One staff member; without it, every staff member the signed-in user may manage (R10). */
  staffId?: string | undefined;
  /** Heading level of the list's title, to fit the host page's outline; rows are below it. Default 3. */
  headingLevel?: HeadingLevel | undefined;
}

/**
 * What `useStaffAccountEditor()` returns and `StaffAccountEditorRoot` gives its parts: the
 * list's state, the staff members shown and the prop getters. Declared (React Aria's
 * `CheckboxAria` shape) so that a host's own markup reads a documented API.
 */
export interface StaffAccountEditorController {
  /** The shared gate of the list (`listStaff`); with `staffId` always `ready` (the row gates). */
  gate: GateValue;
  /** The list's state; the root shows it as `data-state`. */
  state: StaffAccountEditorState;
  /** The one staff member shown, if the hook was given one. */
  staffId: string | undefined;
  /** The title's level (default 3); the rows' names are one below. */
  headingLevel: HeadingLevel;
  /** The widget's strings (shared and the staff widgets' own, with the host's `messages` on top). */
  t: Translate;
  /** The callbacks and the default account's link, passed to each `useStaffAccount` row. */
  rowOptions: StaffAccountRowOptions;
  /** The staff members shown, by id: the owner sees everyone, a staff member only themselves (R10). */
  ids: string[];
  /** Individual accounts need a default account first (R9): shown once above the rows. */
  blocked: boolean;
  /** Props of the list's root: a group labelled by the title, with its state. */
  getRootProps: () => { role: 'group'; 'aria-labelledby': string; 'data-state': StaffAccountEditorState };
  /** Props of the title: its id labels the root. */
  getTitleProps: () => { id: string };
}

/**
 * The staff list (R4, R9, R10): which staff members the signed-in user may manage (the
 * owner everyone, a staff member only themselves), whether the site can have individual
 * accounts at all (R9), and the list's state. Each row is `useStaffAccount({ staffId })`.
 */
export function useStaffAccountEditor({
  staffId,
  headingLevel = 3,
  ...rowOptions
}: UseStaffAccountEditorOptions = {}): StaffAccountEditorController {
  const t = useWidgetMessages('useStaffAccountEditor', staffAccountMessages);
  const staff = useStaff();
  const gate: GateValue = useGate({ operation: 'listStaff', queries: [staff] });
  const titleId = useId();
  const { me, settings } = gate;
  // A staff member is offered only their own row; the owner everyone's.
  const ids = staffId ? [staffId] : (staff.data ?? []).filter((s) => me?.role === 'owner' || s.id === me?.staffId).map((s) => s.id);
  // One staff member: the row has the gate; the list shows it at once.
  const state: StaffAccountEditorState = staffId ? 'ready' : gate.state !== 'ready' ? gate.state : ids.length === 0 ? 'empty' : 'ready';
  const blocker = settings ? staffAccountBlocker(settings) : null;
  return {
    gate: staffId ? { ...gate, state: 'ready' as const } : gate,
    state,
    staffId,
    headingLevel,
    t,
    rowOptions,
    ids,
    blocked: state === 'ready' && !staffId && blocker === 'DEFAULT_ACCOUNT_REQUIRED',
    getRootProps: () => ({ role: 'group' as const, 'aria-labelledby': titleId, 'data-state': state }),
    getTitleProps: () => ({ id: titleId }),
  };
}
