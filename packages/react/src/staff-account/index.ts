export {
  explainStaffAccount,
  StaffAccountBody,
  type StaffAccountBodyProps,
  StaffAccountEditor,
  type StaffAccountEditorProps,
  StaffAccountRow,
  type StaffAccountRowProps,
} from './staff-account-editor';
export { type StaffAccountController, type StaffAccountState, type UseStaffAccountOptions, useStaffAccount } from './use-staff-account';
