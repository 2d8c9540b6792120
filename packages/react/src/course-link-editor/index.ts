// A host embedding only this widget imports the provider from here, not the root entry (every widget).
export { SessionLinksProvider, type SessionLinksProviderProps } from '../context/provider';
export { CourseLinkEditor, type CourseLinkEditorProps } from './course-link-editor';
export {
  CourseLinkEditorBlocked,
  type CourseLinkEditorBlockedProps,
  CourseLinkEditorChangedElsewhere,
  type CourseLinkEditorChangedElsewhereProps,
  CourseLinkEditorClearButton,
  CourseLinkEditorClientList,
  type CourseLinkEditorClientListProps,
  CourseLinkEditorConfirm,
  type CourseLinkEditorConfirmProps,
  CourseLinkEditorCurrent,
  CourseLinkEditorEditButton,
  CourseLinkEditorForm,
  CourseLinkEditorGate,
  CourseLinkEditorNotices,
  CourseLinkEditorResult,
  CourseLinkEditorRoot,
  type CourseLinkEditorRootProps,
  CourseLinkEditorTitle,
  type CourseLinkEditorTitleProps,
  useCourseLinkEditorContext,
} from './course-link-editor-parts';
export {
  type CourseLinkEditorController,
  type CourseLinkEditorState,
  courseLinkEditorMessages,
  type UseCourseLinkEditorOptions,
  useCourseLinkEditor,
} from './use-course-link-editor';
