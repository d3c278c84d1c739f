import { mkdir, open, rename, rm, stat, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../../src-shared/api/appError.ts';
import { FolderWatcher } from '../../../../src-main/core/ingest/watch/folderWatcher.ts';
import type { FolderWatchOptions } from '../../../../src-main/core/ingest/watch/folderWatcher.ts';
import type { WatchedFileState } from '../../../../src-main/core/ingest/watch/watchedFileState.ts';
import {
  fastOptions,
  makeTempFolder,
  QUIET_MS,
  removeFolder,
  sleep,
  waitUntil,
  WatchRecorder,
} from './watchTestSupport.ts';

let root: string;
let outside: string;
const watchers: FolderWatcher[] = [];

beforeEach(async () => {
  root = await makeTempFolder();
  outside = await makeTempFolder('cvault-outside-');
});

afterEach(async () => {
  for (const watcher of watchers.splice(0)) await watcher.stop();
  await removeFolder(root);
  await removeFolder(outside);
});

async function startWatching(options: FolderWatchOptions = {}): Promise<{ watcher: FolderWatcher; seen: WatchRecorder }> {
  const watcher = new FolderWatcher();
  watchers.push(watcher);
  const seen = new WatchRecorder(watcher);
  await watcher.start(root, { ...fastOptions, ...options });
  await waitUntil(() => seen.ready.length > 0, 'ready');
  return { watcher, seen };
}

const file = (...parts: string[]): string => path.join(root, ...parts);

/** The state the lead would store after importing what a watcher handed over. */
function stateFrom(seen: WatchRecorder): WatchedFileState[] {
  const latest = new Map<string, WatchedFileState>();
  for (const event of seen.fileReady) {
    latest.set(event.relativePath, { path: event.relativePath, size: event.size, mtimeMs: event.mtimeMs });
  }
  for (const event of seen.removed) latest.delete(event.relativePath);
  return [...latest.values()];
}

describe('FolderWatcher', () => {
  it('hands over a new file once, after it has been stable', async () => {
    const { seen } = await startWatching();
    await writeFile(file('ACME Sales Contract.pdf'), 'contract text');
    const writtenAt = performance.now();
    const event = await seen.waitForReady('ACME Sales Contract.pdf');
    await sleep(QUIET_MS);

    expect(seen.fileReady).toHaveLength(1);
    expect(event).toMatchObject({ reason: 'added', size: 13, path: file('ACME Sales Contract.pdf') });
    expect(event.mtimeMs).toBe((await stat(file('ACME Sales Contract.pdf'))).mtimeMs);
    expect(event.previous).toBeUndefined();
    expect(event.at - writtenAt).toBeGreaterThanOrEqual(fastOptions.stabilityMs - 10);
    expect(seen.errors).toEqual([]);
  });

  it('gives exactly one event for a file written in 5 chunks over 1.5 s, after the last chunk, with the final size', async () => {
    // Stability longer than the gap between chunks, as with the 2 s default and a slow copy.
    const { seen } = await startWatching({ stabilityMs: 1000 });
    const handle = await open(file('scan.pdf'), 'w');
    let lastChunkAt = 0;
    try {
      for (let chunk = 0; chunk < 5; chunk++) {
        if (chunk > 0) await sleep(375);
        await handle.write(Buffer.alloc(4096, chunk));
        await handle.sync();
        lastChunkAt = performance.now();
      }
    } finally {
      await handle.close();
    }
    const event = await seen.waitForReady('scan.pdf');
    await sleep(QUIET_MS);

    expect(seen.fileReady).toHaveLength(1);
    expect(event.size).toBe(5 * 4096);
    expect(event.at).toBeGreaterThan(lastChunkAt);
    expect(seen.skipped).toEqual([]);
  });

  it('reports a rewritten file as changed, with what was known before', async () => {
    const { seen } = await startWatching();
    await writeFile(file('lease.docx'), 'version 1');
    const first = await seen.waitForReady('lease.docx');
    await writeFile(file('lease.docx'), 'version 2, longer');
    const second = await seen.waitForReady('lease.docx', 2);
    await sleep(QUIET_MS);

    expect(seen.fileReady.map((event) => event.reason)).toEqual(['added', 'changed']);
    expect(second.size).toBe(17);
    expect(second.previous).toEqual({ path: 'lease.docx', size: first.size, mtimeMs: first.mtimeMs });
  });

  it('sees a save through a temp file and rename (Word, Excel) as one change, not a removal and an addition', async () => {
    const { seen } = await startWatching();
    await writeFile(file('budget.xlsx'), 'v1');
    await seen.waitForReady('budget.xlsx');
    await writeFile(file('Cedd4100'), 'v2 of the workbook');
    await unlink(file('budget.xlsx'));
    await rename(file('Cedd4100'), file('budget.xlsx'));
    await seen.waitForReady('budget.xlsx', 2);
    await sleep(QUIET_MS);

    expect(seen.fileReady.map((event) => [event.relativePath, event.reason])).toEqual([
      ['budget.xlsx', 'added'],
      ['budget.xlsx', 'changed'],
    ]);
    expect(seen.removed).toEqual([]);
  });

  it('ignores lock, partial and hidden files; a .crdownload renamed to .pdf is one event for the .pdf', async () => {
    const { seen } = await startWatching();
    await mkdir(file('.git'));
    await Promise.all([
      writeFile(file('~$Lease.docx'), 'owner file'),
      writeFile(file('.~lock.Lease.odt#'), 'lock'),
      writeFile(file('invoice.pdf.part'), 'partial'),
      writeFile(file('.hidden.pdf'), 'hidden'),
      writeFile(file('.git', 'config'), 'hidden folder'),
      writeFile(file('desktop.ini'), '[.ShellClassInfo]'),
      writeFile(file('Thumbs.db'), 'thumbs'),
      writeFile(file('~WRL0001.tmp'), 'word temp'),
    ]);
    const download = await open(file('contract.pdf.crdownload'), 'w');
    await download.write('%PDF-1.7 first half ');
    await sleep(400);
    await download.write('second half');
    await download.close();
    await rename(file('contract.pdf.crdownload'), file('contract.pdf'));
    const event = await seen.waitForReady('contract.pdf');
    await sleep(QUIET_MS);

    expect(seen.fileReady.map((e) => e.relativePath)).toEqual(['contract.pdf']);
    expect(event).toMatchObject({ reason: 'added', size: 31 });
    expect(seen.skipped).toEqual([]);
  });

  it('watches sub-folders, including a folder of files moved in at once', async () => {
    const { seen } = await startWatching();
    await mkdir(file('Clients', 'ACME'), { recursive: true });
    await writeFile(file('Clients', 'ACME', 'nda.pdf'), 'nda');
    await mkdir(path.join(outside, 'Batch', 'inner'), { recursive: true });
    await writeFile(path.join(outside, 'Batch', 'one.pdf'), 'one');
    await writeFile(path.join(outside, 'Batch', 'inner', 'two.pdf'), 'two');
    await rename(path.join(outside, 'Batch'), file('Batch'));
    await seen.waitForReady('Clients/ACME/nda.pdf');
    await seen.waitForReady('Batch/one.pdf');
    await seen.waitForReady('Batch/inner/two.pdf');
    await sleep(QUIET_MS);

    expect(seen.fileReady.map((e) => e.relativePath).sort()).toEqual([
      'Batch/inner/two.pdf',
      'Batch/one.pdf',
      'Clients/ACME/nda.pdf',
    ]);
    expect(seen.fileReady.every((e) => e.reason === 'added')).toBe(true);
    expect(seen.readyFor('Batch/inner/two.pdf')[0]?.path).toBe(file('Batch', 'inner', 'two.pdf'));
  });

  it('watches only the top folder when recursive is false', async () => {
    const { seen } = await startWatching({ recursive: false });
    await mkdir(file('sub'));
    await writeFile(file('sub', 'deep.pdf'), 'deep');
    await writeFile(file('top.pdf'), 'top');
    await seen.waitForReady('top.pdf');
    await sleep(QUIET_MS);
    expect(seen.fileReady.map((e) => e.relativePath)).toEqual(['top.pdf']);
  });

  it('survives a restart: reports what was added, changed and removed while it was stopped', async () => {
    await mkdir(file('sub'));
    await writeFile(file('a.pdf'), 'a v1');
    await writeFile(file('b.pdf'), 'b');
    await writeFile(file('sub', 'd.pdf'), 'd unchanged');
    const first = await startWatching();
    await waitUntil(() => first.seen.fileReady.length === 3, 'the three existing files');
    expect(first.seen.ready[0]?.startupChanges).toEqual({ added: 3, changed: 0, removed: 0 });
    expect(new Set(first.seen.fileReady.map((e) => e.reason))).toEqual(new Set(['startup-added']));
    const knownState = stateFrom(first.seen);
    await first.watcher.stop();

    await writeFile(file('a.pdf'), 'a version 2');
    await unlink(file('b.pdf'));
    await writeFile(file('sub', 'c.pdf'), 'c new');

    const second = await startWatching({ knownState });
    expect(second.seen.ready[0]?.startupChanges).toEqual({ added: 1, changed: 1, removed: 1 });
    await second.seen.waitForReady('sub/c.pdf');
    await second.seen.waitForReady('a.pdf');
    await waitUntil(() => second.seen.removed.length > 0, 'the removal of b.pdf');
    await sleep(QUIET_MS);

    expect(second.seen.fileReady.map((e) => [e.relativePath, e.reason]).sort()).toEqual([
      ['a.pdf', 'startup-changed'],
      ['sub/c.pdf', 'startup-added'],
    ]);
    expect(second.seen.readyFor('a.pdf')[0]?.previous?.size).toBe(4);
    expect(second.seen.removed).toEqual([
      {
        path: file('b.pdf'),
        relativePath: 'b.pdf',
        previous: knownState.find((s) => s.path === 'b.pdf'),
        startup: true,
      },
    ]);
  });

  it('emits an error when the folder disappears, reports no removals, and resumes when it is back', async () => {
    const fixedTime = new Date('2024-03-04T05:06:07.000Z');
    await writeFile(file('kept.pdf'), 'on the drive');
    await utimes(file('kept.pdf'), fixedTime, fixedTime);
    const { watcher, seen } = await startWatching();
    await seen.waitForReady('kept.pdf');

    await rm(root, { recursive: true });
    await waitUntil(() => seen.errors.length > 0, 'an error for the vanished folder');
    const [error] = seen.errors;
    expect(isAppError(error) && error.code).toBe('WATCH_FOLDER_NOT_FOUND');
    expect(isAppError(error) && error.params).toEqual({ dir: root });
    await sleep(500); // several re-attach attempts while it is gone
    expect(watcher.attached).toBe(false);
    expect(seen.errors).toHaveLength(1);

    // The drive comes back (all at once, as a mount does): the same file with the same mtime, plus one added elsewhere meanwhile.
    const drive = path.join(outside, 'drive');
    await mkdir(drive);
    await writeFile(path.join(drive, 'kept.pdf'), 'on the drive');
    await utimes(path.join(drive, 'kept.pdf'), fixedTime, fixedTime);
    await writeFile(path.join(drive, 'added-elsewhere.pdf'), 'new');
    await rename(drive, root);
    await waitUntil(() => seen.ready.length === 2, 'ready after re-attaching');
    expect(seen.ready[1]).toMatchObject({ reattached: true, startupChanges: { added: 1, changed: 0, removed: 0 } });
    await seen.waitForReady('added-elsewhere.pdf');
    // Live events work again after re-attaching.
    await writeFile(file('live.pdf'), 'live');
    await seen.waitForReady('live.pdf');
    await sleep(QUIET_MS);

    expect(seen.fileReady.map((e) => [e.relativePath, e.reason])).toEqual([
      ['kept.pdf', 'startup-added'],
      ['added-elsewhere.pdf', 'startup-added'],
      ['live.pdf', 'added'],
    ]);
    expect(seen.removed).toEqual([]);
    expect(watcher.attached).toBe(true);
  });

  it('reports a missing folder at start and attaches once it appears', async () => {
    await rm(root, { recursive: true });
    const watcher = new FolderWatcher();
    watchers.push(watcher);
    const seen = new WatchRecorder(watcher);
    await watcher.start(root, fastOptions);
    expect(seen.errors.map((e) => isAppError(e) && e.code)).toEqual(['WATCH_FOLDER_NOT_FOUND']);
    const mounted = path.join(outside, 'mounted');
    await mkdir(mounted);
    await writeFile(path.join(mounted, 'first.pdf'), 'x');
    await rename(mounted, root);
    await seen.waitForReady('first.pdf');
    expect(seen.fileReady[0]?.reason).toBe('startup-added');
  });

  it('skips a zero-byte file, and hands it over once it has content', async () => {
    const { seen } = await startWatching();
    await writeFile(file('invoice.pdf'), '');
    await waitUntil(() => seen.skipped.length > 0, 'a skip');
    await sleep(QUIET_MS);
    expect(seen.skipped).toEqual([
      { path: file('invoice.pdf'), relativePath: 'invoice.pdf', reason: 'empty', size: 0 },
    ]);
    expect(seen.fileReady).toEqual([]);

    await writeFile(file('invoice.pdf'), '%PDF-1.4 the real download');
    const event = await seen.waitForReady('invoice.pdf');
    expect(event).toMatchObject({ reason: 'added', size: 26 });
  });

  it('never follows a symlink out of the folder', async () => {
    await writeFile(path.join(outside, 'secret.pdf'), 'not to be imported');
    await symlink(outside, file('linked-folder'));
    await symlink(path.join(outside, 'secret.pdf'), file('linked-file.pdf'));
    const { seen } = await startWatching();
    await writeFile(path.join(outside, 'also-secret.pdf'), 'no');
    await writeFile(file('real.pdf'), 'yes');
    await seen.waitForReady('real.pdf');
    await sleep(QUIET_MS);
    expect(seen.fileReady.map((e) => e.relativePath)).toEqual(['real.pdf']);
    expect(seen.ready[0]?.startupChanges.added).toBe(0);
  });

  it('works by polling, for network shares', async () => {
    const { seen } = await startWatching({ usePolling: true, pollIntervalMs: 100 });
    await writeFile(file('on-the-nas.pdf'), 'polled');
    const event = await seen.waitForReady('on-the-nas.pdf');
    expect(event.reason).toBe('added');
  });

  it('hands a file over again when the importer asks to retry it', async () => {
    const { watcher, seen } = await startWatching();
    await writeFile(file('flaky.pdf'), 'content');
    const event = await seen.waitForReady('flaky.pdf');
    watcher.retry(event);
    const again = await seen.waitForReady('flaky.pdf', 2);
    expect(again).toMatchObject({ reason: 'added', size: event.size, mtimeMs: event.mtimeMs });
  });

  it.each([
    ['native events', {}],
    ['polling', { usePolling: true, pollIntervalMs: 100 }],
  ])('leaves no open handle after stop() (%s)', async (_mode, options: FolderWatchOptions) => {
    const watchedKinds = ['FSEventWrap', 'StatWatcher', 'Timeout', 'FSReqPromise', 'FSReqCallback'];
    const count = (): Record<string, number> => {
      const counts: Record<string, number> = {};
      for (const kind of process.getActiveResourcesInfo()) {
        if (watchedKinds.includes(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
      }
      return counts;
    };
    const before = count();
    await mkdir(file('sub'));
    const { watcher, seen } = await startWatching({ ...options, rescanIntervalMs: 60_000 });
    await writeFile(file('sub', 'a.pdf'), 'a');
    await writeFile(file('b.pdf'), 'being written when stop() is called');
    await seen.waitForReady('sub/a.pdf');
    const during = count();
    expect((during.FSEventWrap ?? 0) + (during.StatWatcher ?? 0)).toBeGreaterThan(0);
    await watcher.stop();
    const after = count();
    for (const kind of watchedKinds) expect(after[kind] ?? 0, kind).toBeLessThanOrEqual(before[kind] ?? 0);
  });
});
