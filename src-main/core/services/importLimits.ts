import { getSetting } from '../db/repositories/settingsRepository.ts';
import type { VaultDatabase } from '../db/connection.ts';

/** Default largest file accepted by import: big enough for scanned contracts, small enough to refuse a disk image. */
export const defaultMaxFileBytes = 512 * 1024 * 1024;
export const maxFileBytesSetting = 'import.maxFileBytes';

/** The vault's configured import size limit in bytes. */
export function maxFileBytes(db: VaultDatabase): number {
  const value = getSetting(db, maxFileBytesSetting);
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : defaultMaxFileBytes;
}

export const ocrEnabledSetting = 'import.ocr';

/** Whether import reads scans and images with OCR (on unless the user turned it off). */
export function ocrEnabled(db: VaultDatabase): boolean {
  return getSetting(db, ocrEnabledSetting) !== false;
}
