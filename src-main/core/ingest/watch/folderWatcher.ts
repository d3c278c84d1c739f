import { EventEmitter } from 'node:events';
import type { Stats } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextCheckPhase, setTimeout as sleep } from 'node:timers/promises';
import { FSWatcher } from 'chokidar';
import type { Throttler } from 'chokidar';
import { AppError } from '../../../../src-shared/api/appError.ts';
import { isUnderUnreadable, scanFolder } from './folderSnapshot.ts';
import { isIgnoredRelativePath } from './ignoredFiles.ts';
import { StableFileDetector } from './stableFileDetector.ts';
import type { StabilityVerdict, WriteLockProbe } from './stableFileDetector.ts';
import { absolutePathOf, diffFolderSnapshot, relativeKey, sameStamp } from './watchedFileState.ts';
import type { FileStamp, WatchedFileState } from './watchedFileState.ts';

/**
 * Why a file is handed to the importer: seen by a live event (`added`, `changed`), or found by the
 * comparison with the previous run's state when the watch started or re-attached (`startup-*`).
 * `changed` / `startup-changed` mean a new version of a file imported before.
 */
export type FileReadyReason = 'added' | 'changed' | 'startup-added' | 'startup-changed';

/** A file that finished changing and can be imported now. */
export interface FileReadyEvent {
  /** Absolute path under the folder as the user gave it (the import's source). */
  path: string;
  /** Folder-relative key, '/'-separated: what to store as `WatchedFileState.path`. */
  relativePath: string;
  reason: FileReadyReason;
  size: number;
  mtimeMs: number;
  /** What was known before (with its `contentMac`), for a change; undefined for a new file. */
  previous?: WatchedFileState;
}

/** A file that was known and is no longer in the folder. The contract stays in the vault: only the source link is gone. */
export interface FileRemovedEvent {
  path: string;
  relativePath: string;
  previous: WatchedFileState;
  /** True when the removal was found by the start-up / re-attach comparison rather than a live event. */
  startup: boolean;
}

/** Why a present file is not handed to the importer. */
export type FileSkipReason = 'empty' | 'online-only' | 'unreadable';

/** A file the watcher will not hand over as it is now; it is looked at again when it changes. */
export interface FileSkippedEvent {
  path: string;
  relativePath: string;
  reason: FileSkipReason;
  size?: number;
  /** fs error code, for `unreadable`. */
  code?: string;
}

/** The watch is (again) attached to the folder; start-up changes are queued, and arrive once stable. */
export interface WatchReadyEvent {
  folder: string;
  reattached: boolean;
  /** What the comparison with the known state found (files are still checked for stability after this). */
  startupChanges: { added: number; changed: number; removed: number };
}

/** Events of a FolderWatcher. */
export type FolderWatcherEventMap = {
  ready: [event: WatchReadyEvent];
  'file-ready': [event: FileReadyEvent];
  'file-removed': [event: FileRemovedEvent];
  'file-skipped': [event: FileSkippedEvent];
  /** AppError WATCH_FOLDER_NOT_FOUND when the folder is missing or went away (re-attach is then retried), or an fs error of the watcher. */
  error: [error: Error];
};

/** Options of `FolderWatcher.start`. */
export interface FolderWatchOptions {
  /** Watch sub-folders too (default true). */
  recursive?: boolean;
  /** Quiet time after the last event for a file before it is considered (default 500 ms). */
  debounceMs?: number;
  /** Time size and mtime must stay unchanged (default 2000 ms). */
  stabilityMs?: number;
  /** What the previous run recorded (from the vault); differences are reported at start as `startup-*` and removals. */
  knownState?: Iterable<WatchedFileState>;
  /** Poll instead of native events: for network shares, where change notifications are unreliable (default false). */
  usePolling?: boolean;
  /** Interval of polling mode (default 2000 ms). */
  pollIntervalMs?: number;
  /** How often the folder's presence is checked, and re-attaching is tried while it is gone (default 5000 ms). */
  reattachIntervalMs?: number;
  /** A full re-comparison at this interval catches events a platform dropped; 0 turns it off (default 15 min). */
  rescanIntervalMs?: number;
  /** Read cloud online-only placeholders, which downloads them (default false: report them as skipped). */
  importOnlineOnly?: boolean;
  /** Extra filter on files by folder-relative key, after the built-in ignore rules (e.g. supported formats only). */
  include?: (relativePath: string) => boolean;
  /** Replaces the platform's write-lock probe (see stableFileDetector.ts). */
  writeLockProbe?: WriteLockProbe;
}

