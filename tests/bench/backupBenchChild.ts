import { randomBytes } from 'node:crypto';
import { createContentMac } from '../../src-main/core/crypto/contentMac.ts';
import { exportBackup } from '../../src-main/core/backup/backupExport.ts';
import { verifyBackupFile } from '../../src-main/core/backup/backupVerify.ts';
import { newBackupKey } from '../../src-main/core/backup/backupKey.ts';
import { initFolder } from '../../src-main/core/backup/backupFolder.ts';
import { openFolder, runFolderBackup } from '../../src-main/core/backup/folderBackup.ts';
import { storeVersion } from '../../src-main/core/services/import/storeVersion.ts';
import { VaultSession } from '../../src-main/core/session/vaultSession.ts';
import { kdfPresets } from '../../src-main/core/vault/kdfParams.ts';
import { unlockWithPassphrase, unlockWithRecoveryKey } from '../../src-main/core/vault/vaultKeys.ts';

/**
 * One measured step of the backup benchmark, in its own process so its peak RSS is its own:
 *   generate <vault> <mb>        adds contracts of 2 MB random (incompressible, like PDFs) bytes
 *   export <vault> <file>        .cvbackup with the recovery key (no Argon2: the KDF is measured apart)
 *   export-passphrase <vault> <file>  .cvbackup with a SENSITIVE backup passphrase (Argon2id in a worker)
 *   verify <file>
 *   run <vault> <folder>         incremental run to a backup folder (created on first use)
 *   kdf                          the SENSITIVE Argon2id of a backup passphrase alone
 * Prints one JSON line: seconds of the step (after unlock), bytes, the process's peak RSS and the step's own (sampled) in MB.
 */
const [mode, a, b] = process.argv.slice(2);
const passphrase = 'bench passphrase';
const recoveryKey = process.env.BENCH_RECOVERY_KEY ?? '';
const MB = 1024 * 1024;

async function open(dir: string): Promise<VaultSession> {
  const { vaultKey, header } = await unlockWithPassphrase(dir, passphrase);
  return VaultSession.open(dir, header.vaultId, vaultKey);
}

let seconds = 0;
/** RSS when the step starts (after the vault is opened), to tell the step's own memory from the process's. */
let rssBeforeMB = 0;
let bytes = 0;
/** RSS sampled every 10 ms from the step's start: the step's own peak (the process peak also holds the unlock's Argon2id worker). */
let stepPeakRss = 0;
/** CPU time of the whole process (every thread) when the step starts. */
let cpuAtStart: NodeJS.CpuUsage | undefined;
const started = () => {
  cpuAtStart = process.cpuUsage();
  rssBeforeMB = Math.round(process.memoryUsage().rss / 1024 / 1024);
  stepPeakRss = process.memoryUsage().rss;
  setInterval(() => { stepPeakRss = Math.max(stepPeakRss, process.memoryUsage().rss); }, 10).unref();
  return performance.now();
};
if (mode === 'generate') {
  const session = await open(a ?? '');
  const t0 = started();
  const count = Math.ceil(Number(b) / 2);
  for (let n = 0; n < count; n++) {
    const original = randomBytes(2 * MB);
    const mac = await createContentMac(session.keys.contentMac);
    mac.update(original);
    const fileName = `bench-${Date.now()}-${n}.pdf`;
    await storeVersion({ session, actor: 'bench', locale: 'en' },
      { label: fileName, fileName, bytes: original, sourcePath: null, sourceKind: 'file', parentVersionId: null, depth: 0 },
      { format: 'pdf', mime: 'application/pdf', pages: [`Contract ${n}`], metadata: {} }, mac.digestHex(),
      { customerId: null, contractId: null, newContractTitle: fileName, role: 'main' });
    bytes += original.length;
  }
  seconds = (performance.now() - t0) / 1000;
  await session.close();
} else if (mode === 'export') {
  const session = await open(a ?? '');
  const t0 = started();
  const result = await exportBackup(session, b ?? '', { secret: { kind: 'recovery', recoveryKey }, kdf: kdfPresets.sensitive });
  seconds = (performance.now() - t0) / 1000;
  bytes = result.bytes;
  await session.close();
} else if (mode === 'export-passphrase') {
  const session = await open(a ?? '');
  const t0 = started();
  const result = await exportBackup(session, b ?? '', { secret: { kind: 'passphrase', passphrase: 'a backup passphrase' }, kdf: kdfPresets.sensitive });
  seconds = (performance.now() - t0) / 1000;
  bytes = result.bytes;
  await session.close();
} else if (mode === 'verify') {
  const t0 = started();
  const report = await verifyBackupFile(a ?? '', { kind: 'recovery', recoveryKey });
  if (!report.ok) throw new Error(JSON.stringify(report.problems.slice(0, 3)));
  seconds = (performance.now() - t0) / 1000;
  bytes = report.checkedBytes;
} else if (mode === 'run') {
  const session = await open(a ?? '');
  const folderDir = b ?? '';
  const { vaultKey } = await unlockWithRecoveryKey(a ?? '', recoveryKey);
  vaultKey.fill(0);
  const { spec, key } = await newBackupKey({ kind: 'recovery', recoveryKey }, kdfPresets.interactive);
  await initFolder(folderDir, session.vaultId, spec);
  const folder = await openFolder(folderDir, { kind: 'recovery', recoveryKey }, session.vaultId);
  key.fill(0);
  const t0 = started();
  const result = await runFolderBackup(session, folder);
  seconds = (performance.now() - t0) / 1000;
  bytes = result.newBytes;
  await session.close();
} else if (mode === 'kdf') {
  const t0 = started();
  const { key } = await newBackupKey({ kind: 'passphrase', passphrase: 'a backup passphrase' }, kdfPresets.sensitive);
  key.fill(0);
  seconds = (performance.now() - t0) / 1000;
}
const cpu = process.cpuUsage(cpuAtStart);
process.stdout.write(`${JSON.stringify({ mode, seconds, bytes, userSeconds: cpu.user / 1e6, systemSeconds: cpu.system / 1e6, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), rssBeforeMB, rssAfterMB: Math.round(process.memoryUsage().rss / 1024 / 1024), stepPeakRssMB: Math.round(Math.max(stepPeakRss, process.memoryUsage().rss) / 1024 / 1024) })}\n`);
