import { Card, Form, Typography } from 'antd';
import { useEffect } from 'react';
import { PageTitle } from '../../app/PageTitle.tsx';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';
import { BackupScheduleCard } from './BackupScheduleCard.tsx';
import { useBackupStore } from './backupStore.ts';
import { BackupWarnDaysSetting } from './BackupWarnDaysSetting.tsx';
import { BackupWarningBanner } from './BackupWarningBanner.tsx';
import { ExportBackupCard } from './ExportBackupCard.tsx';
import { RestoreBackupCard } from './RestoreBackupCard.tsx';
import { VerifyBackupCard } from './VerifyBackupCard.tsx';

/** Backups (#7): the warning, scheduled backups with the last good one, export now, verify, restore into a new folder. */
export function BackupsPage() {
  const t = useT();
  const problem = useBackupStore((state) => state.problem);
  useEffect(() => {
    void useBackupStore.getState().load();
  }, []);
  return (
    <div className="backups-page">
      <PageTitle>{t('ui.nav.backups')}</PageTitle>
      <BackupWarningBanner />
      <ProblemAlert problem={problem} onClose={() => useBackupStore.getState().clearProblem()} />
      <BackupScheduleCard />
      <Card title={t('ui.backup.warnTitle')} className="backup-warn-setting">
        <Form layout="vertical">
          <Form.Item label={t('ui.backup.warnDays')} htmlFor="backup-warn-days" extra={t('ui.backup.warnDaysHelp')}>
            <BackupWarnDaysSetting />
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary">{t('ui.backup.storedInVault')}</Typography.Paragraph>
      </Card>
      <ExportBackupCard />
      <VerifyBackupCard />
      <RestoreBackupCard />
    </div>
  );
}
