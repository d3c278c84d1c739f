import { Alert, Button, Form, Progress, Typography } from 'antd';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';
import { BackupFileInput } from '../backup/BackupFileInput.tsx';
import { BackupSecretFields } from '../backup/BackupSecretFields.tsx';
import { useBackupRestore, type RestoreFields } from '../backup/useBackupRestore.ts';
import { FolderPathInput } from '../folders/FolderPathInput.tsx';
import { UnlockVaultForm } from './UnlockVaultForm.tsx';
import { RestoredChangedNotice } from '../backup/RestoredChangedNotice.tsx';

/**
 * "Restore from backup" on the unlock screen, with no vault open: `backup.restore` needs only the `open`
 * permission (like create and unlock) and writes into a new or empty folder, so nothing has to be
 * unlocked first. Once restored, the vault is opened right here with the passphrase or recovery key it
 * had (not the backup passphrase). A `.cvbackup` opened with the desktop app while locked lands here.
 */
export function RestoreFromBackupForm() {
  const t = useT();
  const [form] = Form.useForm<RestoreFields>();
  const { task, problem, clearProblem, result, restore } = useBackupRestore(form);
  const submit = async (fields: RestoreFields): Promise<void> => {
    await restore(fields);
    form.setFieldsValue({ secret: '' });
  };

  return (
    <div className="gate-restore">
      <Typography.Paragraph type="secondary">{t('ui.gate.restoreIntro')}</Typography.Paragraph>
      <Form<RestoreFields> form={form} name="gateRestore" layout="vertical" requiredMark={false} disabled={task.running || result !== null} onFinish={(fields) => void submit(fields)}>
        <Form.Item name="file" label={t('ui.backup.restoreFile')} htmlFor="gate-restore-file" extra={t('ui.backup.verifyFileHelp')} rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
          <BackupFileInput id="gate-restore-file" pickerTitle={t('ui.backupFilePicker.title')} />
        </Form.Item>
        <Form.Item name="targetDir" label={t('ui.backup.restoreTarget')} extra={t('ui.backup.restoreTargetHelp')} rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
          <FolderPathInput pickerTitle={t('ui.backup.restoreTarget')} ariaLabel={t('ui.backup.restoreTarget')} />
        </Form.Item>
        <BackupSecretFields idPrefix="gate-restore" />
        <Button type="primary" htmlType="submit" loading={task.running} block>{t('ui.backup.restore')}</Button>
      </Form>
      {task.percent !== null ? <Progress percent={task.percent} status={task.running ? 'active' : problem ? 'exception' : 'normal'} aria-label={t('ui.backup.restoreProgress')} /> : null}
      <ProblemAlert problem={problem} onClose={clearProblem} />
      {result ? (
        <>
          <Alert type="success" showIcon className="gate-restore-done" message={t('ui.gate.restored', { dir: result.vaultDir, items: result.items })} />
          <RestoredChangedNotice count={result.changedInVault} />
          <Typography.Title level={2} className="gate-restore-open">{t('ui.gate.openRestored')}</Typography.Title>
          <UnlockVaultForm key={result.vaultDir} initialDir={result.vaultDir} />
        </>
      ) : null}
    </div>
  );
}
