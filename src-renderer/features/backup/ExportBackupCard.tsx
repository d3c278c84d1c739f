import { Alert, Button, Card, Form, Input, Progress, Typography } from 'antd';
import { useState } from 'react';
import type { BackupExportResult, BackupVerifyReport } from '../../../src-shared/model/backup.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';
import { FolderPathInput } from '../folders/FolderPathInput.tsx';
import { backupFilePath, backupSecretInput, defaultBackupFileName, type BackupSecretKind } from './backupSecret.ts';
import { BackupReport } from './BackupReport.tsx';
import { BackupSecretFields } from './BackupSecretFields.tsx';
import { useBackupStore } from './backupStore.ts';
import { useProgressTask } from './useProgressTask.ts';

interface ExportFields {
  folder: string;
  fileName: string;
  secretKind: BackupSecretKind;
  secret: string;
}

/**
 * "Export now": one portable `.cvbackup` file into a folder the user picks (`backup.export`), then the
 * file checked (`backup.verify`), each with a progress bar; a checked export is the last good backup.
 */
export function ExportBackupCard() {
  const t = useT();
  const [form] = Form.useForm<ExportFields>();
  const task = useProgressTask();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<BackupExportResult | null>(null);
  const checkTask = useProgressTask();
  const [check, setCheck] = useState<BackupVerifyReport | null>(null);

  const exportNow = async (fields: ExportFields): Promise<void> => {
    setProblem(null);
    setResult(null);
    setCheck(null);
    const secret = backupSecretInput(fields.secretKind, fields.secret);
    const outcome = await task.run((onProgress) =>
      callApi(appApi, 'backup.export', { outPath: backupFilePath(fields.folder, fields.fileName), ...secret }, { onProgress }));
    if (!outcome.ok) return setProblem(outcome.problem);
    setResult(outcome.value);
    // The written file is read back and checked with the same secret; only a verified export counts as a
    // good backup and ends the "no recent backup" warning (decision 0025).
    const checked = await checkTask.run((onProgress) => callApi(appApi, 'backup.verify', { file: outcome.value.path, ...secret }, { onProgress }));
    form.setFieldsValue({ secret: '', fileName: defaultBackupFileName(new Date()) });
    if (checked.ok) setCheck(checked.value);
    else setProblem(checked.problem);
    void useBackupStore.getState().load();
  };
  const busy = task.running || checkTask.running;

  return (
    <Card title={t('ui.backup.exportTitle')} className="backup-export">
      <Form<ExportFields> form={form} name="backupExport" layout="vertical" requiredMark={false} disabled={busy} onFinish={(fields) => void exportNow(fields)} initialValues={{ fileName: defaultBackupFileName(new Date()) }}>
        <Form.Item name="folder" label={t('ui.backup.exportFolder')} rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
          <FolderPathInput pickerTitle={t('ui.backup.exportFolder')} />
        </Form.Item>
        <Form.Item name="fileName" label={t('ui.backup.fileName')} rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
          <Input spellCheck={false} maxLength={255} />
        </Form.Item>
        <BackupSecretFields idPrefix="export" isNew />
        <Button type="primary" htmlType="submit" loading={busy}>{t('ui.backup.exportNow')}</Button>
      </Form>
      {task.percent !== null ? <Progress percent={task.percent} status={task.running ? 'active' : problem ? 'exception' : 'normal'} aria-label={t('ui.backup.exportProgress')} /> : null}
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      {result ? (
        <Alert
          type="success"
          showIcon
          className="backup-export-done"
          message={t('ui.backup.exported', { path: result.path, items: result.items, bytes: result.bytes })}
          onClose={() => void useBackupStore.getState().load()}
        />
      ) : null}
      {checkTask.percent !== null ? (
        <Progress percent={checkTask.percent} status={checkTask.running ? 'active' : check?.ok === true ? 'normal' : 'exception'} aria-label={t('ui.backup.exportCheckProgress')} />
      ) : null}
      {checkTask.running ? <Typography.Text type="secondary">{t('ui.backup.exportChecking')}</Typography.Text> : null}
      {check?.ok === true ? <Alert type="success" showIcon className="backup-export-checked" message={t('ui.backup.exportChecked')} /> : null}
      {check !== null && !check.ok ? <BackupReport report={check} /> : null}
    </Card>
  );
}
