/** Settings stored inside the vault (encrypted), shared by every door. */
export interface VaultSettings {
  /** Largest file import accepts, in bytes. */
  importMaxFileBytes: number;
  /** Template of contracts' display and export names, e.g. `{customer}-{type}-{signingDate}-{number}`. */
  namingTemplate: string;
  /** Pattern for numbering new contracts that carry no number, e.g. `HT-{yyyy}-{seq:4}`; null = do not number. */
  contractNumberPattern: string | null;
  /** Read scanned PDFs and images with OCR at import (English and Simplified Chinese, offline). */
  ocrEnabled: boolean;
  /** Minutes without any activity after which the unlocked vault locks itself; 0 = never. */
  autoLockMinutes: number;
  /** Days after the last good backup before the app warns (a banner in the shell and the Backups page); 0 = as soon as time has passed. */
  backupWarnDays: number;
}
