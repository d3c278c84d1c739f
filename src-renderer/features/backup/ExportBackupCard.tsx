import { Alert, Button, Card, Form, Input, Progress } from 'antd';
import { useState } from 'react';
import type { BackupExportResult } from '../../../src-shared/model/backup.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';
import { FolderPathInput } from '../folders/FolderPathInput.tsx';
import { backupFilePath, backupSecretInput, defaultBackupFileName, type BackupSecretKind } from './backupSecret.ts';
import { BackupSecretFields } from './BackupSecretFields.tsx';
import { useBackupStore } from './backupStore.ts';
import { useProgressTask } from './useProgressTask.ts';

interface ExportFields {
  folder: string;
  fileName: string;
  secretKind: BackupSecretKind;
  secret: string;
}

/** "Export now": one portable `.cvbackup` file into a folder the user picks (`backup.export`), with a progress bar. */
export function ExportBackupCard() {
  const t = useT();
  const [form] = Form.useForm<ExportFields>();
  const task = useProgressTask();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<BackupExportResult | null>(null);

  const exportNow = async (fields: ExportFields): Promise<void> => {
    setProblem(null);
    setResult(null);
    const outcome = await task.run((onProgress) =>
      callApi(appApi, 'backup.export', { outPath: backupFilePath(fields.folder, fields.fileName), ...backupSecretInput(fields.secretKind, fields.secret) }, { onProgress }));
    if (outcome.ok) {
      setResult(outcome.value);
      form.setFieldsValue({ secret: '', fileName: defaultBackupFileName(new Date()) });
    } else setProblem(outcome.problem);
  };

  return (
    <Card title={t('ui.backup.exportTitle')} className="backup-export">
      <Form<ExportFields> form={form} name="backupExport" layout="vertical" requiredMark={false} disabled={task.running} onFinish={(fields) => void exportNow(fields)} initialValues={{ fileName: defaultBackupFileName(new Date()) }}>
        <Form.Item name="folder" label={t('ui.backup.exportFolder')} rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
          <FolderPathInput pickerTitle={t('ui.backup.exportFolder')} />
        </Form.Item>
        <Form.Item name="fileName" label={t('ui.backup.fileName')} rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
          <Input spellCheck={false} maxLength={255} />
        </Form.Item>
        <BackupSecretFields idPrefix="export" isNew />
        <Button type="primary" htmlType="submit" loading={task.running}>{t('ui.backup.exportNow')}</Button>
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
    </Card>
  );
}
