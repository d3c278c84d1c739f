import { en, type MessageKey, type Messages } from './en.ts';
import { zhCN } from './zhCN.ts';

export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

const catalogues: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

/** Picks our locale from a BCP 47 / POSIX locale string such as "zh_CN.UTF-8" or "en-GB". */
export function resolveLocale(requested: string | undefined | null): Locale {
  return requested && /^zh/i.test(requested) ? 'zh-CN' : 'en';
}

/** Renders a message, filling `{name}` placeholders; an unknown placeholder is left visible rather than dropped. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The catalogue of a locale, for completeness checks. */
export function catalogue(locale: Locale): Messages {
  return catalogues[locale];
}
