import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../src-shared/api/appError.ts';

export type VaultDatabase = Database.Database;

/**
 * Opens (or creates) the SQLCipher-encrypted vault database with a raw 256-bit key derived from the
 * vault key, so no second password KDF runs at unlock. WAL with synchronous=FULL: a committed import
 * survives power loss (NORMAL could lose the last transactions, and losing a contract row whose blob
 * exists is exactly what must never happen). secure_delete zeroes freed pages so erased contracts do
 * not linger in free space. quick_check runs at every open.
 */
export function openVaultDatabase(path: string, key: Uint8Array): VaultDatabase {
  const db = new Database(path);
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (cause) {
      // The key comes from an unlocked header, so a refusal here means the file itself is damaged.
      throw new AppError('DATABASE_CORRUPT', { detail: (cause as Error).message }, { cause });
    }
    db.pragma('journal_mode=WAL');
    db.pragma('synchronous=FULL');
    db.pragma('foreign_keys=ON');
    db.pragma('secure_delete=ON');
    db.pragma('busy_timeout=5000');
    // 64 MB of page cache: quick_check at every unlock re-reads (and decrypts) the whole database, and with
    // SQLite's default 2 MB it costs ~230 ms on a 10,000-contract vault instead of ~80 ms.
    db.pragma('cache_size=-65536');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new AppError('DATABASE_CORRUPT', { detail: String(check) });
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw new AppError('DATABASE_CORRUPT', { detail: (error as Error).message }, { cause: error });
  }
}
