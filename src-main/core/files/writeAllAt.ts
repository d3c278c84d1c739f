import { write } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** Writes every byte at `position` (a short write continues where it stopped), to an open file handle or descriptor. */
export async function writeAllAt(target: FileHandle | number, bytes: Uint8Array, position: number): Promise<void> {
  const fd = typeof target === 'number' ? target : target.fd;
  let done = 0;
  while (done < bytes.length) {
    done += await new Promise<number>((resolve, reject) => write(fd, bytes, done, bytes.length - done, position + done, (error, written) => (error ? reject(error) : resolve(written))));
  }
}
