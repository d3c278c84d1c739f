import { lstat, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { fsErrorCode, isAbsentError } from './fsErrorCode.ts';
import type { FileStamp } from './watchedFileState.ts';

/** What the detector concluded about a path once it stopped changing. */
export type StabilityVerdict =
  /** Unchanged for the whole quiet period, readable, and (on Windows) not open for writing elsewhere. */
  | { kind: 'stable'; stamp: FileStamp }
  /** Zero bytes: a placeholder (Firefox's, a sync client's) or a file about to be written. Not imported. */
  | { kind: 'empty'; stamp: FileStamp }
  /** Has a size but no data on disk: a cloud "online-only" placeholder that reading would download. */
  | { kind: 'online-only'; stamp: FileStamp }
  /** Present but cannot be read (permissions, an I/O error of a network share). */
  | { kind: 'unreadable'; code: string }
  /** No regular file there any more (deleted, renamed away, replaced by a folder or a symlink). */
  | { kind: 'gone' };

/** Tells whether another process holds a file open for writing; the default depends on the OS. */
export type WriteLockProbe = (path: string) => Promise<boolean>;

/** Settings of a StableFileDetector; the two callbacks are how it reports. */
export interface StableFileDetectorOptions {
  /** How long size and mtime must stay unchanged, measured by our own stat calls. Default 2000 ms. */
  stabilityMs?: number;
  /** How long no watcher event may arrive for the path (events that change neither size nor mtime count too). Default 500 ms. */
  debounceMs?: number;
  /** Read online-only placeholders anyway (which downloads them). Default false: report them as skipped. */
  importOnlineOnly?: boolean;
  /** Replaces the platform's write-lock probe (tests simulate a Windows sharing violation with it). */
  writeLockProbe?: WriteLockProbe;
  /** Called once per settled path; the path is then forgotten until it is touched again. */
  onVerdict: (path: string, verdict: StabilityVerdict) => void;
  /** Called for unexpected failures inside the detector; it keeps running. */
  onError?: (error: unknown) => void;
}

/** Above this size a file with no allocated blocks is a placeholder, not a tiny file stored inline (NTFS resident data, ext4 inline data). */
const ONLINE_ONLY_MIN_BYTES = 4096;
/** A file held open for writing is re-checked with a growing delay, up to this. */
const MAX_LOCK_BACKOFF_MS = 30_000;
/** Opening files is bounded so a folder of 500 new files cannot exhaust file descriptors (macOS allows 256 by default). */
const MAX_CONCURRENT_PROBES = 8;

type Observation =
  | { kind: 'file'; stamp: FileStamp; blocks: number }
  | { kind: 'absent' }
  | { kind: 'error'; code: string };

interface PendingFile {
  readonly path: string;
  /** When the last watcher event for this path arrived (monotonic ms). */
  lastEventAt: number;
  /** Identity of the last observation; a change restarts the stability clock. */
  observationKey: string | undefined;
  /** Since when the current observation has held (monotonic ms). */
  observedSince: number;
  /** Not before this time (monotonic ms): set while the file is locked by a writer. */
  notBefore: number;
  lockRetries: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  running: boolean;
  /** An event arrived while a check was running: look again before deciding. */
  woken: boolean;
}

const now = (): number => performance.now();

function observationKey(observation: Observation): string {
  switch (observation.kind) {
    case 'file':
      // Blocks are part of the identity so a placeholder being downloaded (blocks growing, size fixed) is not stable yet.
      return `file:${observation.stamp.size}:${observation.stamp.mtimeMs}:${observation.blocks}`;
    case 'absent':
      return 'absent';
    case 'error':
      return `error:${observation.code}`;
  }
}

/** lstat, not stat: a symlink is never followed, so nothing outside the watched folder is ever read. */
async function observe(path: string): Promise<Observation> {
  try {
    const stats = await lstat(path);
    if (!stats.isFile()) return { kind: 'absent' };
    return { kind: 'file', stamp: { size: stats.size, mtimeMs: stats.mtimeMs }, blocks: stats.blocks };
  } catch (error) {
    if (isAbsentError(error)) return { kind: 'absent' };
    return { kind: 'error', code: fsErrorCode(error) };
  }
}

/** Whether a file has a size but no allocated data: how macOS (dataless files) and Windows (cloud files) show online-only placeholders. */
function looksOnlineOnly(stamp: FileStamp, blocks: number): boolean {
  return blocks === 0 && stamp.size > ONLINE_ONLY_MIN_BYTES;
}

type ReadProbe = 'ok' | 'absent' | 'busy' | { code: string };

/** Opens the file and reads its first byte: the importer will be able to, and an I/O error of a share shows up here. */
async function probeReadable(path: string): Promise<ReadProbe> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    await handle.read(Buffer.alloc(1), 0, 1, 0);
    return 'ok';
  } catch (error) {
    if (isAbsentError(error)) return 'absent';
    // Windows maps a sharing or lock violation to EBUSY: a writer opened the file without sharing read access.
    if (fsErrorCode(error) === 'EBUSY') return 'busy';
    return { code: fsErrorCode(error) };
  } finally {
    await handle?.close();
  }
}

