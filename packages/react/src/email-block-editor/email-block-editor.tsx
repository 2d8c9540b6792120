'use client';
import {
  EmailBlockEditorAutomations,
  EmailBlockEditorChangedElsewhere,
  EmailBlockEditorContent,
  EmailBlockEditorEditor,
  EmailBlockEditorGate,
  EmailBlockEditorNotice,
  EmailBlockEditorPreview,
  EmailBlockEditorResetDialog,
  EmailBlockEditorRoot,
  EmailBlockEditorSaveBar,
  EmailBlockEditorSessionSelect,
  EmailBlockEditorSource,
  EmailBlockEditorTitle,
  EmailBlockEditorToolbar,
} from './email-block-editor-parts';
import { EmailBlockEditorNoticePolicy } from './notice-policy';
import { type UseEmailBlockEditorOptions, useEmailBlockEditor } from './use-email-block-editor';

export interface EmailBlockEditorProps extends UseEmailBlockEditorOptions {
  /** Where "See plans" leads in the upgrade state (R1). */
  upgradeHref?: string;
  /** Who the e-mails come from, shown in the preview's From line, e.g. "Studio Noord <hello@studio.example>". */
  sender?: string;
  className?: string;
}

/**
 * The join-online section of automated e-mails (R12), previewed as the e-mail a client
 * receives, and whether clients are told when their link changes (R29). Root attributes: `data-state`, `data-status` (`complete` | `partial` |
 * `removed`) of the chosen e-mail, and `data-dirty` while there are unsaved edits.
 */
export function EmailBlockEditor({ upgradeHref, sender, className, ...options }: EmailBlockEditorProps) {
  const c = useEmailBlockEditor(options);
  return (
    <EmailBlockEditorRoot value={c} className={className}>
      <EmailBlockEditorTitle />
      <EmailBlockEditorGate upgradeHref={upgradeHref}>
        <EmailBlockEditorContent>
          <EmailBlockEditorAutomations />
          <EmailBlockEditorEditor>
            <EmailBlockEditorToolbar />
            <EmailBlockEditorNotice />
            <EmailBlockEditorSessionSelect />
            <EmailBlockEditorPreview sender={sender} />
            <EmailBlockEditorChangedElsewhere />
            <EmailBlockEditorSaveBar />
            <EmailBlockEditorSource />
            <EmailBlockEditorResetDialog />
          </EmailBlockEditorEditor>
        </EmailBlockEditorContent>
        <EmailBlockEditorNoticePolicy />
      </EmailBlockEditorGate>
    </EmailBlockEditorRoot>
  );
}
