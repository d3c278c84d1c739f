import { prepareCached } from '../statementCache.ts';
import type { VaultDatabase } from '../connection.ts';

/** A vault setting's stored JSON value, or undefined. */
export function getSetting(db: VaultDatabase, key: string): unknown {
  const row = prepareCached(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row === undefined ? undefined : JSON.parse(row.value);
}

/** Removes a vault setting (call inside the caller's transaction); true when there was one. */
export function deleteSetting(db: VaultDatabase, key: string): boolean {
  return prepareCached(db, 'DELETE FROM settings WHERE key = ?').run(key).changes > 0;
}

/** Stores a vault setting as JSON (call inside the caller's transaction). */
export function setSetting(db: VaultDatabase, key: string, value: unknown): void {
  prepareCached(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}
