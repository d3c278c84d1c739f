import type { Locale } from '../../src-shared/i18n/translate.ts';

/** A collator of the UI language: Chinese names sort by pinyin, English ones alphabetically, numbers by value. */
export function collatorFor(locale: Locale): Intl.Collator {
  return new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
}
