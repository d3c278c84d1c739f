import { AppError } from '../../../../src-shared/api/appError.ts';
import type { ExtractedText, Extractor } from '../extractor.ts';
import { fileExtension } from '../formatDetection.ts';
import { hasCfbSignature, hasZipSignature } from './officeSignatures.ts';

/** The `format` parameter of LEGACY_OFFICE_FORMAT: the application and the extension the user knows. */
export type LegacyOfficeFormat = 'Word 97-2003 (.doc)' | 'Excel 97-2003 (.xls)' | 'PowerPoint 97-2003 (.ppt)' | 'Office 97-2003';

const WORD: LegacyOfficeFormat = 'Word 97-2003 (.doc)';
const EXCEL: LegacyOfficeFormat = 'Excel 97-2003 (.xls)';
const POWERPOINT: LegacyOfficeFormat = 'PowerPoint 97-2003 (.ppt)';

const formatByExtension: Readonly<Record<string, LegacyOfficeFormat>> = {
  doc: WORD,
  dot: WORD,
  xls: EXCEL,
  xlt: EXCEL,
  xla: EXCEL,
  ppt: POWERPOINT,
  pps: POWERPOINT,
  pot: POWERPOINT,
};

// The stream that holds each application's content, as named in the compound file's directory.
const formatByStream: readonly (readonly [string, LegacyOfficeFormat])[] = [
  ['WordDocument', WORD],
  ['Workbook', EXCEL],
  ['Book', EXCEL], // Excel 5.0/95
  ['PowerPoint Document', POWERPOINT],
];

// OOXML names whose OLE2 form is a password-protected document (the package is encrypted inside a compound file).
const encryptedOoxmlFormat: Readonly<Record<string, string>> = {
  docx: 'DOCX', docm: 'DOCX', dotx: 'DOCX', dotm: 'DOCX',
  xlsx: 'XLSX', xlsm: 'XLSX', xltx: 'XLSX', xltm: 'XLSX',
  pptx: 'PPTX', pptm: 'PPTX',
};

const CFB_HEADER_SIZE = 512;
const DIRECTORY_ENTRY_SIZE = 128;

/**
 * Whether the compound file's directory has an entry with this name. Directory sectors sit at
 * multiples of 512 bytes after the header, and each 128-byte entry starts with its UTF-16LE name
 * followed at byte 64 by the name's length in bytes (NUL included), so a match on both is an entry,
 * not the same word in a document's text.
 */
export function cfbHasDirectoryEntry(bytes: Uint8Array, name: string): boolean {
  const encoded = Buffer.from(`${name}\u0000`, 'utf16le');
  const data = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = CFB_HEADER_SIZE; at + DIRECTORY_ENTRY_SIZE <= data.length; at += DIRECTORY_ENTRY_SIZE) {
    if (data.readUInt16LE(at + 64) === encoded.length && data.compare(encoded, 0, encoded.length, at, at + encoded.length) === 0) {
      return true;
    }
  }
  return false;
}

/** Which legacy application wrote the file: its content streams first, then its extension. */
export function legacyOfficeFormat(bytes: Uint8Array, fileName: string): LegacyOfficeFormat {
  if (hasCfbSignature(bytes)) {
    const found = new Set(formatByStream.filter(([stream]) => cfbHasDirectoryEntry(bytes, stream)).map(([, format]) => format));
    // Several kinds means embedded objects (a Word document inside a workbook); the name decides then.
    const [only, ...others] = [...found];
    if (only !== undefined && others.length === 0) return only;
  }
  return formatByExtension[fileExtension(fileName)] ?? 'Office 97-2003';
}

/**
 * Refuses Word/Excel/PowerPoint 97-2003 files with LEGACY_OFFICE_FORMAT naming the format, so the
 * user knows to save them as .docx/.xlsx. Claims OLE2 compound files by name only: Outlook .msg is an
 * OLE2 file too and belongs to the e-mail extractor, so without a name (the registry's signature
 * pass) it claims nothing, and it never claims a .msg. Also claims the legacy extensions whatever
 * their content (an "xls" that is HTML or XML Spreadsheet 2003 gets the same advice), except a ZIP,
 * which is an OOXML file someone renamed and belongs to the DOCX/XLSX extractors.
 */
export const legacyOfficeExtractor: Extractor = {
  format: 'legacy-office',
  mime: 'application/x-ole-storage',

  matches(fileName: string, head: Uint8Array): boolean {
    if (fileName === '') return false;
    const extension = fileExtension(fileName);
    if (extension === 'msg') return false;
    if (hasCfbSignature(head)) return true;
    return extension in formatByExtension && !hasZipSignature(head);
  },

  extract(bytes: Uint8Array, fileName: string): Promise<ExtractedText> {
    if (hasCfbSignature(bytes) && cfbHasDirectoryEntry(bytes, 'EncryptedPackage')) {
      // A password-protected DOCX/XLSX (Office wraps the encrypted package in a compound file), not an old format.
      const format = encryptedOoxmlFormat[fileExtension(fileName)] ?? 'Office';
      return Promise.reject(new AppError('DOCUMENT_ENCRYPTED', { file: fileName, format }));
    }
    return Promise.reject(new AppError('LEGACY_OFFICE_FORMAT', { file: fileName, format: legacyOfficeFormat(bytes, fileName) }));
  },
};
