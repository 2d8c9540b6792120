'use client';
import {
  SessionLinkEditorActions,
  SessionLinkEditorChoice,
  SessionLinkEditorCurrent,
  SessionLinkEditorCustomForm,
  SessionLinkEditorGate,
  SessionLinkEditorNotice,
  SessionLinkEditorNotices,
  SessionLinkEditorReplaceDialog,
  SessionLinkEditorRoot,
  SessionLinkEditorSummary,
  SessionLinkEditorTitle,
} from './session-link-editor-parts';
import { SessionLinkHistory } from './session-link-history';
import { type UseSessionLinkEditorOptions, useSessionLinkEditor } from './use-session-link-editor';

export interface SessionLinkEditorProps extends UseSessionLinkEditorOptions {
  /** Where "See plans" leads in the upgrade state (R1). */
  upgradeHref?: string;
  className?: string;
}

/**
 * One session's link (R7, R8, R10, R15, R16): the link and where it comes from, in words;
 * add a Zoom meeting or a custom link (also to a session that was offline), replace or
 * remove it after seeing which booked clients hold it, or go back to the usual link. Root
 * attributes: `data-state`, `data-source` (`session` | `course` | `staff` | `default`) or
 * `data-reason` when there is no link.
 */
export function SessionLinkEditor({ upgradeHref, className, ...options }: SessionLinkEditorProps) {
  const c = useSessionLinkEditor(options);
  return (
    <SessionLinkEditorRoot value={c} className={className}>
      <SessionLinkEditorTitle />
      <SessionLinkEditorSummary />
      <SessionLinkEditorNotice />
      <SessionLinkEditorGate upgradeHref={upgradeHref}>
        <SessionLinkEditorCurrent>
          <SessionLinkEditorActions />
        </SessionLinkEditorCurrent>
        <SessionLinkEditorNotices />
        <SessionLinkEditorChoice />
        <SessionLinkEditorCustomForm />
        <SessionLinkEditorReplaceDialog />
        <SessionLinkHistory />
      </SessionLinkEditorGate>
    </SessionLinkEditorRoot>
  );
}
