import { cx } from './cx';

/** "Anna de Vries" → "AV"; one word → its first letter. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  const first = words[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1] ?? '') : '';
  return ((Array.from(first)[0] ?? '?') + (Array.from(last)[0] ?? '')).toUpperCase();
}

export interface AvatarProps {
  /** The staff member's name: gives the initials and, stably, the colour. */
  name: string;
  className?: string;
}

/**
 * Initials of a staff member on one of eight colours picked from the name
 * (`data-tone` 0–7, coloured by the stylesheet). Decorative: the name is written beside it.
 * The initials come from CSS (`attr(data-initials)`), so they are not part of the name's text.
 */
export function Avatar({ name, className }: AvatarProps) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return <span className={cx('sl-avatar', className)} data-initials={initials(name)} data-tone={hash % 8} aria-hidden="true" />;
}
