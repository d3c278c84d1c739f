/** Format version of the extracted-text blob's JSON payload. */
const textPayloadVersion = 1;

/**
 * The record id the extracted text blob is bound to: distinct from the original's, so the two blobs
 * of one version (same data key) can never be swapped for each other.
 */
export function textRecordId(versionId: string): string {
  return `${versionId}:text`;
}

/** Serialises per-page text for its encrypted blob. */
export function encodeExtractedText(pages: readonly string[], ocrPages?: readonly number[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ v: textPayloadVersion, pages, ...(ocrPages ? { ocrPages } : {}) }));
}

/** Parses an extracted-text blob's payload back into pages. */
export function decodeExtractedText(bytes: Uint8Array): string[] {
  const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { v: number; pages: string[] };
  if (parsed.v !== textPayloadVersion || !Array.isArray(parsed.pages)) throw new Error(`unknown text payload version ${parsed.v}`);
  return parsed.pages;
}
