import { writeAllAt } from '../files/writeAllAt.ts';

/** The one WebAssembly API used here, for page-aligned memory (the project's lib setting has no WebAssembly typings). */
declare const WebAssembly: { Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer } };

/**
 * The file blocks that two neighbouring backup items share, assembled on one thread and written once.
 *
 * The seal workers write the whole blocks inside their items with O_DIRECT. The partial blocks at an item's
 * two ends used to go through the page cache from the workers. On ext4 a buffered write takes the inode lock
 * exclusively and waits for every direct write in flight, so those ~2 writes per item held each worker ~45 % of
 * an export (1.4 of 2.9 s per worker for a 2 GB vault; decision 0028). The workers now hand those bytes here.
 * A block is written with O_DIRECT as soon as every byte of it has arrived (its neighbours finish close
 * together, so few blocks wait). Blocks that never fill up are written at their exact offsets through the
 * page cache by `finish()`: the header's last block and the last item's tail, which the manifest completes.
 */
export class EdgeBlocks {
  /** Pieces of blocks not yet complete, by block index. */
  private readonly partial = new Map<number, { pieces: Array<{ offset: number; bytes: Uint8Array }>; filled: number }>();
  private readonly writes = new Set<Promise<void>>();
  private readonly slotMemory: ArrayBuffer;
  private readonly freeSlots: number[];
  private readonly slotWaiters: Array<() => void> = [];
  private failure: Error | undefined;
  private direct: boolean;

  /**
   * `fd` writes through the page cache; `directFd` is the same file opened with O_DIRECT (null: every block
   * goes through `fd`). `align` is the block size of direct writes.
   */
  constructor(private readonly files: { fd: number; directFd: number | null }, private readonly align: number, slots = 32) {
    this.direct = files.directFd !== null;
    // Direct I/O needs aligned memory; a WebAssembly memory starts on a page boundary.
    this.slotMemory = new WebAssembly.Memory({ initial: Math.ceil((slots * align) / 65536) }).buffer;
    this.freeSlots = Array.from({ length: slots }, (_, n) => n);
  }

  /** Bytes of the file at `offset` (never overlapping what any other call or a direct write covers). */
  add(offset: number, bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      const position = offset + at;
      const block = Math.floor(position / this.align);
      const n = Math.min(bytes.length - at, (block + 1) * this.align - position);
      let entry = this.partial.get(block);
      if (entry === undefined) {
        entry = { pieces: [], filled: 0 };
        this.partial.set(block, entry);
      }
      entry.pieces.push({ offset: position, bytes: bytes.subarray(at, at + n) });
      entry.filled += n;
      at += n;
      if (entry.filled === this.align) {
        this.partial.delete(block);
        this.track(this.writeBlock(block, entry.pieces));
      }
    }
  }

  /** Waits for every block write, then writes the blocks that never filled up, piece by piece, through the page cache. */
  async finish(): Promise<void> {
    await this.settle();
    for (const { pieces } of this.partial.values()) {
      for (const piece of pieces) await writeAllAt(this.files.fd, piece.bytes, piece.offset);
    }
    this.partial.clear();
  }

  /** Waits for the block writes in flight (after an error elsewhere, before the file is closed). */
  async settle(): Promise<void> {
    while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
    if (this.failure !== undefined) throw this.failure;
  }

  private track(promise: Promise<void>): void {
    const tracked = promise.catch((error: unknown) => { this.failure ??= error as Error; }).finally(() => this.writes.delete(tracked));
    this.writes.add(tracked);
  }

  private async writeBlock(block: number, pieces: Array<{ offset: number; bytes: Uint8Array }>): Promise<void> {
    const start = block * this.align;
    if (!this.direct) {
      for (const piece of pieces) await writeAllAt(this.files.fd, piece.bytes, piece.offset);
      return;
    }
    const slot = await this.takeSlot();
    try {
      const buffer = new Uint8Array(this.slotMemory, slot * this.align, this.align);
      for (const piece of pieces) buffer.set(piece.bytes, piece.offset - start);
      try {
        await writeAllAt(this.files.directFd ?? this.files.fd, buffer, start);
      } catch (error) {
        // A file system that refuses direct I/O at write time: this block and the rest go through the page cache.
        if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
        this.direct = false;
        await writeAllAt(this.files.fd, buffer, start);
      }
    } finally {
      this.freeSlots.push(slot);
      this.slotWaiters.shift()?.();
    }
  }

  private async takeSlot(): Promise<number> {
    for (;;) {
      const slot = this.freeSlots.pop();
      if (slot !== undefined) return slot;
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    }
  }
}
