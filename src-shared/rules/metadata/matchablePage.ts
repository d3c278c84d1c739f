/**
 * One page of contract text twice: as the user's document has it (for snippets) and normalised for
 * matching. Normalisation maps one UTF-16 unit to one UTF-16 unit, so an offset found in `text` is
 * the same offset in `original` and a snippet can quote the source exactly.
 */
export interface MatchablePage {
  /** 1-based page number. */
  page: number;
  /** The page text as extracted. */
  original: string;
  /** Same length as `original`: full-width forms folded to ASCII, odd spaces and quotes unified. */
  text: string;
}

const singleUnitReplacements: Readonly<Record<string, string>> = {
  '\u3000': ' ', // ideographic space
  '\u00a0': ' ',
  '\u200b': ' ', // zero-width space: PDF text layers use it between glyphs
  '\ufeff': ' ',
  '\r': ' ', // keep "\r\n" one line break without changing offsets
  '\t': ' ',
  '\uffe5': '¥', // full-width yen sign
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u300c': '"', // 「」 quote defined terms in some contracts
  '\u300d': '"',
  '\u3010': '[', // 【】
  '\u3011': ']',
  '\u2236': ':', // ratio sign, seen in OCR output for a colon
};

const foldable = /[\uff01-\uff5e\u2010-\u2015\u2002-\u200b\u3000\u00a0\ufeff\r\t\uffe5\u2018\u2019\u201c\u201d\u300c\u300d\u3010\u3011\u2236]/g;

/** Folds one character to its matching form; always returns exactly one UTF-16 unit. */
function foldUnit(unit: string): string {
  const code = unit.charCodeAt(0);
  // Full-width ASCII block (！ to ～): ０-９, Ａ-Ｚ, ：，（）；．／－ and friends.
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  // Hyphens and dashes (‐ ‑ ‒ – — ―) so "2025–2026" and "HT—001" match like ASCII.
  if (code >= 0x2010 && code <= 0x2015) return '-';
  if (code >= 0x2002 && code <= 0x200a) return ' ';
  return singleUnitReplacements[unit] ?? unit;
}

/** Normalises text for matching without changing its length (see MatchablePage). */
export function normalizeForMatching(text: string): string {
  return text.replace(foldable, foldUnit);
}

/** Wraps extracted pages for the field extractors. */
export function toMatchablePages(pages: readonly string[]): MatchablePage[] {
  return pages.map((original, index) => ({ page: index + 1, original, text: normalizeForMatching(original) }));
}
