import Database from 'better-sqlite3-multiple-ciphers';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/api/appError.ts';
import { listBlobDigests, listReferencedBlobIds } from '../db/repositories/fileVersionRepository.ts';
import type { VaultSession } from '../session/vaultSession.ts';

/** A consistent copy of the open vault's database, still SQLCipher-encrypted with the database key. */
export interface DatabaseSnapshot {
  path: string;
  size: number;
  schemaVersion: number;
  /** Every blob the snapshot's rows point at, sorted. */
  blobIds: string[];
  /** The SHA-256 of each blob's file recorded when it was written (blobs stored before schema 5 are absent). */
  blobDigests: Map<string, string>;
  /** Deletes the snapshot file. */
  remove(): Promise<void>;
}

/**
 * Copies the database with `VACUUM INTO` while the vault stays open: SQLite runs it inside one read
 * transaction, so it is a consistent snapshot even while imports commit. SQLite3 Multiple Ciphers
 * writes the copy encrypted with the same key (tests/unit/backup checks the bytes), so only
 * ciphertext touches the disk. It goes to blobs/.tmp, which every unlock sweeps, so a crash mid-backup
 * leaves nothing behind for long.
 */
export async function takeDatabaseSnapshot(session: VaultSession): Promise<DatabaseSnapshot> {
  const tempDir = join(session.dir, 'blobs', '.tmp');
  await mkdir(tempDir, { recursive: true });
  const path = join(tempDir, `snapshot-${session.sodium.to_hex(session.sodium.randombytes_buf(16))}`);
  const remove = () => rm(path, { force: true });
  try {
    session.db.prepare('VACUUM INTO ?').run(path);
    const snapshotDb = openSnapshotDatabase(path, session.keys.database);
    try {
      const schemaVersion = snapshotDb.pragma('user_version', { simple: true }) as number;
      const blobIds = [...listReferencedBlobIds(snapshotDb)].sort();
      const blobDigests = listBlobDigests(snapshotDb);
      return { path, size: (await stat(path)).size, schemaVersion, blobIds, blobDigests, remove };
    } finally {
      snapshotDb.close();
    }
  } catch (error) {
    await remove();
    if (error instanceof AppError) throw error;
    throw new AppError('DATABASE_CORRUPT', { detail: (error as Error).message.split('\n')[0] ?? '' }, { cause: error });
  }
}

/** Opens a snapshot (or restored) database file read-only with the database key. */
export function openSnapshotDatabase(path: string, key: Uint8Array): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
