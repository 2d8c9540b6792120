// A host embedding only this widget imports the provider from here, not the root entry (every widget).
export { SessionLinksProvider, type SessionLinksProviderProps } from '../context/provider';
export { ServiceVideoSwitch, type ServiceVideoSwitchProps } from './service-video-switch';
export {
  ServiceVideoSwitchChangedElsewhere,
  type ServiceVideoSwitchChangedElsewhereProps,
  ServiceVideoSwitchConfirm,
  ServiceVideoSwitchControl,
  ServiceVideoSwitchGate,
  ServiceVideoSwitchNoDefault,
  ServiceVideoSwitchRoot,
  type ServiceVideoSwitchRootProps,
  ServiceVideoSwitchStatus,
  ServiceVideoSwitchTitle,
  type ServiceVideoSwitchTitleProps,
  useServiceVideoSwitchContext,
} from './service-video-switch-parts';
export {
  affectedUpcoming,
  type ServiceVideoSwitchController,
  type ServiceVideoSwitchPhase,
  type ServiceVideoSwitchState,
  serviceVideoSwitchMessages,
  type UseServiceVideoSwitchOptions,
  useServiceVideoSwitch,
} from './use-service-video-switch';
