import type { Migration } from '../migration.ts';

/**
 * Issue 7 (decision 0028): the SHA-256 of each blob file's bytes (ciphertext: it reveals nothing about the
 * document), taken as the blob is written. A backup's manifest records each item's hash; with these an
 * export no longer reads every blob twice over (once to hash, once to seal) and the hash in a backup is the
 * one taken when the blob was stored, so verify also catches a blob that changed on disk after its import.
 * Rows written before this migration have none (null): export hashes those blobs as it reads them.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'blob-digests',
  up(db) {
    db.exec(`
      ALTER TABLE file_versions ADD COLUMN blob_sha256 TEXT;
      ALTER TABLE file_versions ADD COLUMN text_blob_sha256 TEXT;
    `);
  },
};
