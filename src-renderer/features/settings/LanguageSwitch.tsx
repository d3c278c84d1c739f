import { Radio } from 'antd';
import type { Locale } from '../../../src-shared/i18n/translate.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';

/** English / 中文, each written in its own language; switches at once, without a reload. */
export function LanguageSwitch() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const setLocale = useLocaleStore((state) => state.setLocale);
  return (
    <Radio.Group
      optionType="button"
      value={locale}
      aria-label={t('ui.settings.language')}
      onChange={(event) => setLocale(event.target.value as Locale)}
      options={[
        { value: 'en', label: <span lang="en">{t('ui.language.en')}</span> },
        { value: 'zh-CN', label: <span lang="zh-CN">{t('ui.language.zhCN')}</span> },
      ]}
    />
  );
}
