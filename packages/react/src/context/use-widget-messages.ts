'use client';
import { PROVIDER_NAMES } from '@session-links/core';
import { useMemo } from 'react';
import { en as sharedEn } from './messages/en';
import { nl as sharedNl } from './messages/nl';
import { useSessionLinks } from './provider';
import { createTranslate, type MessageBundle, type Translate } from './translate';

const SHARED: MessageBundle = { en: sharedEn, nl: sharedNl };

/**
 * The strings of one widget (or shared part) for the provider's locale: the shared
 * strings, then the widget's `bundle`, then the host's `messages` on top. Plurals, numbers
 * and dates follow the provider's `locale` and `timeZone`. Throws the named error outside
 * the provider, like every hook of the package.
 */
export function useWidgetMessages(component: string, bundle?: MessageBundle): Translate {
  // The language the provider worked out from the locale, not worked out again here.
  const { locale, language, messages, timeZone } = useSessionLinks(component);
  return useMemo(
    () => createTranslate({ ...SHARED[language], ...bundle?.[language], ...messages }, PROVIDER_NAMES, locale, timeZone),
    [bundle, language, locale, messages, timeZone],
  );
}
