/** One damaged part of a backup, named so the user knows what a restore would lose. */
export interface BackupProblem {
  /** What is damaged: the header, the trailer, the manifest, or an item (the vault header, the database, a blob). */
  part: 'header' | 'trailer' | 'manifest' | 'vault.json' | 'database' | 'blob' | 'unknown' | 'file';
  /** The item's position in the backup, when known. */
  index: number | null;
  /** The blob id or file name, when known. */
  name: string | null;
  /** What is wrong: a reason.* message key (rendered in the reader's language with `values`), or plain text. */
  detail: string;
  /** The numbers a reason names (a chunk number, an offset). */
  values?: Record<string, string | number>;
  /**
   * The backup itself is sound: the item authenticates, so it holds the blob exactly as the vault held it
   * when the backup was made, but those bytes already differed from the hash recorded when the blob was
   * stored (damaged on the vault's disk before the backup; decision 0028). Restore writes it as it was.
   */
  changedInVault?: true;
}

/** What `backup.verify` found: every byte decrypted and every hash compared, nothing written. */
export interface BackupVerifyReport {
  ok: boolean;
  backupId: string | null;
  vaultId: string | null;
  createdAt: string | null;
  formatVersion: number;
  /** Items the manifest lists (vault.json, the database, each blob). */
  items: number;
  /** Items that decrypted and matched their hash. */
  verifiedItems: number;
  /** Plaintext bytes checked. */
  checkedBytes: number;
  problems: BackupProblem[];
}

/** What `backup.export` wrote. */
export interface BackupExportResult {
  path: string;
  backupId: string;
  bytes: number;
  items: number;
  blobs: number;
  seconds: number;
}

/** What `backup.restore` wrote. */
export interface BackupRestoreResult {
  vaultDir: string;
  vaultId: string;
  backupId: string;
  items: number;
  bytes: number;
  /** Blobs restored as the vault held them although they had changed on its disk since they were stored (BackupProblem.changedInVault). */
  changedInVault: number;
}
