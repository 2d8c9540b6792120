// A host embedding only this widget imports the provider from here, not the root entry (every widget).
export { SessionLinksProvider, type SessionLinksProviderProps } from '../context/provider';
export { EmailBlockEditor, type EmailBlockEditorProps } from './email-block-editor';
export {
  EmailBlockEditorAutomations,
  type EmailBlockEditorAutomationsProps,
  EmailBlockEditorBulkDialog,
  type EmailBlockEditorBulkDialogProps,
  EmailBlockEditorBulkNotice,
  EmailBlockEditorChangedElsewhere,
  type EmailBlockEditorChangedElsewhereProps,
  EmailBlockEditorContent,
  EmailBlockEditorEditor,
  EmailBlockEditorGate,
  EmailBlockEditorJoinSection,
  EmailBlockEditorNotice,
  EmailBlockEditorPreview,
  type EmailBlockEditorPreviewProps,
  EmailBlockEditorRemoveButton,
  EmailBlockEditorResetDialog,
  EmailBlockEditorRoot,
  type EmailBlockEditorRootProps,
  EmailBlockEditorSaveBar,
  EmailBlockEditorSaveButton,
  EmailBlockEditorSessionSelect,
  EmailBlockEditorSource,
  EmailBlockEditorTitle,
  type EmailBlockEditorTitleProps,
  EmailBlockEditorToolbar,
  type EmailBlockEditorToolbarProps,
  EmailBlockEditorUndoButton,
  useEmailBlockEditorContext,
} from './email-block-editor-parts';
export { EmailBlockEditorNoticePolicy, type EmailBlockEditorNoticePolicyProps } from './notice-policy';
export {
  type BulkMode,
  type EmailBlockEditorController,
  type EmailBlockEditorState,
  emailBlockEditorMessages,
  type UseEmailBlockEditorOptions,
  useEmailBlockEditor,
} from './use-email-block-editor';
