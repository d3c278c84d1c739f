/**
 * Text as the matchers see it. Extracted and OCR text is noisy in ways a user never types into a
 * rule: full-width Latin letters and digits in Chinese documents (ＮＤＡ, ２０２４), ligatures from PDF
 * fonts (ﬁ), line breaks in the middle of a phrase, and OCR engines that put a space between every
 * two Han characters (保 密 协 议). Normalising text and pattern the same way lets a plain rule match
 * all of these; the offset map lets evidence be shown exactly as it appears in the document.
 */

/** How much normalisation a matcher wants. */
export interface NormalizationOptions {
  /** NFKC compatibility folding (full-width → half-width, ligatures → letters). */
  compatibility: boolean;
  /** Lower-case everything (case-insensitive matching). */
  foldCase: boolean;
  /**
   * Keep line breaks as "\n", even between two Han characters, so regexes can anchor on lines.
   * Term matching turns them into a space, dropped between Han characters: PDF text of a justified
   * Chinese paragraph wraps in the middle of words (技术服\n务合同).
   */
  keepLineBreaks: boolean;
}

/** Normalised text plus, for every normalised code unit, the offset in the original it came from. */
export interface NormalizedText {
  text: string;
  /** origin[i] = offset in the original of normalised unit i; origin[text.length] = end of the original. */
  origin: Uint32Array;
}

/** Rules only ever look at this much of a text; the rest of a 500-page PDF adds cost, not evidence. */
export const MAX_RULE_TEXT_CHARS = 200_000;

/** Characters of scripts written without spaces between words: a match there needs no word boundary. */
export function isUnspacedScript(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0xf900 && cp <= 0xfaff) || // Compatibility Ideographs
    (cp >= 0x20000 && cp <= 0x3134f) || // Extensions B–G
    (cp >= 0x3040 && cp <= 0x30ff) || // Hiragana, Katakana
    cp === 0x3005 || // 々
    cp === 0x3007 // 〇
  );
}

const letterOrDigit = /[\p{L}\p{N}]/u;

/**
 * True when the code point belongs to a space-separated word (Latin, Cyrillic, digits, ...).
 * The underscore is deliberately not a word character: file names use it as a separator (Acme_NDA_v2).
 */
export function isSpacedWordChar(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  if (isUnspacedScript(cp)) return false;
  return letterOrDigit.test(String.fromCodePoint(cp));
}

function isWhitespace(cp: number): boolean {
  return (
    cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0xa0 || cp === 0x3000 || cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f
  );
}

function isLineBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0b || cp === 0x0c || cp === 0x0d || cp === 0x2028 || cp === 0x2029;
}

