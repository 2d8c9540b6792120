'use client';
import { staffAccountBlocker } from '@session-links/core';
import { useId } from 'react';
import { useSessionLinks } from '../context/provider';
import { useStaff } from '../hooks';
import { type GateValue, useGate } from '../parts/gate';
import type { HeadingLevel } from '../primitives/heading';
import type { StaffAccountRowOptions } from './use-staff-account';

/** The list's state; each row has its own (see `StaffAccountState`). */
export type StaffAccountEditorState = 'loading' | 'error' | 'upgrade' | 'forbidden' | 'empty' | 'ready';

export interface UseStaffAccountEditorOptions extends StaffAccountRowOptions {
  /** One staff member; without it, every staff member the signed-in user may manage (R10). */
  staffId?: string | undefined;
  /** Heading level of the list's title, to fit the host page's outline; rows are below it. Default 3. */
  headingLevel?: HeadingLevel | undefined;
}

/**
 * The staff list (R4, R9, R10): which staff members the signed-in user may manage (the
 * owner everyone, a staff member only themselves), whether the site can have individual
 * accounts at all (R9), and the list's state. Each row is `useStaffAccount({ staffId })`.
 */
export function useStaffAccountEditor({ staffId, headingLevel = 3, ...rowOptions }: UseStaffAccountEditorOptions = {}) {
  useSessionLinks('useStaffAccountEditor');
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
    /** The callbacks and the default account's link, passed to each `useStaffAccount` row. */
    rowOptions: rowOptions as StaffAccountRowOptions,
    /** The staff members shown, by id. */
    ids,
    /** Individual accounts need a default account first (R9): shown once above the rows. */
    blocked: state === 'ready' && !staffId && blocker === 'DEFAULT_ACCOUNT_REQUIRED',
    getRootProps: () => ({ role: 'group' as const, 'aria-labelledby': titleId, 'data-state': state }),
    getTitleProps: () => ({ id: titleId }),
  };
}

export type StaffAccountEditorController = ReturnType<typeof useStaffAccountEditor>;
