import { execFile } from 'node:child_process';

/**
 * Allocates a file's blocks up to `length` bytes (and sets its size to at least that), on Linux, through
 * util-linux's `fallocate(1)`: Node has no fallocate(2). It lets direct writes into the file run side by side.
 * On ext4 a direct write that extends a file, or fills a hole, holds the inode lock exclusively until
 * it completes, so writes from several threads queue one behind another. Into allocated blocks they
 * share the lock (decision 0028). Resolves whether it worked; anything else (another system, no
 * `fallocate`, a file system without it) leaves the file as it was, and the writes are only slower.
 */
export async function preallocate(path: string, length: number): Promise<boolean> {
  if (process.platform !== 'linux' || !Number.isSafeInteger(length) || length <= 0) return false;
  return new Promise((resolve) => {
    execFile('fallocate', ['--length', String(length), path], { timeout: 10_000, windowsHide: true }, (error) => resolve(error === null));
  });
}
