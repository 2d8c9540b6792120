// A host embedding only this widget imports the provider from here, not the root entry (every widget).
export { SessionLinksProvider, type SessionLinksProviderProps } from '../context/provider';
export { PersonalSessionsAction, type PersonalSessionsActionProps } from './personal-sessions-action';
export {
  PersonalSessionsActionClose,
  PersonalSessionsActionContent,
  type PersonalSessionsActionContentProps,
  PersonalSessionsActionFlow,
  PersonalSessionsActionGate,
  PersonalSessionsActionIntro,
  PersonalSessionsActionRoot,
  type PersonalSessionsActionRootProps,
  PersonalSessionsActionTitle,
  PersonalSessionsActionTrigger,
  type PersonalSessionsActionTriggerProps,
  usePersonalSessionsActionContext,
  usePersonalSessionsActionFlowContext,
} from './personal-sessions-action-parts';
export {
  type PersonalSessionsActionController,
  type PersonalSessionsActionFlowController,
  type PersonalSessionsActionState,
  personalSessionsActionMessages,
  type UsePersonalSessionsActionOptions,
  usePersonalSessionsAction,
  usePersonalSessionsActionFlow,
} from './use-personal-sessions-action';
