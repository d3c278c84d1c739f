import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { isAbsentError } from './fsErrorCode.ts';
import { isIgnoredName } from './ignoredFiles.ts';
import { absolutePathOf } from './watchedFileState.ts';
import type { FileStamp } from './watchedFileState.ts';

/** The files found in a watched folder, and the places that could not be read. */
export interface FolderSnapshot {
  /** Folder-relative key -> size and mtime of every regular file that may be imported. */
  files: Map<string, FileStamp>;
  /**
   * Keys of sub-folders or files that could not be read (permissions, I/O errors). What was known
   * below them must not be taken as removed: a share that hiccups is not a user deleting files.
   */
  unreadable: string[];
}

/** How to walk a watched folder. */
export interface ScanOptions {
  /** Descend into sub-folders (default true). */
  recursive?: boolean;
  /** Start below this folder-relative key instead of at the root (a folder that was just moved in). */
  under?: string;
  /** Extra filter on file keys, after the ignore rules (e.g. only formats the importer reads). */
  include?: (key: string) => boolean;
  /** Stops a long walk (a large share) when the watcher is stopped; the scan then rejects with the abort reason. */
  signal?: AbortSignal;
}

/** How many lstat calls one directory issues at once: enough to hide latency on a share, few enough not to flood it. */
const STAT_BATCH = 32;

/**
 * Lists the regular files of a watched folder with their size and mtime. Symlinks and junctions are
 * skipped, never followed, so nothing outside the folder is listed; ignored names (see
 * ignoredFiles.ts) prune whole sub-trees. Rejects when the starting folder itself cannot be read:
 * the caller treats that as the folder being gone.
 */
export async function scanFolder(root: string, options: ScanOptions = {}): Promise<FolderSnapshot> {
  const recursive = options.recursive ?? true;
  const include = options.include ?? (() => true);
  const files = new Map<string, FileStamp>();
  const unreadable: string[] = [];
  const start = options.under ?? '';
  const pending: string[] = [start];

  for (let dirKey = pending.pop(); dirKey !== undefined; dirKey = pending.pop()) {
    options.signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = await readdir(dirKey === '' ? root : absolutePathOf(root, dirKey), { withFileTypes: true });
    } catch (error) {
      if (dirKey === start) throw error;
      // A sub-folder deleted during the walk is really gone; any other failure leaves its contents unknown.
      if (!isAbsentError(error)) unreadable.push(dirKey);
      continue;
    }
    const fileKeys: string[] = [];
    for (const entry of entries) {
      if (isIgnoredName(entry.name) || entry.isSymbolicLink()) continue;
      const key = dirKey === '' ? entry.name : `${dirKey}/${entry.name}`;
      if (entry.isDirectory()) {
        if (recursive) pending.push(key);
      } else if (entry.isFile() && include(key)) {
        fileKeys.push(key);
      }
    }
    for (let i = 0; i < fileKeys.length; i += STAT_BATCH) {
      await Promise.all(
        fileKeys.slice(i, i + STAT_BATCH).map(async (key) => {
          try {
            const stats = await lstat(absolutePathOf(root, key));
            if (stats.isFile()) files.set(key, { size: stats.size, mtimeMs: stats.mtimeMs });
          } catch (error) {
            if (!isAbsentError(error)) unreadable.push(key);
          }
        }),
      );
    }
  }
  return { files, unreadable };
}

/** Whether `key` is, or lies below, one of the unreadable keys of a snapshot. */
export function isUnderUnreadable(key: string, unreadable: readonly string[]): boolean {
  return unreadable.some((prefix) => key === prefix || key.startsWith(`${prefix}/`));
}

