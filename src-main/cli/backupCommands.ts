import { Option, type Command } from 'commander';
import { AppError } from '../../src-shared/api/appError.ts';
import type { OperationName, OperationRequest, OperationResult } from '../../src-shared/api/operations.ts';
import type { BackupVerifyReport } from '../../src-shared/model/backup.ts';
import { translate, type Locale } from '../../src-shared/i18n/translate.ts';
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
    stderr: report.problems.map((p) => t('cli.backup.problem', { part: p.index === null ? p.part : `${p.part} #${p.index}`, name: p.name ?? '', detail: p.detail })),
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

  secretOptions(backup.command('verify <file>').description('decrypt and check every byte of a backup without restoring it'))
    .action(async (file: string, o: BackupSecretOptions, cmd: Command) => {
      const opts = globals(cmd);
      const report = await call('backup.verify', { file, ...(await backupSecret(locale, o, opts.recoveryKeyFile, false)) });
      const { stdout, stderr } = backupVerifyLines(locale, report);
      print(opts, report, () => stdout);
      if (!report.ok) fail(stderr);
    });

  secretOptions(backup.command('restore <file> <new-vault-dir>').description('verify a backup, then restore it into a new folder (never over an existing vault)'))
    .action(async (file: string, target: string, o: BackupSecretOptions, cmd: Command) => {
      const opts = globals(cmd);
      const result = await call('backup.restore', { file, targetDir: target, ...(await backupSecret(locale, o, opts.recoveryKeyFile, false)) });
      print(opts, result, () => t('cli.backup.restored', { vaultId: result.vaultId, dir: result.vaultDir, items: result.items }));
    });
}
