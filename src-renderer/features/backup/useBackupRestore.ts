import type { FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import type { BackupRestoreResult } from '../../../src-shared/model/backup.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { useDesktopRequestStore } from '../../app/desktopRequestStore.ts';
import { backupSecretInput, type BackupSecretKind } from './backupSecret.ts';
import { useProgressTask } from './useProgressTask.ts';

/** The fields of a restore form, on the Backups page and on the unlock screen alike. */
export interface RestoreFields {
  file: string;
  targetDir: string;
  secretKind: BackupSecretKind;
  secret: string;
}

/**
 * A restore form's state and action: `backup.restore` with its progress, the problem or the result, and
 * the file of a `.cvbackup` the desktop app was opened with (taken from the desktop request store once).
 * `restore` resolves to whether the restore succeeded; clearing the secret field is the caller's choice.
 */
export function useBackupRestore(form: FormInstance<RestoreFields>) {
  const task = useProgressTask();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<BackupRestoreResult | null>(null);
  const pending = useDesktopRequestStore((state) => state.pending);

  useEffect(() => {
    if (pending?.kind !== 'restoreBackup') return;
    form.setFieldsValue({ file: pending.path });
    useDesktopRequestStore.getState().clear();
  }, [pending, form]);

  const restore = async (fields: RestoreFields): Promise<boolean> => {
    setProblem(null);
    setResult(null);
    const outcome = await task.run((onProgress) =>
      callApi(appApi, 'backup.restore', { file: fields.file.trim(), targetDir: fields.targetDir.trim(), ...backupSecretInput(fields.secretKind, fields.secret) }, { onProgress }));
    if (outcome.ok) setResult(outcome.value);
    else setProblem(outcome.problem);
    return outcome.ok;
  };

  return { task, problem, clearProblem: () => setProblem(null), result, restore };
}
