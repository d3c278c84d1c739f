import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { createVault } from '../../src-main/core/vault/vaultKeys.ts';
import { kdfPresets } from '../../src-main/core/vault/kdfParams.ts';
import { buildCrashChild, checkVaultAfterKill, WarmChildren } from '../fixtures/crash/crashHarness.ts';
import { makeTempDir } from '../helpers/tempDir.ts';

/**
 * The long crash proof (`npm run test:crash [-- --kills N]`, default 1,000): a child stores contracts
 * in a loop and is SIGKILLed at a random moment, then the vault is checked as in the CI test
 * (tests/integration/backup/crashSafety.test.ts). Exits non-zero at the first failed check.
 */
const killsArg = process.argv.indexOf('--kills');
const kills = killsArg > 0 ? Number(process.argv[killsArg + 1]) : 1000;
const temp = await makeTempDir('cvault-crash-');
const child = await buildCrashChild();
try {
  const vaultDir = join(temp.dir, 'vault');
  const created = await createVault(vaultDir, 'crash loop passphrase', { kdf: kdfPresets.interactive });
  const env = { CRASH_VAULT_KEY: Buffer.from(created.vaultKey).toString('hex'), CRASH_VAULT_ID: created.header.vaultId };
  const checked = new Set<string>();
  const children = new WarmChildren(child, ['import', vaultDir], env);
  const started = Date.now();
  let swept = 0;
  let versions = 0;
  for (let n = 1; n <= kills; n++) {
    await children.runAndKill(Math.floor(Math.random() * 150));
    const result = await checkVaultAfterKill(vaultDir, created.header.vaultId, created.vaultKey, checked);
    swept += result.sweptBlobs + result.sweptTemps;
    versions = result.versions;
    if (n % 50 === 0) console.log(`${n} kills, ${versions} versions, ${swept} orphans swept, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  await children.close();
  console.log(`crash loop: ${kills} SIGKILLs, all checks passed; ${versions} versions committed and verified; ${swept} orphans swept; ${((Date.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await rm(child, { force: true });
  await temp.cleanup();
}
