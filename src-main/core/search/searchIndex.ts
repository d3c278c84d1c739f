import { Index, Resolver } from 'flexsearch';
import type { DocumentData } from 'flexsearch';
import type { SearchQuery } from '../../../src-shared/model/search.ts';
import { indexTokens } from '../../../src-shared/rules/search/searchTokens.ts';
import type { ContractFacets } from './contractFacets.ts';
import { hasFilters, matchesFilters } from './contractFacets.ts';
import { planQuery } from './queryPlan.ts';
import { TermVocabulary } from './termVocabulary.ts';

/** One contract as the index reads it. */
export interface IndexedContract {
  contractId: string;
  title: string;
  number: string | null;
  customerName: string | null;
  tags: readonly string[];
  notes: string;
  /** The full text of each of its file versions, latest version first. */
  texts: readonly string[];
  facets: ContractFacets;
}

/** Contracts matching a query, in the order asked for, with the total before paging. */
export interface SearchMatches {
  total: number;
  matches: Array<{ contractId: string; score: number }>;
  terms: string[];
}

const DEFAULT_LIMIT = 20;

/**
 * FlexSearch options. Terms are made by our own tokenizer (CJK pairs + whole words), so FlexSearch
 * only splits on the spaces we join them with. `resolution` ranks a term by how early it first
 * appears: the contract's title, number, customer, tags and notes come first in the indexed text,
 * then the latest version's text, then older versions, so that is also the ranking.
 */
function newFlexIndex(): Index {
  // fastupdate (a reverse register for quick removal) is off: it doubles the memory, and FlexSearch
  // cannot import it from a snapshot anyway. Removal is by tombstone and batch compaction instead.
  return new Index({ tokenize: 'strict', encode: splitOnSpaces, resolution: 9, fastupdate: false, cache: false });
}

/** FlexSearch's own posting lists (term -> one id list per score slot), read only by `compact`. */
interface FlexInternals {
  map: Map<string, Array<number[] | undefined>>;
  reg: Set<number>;
}

/** Dead doc numbers tolerated before their postings are swept out. */
function compactionThreshold(live: number): number {
  return Math.max(1000, Math.floor(live / 10));
}

function splitOnSpaces(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}

/** The searchable text of a contract as terms: fields first, then versions newest first. */
function contractTerms(contract: IndexedContract): string[] {
  return [contract.title, contract.number ?? '', contract.customerName ?? '', contract.tags.join(' '), contract.notes, ...contract.texts]
    .flatMap((text) => indexTokens(text));
}

/** Sort keys; a missing value sorts last whichever the direction. */
function compareNullable<T>(a: T | null, b: T | null, ascending: boolean, compare: (x: T, y: T) => number): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return ascending ? compare(a, b) : compare(b, a);
}

const byString = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * The first `count` items of `items` in `compare` order, without sorting them all: a page of 20 out of
 * 100,000 contracts costs one pass with a short sorted buffer instead of a full sort.
 */
export function firstInOrder<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  if (count <= 0) return [];
  if (items.length <= count * 4) return [...items].sort(compare).slice(0, count);
  const best: T[] = [];
  for (const item of items) {
    if (best.length === count && compare(item, best[count - 1] as T) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(best[mid] as T, item) <= 0) low = mid + 1;
      else high = mid;
    }
    best.splice(low, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
}

/**
 * The in-memory search index of one vault: FlexSearch's inverted index over every contract's terms,
 * the facets that filters and sorts read, and the vocabulary for prefix and typo expansion. Ids inside
 * FlexSearch are small integers (a contract id string per posting would triple the memory).
 */
export class SearchIndex {
  private flex: Index = newFlexIndex();
  private contractIds: Array<string | undefined> = [];
  private readonly docNos = new Map<string, number>();
  private facets: Array<ContractFacets | undefined> = [];
  private vocabulary = new TermVocabulary();
  /**
   * Doc numbers of removed or replaced contracts whose postings are still in FlexSearch. Removing one
   * id from FlexSearch without its reverse register scans every posting list (~100 ms at 20,000
   * contracts), so a replaced contract gets a new number and the old one is swept out in batches.
   */
  private tombstones = new Set<number>();

  /** Number of contracts indexed. */
  get size(): number {
    return this.docNos.size;
  }

  /** Whether the contract is in the index. */
  has(contractId: string): boolean {
    return this.docNos.has(contractId);
  }

  /** Adds a contract, or replaces what was indexed for it. */
  upsert(contract: IndexedContract): void {
    this.bury(contract.contractId);
    const docNo = this.contractIds.length;
    const terms = contractTerms(contract);
    this.flex.add(docNo, terms.join(' '));
    this.vocabulary.addAll(new Set(terms));
    this.contractIds[docNo] = contract.contractId;
    this.facets[docNo] = contract.facets;
    this.docNos.set(contract.contractId, docNo);
  }

  /** Drops a contract; unknown ids are ignored so a replayed deletion is harmless. */
  remove(contractId: string): void {
    this.bury(contractId);
  }

  private bury(contractId: string): void {
    const docNo = this.docNos.get(contractId);
    if (docNo === undefined) return;
    this.contractIds[docNo] = undefined;
    this.facets[docNo] = undefined;
    this.docNos.delete(contractId);
    this.tombstones.add(docNo);
    if (this.tombstones.size > compactionThreshold(this.docNos.size)) this.compact();
  }

