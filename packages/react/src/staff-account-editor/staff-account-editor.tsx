'use client';
import type { HeadingLevel } from '../primitives/heading';
import {
  StaffAccountEditorBlocked,
  StaffAccountEditorEmpty,
  StaffAccountEditorGate,
  StaffAccountEditorList,
  StaffAccountEditorRoot,
  StaffAccountEditorTitle,
} from './staff-account-editor-parts';
import type { StaffAccountRowOptions } from './use-staff-account';
import { useStaffAccountEditor } from './use-staff-account-editor';

export interface StaffAccountEditorProps extends StaffAccountRowOptions {
  /** One staff member; without it, every staff member the signed-in user may manage (R10). */
  staffId?: string;
  headingLevel?: HeadingLevel;
  className?: string;
}

/**
 * Staff members' individual video-conferencing accounts (R4, R9, R10, R15, R17). Root
 * attributes: `data-state` (`loading` | `error` | `upgrade` | `empty` | `ready`); each row has
 * `data-state`, `data-provider` and `data-health`.
 */
export function StaffAccountEditor({ className, ...options }: StaffAccountEditorProps) {
  const editor = useStaffAccountEditor(options);
  return (
    <StaffAccountEditorRoot value={editor} className={className}>
      <StaffAccountEditorTitle />
      <StaffAccountEditorGate>
        <StaffAccountEditorEmpty />
        <StaffAccountEditorBlocked />
        <StaffAccountEditorList />
      </StaffAccountEditorGate>
    </StaffAccountEditorRoot>
  );
}
