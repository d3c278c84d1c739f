import { AppError } from '../../../src-shared/api/appError.ts';
import type { ExtractCall, ExtractedText, Extractor } from './extractor.ts';
import { selectExtractor } from './formatDetection.ts';
import { pdfExtractor } from './pdfExtractor.ts';
import { plainTextExtractor } from './plainTextExtractor.ts';
import { emlExtractor, msgExtractor } from './email/emailExtractor.ts';
import { officeExtractors } from './office/index.ts';
import { createImageExtractor } from './ocr/imageExtractor.ts';
import { ocrDocumentBudgetMs } from './ocrBudget.ts';

/** Every format the vault can read; new formats (DOCX, XLSX, EML, OCR) are added here. */
export const defaultExtractors: readonly Extractor[] = [
  pdfExtractor, msgExtractor, emlExtractor, createImageExtractor({ timeBudgetMs: ocrDocumentBudgetMs }), plainTextExtractor, ...officeExtractors,
];

/**
 * Extracts the searchable text of one file, choosing the extractor from its bytes and name.
 * Refuses with FILE_EMPTY, UNSUPPORTED_FORMAT, PDF_UNREADABLE, PDF_ENCRYPTED, EMAIL_UNREADABLE,
 * ARCHIVE_LIMIT_EXCEEDED, DOCUMENT_UNREADABLE, DOCUMENT_ENCRYPTED, LEGACY_OFFICE_FORMAT, XML_ENTITY_REFUSED,
 * IMAGE_UNREADABLE, IMAGE_TOO_LARGE, OCR_FAILED or EXTRACTION_TIMEOUT.
 */
export async function extractText(
  bytes: Uint8Array,
  fileName: string,
  extractors: readonly Extractor[] = defaultExtractors,
  call?: ExtractCall,
): Promise<ExtractedText> {
  if (bytes.length === 0) throw new AppError('FILE_EMPTY', { file: fileName });
  return selectExtractor(fileName, bytes, extractors).extract(bytes, fileName, call);
}
