import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  FileReadyEvent,
  FileRemovedEvent,
  FileSkippedEvent,
  FolderWatcher,
  FolderWatchOptions,
  WatchReadyEvent,
} from '../../../../src-main/core/ingest/watch/folderWatcher.ts';

export { sleep };

/**
 * Short thresholds keep the suite fast; waits for events are generous (a loaded 2-core CI box can
 * stall timers for a second) and counts are asserted only after a quiet period.
 */
export const fastOptions = {
  stabilityMs: 300,
  debounceMs: 100,
  reattachIntervalMs: 200,
  rescanIntervalMs: 0,
} satisfies FolderWatchOptions;

/** How long to wait for an expected event before failing. */
export const EVENT_TIMEOUT_MS = 15_000;
/** How long nothing more may happen before counts are asserted: several stability periods. */
export const QUIET_MS = 900;

/** A fresh real folder under the OS temp dir. */
export function makeTempFolder(prefix = 'cvault-watch-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Removes a temp folder, whatever state a failed test left it in. */
export function removeFolder(folder: string): Promise<void> {
  return rm(folder, { recursive: true, force: true });
}

/** Polls `condition` until it holds, or fails with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = EVENT_TIMEOUT_MS): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** Everything a FolderWatcher emitted, in order, with the time each event arrived. */
export class WatchRecorder {
  readonly ready: WatchReadyEvent[] = [];
  readonly fileReady: Array<FileReadyEvent & { at: number }> = [];
  readonly removed: FileRemovedEvent[] = [];
  readonly skipped: FileSkippedEvent[] = [];
  readonly errors: Error[] = [];

  constructor(watcher: FolderWatcher) {
    watcher.on('ready', (event) => this.ready.push(event));
    watcher.on('file-ready', (event) => this.fileReady.push({ ...event, at: performance.now() }));
    watcher.on('file-removed', (event) => this.removed.push(event));
    watcher.on('file-skipped', (event) => this.skipped.push(event));
    watcher.on('error', (error) => this.errors.push(error));
  }

  readyFor(relativePath: string): Array<FileReadyEvent & { at: number }> {
    return this.fileReady.filter((event) => event.relativePath === relativePath);
  }

  async waitForReady(relativePath: string, count = 1): Promise<FileReadyEvent & { at: number }> {
    await waitUntil(() => this.readyFor(relativePath).length >= count, `file-ready #${count} for ${relativePath}`);
    const event = this.readyFor(relativePath)[count - 1];
    if (event === undefined) throw new Error('unreachable');
    return event;
  }
}
