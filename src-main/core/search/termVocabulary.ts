import { distance } from 'fastest-levenshtein';
import { indexOfSorted, isStrictlyAscending, lowerBound, mergeSorted } from './sortedTerms.ts';
import { isCjkChar, isCjkTerm } from '../../../src-shared/rules/search/searchTokens.ts';

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
 *
 * Terms loaded from a snapshot stay in two sorted arrays (no Map of half a million entries to build at
 * unlock); terms added since live in a Map and a sorted list of their own.
 */
export class TermVocabulary {
  private baseTerms: string[] = [];
  private baseCounts = new Uint32Array(0);
  private readonly added = new Map<string, number>();
  private addedSorted: string[] | null = [];
  /** Cached by `firstLetters`; the base terms never change once loaded. */
  private baseFirstLetters: string[] | null = null;
  /** Cached by `cjkByLaterChar`. */
  private baseCjkByLaterChar: Map<string, string[]> | null = null;

  /** Counts the distinct terms of one added contract. */
  addAll(terms: Iterable<string>): void {
    for (const term of terms) {
      const before = this.added.get(term);
      if (before !== undefined) {
        this.added.set(term, before + 1);
        continue;
      }
      const at = indexOfSorted(this.baseTerms, term);
      if (at >= 0) {
        this.baseCounts[at] = (this.baseCounts[at] as number) + 1;
        continue;
      }
      this.added.set(term, 1);
      // Kept sorted while it is small (a few imports after unlock); rebuilt on demand when a bulk build made it large.
      if (this.addedSorted && this.addedSorted.length < 10_000) this.addedSorted.splice(lowerBound(this.addedSorted, term), 0, term);
      else this.addedSorted = null;
    }
  }

  has(term: string): boolean {
    return this.added.has(term) || indexOfSorted(this.baseTerms, term) >= 0;
  }

  get size(): number {
    return this.baseTerms.length + this.added.size;
  }

  private countOf(term: string): number {
    const added = this.added.get(term);
    if (added !== undefined) return added;
    const at = indexOfSorted(this.baseTerms, term);
    return at >= 0 ? (this.baseCounts[at] as number) : 0;
  }

  private sortedAdded(): string[] {
    this.addedSorted ??= [...this.added.keys()].sort();
    return this.addedSorted;
  }

  /** The terms and their counts in sorted order, for the snapshot. */
  entries(): { terms: string[]; counts: number[] } {
    const terms = mergeSorted(this.baseTerms, this.sortedAdded());
    return { terms, counts: terms.map((term) => this.countOf(term)) };
  }

  /** Restores what `entries` saved. */
  static fromEntries(saved: { terms: string[]; counts: ArrayLike<number> }): TermVocabulary {
    if (!isStrictlyAscending(saved.terms) || saved.terms.length !== saved.counts.length) throw new Error('vocabulary out of order');
    const vocabulary = new TermVocabulary();
    vocabulary.baseTerms = saved.terms;
    vocabulary.baseCounts = Uint32Array.from(saved.counts);
    return vocabulary;
  }

  /** Words starting with `prefix` (itself included), the most common first. */
  withPrefix(prefix: string): string[] {
    if (prefix.length < MIN_PREFIX_LENGTH) return this.has(prefix) ? [prefix] : [];
    const found: string[] = [];
    for (const sorted of [this.baseTerms, this.sortedAdded()]) {
      for (let i = lowerBound(sorted, prefix); i < sorted.length; i++) {
        const term = sorted[i] as string;
        if (!term.startsWith(prefix)) break;
        found.push(term);
      }
    }
    return this.mostCommon(found);
  }

