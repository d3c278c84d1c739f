import { distance } from 'fastest-levenshtein';
import { isSpacedWordChar, isUnspacedScript } from './textNormalization.ts';
import { isWholeWordAt } from './termSearch.ts';
import type { TextRange } from './termSearch.ts';

/**
 * Fuzzy matching: finds a stretch of the (normalised) text within a few edits of the (normalised)
 * pattern, for typos and OCR misreadings such as "agrement" or 保密协意.
 *
 * Threshold: a pattern may differ by ⌊weight / 6⌋ Levenshtein edits, where weight counts each
 * character once and each Han/kana character twice (one Han character carries about as much as a
 * short Latin syllable). So "agreement" (9) and 保密协议 (8) tolerate one edit,
 * "non-disclosure agreement" (24) four, and "nda" or "lease" none: short words must match exactly
 * (as whole words), or fuzzy matching would find them everywhere. That is ≈ 83 % similarity, a little
 * looser than Paperless-ngx's partial-ratio 90, because OCR of Chinese misreads whole characters.
 *
 * Search: by the pigeonhole principle a window within k edits contains one of k+1 pattern pieces
 * exactly, so only windows around exact occurrences of a piece are measured. A window must start
 * and end on word boundaries in Latin text (so "lease" is never found inside "please").
 */

/** The most edits any pattern tolerates, however long. */
const MAX_EDITS = 8;
/** Distance computations one evaluation may spend before giving up (keeps adversarial texts bounded). */
const MAX_DISTANCE_CALLS = 50_000;

/** Edits a normalised pattern tolerates. */
export function allowedEdits(pattern: string): number {
  let weight = 0;
  for (const char of pattern) weight += isUnspacedScript(char.codePointAt(0) ?? 0) ? 2 : 1;
  return Math.min(MAX_EDITS, Math.floor(weight / 6));
}

/** A fuzzy hit: where it is and how many edits away from the pattern. */
export interface FuzzyHit extends TextRange {
  edits: number;
}

function splitPieces(pattern: string, count: number): { piece: string; offset: number }[] {
  const pieces: { piece: string; offset: number }[] = [];
  const size = Math.floor(pattern.length / count);
  for (let k = 0; k < count; k += 1) {
    const offset = k * size;
    const end = k === count - 1 ? pattern.length : offset + size;
    pieces.push({ piece: pattern.slice(offset, end), offset });
  }
  return pieces;
}

function isWindowEdge(text: string, start: number, end: number): boolean {
  if (start < 0 || end > text.length || end <= start) return false;
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  // A window never begins or ends on a space or in the middle of a surrogate pair.
  if (first === 0x20 || first === 0x0a || last === 0x20 || last === 0x0a) return false;
  if (first >= 0xdc00 && first <= 0xdfff) return false;
  if (last >= 0xd800 && last <= 0xdbff) return false;
  const window = text.slice(start, end);
  return isWholeWordAt(text, window, start, end);
}

/**
 * The earliest stretch of `text` within the allowed edits of `pattern` (both already normalised),
 * or null. Among windows starting at the same place, the fewest edits win, then the length nearest the pattern's.
 */
export function findFuzzy(text: string, pattern: string): FuzzyHit | null {
  const m = pattern.length;
  if (m === 0) return null;
  const k = Math.min(allowedEdits(pattern), m - 1);
  const pieces = splitPieces(pattern, k + 1).filter((p) => p.piece.length > 0);
  // Anchors: where the pattern would start if a piece occurrence were aligned with it.
  const anchors = new Set<number>();
  for (const { piece, offset } of pieces) {
    for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + 1)) {
      anchors.add(at - offset);
      if (anchors.size > MAX_DISTANCE_CALLS) break;
    }
  }
  const sorted = [...anchors].sort((x, y) => x - y);
  const patternIsLatinWord = isSpacedWordChar(pattern.codePointAt(0) ?? -1);
  let best: FuzzyHit | null = null;
  let calls = 0;
  const measured = new Set<number>();
  for (const anchor of sorted) {
    if (best !== null && anchor - k > best.start) break;
    for (let start = anchor - k; start <= anchor + k; start += 1) {
      if (best !== null && start > best.start) break;
      for (let length = Math.max(1, m - k); length <= m + k; length += 1) {
        const end = start + length;
        const key = start * 64 + (length - m + k);
        if (measured.has(key)) continue;
        measured.add(key);
        if (!isWindowEdge(text, start, end)) continue;
        // Latin patterns only compare against windows that begin a word; Han windows may begin anywhere.
        if (patternIsLatinWord && !isSpacedWordChar(text.codePointAt(start) ?? -1)) continue;
        calls += 1;
        if (calls > MAX_DISTANCE_CALLS) return best;
        const edits = distance(text.slice(start, end), pattern);
        if (edits > k) continue;
        const closer = best !== null && start === best.start && (edits < best.edits || (edits === best.edits && Math.abs(length - m) < Math.abs(best.end - best.start - m)));
        if (best === null || start < best.start || closer) best = { start, end, edits };
      }
    }
  }
  return best;
}
