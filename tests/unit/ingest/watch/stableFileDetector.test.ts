import { lstat, mkdir, open, stat, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  probeWindowsWriteLock,
  StableFileDetector,
} from '../../../../src-main/core/ingest/watch/stableFileDetector.ts';
import type {
  StabilityVerdict,
  StableFileDetectorOptions,
} from '../../../../src-main/core/ingest/watch/stableFileDetector.ts';
import { makeTempFolder, QUIET_MS, removeFolder, sleep, waitUntil } from './watchTestSupport.ts';

interface Settled {
  path: string;
  verdict: StabilityVerdict;
  at: number;
}

let folder: string;
let detector: StableFileDetector | undefined;

beforeEach(async () => {
  folder = await makeTempFolder('cvault-stable-');
});

afterEach(async () => {
  await detector?.close();
  detector = undefined;
  await removeFolder(folder);
});

function startDetector(options: Partial<StableFileDetectorOptions> = {}): Settled[] {
  const settled: Settled[] = [];
  detector = new StableFileDetector({
    stabilityMs: 300,
    debounceMs: 100,
    ...options,
    onVerdict: (filePath, verdict) => settled.push({ path: filePath, verdict, at: performance.now() }),
    onError: (error) => {
      throw error;
    },
  });
  return settled;
}

function only(settled: Settled[]): Settled {
  expect(settled).toHaveLength(1);
  const [first] = settled;
  if (first === undefined) throw new Error('unreachable');
  return first;
}

describe('StableFileDetector', () => {
  it('settles a file once its size and mtime have held for stabilityMs', async () => {
    const settled = startDetector();
    const file = path.join(folder, 'a.pdf');
    await writeFile(file, 'contract text');
    const touchedAt = performance.now();
    detector?.touch(file);
    await waitUntil(() => settled.length > 0, 'a verdict');
    await sleep(QUIET_MS);
    const result = only(settled);
    const stats = await stat(file);
    expect(result.verdict).toEqual({ kind: 'stable', stamp: { size: 13, mtimeMs: stats.mtimeMs } });
    expect(result.at - touchedAt).toBeGreaterThanOrEqual(290);
  });

  it('keeps waiting while a writer appends without any event, and settles on the final size', async () => {
    const settled = startDetector({ stabilityMs: 600 });
    const file = path.join(folder, 'growing.pdf');
    const handle = await open(file, 'w');
    detector?.touch(file); // one event only: the detector must see the rest by itself
    let lastWriteAt = 0;
    try {
      for (let chunk = 0; chunk < 5; chunk++) {
        await handle.write(Buffer.alloc(1000, chunk));
        lastWriteAt = performance.now();
        await sleep(200);
      }
    } finally {
      await handle.close();
    }
    await waitUntil(() => settled.length > 0, 'a verdict');
    await sleep(QUIET_MS);
    const result = only(settled);
    expect(result.verdict.kind).toBe('stable');
    expect(result.verdict.kind === 'stable' && result.verdict.stamp.size).toBe(5000);
    expect(result.at).toBeGreaterThan(lastWriteAt);
  });

  it('reports a zero-byte placeholder as empty', async () => {
    const settled = startDetector();
    const file = path.join(folder, 'placeholder.pdf');
    await writeFile(file, '');
    detector?.touch(file);
    await waitUntil(() => settled.length > 0, 'a verdict');
    expect(only(settled).verdict.kind).toBe('empty');
  });

  it('reports a file with a size but no data on disk as online-only, unless told to read it', async () => {
    const file = path.join(folder, 'cloud.pdf');
    await writeFile(file, '');
    await truncate(file, 1 << 20); // sparse: how a dataless cloud placeholder looks to stat
    const blocks = (await lstat(file)).blocks;
    expect(blocks, 'this file system should keep a truncated file sparse').toBe(0);

    const settled = startDetector();
    detector?.touch(file);
    await waitUntil(() => settled.length > 0, 'a verdict');
    expect(only(settled).verdict).toMatchObject({ kind: 'online-only', stamp: { size: 1 << 20 } });
    await detector?.close();

    const readAnyway = startDetector({ importOnlineOnly: true });
    detector?.touch(file);
    await waitUntil(() => readAnyway.length > 0, 'a verdict');
    expect(only(readAnyway).verdict).toMatchObject({ kind: 'stable', stamp: { size: 1 << 20 } });
  });

  it('says gone for a missing path, a folder, and a symlink (never followed)', async () => {
    const settled = startDetector();
    const target = path.join(folder, 'real.pdf');
    await writeFile(target, 'x');
    await mkdir(path.join(folder, 'dir.pdf'));
    await symlink(target, path.join(folder, 'link.pdf'));
    for (const name of ['missing.pdf', 'dir.pdf', 'link.pdf']) detector?.touch(path.join(folder, name));
    await waitUntil(() => settled.length === 3, 'three verdicts');
    expect(settled.map((entry) => entry.verdict.kind)).toEqual(['gone', 'gone', 'gone']);
  });

  it('treats a delete-then-recreate within the quiet period as one change of the file', async () => {
    const settled = startDetector();
    const file = path.join(folder, 'saved.docx');
    await writeFile(file, 'v1');
    detector?.touch(file);
    await unlink(file);
    detector?.touch(file);
    await sleep(50);
    await writeFile(file, 'version 2');
    detector?.touch(file);
    await waitUntil(() => settled.length > 0, 'a verdict');
    await sleep(QUIET_MS);
    expect(only(settled).verdict).toMatchObject({ kind: 'stable', stamp: { size: 9 } });
  });

  it('waits while the file is held open for writing (a Windows sharing violation) and settles once it is released', async () => {
    let locked = true;
    let probes = 0;
    const settled = startDetector({
      // Stands in for the OS: Linux has no mandatory sharing modes to trigger a real EBUSY.
      writeLockProbe: () => {
        probes += 1;
        return Promise.resolve(locked);
      },
    });
    const file = path.join(folder, 'open-in-word.docx');
    await writeFile(file, 'being edited');
    detector?.touch(file);
    await waitUntil(() => probes >= 2, 'two lock probes');
    expect(settled).toHaveLength(0);
    locked = false;
    await waitUntil(() => settled.length > 0, 'a verdict after the lock is released');
    expect(only(settled).verdict.kind).toBe('stable');
  });

  it('reports nothing after close(), and leaves no timer behind', async () => {
    const timersBefore = process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const settled = startDetector({ stabilityMs: 400 });
    const file = path.join(folder, 'late.pdf');
    await writeFile(file, 'x');
    detector?.touch(file);
    await sleep(50);
    await detector?.close();
    const timersAfter = process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    expect(timersAfter).toBeLessThanOrEqual(timersBefore);
    await sleep(600);
    expect(settled).toHaveLength(0);
  });
});

describe('probeWindowsWriteLock', () => {
  it('finds no lock on a free file and leaves it untouched (opening for write writes nothing)', async () => {
    const file = path.join(folder, 'free.pdf');
    await writeFile(file, 'signed');
    const before = await stat(file);
    await sleep(20);
    expect(await probeWindowsWriteLock(file)).toBe(false);
    const after = await stat(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
  });
});
