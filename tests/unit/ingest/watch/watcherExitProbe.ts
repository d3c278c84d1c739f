/**
 * Run as its own process by folderWatcherExit.test.ts: watches a temp folder, receives one file,
 * stops, and then must exit by itself. It never calls process.exit(): a handle left open by the
 * watcher would keep it alive and the test would see a timeout instead of an exit.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FolderWatcher } from '../../../../src-main/core/ingest/watch/folderWatcher.ts';

const usePolling = process.argv.includes('--poll');
// The test owns the folder and deletes it only after this process ended: deleting a watched folder
// closes its watch handles, which would hide a leak.
const root = process.argv[2] ?? '';
const watcher = new FolderWatcher();
const received: string[] = [];
const errors: string[] = [];
watcher.on('error', (error) => errors.push(error.message));
const fileReady = new Promise<void>((resolve) => {
  watcher.on('file-ready', (event) => {
    received.push(event.relativePath);
    resolve();
  });
});
await watcher.start(root, { stabilityMs: 200, debounceMs: 50, reattachIntervalMs: 100, usePolling, pollIntervalMs: 100 });
await writeFile(path.join(root, 'contract.txt'), 'hello');
await fileReady;
// A second file still being judged when stop() comes: its pending check must not hold the process either.
await writeFile(path.join(root, 'late.txt'), 'late');
await watcher.stop();
process.stdout.write(`${JSON.stringify({ received, errors })}\n`);
