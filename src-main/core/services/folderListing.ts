import { access, mkdir, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, normalize, parse } from 'node:path';
import { AppError } from '../../../src-shared/api/appError.ts';
import type { FolderListing, ListedFolder } from '../../../src-shared/model/folderListing.ts';

/** Most folders one listing returns; a folder with more is shown truncated (the user can type the path). */
export const MAX_LISTED_FOLDERS = 2000;

/**
 * An absolute, already-normalised path, or FOLDER_PATH_INVALID: a relative path would resolve against
 * the backend's working directory, and `..` segments are refused outright rather than resolved, so the
 * picker only ever moves by names it was shown (or by `parent`).
 */
export function checkedFolderPath(path: string): string {
  const segments = path.split(/[\\/]+/u);
  if (!isAbsolute(path) || path.includes('\u0000') || segments.includes('..') || segments.includes('.')) {
    throw new AppError('FOLDER_PATH_INVALID', { path });
  }
  const normal = normalize(path);
  return parse(normal).root === normal ? normal : normal.replace(/[\\/]+$/u, '');
}

/** The filesystem roots: `/`, or on Windows each drive letter that answers. */
export async function filesystemRoots(platform: NodeJS.Platform = process.platform): Promise<string[]> {
  if (platform !== 'win32') return ['/'];
  const letters = 'CDEFGHIJKLMNOPQRSTUVWXYZAB'.split('');
  const present = await Promise.all(letters.map(async (l) => access(`${l}:\\`).then(() => `${l}:\\`, () => null)));
  return present.filter((root): root is string => root !== null);
}

/**
 * `fs.listFolders`: the subfolders of an absolute folder (no files, no hidden folders), or with no path
 * just the start places (home and roots). Used before a vault is unlocked, to pick where to create or
 * find one; it reads only names the user's own file manager shows them.
 */
export async function listFolders(path: string | undefined): Promise<FolderListing> {
  const home = homedir();
  const roots = await filesystemRoots();
  if (path === undefined) return { path: null, parent: null, home, roots, folders: [], truncated: false };
  const dir = checkedFolderPath(path);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('FOLDER_PATH_NOT_FOUND', { path: dir });
    throw new AppError('FOLDER_PATH_UNREADABLE', { path: dir });
  }
  // Symbolic links to folders count as folders (a NAS mount, a cloud-drive folder): they are what users pick.
  const candidates = entries.filter((e) => !e.name.startsWith('.') && (e.isDirectory() || e.isSymbolicLink()));
  const folders: ListedFolder[] = [];
  for (const entry of candidates) {
    if (entry.isSymbolicLink() && !(await isFolder(join(dir, entry.name)))) continue;
    folders.push({ name: entry.name, path: join(dir, entry.name) });
  }
  folders.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }));
  const parent = dirname(dir) === dir ? null : dirname(dir);
  return { path: dir, parent, home, roots, folders: folders.slice(0, MAX_LISTED_FOLDERS), truncated: folders.length > MAX_LISTED_FOLDERS };
}

async function isFolder(path: string): Promise<boolean> {
  return readdir(path).then(() => true, () => false);
}

/** `fs.createFolder`: one new folder (a single name, not a path) inside an existing absolute folder; FOLDER_NAME_TAKEN if it exists. */
export async function createFolder(parentPath: string, name: string): Promise<{ path: string }> {
  const parent = checkedFolderPath(parentPath);
  const path = join(parent, name);
  try {
    await mkdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('FOLDER_NAME_TAKEN', { name });
    if (code === 'ENOENT') throw new AppError('FOLDER_PATH_NOT_FOUND', { path: parent });
    throw new AppError('FOLDER_PATH_UNREADABLE', { path: parent });
  }
  return { path };
}
