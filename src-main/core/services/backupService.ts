import { AppError } from '../../../src-shared/api/appError.ts';
import type { OperationInput } from '../../../src-shared/api/operations.ts';
import type { BackupExportResult, BackupRestoreResult, BackupVerifyReport } from '../../../src-shared/model/backup.ts';
import { exportBackup } from '../backup/backupExport.ts';
import type { BackupSecret } from '../backup/backupKey.ts';
import { restoreBackup } from '../backup/backupRestore.ts';
import { verifyBackupFile } from '../backup/backupVerify.ts';
import { kdfPresets, normalisePassphrase } from '../vault/kdfParams.ts';
import { MIN_PASSPHRASE_LENGTH } from '../vault/vaultKeys.ts';
import type { VaultSession } from '../session/vaultSession.ts';
import { appendAudit } from './auditLog.ts';
import type { ServiceContext } from './serviceContext.ts';

/** Byte progress of long backup work. */
export type ByteProgress = (done: number, total: number) => void;

/** The secret of a backup operation's input. */
export function backupSecretOf(input: { backupPassphrase?: string; recoveryKey?: string }): BackupSecret {
  if (input.recoveryKey !== undefined) return { kind: 'recovery', recoveryKey: input.recoveryKey };
  return { kind: 'passphrase', passphrase: input.backupPassphrase ?? '' };
}

/** A new backup passphrase follows the vault passphrase's minimum length. */
export function assertNewBackupSecret(secret: BackupSecret): void {
  if (secret.kind === 'passphrase' && [...normalisePassphrase(secret.passphrase).trim()].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('PASSPHRASE_TOO_SHORT', { min: MIN_PASSPHRASE_LENGTH });
  }
}

/** `backup.export`: a `.cvbackup` of the open vault, recorded in the audit log. */
export async function exportVaultBackup(ctx: ServiceContext, input: OperationInput<'backup.export'>, progress?: ByteProgress): Promise<BackupExportResult> {
  const secret = backupSecretOf(input);
  assertNewBackupSecret(secret);
  const { header, ...result } = await exportBackup(ctx.session, input.outPath, { secret, kdf: kdfPresets[input.kdf ?? 'sensitive'] }, progress);
  record(ctx.session, ctx.actor, 'backup.export', { backupId: result.backupId, items: result.items, bytes: result.bytes, key: header.key.kind });
  return result;
}

/** `backup.verify`: checks a backup file; recorded in the open vault's log, if one is open. */
export async function verifyBackup(session: VaultSession | null, actor: string, input: OperationInput<'backup.verify'>, progress?: ByteProgress): Promise<BackupVerifyReport> {
  const report = await verifyBackupFile(input.file, backupSecretOf(input), progress);
  if (session !== null) record(session, actor, 'backup.verify', { backupId: report.backupId, ok: report.ok, problems: report.problems.length });
  return report;
}

/** `backup.restore`: into a new folder; the restored vault records the restore at its first unlock. */
export async function restoreVaultBackup(input: OperationInput<'backup.restore'>, progress?: ByteProgress): Promise<BackupRestoreResult> {
  return restoreBackup(input.file, input.targetDir, backupSecretOf(input), progress);
}

function record(session: VaultSession, actor: string, action: string, details: Record<string, unknown>): void {
  session.db.transaction(() => appendAudit(session, { actor, action, recordType: 'vault', recordId: null, details })).immediate();
}
