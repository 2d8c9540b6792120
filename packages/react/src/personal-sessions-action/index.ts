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
  usePersonalSessionsContext,
  usePersonalSessionsMessages,
} from './personal-sessions-action-parts';
export {
  type PersonalSessionsActionController,
  type PersonalSessionsState,
  type UsePersonalSessionsActionOptions,
  usePersonalSessionsAction,
} from './use-personal-sessions-action';
