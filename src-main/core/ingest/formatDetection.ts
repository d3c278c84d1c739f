import { AppError } from '../../../src-shared/api/appError.ts';
import type { Extractor } from './extractor.ts';

/** How many leading bytes format detection looks at; PDF readers accept the header anywhere in the first KiB. */
export const HEAD_BYTES = 1024;

/** Extensions read as plain text, and only when their bytes really decode as text. */
export const plainTextExtensions: ReadonlySet<string> = new Set(['txt', 'md', 'markdown', 'csv']);

const pdfSignature = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** Lower-case extension of a file name without the dot ('' when there is none); directories are ignored. */
export function fileExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  // A leading dot marks a hidden file (".txt" is a name, not an extension).
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Whether `%PDF-` occurs within the first KiB, where real-world readers still find a header after junk. */
export function hasPdfSignature(head: Uint8Array): boolean {
  const end = Math.min(head.length, HEAD_BYTES) - pdfSignature.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < pdfSignature.length; j++) {
      if (head[i + j] !== pdfSignature[j]) continue outer;
    }
    return true;
  }
  return false;
}

/** Encoding implied by a byte-order mark; UTF-8 when there is none, since we accept no legacy code pages. */
function textEncodingOf(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * Decodes bytes as text (UTF-8, or UTF-16 with a byte-order mark; the BOM is dropped), or returns
 * null when they are not text. `partial` accepts a multi-byte character cut off at the end, for
 * judging a file by its head. A NUL character marks binary data that happens to be valid UTF-8.
 */
export function decodeText(bytes: Uint8Array, partial = false): string | null {
  try {
    const text = new TextDecoder(textEncodingOf(bytes), { fatal: true }).decode(bytes, { stream: partial });
    return text.includes('\u0000') ? null : text;
  } catch {
    return null;
  }
}

/**
 * Picks the extractor for a file: by content signature first (each extractor is asked with no file
 * name, so only a signature can win), then by file name. A renamed PDF is therefore still read as a
 * PDF, and a `.pdf` that is not one is refused as unreadable rather than as an unknown format.
 */
export function selectExtractor(fileName: string, bytes: Uint8Array, extractors: readonly Extractor[]): Extractor {
  const head = bytes.subarray(0, HEAD_BYTES);
  const bySignature = extractors.find((e) => e.matches('', head));
  if (bySignature) return bySignature;
  const byName = extractors.find((e) => e.matches(fileName, head));
  if (byName) return byName;
  const extension = fileExtension(fileName);
  if (extension === 'pdf') throw new AppError('PDF_UNREADABLE', { file: fileName });
  throw new AppError('UNSUPPORTED_FORMAT', { format: extension === '' ? 'unknown' : extension });
}