type ResolvedOptions = Required<Omit<FolderWatchOptions, 'knownState' | 'writeLockProbe'>> &
  Pick<FolderWatchOptions, 'writeLockProbe'>;

type WatchState = 'idle' | 'attached' | 'detached' | 'stopped';

function resolveOptions(options: FolderWatchOptions): ResolvedOptions {
  const nonNegative = (value: number | undefined, fallback: number): number =>
    value === undefined || !Number.isFinite(value) ? fallback : Math.max(0, value);
  return {
    recursive: options.recursive ?? true,
    debounceMs: nonNegative(options.debounceMs, 500),
    stabilityMs: nonNegative(options.stabilityMs, 2000),
    usePolling: options.usePolling ?? false,
    pollIntervalMs: Math.max(50, nonNegative(options.pollIntervalMs, 2000)),
    reattachIntervalMs: Math.max(50, nonNegative(options.reattachIntervalMs, 5000)),
    rescanIntervalMs: nonNegative(options.rescanIntervalMs, 15 * 60_000),
    importOnlineOnly: options.importOnlineOnly ?? false,
    include: options.include ?? (() => true),
    writeLockProbe: options.writeLockProbe,
  };
}

/**
 * Closes a chokidar watcher and waits until its handles are really released. chokidar 4 leaves its
 * 50-100 ms throttle timers running after close(), and fs.watch handles finish closing one loop
 * turn later: both would keep a CLI alive or show up as leaked handles.
 */
async function closeChokidar(watcher: FSWatcher): Promise<void> {
  for (const byPath of watcher._throttled.values()) {
    for (const throttle of byPath.values()) (throttle as Throttler).clear();
  }
  await watcher.close();
  await nextCheckPhase();
  await sleep(0);
}

/** Whether chokidar should skip a path: symlinks (never followed out of the folder) and ignored names below the root. */
function chokidarIgnores(realRoot: string, candidate: string, stats: Stats | undefined): boolean {
  const key = relativeKey(realRoot, candidate);
  if (key === undefined) return false;
  if (stats?.isSymbolicLink()) return true;
  return isIgnoredRelativePath(key);
}

/**
 * Watches one folder (a Dropbox/OneDrive/Google Drive folder, a NAS share) and hands over each file
 * once it has finished changing: debounced (five saves in three seconds give one event), never
 * half-written (see StableFileDetector), never a temp/lock/placeholder file (see ignoredFiles.ts),
 * never through a symlink. On start it compares the folder with `knownState` to report what changed
 * while the app was closed. When the folder disappears (unplugged drive, unmounted share) it emits
 * WATCH_FOLDER_NOT_FOUND, reports no removals, and re-attaches when the folder is back.
 * Listen for 'error' before calling start(); without a listener errors are dropped rather than thrown.
 */
export class FolderWatcher extends EventEmitter<FolderWatcherEventMap> {
  #state: WatchState = 'idle';
  /** The folder as the user gave it, made absolute: reported paths live under it. */
  #folder = '';
  /** The folder with symlinks in its own path resolved: what is actually watched and scanned. */
  #realRoot = '';
  #rootIdentity: { dev: number; ino: number } | undefined;
  #options: ResolvedOptions = resolveOptions({});
  #known = new Map<string, WatchedFileState>();
  /** Last skip reported per key, so an unchanged skipped file is not reported again at every event or rescan. */
  readonly #skipped = new Map<string, string>();
  /** Keys queued by a start-up / re-attach comparison, reported with `startup-*` reasons. */
  readonly #startupKeys = new Set<string>();
  #detector: StableFileDetector | undefined;
  #chokidar: FSWatcher | undefined;
  #healthTimer: ReturnType<typeof setInterval> | undefined;
  #rescanTimer: ReturnType<typeof setInterval> | undefined;
  #reattachTimer: ReturnType<typeof setTimeout> | undefined;
  #healthCheckRunning = false;
  /** Bumped whenever the watch detaches or stops: async work of an older generation discards its result. */
  #generation = 0;
  #abort = new AbortController();
  readonly #tasks = new Set<Promise<void>>();

