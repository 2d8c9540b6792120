'use client';
export {
  MAX_RETRY_AFTER_SECONDS,
  type PortalContainer,
  retryDelayFromServer,
  retryUnlessClientError,
  type SessionLinksContextValue,
  SessionLinksProvider,
  type SessionLinksProviderProps,
  usePortalContainer,
  useSessionLinks,
} from './context/provider';
export {
  bundleLanguage,
  createTranslate,
  format,
  type MessageBundle,
  type MessageValues,
  mergeBundles,
  type Translate,
} from './context/translate';
export { useWidgetMessages } from './context/use-widget-messages';
export * from './course-link-editor';
export * from './email-block-editor';
export {
  useAutomations,
  useCourseLink,
  useDisconnectDefault,
  useImpact,
  useMe,
  useNotices,
  useOnlineSettings,
  useProviders,
  useRemoveStaffAccount,
  useResetTemplate,
  useSaveTemplate,
  useSendNotices,
  useServices,
  useServiceVideo,
  useSession,
  useSessionLinkHistory,
  useSessions,
  useSetCourseLink,
  useSetDefaultCustomLink,
  useSetNoticePolicy,
  useSetServiceVideo,
  useSetSessionLink,
  useSetStaffCustomLink,
  useStaff,
  useTemplate,
} from './hooks';
export { en, MESSAGES, type MessageKey, type Messages, nl } from './messages';
export { CustomLinkForm, type CustomLinkFormProps } from './parts/custom-link-form';
export {
  Gate,
  type GateProps,
  type GateQuery,
  GateScope,
  type GateState,
  type GateValue,
  type UseGateOptions,
  useGate,
  useGateContext,
} from './parts/gate';
export { ImpactSummary, type ImpactSummaryProps } from './parts/impact-summary';
export { NoticeStatus, type NoticeStatusProps } from './parts/notice-status';
export { ProviderConnect, type ProviderConnectProps } from './parts/provider-connect';
export { ProviderMark, type ProviderMarkProps } from './parts/provider-mark';
export { ErrorState, ForbiddenState, LoadingState, SaveError, UpgradeState } from './parts/state-panel';
export { TellClientsCheckbox } from './parts/tell-clients';
export { type CustomLinkFormState, type CustomLinkValues, useCustomLinkForm } from './parts/use-custom-link-form';
export { type ProviderConnectionStatus, type UseProviderConnectionOptions, useProviderConnection } from './parts/use-provider-connection';
export * from './personal-sessions-action';
export { Avatar, type AvatarProps, initials } from './primitives/avatar';
export type { HeadingLevel } from './primitives/heading';
export * from './provider-picker';
export * from './query';
export * from './service-video-switch';
export * from './session-link-editor';
export * from './sessions-overview';
export * from './staff-account-editor';