/**
 * Windows: whether another process has the file open for writing without sharing write access
 * (what Office, most editors and copy operations do). Asking for write access then fails with a
 * sharing violation (EBUSY). Opening for writing changes nothing on disk. A read-only file or share
 * refuses write access (EACCES/EPERM/EROFS): that is not a lock, so the file counts as free.
 */
export async function probeWindowsWriteLock(path: string): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r+');
    return false;
  } catch (error) {
    return fsErrorCode(error) === 'EBUSY';
  } finally {
    await handle?.close();
  }
}

/** The probe for this OS: Windows has mandatory sharing modes to detect; macOS and Linux locks are advisory, so there is nothing to ask. */
export const platformWriteLockProbe: WriteLockProbe =
  process.platform === 'win32' ? probeWindowsWriteLock : () => Promise.resolve(false);

/** A tiny counting semaphore for file opens. */
class ProbeSlots {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number) {
    this.#free = size;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    }
  }
}

type Decision = StabilityVerdict | 'look-again' | 'wait';

/**
 * Decides when a file that a watcher reported has finished changing. Watcher events only wake it:
 * the decision rests on its own lstat calls (size, mtime and allocated blocks unchanged for
 * `stabilityMs`, no event for `debounceMs`), so it behaves the same on every OS, with polling, and
 * when a network share drops events. A settled file must also open for reading and, on Windows, not
 * be held open for writing. Each touched path gets exactly one verdict per settling.
 */
export class StableFileDetector {
  readonly #stabilityMs: number;
  readonly #debounceMs: number;
  readonly #importOnlineOnly: boolean;
  readonly #writeLockProbe: WriteLockProbe;
  readonly #onVerdict: (path: string, verdict: StabilityVerdict) => void;
  readonly #onError: (error: unknown) => void;
  readonly #entries = new Map<string, PendingFile>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #slots = new ProbeSlots(MAX_CONCURRENT_PROBES);
  #closed = false;

