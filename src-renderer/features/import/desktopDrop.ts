import type { Envelope } from '../../../src-shared/api/envelope.ts';

/** How a drop becomes an import: by the files' paths on disk (Electron: `contracts.import`), or by their bytes (browser mode: `contracts.importBytes`). */
export type DropImport = { kind: 'paths'; paths: string[] } | { kind: 'bytes' };

/**
 * In the Electron shell the preload's `pathForFile` gives each dropped file's (or folder's) path, and the
 * backend reads it itself: no bytes cross IPC and folders are walked by the backend. A drop with any
 * item that has no path (dragged from another app's memory, not from disk) goes by bytes, as in a browser.
 */
export function dropImportOf(files: readonly object[], pathForFile: ((file: object) => string) | undefined): DropImport {
  if (pathForFile === undefined || files.length === 0) return { kind: 'bytes' };
  const paths: string[] = [];
  for (const file of files) {
    let path = '';
    try {
      path = pathForFile(file);
    } catch {
      return { kind: 'bytes' };
    }
    if (typeof path !== 'string' || path === '') return { kind: 'bytes' };
    if (!paths.includes(path)) paths.push(path);
  }
  return { kind: 'paths', paths };
}

/** The last segment of a path, for the queue's row (a folder shows as its name). */
export function nameOfPath(path: string): string {
  const trimmed = path.replace(/[\\/]+$/u, '');
  return trimmed.split(/[\\/]/u).at(-1) || path;
}

/** The files chosen in the shell's import dialog (`desktop.chooseImportFiles`); none when cancelled or refused. */
export function pathsOfImportChoice(answer: Envelope<unknown> | null): string[] {
  if (answer === null || !answer.ok) return [];
  const paths = (answer.value as { paths?: unknown }).paths;
  return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string' && p !== '') : [];
}
