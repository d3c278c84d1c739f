import type { Migration } from '../migration.ts';

/**
 * Ingest: extracted metadata with its evidence, classification rules, contract-number sequences,
 * watched folders and the state that lets them survive restarts, where each version came from, and a
 * MinHash signature of each version's text for recognising near-identical files.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'ingest',
  up(db) {
    db.exec(`
      CREATE TABLE contract_fields (
        contract_id TEXT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        snippet TEXT,
        page INTEGER,
        confidence REAL,
        source TEXT NOT NULL CHECK (source IN ('extracted', 'user')),
        confirmed INTEGER NOT NULL DEFAULT 0,
        version_id TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (contract_id, field)
      );

      CREATE TABLE classification_rules (
        id TEXT PRIMARY KEY,
        target_kind TEXT NOT NULL CHECK (target_kind IN ('type', 'tag', 'customer')),
        target_value TEXT NOT NULL,
        algorithm TEXT NOT NULL,
        pattern TEXT NOT NULL,
        case_sensitive INTEGER NOT NULL DEFAULT 0,
        priority INTEGER NOT NULL DEFAULT 0,
        enabled INTEGER NOT NULL DEFAULT 1,
        builtin INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );

      CREATE TABLE number_sequences (
        pattern TEXT NOT NULL,
        period TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (pattern, period)
      );

      CREATE TABLE watched_folders (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        customer_id TEXT REFERENCES customers (id) ON DELETE SET NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
      );
      CREATE TABLE watched_files (
        folder_id TEXT NOT NULL REFERENCES watched_folders (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        content_mac TEXT,
        PRIMARY KEY (folder_id, path)
      );

      ALTER TABLE file_versions ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'file';
      ALTER TABLE file_versions ADD COLUMN parent_version_id TEXT;
      ALTER TABLE file_versions ADD COLUMN text_signature BLOB;
      -- Every import looks for a file of the same name to version: without this it scans all files.
      CREATE INDEX contract_files_name ON contract_files (name COLLATE NOCASE);
    `);
  },
};