/** Invisible characters that PDF text and web copy carry inside words: soft hyphen, zero-width space/joiners, BOM. */
function isInvisible(cp: number): boolean {
  return cp === 0xad || (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff;
}

/**
 * Normalises text for matching and keeps a map back to the original:
 * invisible characters are dropped, a run of whitespace becomes one space (one line break if the run
 * held one and `keepLineBreaks`), whitespace between two unspaced-script characters is dropped, and
 * optionally NFKC and lower-casing are applied per code point.
 */
export function normalizeForMatching(original: string, options: NormalizationOptions): NormalizedText {
  const n = original.length;
  const { compatibility, foldCase, keepLineBreaks } = options;
  const optionBits = (compatibility ? 1 : 0) | (foldCase ? 2 : 0);
  // Code units go into typed buffers (a string per character would dominate the cost on 200,000
  // characters); they only grow when NFKC expands a character (㈱ → "(株)").
  const buffers = { units: new Uint16Array(n + 16), origin: new Uint32Array(n + 17) };
  let units = buffers.units;
  let origin = buffers.origin;
  let length = 0;
  let pendingAt = -1;
  let pendingLineBreak = false;
  let lastCp = -1;

  for (let i = 0; i < n; ) {
    let cp = original.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const low = original.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    if (isWhitespace(cp)) {
      if (lastCp !== -1) {
        if (pendingAt < 0) pendingAt = i;
        if (isLineBreak(cp)) pendingLineBreak = true;
      }
      i += width;
      continue;
    }
    if (isInvisible(cp)) {
      i += width;
      continue;
    }
    let unit = -1;
    let piece = '';
    if (cp < 0x80) unit = foldCase && cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
    else if (compatibility && cp >= 0xff01 && cp <= 0xff5e) {
      // Full-width ASCII (ＮＤＡ, ２０２４, ：) is NFKC's most common case in Chinese documents.
      unit = cp - 0xfee0;
      if (foldCase && unit >= 0x41 && unit <= 0x5a) unit += 32;
    } else if (width === 1 && isUnspacedScript(cp)) unit = cp;
    else {
      piece = mappedPiece(cp, optionBits);
      if (piece.length === 0) {
        i += width;
        continue;
      }
    }
    const firstCp = unit >= 0 ? unit : (piece.codePointAt(0) ?? 0);
    const needed = (unit >= 0 ? 1 : piece.length) + 1;
    if (length + needed + 1 >= units.length) {
      const size = units.length * 2 + needed + 16;
      const grownUnits = new Uint16Array(size);
      grownUnits.set(units);
      units = grownUnits;
      const grownOrigin = new Uint32Array(size + 1);
      grownOrigin.set(origin);
      origin = grownOrigin;
    }
    if (pendingAt >= 0) {
      // OCR of Chinese puts spaces between characters; Chinese has none, so they carry no meaning.
      const bothUnspaced = isUnspacedScript(lastCp) && isUnspacedScript(firstCp);
      if (!bothUnspaced || (pendingLineBreak && keepLineBreaks)) {
        units[length] = pendingLineBreak && keepLineBreaks ? 0x0a : 0x20;
        origin[length++] = pendingAt;
      }
      pendingAt = -1;
      pendingLineBreak = false;
    }
    if (unit >= 0) {
      units[length] = unit;
      origin[length++] = i;
      lastCp = unit;
    } else {
      for (let k = 0; k < piece.length; k += 1) {
        units[length] = piece.charCodeAt(k);
        origin[length++] = i;
      }
      const lastUnit = piece.charCodeAt(piece.length - 1);
      lastCp = lastUnit >= 0xdc00 && lastUnit <= 0xdfff && piece.length >= 2 ? (piece.codePointAt(piece.length - 2) ?? lastUnit) : lastUnit;
    }
    i += width;
  }
  origin[length] = n;
  return { text: decodeUnits(units.subarray(0, length)), origin: origin.subarray(0, length + 1) };
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf16 = new TextDecoder('utf-16le');

// A native decoder turns the buffer into a string ~10x faster than String.fromCharCode over chunks.
// It would replace a lone surrogate by U+FFFD: one unit for one, so offsets stay aligned.
function decodeUnits(units: Uint16Array): string {
  if (littleEndian) return utf16.decode(units);
  let text = '';
  for (let k = 0; k < units.length; k += 8192) text += String.fromCharCode(...units.subarray(k, Math.min(units.length, k + 8192)));
  return text;
}

// NFKC and lower-casing of one code point, memoised: a document repeats a few hundred distinct
// non-ASCII characters many times over.
const pieceCache = new Map<number, string>();

function mappedPiece(cp: number, optionBits: number): string {
  const key = cp * 4 + optionBits;
  let piece = pieceCache.get(key);
  if (piece === undefined) {
    piece = String.fromCodePoint(cp);
    if ((optionBits & 1) !== 0 && !isUnspacedScript(cp)) piece = piece.normalize('NFKC');
    if ((optionBits & 2) !== 0) piece = piece.toLowerCase();
    if (pieceCache.size >= 20_000) pieceCache.clear();
    pieceCache.set(key, piece);
  }
  return piece;
}

/** Normalises a rule's own words the same way as the text they are looked for in. */
export function normalizePattern(pattern: string, options: NormalizationOptions): string {
  return normalizeForMatching(pattern, options).text;
}

/** The original text a normalised range [start, end) came from, for evidence shown to the user. */
export function originalSlice(original: string, normalized: NormalizedText, start: number, end: number): string {
  const from = normalized.origin[start] ?? original.length;
  // The end maps to the start of the last matched unit, plus that unit's original width.
  const lastFrom = normalized.origin[end - 1] ?? from;
  const lastCp = original.codePointAt(lastFrom) ?? 0;
  const to = end > start ? lastFrom + (lastCp > 0xffff ? 2 : 1) : from;
  return original.slice(from, to);
}

/**
 * One text prepared for many rules: each normalisation variant is computed once, on first use,
 * and only for the first MAX_RULE_TEXT_CHARS characters.
 */
export class PreparedText {
  readonly original: string;
  readonly #variants = new Map<string, NormalizedText>();

  constructor(text: string) {
    this.original = text.length > MAX_RULE_TEXT_CHARS ? text.slice(0, MAX_RULE_TEXT_CHARS) : text;
  }

  /** The text normalised with `options`, cached. */
  normalized(options: NormalizationOptions): NormalizedText {
    const key = `${options.compatibility ? 'k' : '-'}${options.foldCase ? 'f' : '-'}${options.keepLineBreaks ? 'l' : '-'}`;
    let variant = this.#variants.get(key);
    if (variant === undefined) {
      variant = normalizeForMatching(this.original, options);
      this.#variants.set(key, variant);
    }
    return variant;
  }

  /** The original text behind a normalised range. */
  evidence(normalized: NormalizedText, start: number, end: number): string {
    return originalSlice(this.original, normalized, start, end);
  }
}
