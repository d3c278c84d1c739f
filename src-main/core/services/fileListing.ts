import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileListing, ListableFileKind, ListedFile } from '../../../src-shared/model/fileListing.ts';
import { checkedFolderPath, listFolders, MAX_LISTED_FOLDERS } from './folderListing.ts';

/**
 * `fs.listFiles`: `fs.listFolders` plus the files of one allowed kind (`.cvbackup`, case-insensitive), for
 * the backup file picker in browser mode. Only names ending in the allowed extension are returned; any
 * other file in the folder stays unnamed (decision 0025). Hidden files are left out, a symbolic link
 * counts when it points at a file, and at most MAX_LISTED_FOLDERS files are returned.
 */
export async function listFiles(path: string | undefined, kind: ListableFileKind): Promise<FileListing> {
  const listing = await listFolders(path);
  if (listing.path === null || path === undefined) return { ...listing, files: [] };
  const dir = checkedFolderPath(path);
  const suffix = `.${kind}`;
  // listFolders has already read this folder (and named its failure); an error here means it changed meanwhile.
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: ListedFile[] = [];
  let more = false;
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !entry.name.toLowerCase().endsWith(suffix) || !(entry.isFile() || entry.isSymbolicLink())) continue;
    if (files.length >= MAX_LISTED_FOLDERS) {
      more = true;
      break;
    }
    const info = await stat(join(dir, entry.name)).catch(() => null);
    if (info === null || !info.isFile()) continue;
    files.push({ name: entry.name, path: join(dir, entry.name), bytes: info.size, modifiedAt: info.mtime.toISOString() });
  }
  files.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }));
  return { ...listing, files, truncated: listing.truncated || more };
}
