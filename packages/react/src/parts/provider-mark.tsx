import type { Provider } from '@session-links/core';
import { cx } from '../primitives/cx';

export interface ProviderMarkProps {
  /** A provider from core's list, or `custom`; unknown values show the neutral link mark. */
  provider: Provider | 'custom';
  className?: string;
}

/**
 * A small recognisable mark for a video-conferencing provider: a video camera on Zoom's
 * blue, a coloured monogram for Google Meet, Teams, Webex, Skype, GoTo and Whereby, a
 * chain link for any other. Drawn by the stylesheet (`.sl-provider-mark[data-provider]`),
 * so it costs the widgets' bundles nothing and a host can restyle it; decorative, as the
 * provider's name is always written beside it. Attributes: `data-provider`.
 */
export function ProviderMark({ provider, className }: ProviderMarkProps) {
  return <span className={cx('sl-provider-mark', className)} data-provider={provider} aria-hidden="true" />;
}
