import type { MatchablePage } from './matchablePage.ts';

/**
 * One extracted metadata value with the evidence the UI shows ("why do you think so?") and that the
 * user confirms or corrects. `start`/`end` cover the matched evidence (label and value) in that
 * page's text; `snippet` is the source text around it, exactly as written.
 */
export interface ExtractedField<T> {
  value: T;
  /** The exact source text, trimmed to about 120 characters around the match, within its lines. */
  snippet: string;
  /** 1-based page number. */
  page: number;
  /** Offsets of the evidence in that page's text (UTF-16 units, end exclusive). */
  start: number;
  end: number;
  /** 0..1; values under `minimumConfidence` are never returned. */
  confidence: number;
}

/** Below this, a value is more likely wrong than right: returning nothing is better (precision first). */
export const minimumConfidence = 0.5;

const snippetLength = 120;

/**
 * The source text shown for a match: the match itself plus context on both sides, up to about
 * `snippetLength` characters, never crossing into lines the match does not touch (a neighbouring
 * line is usually another clause and would confuse more than explain). A match longer than that
 * (two parties named lines apart) is shown whole up to twice the length, then cut with "…".
 */
export function snippetAround(original: string, start: number, end: number): string {
  if (end - start >= snippetLength) {
    const whole = original.slice(start, end).trim();
    return whole.length <= 2 * snippetLength ? whole : `${whole.slice(0, 2 * snippetLength - 1)}…`;
  }
  const lineStart = start === 0 ? 0 : original.lastIndexOf('\n', start - 1) + 1;
  const nextBreak = original.indexOf('\n', end);
  const lineEnd = nextBreak === -1 ? original.length : nextBreak;
  const spare = snippetLength - (end - start);
  let left = Math.max(lineStart, start - Math.floor(spare / 2));
  const right = Math.min(lineEnd, end + (spare - (start - left)));
  left = Math.max(lineStart, start - (spare - (right - end)));
  return original.slice(left, right).trim();
}

/** Builds a field from a match on one page, quoting the original text around it. */
export function fieldAt<T>(page: MatchablePage, start: number, end: number, value: T, confidence: number): ExtractedField<T> {
  const clamped = Math.max(0, Math.min(1, confidence));
  return { value, snippet: snippetAround(page.original, start, end), page: page.page, start, end, confidence: Math.round(clamped * 100) / 100 };
}

/**
 * The candidate to keep: highest confidence, then the earliest in the document (a contract states
 * its key terms up front; later mentions are more often references, annexes or examples).
 */
export function bestCandidate<C extends ExtractedField<unknown>>(candidates: readonly C[]): C | undefined {
  let best: C | undefined;
  for (const candidate of candidates) {
    if (
      best === undefined ||
      candidate.confidence > best.confidence ||
      (candidate.confidence === best.confidence && (candidate.page < best.page || (candidate.page === best.page && candidate.start < best.start)))
    ) {
      best = candidate;
    }
  }
  return best;
}
