/**
 * Defaults: 768 MB of JavaScript heap per worker (the heaviest corpus PDF needs ~150 MB) and 10 minutes per
 * file, which a scanned contract of ~50 pages needs for OCR on a 2-core laptop (~8 CPU s per Chinese page).
 */
export const defaultExtractionLimits = { heapLimitMb: 768, timeoutMs: 600_000 } as const;