  /** The watched folder as given to start() (absolute), or '' before start. */
  get folder(): string {
    return this.#folder;
  }

  /** Whether the folder is currently present and watched. */
  get attached(): boolean {
    return this.#state === 'attached';
  }

  /**
   * Starts watching `folder`. Resolves once the watch is attached and the start-up comparison has
   * queued its changes (or, when the folder is missing, once WATCH_FOLDER_NOT_FOUND has been emitted
   * and re-attaching is scheduled).
   */
  async start(folder: string, options: FolderWatchOptions = {}): Promise<void> {
    if (this.#state === 'attached' || this.#state === 'detached') {
      throw new Error('FolderWatcher is already running; stop() it before starting again');
    }
    this.#folder = path.resolve(folder);
    this.#options = resolveOptions(options);
    this.#known = new Map();
    for (const state of options.knownState ?? []) this.#known.set(state.path, { ...state });
    this.#skipped.clear();
    this.#startupKeys.clear();
    this.#generation += 1;
    this.#abort = new AbortController();
    this.#detector = new StableFileDetector({
      stabilityMs: this.#options.stabilityMs,
      debounceMs: this.#options.debounceMs,
      importOnlineOnly: this.#options.importOnlineOnly,
      ...(this.#options.writeLockProbe ? { writeLockProbe: this.#options.writeLockProbe } : {}),
      onVerdict: (filePath, verdict) => this.#onVerdict(filePath, verdict),
      onError: (error) => this.#emitError(error),
    });
    this.#state = 'detached';
    await this.#track(this.#attach(false));
  }

  /** Stops watching. Resolves when every watcher handle, timer and file operation is gone, so the process can exit. */
  async stop(): Promise<void> {
    if (this.#state === 'idle' || this.#state === 'stopped') return;
    this.#state = 'stopped';
    this.#invalidate();
    const watcher = this.#chokidar;
    this.#chokidar = undefined;
    if (watcher) void this.#track(closeChokidar(watcher));
    await this.#detector?.close();
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }

  /**
   * The importer could not take a file it was handed (it vanished or was locked while being read):
   * forget that the event was handled and check the file again. Ignored when a newer version of the
   * file has been reported since.
   */
  retry(event: FileReadyEvent): void {
    const current = this.#known.get(event.relativePath);
    if (current === undefined || !sameStamp(current, event)) return;
    if (event.previous) this.#known.set(event.relativePath, event.previous);
    else this.#known.delete(event.relativePath);
    if (this.#state === 'attached') this.#detector?.touch(absolutePathOf(this.#realRoot, event.relativePath));
  }

  /** Ends the current generation: timers off, walks aborted, results of older async work discarded. */
  #invalidate(): void {
    this.#generation += 1;
    this.#abort.abort();
    this.#abort = new AbortController();
    clearInterval(this.#healthTimer);
    clearInterval(this.#rescanTimer);
    clearTimeout(this.#reattachTimer);
    this.#healthTimer = undefined;
    this.#rescanTimer = undefined;
    this.#reattachTimer = undefined;
    this.#detector?.clear();
    this.#startupKeys.clear();
  }

  #track(work: Promise<void>): Promise<void> {
    const tracked: Promise<void> = work
      .catch((error: unknown) => this.#emitError(error))
      .finally(() => this.#tasks.delete(tracked));
    this.#tasks.add(tracked);
    return tracked;
  }

  #emitError(error: unknown): void {
    // An 'error' event without a listener throws; a background watcher must never take the app down.
    if (this.listenerCount('error') === 0) return;
    this.emit('error', error instanceof Error ? error : new Error(String(error)));
  }

  #notFound(): AppError {
    return new AppError('WATCH_FOLDER_NOT_FOUND', { dir: this.#folder });
  }

  async #attach(reattached: boolean): Promise<void> {
    const generation = this.#generation;
    let realRoot: string;
    let rootStats: Stats;
    try {
      // The user's folder may itself be a symlink (macOS ~/Dropbox points into ~/Library/CloudStorage): follow that one link only.
      realRoot = await realpath(this.#folder);
      rootStats = await stat(realRoot);
      if (!rootStats.isDirectory()) throw new AppError('WATCH_FOLDER_NOT_FOUND', { dir: this.#folder });
    } catch {
      if (generation !== this.#generation) return;
      if (!reattached) this.#emitError(this.#notFound());
      this.#scheduleReattach();
      return;
    }
    if (generation !== this.#generation) return;

    const watcher = this.#createChokidar(realRoot);
    this.#chokidar = watcher;
    const stopped = new Promise<void>((resolve) => this.#abort.signal.addEventListener('abort', () => resolve(), { once: true }));
    const ready = new Promise<void>((resolve) => watcher.once('ready', resolve));
    watcher.add(realRoot);
    await Promise.race([ready, stopped]);
    if (generation !== this.#generation) {
      await closeChokidar(watcher);
      return;
    }

    this.#realRoot = realRoot;
    this.#rootIdentity = { dev: rootStats.dev, ino: rootStats.ino };
    this.#state = 'attached';
    let startupChanges: WatchReadyEvent['startupChanges'];
    try {
      startupChanges = await this.#reconcile(true);
    } catch {
      // The folder went away during the first walk: treat it like any disappearance.
      if (generation === this.#generation) this.#detach();
      return;
    }
    if (generation !== this.#generation) return;
    this.#healthTimer = setInterval(() => void this.#track(this.#checkHealth()), this.#options.reattachIntervalMs);
    if (this.#options.rescanIntervalMs > 0) {
      this.#rescanTimer = setInterval(() => void this.#track(this.#rescan()), this.#options.rescanIntervalMs);
    }
    this.emit('ready', { folder: this.#folder, reattached, startupChanges });
  }

  #scheduleReattach(): void {
    if (this.#state !== 'detached') return;
    this.#reattachTimer = setTimeout(() => {
      this.#reattachTimer = undefined;
      void this.#track(this.#attach(true));
    }, this.#options.reattachIntervalMs);
  }

  /** The folder is gone: drop the watch and everything pending, say so once, and try to re-attach. */
  #detach(): void {
    if (this.#state !== 'attached') return;
    this.#state = 'detached';
    this.#invalidate();
    const watcher = this.#chokidar;
    this.#chokidar = undefined;
    if (watcher) void this.#track(closeChokidar(watcher));
    this.#emitError(this.#notFound());
    this.#scheduleReattach();
  }

  /** Whether the folder is still the one attached: present, a directory, and the same directory (not deleted and re-created). */
  async #rootStillAttached(): Promise<boolean> {
    try {
      const realRoot = await realpath(this.#folder);
      if (realRoot !== this.#realRoot) return false;
      const stats = await stat(realRoot);
      const identity = this.#rootIdentity;
      if (!stats.isDirectory() || identity === undefined) return false;
      // Some network file systems report no inode (0); then presence is all that can be checked.
      return stats.dev === identity.dev && (stats.ino === 0 || identity.ino === 0 || stats.ino === identity.ino);
    } catch {
      return false;
    }
  }

  async #checkHealth(): Promise<void> {
    if (this.#state !== 'attached' || this.#healthCheckRunning) return;
    this.#healthCheckRunning = true;
    const generation = this.#generation;
    try {
      const attached = await this.#rootStillAttached();
      if (!attached && generation === this.#generation) this.#detach();
    } finally {
      this.#healthCheckRunning = false;
    }
  }

  /**
   * Compares the folder with what is known and queues every difference in the detector (so even a
   * start-up change is handed over only once stable). Returns the counts found.
   */
  async #reconcile(startup: boolean): Promise<WatchReadyEvent['startupChanges']> {
    const generation = this.#generation;
    const snapshot = await scanFolder(this.#realRoot, {
      recursive: this.#options.recursive,
      include: this.#options.include,
      signal: this.#abort.signal,
    });
    if (generation !== this.#generation) return { added: 0, changed: 0, removed: 0 };
    const diff = diffFolderSnapshot(this.#known, snapshot.files);
    // A sub-folder that could not be read says nothing about the files known inside it.
    const removed = diff.removed.filter((key) => !isUnderUnreadable(key, snapshot.unreadable));
    for (const key of [...diff.added, ...diff.changed, ...removed]) {
      if (startup) this.#startupKeys.add(key);
      this.#detector?.touch(absolutePathOf(this.#realRoot, key));
    }
    return { added: diff.added.length, changed: diff.changed.length, removed: removed.length };
  }

  async #rescan(): Promise<void> {
    if (this.#state !== 'attached') return;
    const generation = this.#generation;
    try {
      await this.#reconcile(false);
    } catch {
      if (generation === this.#generation) await this.#checkHealth();
    }
  }

  #createChokidar(realRoot: string): FSWatcher {
    const { recursive, usePolling, pollIntervalMs } = this.#options;
    const watcher = new FSWatcher({
      persistent: true,
      ignoreInitial: true,
      followSymlinks: false,
      // Atomic-save detection is done by the detector (an unlink then add within the quiet period is a change); chokidar's own leaves timers behind.
      atomic: false,
      ignorePermissionErrors: true,
      usePolling,
      interval: pollIntervalMs,
      binaryInterval: pollIntervalMs,
      ...(recursive ? {} : { depth: 0 }),
      ignored: (candidate: string, stats?: Stats) => chokidarIgnores(realRoot, candidate, stats),
    });
    const current = (): boolean => this.#chokidar === watcher && this.#state === 'attached';
    const onFile = (filePath: string): void => {
      if (current()) this.#onFileEvent(realRoot, filePath);
    };
    watcher.on('add', onFile);
    watcher.on('change', onFile);
    watcher.on('unlink', onFile);
    watcher.on('addDir', (dirPath: string) => {
      if (current()) this.#onDirAdded(realRoot, dirPath);
    });
    watcher.on('unlinkDir', (dirPath: string) => {
      if (current()) this.#onDirRemoved(realRoot, dirPath);
    });
    watcher.on('error', (error: unknown) => {
      if (current()) void this.#track(this.#onWatcherError(error));
    });
    return watcher;
  }

  #wanted(key: string): boolean {
    // chokidar's depth limit still reports files of sub-folders created later; enforce it here.
    if (!this.#options.recursive && key.includes('/')) return false;
    return !isIgnoredRelativePath(key) && this.#options.include(key);
  }

  #onFileEvent(realRoot: string, filePath: string): void {
    const key = relativeKey(realRoot, filePath);
    if (key !== undefined && this.#wanted(key)) this.#detector?.touch(absolutePathOf(realRoot, key));
  }

  /** A folder moved in: queue what it holds (chokidar reports some of it too; the detector merges both). */
  #onDirAdded(realRoot: string, dirPath: string): void {
    const key = relativeKey(realRoot, dirPath);
    if (key === undefined || !this.#options.recursive || isIgnoredRelativePath(key)) return;
    const generation = this.#generation;
    const walk = async (): Promise<void> => {
      const snapshot = await scanFolder(realRoot, {
        under: key,
        recursive: this.#options.recursive,
        include: this.#options.include,
        signal: this.#abort.signal,
      }).catch(() => undefined);
      if (snapshot === undefined || generation !== this.#generation) return;
      for (const fileKey of snapshot.files.keys()) this.#detector?.touch(absolutePathOf(realRoot, fileKey));
    };
    void this.#track(walk());
  }

  /** A folder went away: the root means detaching; a sub-folder means re-checking every known file below it. */
  #onDirRemoved(realRoot: string, dirPath: string): void {
    const key = relativeKey(realRoot, dirPath);
    if (key === undefined) {
      void this.#track(this.#checkHealth());
      return;
    }
    const prefix = `${key}/`;
    for (const known of this.#known.keys()) {
      if (known.startsWith(prefix)) this.#detector?.touch(absolutePathOf(realRoot, known));
    }
  }

  /** A watcher error may just be the folder vanishing (Windows reports an unplugged drive this way): check that first. */
  async #onWatcherError(error: unknown): Promise<void> {
    await this.#checkHealth();
    if (this.#state === 'attached') this.#emitError(error);
  }

  #onVerdict(filePath: string, verdict: StabilityVerdict): void {
    if (this.#state !== 'attached') return;
    const key = relativeKey(this.#realRoot, filePath);
    if (key === undefined) return;
    const startup = this.#startupKeys.delete(key);
    const reportedPath = absolutePathOf(this.#folder, key);
    switch (verdict.kind) {
      case 'stable':
        this.#settled(key, reportedPath, verdict.stamp, startup);
        return;
      case 'gone': {
        this.#skipped.delete(key);
        const previous = this.#known.get(key);
        if (previous !== undefined) void this.#track(this.#confirmRemoval(key, previous, startup));
        return;
      }
      case 'empty':
      case 'online-only':
        this.#skip(key, `${verdict.kind}:${verdict.stamp.size}:${verdict.stamp.mtimeMs}`, {
          path: reportedPath,
          relativePath: key,
          reason: verdict.kind,
          size: verdict.stamp.size,
        });
        return;
      case 'unreadable':
        this.#skip(key, `unreadable:${verdict.code}`, {
          path: reportedPath,
          relativePath: key,
          reason: 'unreadable',
          code: verdict.code,
        });
        return;
    }
  }

  #settled(key: string, reportedPath: string, stamp: FileStamp, startup: boolean): void {
    this.#skipped.delete(key);
    const previous = this.#known.get(key);
    // Same size and mtime as what was already handed over: an event without a new version (attributes, a rescan).
    if (previous !== undefined && sameStamp(previous, stamp)) return;
    const reason: FileReadyReason =
      previous === undefined ? (startup ? 'startup-added' : 'added') : startup ? 'startup-changed' : 'changed';
    this.#known.set(key, { path: key, size: stamp.size, mtimeMs: stamp.mtimeMs });
    const event: FileReadyEvent = { path: reportedPath, relativePath: key, reason, size: stamp.size, mtimeMs: stamp.mtimeMs };
    if (previous !== undefined) event.previous = previous;
    this.emit('file-ready', event);
  }

  #skip(key: string, signature: string, event: FileSkippedEvent): void {
    if (this.#skipped.get(key) === signature) return;
    this.#skipped.set(key, signature);
    this.emit('file-skipped', event);
  }

  /** Reports a removal only while the folder itself is still there: files of an unplugged drive are not "removed". */
  async #confirmRemoval(key: string, previous: WatchedFileState, startup: boolean): Promise<void> {
    const generation = this.#generation;
    const attached = await this.#rootStillAttached();
    if (generation !== this.#generation) return;
    if (!attached) {
      this.#detach();
      return;
    }
    const filePath = absolutePathOf(this.#realRoot, key);
    const isFile = await lstat(filePath).then(
      (stats) => stats.isFile(),
      () => false,
    );
    if (generation !== this.#generation || this.#known.get(key) !== previous) return;
    if (isFile) {
      // It came back meanwhile (a save that deletes then renames): judge it as a change instead.
      this.#detector?.touch(filePath);
      return;
    }
    this.#known.delete(key);
    this.#skipped.delete(key);
    this.emit('file-removed', { path: absolutePathOf(this.#folder, key), relativePath: key, previous, startup });
  }
}
