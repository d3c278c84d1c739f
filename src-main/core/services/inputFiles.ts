import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../../src-shared/api/appError.ts';
import type { ReasonKey } from '../../../src-shared/api/errorReasons.ts';
import { errnoReason } from '../../../src-shared/api/errorReasons.ts';

/** Expands the paths a user gave (files or folders, recursively; hidden entries skipped) into files, in order. */
export async function expandInputPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    const path = resolve(given);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const entries = (await readdir(path, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
      files.push(...(await expandInputPaths(entries.map((e) => join(path, e.name)))));
    } else {
      files.push(path); // missing or unreadable paths are reported per file by readInputFile
    }
  }
  return files;
}

/** Reads one input file whole, refusing missing, empty, unreadable and oversized files with a clear error. */
export async function readInputFile(path: string, limit: number): Promise<Uint8Array> {
  const name = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('FILE_UNREADABLE', { file: name, detail: 'reason.notRegularFile' satisfies ReasonKey });
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', { file: path });
    throw new AppError('FILE_UNREADABLE', { file: name, detail: errnoReason(code) }, { cause: error });
  }
  if (size === 0) throw new AppError('FILE_EMPTY', { file: name });
  if (size > limit) throw new AppError('FILE_TOO_LARGE', { file: name, size, limit });
  try {
    const bytes = await readFile(path);
    if (bytes.length === 0) throw new AppError('FILE_EMPTY', { file: name });
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('FILE_UNREADABLE', { file: name, detail: errnoReason(code) }, { cause: error });
  }
}

/** Checks bytes handed over in memory (a browser drop) against the same rules as a file read from disk. */
export function checkInputBytes(name: string, bytes: Uint8Array, limit: number): Uint8Array {
  if (bytes.length === 0) throw new AppError('FILE_EMPTY', { file: name });
  if (bytes.length > limit) throw new AppError('FILE_TOO_LARGE', { file: name, size: bytes.length, limit });
  return bytes;
}
