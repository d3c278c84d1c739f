import { AppError } from '../../../src-shared/api/appError.ts';
import type { ExtractedText, Extractor } from './extractor.ts';
import { decodeText, fileExtension, plainTextExtensions } from './formatDetection.ts';

const mimeByExtension: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  csv: 'text/csv',
};

/** Plain-text files (.txt, .md, .markdown, .csv) in UTF-8, or UTF-16 with a byte-order mark. */
export const plainTextExtractor: Extractor = {
  format: 'text',
  mime: 'text/plain',

  matches(fileName: string, head: Uint8Array): boolean {
    // Text has no signature: claim it only by name, and only if the head really is text, so a
    // binary renamed to .txt falls through to UNSUPPORTED_FORMAT instead of indexing garbage.
    return plainTextExtensions.has(fileExtension(fileName)) && decodeText(head, true) !== null;
  },

  extract(bytes: Uint8Array, fileName: string): Promise<ExtractedText> {
    const extension = fileExtension(fileName);
    const text = decodeText(bytes);
    // The head looked like text but the whole file is not (bad bytes further in): refuse it
    // rather than guess a legacy code page.
    if (text === null) return Promise.reject(new AppError('UNSUPPORTED_FORMAT', { format: extension || 'unknown' }));
    return Promise.resolve({
      format: 'text',
      mime: mimeByExtension[extension] ?? 'text/plain',
      // One line-ending convention, so search snippets and diffs do not depend on the author's OS.
      pages: [text.replace(/\r\n?/g, '\n')],
      metadata: {},
    });
  },
};
