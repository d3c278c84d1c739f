import type { Folder, TagSummary } from '../../../../src-shared/model/folder.ts';
import type { VaultDatabase } from '../connection.ts';
import { prepareCached } from '../statementCache.ts';

interface FolderRow { id: string; name: string; parent_id: string | null; contract_count: number }

/** Every folder with its direct contract count, siblings by name. */
export function listFolderRows(db: VaultDatabase): Folder[] {
  const rows = prepareCached(db, `
    SELECT f.id, f.name, f.parent_id, (SELECT count(*) FROM contracts c WHERE c.folder_id = f.id) AS contract_count
    FROM folders f ORDER BY f.name COLLATE NOCASE`).all() as FolderRow[];
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, contractCount: r.contract_count }));
}

/** One folder, or null. */
export function findFolder(db: VaultDatabase, id: string): { id: string; name: string; parentId: string | null } | null {
  const row = prepareCached(db, 'SELECT id, name, parent_id FROM folders WHERE id = ?').get(id) as { id: string; name: string; parent_id: string | null } | undefined;
  return row ? { id: row.id, name: row.name, parentId: row.parent_id } : null;
}

/** Whether a sibling (same parent) other than `exceptId` already has this name, ignoring case. */
export function siblingNameTaken(db: VaultDatabase, parentId: string | null, name: string, exceptId: string | null): boolean {
  return prepareCached(db, "SELECT 1 FROM folders WHERE ifnull(parent_id, '') = ? AND name = ? COLLATE NOCASE AND id IS NOT ?").get(parentId ?? '', name, exceptId) !== undefined;
}

/** Inserts a folder (inside the caller's transaction). */
export function insertFolder(db: VaultDatabase, folder: { id: string; name: string; parentId: string | null; createdAt: string }): void {
  prepareCached(db, 'INSERT INTO folders (id, name, parent_id, created_at) VALUES (?, ?, ?, ?)').run(folder.id, folder.name, folder.parentId, folder.createdAt);
}

/** Renames a folder. */
export function renameFolderRow(db: VaultDatabase, id: string, name: string): void {
  prepareCached(db, 'UPDATE folders SET name = ? WHERE id = ?').run(name, id);
}

/** Puts a folder under another (null: top level). */
export function setFolderParent(db: VaultDatabase, id: string, parentId: string | null): void {
  prepareCached(db, 'UPDATE folders SET parent_id = ? WHERE id = ?').run(parentId, id);
}

/** The folder's ancestors, nearest first (to refuse moving a folder into its own subtree). */
export function ancestorsOf(db: VaultDatabase, id: string): string[] {
  const rows = prepareCached(db, `
    WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM folders WHERE id = ?
      UNION ALL SELECT f.id, f.parent_id, up.depth + 1 FROM folders f JOIN up ON f.id = up.parent_id WHERE up.depth < 10000
    ) SELECT id FROM up WHERE depth > 0 ORDER BY depth`).all(id) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Direct subfolders' ids and the ids of the contracts directly in a folder. */
export function folderContents(db: VaultDatabase, id: string): { folders: string[]; contracts: string[] } {
  const folders = (prepareCached(db, 'SELECT id FROM folders WHERE parent_id = ?').all(id) as { id: string }[]).map((r) => r.id);
  const contracts = (prepareCached(db, 'SELECT id FROM contracts WHERE folder_id = ?').all(id) as { id: string }[]).map((r) => r.id);
  return { folders, contracts };
}

/** Deletes an empty folder. */
export function deleteFolderRow(db: VaultDatabase, id: string): void {
  prepareCached(db, 'DELETE FROM folders WHERE id = ?').run(id);
}

/** Puts a contract into a folder (null: the root); stamps the contract as changed. */
export function setContractFolder(db: VaultDatabase, contractId: string, folderId: string | null, now: string): void {
  prepareCached(db, 'UPDATE contracts SET folder_id = ?, updated_at = ? WHERE id = ?').run(folderId, now, contractId);
}

/** The folder a contract sits in, or null; undefined when there is no such contract. */
export function contractFolder(db: VaultDatabase, contractId: string): string | null | undefined {
  const row = prepareCached(db, 'SELECT folder_id FROM contracts WHERE id = ?').get(contractId) as { folder_id: string | null } | undefined;
  return row === undefined ? undefined : row.folder_id;
}

/** Tags in use with their contract counts, by name. */
export function listTagSummaries(db: VaultDatabase): TagSummary[] {
  const rows = prepareCached(db, `
    SELECT t.name, count(ct.contract_id) AS n FROM tags t JOIN contract_tags ct ON ct.tag_id = t.id
    GROUP BY t.id ORDER BY t.name COLLATE NOCASE`).all() as { name: string; n: number }[];
  return rows.map((r) => ({ name: r.name, contractCount: r.n }));
}
