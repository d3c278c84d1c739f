/** Where and how often scheduled backups run, and what they keep (stored in the vault). */
export interface BackupSchedule {
  folder: string;
  /** Hours between runs; the app runs a backup when one is due while the vault is open. */
  intervalHours: number;
  /** The newest N backups are kept whatever their dates. */
  keepLast: number;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
  /** The UI warns when the last good backup is older than this. */
  warnAfterDays: number;
}

/** What one incremental run to the backup folder did. */
export interface BackupRunResult {
  folder: string;
  snapshotId: string;
  file: string;
  createdAt: string;
  blobs: number;
  /** Blobs that were not in the folder yet. */
  newBlobs: number;
  /** Encrypted bytes written to the folder by this run. */
  newBytes: number;
  seconds: number;
}

/** One completed backup in the folder (or a damaged snapshot file, with `damaged` saying why). */
export interface BackupFolderSnapshot {
  file: string;
  snapshotId: string | null;
  createdAt: string | null;
  items: number;
  bytes: number;
  /** Why the snapshot file is unusable: a reason.* message key, rendered with `damagedValues`. */
  damaged: string | null;
  damagedValues?: Record<string, string | number>;
}

/** `backup.status`: is the vault protected? */
export interface BackupStatus {
  schedule: BackupSchedule | null;
  /** `folder` is the backup folder, or for a verified export (`kind: 'export'`) the `.cvbackup` file; `at` is when the backup was taken. */
  lastGood: { snapshotId: string; at: string; folder: string; kind?: 'folder' | 'export' } | null;
  /** A scheduled run is due now. */
  due: boolean;
  /** The last good backup is older than the warning threshold (or there is none). */
  overdue: boolean;
  /** The last scheduled run that failed since the last good one (cleared by a good run); the scheduler retries an hour later. */
  lastFailure: { at: string; code: string; message: string } | null;
  /** A run to the folder is in progress (scheduled or manual). */
  running: boolean;
}
