import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { AppError } from '../../../src-shared/api/appError.ts';

/** Where the store keeps a blob; written out here so the tests also pin the on-disk layout. */
export function blobPath(vaultDir: string, blobId: string): string {
  return join(vaultDir, 'blobs', blobId.slice(0, 2), blobId);
}

export function randomBlobId(): string {
  return randomBytes(16).toString('hex');
}

export function readBlobFile(vaultDir: string, blobId: string): Promise<Buffer> {
  return readFile(blobPath(vaultDir, blobId));
}

/** Puts arbitrary bytes on disk as a new blob and returns its id, so tampered copies never touch the original. */
export async function plantBlob(vaultDir: string, bytes: Uint8Array): Promise<string> {
  const blobId = randomBlobId();
  await mkdir(join(vaultDir, 'blobs', blobId.slice(0, 2)), { recursive: true });
  await writeFile(blobPath(vaultDir, blobId), bytes);
  return blobId;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

export async function expectAppError(promise: Promise<unknown>, code: string, label = ''): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `${label}: expected ${code}, got ${String(error)}`).toBeInstanceOf(AppError);
  expect((error as AppError).code, label).toBe(code);
  return error as AppError;
}
