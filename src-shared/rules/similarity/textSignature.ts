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

/**
 * Deterministic slot parameters of the hash family h_i(x) = (a_i * x + b_i) mod p, with a_i split into
 * 16-bit halves up front (see slotHash). Typed arrays, because the loop below runs 64 times per shingle.
 */
const slotHigh = new Float64Array(signatureSlots);
const slotLow = new Float64Array(signatureSlots);
const slotOffset = new Float64Array(signatureSlots);
for (let i = 0; i < signatureSlots; i += 1) {
  // A fixed linear congruential sequence: the parameters are part of the stored format, never random.
  const a = ((i + 1) * 2654435761) % 4294967291 || 1;
  slotHigh[i] = Math.floor(a / 65536);
  slotLow[i] = a % 65536;
  slotOffset[i] = ((i + 7) * 40503) % 4294967291;
}

/** 32-bit FNV-1a of the UTF-16 code units text[start, start + length). */
function fnv1a(text: string, start: number, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < start + length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * v mod p for 0 <= v < 2^53, the same value as `v % prime` but without the slow floating-point remainder:
 * the quotient estimate can be off by one either way through rounding, which the two checks correct.
 */
function modPrime(v: number): number {
  const r = v - Math.floor(v / prime) * prime;
  return r < 0 ? r + prime : r >= prime ? r - prime : r;
}

/**
 * (a * x + b) mod p without losing precision: a and x are below 2^32, so a is split into 16-bit halves
 * and every intermediate stays below 2^53.
 */
function slotHash(slot: number, x: number): number {
  return modPrime(modPrime(slotHigh[slot]! * x) * 65536 + slotLow[slot]! * x + slotOffset[slot]!);
}

/** The MinHash signature of a text, or null when it has too little text to compare (a scan without OCR). */
export function textSignature(pages: readonly string[]): Uint32Array | null {
  const text = pages.join('').replace(/\s+/g, '').toLowerCase().slice(0, maxSignatureChars);
  if (text.length < shingleLength * 4) return null;
  const minimums = new Float64Array(signatureSlots).fill(Number.POSITIVE_INFINITY);
  const seen = new Set<number>();
  for (let i = 0; i + shingleLength <= text.length; i += 1) {
    const shingle = fnv1a(text, i, shingleLength);
    if (seen.has(shingle)) continue;
    seen.add(shingle);
    for (let slot = 0; slot < signatureSlots; slot += 1) {
      const value = slotHash(slot, shingle);
      if (value < minimums[slot]!) minimums[slot] = value;
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
