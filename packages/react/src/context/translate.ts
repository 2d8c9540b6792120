import type { ApiErrorCode, CustomLinkErrorCode, Locale, NoLinkReason, Provider } from '@session-links/core';
import { PROVIDER_NAMES } from '@session-links/core';
// Types only: the assembled dictionaries never reach a widget's bundle through this module.
import type { MessageKey, Messages } from '../messages';

/*
 * The package's strings without React: formatting, plurals, numbers, dates and the language
 * a locale gets. The provider and `useWidgetMessages` build on it; nothing here imports them.
 */

/**
 * One widget's own strings in the languages the package ships. A widget passes its
 * bundle to {@link useWidgetMessages}; the shared strings are always added.
 */
export interface MessageBundle {
  en: Readonly<Record<string, string>>;
  nl: Readonly<Record<string, string>>;
}

export type MessageValues = Record<string, string | number>;

/** Fills `{name}` placeholders. The result is always rendered as text, never as markup. */
export function format(template: string, values: MessageValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

/**
 * The language whose shipped strings a BCP 47 tag gets: `nl`, `nl-BE` → `nl`; anything
 * else → `en` (a host translating into another language passes its own `messages`).
 */
export function bundleLanguage(locale: string): Locale {
  return languageOf(locale) === 'nl' ? 'nl' : 'en';
}

function languageOf(locale: string): string {
  try {
    return new Intl.Locale(locale).language;
  } catch {
    return locale.split(/[-_]/)[0]?.toLowerCase() ?? 'en';
  }
}

/**
 * The tag handed to `Intl`. A bare `en` or `nl` keeps the package's house style
 * (`en-GB`: 24 Nov 2026, 09:00; `nl-NL`); any other tag, regional or not, is used as given.
 */
export function intlLocale(locale: string): string {
  if (locale === 'en') return 'en-GB';
  if (locale === 'nl') return 'nl-NL';
  try {
    return new Intl.Locale(locale).toString();
  } catch {
    return 'en-GB';
  }
}

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

export type Translate = {
  (key: MessageKey, values?: MessageValues): string;
  /**
   * `<key>.<category>` by `Intl.PluralRules` of the locale (`one`, `few`, `many`, `other`…),
   * falling back to `<key>.other`; `{count}` is the count formatted for the locale.
   */
  plural(key: string, count: number, values?: MessageValues): string;
  /**
   * The message for an API error. `form`: a failed save of a form, where what was typed is
   * kept (`error.<code>.form` when there is one); without it, for loads and confirms.
   */
  error(code: ApiErrorCode, use?: 'form'): string;
  field(code: CustomLinkErrorCode | 'url.insecure' | string): string;
  /** Why a session has no link; `provider` names the provider a `PROVIDER_*` reason is about (default Zoom). */
  reason(reason: NoLinkReason, provider?: Provider): string;
  provider(provider: Provider): string;
  /** A number in the locale's digits and separators. */
  number(value: number): string;
  /** A date and time (medium date, short time by default) in the provider's `timeZone`. */
  date(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string;
  /** An `Intl.DateTimeFormat` of the locale in the provider's `timeZone`, for a table of many dates. */
  dateFormat(options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat;
  /** The provider's BCP 47 tag, as given. */
  locale: string;
  /** The language of the shipped strings in use (`en` or `nl`). */
  language: Locale;
  /** The IANA time zone dates are shown in; `undefined` means the viewer's own. */
  timeZone: string | undefined;
};

/**
 * A `Translate` over one dictionary. `locale` is any BCP 47 tag (it drives plurals,
 * numbers and dates); `timeZone` an IANA zone, the business's, not the viewer's.
 */
export function createTranslate(
  messages: Partial<Messages> | Readonly<Record<string, string>>,
  providerNames: Record<Provider, string> = PROVIDER_NAMES,
  locale = 'en',
  timeZone?: string,
): Translate {
  const dict = messages as Readonly<Record<string, string | undefined>>;
  const tag = intlLocale(locale);
  const numbers = new Intl.NumberFormat(tag);
  const rules = new Intl.PluralRules(tag);
  const formats = new Map<string, Intl.DateTimeFormat>();
  const dateFormat = (options: Intl.DateTimeFormatOptions = DATE_TIME) => {
    const id = JSON.stringify(options);
    let f = formats.get(id);
    if (!f) {
      f = new Intl.DateTimeFormat(tag, { ...options, timeZone });
      formats.set(id, f);
    }
    return f;
  };
  const t = ((key: MessageKey, values?: MessageValues) => format(dict[key] ?? key, values)) as Translate;
  t.plural = (key, count, values) =>
    format(dict[`${key}.${rules.select(count)}`] ?? dict[`${key}.other`] ?? key, { count: numbers.format(count), ...values });
  t.error = (code, use) =>
    (use === 'form' ? (dict[`error.${code}.form`] ?? dict[`error.${code}`] ?? dict['error.SERVER.form']) : dict[`error.${code}`]) ??
    dict['error.SERVER'] ??
    code;
  t.field = (code) => dict[`field.${code}`] ?? dict['error.VALIDATION'] ?? code;
  t.reason = (reason, provider = 'zoom') => format(dict[`reason.${reason}`] ?? reason, { provider: t.provider(provider) });
  t.provider = (provider) => (provider === 'other' ? (dict['provider.other'] ?? provider) : providerNames[provider]);
  t.number = (value) => numbers.format(value);
  t.date = (value, options) => dateFormat(options).format(typeof value === 'string' ? new Date(value) : value);
  t.dateFormat = dateFormat;
  t.locale = locale;
  t.language = bundleLanguage(locale);
  t.timeZone = timeZone;
  return t;
}

/** Several bundles as one (a widget that shows another widget's parts, e.g. the staff flow in a dialog). */
export function mergeBundles(...bundles: MessageBundle[]): MessageBundle {
  return {
    en: Object.assign({}, ...bundles.map((b) => b.en)),
    nl: Object.assign({}, ...bundles.map((b) => b.nl)),
  };
}
