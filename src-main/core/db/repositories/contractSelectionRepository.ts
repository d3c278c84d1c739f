import type { VaultDatabase } from '../connection.ts';
import { prepareCached } from '../statementCache.ts';

const CHUNK = 500;

/** The ids of the contracts with these rowids, in the given order (rowids of deleted rows are skipped). */
export function contractIdsByRowid(db: VaultDatabase, rowids: ArrayLike<number>): string[] {
  const out: string[] = [];
  const all = Array.from(rowids);
  for (let start = 0; start < all.length; start += CHUNK) {
    const chunk = all.slice(start, start + CHUNK);
    const rows = prepareCached(db, `SELECT rowid AS r, id FROM contracts WHERE rowid IN (${chunk.map(() => '?').join(', ')})`).all(...chunk) as { r: number; id: string }[];
    const byRowid = new Map(rows.map((row) => [row.r, row.id]));
    for (const rowid of chunk) {
      const id = byRowid.get(rowid);
      if (id !== undefined) out.push(id);
    }
  }
  return out;
}

/** The tag row with this name (case-insensitive), if any. */
export function findTagByName(db: VaultDatabase, name: string): { id: string; name: string } | undefined {
  return prepareCached(db, 'SELECT id, name FROM tags WHERE name = ? COLLATE NOCASE').get(name) as { id: string; name: string } | undefined;
}

/** The contracts carrying a tag. */
export function contractsWithTag(db: VaultDatabase, tagId: string): string[] {
  return (prepareCached(db, 'SELECT contract_id FROM contract_tags WHERE tag_id = ?').all(tagId) as { contract_id: string }[]).map((row) => row.contract_id);
}

/** Renames a tag row in place (the search triggers re-index every contract carrying it). */
export function renameTagRow(db: VaultDatabase, tagId: string, name: string): void {
  prepareCached(db, 'UPDATE tags SET name = ? WHERE id = ?').run(name, tagId);
}

/** Moves every contract from one tag to another (a contract carrying both keeps one), then drops the first tag. */
export function mergeTagInto(db: VaultDatabase, fromId: string, intoId: string): void {
  prepareCached(db, 'INSERT OR IGNORE INTO contract_tags (contract_id, tag_id) SELECT contract_id, ? FROM contract_tags WHERE tag_id = ?').run(intoId, fromId);
  prepareCached(db, 'DELETE FROM contract_tags WHERE tag_id = ?').run(fromId);
  prepareCached(db, 'DELETE FROM tags WHERE id = ?').run(fromId);
}
