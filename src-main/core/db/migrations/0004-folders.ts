import type { Migration } from '../migration.ts';

/**
 * Folders (issue 5, the document-management view): a tree of named folders, and the folder each contract
 * sits in (none = the root). A folder's name is unique among its siblings, ignoring case. Moving a contract
 * updates its row, so the search triggers of 0003 already record it. Also indexes the contracts table's sort columns.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'folders',
  up(db) {
    db.exec(`
      CREATE TABLE folders (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        parent_id TEXT REFERENCES folders (id),
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX folders_sibling_name ON folders (ifnull(parent_id, ''), name COLLATE NOCASE);
      CREATE INDEX folders_parent ON folders (parent_id);

      ALTER TABLE contracts ADD COLUMN folder_id TEXT REFERENCES folders (id);
      CREATE INDEX contracts_folder ON contracts (folder_id);

      -- The contracts table's sort columns (contracts.page orders 100,000 rows by any of them).
      CREATE INDEX contracts_created ON contracts (created_at);
      CREATE INDEX contracts_signing ON contracts (signing_date);
      CREATE INDEX contracts_ending ON contracts (end_date);
      CREATE INDEX contracts_title ON contracts (title COLLATE NOCASE);
      CREATE INDEX contracts_type ON contracts (type);
      CREATE INDEX contracts_status ON contracts (status);
      CREATE INDEX contracts_amount ON contracts (currency, amount_minor);
    `);
  },
};
