import { Index } from 'flexsearch';
import { BUCKET_LIMIT, CompactPostings } from './compactPostings.ts';
import type { SearchQuery } from '../../../src-shared/model/search.ts';
import { indexTokens } from '../../../src-shared/rules/search/searchTokens.ts';
import type { ContractFacets } from './contractFacets.ts';
import { FacetColumns } from './facetColumns.ts';
import { planQuery } from './queryPlan.ts';
import { mergeSorted } from './sortedTerms.ts';
import { packFacets, unpackRow, type PackedFacets } from './facetPacking.ts';
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
/** Position buckets of a term's first occurrence in the full text (0 = at the start). */
const BUCKETS = BUCKET_LIMIT;
/** A term in the contract's own fields (title, number, customer, tags, notes) outranks any place in its files. */
const FIELD_SCORE = BUCKETS + 3;

/**
 * FlexSearch over each contract's own fields. Terms are made by our tokenizer (CJK pairs + whole
 * words), so FlexSearch only splits on the spaces we join them with; fastupdate (a reverse register for
 * quick removal) is off: it doubles the memory and FlexSearch cannot import it from a snapshot.
 */
function newFieldIndex(): Index {
  return new Index({ tokenize: 'strict', encode: splitOnSpaces, resolution: 1, fastupdate: false, cache: false });
}