  /**
   * Chinese terms containing the character `char` (a one-character Chinese query: the pairs with it), the
   * most common first. Those starting with it are one run of the sorted terms; those holding it further
   * on come from an index by later character, built from the loaded terms on the first such query.
   */
  containingCjk(char: string): string[] {
    const found: string[] = [];
    for (let i = lowerBound(this.baseTerms, char); i < this.baseTerms.length; i++) {
      const term = this.baseTerms[i] as string;
      if (!term.startsWith(char)) break;
      if (term !== char && isCjkTerm(term)) found.push(term);
    }
    found.push(...(this.cjkByLaterChar().get(char) ?? []));
    for (const term of this.added.keys()) if (term !== char && term.includes(char) && isCjkTerm(term)) found.push(term);
    return this.mostCommon(found);
  }

  /** Loaded Chinese terms by each character after their first (pairs: by their second), built once. */
  private cjkByLaterChar(): Map<string, string[]> {
    if (this.baseCjkByLaterChar === null) {
      const index = new Map<string, string[]>();
      for (const term of this.baseTerms) {
        const chars = Array.from(term);
        if (chars.length < 2 || !isCjkTerm(term)) continue;
        for (const later of new Set(chars.slice(1))) {
          if (later === chars[0]) continue;
          let list = index.get(later);
          if (!list) index.set(later, (list = []));
          list.push(term);
        }
      }
      this.baseCjkByLaterChar = index;
    }
    return this.baseCjkByLaterChar;
  }

  /**
   * Words one edit (insert, delete, substitute, or swap of neighbours) away from `word`, the most common
   * first. A word with the same first letter is looked for in that letter's run of the sorted terms only;
   * an edit of the first letter itself is looked up directly (600,000 terms are never all compared).
   */
  oneEditAway(word: string): string[] {
    if (word.length < MIN_TYPO_LENGTH) return [];
    const found: string[] = [];
    const isNeighbour = (term: string): boolean =>
      term !== word && Math.abs(term.length - word.length) <= 1 && (distance(term, word) <= 1 || isSwapOfNeighbours(term, word));
    const first = word[0] as string;
    const firstCode = first.charCodeAt(0);
    // Terms sharing the first code unit: one contiguous run of the sorted list.
    const end = lowerBound(this.baseTerms, String.fromCharCode(firstCode + 1));
    for (let i = lowerBound(this.baseTerms, first); i < end; i++) {
      const term = this.baseTerms[i] as string;
      if (isNeighbour(term)) found.push(term);
    }
    // The first letter edited: deleted, swapped with the second, replaced or preceded by another letter.
    const rest = word.slice(1);
    const candidates = [rest, `${word[1] ?? ''}${first}${word.slice(2)}`];
    for (const letter of this.firstLetters()) {
      if (letter === first) continue;
      candidates.push(letter + rest, letter + word);
    }
    for (const candidate of candidates) if (candidate !== word && indexOfSorted(this.baseTerms, candidate) >= 0) found.push(candidate);
    // Terms added since the snapshot are few: compared one by one.
    for (const term of this.added.keys()) if (isNeighbour(term)) found.push(term);
    return this.mostCommon(found);
  }

  /** The distinct first code units of the loaded terms that are not Chinese (a typo is never corrected into a Chinese pair). */
  private firstLetters(): string[] {
    if (this.baseFirstLetters === null) {
      const letters: string[] = [];
      let i = 0;
      while (i < this.baseTerms.length) {
        const letter = (this.baseTerms[i] as string)[0] as string;
        if (!isCjkChar(letter)) letters.push(letter);
        // Jump over every term starting with this code unit.
        i = lowerBound(this.baseTerms, String.fromCharCode(letter.charCodeAt(0) + 1));
      }
      this.baseFirstLetters = letters;
    }
    return this.baseFirstLetters;
  }

  private mostCommon(terms: string[]): string[] {
    const unique = [...new Set(terms)];
    if (unique.length <= MAX_EXPANSIONS) return unique;
    // Each count looked up once: inside the comparator it was two binary searches per comparison (a
    // common prefix has thousands of words), which made prefix queries the slowest of the benchmark.
    const counts = new Map(unique.map((term) => [term, this.countOf(term)]));
    return unique.sort((a, b) => (counts.get(b) as number) - (counts.get(a) as number)).slice(0, MAX_EXPANSIONS);
  }
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
