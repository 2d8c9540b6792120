export {
  AccountSummary,
  type AccountSummaryProps,
  ProviderChoice,
  type ProviderChoiceProps,
  ProviderDisconnectDialog,
  type ProviderDisconnectDialogProps,
  ProviderPicker,
  type ProviderPickerProps,
} from './provider-picker';
export {
  type ProviderPickerController,
  type ProviderPickerState,
  type UseProviderPickerOptions,
  useProviderPicker,
} from './use-provider-picker';
