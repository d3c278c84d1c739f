import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateReason } from '../../../src-shared/i18n/translate.ts';
import type { BackupProblem } from '../../../src-shared/model/backup.ts';
import { fillVaultForBackup } from '../../fixtures/backupVaultContent.ts';
import { createTestVault, expectError } from '../../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

/** A part of the file as the format document lays it out, found by reading the raw length fields (not our reader). */
interface Region { start: number; end: number; part: BackupProblem['part']; index: number | null }

function regionsOf(bytes: Buffer): Region[] {
  const headerEnd = 9 + bytes.readUInt32BE(5) + 32;
  const regions: Region[] = [{ start: 0, end: headerEnd, part: 'header', index: null }];
  const trailerStart = bytes.length - 12;
  const manifestStart = Number(bytes.readBigUInt64BE(trailerStart));
  let offset = headerEnd;
  for (let index = 0; offset < manifestStart; index++) {
    const end = offset + 8 + Number(bytes.readBigUInt64BE(offset));
    regions.push({ start: offset, end, part: index === 0 ? 'vault.json' : index === 1 ? 'database' : 'blob', index });
    offset = end;
  }
  regions.push({ start: manifestStart, end: trailerStart, part: 'manifest', index: null }, { start: trailerStart, end: bytes.length, part: 'trailer', index: null });
  return regions;
}

/** Small deterministic PRNG (mulberry32) so a failure can be replayed from the printed seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a damaged backup is detected and the damaged part named', () => {
  let vault: Vault;
  let file: string;
  let original: Buffer;
  beforeAll(async () => {
    vault = await createTestVault();
    await fillVaultForBackup(vault.call, vault.writeInput);
    file = join(vault.root, 'clean.cvbackup');
    // The recovery key (keyed BLAKE2b, no Argon2) keeps 100 verifications fast.
    await vault.call('backup.export', { outPath: file, recoveryKey: vault.recoveryKey });
    original = await readFile(file);
  });
  afterAll(async () => { await vault.cleanup(); });

  it('flips one byte at 100 random offsets: every flip is detected and names exactly the part it hit; none restores', async () => {
    const seed = Number(process.env.BACKUP_FLIP_SEED ?? Date.now() % 1_000_000);
    console.log(`backup corruption seed ${seed} (BACKUP_FLIP_SEED=${seed} replays it); file ${original.length} bytes`);
    const random = prng(seed);
    const regions = regionsOf(original);
    expect(regions.filter((r) => r.part === 'blob')).toHaveLength(10);
    const damaged = join(vault.root, 'damaged.cvbackup');
    const hitParts = new Set<string>();
    for (let trial = 0; trial < 100; trial++) {
      // Every fifth trial aims at the small parts (header, trailer, manifest, vault.json) so they are hit too.
      const small = regions.filter((r) => r.part !== 'blob' && r.part !== 'database');
      const aimed = trial % 5 === 0 ? small[Math.floor(random() * small.length)] : undefined;
      const offset = aimed ? aimed.start + Math.floor(random() * (aimed.end - aimed.start)) : Math.floor(random() * original.length);
      const bytes = Buffer.from(original);
      bytes[offset] = (bytes[offset] ?? 0) ^ (1 + Math.floor(random() * 255));
      await writeFile(damaged, bytes);
      const hit = regions.find((r) => offset >= r.start && offset < r.end);
      if (!hit) throw new Error(`offset ${offset} outside every region`);
      hitParts.add(hit.part);
      const report = await vault.call('backup.verify', { file: damaged, recoveryKey: vault.recoveryKey });
      const context = `trial ${trial}, offset ${offset} in ${hit.part} ${hit.index ?? ''}: ${JSON.stringify(report.problems)}`;
      expect(report.ok, context).toBe(false);
      expect(report.problems.length, context).toBeGreaterThan(0);
      for (const problem of report.problems) {
        expect(problem.part, context).toBe(hit.part);
        if (hit.index !== null) expect(problem.index, context).toBe(hit.index);
        // Why, in the reader's language: a reason key rendered in Chinese, with no English left in it.
        expect(problem.detail, context).toMatch(/^reason\.backup\./);
        expect(translateReason('zh-CN', problem.detail, problem.values), context).not.toMatch(/[A-Za-z]{3,}|\{/);
      }
      if (trial % 10 === 0) {
        const target = join(vault.root, `restore-${trial}`);
        expectError(await vault.backend.invoke('backup.restore', { file: damaged, targetDir: target, recoveryKey: vault.recoveryKey }), 'BACKUP_DAMAGED');
        expect((await readdir(vault.root)).filter((name) => name.includes(`restore-${trial}`))).toEqual([]);
      }
    }
    expect([...hitParts].sort()).toEqual(expect.arrayContaining(['blob', 'header', 'manifest', 'trailer', 'vault.json']));
  });

  it('detects a truncated file, appended bytes and two items swapped', async () => {
    const damaged = join(vault.root, 'cut.cvbackup');
    const regions = regionsOf(original);
    for (const length of [original.length - 1, original.length - 12, regions[3]?.start ?? 0, 100, Math.floor(original.length / 2)]) {
      await writeFile(damaged, original.subarray(0, length));
      const report = await vault.call('backup.verify', { file: damaged, recoveryKey: vault.recoveryKey });
      expect(report.ok, `cut at ${length}`).toBe(false);
    }
    await writeFile(damaged, Buffer.concat([original, Buffer.from('extra')]));
    expect((await vault.call('backup.verify', { file: damaged, recoveryKey: vault.recoveryKey })).ok).toBe(false);

    // Two blob items of the same length swapped: each is now in the other's place.
    const blobs = regions.filter((r) => r.part === 'blob');
    const pair = blobs.flatMap((a) => blobs.filter((b) => b.index !== a.index && b.end - b.start === a.end - a.start).map((b) => [a, b] as const))[0];
    if (pair) {
      const [a, b] = pair;
      const bytes = Buffer.from(original);
      original.copy(bytes, a.start, b.start, b.end);
      original.copy(bytes, b.start, a.start, a.end);
      await writeFile(damaged, bytes);
      const report = await vault.call('backup.verify', { file: damaged, recoveryKey: vault.recoveryKey });
      expect(report.problems.map((p) => p.index).sort()).toEqual([a.index, b.index].sort());
    } else {
      console.log('no two blob items of equal length in this fixture; swap check skipped');
    }
  });
});
