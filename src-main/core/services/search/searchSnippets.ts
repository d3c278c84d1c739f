import type { HighlightRange, SearchSnippet } from '../../../../src-shared/model/search.ts';
import { foldText, isCjkChar, isCjkTerm } from '../../../../src-shared/rules/search/searchTokens.ts';
import type { VersionText } from './contractTexts.ts';

/** Characters of context kept before the first highlighted term, and the snippet's length at most. */
const CONTEXT_BEFORE = 60;
const SNIPPET_CHARS = 220;
const SNIPPETS_PER_HIT = 3;

const letterOrDigit = /[\p{L}\p{N}]/u;
const latinWithMark = /[\u00C0-\u024F\u1E00-\u1EFF]/u;

/** Whether a character continues a word (so a term ending next to it is only part of a word); Han and kana never do. */
function isWordChar(char: string): boolean {
  return char !== '' && letterOrDigit.test(char) && !isCjkChar(char);
}

/**
 * The text folded like search terms are (width, case, Latin accents), one UTF-16 unit per unit of the
 * original so offsets found in it are offsets in the original. A character whose folding changes its
 * length (e.g. the ligature ﬁ) is kept as it is.
 */
export function foldAligned(text: string): string {
  let out = '';
  for (const char of text) {
    let folded = foldText(char);
    if (latinWithMark.test(folded)) folded = folded.normalize('NFD').replace(/\p{M}+/gu, '');
    out += folded.length === char.length ? folded : char;
  }
  return out;
}

/**
 * Where the terms occur in a text, as merged [start, end) ranges. CJK pairs are matched anywhere
 * (overlapping pairs of one phrase merge into one highlight), words only as whole words.
 */
export function findTerms(text: string, terms: readonly string[]): HighlightRange[] {
  if (terms.length === 0) return [];
  const folded = foldAligned(text);
  const compact = withoutSpacesInsideCjk(folded);
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    const cjk = isCjkTerm(term);
    // CJK terms are looked for where the index saw them: with layout spaces between characters removed.
    const haystack = cjk ? compact.text : folded;
    for (let at = haystack.indexOf(term); at >= 0; at = haystack.indexOf(term, at + 1)) {
      const end = at + term.length;
      if (cjk) {
        ranges.push([compact.origin[at] as number, (compact.origin[end - 1] as number) + 1]);
      } else if (!isWordChar(folded.charAt(at - 1)) && !isWordChar(folded.charAt(end))) {
        ranges.push([at, end]);
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    // Ranges of one phrase touch or are only apart by the spaces the phrase was printed with.
    if (last && (range[0] <= last[1] || /^\s+$/u.test(folded.slice(last[1], range[0])) && isCjkChar(folded.charAt(range[0])))) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** The text without whitespace between two CJK characters, and for each kept unit its offset in the text. */
function withoutSpacesInsideCjk(text: string): { text: string; origin: number[] } {
  let out = '';
  const origin: number[] = [];
  let lastKept = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (/\s/u.test(char) && isCjkChar(lastKept)) {
      let next = i;
      while (next < text.length && /\s/u.test(text.charAt(next))) next++;
      if (isCjkChar(text.charAt(next))) {
        i = next - 1;
        continue;
      }
    }
    out += char;
    origin.push(i);
    lastKept = char;
  }
  return { text: out, origin };
}

/** Cuts a window of `text` around its first highlight, shifting the highlights into it. */
export function excerpt(text: string, highlights: readonly HighlightRange[]): { text: string; highlights: HighlightRange[] } {
  const first = highlights[0]?.[0] ?? 0;
  let start = Math.max(0, first - CONTEXT_BEFORE);
  // Do not begin in the middle of a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/u.test(text.charAt(start))) start -= 1;
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  if (end < text.length && /[\uDC00-\uDFFF]/u.test(text.charAt(end))) end += 1;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shifted = highlights
    .filter(([from, to]) => from >= start && to <= end)
    .map(([from, to]): HighlightRange => [from - start + prefix.length, to - start + prefix.length]);
  return { text: `${prefix}${text.slice(start, end)}${suffix}`, highlights: shifted };
}

/**
 * Up to three snippets for a hit: the pages where the most distinct terms occur, the latest
 * versions first among equals, each with its page number (for paged formats) and highlights.
 */
export function buildSnippets(texts: readonly VersionText[], terms: readonly string[]): SearchSnippet[] {
  const candidates: Array<{ order: number; page: number; distinct: number; version: VersionText; text: string; highlights: HighlightRange[] }> = [];
  let order = 0;
  for (const version of texts) {
    version.pages.forEach((pageText, pageIndex) => {
      const text = pageText.replace(/\s+/gu, ' ');
      const highlights = findTerms(text, terms);
      if (highlights.length === 0) return;
      const folded = foldAligned(text);
      const distinct = terms.filter((term) => folded.includes(term)).length;
      candidates.push({ order: order++, page: pageIndex + 1, distinct, version, text, highlights });
    });
  }
  candidates.sort((a, b) => b.distinct - a.distinct || a.order - b.order);
  return candidates.slice(0, SNIPPETS_PER_HIT).map((c) => {
    const cut = excerpt(c.text, c.highlights);
    return {
      fileId: c.version.fileId,
      fileName: c.version.fileName,
      versionId: c.version.versionId,
      versionNumber: c.version.versionNo,
      page: c.version.paged ? c.page : null,
      text: cut.text,
      highlights: cut.highlights,
    };
  });
}
