import path from 'node:path';

/**
 * What a watched folder remembers about one file between runs. `path` is the folder-relative key
 * (see `relativeKey`), so the state survives the folder being mounted elsewhere (another drive
 * letter, a renamed user folder). `contentMac` is the vault's keyed hash of the imported bytes, for
 * the importer to tell "touched but identical" from a real new version; the watcher only carries it.
 */
export interface WatchedFileState {
  path: string;
  size: number;
  mtimeMs: number;
  contentMac?: string;
}

/** The two facts the watcher compares to decide that a file changed: its size and modification time. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** The result of comparing a folder against what was known about it, as folder-relative keys. */
export interface FolderSnapshotDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

/**
 * Whether two stamps describe the same file version. Modification times are compared at whole
 * milliseconds: the store may keep an integer, and sub-millisecond digits of a double do not
 * survive every round trip (JSON, SQLite INTEGER), which would flag every file as changed at start-up.
 */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && Math.floor(a.mtimeMs) === Math.floor(b.mtimeMs);
}

/**
 * Compares the files found in a folder now with the state recorded on the previous run: what was
 * added, changed (size or mtime differ, in either direction, since a sync client may restore an
 * older copy) or removed while the app was closed. Pure; the result lists are sorted for stable output.
 */
export function diffFolderSnapshot(
  previous: ReadonlyMap<string, FileStamp>,
  current: ReadonlyMap<string, FileStamp>,
): FolderSnapshotDiff {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [key, now] of current) {
    const before = previous.get(key);
    if (before === undefined) added.push(key);
    else if (!sameStamp(before, now)) changed.push(key);
  }
  for (const key of previous.keys()) {
    if (!current.has(key)) removed.push(key);
  }
  return { added: added.sort(), changed: changed.sort(), removed: removed.sort() };
}

/**
 * The folder-relative key of an absolute path: segments joined with '/', whatever the OS, so state
 * written on Windows reads the same on macOS. Returns undefined for the root itself and for paths
 * outside it (which is how a symlink's target would look, and is never watched).
 */
export function relativeKey(root: string, absolutePath: string): string | undefined {
  const relative = path.relative(root, absolutePath);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return undefined;
  }
  return relative.split(path.sep).join('/');
}

/** The absolute path of a folder-relative key under `root` (the inverse of `relativeKey`). */
export function absolutePathOf(root: string, key: string): string {
  return path.join(root, ...key.split('/'));
}
