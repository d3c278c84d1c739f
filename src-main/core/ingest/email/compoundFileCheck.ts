/**
 * A pre-flight check of an Outlook .msg (a Compound File Binary) before msgreader reads it.
 *
 * msgreader follows sector chains and the directory tree until they end, trusting the file: a
 * chain or a sibling link that loops back sends it into an endless loop that grows an array until
 * the process runs out of memory, and a declared stream size is allocated as is. This walks the
 * same structures the same way msgreader does (its header fields, its FAT lookup, its clamped
 * reads), with every walk bounded by what the file's size allows, and says whether msgreader will
 * terminate. A read msgreader would fail on is refused here too: the file is damaged either way,
 * and stopping at the first bad read keeps this walk simple.
 */

const END_OF_CHAIN = -2;
const FREE_SECTOR = -1;
const NO_ENTRY = -1;
const ENTRY_SIZE = 128;
const MINI_SECTOR_SIZE = 64;
const MINI_STREAM_CUTOFF = 4096;
const HEADER_DIFAT_ENTRIES = 109;
const MAX_STORAGE_DEPTH = 64;
const STORAGE = 1;
const STREAM = 2;
const ROOT = 5;
const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

interface DirectoryEntry {
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/** Raised inside the walk at a read past the end of the file, where msgreader would throw as well. */
class ReadPastEnd extends Error {}

class CompoundFileWalk {
  private readonly view: DataView;
  private readonly sectorSize: number;
  private readonly perSector: number;
  private readonly sectorCount: number;
  private readonly fat: number[] = [];

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // msgreader tests only this byte of the sector shift: 12 means 4096-byte sectors, anything else 512.
    this.sectorSize = bytes[30] === 12 ? 4096 : 512;
    this.perSector = this.sectorSize / 4;
    this.sectorCount = Math.floor(bytes.length / this.sectorSize);
  }

  /** A little-endian int32 read the way msgreader's DataStream reads it: the position clamped to the file, a read past its end failing. */
  int32(position: number): number {
    const clamped = Number.isFinite(position) ? Math.max(0, Math.min(this.bytes.length, position)) : 0;
    if (clamped + 4 > this.bytes.length) throw new ReadPastEnd();
    return this.view.getInt32(clamped, true);
  }

  private sectorOffset(sector: number): number {
    return (sector + 1) * this.sectorSize;
  }

  private nextIn(table: readonly number[], sector: number): number {
    const fatSector = table[Math.floor(sector / this.perSector)];
    if (fatSector === undefined) return END_OF_CHAIN;
    return this.int32(this.sectorOffset(fatSector) + 4 * (sector % this.perSector));
  }

  /** The chain from `start`, or null when it does not end within `limit` sectors (a loop). */
  private chain(start: number, table: readonly number[], limit: number): number[] | null {
    const sectors: number[] = [];
    let sector = start;
    while (sector !== END_OF_CHAIN) {
      if (sectors.length >= limit) return null;
      sectors.push(sector);
      sector = this.nextIn(table, sector);
    }
    return sectors;
  }

  private readFat(): boolean {
    const fatCount = this.int32(0x2c);
    const difatStart = this.int32(0x44);
    const difatCount = this.int32(0x48);
    if (fatCount < 0 || fatCount > this.sectorCount || difatCount > this.sectorCount) return false;
    for (let i = 0; i < Math.min(fatCount, HEADER_DIFAT_ENTRIES); i++) this.fat.push(this.int32(0x4c + 4 * i));
    let remaining = fatCount - Math.min(fatCount, HEADER_DIFAT_ENTRIES);
    let next = difatStart;
    for (let i = 0; i < difatCount; i++) {
      const base = this.sectorOffset(next);
      const take = Math.min(remaining, this.perSector - 1);
      for (let j = 0; j < take; j++) {
        const entry = this.int32(base + 4 * j);
        if (entry === FREE_SECTOR || entry === END_OF_CHAIN) break;
        this.fat.push(entry);
      }
      remaining -= take;
      next = this.int32(base + 4 * (this.perSector - 1));
      if (next === FREE_SECTOR || next === END_OF_CHAIN) break;
    }
    return true;
  }

