import type { Extractor } from '../extractor.ts';
import { docxExtractor } from './docxExtractor.ts';
import { legacyOfficeExtractor } from './legacyOfficeExtractor.ts';
import { xlsxExtractor } from './xlsxExtractor.ts';

/**
 * The office extractors in the order they must be tried: DOCX and XLSX first, so a ZIP renamed .doc
 * or .xls is read as the OOXML file it is; the legacy refusal last, as it claims every other OLE2
 * file (except .msg) and the legacy extensions. Register them after the PDF extractor, so a PDF
 * renamed .docx is still read as a PDF, and before or after the e-mail extractor: neither claims
 * the other's files as long as the .msg extractor claims OLE2 files by their .msg name only.
 */
export const officeExtractors: readonly Extractor[] = [docxExtractor, xlsxExtractor, legacyOfficeExtractor];
