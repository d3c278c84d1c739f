import { Alert, Button, Card, Form, Progress } from 'antd';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';
import { FolderPathInput } from '../folders/FolderPathInput.tsx';
import { BackupFileInput } from './BackupFileInput.tsx';
import { BackupSecretFields } from './BackupSecretFields.tsx';
import { RestoredChangedNotice } from './RestoredChangedNotice.tsx';
import { useBackupRestore, type RestoreFields } from './useBackupRestore.ts';

/**
 * Restore into a new folder (`backup.restore` verifies first, never overwrites a vault). The open vault
 * stays open; the restored one is unlocked later with the passphrases it had. A `.cvbackup` opened with
 * the desktop app arrives here through the desktop request store.
 */
export function RestoreBackupCard() {
  const t = useT();
  const [form] = Form.useForm<RestoreFields>();
  const { task, problem, clearProblem, result, restore } = useBackupRestore(form);
  const submit = async (fields: RestoreFields): Promise<void> => {
    if (await restore(fields)) form.setFieldsValue({ secret: '' });
  };

  return (
    <Card title={t('ui.backup.restoreTitle')} className="backup-restore">
      <Form<RestoreFields> form={form} name="backupRestore" layout="vertical" requiredMark={false} disabled={task.running} onFinish={(fields) => void submit(fields)}>
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
      <ProblemAlert problem={problem} onClose={clearProblem} />
      {result ? <Alert type="success" showIcon className="backup-restore-done" message={t('ui.backup.restored', { dir: result.vaultDir, items: result.items })} /> : null}
      {result ? <RestoredChangedNotice count={result.changedInVault} /> : null}
    </Card>
  );
}
