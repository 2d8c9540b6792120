'use client';
import {
  ProviderPickerAccount,
  ProviderPickerChangedElsewhere,
  ProviderPickerChoice,
  ProviderPickerChoiceCancel,
  ProviderPickerConnect,
  ProviderPickerCustomForm,
  ProviderPickerDisconnectButton,
  ProviderPickerEditButton,
  ProviderPickerGate,
  ProviderPickerHealth,
  ProviderPickerNoDefault,
  ProviderPickerNotice,
  ProviderPickerReconnectButton,
  ProviderPickerReplaceDialog,
  ProviderPickerReplaceImpact,
  ProviderPickerRoot,
  ProviderPickerStep,
  ProviderPickerStepTitle,
  ProviderPickerTitle,
} from './provider-picker-parts';
import { type UseProviderPickerOptions, useProviderPicker } from './use-provider-picker';

export interface ProviderPickerProps extends UseProviderPickerOptions {
  className?: string;
  /** Where the host links to for a plan upgrade (R1). */
  upgradeHref?: string;
}

/**
 * The site's default video-conferencing account (R2): choose a configured provider (Zoom,
 * Google Meet, Microsoft Teams) or a custom link,
 * connect it, see it, edit it, disconnect it. Root attributes: `data-state`
 * (see `ProviderPickerState`), `data-provider` (`zoom` | `google-meet` | `teams` | `custom`; while connecting, the provider chosen) and
 * `data-health` (`connected` | `expired` | `error`) once an account exists.
 */
export function ProviderPicker({ className, upgradeHref, ...options }: ProviderPickerProps) {
  const picker = useProviderPicker(options);
  return (
    <ProviderPickerRoot value={picker} className={className}>
      <ProviderPickerTitle />
      <ProviderPickerNotice />
      <ProviderPickerGate upgradeHref={upgradeHref}>
        <ProviderPickerStep step="choosing">
          <ProviderPickerStepTitle />
          <ProviderPickerChangedElsewhere />
          <ProviderPickerNoDefault />
          <ProviderPickerChoice />
          <ProviderPickerChoiceCancel />
        </ProviderPickerStep>
        <ProviderPickerStep step="connect">
          <ProviderPickerStepTitle />
          <ProviderPickerChangedElsewhere />
          <ProviderPickerReplaceImpact />
          <ProviderPickerConnect />
        </ProviderPickerStep>
        <ProviderPickerStep step="custom">
          <ProviderPickerStepTitle />
          <ProviderPickerChangedElsewhere />
          <ProviderPickerCustomForm />
        </ProviderPickerStep>
        <ProviderPickerStep step="connected">
          <ProviderPickerStepTitle />
          <ProviderPickerAccount />
          <ProviderPickerHealth />
          <div className="sl-actions">
            <ProviderPickerReconnectButton />
            <ProviderPickerEditButton />
            <ProviderPickerDisconnectButton />
          </div>
        </ProviderPickerStep>
      </ProviderPickerGate>
      <ProviderPickerReplaceDialog />
    </ProviderPickerRoot>
  );
}
