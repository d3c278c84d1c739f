import { prepareCached } from '../statementCache.ts';
import type { WatchedFolder } from '../../../../src-shared/model/watchedFolder.ts';
import type { WatchedFileState } from '../../ingest/watch/watchedFileState.ts';
import type { VaultDatabase } from '../connection.ts';

interface FolderRow { id: string; path: string; customer_id: string | null; customer_name: string | null; enabled: number; created_at: string; files: number }

/** Watched folders with the number of files recorded for each. */
export function listWatchedFolders(db: VaultDatabase): WatchedFolder[] {
  const rows = prepareCached(db, `SELECT w.*, c.name AS customer_name, (SELECT count(*) FROM watched_files f WHERE f.folder_id = w.id) AS files
      FROM watched_folders w LEFT JOIN customers c ON c.id = w.customer_id ORDER BY w.created_at, w.rowid`).all() as FolderRow[];
  return rows.map((r) => ({ id: r.id, path: r.path, customerId: r.customer_id, customerName: r.customer_name, enabled: r.enabled === 1, createdAt: r.created_at, knownFiles: r.files }));
}

/** Inserts a watched folder (call inside the caller's transaction). */
export function insertWatchedFolder(db: VaultDatabase, folder: { id: string; path: string; customerId: string | null; createdAt: string }): void {
  prepareCached(db, 'INSERT INTO watched_folders (id, path, customer_id, enabled, created_at) VALUES (?, ?, ?, 1, ?)').run(folder.id, folder.path, folder.customerId, folder.createdAt);
}

/** Removes a watched folder and what was recorded of its files; the imported contracts stay. */
export function deleteWatchedFolder(db: VaultDatabase, id: string): boolean {
  return prepareCached(db, 'DELETE FROM watched_folders WHERE id = ?').run(id).changes > 0;
}

/** What the last run knew of each file of a folder, to compare against at the next start. */
export function loadWatchedFileStates(db: VaultDatabase, folderId: string): WatchedFileState[] {
  const rows = prepareCached(db, 'SELECT path, size, mtime_ms, content_mac FROM watched_files WHERE folder_id = ?').all(folderId) as { path: string; size: number; mtime_ms: number; content_mac: string | null }[];
  return rows.map((r) => ({ path: r.path, size: r.size, mtimeMs: r.mtime_ms, ...(r.content_mac === null ? {} : { contentMac: r.content_mac }) }));
}

/** Records the state of a file once it has been handled. */
export function upsertWatchedFileState(db: VaultDatabase, folderId: string, state: WatchedFileState): void {
  prepareCached(db, `INSERT INTO watched_files (folder_id, path, size, mtime_ms, content_mac) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (folder_id, path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, content_mac = excluded.content_mac`).run(
    folderId, state.path, state.size, state.mtimeMs, state.contentMac ?? null,
  );
}

/** Forgets a file that left the folder (its contract stays in the vault). */
export function deleteWatchedFileState(db: VaultDatabase, folderId: string, path: string): void {
  prepareCached(db, 'DELETE FROM watched_files WHERE folder_id = ? AND path = ?').run(folderId, path);
}
