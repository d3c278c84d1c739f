import { AppError } from '../../../../src-shared/api/appError.ts';
import { fileExtension } from '../formatDetection.ts';
import { readCoreProperties } from './coreProperties.ts';
import { hasCfbSignature, hasZipSignature, ooxmlKindFromHead } from './officeSignatures.ts';
import { DEFAULT_MAX_TEXT_CHARS, truncateText } from './officeText.ts';
import type { OfficeExtractedText, OfficeExtractor } from './officeText.ts';
import { verifyOoxmlPackage } from './ooxmlPackageGuard.ts';
import { loadMammoth } from '../lazyLibraries.ts';
import { DOCX_MIME, detectOoxmlMime } from './ooxmlMime.ts';
import { DEFAULT_ZIP_LIMITS } from './zipGuard.ts';
import type { ZipLimits } from './zipGuard.ts';

/**
 * Default cap on a DOCX's XML, in bytes. mammoth builds a DOM several times the size of the XML:
 * 12 MiB of document.xml (4.7 million characters) took 11 s and 705 MB resident under the extraction
 * worker's 768 MB heap cap, 15.7 MiB took 781 MB. Word writes a 300-page contract in 2-5 MB of XML.
 */
export const DEFAULT_DOCX_MAX_MARKUP_BYTES = 12 * 1024 * 1024;

/** Limits of one DOCX extractor; every field falls back to its default. */
export interface DocxExtractorOptions {
  zipLimits?: Partial<ZipLimits>;
  maxMarkupBytes?: number;
  maxTextChars?: number;
}

// Macro-enabled documents and templates are read too: mammoth reads only the XML, and never runs or
// even parses vbaProject.bin. A ZIP named .doc is a DOCX someone renamed, which Word opens as well.
const docxNames: ReadonlySet<string> = new Set(['docx', 'docm', 'dotx', 'dotm']);
const renamedDocxNames: ReadonlySet<string> = new Set(['doc', 'dot']);

function toAppError(error: unknown, fileName: string): AppError {
  if (error instanceof AppError) return error;
  return new AppError('DOCUMENT_UNREADABLE', { file: fileName, format: 'DOCX' }, { cause: error });
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A DOCX extractor with its own limits; the registry uses the defaults. */
export function createDocxExtractor(options: DocxExtractorOptions = {}): OfficeExtractor {
  const limits = {
    ...DEFAULT_ZIP_LIMITS,
    ...options.zipLimits,
    maxMarkupBytes: options.maxMarkupBytes ?? DEFAULT_DOCX_MAX_MARKUP_BYTES,
  };
  const maxTextChars = options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS;

  return {
    format: 'docx',
    mime: DOCX_MIME,

    matches(fileName: string, head: Uint8Array): boolean {
      const extension = fileExtension(fileName);
      if (hasZipSignature(head)) {
        return ooxmlKindFromHead(head) === 'docx' || docxNames.has(extension) || renamedDocxNames.has(extension);
      }
      // A .docx that is no ZIP is claimed so it is refused as an unreadable DOCX, not an unknown format;
      // except an OLE2 file, which is a password-protected DOCX or a renamed .doc, explained by the legacy extractor.
      return docxNames.has(extension) && !hasCfbSignature(head);
    },

    async extract(bytes: Uint8Array, fileName: string): Promise<OfficeExtractedText> {
      try {
        if (!hasZipSignature(bytes)) throw new Error('not a ZIP package');
        await verifyOoxmlPackage(bytes, fileName, limits);
        const metadata = await readCoreProperties(bytes, fileName, limits);
        const mime = await detectOoxmlMime(bytes, fileName, limits, DOCX_MIME);
        const mammoth = await loadMammoth();
        const result = await mammoth.extractRawText({ buffer: toBuffer(bytes) });
        // mammoth ends every paragraph (table cells included) with a blank line; the last ones carry nothing.
        const { text, truncated } = truncateText(result.value.replace(/\r\n?/g, '\n').trimEnd(), maxTextChars);
        // DOCX has no fixed pages (they depend on the printer and fonts), so the text is one entry.
        return { format: 'docx', mime, pages: [text], metadata, ...(truncated ? { truncated: true } : {}) };
      } catch (error) {
        throw toAppError(error, fileName);
      }
    },
  };
}

/** DOCX extractor with the default limits (zipGuard's, 12 MiB of XML, 5,000,000 characters). */
export const docxExtractor: OfficeExtractor = createDocxExtractor();
