/**
 * A widget's heading level, so that it fits the host page's outline: the widget's title is
 * `<h{headingLevel}>` (default 3), its steps and sections one or two below, never past `<h6>`.
 * Every widget takes it the same way: `headingLevel` on the widget, and the same option on
 * its hook (which is what the Root and the parts read).
 */
export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/** The level `by` steps below `level`, at most 6 (HTML has no `<h7>`). */
export function headingBelow(level: HeadingLevel, by = 1): HeadingLevel {
  return Math.min(level + by, 6) as HeadingLevel;
}

/** The element of a heading level, for `const Heading = headingTag(level)`. */
export function headingTag(level: HeadingLevel): 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
  return `h${level}`;
}
