export { EmailBlockEditor, type EmailBlockEditorProps } from './email-block-editor';
export {
  type BulkMode,
  type EmailBlockEditorController,
  type EmailBlockEditorState,
  type UseEmailBlockEditorOptions,
  useEmailBlockEditor,
} from './use-email-block-editor';
