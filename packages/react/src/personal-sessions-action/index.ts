// A host embedding only this widget imports the provider from here, not the root entry (every widget).
export { SessionLinksProvider, type SessionLinksProviderProps } from '../context/provider';
export { PersonalSessionsAction, type PersonalSessionsActionProps } from './personal-sessions-action';
export {
  PersonalSessionsActionRoot,
  type PersonalSessionsActionRootProps,
  PersonalSessionsClose,
  PersonalSessionsContent,
  type PersonalSessionsContentProps,
  PersonalSessionsFlow,
  PersonalSessionsGate,
  PersonalSessionsIntro,
  PersonalSessionsTitle,
  PersonalSessionsTrigger,
  type PersonalSessionsTriggerProps,
  personalSessionsMessages,
  usePersonalSessionsActionContext,
  usePersonalSessionsContext,
  usePersonalSessionsMessages,
} from './personal-sessions-action-parts';
export {
  type PersonalSessionsActionController,
  type PersonalSessionsFlowController,
  type PersonalSessionsState,
  type UsePersonalSessionsActionOptions,
  usePersonalSessionsAction,
  usePersonalSessionsFlow,
} from './use-personal-sessions-action';
