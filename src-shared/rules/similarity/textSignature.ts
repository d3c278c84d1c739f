/**
 * MinHash signatures of document text, to recognise a near-identical file (a re-saved or slightly edited
 * contract) without keeping or comparing the texts themselves. Character 5-grams of the text with all
 * whitespace removed and case folded work the same for Chinese (no spaces) and English, and are immune
 * to the different line breaks two extractions of the same document produce.
 */
export const signatureSlots = 64;
const shingleLength = 5;
/** Enough text to tell documents apart; bounds the work on huge files. */
const maxSignatureChars = 200_000;
const prime = 4294967311; // smallest prime above 2^32

/** Deterministic slot parameters (a, b) of the hash family h_i(x) = (a_i * x + b_i) mod p. */
const slotParameters: readonly (readonly [number, number])[] = Array.from({ length: signatureSlots }, (_, i) => {
  // A fixed linear congruential sequence: the parameters are part of the stored format, never random.
  const a = ((i + 1) * 2654435761) % 4294967291 || 1;
  const b = ((i + 7) * 40503) % 4294967291;
  return [a, b] as const;
});

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** (a * x + b) mod p without losing precision: a and x are below 2^32, so split a into 16-bit halves. */
function slotHash(a: number, b: number, x: number): number {
  const high = Math.floor(a / 65536);
  const low = a % 65536;
  return (((high * x) % prime) * 65536 + low * x + b) % prime;
}

/** The MinHash signature of a text, or null when it has too little text to compare (a scan without OCR). */
export function textSignature(pages: readonly string[]): Uint32Array | null {
  const text = pages.join('').replace(/\s+/g, '').toLowerCase().slice(0, maxSignatureChars);
  if (text.length < shingleLength * 4) return null;
  const minimums = new Array<number>(signatureSlots).fill(Number.POSITIVE_INFINITY);
  const seen = new Set<number>();
  for (let i = 0; i + shingleLength <= text.length; i += 1) {
    const shingle = fnv1a(text.slice(i, i + shingleLength));
    if (seen.has(shingle)) continue;
    seen.add(shingle);
    for (let slot = 0; slot < signatureSlots; slot += 1) {
      const [a, b] = slotParameters[slot] ?? [1, 0];
      const value = slotHash(a, b, shingle);
      if (value < (minimums[slot] ?? Number.POSITIVE_INFINITY)) minimums[slot] = value;
    }
  }
  return Uint32Array.from(minimums, (v) => v % 4294967296);
}

/** Estimated Jaccard similarity of the two texts' shingle sets: the share of equal slots (0..1). */
export function signatureSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] === b[i]) equal += 1;
  return equal / a.length;
}
