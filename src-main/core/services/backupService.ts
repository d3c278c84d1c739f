import { AppError } from '../../../src-shared/api/appError.ts';
import type { OperationInput } from '../../../src-shared/api/operations.ts';
import type { BackupExportResult, BackupRestoreResult, BackupVerifyReport } from '../../../src-shared/model/backup.ts';
import { resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import type { BackupFolderSnapshot, BackupRunResult, BackupSchedule, BackupStatus } from '../../../src-shared/model/backupFolder.ts';
import { assertRecoveryKeyOfVault, exportBackup } from '../backup/backupExport.ts';
import { newBackupKey, openBackupKey, type BackupSecret } from '../backup/backupKey.ts';
import { restoreBackup } from '../backup/backupRestore.ts';
import { verifyBackupFile } from '../backup/backupVerify.ts';
import { FOLDER_FORMAT_VERSION, initFolder, readFolderHeader, type BackupFolder } from '../backup/backupFolder.ts';
import { listFolderBackups, openFolder, pruneFolder, restoreFromFolder, runFolderBackup, verifyFolderSnapshot } from '../backup/folderBackup.ts';
import { deleteSetting, getSetting, setSetting } from '../db/repositories/settingsRepository.ts';
import { kdfPresets, normalisePassphrase } from '../vault/kdfParams.ts';
import { MIN_PASSPHRASE_LENGTH } from '../vault/vaultKeys.ts';
import type { VaultSession } from '../session/vaultSession.ts';
import { appendAudit } from './auditLog.ts';
import { backupWarnDays } from './backupWarning.ts';
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
  const folder = await isDirectory(input.file);
  const report = folder
    ? await verifyFolder(input.file, backupSecretOf(input), input.snapshot, progress)
    : await verifyBackupFile(input.file, backupSecretOf(input), progress);
  if (session !== null) record(session, actor, 'backup.verify', { backupId: report.backupId, ok: report.ok, problems: report.problems.length });
  if (session !== null) countVerifiedBackup(session, input.file, folder ? 'folder' : 'export', report);
  return report;
}

/**
 * A `.cvbackup` file of the open vault that verified whole counts as a good backup (decision 0025): it is
 * a complete, restorable copy at its creation time, in a file the user chose. It becomes `lastGood` (which
 * clears the "no recent backup" warning) when it is newer than the last good one. An export that was never
 * verified does not count, nor does a backup of another vault. A folder snapshot counts through `backup.run`,
 * and again here when verified (it is as good a copy).
 */
function countVerifiedBackup(session: VaultSession, file: string, kind: 'folder' | 'export', report: BackupVerifyReport): void {
  if (!report.ok || report.vaultId !== session.vaultId || report.backupId === null || report.createdAt === null) return;
  const createdAt = Date.parse(report.createdAt);
  if (Number.isNaN(createdAt)) return;
  const current = getSetting(session.db, LAST_GOOD_SETTING) as BackupStatus['lastGood'] | undefined;
  if (current != null && Date.parse(current.at) >= createdAt) return;
  session.db.transaction(() => {
    setSetting(session.db, LAST_GOOD_SETTING, { snapshotId: report.backupId, at: new Date(createdAt).toISOString(), folder: resolve(file), kind });
  }).immediate();
}

/** `backup.restore`: into a new folder; the restored vault records the restore at its first unlock. */
export async function restoreVaultBackup(input: OperationInput<'backup.restore'>, progress?: ByteProgress): Promise<BackupRestoreResult> {
  if (await isDirectory(input.file)) return restoreFromFolder(await openFolder(input.file, backupSecretOf(input)), input.targetDir, input.snapshot, progress);
  return restoreBackup(input.file, input.targetDir, backupSecretOf(input), progress);
}

/** A backup folder's snapshot (default: the newest) checked object by object, as a verify report. */
async function verifyFolder(dir: string, secret: BackupSecret, snapshotId: string | undefined, progress?: ByteProgress): Promise<BackupVerifyReport> {
  const folder = await openFolder(dir, secret);
  const { manifest, problems, checkedBytes } = await verifyFolderSnapshot(folder, snapshotId, progress);
  return {
    ok: problems.length === 0, backupId: manifest.snapshotId, vaultId: manifest.vaultId, createdAt: manifest.createdAt, formatVersion: FOLDER_FORMAT_VERSION,
    items: manifest.items.length, verifiedItems: manifest.items.length - problems.length, checkedBytes,
    problems: problems.map(({ item, damage }) => ({
      part: item.kind, index: manifest.items.indexOf(item), name: item.name, detail: damage.detail, ...(damage.values === undefined ? {} : { values: damage.values }),
    })),
  };
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isDirectory(), () => false);
}