function splitOnSpaces(text: string): string[] {
  return text === '' ? [] : text.split(' ');
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

/**
 * Term lists in a snapshot: one term per line. Terms never hold whitespace (the tokenizer splits on it), and
 * splitting one string is several times faster at load than parsing the same list as JSON.
 */
function joinTerms(terms: readonly string[]): string {
  for (const term of terms) if (term === '' || term.includes('\n')) throw new Error('a term cannot be empty or hold a line break');
  return terms.join('\n');
}

function splitTerms(data: string): string[] {
  return data === '' ? [] : data.split('\n');
}

/** The terms of a contract's own fields. */
function fieldTerms(contract: IndexedContract): string[] {
  return [contract.title, contract.number ?? '', contract.customerName ?? '', contract.tags.join(' '), contract.notes].flatMap((text) => indexTokens(text));
}

/** Each distinct term of the files' text with the bucket of its first position; versions come latest first, so their terms rank first. */
function textTermBuckets(contract: IndexedContract): Map<string, number> {
  const tokens = contract.texts.flatMap((text) => indexTokens(text));
  const buckets = new Map<string, number>();
  tokens.forEach((token, position) => {
    if (!buckets.has(token)) buckets.set(token, Math.min(BUCKETS - 1, Math.floor((BUCKETS * position) / tokens.length)));
  });
  return buckets;
}

/**
 * The first `count` items of `items` in `compare` order, without sorting them all: a page of 20 out of
 * 100,000 contracts costs one pass with a short sorted buffer instead of a full sort.
 */
export function firstInOrder<T>(items: ArrayLike<T> & Iterable<T>, count: number, compare: (a: T, b: T) => number): T[] {
  if (count <= 0) return [];
  if (items.length <= count * 4) return Array.from(items).sort(compare).slice(0, count);
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
 * The first `count` of `docNos` (ascending) by score, highest first (lowest with `ascending`), newer
 * contracts first among equal scores. Scores are small integers, so a histogram finds the score the page
 * ends at, and only the few contracts above it are sorted: no pass allocates per contract.
 */
function byScore(docNos: ArrayLike<number>, scores: Uint16Array, count: number, ascending: boolean): number[] {
  if (count <= 0 || docNos.length === 0) return [];
  let maxScore = 0;
  for (let i = 0; i < docNos.length; i++) maxScore = Math.max(maxScore, scores[docNos[i] as number] as number);
  const histogram = new Uint32Array(maxScore + 1);
  for (let i = 0; i < docNos.length; i++) histogram[scores[docNos[i] as number] as number]!++;
  // Walk the scores in page order until the page is full: that score is the edge of the page.
  let edge = ascending ? 0 : maxScore;
  let before = 0;
  for (;;) {
    const here = histogram[edge] as number;
    if (before + here >= count || (ascending ? edge === maxScore : edge === 0)) break;
    before += here;
    edge += ascending ? 1 : -1;
  }
  const beats = (score: number): boolean => (ascending ? score < edge : score > edge);
  const ahead: number[] = [];
  const atEdge: number[] = [];
  for (let i = docNos.length - 1; i >= 0; i--) {
    const docNo = docNos[i] as number;
    const score = scores[docNo] as number;
    if (beats(score)) ahead.push(docNo);
    else if (score === edge && atEdge.length < count - before) atEdge.push(docNo);
  }
  // `ahead` holds fewer than `count` contracts, newest first; a stable sort by score keeps that order among equals.
  ahead.sort((x, y) => (ascending ? (scores[x] as number) - (scores[y] as number) : (scores[y] as number) - (scores[x] as number)));
  return [...ahead, ...atEdge].slice(0, count);
}

/**
 * The in-memory search index of one vault: FlexSearch over each contract's own fields, compact
 * posting lists over the full text of its files, the facets that filters and sorts read, and the
 * vocabulary for prefix and typo expansion. Contracts are numbered internally with small integers that
 * only grow: a re-indexed contract gets a new number and the old one is a tombstone until compaction.
 */
export class SearchIndex {
  private fields: Index = newFieldIndex();
  private text = new CompactPostings();
  private contractIds: Array<string | undefined> = [];
  /**
   * Contract id -> number, built on first use: queries never need it, and building it for 100,000
   * contracts would add ~50 ms to every unlock for the first import or edit to use.
   */
  private docNumbers: Map<string, number> | null = new Map();

  private get docNos(): Map<string, number> {
    if (this.docNumbers === null) {
      const map = new Map<string, number>();
      this.contractIds.forEach((id, docNo) => {
        if (id !== undefined) map.set(id, docNo);
      });
      this.docNumbers = map;
    }
    return this.docNumbers;
  }
  private facets: Array<ContractFacets | undefined> = [];
  /**
   * The facets as a snapshot stored them: turned into objects one contract at a time when a tag or
   * format filter or the next snapshot needs them (the filters and sorts of most queries read `columns`).
   */
  private packedFacets: PackedFacets | null = null;
  private readonly columns = new FacetColumns();
  /**
   * Per-query work arrays, one slot per contract number (or per posting), reused so a query allocates
   * nothing that large. `best` is all zeros between queries: each group clears the slots it touched.
   */
  private scratch = {
    best: new Uint8Array(0),
    scores: new Uint16Array(0),
    touched: new Uint32Array(0),
    candidates: new Uint32Array(0),
    postings: { docNos: new Uint32Array(0), buckets: new Uint8Array(0) },
  };
  private vocabulary = new TermVocabulary();
  /** Numbers of removed or replaced contracts whose postings are still in the indexes (swept in batches). */
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
    const own = fieldTerms(contract);
    if (own.length > 0) this.fields.add(docNo, own.join(' '));
    const buckets = textTermBuckets(contract);
    this.text.add(docNo, buckets);
    this.vocabulary.addAll(new Set([...own, ...buckets.keys()]));
    this.contractIds[docNo] = contract.contractId;
    this.facets[docNo] = contract.facets;
    this.columns.set(docNo, contract.facets);
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

  /** Sweeps the postings of removed contracts out of both indexes (live numbers stay as they are). */
  compact(): void {
    if (this.tombstones.size === 0) return;
    const dead = this.tombstones;
    const internals = this.fields as unknown as FlexInternals;
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
    this.text.compact((docNo) => dead.has(docNo));
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

    const today = new Date().toISOString().slice(0, 10);
    const columnTest = this.columns.predicate(query, today);
    const listTest = this.listPredicate(query);
    const live = (docNo: number): boolean => this.contractIds[docNo] !== undefined;
    const passes = columnTest || listTest
      ? (docNo: number): boolean => live(docNo) && (!columnTest || columnTest(docNo)) && (!listTest || listTest(docNo))
      : live;
    const hasText = plan.groups.length > 0;
    let found: ArrayLike<number> & Iterable<number>;
    let scores: Uint16Array | null = null;
    if (hasText) {
      const matched = this.matchAll(plan.groups);
      scores = matched.scores;
      // Without filters and removed contracts every match stands; the common case skips a pass.
      if (passes === live && this.tombstones.size === 0) found = matched.docNos;
      else {
        let kept = 0;
        const docNos = matched.docNos;
        for (let i = 0; i < docNos.length; i++) if (passes(docNos[i] as number)) docNos[kept++] = docNos[i] as number;
        found = docNos.subarray(0, kept);
      }
    } else {
      const all: number[] = [];
      found = all;
      for (let docNo = 0; docNo < this.contractIds.length; docNo++) if (passes(docNo)) all.push(docNo);
    }

    const sort = query.sort ?? 'relevance';
    const ascending = query.ascending ?? false;
    const scoreOf = (docNo: number): number => scores?.[docNo] ?? 0;
    let compare: (a: number, b: number) => number;
    if (sort === 'relevance' && hasText) {
      // Higher score first; among equals the newer contract (a higher number) first.
      compare = ascending ? (a, b) => scoreOf(a) - scoreOf(b) || a - b : (a, b) => scoreOf(b) - scoreOf(a) || b - a;
    } else {
      const key = sort === 'relevance' ? 'signingDate' : sort;
      compare = (a, b) => this.compare(a, b, key, ascending) || scoreOf(b) - scoreOf(a) || b - a;
    }
    const page = sort === 'relevance' && hasText && scores
      ? byScore(found, scores, offset + limit, ascending).slice(offset)
      : firstInOrder(found, offset + limit, compare).slice(offset);
    const best = hasText ? plan.groups.length * FIELD_SCORE : 1;
    return {
      total: found.length,
      matches: page.map((docNo) => ({ contractId: this.contractIds[docNo] as string, score: hasText ? scoreOf(docNo) / best : 0 })),
      terms: plan.terms,
    };
  }

  /**
   * Contracts with every group (any term of each, in their fields or their text), ascending, and each
   * one's score: per group, its best place (a field, or how early in the text), summed over the groups.
   * The work is proportional to the postings read, not to the number of contracts in the vault.
   * The returned array is scratch space, valid until the next query.
   */
  private matchAll(groups: string[][]): { docNos: Uint32Array; scores: Uint16Array } {
    const size = this.contractIds.length;
    if (this.scratch.best.length < size) {
      const room = Math.max(1024, size * 2);
      this.scratch = { ...this.scratch, best: new Uint8Array(room), scores: new Uint16Array(room), touched: new Uint32Array(room), candidates: new Uint32Array(room) };
    }
    const { best, scores, touched, candidates } = this.scratch;
    const postings = this.scratch.postings;
    // The rarest group first: every later group only has to confirm the few contracts still in the running.
    const ordered = groups
      .map((group) => ({ group, postings: group.reduce((sum, term) => sum + this.text.countOf(term), 0) }))
      .sort((a, b) => a.postings - b.postings);
    let count = -1;
    for (const { group } of ordered) {
      // best[docNo]: this group's best place in that contract; `touched` lists the slots set, to clear them after.
      let touchedCount = 0;
      let inOrder = true;
      for (const term of group) {
        for (const docNo of this.fields.search(term, { limit: size || 1 }) as number[]) {
          if (best[docNo] === 0) touched[touchedCount++] = docNo;
          best[docNo] = FIELD_SCORE;
          inOrder = false;
        }
        const length = this.text.readInto(term, postings);
        const { docNos, buckets } = postings;
        if (touchedCount > 0) inOrder = false;
        for (let i = 0; i < length; i++) {
          const docNo = docNos[i] as number;
          const score = BUCKETS - (buckets[i] as number);
          const was = best[docNo] as number;
          if (was === 0) touched[touchedCount++] = docNo;
          if (score > was) best[docNo] = score;
        }
      }
      if (count < 0) {
        // A single list comes out ascending. A union of several is put in order by a pass over `best`
        // when it is a large share of the vault (cheaper than sorting tens of thousands), else sorted.
        if (inOrder) candidates.set(touched.subarray(0, touchedCount));
        else if (touchedCount * 16 < size) candidates.set(touched.subarray(0, touchedCount).sort());
        else for (let docNo = 0, at = 0; docNo < size; docNo++) if (best[docNo] !== 0) candidates[at++] = docNo;
        count = touchedCount;
        for (let i = 0; i < count; i++) scores[candidates[i] as number] = best[candidates[i] as number] as number;
      } else {
        let kept = 0;
        for (let i = 0; i < count; i++) {
          const docNo = candidates[i] as number;
          const place = best[docNo] as number;
          if (place === 0) continue;
          candidates[kept++] = docNo;
          scores[docNo] = (scores[docNo] as number) + place;
        }
        count = kept;
      }
      for (let i = 0; i < touchedCount; i++) best[touched[i] as number] = 0;
      if (count === 0) break;
    }
    return { docNos: candidates.subarray(0, Math.max(0, count)), scores };
  }

  private compare(a: number, b: number, sort: 'signingDate' | 'endDate' | 'amount', ascending: boolean): number {
    return this.columns.compare(a, b, sort, ascending);
  }

  /** A live contract's facets (made from the snapshot's packed row on first use); undefined for a removed one. */
  private facetsOf(docNo: number): ContractFacets | undefined {
    if (this.contractIds[docNo] === undefined) return undefined;
    let facets = this.facets[docNo];
    const row = facets === undefined ? this.packedFacets?.rows[docNo] : undefined;
    if (row) {
      facets = unpackRow((this.packedFacets as PackedFacets).strings, row);
      this.facets[docNo] = facets;
    }
    return facets;
  }

  /** The tag (all of them, any case) and format (any of them) filters, which read each contract's lists. */
  private listPredicate(query: SearchQuery): ((docNo: number) => boolean) | null {
    const tags = query.tags?.length ? query.tags.map((tag) => tag.toLowerCase()) : null;
    const formats = query.formats?.length ? query.formats : null;
    if (!tags && !formats) return null;
    return (docNo) => {
      const facets = this.facetsOf(docNo);
      if (!facets) return false;
      if (tags && !tags.every((tag) => facets.tags.some((own) => own.toLowerCase() === tag))) return false;
      return !formats || facets.formats.some((format) => formats.includes(format));
    };
  }

  /** Everything needed to rebuild this index without re-reading the contracts, as named parts (JSON text or bytes). */
  async exportParts(write: (key: string, data: string | Uint8Array) => Promise<void>): Promise<void> {
    // Dead postings are not worth saving (nor loading at every unlock).
    this.compact();
    await write('ids', JSON.stringify(this.contractIds.map((id) => id ?? null)));
    await write('facets', JSON.stringify(packFacets(this.contractIds.map((_, docNo) => this.facetsOf(docNo)))));
    const { terms, lists } = this.text.serialise();
    await write('text.terms', joinTerms(terms));
    await write('text.lists', lists);
    // Most of the vocabulary is the text's terms: only the terms found in fields alone are written again.
    const vocabulary = this.vocabulary.entries();
    const inText = new Set(terms);
    await write('vocabulary.fieldOnly', joinTerms(vocabulary.terms.filter((term) => !inText.has(term))));
    await write('vocabulary.counts', new Uint8Array(Uint32Array.from(vocabulary.counts).buffer));
    await this.fields.export(async (key, data) => {
      await write(`fields.${String(key)}`, data);
    });
  }

  /** Rebuilds an index from the parts `exportParts` wrote, in the order it wrote them. */
  static fromParts(parts: Iterable<readonly [string, Uint8Array]>): SearchIndex {
    const index = new SearchIndex();
    const decoder = new TextDecoder();
    let textTerms: string[] | undefined;
    let fieldOnly: string[] | undefined;
    for (const [key, bytes] of parts) {
      if (key === 'text.lists') {
        if (textTerms === undefined) throw new Error('posting lists before their terms');
        index.text = CompactPostings.deserialise(textTerms, bytes);
        continue;
      }
      if (key === 'vocabulary.counts') {
        if (textTerms === undefined || fieldOnly === undefined) throw new Error('vocabulary counts before its terms');
        // Copied: the snapshot buffer gives no 4-byte alignment for a Uint32Array view. (Little-endian, as on every platform we ship.)
        const counts = new Uint32Array(bytes.slice().buffer);
        // Usually no term is in the fields alone; the text's list is then shared (both only ever read it).
        const terms = fieldOnly.length === 0 ? textTerms : mergeSorted(textTerms, fieldOnly);
        index.vocabulary = TermVocabulary.fromEntries({ terms, counts });
        continue;
      }
      const data = decoder.decode(bytes);
      if (key === 'ids') {
        index.contractIds = (JSON.parse(data) as Array<string | null>).map((id) => id ?? undefined);
      } else if (key === 'facets') {
        index.packedFacets = JSON.parse(data) as PackedFacets;
      } else if (key === 'vocabulary.fieldOnly') {
        fieldOnly = splitTerms(data);
      } else if (key === 'text.terms') {
        textTerms = splitTerms(data);
      } else if (key.startsWith('fields.')) {
        index.fields.import(key.slice('fields.'.length), data);
      }
    }
    index.docNumbers = null;
    if (index.packedFacets) index.columns.setPacked(index.packedFacets);
    return index;
  }
}
