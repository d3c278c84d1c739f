import type { ExtractedText, Extractor } from '../extractor.ts';

/** Default cap on the characters of text kept from one office document (about 2,500 dense pages). */
export const DEFAULT_MAX_TEXT_CHARS = 5_000_000;

/**
 * What the office extractors return: ExtractedText, plus `truncated` when a text, row or cell cap cut
 * the document short, so the caller can tell the user that search covers only the first part.
 */
export interface OfficeExtractedText extends ExtractedText {
  truncated?: true;
}

/** An extractor whose results may say they were truncated. */
export interface OfficeExtractor extends Extractor {
  extract(bytes: Uint8Array, fileName: string): Promise<OfficeExtractedText>;
}

/** The first `maxChars` characters of `text`, never splitting a surrogate pair. */
export function truncateText(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const lastCode = text.charCodeAt(maxChars - 1);
  const end = lastCode >= 0xd800 && lastCode <= 0xdbff ? maxChars - 1 : maxChars;
  return { text: text.slice(0, end), truncated: true };
}
