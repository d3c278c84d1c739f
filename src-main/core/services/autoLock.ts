import type { VaultDatabase } from '../db/connection.ts';
import { getSetting } from '../db/repositories/settingsRepository.ts';

/** Minutes without activity after which an unlocked vault locks itself, unless the user chose otherwise. */
export const defaultAutoLockMinutes = 15;
/** Longest idle time that can be set: a day. 0 means never. */
export const maxAutoLockMinutes = 1440;
export const autoLockMinutesSetting = 'session.autoLockMinutes';

/** The vault's auto-lock time in minutes (0 = never). */
export function autoLockMinutes(db: VaultDatabase): number {
  const value = getSetting(db, autoLockMinutesSetting);
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= maxAutoLockMinutes ? value : defaultAutoLockMinutes;
}
