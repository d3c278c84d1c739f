import { Option, type Command } from 'commander';
import { AppError } from '../../src-shared/api/appError.ts';
import type { OperationName, OperationRequest, OperationResult } from '../../src-shared/api/operations.ts';
import type { BackupVerifyReport } from '../../src-shared/model/backup.ts';
import { translate, translateReason, type Locale } from '../../src-shared/i18n/translate.ts';
import { promptHidden } from './hiddenPrompt.ts';
import { readSecretFile, recoveryKeyIfGiven } from './secretSources.ts';

/** Options of the backup commands, besides the global ones. */
interface BackupSecretOptions {
  recoveryKey?: boolean;
  backupPassphraseFile?: string;
}

/** What main.ts lends the backup commands: its calling, printing and unlocking helpers. */
export interface BackupCommandDeps {
  locale: Locale;
  call: <N extends OperationName>(name: N, input: OperationRequest<N>) => Promise<OperationResult<N>>;
  withVault: <T>(dir: string, opts: { json?: boolean; passphraseFile?: string; recoveryKeyFile?: string }, work: () => Promise<T>) => Promise<T>;
  print: (opts: { json?: boolean }, value: unknown, human: () => string) => void;
  globals: (cmd: Command) => { json?: boolean; passphraseFile?: string; recoveryKeyFile?: string };
  /** Ends the command with these lines on stderr and exit code 1. */
  fail: (lines: string[]) => never;
}

/**
 * The secret of a backup: the vault's recovery key with --recovery-key (from --recovery-key-file,
 * CVAULT_RECOVERY_KEY or a hidden prompt), else the backup passphrase (--backup-passphrase-file,
 * CVAULT_BACKUP_PASSPHRASE, or a hidden prompt, typed twice for a new backup).
 */
async function backupSecret(locale: Locale, o: BackupSecretOptions, recoveryKeyFile: string | undefined, isNew: boolean): Promise<{ backupPassphrase: string } | { recoveryKey: string }> {
  if (o.recoveryKey === true) {
    return { recoveryKey: (await recoveryKeyIfGiven(recoveryKeyFile)) ?? (await promptHidden(translate(locale, 'cli.prompt.recoveryKey'))) };
  }
  if (o.backupPassphraseFile !== undefined) return { backupPassphrase: await readSecretFile(o.backupPassphraseFile) };
  const fromEnv = process.env.CVAULT_BACKUP_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return { backupPassphrase: fromEnv };
  const first = await promptHidden(translate(locale, 'cli.prompt.backupPassphrase'));
  if (isNew && first !== (await promptHidden(translate(locale, 'cli.prompt.confirmPassphrase')))) throw new AppError('PASSPHRASE_MISMATCH');
  return { backupPassphrase: first };
}

/** The human lines of a verify report: a summary on stdout, each damaged part on stderr. */
export function backupVerifyLines(locale: Locale, report: BackupVerifyReport): { stdout: string; stderr: string[] } {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  if (report.ok) {
    return { stdout: t('cli.backup.verifiedOk', { items: report.items, bytes: report.checkedBytes, backupId: report.backupId ?? '', createdAt: report.createdAt ?? '' }), stderr: [] };
  }
  return {
    stdout: t('cli.backup.verifiedDamaged', { problems: report.problems.length, verified: report.verifiedItems, items: report.items }),
    stderr: report.problems.map((p) => t('cli.backup.problem', { part: p.index === null ? p.part : `${p.part} #${p.index}`, name: p.name ?? '', detail: translateReason(locale, p.detail, p.values) })),
  };
}

const secretOptions = (cmd: Command): Command => cmd
  .option('--recovery-key', 'use the vault\'s recovery key instead of a backup passphrase')
  .option('--backup-passphrase-file <file>', 'read the backup passphrase from this file (else CVAULT_BACKUP_PASSPHRASE, else prompt)');

