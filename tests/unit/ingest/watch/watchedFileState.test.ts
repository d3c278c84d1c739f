import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  absolutePathOf,
  diffFolderSnapshot,
  relativeKey,
  sameStamp,
} from '../../../../src-main/core/ingest/watch/watchedFileState.ts';
import type { FileStamp, WatchedFileState } from '../../../../src-main/core/ingest/watch/watchedFileState.ts';

const state = (key: string, size: number, mtimeMs: number): [string, WatchedFileState] => [
  key,
  { path: key, size, mtimeMs, contentMac: `mac-of-${key}` },
];
const stamp = (key: string, size: number, mtimeMs: number): [string, FileStamp] => [key, { size, mtimeMs }];

describe('diffFolderSnapshot', () => {
  it('finds what was added, changed (size or mtime, either direction) and removed while the app was closed', () => {
    const previous = new Map([
      state('same.pdf', 10, 1_000),
      state('bigger.pdf', 10, 1_000),
      state('touched.pdf', 10, 1_000),
      state('restored-older.pdf', 10, 5_000),
      state('gone.pdf', 10, 1_000),
      state('sub/gone-too.docx', 3, 1_000),
    ]);
    const current = new Map([
      stamp('same.pdf', 10, 1_000),
      stamp('bigger.pdf', 11, 1_000),
      stamp('touched.pdf', 10, 2_000),
      stamp('restored-older.pdf', 10, 4_000),
      stamp('new.pdf', 1, 1_000),
      stamp('sub/new.xlsx', 1, 1_000),
    ]);
    expect(diffFolderSnapshot(previous, current)).toEqual({
      added: ['new.pdf', 'sub/new.xlsx'],
      changed: ['bigger.pdf', 'restored-older.pdf', 'touched.pdf'],
      removed: ['gone.pdf', 'sub/gone-too.docx'],
    });
  });

  it('reports nothing for an unchanged folder, and everything as added against an empty state', () => {
    const files = new Map([stamp('a.pdf', 1, 1), stamp('b.pdf', 2, 2)]);
    expect(diffFolderSnapshot(new Map(files), files)).toEqual({ added: [], changed: [], removed: [] });
    expect(diffFolderSnapshot(new Map(), files)).toEqual({ added: ['a.pdf', 'b.pdf'], changed: [], removed: [] });
  });

  it('compares mtimes at whole milliseconds, so a state stored as an integer does not flag every file', () => {
    const previous = new Map([state('a.pdf', 5, 1_700_000_000_123)]);
    expect(diffFolderSnapshot(previous, new Map([stamp('a.pdf', 5, 1_700_000_000_123.987)])).changed).toEqual([]);
    expect(diffFolderSnapshot(previous, new Map([stamp('a.pdf', 5, 1_700_000_000_124.001)])).changed).toEqual(['a.pdf']);
  });
});

describe('sameStamp', () => {
  it('needs both size and mtime to match', () => {
    expect(sameStamp({ size: 1, mtimeMs: 10.2 }, { size: 1, mtimeMs: 10.9 })).toBe(true);
    expect(sameStamp({ size: 1, mtimeMs: 10 }, { size: 2, mtimeMs: 10 })).toBe(false);
    expect(sameStamp({ size: 1, mtimeMs: 10 }, { size: 1, mtimeMs: 11 })).toBe(false);
  });
});

describe('relativeKey / absolutePathOf', () => {
  const root = path.resolve('/watched/Dropbox');

  it('makes "/"-separated folder-relative keys and maps them back', () => {
    const file = path.join(root, 'Clients', 'ACME', '合同.pdf');
    expect(relativeKey(root, file)).toBe('Clients/ACME/合同.pdf');
    expect(absolutePathOf(root, 'Clients/ACME/合同.pdf')).toBe(file);
  });

  it('has no key for the root itself or for anything outside it, but keeps names that merely start with ".."', () => {
    expect(relativeKey(root, root)).toBeUndefined();
    expect(relativeKey(root, path.resolve('/watched/elsewhere/x.pdf'))).toBeUndefined();
    expect(relativeKey(root, path.resolve('/watched/Dropbox-other/x.pdf'))).toBeUndefined();
    expect(relativeKey(root, path.join(root, '..draft.pdf'))).toBe('..draft.pdf');
  });
});
