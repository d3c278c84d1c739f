import { distance } from 'fastest-levenshtein';

/** Expansions of one query word at most: a two-letter prefix can match thousands of words. */
const MAX_EXPANSIONS = 64;
/** Shortest word that is expanded as a prefix or corrected for a typo. */
const MIN_PREFIX_LENGTH = 3;
const MIN_TYPO_LENGTH = 5;

/**
 * Every term the index holds, with the number of contracts that had it when added (never lowered on
 * removal: a stale term only costs an empty lookup). Answers what a query word may stand for: itself,
 * the words it is a prefix of (`termin` -> termination, terminate), or, when neither exists, the words
 * one edit away (`terminaton` -> termination).
 */
export class TermVocabulary {
  private readonly counts = new Map<string, number>();
  private sorted: string[] | null = null;

  /** Counts the distinct terms of one added contract. */
  addAll(terms: Iterable<string>): void {
    for (const term of terms) {
      const before = this.counts.get(term);
      this.counts.set(term, (before ?? 0) + 1);
      // Once prefix search has sorted the words, a new word is slotted in rather than sorting them all again.
      if (before === undefined && this.sorted) this.sorted.splice(lowerBound(this.sorted, term), 0, term);
    }
  }

  has(term: string): boolean {
    return this.counts.has(term);
  }

  get size(): number {
    return this.counts.size;
  }

  /** The terms and their counts in sorted order, for the snapshot (so loading it needs no sort). */
  entries(): Array<[string, number]> {
    return this.sortedTerms().map((term) => [term, this.counts.get(term) ?? 0]);
  }

  /** Restores the counts saved in a snapshot, in the sorted order `entries` wrote them. */
  static fromEntries(entries: ReadonlyArray<readonly [string, number]>): TermVocabulary {
    const vocabulary = new TermVocabulary();
    const sorted: string[] = [];
    let inOrder = true;
    for (const [term, count] of entries) {
      if (sorted.length > 0 && (sorted[sorted.length - 1] as string) >= term) inOrder = false;
      vocabulary.counts.set(term, count);
      sorted.push(term);
    }
    vocabulary.sorted = inOrder ? sorted : null;
    return vocabulary;
  }

  /** Words starting with `prefix` (itself included), the most common first. */
  withPrefix(prefix: string): string[] {
    if (prefix.length < MIN_PREFIX_LENGTH) return this.counts.has(prefix) ? [prefix] : [];
    const sorted = this.sortedTerms();
    const found: string[] = [];
    for (let i = lowerBound(sorted, prefix); i < sorted.length; i++) {
      const term = sorted[i] as string;
      if (!term.startsWith(prefix)) break;
      found.push(term);
    }
    return this.mostCommon(found);
  }

  /** CJK pairs containing `char` (a one-character Chinese query), the most common first. */
  containing(char: string, isCandidate: (term: string) => boolean): string[] {
    const found: string[] = [];
    for (const term of this.counts.keys()) if (term.includes(char) && isCandidate(term)) found.push(term);
    return this.mostCommon(found);
  }

  /** Words one edit (insert, delete, substitute, or swap of neighbours) away from `word`, the most common first. */
  oneEditAway(word: string): string[] {
    if (word.length < MIN_TYPO_LENGTH) return [];
    const found: string[] = [];
    for (const term of this.counts.keys()) {
      if (Math.abs(term.length - word.length) > 1 || term[0] !== word[0] && term[1] !== word[1]) continue;
      if (distance(term, word) <= 1 || isSwapOfNeighbours(term, word)) found.push(term);
    }
    return this.mostCommon(found);
  }

  private mostCommon(terms: string[]): string[] {
    if (terms.length <= MAX_EXPANSIONS) return terms;
    return terms.sort((a, b) => (this.counts.get(b) ?? 0) - (this.counts.get(a) ?? 0)).slice(0, MAX_EXPANSIONS);
  }

  private sortedTerms(): string[] {
    this.sorted ??= [...this.counts.keys()].sort();
    return this.sorted;
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as string) < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

// "contarct" for "contract": Levenshtein counts a swap as two edits, people make it as one.
function isSwapOfNeighbours(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (first >= 0) return i === first + 1 && a[first] === b[i] && a[i] === b[first] && a.slice(i + 1) === b.slice(i + 1);
    first = i;
  }
  return false;
}
