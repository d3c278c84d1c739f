import { defaultExtractionLimits } from './worker/extractionLimits.ts';

/**
 * Time one document may spend in OCR: a little less than the extraction worker's limit, so a long scan
 * returns the pages recognised so far (the rest reported as skipped) instead of being killed with nothing.
 */
export const ocrDocumentBudgetMs = defaultExtractionLimits.timeoutMs - 15_000;
