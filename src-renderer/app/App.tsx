import { App as AntdApp, ConfigProvider, Spin, theme } from 'antd';
import { useEffect } from 'react';
import { RecoveryKeyNotice } from '../features/vault/RecoveryKeyNotice.tsx';
import { VaultGate } from '../features/vault/VaultGate.tsx';
import { useVaultStore } from '../features/vault/vaultStore.ts';
import { antdLocaleFor, applyDayjsLocale } from '../i18n/antdLocale.ts';
import { useLocaleStore } from '../i18n/localeStore.ts';
import { useT } from '../i18n/useT.ts';
import { AppShell } from './AppShell.tsx';
import { useThemeStore } from './themeStore.ts';
import { useVaultStatusPolling } from './useVaultStatusPolling.ts';

/**
 * antd's default primary blue (#1677ff: 4.1:1 against white) and its secondary and placeholder greys
 * (45 % and 25 % black) fall below WCAG AA contrast; these keep every text readable (axe: no serious
 * or critical violation). #0958d9 is antd's own blue-7. A primary button's hover and pressed colours are
 * derived lighter (white on ~#3c7ee6, about 4:1, which axe caught right after a click on "Save changes"):
 * blue-8 and blue-9 keep white text at ~10:1 and more.
 */
const lightTokens = { colorPrimary: '#0958d9', colorPrimaryHover: '#003eb3', colorPrimaryActive: '#002c8c', colorLink: '#0958d9', colorTextTertiary: 'rgba(0, 0, 0, 0.62)', colorTextDescription: 'rgba(0, 0, 0, 0.62)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)' };
const darkTokens = { colorTextTertiary: 'rgba(255, 255, 255, 0.65)', colorTextDescription: 'rgba(255, 255, 255, 0.65)', colorTextPlaceholder: 'rgba(255, 255, 255, 0.55)' };

/**
 * antd derives a default button's hover and pressed colours from the primary colour by lightening it
 * (light theme: #3c7ee6-like text on white, about 4:1) and, in the dark theme, from a darkened blue on the
 * dark background: both fall below AA while the pointer rests on the button. These keep them readable:
 * light theme blue-7/blue-8 (#0958d9 ~6:1, #003eb3 ~10:1 on white); dark theme blue-4/blue-3
 * (#69b1ff ~8:1, #91caff ~11:1 on #141414).
 */
const lightButton = { defaultHoverColor: '#0958d9', defaultHoverBorderColor: '#0958d9', defaultActiveColor: '#003eb3', defaultActiveBorderColor: '#003eb3' };
const darkButton = { defaultHoverColor: '#69b1ff', defaultHoverBorderColor: '#69b1ff', defaultActiveColor: '#91caff', defaultActiveBorderColor: '#91caff' };

/** What to show: the gate while no vault is open, the recovery key once after creation, then the app. */
function Screen() {
  const phase = useVaultStore((state) => state.phase);
  const recoveryKey = useVaultStore((state) => state.recoveryKey);
  const t = useT();
  if (phase === 'checking') {
    return (
      <main className="gate">
        <Spin size="large" aria-label={t('ui.app.loading')} />
      </main>
    );
  }
  if (recoveryKey !== null) return <RecoveryKeyNotice recoveryKey={recoveryKey} />;
  return phase === 'unlocked' ? <AppShell /> : <VaultGate />;
}

/** The root: antd's locale and theme follow the user's choices; the document's language and title too. */
export function App() {
  const locale = useLocaleStore((state) => state.locale);
  const mode = useThemeStore((state) => state.mode);
  const refreshStatus = useVaultStore((state) => state.refreshStatus);
  const t = useT();
  useVaultStatusPolling();

  useEffect(() => {
    void refreshStatus();
  }, [refreshStatus]);

  useEffect(() => {
    applyDayjsLocale(locale);
    document.documentElement.lang = locale;
    document.title = t('ui.app.name');
  }, [locale, t]);

  useEffect(() => {
    document.documentElement.dataset['theme'] = mode;
  }, [mode]);

  return (
    <ConfigProvider
      locale={antdLocaleFor(locale)}
      // antd spaces out two-character Chinese labels ("解 锁"); screen readers then spell them letter by letter.
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: mode === 'dark' ? theme.darkAlgorithm : theme.defaultAlgorithm,
        token: mode === 'dark' ? darkTokens : lightTokens,
        components: { Button: mode === 'dark' ? darkButton : lightButton },
      }}
    >
      <AntdApp>
        <Screen />
      </AntdApp>
    </ConfigProvider>
  );
}
