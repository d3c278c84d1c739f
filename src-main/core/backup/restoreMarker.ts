import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { getSetting, setSetting } from '../db/repositories/settingsRepository.ts';
import { appendAudit } from '../services/auditLog.ts';
import type { VaultSession } from '../session/vaultSession.ts';

/** File a restore leaves in the new vault folder until its first unlock records the restore. */
export const RESTORE_MARKER_FILE = 'restored-from-backup.json';
const RECORDED_SETTING = 'backup.restoreRecorded';

/** What the marker says (ids and times only: nothing about the vault's content). */
export interface RestoreMarker {
  backupId: string;
  backupCreatedAt: string;
  restoredAt: string;
}

/**
 * At the first unlock after a restore, continues the audit chain with a "backup.restored" event and
 * removes the marker. The restore itself cannot write the event: the chain is keyed with the vault
 * key, which only an unlock knows. Idempotent: a crash between the commit and the marker's removal
 * does not record the restore twice.
 */
export async function recordPendingRestore(session: VaultSession, actor: string): Promise<boolean> {
  const path = join(session.dir, RESTORE_MARKER_FILE);
  let marker: RestoreMarker;
  try {
    marker = JSON.parse(await readFile(path, 'utf8')) as RestoreMarker;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    // A damaged marker still means this folder came from a restore.
    marker = { backupId: 'unknown', backupCreatedAt: 'unknown', restoredAt: 'unknown' };
  }
  const recorded = session.db.transaction(() => {
    if (getSetting(session.db, RECORDED_SETTING) === `${marker.backupId}@${marker.restoredAt}`) return false;
    appendAudit(session, {
      actor, action: 'backup.restored', recordType: 'vault', recordId: null,
      details: { backupId: String(marker.backupId), backupCreatedAt: String(marker.backupCreatedAt), restoredAt: String(marker.restoredAt) },
    });
    setSetting(session.db, RECORDED_SETTING, `${marker.backupId}@${marker.restoredAt}`);
    return true;
  }).immediate();
  await rm(path, { force: true });
  return recorded;
}
