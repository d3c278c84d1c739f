import { constants as fsConstants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { STREAM_TAG_BYTES } from '../crypto/aesGcmStream.ts';
import { EdgeBlocks } from './edgeBlocks.ts';

/**
 * Seals format-2 backup items on worker threads, several items at once, each written straight into the
 * backup file at an offset computed in advance (`format2ItemLength`): a format-2 item's size follows from
 * its plaintext size alone, so the items' places are known before any of them is encrypted. Each worker
 * reads its item's source file, hashes it (SHA-256, unless the vault recorded the blob's hash when it
 * stored it: decision 0028), seals it frame by frame with AES-256-GCM in the
 * STREAM construction and writes it at its offset. The main thread only hands out items and collects
 * their hashes, so export uses every core (decision 0023); before, it read, hashed, sealed and wrote on
 * the main thread alone.
 *
 * Where the file system allows it (Linux), the whole 4 KiB blocks inside an item are written with
 * O_DIRECT from an aligned stage, and only the partial blocks at the item's two ends (shared with the
 * neighbouring items) go through the page cache, which merges them: on this project's VM, putting 2 GB
 * through the page cache cost more kernel time than all the encryption (new page-cache pages are
 * fresh guest memory), and a backup has no reason to evict what the user's programs had cached.
 *
 * The bytes are exactly what `BackupItemWriter` with the version-2 cipher writes (itemCipher.ts,
 * crypto/aesGcmStream.ts): `u64 length | salt | frame*`, frame = `u32 length | ciphertext | tag`,
 * nonce = 11-byte big-endian frame counter | last flag, every frame's associated data the item's.
 * The main thread derives each item key (HKDF) and hands over a copy that the worker wipes after the
 * item. The worker is plain JavaScript given as source (as `vault/argon2Worker.ts`), so it runs the
 * same under tsx, in the esbuild bundles and in the packaged app.
 *
 * Memory stays bounded: each worker holds one read buffer of a chunk and a stage, and has at most two
 * items queued; the ciphertext of each frame is garbage as soon as it is written, and the worker runs a
 * minor collection every COLLECT_BYTES, since V8 otherwise lets ~64 MB of dead buffers pile up per
 * thread. (`gc` is taken with --expose-gc set for a moment through node:v8 and unset again at once.)
 */

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync, writevSync, writeSync, write: writeAsync } = require('node:fs');
const { createCipheriv, createHash } = require('node:crypto');
const { fd, directFd, align, stageBytes, chunkSize, tagBytes, progressBytes, collectBytes, pieceBytes } = workerData;
const readBuffer = Buffer.allocUnsafeSlow(chunkSize);
// Direct I/O needs memory aligned to the block size; a WebAssembly memory starts on a page boundary.
// Two stages: one is written (on libuv's threads) while the next chunks are sealed into the other.
let direct = directFd !== null;
const stageMemory = direct ? new WebAssembly.Memory({ initial: Math.ceil((2 * stageBytes) / 65536) }).buffer : null;
const stages = direct ? [new Uint8Array(stageMemory, 0, stageBytes), new Uint8Array(stageMemory, stageBytes, stageBytes)] : [];
const stageWrites = [null, null];
let current = 0;
// A minor collection frees the young, already written ciphertext buffers (see the module comment).
let collect = null;
if (workerData.collectBytes > 0) try {
  require('node:v8').setFlagsFromString('--expose-gc');
  collect = require('node:vm').runInNewContext('gc');
} catch {} finally {
  try { require('node:v8').setFlagsFromString('--no-expose-gc'); } catch {}
}
let sinceCollect = 0;
/** Bytes written with O_DIRECT, reported with each item (tests check the direct path is really taken). */
let directBytes = 0;

