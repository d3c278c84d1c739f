/**
 * Largest image (in pixels, per page) handed to OCR: about a 50 x 35 cm scan at 300 DPI. The header's
 * size is checked before anything is decoded, so a small file declaring a gigapixel image (a
 * decompression bomb) is refused at once instead of exhausting the OCR worker's memory.
 */
export const DEFAULT_OCR_MAX_PIXELS = 60_000_000;

/** Pages of one document (multi-page TIFF, scanned PDF) that are OCR'd at most. */
export const DEFAULT_OCR_MAX_PAGES = 200;

/**
 * Wall-clock budget for the OCR of one document. A page takes 3–10 s per core, so 200 pages fit on
 * two cores; past the budget the remaining pages are left without OCR text (and reported).
 */
export const DEFAULT_OCR_DOCUMENT_BUDGET_MS = 20 * 60_000;
