import type { VaultDatabase } from '../db/connection.ts';
import { getSetting } from '../db/repositories/settingsRepository.ts';

/** Days after the last good backup before the UI warns, unless the user chose otherwise. */
export const defaultBackupWarnDays = 7;
/** Longest threshold that can be set: a year. 0 warns as soon as any time has passed since the last backup. */
export const maxBackupWarnDays = 366;
export const backupWarnDaysSetting = 'backup.warnAfterDays';

/**
 * The warning threshold in days: the vault setting when the user set one; otherwise the schedule's own
 * `warnAfterDays` (older vaults set it there, through `backup.schedule.set`); otherwise the default.
 */
export function backupWarnDays(db: VaultDatabase): number {
  const value = getSetting(db, backupWarnDaysSetting);
  if (isDays(value)) return value;
  const schedule = getSetting(db, 'backup.schedule') as { warnAfterDays?: unknown } | undefined;
  return isDays(schedule?.warnAfterDays) ? schedule.warnAfterDays : defaultBackupWarnDays;
}

function isDays(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= maxBackupWarnDays;
}
