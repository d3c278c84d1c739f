import { Radio } from 'antd';
import { useThemeStore, type ThemeMode } from '../../app/themeStore.ts';
import { useT } from '../../i18n/useT.ts';

/** Light or dark colours for the whole app. */
export function ThemeSwitch() {
  const t = useT();
  const mode = useThemeStore((state) => state.mode);
  const setMode = useThemeStore((state) => state.setMode);
  return (
    <Radio.Group
      optionType="button"
      value={mode}
      aria-label={t('ui.settings.theme')}
      onChange={(event) => setMode(event.target.value as ThemeMode)}
      options={[
        { value: 'light', label: t('ui.settings.themeLight') },
        { value: 'dark', label: t('ui.settings.themeDark') },
      ]}
    />
  );
}
