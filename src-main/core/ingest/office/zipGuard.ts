import type { Entry, ZipFile } from 'yauzl';
import { loadYauzl } from '../lazyLibraries.ts';
import { AppError } from '../../../../src-shared/api/appError.ts';
import type { ReasonKey } from '../../../../src-shared/api/errorReasons.ts';
import { formatByteSize } from '../../../../src-shared/format/byteSize.ts';

/** Bounds on a ZIP container, checked on its central directory before a single byte is inflated. */
export interface ZipLimits {
  /** Entries at most; a DOCX/XLSX written by Office has a few dozen. */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes of all entries, in bytes. */
  maxTotalUncompressedBytes: number;
  /** Largest uncompressed:compressed ratio accepted for an entry bigger than `ratioAppliesAboveBytes`. */
  maxCompressionRatio: number;
  /** Entries up to this uncompressed size are exempt from the ratio test (tiny parts compress wildly). */
  ratioAppliesAboveBytes: number;
}

const MiB = 1024 * 1024;

/** The defaults: 2,000 entries, 200 MiB declared in total, 200:1 for entries over 1 MiB. */
export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxEntries: 2000,
  maxTotalUncompressedBytes: 200 * MiB,
  maxCompressionRatio: 200,
  ratioAppliesAboveBytes: 1 * MiB,
};

/** One entry of a ZIP's central directory, as declared there (and verified when inflated). */
export interface ZipEntryInfo {
  /** Entry name, with any backslashes turned into slashes. */
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * The container itself is malformed or uses a feature we do not accept (ZIP64, another compression
 * method, inconsistent directories). Extractors turn it into DOCUMENT_UNREADABLE with their format.
 */
export class ZipStructureError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ZipStructureError';
  }
}

/** ARCHIVE_LIMIT_EXCEEDED with a translated reason and its values (entry names are shown quoted, as they are). */
function refuse(fileName: string, reason: ReasonKey, values: Record<string, string | number> = {}): AppError {
  return new AppError('ARCHIVE_LIMIT_EXCEEDED', { ...values, file: fileName, detail: reason });
}


function toBuffer(bytes: Uint8Array): Buffer {
  // A view, not a copy: the caller's bytes may be large and are only read.
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;

interface EndRecord {
  offset: number;
  centralDirectoryOffset: number;
  centralDirectorySize: number;
}

/**
 * Re-reads the end-of-central-directory record that yauzl chose (the last signature, whose comment
 * length matches) and rejects the layouts where another ZIP reader could see a different archive:
 * mammoth and exceljs read the same bytes again with JSZip, which follows ZIP64 records only when the
 * classic fields are saturated and silently shifts offsets when the directory is not where declared.
 */
function readEndRecord(buffer: Buffer): EndRecord {
  const lowest = Math.max(0, buffer.length - EOCD_SIZE - 0xffff);
  for (let at = buffer.length - EOCD_SIZE; at >= lowest; at--) {
    if (buffer.readUInt32LE(at) !== EOCD_SIGNATURE) continue;
    const entriesOnDisk = buffer.readUInt16LE(at + 8);
    const entries = buffer.readUInt16LE(at + 10);
    const centralDirectorySize = buffer.readUInt32LE(at + 12);
    const centralDirectoryOffset = buffer.readUInt32LE(at + 16);
    const zip64Locator = at >= 20 && buffer.readUInt32LE(at - 20) === ZIP64_LOCATOR_SIGNATURE;
    if (zip64Locator || entries === 0xffff || centralDirectorySize === 0xffffffff || centralDirectoryOffset === 0xffffffff) {
      // Our limits are far below what needs ZIP64, and Office does not write it for such files.
      throw new ZipStructureError('ZIP64 archives are not accepted');
    }
    if (entriesOnDisk !== entries || buffer.readUInt16LE(at + 4) !== 0 || buffer.readUInt16LE(at + 6) !== 0) {
      throw new ZipStructureError('multi-disk archives are not accepted');
    }
    if (centralDirectoryOffset + centralDirectorySize !== at) {
      throw new ZipStructureError('the central directory is not where the end record says');
    }
    return { offset: at, centralDirectoryOffset, centralDirectorySize };
  }
  throw new ZipStructureError('no end of central directory record');
}

/** A name a careless extractor would write outside its target folder: absolute, drive-relative, or with `..`. */
function unsafePathReason(name: string): ReasonKey | null {
  if (name === '') return 'reason.zip.emptyName';
  if (/[\u0000-\u001f]/.test(name)) return 'reason.zip.unsafeName';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'reason.zip.absolutePath';
  if (name.split('/').includes('..')) return 'reason.zip.leavesArchive';
  return null;
}

interface CheckedZip {
  zipfile: ZipFile;
  entries: { info: ZipEntryInfo; entry: Entry }[];
}

async function openZip(buffer: Buffer): Promise<ZipFile> {
  const yauzl = await loadYauzl();
  try {
    // decodeStrings off: yauzl would reject unsafe names with a generic error; we decode them below
    // and refuse with a precise one.
    return await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false });
  } catch (error) {
    throw new ZipStructureError('not a readable ZIP archive', { cause: error });
  }
}

