import { Alert, Button } from 'antd';
import { useNavigationStore } from '../../app/navigationStore.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';
import { useBackupStore } from './backupStore.ts';

/** The warning that the last good backup is older than the vault's threshold (or that there is none); on the page and in the shell. */
export function BackupWarningBanner({ withLink }: { withLink?: boolean }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const status = useBackupStore((state) => state.status);
  const warnDays = useBackupStore((state) => state.warnDays);
  if (status === null || !status.overdue) return null;
  const message = status.lastGood === null
    ? t('ui.backup.warningNever')
    : t('ui.backup.warningOld', { at: new Date(status.lastGood.at).toLocaleString(locale), days: warnDays ?? 7 });
  return (
    <Alert
      type="warning"
      showIcon
      className="backup-warning"
      message={message}
      {...(withLink ? { action: <Button size="small" onClick={() => useNavigationStore.getState().go('backups')}>{t('ui.backup.open')}</Button> } : {})}
    />
  );
}
