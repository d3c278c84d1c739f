import { Card, Form, Typography } from 'antd';
import { PageTitle } from '../../app/PageTitle.tsx';
import { useT } from '../../i18n/useT.ts';
import { AutoLockSetting } from './AutoLockSetting.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { RulesPanel } from './RulesPanel.tsx';
import { VaultSettingsForm } from './VaultSettingsForm.tsx';
import { WatchedFoldersPanel } from './WatchedFoldersPanel.tsx';
import { ThemeSwitch } from './ThemeSwitch.tsx';

/** Settings of this app on this computer (language, theme) and of the open vault (auto-lock, import, rules, watched folders). */
export function SettingsPage() {
  const t = useT();
  return (
    <>
      <PageTitle>{t('ui.nav.settings')}</PageTitle>
      <Card>
        <Form layout="vertical">
          <Form.Item label={t('ui.settings.language')} extra={t('ui.settings.languageHelp')}>
            <LanguageSwitch />
          </Form.Item>
          <Form.Item label={t('ui.settings.theme')}>
            <ThemeSwitch />
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary">{t('ui.settings.storedHere')}</Typography.Paragraph>
      </Card>
      <Card title={t('ui.settings.vaultSection')} className="settings-vault">
        <Form layout="vertical">
          <Form.Item label={t('ui.settings.autoLock')} htmlFor="auto-lock-minutes" extra={t('ui.settings.autoLockHelp')}>
            <AutoLockSetting />
          </Form.Item>
        </Form>
      </Card>
      <Card title={t('ui.settings.importSection')} className="settings-import">
        <VaultSettingsForm />
      </Card>
      <Card title={t('ui.rules.title')} className="settings-rules">
        <Typography.Paragraph type="secondary">{t('ui.rules.help')}</Typography.Paragraph>
        <RulesPanel />
      </Card>
      <Card title={t('ui.watch.title')} className="settings-watch">
        <Typography.Paragraph type="secondary">{t('ui.watch.help')}</Typography.Paragraph>
        <WatchedFoldersPanel />
      </Card>
    </>
  );
}
