import type { Provider } from '@session-links/core';
import { cx } from './cx';

// [background, foreground, monogram]: brand-like colours, each with ≥ 4.5:1 contrast for
// its letter. Zoom (and a custom link of unknown provider) get a glyph instead.
const MARKS: Record<Provider, readonly [string, string, string]> = {
  zoom: ['#0b5cff', '#fff', ''],
  'google-meet': ['#00832d', '#fff', 'M'],
  teams: ['#4b53bc', '#fff', 'T'],
  webex: ['#005e7d', '#fff', 'W'],
  skype: ['#006cbe', '#fff', 'S'],
  goto: ['#1f1f1f', '#ffd100', 'G'],
  whereby: ['#5b3fd9', '#fff', 'Wb'],
  other: ['#4f5a6e', '#fff', ''],
};

export interface ProviderMarkProps {
  /** A provider from core's list; anything else shows the neutral link mark. */
  provider: Provider | 'custom';
  className?: string;
}

/**
 * A small recognisable mark for a video-conferencing provider: a video camera on Zoom's
 * blue, a coloured monogram for the others, a chain link for "other". Decorative: the
 * provider's name is always written next to it. Attributes: `data-provider`.
 */
export function ProviderMark({ provider, className }: ProviderMarkProps) {
  const key: Provider = provider in MARKS ? (provider as Provider) : 'other';
  const [bg, fg, letters] = MARKS[key];
  // Letters come from CSS (`attr(data-letters)`), not a text node: they stay out of the
  // text of the name beside them (and out of `getByText`).
  return (
    <span
      className={cx('sl-provider-mark', className)}
      data-provider={key}
      data-letters={letters || undefined}
      style={{ background: bg, color: fg }}
      aria-hidden="true"
    >
      {key === 'zoom' ? (
        <svg viewBox="0 0 24 24" focusable="false" aria-hidden="true">
          <path
            fill={fg}
            d="M5 8.5A1.5 1.5 0 0 1 6.5 7h7A1.5 1.5 0 0 1 15 8.5v7a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 5 15.5zm11 2.2 3-2.2v7l-3-2.2z"
          />
        </svg>
      ) : key === 'other' ? (
        <svg viewBox="0 0 24 24" focusable="false" aria-hidden="true">
          <path
            fill="none"
            stroke={fg}
            strokeWidth="2"
            strokeLinecap="round"
            d="M10.5 13.5a3 3 0 0 0 4.2 0l2.6-2.6a3 3 0 0 0-4.2-4.2l-.9.9m-.7 5.9a3 3 0 0 0-4.2 0l-1.6 1.6a3 3 0 0 0 4.2 4.2l.9-.9"
          />
        </svg>
      ) : null}
    </span>
  );
}
