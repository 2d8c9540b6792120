import { cx } from './cx';

// Background colours with ≥ 4.5:1 contrast for white initials.
const COLOURS = ['#1d4ed8', '#7c3aed', '#0f766e', '#b45309', '#be123c', '#4d7c0f', '#0369a1', '#a21caf'];

/** "Anna de Vries" → "AV"; one word → its first letter. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1] ?? '') : '';
  return (Array.from(first)[0] ?? '').toUpperCase() + (Array.from(last)[0] ?? '').toUpperCase();
}

export interface AvatarProps {
  /** The staff member's name: gives the initials and, stably, the colour. */
  name: string;
  className?: string;
}

/** Initials of a staff member on a colour derived from the name. Decorative: the name is written beside it. */
export function Avatar({ name, className }: AvatarProps) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return (
    <span
      className={cx('sl-avatar', className)}
      // Initials through CSS (`attr(data-initials)`): not a text node, so not part of the name's text.
      data-initials={initials(name)}
      style={{ background: COLOURS[hash % COLOURS.length] }}
      aria-hidden="true"
    />
  );
}