function record(session: VaultSession, actor: string, action: string, details: Record<string, unknown>): void {
  session.db.transaction(() => appendAudit(session, { actor, action, recordType: 'vault', recordId: null, details })).immediate();
}

// ---- Scheduled, incremental backups to a folder -------------------------------------------------

const SCHEDULE_SETTING = 'backup.schedule';
const LAST_GOOD_SETTING = 'backup.lastGood';

/** The schedule as stored: the public part plus the folder's key (the vault database is encrypted). */
type StoredSchedule = BackupSchedule & { key: string };

const defaultSchedule = { intervalHours: 24, keepLast: 1, keepDaily: 7, keepWeekly: 4, keepMonthly: 12, warnAfterDays: 7 };

function storedSchedule(session: VaultSession): StoredSchedule | null {
  return (getSetting(session.db, SCHEDULE_SETTING) as StoredSchedule | undefined) ?? null;
}

function publicSchedule(stored: StoredSchedule | null): BackupSchedule | null {
  if (stored === null) return null;
  const { key: _key, ...schedule } = stored;
  return schedule;
}

/** `backup.schedule.get`. */
export function getBackupSchedule(ctx: ServiceContext): BackupSchedule | null {
  return publicSchedule(storedSchedule(ctx.session));
}

/**
 * `backup.schedule.set`: makes the folder a backup folder of this vault (or opens the existing one with
 * the secret given, which checks it), and keeps the folder's key in the vault so scheduled runs need
 * no prompt; restoring from the folder without the vault needs the secret.
 */
export async function setBackupSchedule(ctx: ServiceContext, input: OperationInput<'backup.schedule.set'>): Promise<BackupSchedule> {
  const { session } = ctx;
  const current = storedSchedule(session);
  const folderDir = resolve(input.folder);
  let key: Uint8Array;
  const existing = await readFolderHeader(folderDir);
  if (existing !== undefined) {
    if (existing.vaultId !== session.vaultId) throw new AppError('BACKUP_FOLDER_OF_OTHER_VAULT', { dir: folderDir });
    if (input.backupPassphrase === undefined && input.recoveryKey === undefined) {
      if (current === null || resolve(current.folder) !== folderDir) throw new AppError('PASSPHRASE_REQUIRED');
      key = session.sodium.from_base64(current.key, session.sodium.base64_variants.ORIGINAL);
    } else {
      key = await openBackupKey(existing.key, backupSecretOf(input));
    }
  } else {
    if (input.backupPassphrase === undefined && input.recoveryKey === undefined) throw new AppError('PASSPHRASE_REQUIRED');
    const secret = backupSecretOf(input);
    assertNewBackupSecret(secret);
    if (secret.kind === 'recovery') await assertRecoveryKeyOfVault(session, secret.recoveryKey);
    const created = await newBackupKey(secret, kdfPresets[input.kdf ?? 'sensitive']);
    key = created.key;
    await initFolder(folderDir, session.vaultId, created.spec);
  }
  const base = current ?? { ...defaultSchedule, folder: folderDir, key: '' };
  const stored: StoredSchedule = {
    folder: folderDir,
    intervalHours: input.intervalHours ?? base.intervalHours,
    keepLast: input.keepLast ?? base.keepLast,
    keepDaily: input.keepDaily ?? base.keepDaily,
    keepWeekly: input.keepWeekly ?? base.keepWeekly,
    keepMonthly: input.keepMonthly ?? base.keepMonthly,
    warnAfterDays: input.warnAfterDays ?? base.warnAfterDays,
    key: session.sodium.to_base64(key, session.sodium.base64_variants.ORIGINAL),
  };
  session.sodium.memzero(key);
  session.db.transaction(() => {
    setSetting(session.db, SCHEDULE_SETTING, stored);
    appendAudit(session, { actor: ctx.actor, action: 'backup.schedule.set', recordType: 'vault', recordId: null, details: { intervalHours: stored.intervalHours } });
  }).immediate();
  return publicSchedule(stored) as BackupSchedule;
}

/**
 * `backup.schedule.clear`: scheduled backups stop. The folder's key is removed from the vault with the
 * schedule; the folder and its snapshots stay where they are and restore with the folder's secret.
 */
export function clearBackupSchedule(ctx: ServiceContext): { cleared: boolean } {
  const { session } = ctx;
  return session.db.transaction(() => {
    const cleared = deleteSetting(session.db, SCHEDULE_SETTING);
    if (cleared) appendAudit(session, { actor: ctx.actor, action: 'backup.schedule.clear', recordType: 'vault', recordId: null, details: {} });
    return { cleared };
  }).immediate();
}

