import { join } from 'node:path';
import { openVaultDatabase, type VaultDatabase } from '../../src-main/core/db/connection.ts';
import { deriveSubkeys } from '../../src-main/core/vault/subkeys.ts';
import { unlockWithPassphrase } from '../../src-main/core/vault/vaultKeys.ts';

/** Opens a (locked) vault's encrypted database directly, as an attacker holding the passphrase could, to tamper with it in tests. */
export async function openRawVaultDb(vaultDir: string, passphrase: string): Promise<VaultDatabase> {
  const { vaultKey } = await unlockWithPassphrase(vaultDir, passphrase);
  const keys = await deriveSubkeys(vaultKey);
  return openVaultDatabase(join(vaultDir, 'vault.db'), keys.database);
}
