'use client';
import type { ReactNode } from 'react';
import {
  PersonalSessionsActionClose,
  PersonalSessionsActionContent,
  PersonalSessionsActionFlow,
  PersonalSessionsActionGate,
  PersonalSessionsActionIntro,
  PersonalSessionsActionRoot,
  PersonalSessionsActionTitle,
  PersonalSessionsActionTrigger,
} from './personal-sessions-action-parts';
import { type UsePersonalSessionsActionOptions, usePersonalSessionsAction } from './use-personal-sessions-action';

export interface PersonalSessionsActionProps extends UsePersonalSessionsActionOptions {
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  /**
   * The trigger. Inside a host's menu, wrap the host's own item:
   * `<PersonalSessionsActionTrigger asChild><DropdownMenu.Item>…</DropdownMenu.Item></PersonalSessionsActionTrigger>`,
   * and put this component around the whole menu so the dialog outlives it.
   * Without children, a standalone button is rendered.
   */
  children?: ReactNode;
  /** Class of the dialog. */
  className?: string;
}

/**
 * A staff member sets up their own online-session account from a calendar's
 * "More actions" menu (R9, R10): "Set up personal online sessions" opens a dialog
 * with Zoom (Continue, Connect) or a custom link (Link, Password, Description, Connect).
 */
export function PersonalSessionsAction({ open, defaultOpen, onOpenChange, children, className, ...options }: PersonalSessionsActionProps) {
  const action = usePersonalSessionsAction(options);
  return (
    <PersonalSessionsActionRoot value={action} open={open} defaultOpen={defaultOpen} onOpenChange={onOpenChange}>
      {children ?? <PersonalSessionsActionTrigger />}
      <PersonalSessionsActionContent className={className}>
        <PersonalSessionsActionTitle />
        <PersonalSessionsActionGate>
          <PersonalSessionsActionIntro />
          <PersonalSessionsActionFlow />
        </PersonalSessionsActionGate>
        <div className="sl-actions">
          <PersonalSessionsActionClose />
        </div>
      </PersonalSessionsActionContent>
    </PersonalSessionsActionRoot>
  );
}
