'use client';
export * from './course-link-editor';
export * from './email-block-editor';
export {
  useAutomations,
  useCourseLink,
  useDisconnectDefault,
  useImpact,
  useMe,
  useOnlineSettings,
  useRemoveStaffAccount,
  useResetTemplate,
  useSaveTemplate,
  useServices,
  useServiceVideo,
  useSession,
  useSessions,
  useSetCourseLink,
  useSetDefaultCustomLink,
  useSetServiceVideo,
  useSetSessionLink,
  useSetStaffCustomLink,
  useStaff,
  useTemplate,
} from './hooks';
export { createTranslate, en, format, MESSAGES, type MessageKey, type Messages, nl, type Translate } from './messages';
export * from './personal-sessions-action';
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
} from './provider';
export * from './provider-picker';
export * from './query';
export * from './service-video-switch';
export * from './session-link-editor';
export * from './sessions-overview';
export { Avatar, type AvatarProps, initials } from './shared/avatar';
export { CustomLinkForm, type CustomLinkFormProps } from './shared/custom-link-form';
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
} from './shared/gate';
export { bundleLanguage, type MessageBundle, type MessageValues, mergeBundles, useWidgetMessages } from './shared/i18n';
export { ImpactSummary, type ImpactSummaryProps } from './shared/impact-summary';
export { ProviderMark, type ProviderMarkProps } from './shared/provider-mark';
export { ErrorState, ForbiddenState, LoadingState, SaveError, UpgradeState } from './shared/state-panel';
export { type CustomLinkFormState, type CustomLinkValues, useCustomLinkForm } from './shared/use-custom-link-form';
export { ZoomConnect, type ZoomConnectProps } from './shared/zoom-connect';
export * from './staff-account-editor';
export { type UseZoomConnectionOptions, useZoomConnection, type ZoomConnectionStatus } from './use-zoom-connection';
