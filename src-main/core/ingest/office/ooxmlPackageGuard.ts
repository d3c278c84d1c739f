import { AppError } from '../../../../src-shared/api/appError.ts';
import { DtdDeclarationScanner } from './xmlEntityGuard.ts';
import { scanZipEntries } from './zipGuard.ts';
import { formatByteSize } from '../../../../src-shared/format/byteSize.ts';
import type { ReasonKey } from '../../../../src-shared/api/errorReasons.ts';
import type { ZipEntryInfo, ZipLimits } from './zipGuard.ts';

/** ZIP limits plus the cap on markup, which is what the XML parsers turn into memory. */
export interface OoxmlPackageLimits extends ZipLimits {
  /**
   * Sum of the sizes of the entries that hold markup (their first significant byte is '<'), in bytes.
   * mammoth and exceljs hold many times the XML's size in objects, so this bound, not the ZIP total,
   * is what keeps one document within the extraction worker's heap.
   */
  maxMarkupBytes: number;
}

/** Whether a byte can come before the first '<' of an XML part: NUL (UTF-16/32), a BOM byte, or XML whitespace. */
function isLeadingFiller(byte: number): boolean {
  return byte === 0 || byte === 0xef || byte === 0xbb || byte === 0xbf || byte === 0xfe || byte === 0xff ||
    byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * Checks a DOCX/XLSX package before any library opens it: the central directory limits of zipGuard,
 * then every entry inflated once, streaming, which proves each inflates to no more than it declares
 * (the libraries re-inflate with JSZip, which only checks sizes after the damage is done), refuses
 * any DTD or entity declaration in any entry (XML_ENTITY_REFUSED), and caps the total markup.
 * Every entry is scanned, not only *.xml and *.rels: relationships can point a library at any part;
 * and every entry is inflated, even one declared empty, since JSZip would inflate it whatever it declares.
 */
export async function verifyOoxmlPackage(bytes: Uint8Array, fileName: string, limits: OoxmlPackageLimits): Promise<ZipEntryInfo[]> {
  let markupBytes = 0;
  return scanZipEntries(
    bytes,
    fileName,
    (info) => {
      const scanner = new DtdDeclarationScanner();
      let classified = false;
      return (chunk) => {
        if (!classified) {
          const first = chunk.findIndex((byte) => !isLeadingFiller(byte));
          if (first !== -1) {
            classified = true;
            // Counted at the declared size, which yauzl holds the data to, so the cap bites before inflating on.
            if (chunk[first] === 0x3c) markupBytes += info.uncompressedSize;
            if (markupBytes > limits.maxMarkupBytes) {
              throw new AppError('ARCHIVE_LIMIT_EXCEEDED', {
                file: fileName,
                detail: 'reason.ooxml.markupTooLarge' satisfies ReasonKey,
                limit: formatByteSize(limits.maxMarkupBytes),
              });
            }
          }
        }
        if (scanner.push(chunk)) throw new AppError('XML_ENTITY_REFUSED', { file: fileName });
      };
    },
    limits,
  );
}