/**
 * Reads the central directory and applies every check that needs no inflating. Entries are refused
 * as they are read, so a directory of a million entries costs no more than the limit.
 */
async function openCheckedZip(bytes: Uint8Array, fileName: string, limits: ZipLimits): Promise<CheckedZip> {
  const buffer = toBuffer(bytes);
  const yauzl = await loadYauzl();
  const zipfile = await openZip(buffer);
  const end = readEndRecord(buffer);
  if (zipfile.entryCount > limits.maxEntries) {
    throw refuse(fileName, 'reason.zip.tooManyEntries', { count: zipfile.entryCount, limit: limits.maxEntries });
  }
  const entries: CheckedZip['entries'] = [];
  let totalUncompressed = 0;
  let directoryBytes = 0;
  try {
    for await (const entry of zipfile.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const unsafe = unsafePathReason(name);
      if (unsafe !== null) throw refuse(fileName, unsafe, { entry: JSON.stringify(name) });
      if (entry.isEncrypted()) throw refuse(fileName, 'reason.zip.encryptedEntry', { entry: JSON.stringify(name) });
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw new ZipStructureError(`compression method ${entry.compressionMethod} is not supported`);
      }
      const { compressedSize, uncompressedSize } = entry;
      if (uncompressedSize > limits.ratioAppliesAboveBytes && uncompressedSize > compressedSize * limits.maxCompressionRatio) {
        const ratio = compressedSize === 0 ? '∞' : Math.round(uncompressedSize / compressedSize).toString();
        throw refuse(fileName, 'reason.zip.compressionRatio', { entry: JSON.stringify(name), ratio, limit: limits.maxCompressionRatio });
      }
      totalUncompressed += uncompressedSize;
      if (totalUncompressed > limits.maxTotalUncompressedBytes) {
        throw refuse(fileName, 'reason.zip.totalTooLarge', { size: formatByteSize(totalUncompressed), limit: formatByteSize(limits.maxTotalUncompressedBytes) });
      }
      directoryBytes += CENTRAL_HEADER_SIZE + entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength;
      entries.push({ info: { name, compressedSize, uncompressedSize }, entry });
    }
  } catch (error) {
    if (error instanceof AppError || error instanceof ZipStructureError) throw error;
    // yauzl refuses strong encryption itself, before handing the entry over.
    if (error instanceof Error && /encrypt/i.test(error.message)) throw refuse(fileName, 'reason.zip.encrypted');
    throw new ZipStructureError('unreadable central directory', { cause: error });
  }
  if (directoryBytes !== end.centralDirectorySize) {
    throw new ZipStructureError('the central directory holds more than its entries');
  }
  checkLocalHeaders(buffer, entries, end, fileName);
  return { zipfile, entries };
}

/**
 * Every entry's local header and data must lie before the central directory and apart from every
 * other entry's. Overlapping entries are how a "non-recursive" zip bomb makes a few kilobytes of
 * deflate data count thousands of times.
 */
