import { diffArrays } from 'diff';
import { isWhitespaceToken, tokenizeForDiff } from './diffTokens.ts';

/** A run of text on one side of a comparison: unchanged, or part of difference number `hunk` (0-based). */
export interface DiffPiece {
  text: string;
  kind: 'same' | 'removed' | 'added';
  hunk: number | null;
}

/** Two texts side by side: the old one with its removals, the new one with its additions, and how many differences. */
export interface TextComparison {
  left: DiffPiece[];
  right: DiffPiece[];
  hunkCount: number;
  /** The texts differ too much (or are too long) to diff within the limits: nothing is marked. */
  tooDifferent: boolean;
}

/** Bounds that keep a comparison of two unrelated documents from freezing the window. */
export interface ComparisonLimits {
  /** Milliseconds jsdiff may spend; beyond it the texts count as too different. */
  timeoutMs: number;
  /** Most tokens added plus removed before giving up. */
  maxEditLength: number;
}

export const defaultComparisonLimits: ComparisonLimits = { timeoutMs: 1000, maxEditLength: 4000 };

interface Chunk {
  tokens: string[];
  kind: 'same' | 'removed' | 'added';
}

function push(pieces: DiffPiece[], text: string, kind: DiffPiece['kind'], hunk: number | null): void {
  const last = pieces[pieces.length - 1];
  if (last && last.kind === kind && last.hunk === hunk) last.text += text;
  else pieces.push({ text, kind, hunk });
}

/**
 * Compares two versions' texts token by token (words in English, characters in Chinese: see
 * tokenizeForDiff) with jsdiff's `diffArrays`. Consecutive changes separated only by whitespace form one
 * difference (a rewritten phrase is one stop for next/previous, not one per word); a change that is only
 * whitespace is shown unmarked.
 */
export function compareTexts(oldText: string, newText: string, limits: ComparisonLimits = defaultComparisonLimits): TextComparison {
  const oldTokens = tokenizeForDiff(oldText);
  const newTokens = tokenizeForDiff(newText);
  const changes = diffArrays(oldTokens, newTokens, {
    comparator: (a, b) => a === b || (isWhitespaceToken(a) && isWhitespaceToken(b)),
    timeout: limits.timeoutMs,
    maxEditLength: limits.maxEditLength,
  });
  if (changes === undefined) {
    return { left: [{ text: oldText, kind: 'same', hunk: null }], right: [{ text: newText, kind: 'same', hunk: null }], hunkCount: 0, tooDifferent: true };
  }
  const chunks: Chunk[] = changes.map((change) => ({ tokens: change.value, kind: change.added ? 'added' : change.removed ? 'removed' : 'same' }));
  const left: DiffPiece[] = [];
  const right: DiffPiece[] = [];
  let hunkCount = 0;
  let open = false;
  // A 'same' chunk holds one side's tokens only; with whitespace equal by the comparator the two sides can
  // differ in spacing, so each side's text is taken from its own tokens by position.
  let oldAt = 0;
  let newAt = 0;
  chunks.forEach((chunk, index) => {
    const text = chunk.tokens.join('');
    if (chunk.kind === 'same') {
      const oldText = oldTokens.slice(oldAt, oldAt + chunk.tokens.length).join('');
      const newText = newTokens.slice(newAt, newAt + chunk.tokens.length).join('');
      oldAt += chunk.tokens.length;
      newAt += chunk.tokens.length;
      const next = chunks[index + 1];
      const bridges = open && next !== undefined && next.kind !== 'same' && chunk.tokens.every(isWhitespaceToken);
      if (bridges) {
        push(left, oldText, 'same', hunkCount - 1);
        push(right, newText, 'same', hunkCount - 1);
      } else {
        open = false;
        push(left, oldText, 'same', null);
        push(right, newText, 'same', null);
      }
      return;
    }
    if (chunk.kind === 'added') newAt += chunk.tokens.length;
    else oldAt += chunk.tokens.length;
    if (chunk.tokens.every(isWhitespaceToken)) {
      push(chunk.kind === 'removed' ? left : right, text, 'same', open ? hunkCount - 1 : null);
      return;
    }
    if (!open) {
      hunkCount += 1;
      open = true;
    }
    push(chunk.kind === 'removed' ? left : right, text, chunk.kind, hunkCount - 1);
  });
  return { left, right, hunkCount, tooDifferent: false };
}

/**
 * The difference to show after `current` in `direction` (+1 next, -1 previous), wrapping around at
 * either end; the first (or last) one when none is selected yet; null when there is none.
 */
export function stepHunk(current: number | null, hunkCount: number, direction: 1 | -1): number | null {
  if (hunkCount <= 0) return null;
  if (current === null || current < 0 || current >= hunkCount) return direction === 1 ? 0 : hunkCount - 1;
  return (current + direction + hunkCount) % hunkCount;
}