  /** Sweeps the postings of removed contracts out of FlexSearch and renumbers nothing (live numbers stay). */
  compact(): void {
    if (this.tombstones.size === 0) return;
    const dead = this.tombstones;
    const internals = this.flex as unknown as FlexInternals;
    for (const [term, slots] of internals.map) {
      let left = 0;
      for (let slot = 0; slot < slots.length; slot++) {
        const ids = slots[slot];
        if (!ids) continue;
        const kept = ids.filter((id) => !dead.has(id));
        slots[slot] = kept.length > 0 ? kept : undefined;
        left += kept.length;
      }
      if (left === 0) internals.map.delete(term);
    }
    for (const docNo of dead) internals.reg.delete(docNo);
    this.tombstones = new Set();
  }

  /** Contracts matching the text and filters, sorted and paged as asked. */
  search(query: SearchQuery): SearchMatches {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const text = query.text ?? '';
    const plan = planQuery(text, this.vocabulary);
    // Punctuation only: nothing to look for, and "everything" would be a surprising answer.
    if ((text.trim() !== '' && !plan.hasText) || plan.unanswerable) return { total: 0, matches: [], terms: plan.terms };

    const filtering = hasFilters(query);
    const today = new Date().toISOString().slice(0, 10);
    const ranked: number[] = [];
    if (plan.groups.length > 0) {
      for (const docNo of this.matchingDocNos(plan.groups)) {
        const facets = this.facets[docNo];
        if (facets && (!filtering || matchesFilters(facets, query, today))) ranked.push(docNo);
      }
    } else {
      for (let docNo = 0; docNo < this.facets.length; docNo++) {
        const facets = this.facets[docNo];
        if (facets && (!filtering || matchesFilters(facets, query, today))) ranked.push(docNo);
      }
    }

    const sort = query.sort ?? 'relevance';
    const ascending = query.ascending ?? false;
    const byRelevance = sort === 'relevance' && plan.groups.length > 0;
    // Relevance is the order FlexSearch returned; a score in (0, 1] says how high in it a hit came.
    const scoreOf = (rank: number): number => (byRelevance || plan.groups.length > 0 ? (ranked.length - rank) / ranked.length : 0);
    let page: Array<{ docNo: number; rank: number }>;
    if (byRelevance) {
      const ordered = ascending ? [...ranked].reverse() : ranked;
      page = ordered.slice(offset, offset + limit).map((docNo, i) => ({ docNo, rank: ascending ? ranked.length - 1 - (offset + i) : offset + i }));
    } else {
      const rankOf = new Map<number, number>();
      if (plan.groups.length > 0) ranked.forEach((docNo, rank) => rankOf.set(docNo, rank));
      const key = sort === 'relevance' ? 'signingDate' : sort;
      const compare = (a: number, b: number): number => this.compare(a, b, key, ascending) || (rankOf.get(a) ?? 0) - (rankOf.get(b) ?? 0) || a - b;
      page = firstInOrder(ranked, offset + limit, compare).slice(offset).map((docNo) => ({ docNo, rank: rankOf.get(docNo) ?? 0 }));
    }
    return {
      total: ranked.length,
      matches: page.map(({ docNo, rank }) => ({ contractId: this.contractIds[docNo] as string, score: scoreOf(rank) })),
      terms: plan.terms,
    };
  }

  /** Doc numbers matching every group (any term of each), best first. */
  private matchingDocNos(groups: string[][]): number[] {
    const [first, ...rest] = groups;
    if (!first) return [];
    const resolver = this.groupResolver(first);
    for (const group of rest) {
      resolver.and(group.length === 1 ? { query: group[0] as string } : { or: group.map((term) => ({ query: term })) });
    }
    return resolver.resolve({ limit: Math.max(1, this.contractIds.length) }) as number[];
  }

  private groupResolver(group: string[]): Resolver<DocumentData> {
    const [head, ...others] = group;
    const resolver = new Resolver<DocumentData>({ index: this.flex, query: head as string });
    if (others.length > 0) resolver.or(...others.map((term) => ({ query: term })));
    return resolver;
  }

  private compare(a: number, b: number, sort: 'signingDate' | 'endDate' | 'amount', ascending: boolean): number {
    const x = this.facets[a] as ContractFacets;
    const y = this.facets[b] as ContractFacets;
    if (sort === 'amount') return compareNullable(x.amount?.minor ?? null, y.amount?.minor ?? null, ascending, (p, q) => p - q);
    return compareNullable(x[sort], y[sort], ascending, byString);
  }

  /** Everything needed to rebuild this index without re-reading the contracts, as named JSON parts. */
  async exportParts(write: (key: string, data: string) => Promise<void>): Promise<void> {
    // Dead postings are not worth saving (nor loading at every unlock).
    this.compact();
    await write('ids', JSON.stringify(this.contractIds.map((id) => id ?? null)));
    await write('facets', JSON.stringify(this.facets.map((f) => f ?? null)));
    await write('vocabulary', JSON.stringify(this.vocabulary.entries()));
    await this.flex.export(async (key, data) => {
      await write(`flex.${String(key)}`, data);
    });
  }

  /** Rebuilds an index from the parts `exportParts` wrote, in the order it wrote them. */
  static fromParts(parts: Iterable<readonly [string, string]>): SearchIndex {
    const index = new SearchIndex();
    for (const [key, data] of parts) {
      if (key === 'ids') {
        index.contractIds = (JSON.parse(data) as Array<string | null>).map((id) => id ?? undefined);
      } else if (key === 'facets') {
        index.facets = (JSON.parse(data) as Array<ContractFacets | null>).map((f) => f ?? undefined);
      } else if (key === 'vocabulary') {
        index.vocabulary = TermVocabulary.fromEntries(JSON.parse(data) as Array<[string, number]>);
      } else if (key.startsWith('flex.')) {
        index.flex.import(key.slice('flex.'.length), data);
      }
    }
    index.contractIds.forEach((id, docNo) => {
      if (id !== undefined) index.docNos.set(id, docNo);
    });
    return index;
  }
}
