import { join } from 'node:path';
import type { Sodium } from '../crypto/sodium.ts';
import { getSodium } from '../crypto/sodium.ts';
import { openVaultDatabase, type VaultDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { listReferencedBlobIds } from '../db/repositories/fileVersionRepository.ts';
import { BlobStore } from '../files/blobStore.ts';
import { acquireVaultLock } from '../vault/vaultLock.ts';
import { deriveSubkeys } from '../vault/subkeys.ts';
import { ExtractionPool } from '../ingest/worker/extractionPool.ts';
import { ensureDefaultRules } from '../services/rulesService.ts';

/** The subkeys an open vault works with, each derived from the vault key for one purpose. */
export type SessionKeys = Awaited<ReturnType<typeof deriveSubkeys>>;

/**
 * An unlocked vault: the process lock, the open encrypted database, the blob store and the subkeys.
 * Opening it migrates the schema and sweeps orphaned blobs (a crash between a blob's write and its
 * row's commit leaves one); closing it zeroes the keys and releases the lock.
 */
export class VaultSession {
  private closed = false;
  private pool: ExtractionPool | null = null;
  private readonly closeHooks: Array<() => Promise<void>> = [];
  /** Session-scoped state a service keeps between calls (e.g. the loaded search index), by name. */
  readonly services = new Map<string, unknown>();

  private constructor(
    readonly dir: string,
    readonly vaultId: string,
    readonly db: VaultDatabase,
    readonly blobs: BlobStore,
    readonly keys: SessionKeys,
    /** Kept only so the passphrase can be changed without asking for the old one again; wiped on close. */
    readonly vaultKey: Uint8Array,
    readonly sodium: Sodium,
    private readonly lock: { release(): Promise<void> },
  ) {}

  /** Opens the vault in `dir` with an already unwrapped vault key. */
  static async open(dir: string, vaultId: string, vaultKey: Uint8Array): Promise<VaultSession> {
    const sodium = await getSodium();
    const lock = await acquireVaultLock(dir);
    let db: VaultDatabase | undefined;
    try {
      const keys = await deriveSubkeys(vaultKey);
      db = openVaultDatabase(join(dir, 'vault.db'), keys.database);
      migrate(db);
      ensureDefaultRules(db);
      const blobs = new BlobStore(dir);
      await blobs.sweep(listReferencedBlobIds(db));
      return new VaultSession(dir, vaultId, db, blobs, keys, Uint8Array.from(vaultKey), sodium, lock);
    } catch (error) {
      db?.close();
      await lock.release();
      throw error;
    }
  }

  /** The worker threads that parse imported files, started on first use and stopped at lock. */
  extractionPool(): ExtractionPool {
    this.pool ??= new ExtractionPool();
    return this.pool;
  }

  /** Runs `hook` when the session closes, before the database closes and the keys are wiped (e.g. to save the search index). */
  onClose(hook: () => Promise<void>): void {
    this.closeHooks.push(hook);
  }

  /** Closes the database, wipes the keys from memory and releases the vault lock; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      // A hook that fails (e.g. a full disk while saving the search index) must not keep the vault open.
      for (const hook of this.closeHooks.splice(0)) await hook().catch(() => undefined);
      this.services.clear();
      await this.pool?.close();
      this.pool = null;
      this.db.close();
    } finally {
      for (const key of Object.values(this.keys)) this.sodium.memzero(key);
      this.sodium.memzero(this.vaultKey);
      await this.lock.release();
    }
  }
}