/** `cvault backup ...`: export, verify and restore `.cvbackup` files. */
export function registerBackupCommands(program: Command, deps: BackupCommandDeps): void {
  const { locale, call, withVault, print, globals, fail } = deps;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  const backup = program.command('backup').description('encrypted backups: export, verify, restore');

  secretOptions(backup.command('export <vault-dir> <file>').description('write an encrypted backup of the vault to a new .cvbackup file'))
    .addOption(new Option('--kdf <preset>', 'Argon2id cost of the backup passphrase (interactive is for tests only)').choices(['sensitive', 'moderate', 'interactive']).default('sensitive').hideHelp())
    .action(async (dir: string, file: string, o: BackupSecretOptions & { kdf: 'sensitive' | 'moderate' | 'interactive' }, cmd: Command) => {
      const opts = globals(cmd);
      const result = await withVault(dir, opts, async () => {
        const secret = await backupSecret(locale, o, opts.recoveryKeyFile, true);
        return call('backup.export', { outPath: file, kdf: o.kdf, ...secret });
      });
      print(opts, result, () => t('cli.backup.exported', { path: result.path, items: result.items, bytes: result.bytes, seconds: result.seconds }));
    });

  secretOptions(backup.command('verify <file-or-folder>').description('decrypt and check every byte of a backup file (or a backup folder\'s newest snapshot) without restoring it'))
    .option('--snapshot <id>', 'in a backup folder: this snapshot instead of the newest')
    .action(async (file: string, o: BackupSecretOptions & { snapshot?: string }, cmd: Command) => {
      const opts = globals(cmd);
      const report = await call('backup.verify', { file, snapshot: o.snapshot, ...(await backupSecret(locale, o, opts.recoveryKeyFile, false)) });
      const { stdout, stderr } = backupVerifyLines(locale, report);
      print(opts, report, () => stdout);
      if (!report.ok) fail(stderr);
    });

  secretOptions(backup.command('restore <file-or-folder> <new-vault-dir>').description('verify a backup, then restore it into a new folder (never over an existing vault)'))
    .option('--snapshot <id>', 'from a backup folder: this snapshot instead of the newest')
    .action(async (file: string, target: string, o: BackupSecretOptions & { snapshot?: string }, cmd: Command) => {
      const opts = globals(cmd);
      const result = await call('backup.restore', { file, targetDir: target, snapshot: o.snapshot, ...(await backupSecret(locale, o, opts.recoveryKeyFile, false)) });
      print(opts, result, () => [
        t('cli.backup.restored', { vaultId: result.vaultId, dir: result.vaultDir, items: result.items }),
        ...(result.changedInVault > 0 ? [t('cli.backup.restoredChangedInVault', { count: result.changedInVault, dir: result.vaultDir })] : []),
      ].join('\n'));
    });

  backup.command('schedule <vault-dir>').description('show, or with --folder set, where and how often backups run and what they keep')
    .option('--folder <dir>', 'the backup folder (an external disk, a NAS share, a cloud-drive folder)')
    .option('--every-hours <n>', 'hours between backups').option('--keep-daily <n>').option('--keep-weekly <n>').option('--keep-monthly <n>')
    .option('--warn-after-days <n>', 'warn when the last good backup is older than this')
    .option('--recovery-key', 'encrypt the folder with the vault\'s recovery key instead of a backup passphrase')
    .option('--backup-passphrase-file <file>', 'read the backup passphrase from this file (else CVAULT_BACKUP_PASSPHRASE, else prompt)')
    .option('--off', 'turn scheduled backups off (the folder and its backups stay)')
    .addOption(new Option('--kdf <preset>').choices(['sensitive', 'moderate', 'interactive']).default('sensitive').hideHelp())
    .action(async (dir: string, o: BackupSecretOptions & { off?: boolean; folder?: string; everyHours?: string; keepDaily?: string; keepWeekly?: string; keepMonthly?: string; warnAfterDays?: string; kdf: 'sensitive' | 'moderate' | 'interactive' }, cmd: Command) => {
      const opts = globals(cmd);
      const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
      if (o.off === true) {
        const result = await withVault(dir, opts, async () => call('backup.schedule.clear', {}));
        print(opts, result, () => t(result.cleared ? 'cli.backup.scheduleCleared' : 'error.BACKUP_FOLDER_NOT_SET'));
        return;
      }
      const schedule = await withVault(dir, opts, async () => {
        if (o.folder === undefined) return call('backup.schedule.get', {});
        const current = await call('backup.schedule.get', {});
        // The secret is asked for only when the folder is new to this vault.
        const needsSecret = current === null || current.folder !== o.folder || o.recoveryKey === true || o.backupPassphraseFile !== undefined;
        const secret = needsSecret ? await backupSecret(locale, o, opts.recoveryKeyFile, true) : {};
        return call('backup.schedule.set', {
          folder: o.folder, intervalHours: num(o.everyHours), keepDaily: num(o.keepDaily), keepWeekly: num(o.keepWeekly), keepMonthly: num(o.keepMonthly),
          warnAfterDays: num(o.warnAfterDays), kdf: o.kdf, ...secret,
        });
      });
      print(opts, schedule, () => (schedule === null ? t('error.BACKUP_FOLDER_NOT_SET') : t('cli.backup.scheduleSet', {
        dir: schedule.folder, hours: schedule.intervalHours, daily: schedule.keepDaily, weekly: schedule.keepWeekly, monthly: schedule.keepMonthly,
      })));
    });

  backup.command('run <vault-dir>').description('back up to the scheduled folder now (incremental), then apply the retention')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const result = await withVault(dir, opts, () => call('backup.run', {}));
      print(opts, result, () => t('cli.backup.ran', { snapshot: result.snapshotId, dir: result.folder, blobs: result.blobs, newBlobs: result.newBlobs, newBytes: result.newBytes, seconds: result.seconds }));
    });

  backup.command('list <vault-dir>').description('list the backups in the scheduled folder')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const list = await withVault(dir, opts, () => call('backup.list', {}));
      print(opts, list, () => (list.length === 0 ? t('cli.backup.none')
        : list.map((s) => (s.damaged === null ? `${s.snapshotId}  ${s.createdAt}  ${s.items}  ${s.bytes}` : `${s.file}  ${translateReason(locale, s.damaged, s.damagedValues)}`)).join('\n')));
    });

  backup.command('prune <vault-dir>').description('apply the retention policy and delete what no kept backup needs')
    .option('--keep-daily <n>').option('--keep-weekly <n>').option('--keep-monthly <n>')
    .action(async (dir: string, o: { keepDaily?: string; keepWeekly?: string; keepMonthly?: string }, cmd: Command) => {
      const opts = globals(cmd);
      const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
      const result = await withVault(dir, opts, () => call('backup.prune', { keepDaily: num(o.keepDaily), keepWeekly: num(o.keepWeekly), keepMonthly: num(o.keepMonthly) }));
      print(opts, result, () => t('cli.backup.pruned', { kept: result.kept, removed: result.removed, objects: result.objects }));
    });

  backup.command('status <vault-dir>').description('the last good backup and whether one is due')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const status = await withVault(dir, opts, () => call('backup.status', {}));
      print(opts, status, () => [
        t('cli.backup.status', { last: status.lastGood?.at ?? t('cli.backup.never'), dir: status.schedule?.folder ?? '-' }),
        ...(status.lastFailure === null ? [] : [t('cli.backup.lastFailure', { at: status.lastFailure.at, message: status.lastFailure.message })]),
      ].join('\n'));
    });
}
