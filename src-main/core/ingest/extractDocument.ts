import type { ExtractedText } from './extractor.ts';
import { extractText } from './extractorRegistry.ts';

/**
 * Everything the import pipeline needs from one file's bytes: its text, page by page. Runs inside an
 * extraction worker. Later steps (OCR of scanned pages) are added here so they run isolated too.
 */
export async function extractDocument(bytes: Uint8Array, fileName: string): Promise<ExtractedText> {
  return extractText(bytes, fileName);
}
