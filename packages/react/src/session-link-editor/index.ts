// A host embedding only this widget imports the provider from here, not the root entry (every widget).
export { SessionLinksProvider, type SessionLinksProviderProps } from '../context/provider';
export { describeAccount, type ExplainContext, explainResolution, shortSource } from '../parts/explain';
export { SessionLinkEditor, type SessionLinkEditorProps } from './session-link-editor';
export {
  SessionLinkEditorActions,
  SessionLinkEditorChangedElsewhere,
  type SessionLinkEditorChangedElsewhereProps,
  SessionLinkEditorChoice,
  SessionLinkEditorChooseButton,
  SessionLinkEditorCurrent,
  SessionLinkEditorCustomForm,
  SessionLinkEditorGate,
  SessionLinkEditorImpact,
  SessionLinkEditorJoinLink,
  type SessionLinkEditorJoinLinkProps,
  SessionLinkEditorNotice,
  SessionLinkEditorNotices,
  SessionLinkEditorRemoveDialog,
  type SessionLinkEditorRemoveDialogProps,
  SessionLinkEditorReplaceDialog,
  SessionLinkEditorResetButton,
  SessionLinkEditorRoot,
  type SessionLinkEditorRootProps,
  type SessionLinkEditorStepProps,
  SessionLinkEditorSummary,
  SessionLinkEditorTitle,
  type SessionLinkEditorTitleProps,
  useSessionLinkEditorContext,
} from './session-link-editor-parts';
export { SessionLinkHistory, type SessionLinkHistoryProps } from './session-link-history';
export {
  type SessionLinkEditorController,
  type SessionLinkEditorState,
  sessionLinkEditorMessages,
  type UseSessionLinkEditorOptions,
  useSessionLinkEditor,
} from './use-session-link-editor';
