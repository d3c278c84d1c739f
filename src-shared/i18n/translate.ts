import { en, type MessageKey, type Messages } from './en.ts';
import { zhCN } from './zhCN.ts';

export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

const catalogues: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

/** Picks our locale from a BCP 47 / POSIX locale string such as "zh_CN.UTF-8" or "en-GB". */
export function resolveLocale(requested: string | undefined | null): Locale {
  return requested && /^zh/i.test(requested) ? 'zh-CN' : 'en';
}

/**
 * Renders a message, filling `{name}` placeholders; an unknown placeholder is left visible rather than dropped.
 * A `detail` parameter that names a `reason.*` message (see src-shared/api/errorReasons.ts) is itself rendered
 * in the same locale with the same parameters, so the reason an error gives is translated too. Only `detail`
 * is looked up: other parameters carry file names and user text, which must be shown as they are.
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return fill(locale, catalogues[locale][key], params, true);
}

function fill(locale: Locale, template: string, params: Record<string, string | number>, expandReason: boolean): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = String(params[name]);
    if (expandReason && name === 'detail' && isReasonKey(value)) return fill(locale, catalogues[locale][value], params, false);
    return value;
  });
}

function isReasonKey(value: string): value is MessageKey {
  return value.startsWith('reason.') && Object.hasOwn(en, value);
}

/**
 * A reason carried in a report rather than an error (a damaged part of a backup): rendered when it is a
 * reason.* key, shown as it is otherwise (plain text from an older build or a diagnostic).
 */
export function translateReason(locale: Locale, detail: string, values: Record<string, string | number> = {}): string {
  return isReasonKey(detail) ? fill(locale, catalogues[locale][detail], values, false) : detail;
}

/** The catalogue of a locale, for completeness checks. */
export function catalogue(locale: Locale): Messages {
  return catalogues[locale];
}