function checkLocalHeaders(buffer: Buffer, entries: CheckedZip['entries'], end: EndRecord, fileName: string): void {
  const spans: [number, number][] = [];
  for (const { entry, info } of entries) {
    const start = entry.relativeOffsetOfLocalHeader;
    if (start + LOCAL_HEADER_SIZE > end.centralDirectoryOffset || buffer.readUInt32LE(start) !== LOCAL_HEADER_SIGNATURE) {
      throw new ZipStructureError(`no local header for ${JSON.stringify(info.name)}`);
    }
    const dataEnd = start + LOCAL_HEADER_SIZE + buffer.readUInt16LE(start + 26) + buffer.readUInt16LE(start + 28) + entry.compressedSize;
    if (dataEnd > end.centralDirectoryOffset) throw new ZipStructureError(`entry ${JSON.stringify(info.name)} runs into the central directory`);
    spans.push([start, dataEnd]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if ((spans[i] as [number, number])[0] < (spans[i - 1] as [number, number])[1]) throw refuse(fileName, 'reason.zip.entriesOverlap');
  }
}

/**
 * Reads a ZIP's central directory, without inflating anything, and refuses (ARCHIVE_LIMIT_EXCEEDED)
 * too many entries, too much declared data, a suspicious compression ratio, encrypted entries,
 * absolute or `..` paths, and overlapping entries. Malformed containers throw ZipStructureError.
 */
export async function inspectZip(bytes: Uint8Array, fileName: string, limits: Partial<ZipLimits> = {}): Promise<ZipEntryInfo[]> {
  const { entries } = await openCheckedZip(bytes, fileName, { ...DEFAULT_ZIP_LIMITS, ...limits });
  return entries.map((e) => e.info);
}

function isByteCountLie(error: unknown): boolean {
  // yauzl's validateEntrySizes check; the entry inflates to more than its directory record declares.
  return error instanceof Error && error.message.startsWith('too many bytes in the stream');
}

/**
 * Inflates one entry, handing each chunk to `onChunk`, and aborts as soon as more than `maxBytes`
 * come out. yauzl also aborts when the data outgrows the size the directory declared, which is what
 * keeps a lying directory from turning a small entry into a bomb.
 */
async function inflateEntry(
  zipfile: ZipFile,
  checked: CheckedZip['entries'][number],
  maxBytes: number,
  fileName: string,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  const { entry, info } = checked;
  let produced = 0;
  try {
    const stream = await zipfile.openReadStreamPromise(entry);
    // Leaving the loop early (throw) destroys the stream, which stops the inflater.
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > maxBytes) throw refuse(fileName, 'reason.zip.inflatesPastLimit', { entry: JSON.stringify(info.name), limit: formatByteSize(maxBytes) });
      onChunk(chunk);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isByteCountLie(error)) throw refuse(fileName, 'reason.zip.inflatesPastDeclared', { entry: JSON.stringify(info.name) });
    throw new ZipStructureError(`entry ${JSON.stringify(info.name)} cannot be inflated`, { cause: error });
  }
}

/** What `scanZipEntries` calls for each entry: return a chunk handler, or null to skip inflating it. */
export type ZipEntryVisitor = (info: ZipEntryInfo) => ((chunk: Buffer) => void) | null;

/**
 * Checks the central directory as `inspectZip` does, then inflates the entries the visitor asks for,
 * one at a time and streaming, so the whole archive never sits inflated in memory. A handler may
 * throw to stop the scan (e.g. on a DTD found in a part).
 */
export async function scanZipEntries(
  bytes: Uint8Array,
  fileName: string,
  visit: ZipEntryVisitor,
  limits: Partial<ZipLimits> = {},
): Promise<ZipEntryInfo[]> {
  const { zipfile, entries } = await openCheckedZip(bytes, fileName, { ...DEFAULT_ZIP_LIMITS, ...limits });
  for (const checked of entries) {
    const onChunk = visit(checked.info);
    if (onChunk !== null) await inflateEntry(zipfile, checked, checked.info.uncompressedSize, fileName, onChunk);
  }
  return entries.map((e) => e.info);
}

/** Options of `readZipEntryText`. */
export interface ReadZipEntryOptions {
  /** The archive's own name, for error messages (defaults to the entry name). */
  fileName?: string;
  /** Limits applied to the archive's central directory (defaults to DEFAULT_ZIP_LIMITS). */
  limits?: Partial<ZipLimits>;
}

function decodeEntryText(bytes: Buffer): string {
  // XML parts are UTF-8 unless a byte-order mark says UTF-16; TextDecoder drops the BOM it recognises.
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * Inflates one entry as text with a byte cap: refuses with ARCHIVE_LIMIT_EXCEEDED when the entry
 * declares, or turns out to hold, more than `maxBytes`. Returns null when there is no such entry.
 */
export async function readZipEntryText(
  bytes: Uint8Array,
  entryName: string,
  maxBytes: number,
  options: ReadZipEntryOptions = {},
): Promise<string | null> {
  const fileName = options.fileName ?? entryName;
  const { zipfile, entries } = await openCheckedZip(bytes, fileName, { ...DEFAULT_ZIP_LIMITS, ...options.limits });
  // A well-formed package has each name once; if not, the last one is what JSZip (inside mammoth/exceljs) uses.
  const checked = entries.findLast((e) => e.info.name === entryName);
  if (checked === undefined) return null;
  if (checked.info.uncompressedSize > maxBytes) {
    throw refuse(fileName, 'reason.zip.entryTooLarge', { entry: JSON.stringify(entryName), size: formatByteSize(checked.info.uncompressedSize), limit: formatByteSize(maxBytes) });
  }
  const chunks: Buffer[] = [];
  await inflateEntry(zipfile, checked, maxBytes, fileName, (chunk) => chunks.push(chunk));
  return decodeEntryText(Buffer.concat(chunks));
}
