export { CourseLinkEditor, type CourseLinkEditorProps } from './course-link-editor';
export {
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
  CourseLinkEditorResult,
  CourseLinkEditorRoot,
  type CourseLinkEditorRootProps,
  CourseLinkEditorStatus,
  type CourseLinkEditorStatusProps,
  CourseLinkEditorTitle,
  type CourseLinkEditorTitleProps,
  useCourseLinkEditorContext,
} from './course-link-editor-parts';
export {
  type CourseLinkEditorController,
  type CourseLinkEditorState,
  type UseCourseLinkEditorOptions,
  useCourseLinkEditor,
} from './use-course-link-editor';
