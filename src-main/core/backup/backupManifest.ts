import type { WrittenItem } from './backupItems.ts';

/** The last item of a `.cvbackup` file: every other item with its place, size and hash. */
export interface BackupManifest {
  manifestVersion: 1;
  backupId: string;
  vaultId: string;
  createdAt: string;
  /** The database schema version of the snapshot (PRAGMA user_version). */
  schemaVersion: number;
  items: WrittenItem[];
}

/** Validates the shape of a decoded manifest; undefined when it is not one. */
export function parseManifest(bytes: Uint8Array): BackupManifest | undefined {
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as BackupManifest;
    if (value.manifestVersion !== 1 || !Array.isArray(value.items)) return undefined;
    const wellFormed = value.items.every((item, position) => item.index === position
      && ['vault.json', 'database', 'blob'].includes(item.kind)
      && typeof item.name === 'string' && Number.isSafeInteger(item.offset) && Number.isSafeInteger(item.length)
      && Number.isSafeInteger(item.size) && /^[0-9a-f]{64}$/.test(item.sha256));
    return wellFormed ? value : undefined;
  } catch {
    return undefined;
  }
}
