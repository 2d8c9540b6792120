'use client';
import {
  StaffAccountEditorBlocked,
  StaffAccountEditorEmpty,
  StaffAccountEditorGate,
  StaffAccountEditorList,
  StaffAccountEditorRoot,
  StaffAccountEditorTitle,
  type StaffAccountRowOptions,
} from './staff-account-editor-parts';

export interface StaffAccountEditorProps extends StaffAccountRowOptions {
  /** One staff member; without it, every staff member the signed-in user may manage (R10). */
  staffId?: string;
  headingLevel?: 2 | 3 | 4;
  className?: string;
}

/**
 * Staff members' individual video-conferencing accounts (R4, R9, R10, R15, R17). Root
 * attributes: `data-state` (`loading` | `error` | `upgrade` | `empty` | `ready`); each row has
 * `data-state`, `data-provider` and `data-health`.
 */
export function StaffAccountEditor(props: StaffAccountEditorProps) {
  return (
    <StaffAccountEditorRoot {...props}>
      <StaffAccountEditorTitle />
      <StaffAccountEditorGate>
        <StaffAccountEditorEmpty />
        <StaffAccountEditorBlocked />
        <StaffAccountEditorList />
      </StaffAccountEditorGate>
    </StaffAccountEditorRoot>
  );
}
