import type { Migration } from '../migration.ts';

/** The first schema: customers, contracts, files and versions, tags, the audit chain, settings. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        notes TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX customers_name ON customers (name COLLATE NOCASE);

      CREATE TABLE contacts (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        name TEXT,
        email TEXT,
        phone TEXT,
        role TEXT,
        position INTEGER NOT NULL
      );
      CREATE INDEX contacts_customer ON contacts (customer_id);
      CREATE INDEX contacts_email ON contacts (email COLLATE NOCASE);

      CREATE TABLE contracts (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        number TEXT,
        customer_id TEXT REFERENCES customers (id),
        type TEXT NOT NULL DEFAULT 'other',
        status TEXT NOT NULL DEFAULT 'active',
        signing_date TEXT,
        start_date TEXT,
        end_date TEXT,
        amount_minor INTEGER,
        currency TEXT,
        notes TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((amount_minor IS NULL) = (currency IS NULL))
      );
      CREATE INDEX contracts_customer ON contracts (customer_id);

      CREATE TABLE tags (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
      );
      CREATE TABLE contract_tags (
        contract_id TEXT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
        tag_id TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        PRIMARY KEY (contract_id, tag_id)
      );

      CREATE TABLE contract_files (
        id TEXT PRIMARY KEY,
        contract_id TEXT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX contract_files_contract ON contract_files (contract_id);

      CREATE TABLE file_versions (
        id TEXT PRIMARY KEY,
        file_id TEXT NOT NULL REFERENCES contract_files (id) ON DELETE CASCADE,
        version_no INTEGER NOT NULL,
        blob_id TEXT NOT NULL UNIQUE,
        text_blob_id TEXT NOT NULL UNIQUE,
        wrapped_key BLOB NOT NULL,
        content_mac TEXT NOT NULL,
        size INTEGER NOT NULL,
        format TEXT NOT NULL,
        mime TEXT NOT NULL,
        page_count INTEGER NOT NULL,
        text_chars INTEGER NOT NULL,
        source_path TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (file_id, version_no)
      );
      CREATE INDEX file_versions_mac ON file_versions (content_mac);

      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_id TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      -- Append-only by construction; the hash chain catches whoever drops these triggers.
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
