'use client';
import {
  ServiceVideoSwitchChangedElsewhere,
  ServiceVideoSwitchConfirm,
  ServiceVideoSwitchControl,
  ServiceVideoSwitchGate,
  ServiceVideoSwitchNoDefault,
  ServiceVideoSwitchRoot,
  ServiceVideoSwitchStatus,
  ServiceVideoSwitchTitle,
} from './service-video-switch-parts';
import { type UseServiceVideoSwitchOptions, useServiceVideoSwitch } from './use-service-video-switch';

export interface ServiceVideoSwitchProps extends UseServiceVideoSwitchOptions {
  /** Where "See plans" leads in the upgrade state (R1). */
  upgradeHref?: string;
  className?: string;
}

/**
 * A service's video-conferencing switch, for a service form's Locations → Video
 * conferencing (R1, R8, R16, R20): switch its online sessions on or off. When upcoming
 * sessions gain or lose a link, the widget shows which, and the booked clients to tell,
 * before it saves. Without a default account it says that online sessions get no link.
 * Root attributes: `data-state` (`on` | `off` | a gate state), `data-phase`, `data-no-default`.
 */
export function ServiceVideoSwitch({ upgradeHref, className, ...options }: ServiceVideoSwitchProps) {
  const c = useServiceVideoSwitch(options);
  return (
    <ServiceVideoSwitchRoot value={c} className={className}>
      <ServiceVideoSwitchTitle />
      <ServiceVideoSwitchGate upgradeHref={upgradeHref}>
        <ServiceVideoSwitchControl />
        <ServiceVideoSwitchNoDefault />
        <ServiceVideoSwitchChangedElsewhere />
        <ServiceVideoSwitchStatus />
        <ServiceVideoSwitchConfirm />
      </ServiceVideoSwitchGate>
    </ServiceVideoSwitchRoot>
  );
}
