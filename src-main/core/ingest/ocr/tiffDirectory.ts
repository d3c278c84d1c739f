/**
 * One image (page) of a TIFF file: where its directory (IFD) is and the size it declares. Read from
 * the directory chain only; no pixel data is touched.
 */
export interface TiffPage {
  ifdOffset: number;
  width: number;
  height: number;
}

/** The pages of a TIFF as far as they were read, and how many its directory chain declares. */
export interface TiffDirectory {
  pages: TiffPage[];
  /** Pages declared in the chain (counted up to the scan limit), including those not returned. */
  pageCount: number;
  bigTiff: boolean;
}

// A hostile chain can be long or circular; directories past this are not even counted.
const MAX_DIRECTORIES_SCANNED = 10_000;

const TAG_NEW_SUBFILE_TYPE = 254;
const TAG_IMAGE_WIDTH = 256;
const TAG_IMAGE_LENGTH = 257;

class TiffReader {
  readonly #view: DataView;
  readonly #little: boolean;

  constructor(bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#little = bytes[0] === 0x49;
  }

  get length(): number {
    return this.#view.byteLength;
  }

  u16(offset: number): number {
    return this.#view.getUint16(offset, this.#little);
  }

  u32(offset: number): number {
    return this.#view.getUint32(offset, this.#little);
  }

  u64(offset: number): number {
    const value = this.#view.getBigUint64(offset, this.#little);
    // Offsets past what a Number holds exactly are past the end of any file we read anyway.
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
  }
}

/** An entry's inline value for SHORT (3) or LONG (4) types, the only ones sizes and flags use. */
function inlineValue(reader: TiffReader, entry: number, bigTiff: boolean): number | null {
  const type = reader.u16(entry + 2);
  const valueOffset = entry + (bigTiff ? 12 : 8);
  if (type === 3) return reader.u16(valueOffset);
  if (type === 4) return reader.u32(valueOffset);
  return null;
}

/**
 * Walks a TIFF's directory chain and returns up to `maxPages` full-resolution pages (directories
 * flagged as reduced-resolution, i.e. thumbnails, are left out). Null when the header or the first
 * directory is malformed; a chain that breaks later just ends there.
 */
export function readTiffDirectory(bytes: Uint8Array, maxPages: number): TiffDirectory | null {
  if (bytes.length < 8) return null;
  const reader = new TiffReader(bytes);
  const version = reader.u16(2);
  const bigTiff = version === 43;
  if (version !== 42 && !bigTiff) return null;
  if (bigTiff && (bytes.length < 16 || reader.u16(4) !== 8)) return null;
  let offset = bigTiff ? reader.u64(8) : reader.u32(4);
  const pages: TiffPage[] = [];
  const seen = new Set<number>();
  let pageCount = 0;
  while (offset !== 0 && !seen.has(offset) && seen.size < MAX_DIRECTORIES_SCANNED) {
    seen.add(offset);
    const countSize = bigTiff ? 8 : 2;
    const entrySize = bigTiff ? 20 : 12;
    if (offset + countSize > reader.length) break;
    const entries = bigTiff ? reader.u64(offset) : reader.u16(offset);
    const nextPointer = offset + countSize + entries * entrySize;
    if (nextPointer + (bigTiff ? 8 : 4) > reader.length) break;
    let width = 0;
    let height = 0;
    let subfileType = 0;
    for (let i = 0; i < entries; i++) {
      const entry = offset + countSize + i * entrySize;
      const tag = reader.u16(entry);
      if (tag === TAG_IMAGE_WIDTH) width = inlineValue(reader, entry, bigTiff) ?? 0;
      else if (tag === TAG_IMAGE_LENGTH) height = inlineValue(reader, entry, bigTiff) ?? 0;
      else if (tag === TAG_NEW_SUBFILE_TYPE) subfileType = inlineValue(reader, entry, bigTiff) ?? 0;
    }
    // Bit 0 of NewSubfileType marks a reduced-resolution copy of another page.
    if ((subfileType & 1) === 0) {
      if (width === 0 || height === 0) break;
      pageCount++;
      if (pages.length < maxPages) pages.push({ ifdOffset: offset, width, height });
    }
    offset = bigTiff ? reader.u64(nextPointer) : reader.u32(nextPointer);
  }
  return pages.length === 0 ? null : { pages, pageCount, bigTiff };
}

/**
 * The same TIFF with its header pointing at `page`'s directory, so a reader that only decodes the
 * first image (leptonica's, inside tesseract.js) decodes that page. Offsets in TIFF are absolute,
 * so nothing else needs to move; the original bytes are not changed.
 */
export function tiffStartingAt(bytes: Uint8Array, page: TiffPage, bigTiff: boolean): Uint8Array {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const little = copy[0] === 0x49;
  if (bigTiff) view.setBigUint64(8, BigInt(page.ifdOffset), little);
  else view.setUint32(4, page.ifdOffset, little);
  return copy;
}