async function scheduledFolder(session: VaultSession): Promise<{ folder: BackupFolder; schedule: StoredSchedule }> {
  const schedule = storedSchedule(session);
  if (schedule === null) throw new AppError('BACKUP_FOLDER_NOT_SET');
  const key = session.sodium.from_base64(schedule.key, session.sodium.base64_variants.ORIGINAL);
  try {
    return { folder: await openFolder(schedule.folder, key, session.vaultId), schedule };
  } finally {
    session.sodium.memzero(key);
  }
}

/** Where the run in progress of a session is kept (session.services), so a manual and a scheduled run never overlap. */
const RUNNING_SERVICE = 'backup.running';

/** Whether a run to the backup folder is in progress in this session. */
export function isBackupRunning(session: VaultSession): boolean {
  return session.services.has(RUNNING_SERVICE);
}

/**
 * `backup.run`: one incremental run to the scheduled folder, then the retention policy. Never two at
 * once: a call while a run is in progress (scheduled or manual) waits for that run and returns its result.
 */
export async function runScheduledBackup(ctx: ServiceContext, progress?: ByteProgress, trigger: 'manual' | 'schedule' = 'manual', now: () => number = Date.now): Promise<BackupRunResult> {
  const { session } = ctx;
  const running = session.services.get(RUNNING_SERVICE) as Promise<BackupRunResult> | undefined;
  if (running !== undefined) return running;
  const run = (async () => {
    const { folder, schedule } = await scheduledFolder(session);
    const result = await runFolderBackup(session, folder, progress);
    await pruneFolder(folder, schedule);
    session.db.transaction(() => {
      // Stamped by the caller's clock (the scheduler's, which tests move), the one `due` is measured with.
      setSetting(session.db, LAST_GOOD_SETTING, { snapshotId: result.snapshotId, at: new Date(now()).toISOString(), folder: result.folder });
      setSetting(session.db, LAST_FAILURE_SETTING, null);
      appendAudit(session, { actor: ctx.actor, action: 'backup.run', recordType: 'vault', recordId: null, details: { snapshotId: result.snapshotId, newBlobs: result.newBlobs, newBytes: result.newBytes, trigger } });
    }).immediate();
    return result;
  })();
  session.services.set(RUNNING_SERVICE, run);
  try {
    return await run;
  } finally {
    session.services.delete(RUNNING_SERVICE);
  }
}

const LAST_FAILURE_SETTING = 'backup.lastFailure';

/** Records that a scheduled run failed (shown by `backup.status` until a run succeeds), in the audit log too. */
export function recordScheduledFailure(ctx: ServiceContext, failure: NonNullable<BackupStatus['lastFailure']>): void {
  ctx.session.db.transaction(() => {
    setSetting(ctx.session.db, LAST_FAILURE_SETTING, failure);
    appendAudit(ctx.session, { actor: ctx.actor, action: 'backup.runFailed', recordType: 'vault', recordId: null, details: { code: failure.code } });
  }).immediate();
}

/** `backup.list`: the snapshots in the scheduled folder. */
export async function listScheduledBackups(ctx: ServiceContext): Promise<BackupFolderSnapshot[]> {
  return listFolderBackups((await scheduledFolder(ctx.session)).folder);
}

/** `backup.prune`: applies the schedule's retention (or the one given) to the folder. */
export async function pruneScheduledBackups(ctx: ServiceContext, input: OperationInput<'backup.prune'>): Promise<{ kept: number; removed: number; objects: number }> {
  const { folder, schedule } = await scheduledFolder(ctx.session);
  const result = await pruneFolder(folder, { keepLast: input.keepLast ?? schedule.keepLast, keepDaily: input.keepDaily ?? schedule.keepDaily, keepWeekly: input.keepWeekly ?? schedule.keepWeekly, keepMonthly: input.keepMonthly ?? schedule.keepMonthly });
  record(ctx.session, ctx.actor, 'backup.prune', result);
  return result;
}

/** `backup.status`: the last good backup, whether a run is due, whether to warn. */
export function backupStatus(ctx: ServiceContext, now = new Date()): BackupStatus {
  const schedule = publicSchedule(storedSchedule(ctx.session));
  const lastGood = (getSetting(ctx.session.db, LAST_GOOD_SETTING) as BackupStatus['lastGood'] | undefined) ?? null;
  const age = lastGood === null ? Number.POSITIVE_INFINITY : now.getTime() - Date.parse(lastGood.at);
  return {
    schedule,
    lastGood,
    lastFailure: (getSetting(ctx.session.db, LAST_FAILURE_SETTING) as BackupStatus['lastFailure'] | undefined) ?? null,
    running: isBackupRunning(ctx.session),
    due: schedule !== null && age >= schedule.intervalHours * 3_600_000,
    overdue: age > backupWarnDays(ctx.session.db) * 86_400_000,
  };
}
