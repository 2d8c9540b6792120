export {
  CourseLinkEditor,
  type CourseLinkEditorController,
  type CourseLinkEditorProps,
  type CourseLinkEditorState,
  type UseCourseLinkEditorOptions,
  useCourseLinkEditor,
} from './course-link-editor';
export { describeAccount, type ExplainContext, explainResolution, shortSource } from './explain';
export { JoinLink, type JoinLinkProps, SessionLinkEditor, type SessionLinkEditorProps } from './session-link-editor';
export { SessionsOverview, type SessionsOverviewProps } from './sessions-overview';
export {
  type SessionLinkEditorController,
  type SessionLinkEditorState,
  type UseSessionLinkEditorOptions,
  useSessionLinkEditor,
} from './use-session-link-editor';