  private readDirectory(): DirectoryEntry[] | null {
    const sectors = this.chain(this.int32(0x30), this.fat, this.sectorCount + 1);
    if (sectors === null) return null;
    const entries: DirectoryEntry[] = [];
    for (const sector of sectors) {
      let offset = this.sectorOffset(sector);
      for (let i = 0; i < this.sectorSize / ENTRY_SIZE; i++, offset += ENTRY_SIZE) {
        if (this.bytes.length < offset + 0x42) break;
        const type = this.bytes[Math.max(0, Math.min(this.bytes.length - 1, offset + 0x42))] ?? 0;
        const linked = type === STORAGE || type === STREAM || type === ROOT;
        entries.push({
          type,
          left: linked ? this.int32(offset + 0x44) : NO_ENTRY,
          right: linked ? this.int32(offset + 0x48) : NO_ENTRY,
          child: linked ? this.int32(offset + 0x4c) : NO_ENTRY,
          start: linked ? this.int32(offset + 0x74) : 0,
          size: linked ? this.int32(offset + 0x78) : 0,
        });
      }
    }
    return entries;
  }

  /** Every entry reached from the root at most once, and storages nested no deeper than a real message needs. */
  private treeIsFinite(entries: readonly DirectoryEntry[]): boolean {
    const visited = new Set<number>();
    const pending: Array<{ index: number; depth: number }> = [];
    const root = entries[0];
    if (root === undefined) return false;
    if (root.child !== NO_ENTRY) pending.push({ index: root.child, depth: 1 });
    while (pending.length > 0) {
      const { index, depth } = pending.pop() as { index: number; depth: number };
      const entry = entries[index];
      if (entry === undefined || visited.has(index) || depth > MAX_STORAGE_DEPTH) return false;
      visited.add(index);
      if (entry.left !== NO_ENTRY) pending.push({ index: entry.left, depth });
      if (entry.right !== NO_ENTRY) pending.push({ index: entry.right, depth });
      if (entry.type === STORAGE && entry.child !== NO_ENTRY) pending.push({ index: entry.child, depth: depth + 1 });
    }
    return true;
  }

  private streamsAreFinite(entries: readonly DirectoryEntry[], root: DirectoryEntry): boolean {
    if (this.chain(root.start, this.fat, this.sectorCount + 1) === null) return false;
    // msgreader's mini-FAT sectors: the chain from the header's start, cut at the header's count.
    const miniFat: number[] = [];
    const miniFatCount = this.int32(0x40);
    if (miniFatCount > this.sectorCount) return false;
    let sector = this.int32(0x3c);
    for (let i = 0; i < miniFatCount && sector !== 0 && sector !== END_OF_CHAIN; i++) {
      miniFat.push(sector);
      sector = this.nextIn(this.fat, sector);
    }
    for (const entry of entries) {
      if (entry.type !== STREAM) continue;
      // Streams are allocated at their declared size; none can be larger than the file holding it.
      if (entry.size < 0 || entry.size > this.bytes.length) return false;
      if (entry.size > 0 && entry.size < MINI_STREAM_CUTOFF) {
        const needed = Math.ceil(entry.size / MINI_SECTOR_SIZE);
        if (this.chain(entry.start, miniFat, needed + 1) === null) return false;
      }
    }
    return true;
  }

  /** Whether msgreader is sure to finish on this file (it may still refuse it). */
  terminates(): boolean {
    if (!this.readFat()) return false;
    const entries = this.readDirectory();
    if (entries === null || entries[0] === undefined) return false;
    return this.treeIsFinite(entries) && this.streamsAreFinite(entries, entries[0]);
  }
}

/** Whether the bytes start with the Compound File Binary signature (Outlook .msg, legacy .doc/.xls). */
export function hasCompoundFileSignature(head: Uint8Array): boolean {
  return magic.every((byte, i) => head[i] === byte);
}

/** Whether msgreader can safely be handed these bytes: the CFB signature, and no sector chain or directory link that loops. */
export function isSafeCompoundFile(bytes: Uint8Array): boolean {
  if (bytes.length < 512 || !hasCompoundFileSignature(bytes)) return false;
  try {
    return new CompoundFileWalk(bytes).terminates();
  } catch (error) {
    if (error instanceof ReadPastEnd) return false;
    throw error;
  }
}
