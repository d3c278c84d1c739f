import { Button, Card, Form, Progress } from 'antd';
import { useState } from 'react';
import type { BackupVerifyReport } from '../../../src-shared/model/backup.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';
import { BackupFileInput } from './BackupFileInput.tsx';
import { backupSecretInput, type BackupSecretKind } from './backupSecret.ts';
import { BackupReport } from './BackupReport.tsx';
import { BackupSecretFields } from './BackupSecretFields.tsx';
import { useBackupStore } from './backupStore.ts';
import { useProgressTask } from './useProgressTask.ts';

interface VerifyFields {
  file: string;
  secretKind: BackupSecretKind;
  secret: string;
}

/** Verify: reads and checks every byte of a `.cvbackup` file or of the backup folder's newest snapshot, without restoring. */
export function VerifyBackupCard() {
  const t = useT();
  const [form] = Form.useForm<VerifyFields>();
  const task = useProgressTask();
  const folder = useBackupStore((state) => state.status?.schedule?.folder ?? null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [report, setReport] = useState<BackupVerifyReport | null>(null);

  const verify = async (fields: VerifyFields): Promise<void> => {
    setProblem(null);
    setReport(null);
    const outcome = await task.run((onProgress) => callApi(appApi, 'backup.verify', { file: fields.file.trim(), ...backupSecretInput(fields.secretKind, fields.secret) }, { onProgress }));
    if (outcome.ok) {
      setReport(outcome.value);
      // A verified backup of this vault counts as its last good backup (decision 0025): the warning may end.
      void useBackupStore.getState().load();
    } else setProblem(outcome.problem);
  };

  return (
    <Card title={t('ui.backup.verifyTitle')} className="backup-verify">
      <Form<VerifyFields> form={form} name="backupVerify" layout="vertical" requiredMark={false} disabled={task.running} onFinish={(fields) => void verify(fields)}>
        <Form.Item label={t('ui.backup.verifyFile')} extra={t('ui.backup.verifyFileHelp')} required>
          <Form.Item name="file" noStyle rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
            <BackupFileInput
              id="verify-file" ariaLabel={t('ui.backup.verifyFile')} pickerTitle={t('ui.backupFilePicker.title')}
              extra={folder !== null ? <Button onClick={() => form.setFieldsValue({ file: folder })}>{t('ui.backup.useBackupFolder')}</Button> : null}
            />
          </Form.Item>
        </Form.Item>
        <BackupSecretFields idPrefix="verify" />
        <Button type="primary" htmlType="submit" loading={task.running}>{t('ui.backup.verify')}</Button>
      </Form>
      {task.percent !== null ? <Progress percent={task.percent} status={task.running ? 'active' : 'normal'} aria-label={t('ui.backup.verifyProgress')} /> : null}
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      {report ? <BackupReport report={report} /> : null}
    </Card>
  );
}