  constructor(options: StableFileDetectorOptions) {
    this.#stabilityMs = options.stabilityMs ?? 2000;
    this.#debounceMs = options.debounceMs ?? 500;
    this.#importOnlineOnly = options.importOnlineOnly ?? false;
    this.#writeLockProbe = options.writeLockProbe ?? platformWriteLockProbe;
    this.#onVerdict = options.onVerdict;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Something happened at `path` (or it needs checking): restart its quiet period and look at it now. */
  touch(path: string): void {
    if (this.#closed) return;
    const at = now();
    let entry = this.#entries.get(path);
    if (entry === undefined) {
      entry = {
        path,
        lastEventAt: at,
        observationKey: undefined,
        observedSince: at,
        notBefore: 0,
        lockRetries: 0,
        timer: undefined,
        running: false,
        woken: false,
      };
      this.#entries.set(path, entry);
    }
    entry.lastEventAt = at;
    if (entry.running) entry.woken = true;
    else this.#start(entry);
  }

  /** Stops tracking one path without a verdict. */
  forget(path: string): void {
    const entry = this.#entries.get(path);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    this.#entries.delete(path);
  }

  /** Stops tracking every path without verdicts (the watched folder went away); the detector stays usable. */
  clear(): void {
    for (const entry of this.#entries.values()) clearTimeout(entry.timer);
    this.#entries.clear();
  }

  /** Paths still waiting for a verdict. */
  get pendingPaths(): string[] {
    return [...this.#entries.keys()];
  }

  /** Stops for good: no more verdicts, no timer left, and every file operation in flight has finished. */
  async close(): Promise<void> {
    this.#closed = true;
    this.clear();
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  #isCurrent(entry: PendingFile): boolean {
    return !this.#closed && this.#entries.get(entry.path) === entry;
  }

  #start(entry: PendingFile): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    const run: Promise<void> = this.#run(entry)
      .catch((error: unknown) => this.#onError(error))
      .finally(() => this.#inFlight.delete(run));
    this.#inFlight.add(run);
  }

  #schedule(entry: PendingFile, delayMs: number): void {
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.#isCurrent(entry) && !entry.running) this.#start(entry);
    }, Math.ceil(delayMs));
  }

  /** Milliseconds until every quiet condition holds (<= 0 when they already do). */
  #remainingQuiet(entry: PendingFile): number {
    const at = now();
    return Math.max(
      this.#debounceMs - (at - entry.lastEventAt),
      this.#stabilityMs - (at - entry.observedSince),
      entry.notBefore - at,
    );
  }

  #record(entry: PendingFile, observation: Observation): void {
    const key = observationKey(observation);
    if (key !== entry.observationKey) {
      entry.observationKey = key;
      entry.observedSince = now();
    }
  }

  async #run(entry: PendingFile): Promise<void> {
    entry.running = true;
    try {
      for (;;) {
        entry.woken = false;
        const observation = await observe(entry.path);
        if (!this.#isCurrent(entry)) return;
        this.#record(entry, observation);
        if (entry.woken) continue;
        const remaining = this.#remainingQuiet(entry);
        if (remaining > 0) {
          this.#schedule(entry, remaining);
          return;
        }
        const decision = await this.#decide(entry, observation);
        if (!this.#isCurrent(entry)) return;
        if (entry.woken || decision === 'look-again') continue;
        if (decision === 'wait') {
          this.#schedule(entry, Math.max(this.#remainingQuiet(entry), 1));
          return;
        }
        this.#entries.delete(entry.path);
        this.#onVerdict(entry.path, decision);
        return;
      }
    } finally {
      entry.running = false;
    }
  }

  async #decide(entry: PendingFile, observation: Observation): Promise<Decision> {
    if (observation.kind === 'absent') return { kind: 'gone' };
    if (observation.kind === 'error') return { kind: 'unreadable', code: observation.code };
    const { stamp, blocks } = observation;
    if (stamp.size === 0) return { kind: 'empty', stamp };
    if (!this.#importOnlineOnly && looksOnlineOnly(stamp, blocks)) return { kind: 'online-only', stamp };

    const readable = await this.#slots.run(() => probeReadable(entry.path));
    if (readable === 'absent') return 'look-again';
    if (readable === 'busy') return this.#backOff(entry);
    if (readable !== 'ok') return { kind: 'unreadable', code: readable.code };
    if (await this.#slots.run(() => this.#writeLockProbe(entry.path))) return this.#backOff(entry);

    // The probes took time: the file must still be exactly what was judged stable.
    const after = await observe(entry.path);
    if (observationKey(after) !== entry.observationKey || after.kind !== 'file') {
      this.#record(entry, after);
      return 'look-again';
    }
    return { kind: 'stable', stamp: after.stamp };
  }

  /** A writer still holds the file: look again later, less often the longer it stays locked (a document open in Word for an hour). */
  #backOff(entry: PendingFile): 'wait' {
    entry.lockRetries += 1;
    const delay = Math.min(this.#stabilityMs * 2 ** (entry.lockRetries - 1), MAX_LOCK_BACKOFF_MS);
    entry.notBefore = now() + Math.max(delay, 1);
    return 'wait';
  }
}
