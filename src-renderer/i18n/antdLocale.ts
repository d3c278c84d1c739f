import type { Locale as AntdLocale } from 'antd/es/locale';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from '../../src-shared/i18n/translate.ts';

const antdLocales: Record<Locale, AntdLocale> = { en: enUS, 'zh-CN': zhCN };
const dayjsLocales: Record<Locale, string> = { en: 'en', 'zh-CN': 'zh-cn' };

/** antd's own strings (pagination, date pickers, empty states) in the UI language. */
export function antdLocaleFor(locale: Locale): AntdLocale {
  return antdLocales[locale];
}

/** Date pickers' month and weekday names follow dayjs's global locale. */
export function applyDayjsLocale(locale: Locale): void {
  dayjs.locale(dayjsLocales[locale]);
}
