export {
  PersonalSessionsAction,
  type PersonalSessionsActionProps,
  PersonalSessionsTrigger,
  type PersonalSessionsTriggerProps,
} from './personal-sessions-action';
