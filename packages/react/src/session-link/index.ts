export { describeAccount, type ExplainContext, explainResolution, shortSource } from '../shared/explain';
export { JoinLink, type JoinLinkProps, SessionLinkEditor, type SessionLinkEditorProps } from './session-link-editor';
export {
  type SessionLinkEditorController,
  type SessionLinkEditorState,
  type UseSessionLinkEditorOptions,
  useSessionLinkEditor,
} from './use-session-link-editor';
