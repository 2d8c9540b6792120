/** A session's date and time, in the widget's locale. */
export function dateTimeFormat(locale: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatWhen(locale: string, iso: string): string {
  return dateTimeFormat(locale).format(new Date(iso));
}
