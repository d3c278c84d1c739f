import { useCallback } from 'react';
import type { MessageKey } from '../../src-shared/i18n/en.ts';
import { translate } from '../../src-shared/i18n/translate.ts';
import { useLocaleStore } from './localeStore.ts';

/** Renders a catalogue message in the current UI language. */
export type Translator = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The translator of the current language; components re-render when the language changes. */
export function useT(): Translator {
  const locale = useLocaleStore((state) => state.locale);
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}
