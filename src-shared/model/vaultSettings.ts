/** Settings stored inside the vault (encrypted), shared by every door. */
export interface VaultSettings {
  /** Largest file import accepts, in bytes. */
  importMaxFileBytes: number;
}
