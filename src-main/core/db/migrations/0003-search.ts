import type { Migration } from '../migration.ts';

/**
 * Search: a log of which contracts changed since the search index was last saved, written by triggers
 * so no code path that edits a contract, its files, tags or customer can forget to tell the index;
 * saved and recent searches.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE TABLE search_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        contract_id TEXT NOT NULL
      );

      CREATE TRIGGER search_contract_inserted AFTER INSERT ON contracts
        BEGIN INSERT INTO search_changes (contract_id) VALUES (NEW.id); END;
      CREATE TRIGGER search_contract_updated AFTER UPDATE ON contracts
        BEGIN INSERT INTO search_changes (contract_id) VALUES (NEW.id); END;
      CREATE TRIGGER search_contract_deleted AFTER DELETE ON contracts
        BEGIN INSERT INTO search_changes (contract_id) VALUES (OLD.id); END;

      CREATE TRIGGER search_tag_added AFTER INSERT ON contract_tags
        BEGIN INSERT INTO search_changes (contract_id) VALUES (NEW.contract_id); END;
      CREATE TRIGGER search_tag_removed AFTER DELETE ON contract_tags
        BEGIN INSERT INTO search_changes (contract_id) VALUES (OLD.contract_id); END;
      CREATE TRIGGER search_tag_renamed AFTER UPDATE OF name ON tags
        BEGIN INSERT INTO search_changes (contract_id) SELECT contract_id FROM contract_tags WHERE tag_id = NEW.id; END;

      CREATE TRIGGER search_file_inserted AFTER INSERT ON contract_files
        BEGIN INSERT INTO search_changes (contract_id) VALUES (NEW.contract_id); END;
      CREATE TRIGGER search_file_updated AFTER UPDATE ON contract_files
        BEGIN
          INSERT INTO search_changes (contract_id) VALUES (OLD.contract_id);
          INSERT INTO search_changes (contract_id) SELECT NEW.contract_id WHERE NEW.contract_id <> OLD.contract_id;
        END;
      CREATE TRIGGER search_file_deleted AFTER DELETE ON contract_files
        BEGIN INSERT INTO search_changes (contract_id) VALUES (OLD.contract_id); END;

      CREATE TRIGGER search_version_inserted AFTER INSERT ON file_versions
        BEGIN INSERT INTO search_changes (contract_id) SELECT contract_id FROM contract_files WHERE id = NEW.file_id; END;
      CREATE TRIGGER search_version_deleted AFTER DELETE ON file_versions
        BEGIN INSERT INTO search_changes (contract_id) SELECT contract_id FROM contract_files WHERE id = OLD.file_id; END;

      CREATE TRIGGER search_customer_renamed AFTER UPDATE OF name ON customers
        BEGIN INSERT INTO search_changes (contract_id) SELECT id FROM contracts WHERE customer_id = NEW.id; END;

      CREATE TABLE saved_searches (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        query TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE recent_searches (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        query TEXT NOT NULL,
        ran_at TEXT NOT NULL
      );
    `);
  },
};
