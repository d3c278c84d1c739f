/** Which secret encrypts (or opens) a backup: a backup passphrase, or the vault's recovery key. */
export type BackupSecretKind = 'passphrase' | 'recoveryKey';

/** The form's secret as the `backup.*` operations take it: exactly one of the two fields. */
export function backupSecretInput(kind: BackupSecretKind, secret: string): { backupPassphrase: string } | { recoveryKey: string } {
  // A recovery key is printed in groups; spaces around it are the user's copy, not part of it.
  return kind === 'recoveryKey' ? { recoveryKey: secret.trim() } : { backupPassphrase: secret };
}

/** A default name for an exported backup: the vault's date, sortable, never overwriting a name the user chose. */
export function defaultBackupFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `contract-vault-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.cvbackup`;
}

/** The export's file: the chosen folder joined with the file name, with the folder's own separator. */
export function backupFilePath(folder: string, fileName: string): string {
  const trimmed = folder.trim();
  const separator = /^[A-Za-z]:\\|\\/u.test(trimmed) && !trimmed.includes('/') ? '\\' : '/';
  const base = trimmed.endsWith('/') || trimmed.endsWith('\\') ? trimmed : `${trimmed}${separator}`;
  return `${base}${fileName.trim()}`;
}

/** Progress of byte-counted work as a whole percentage (0 while the total is not known yet). */
export function bytePercent(done: number, total: number): number {
  if (!(total > 0) || !Number.isFinite(done)) return 0;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}
