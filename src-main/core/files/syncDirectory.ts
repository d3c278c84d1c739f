import { open } from 'node:fs/promises';

/** Makes a rename durable: on POSIX a new directory entry is only safe once the folder itself is fsynced. */
export async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename's metadata itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
