import { Card, Form, Typography } from 'antd';
import { PageTitle } from '../../app/PageTitle.tsx';
import { useT } from '../../i18n/useT.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ThemeSwitch } from './ThemeSwitch.tsx';

/** Settings of this app on this computer: language and theme (vault settings come with later steps of issue 5). */
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
    </>
  );
}