/** The pieces in one fresh Uint8Array of its own (transferable: not a slice of Buffer's shared pool). */
function ownCopy(pieces) {
  let total = 0;
  for (const piece of pieces) total += piece.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

function nonce(index, last) {
  const n = Buffer.alloc(12);
  n.writeUIntBE(index, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

function writeAll(buffers, position) {
  let total = 0;
  for (const b of buffers) total += b.length;
  let written = writevSync(fd, buffers, position);
  if (written === total) return total;
  let at = position;
  for (const b of buffers) {
    if (written >= b.length) { written -= b.length; at += b.length; continue; }
    let offset = written;
    while (offset < b.length) offset += writeSync(fd, b, offset, b.length - offset, at + offset);
    at += b.length;
    written = 0;
  }
  return total;
}

/**
 * Writes an item's bytes in order: the whole blocks inside the item through the direct descriptor
 * from the aligned stage. The partial blocks at its two ends are shared with the neighbouring items,
 * which other workers write: with direct I/O their bytes are handed back with the item's result
 * (\`edges\`), and the main thread writes each shared block once it has all of it (edgeBlocks.ts); a
 * buffered write here would wait on the inode lock for every direct write in flight. Without direct
 * I/O everything goes through the page cache, which merges the shared blocks.
 */
function itemOutput(start, end) {
  const handEdges = direct;
  const edges = [];
  const alignedStart = direct ? Math.ceil(start / align) * align : end;
  const alignedEnd = direct ? Math.floor(end / align) * align : end;
  const useStage = alignedEnd > alignedStart;
  let position = start;
  let fill = 0;
  const directWrite = async (stage, length, at) => {
    let done = 0;
    while (done < length) {
      if (!direct) {
        done += writeAll([stage.subarray(done, length)], at + done);
        continue;
      }
      try {
        const n = await new Promise((resolve, reject) => writeAsync(directFd, stage, done, length - done, at + done, (error, written) => (error ? reject(error) : resolve(written))));
        done += n;
        directBytes += n;
      } catch (error) {
        // A file system that refuses direct I/O at write time: the page cache takes the rest.
        if (error.code !== 'EINVAL' || done % align !== 0) throw error;
        direct = false;
      }
    }
  };
  const flush = () => {
    const write = directWrite(stages[current], fill, position - fill);
    write.catch(() => undefined);
    stageWrites[current] = write;
    current = 1 - current;
    fill = 0;
  };
  return {
    get position() { return position; },
    /** The bytes of the item's partial end blocks, for the main thread: [{ offset, bytes }]. */
    get edges() { return edges; },
    /** Writes pieces in order; waits only when the stage to fill next is still being written. */
    async write(pieces) {
      const buffered = [];
      let bufferedAt = -1;
      const spill = () => {
        if (buffered.length === 0) return;
        if (handEdges) edges.push({ offset: bufferedAt, bytes: ownCopy(buffered.splice(0)) });
        else writeAll(buffered.splice(0), bufferedAt);
      };
      for (const piece of pieces) {
        let at = 0;
        while (at < piece.length) {
          if (!useStage || position < alignedStart || position >= alignedEnd) {
            const stop = useStage && position < alignedStart ? alignedStart : end;
            const n = Math.min(piece.length - at, stop - position);
            if (buffered.length === 0) bufferedAt = position;
            buffered.push(piece.subarray(at, at + n));
            position += n;
            at += n;
          } else {
            spill();
            if (fill === 0 && stageWrites[current] !== null) {
              const pending = stageWrites[current];
              stageWrites[current] = null;
              await pending;
            }
            const n = Math.min(piece.length - at, alignedEnd - position, stageBytes - fill);
            stages[current].set(piece.subarray(at, at + n), fill);
            fill += n;
            position += n;
            at += n;
            if (fill === stageBytes || position === alignedEnd) flush();
          }
        }
      }
      spill();
    },
  };
}

async function sealItem(task) {
  const { key, ad, salt, descriptor, offset, length, expectedSize } = task;
  let frameIndex = 0;
  const out = itemOutput(offset, offset + 8 + length);
  const frame = async (plain, last, hash) => {
    const cipher = createCipheriv('aes-256-gcm', key, nonce(frameIndex++, last), { authTagLength: tagBytes });
    cipher.setAAD(ad);
    // In pieces: each piece is hashed and sealed while it is still in the CPU's cache, and node:crypto's
    // output buffers (allocated twice per update()) stay small enough to be reused from the allocator's
    // free lists instead of being mapped afresh (page faults) for every frame.
    const pieces = [null];
    let bodyLength = 0;
    for (let at = 0; at < plain.length; at += pieceBytes) {
      const piece = plain.subarray(at, Math.min(plain.length, at + pieceBytes));
      if (hash !== undefined) hash.update(piece);
      const sealed = cipher.update(piece);
      pieces.push(sealed);
      bodyLength += sealed.length;
    }
    const rest = cipher.final();
    if (rest.length > 0) pieces.push(rest);
    const tag = cipher.getAuthTag();
    pieces.push(tag);
    const prefix = Buffer.allocUnsafe(4);
    prefix.writeUInt32BE(bodyLength + rest.length + tag.length, 0);
    pieces[0] = prefix;
    await out.write(pieces);
    sinceCollect += plain.length;
    if (collect !== null && sinceCollect >= collectBytes) {
      sinceCollect = 0;
      collect({ type: 'minor' });
    }
  };
  const lengthField = Buffer.alloc(8);
  lengthField.writeBigUInt64BE(BigInt(length), 0);
  await out.write([lengthField, Buffer.from(salt.buffer, salt.byteOffset, salt.length)]);
  await frame(descriptor, false);
  // A blob's hash recorded when it was written is not taken again (decision 0028).
  const hash = task.sha256 === undefined ? createHash('sha256') : undefined;
  let size = 0;
  let unreported = 0;
  const data = async (chunk) => {
    size += chunk.length;
    if (size > expectedSize) throw Object.assign(new Error('the file grew while it was backed up'), { phase: 'read', code: 'ECHANGED' });
    await frame(chunk, false, hash);
    unreported += chunk.length;
    if (unreported >= progressBytes) {
      parentPort.postMessage({ id: task.id, progress: unreported });
      unreported = 0;
    }
  };
  if (task.bytes !== undefined) {
    for (let at = 0; at < task.bytes.length; at += chunkSize) await data(task.bytes.subarray(at, Math.min(task.bytes.length, at + chunkSize)));
  } else {
    let input;
    try {
      input = openSync(task.path, 'r');
    } catch (error) {
      error.phase = 'read';
      throw error;
    }
    try {
      for (;;) {
        // Whole chunks: the item's layout was computed from the file's size in chunkSize frames.
        let filled = 0;
        while (filled < chunkSize) {
          let n;
          try {
            n = readSync(input, readBuffer, filled, chunkSize - filled, null);
          } catch (error) {
            error.phase = 'read';
            throw error;
          }
          if (n === 0) break;
          filled += n;
        }
        if (filled === 0) break;
        // Sealed (copied into a stage or written) before the buffer is read into again.
        await data(readBuffer.subarray(0, filled));
        if (filled < chunkSize) break;
      }
    } finally {
      closeSync(input);
    }
  }
  if (size !== expectedSize) throw Object.assign(new Error('the file shrank while it was backed up'), { phase: 'read', code: 'ECHANGED' });
  await frame(Buffer.alloc(0), true);
  // The item's last stage write may still be in flight: the next item seals meanwhile, and waits only if it
  // needs that stage. The pool's flush at the end of the export waits for every write (drainStages).
  if (out.position !== offset + 8 + length) throw Object.assign(new Error('item length differs from its layout'), { phase: 'layout' });
  return { sha256: hash === undefined ? task.sha256 : hash.digest('hex'), size, unreported, edges: out.edges };
}

// Items one after another; an item's last stage writes may still be in flight when the next starts (flush waits for them).
let queue = Promise.resolve();
parentPort.on('message', (task) => { queue = queue.then(() => (task.flush === undefined ? runTask(task) : flush(task.flush))); });

/** An error as the pool receives it: message, errno code, and the phase it happened in. */
function reported(error, phase) {
  const e = error || {};
  return { message: String(e.message || e), code: e.code === undefined ? null : String(e.code), phase };
}

/** Waits for both stages' writes; a failed write surfaces here at the latest. */
async function drainStages() {
  for (const index of [0, 1]) {
    const pending = stageWrites[index];
    stageWrites[index] = null;
    if (pending !== null) await pending;
  }
}

async function flush(flushId) {
  try {
    await drainStages();
    parentPort.postMessage({ flushId, directBytes });
  } catch (error) {
    parentPort.postMessage({ flushId, error: reported(error, 'write') });
  }
}

async function runTask(task) {
  try {
    const { sha256, size, unreported, edges } = await sealItem(task);
    parentPort.postMessage({ id: task.id, done: { sha256, size }, edges, progress: unreported, directBytes }, edges.map((edge) => edge.bytes.buffer));
  } catch (error) {
    parentPort.postMessage({ id: task.id, error: reported(error, (error && error.phase) || 'write') });
  } finally {
    task.key.fill(0);
  }
}
`;

/** Bytes of a format-2 item after its length field, for a descriptor of `descriptorBytes` and `size` bytes of plaintext in `chunkSize` frames. */
export function format2ItemLength(descriptorBytes: number, size: number, chunkSize: number, saltBytes: number): number {
  const frame = (plain: number) => 4 + plain + STREAM_TAG_BYTES;
  const full = Math.floor(size / chunkSize);
  const rest = size - full * chunkSize;
  return saltBytes + frame(descriptorBytes) + full * frame(chunkSize) + (rest > 0 ? frame(rest) : 0) + frame(0);
}

/** One item for a worker: where it goes and what it is sealed with. */
export interface SealTask {
  /** The source file, read in chunks by the worker; or `bytes`, already in memory. */
  path?: string;
  bytes?: Uint8Array;
  /** Plaintext bytes the source must hold (the layout was computed from it). */
  expectedSize: number;
  /** File offset of the item's length field. */
  offset: number;
  /** Bytes after the length field (format2ItemLength). */
  length: number;
  /** The item key (HKDF of the backup key); handed over and wiped by the worker. */
  key: Uint8Array;
  ad: Uint8Array;
  salt: Uint8Array;
  /** The descriptor frame's plaintext. */
  descriptor: Uint8Array;
  /** The source's SHA-256 as recorded when it was stored: returned as the item's hash, the bytes are not hashed. */
  sha256?: string;
}

/** Why sealing an item failed: reading its source, writing the backup, or a layout mismatch (a bug). */
export class SealError extends Error {
  constructor(message: string, readonly phase: 'read' | 'write' | 'layout', readonly code: string | null) {
    super(message);
  }
}

interface Pending {
  resolve: (result: { sha256: string; size: number }) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Set<number>;
}

/** Block alignment of direct writes (file offset, length and memory): the page size, a multiple of every usual logical block size. */
const DIRECT_ALIGN = 4096;
/** Bytes a worker gathers before one direct write (it has two stages: one fills while the other is written). */
const STAGE_BYTES = 1024 * 1024;
/**
 * Ciphertext a worker writes between two minor collections: without them V8 lets ~64 MB of written
 * (dead) chunk buffers pile up per thread before it collects; each collection costs kernel time,
 * because freed megabytes go back to the system and come back as fresh pages.
 */
const COLLECT_BYTES = 4 * 1024 * 1024;

/** Plaintext hashed and sealed per node:crypto call (see the worker's frame()): below glibc's 128 KiB mmap threshold. */
const PIECE_BYTES = 64 * 1024;

/** Items this far ahead of a worker's current one: it never waits for the main thread between items. */
const QUEUED_PER_WORKER = 2;

/** A fixed set of workers writing sealed items into one open file descriptor; `close()` ends them. */
export class ItemSealPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending & { slot: Slot }>();
  private readonly waiting: Array<() => void> = [];
  private nextId = 0;
  private readonly directBytesBy = new Map<Worker, number>();
  private failure: Error | undefined;
  private readonly flushes = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  /** The blocks neighbouring items share, when the workers write with direct I/O (they hand those bytes back). */
  private readonly edges: EdgeBlocks | undefined;

  /**
   * `fd` writes through the page cache; `directFd`, when the file system allows it, is the same file
   * opened with O_DIRECT for the whole blocks (null: everything goes through `fd`).
   */
  constructor(files: { fd: number; directFd: number | null }, chunkSize: number, workers: number, private readonly onBytes?: (n: number) => void) {
    this.edges = files.directFd === null ? undefined : new EdgeBlocks(files, DIRECT_ALIGN);
    for (let n = 0; n < workers; n++) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        // The worker keeps almost nothing alive: a small young generation keeps its heap (and RSS) small.
        resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 64 },
        workerData: {
          ...files, align: DIRECT_ALIGN, stageBytes: STAGE_BYTES, chunkSize, tagBytes: STREAM_TAG_BYTES, progressBytes: 4 * 1024 * 1024, collectBytes: COLLECT_BYTES, pieceBytes: PIECE_BYTES,
        },
        // Library output must not reach the CLI's stdout (which may carry --json).
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
      const slot: Slot = { worker, busy: new Set() };
      worker.on('message', (message: {
        id?: number; flushId?: number; progress?: number; directBytes?: number; done?: { sha256: string; size: number }; edges?: Array<{ offset: number; bytes: Uint8Array }>;
        error?: { message: string; code: string | null; phase: 'read' | 'write' | 'layout' };
      }) => {
        if (message.flushId !== undefined) {
          if (message.directBytes !== undefined) this.directBytesBy.set(worker, message.directBytes);
          const flush = this.flushes.get(message.flushId);
          this.flushes.delete(message.flushId);
          if (message.error !== undefined) flush?.reject(new SealError(message.error.message, message.error.phase, message.error.code));
          else flush?.resolve();
          return;
        }
        for (const edge of message.edges ?? []) this.edges?.add(edge.offset, edge.bytes);
        if (message.progress !== undefined && message.progress > 0) this.onBytes?.(message.progress);
        if (message.directBytes !== undefined) this.directBytesBy.set(worker, message.directBytes);
        const task = this.pending.get(message.id ?? -1);
        if (task === undefined) return;
        if (message.done !== undefined) task.resolve(message.done);
        else if (message.error !== undefined) task.reject(new SealError(message.error.message, message.error.phase, message.error.code));
        else return;
        this.pending.delete(message.id ?? -1);
        slot.busy.delete(message.id ?? -1);
        this.waiting.shift()?.();
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`backup seal worker exited (code ${code})`)));
      this.slots.push(slot);
    }
  }

  /**
   * Hands an item to the least busy worker, first waiting while every worker has QUEUED_PER_WORKER
   * items; returns the item's result (hash and size) as a promise to await later (wrapped: awaiting
   * submit() must not wait for the item itself).
   */
  async submit(task: SealTask): Promise<{ result: Promise<{ sha256: string; size: number }> }> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      const slot = this.slots.reduce<Slot | undefined>((best, s) => (best === undefined || s.busy.size < best.busy.size ? s : best), undefined);
      if (slot !== undefined && slot.busy.size < QUEUED_PER_WORKER) {
        const id = this.nextId++;
        const result = new Promise<{ sha256: string; size: number }>((resolve, reject) => this.pending.set(id, { resolve, reject, slot }));
        // Marked handled now; the rejection still surfaces where the caller awaits it.
        result.catch(() => undefined);
        slot.busy.add(id);
        // Own copies: the key copy is transferred (and wiped in the worker), the source bytes are cloned.
        const key = Uint8Array.from(task.key);
        slot.worker.postMessage({ ...task, id, key }, [key.buffer]);
        return { result };
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Bytes the workers have written with O_DIRECT so far (as of their last finished item). */
  get directBytes(): number {
    return [...this.directBytesBy.values()].reduce((sum, n) => sum + n, 0);
  }

  /**
   * After the last item's result: writes the shared blocks still held (those the header or the manifest
   * completes, through the page cache) and waits for every block write.
   */
  async finish(): Promise<void> {
    // Every worker's last stage writes, then the shared blocks.
    await Promise.all(this.slots.map((slot) => new Promise<void>((resolve, reject) => {
      if (this.failure !== undefined) {
        reject(this.failure);
        return;
      }
      const flushId = this.nextId++;
      this.flushes.set(flushId, { resolve, reject });
      slot.worker.postMessage({ flush: flushId });
    })));
    await this.edges?.finish();
  }

  /** Stops every worker (after an error, whatever they were doing) and waits for block writes in flight, so none outlives the file descriptor. */
  async close(): Promise<void> {
    this.failure ??= new Error('backup seal pool closed');
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    await this.edges?.settle().catch(() => undefined);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const [flushId, flush] of this.flushes) {
      flush.reject(this.failure);
      this.flushes.delete(flushId);
    }
    for (const [id, task] of this.pending) {
      task.reject(this.failure);
      this.pending.delete(id);
    }
    for (const wake of this.waiting.splice(0)) wake();
  }
}

/**
 * The file opened a second time with O_DIRECT (Linux), or undefined where that is not available (other
 * systems, tmpfs, some network file systems): a 2 GB backup written through the page cache costs as much
 * kernel time as all its encryption, and evicts what the user's other programs had cached.
 */
export async function openDirectForWriting(path: string): Promise<FileHandle | undefined> {
  const { O_DIRECT, O_WRONLY } = fsConstants;
  if (O_DIRECT === undefined || process.platform !== 'linux') return undefined;
  try {
    return await open(path, O_WRONLY | O_DIRECT);
  } catch {
    return undefined;
  }
}
