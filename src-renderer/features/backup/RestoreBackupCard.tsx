import { Alert, Button, Card, Form, Progress } from 'antd';
import { useEffect, useState } from 'react';
import type { BackupRestoreResult } from '../../../src-shared/model/backup.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { useDesktopRequestStore } from '../../app/desktopRequestStore.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';
import { FolderPathInput } from '../folders/FolderPathInput.tsx';
import { BackupFileInput } from './BackupFileInput.tsx';
import { backupSecretInput, type BackupSecretKind } from './backupSecret.ts';
import { BackupSecretFields } from './BackupSecretFields.tsx';
import { useProgressTask } from './useProgressTask.ts';

interface RestoreFields {
  file: string;
  targetDir: string;
  secretKind: BackupSecretKind;
  secret: string;
}

/**
 * Restore into a new folder (`backup.restore` verifies first, never overwrites a vault). The open vault
 * stays open; the restored one is unlocked later with the passphrases it had. A `.cvbackup` opened with
 * the desktop app arrives here through the desktop request store.
 */
export function RestoreBackupCard() {
  const t = useT();
  const [form] = Form.useForm<RestoreFields>();
  const task = useProgressTask();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<BackupRestoreResult | null>(null);
  const pending = useDesktopRequestStore((state) => state.pending);

  useEffect(() => {
    if (pending?.kind !== 'restoreBackup') return;
    form.setFieldsValue({ file: pending.path });
    useDesktopRequestStore.getState().clear();
  }, [pending, form]);

  const restore = async (fields: RestoreFields): Promise<void> => {
    setProblem(null);
    setResult(null);
    const outcome = await task.run((onProgress) =>
      callApi(appApi, 'backup.restore', { file: fields.file.trim(), targetDir: fields.targetDir.trim(), ...backupSecretInput(fields.secretKind, fields.secret) }, { onProgress }));
    if (outcome.ok) {
      setResult(outcome.value);
      form.setFieldsValue({ secret: '' });
    } else setProblem(outcome.problem);
  };

  return (
    <Card title={t('ui.backup.restoreTitle')} className="backup-restore">
      <Form<RestoreFields> form={form} name="backupRestore" layout="vertical" requiredMark={false} disabled={task.running} onFinish={(fields) => void restore(fields)}>
        <Form.Item name="file" label={t('ui.backup.restoreFile')} htmlFor="restore-file" extra={t('ui.backup.verifyFileHelp')} rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
          <BackupFileInput id="restore-file" pickerTitle={t('ui.backupFilePicker.title')} />
        </Form.Item>
        <Form.Item name="targetDir" label={t('ui.backup.restoreTarget')} extra={t('ui.backup.restoreTargetHelp')} rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
          <FolderPathInput pickerTitle={t('ui.backup.restoreTarget')} />
        </Form.Item>
        <BackupSecretFields idPrefix="restore" />
        <Button type="primary" htmlType="submit" loading={task.running}>{t('ui.backup.restore')}</Button>
      </Form>
      {task.percent !== null ? <Progress percent={task.percent} status={task.running ? 'active' : 'normal'} aria-label={t('ui.backup.restoreProgress')} /> : null}
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      {result ? <Alert type="success" showIcon className="backup-restore-done" message={t('ui.backup.restored', { dir: result.vaultDir, items: result.items })} /> : null}
    </Card>
  );
}
