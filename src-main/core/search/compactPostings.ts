import { indexOfSorted, isStrictlyAscending, mergeSorted } from './sortedTerms.ts';

/**
 * The inverted index of the contracts' full text: for each term, the contracts that contain it, as a
 * byte string of (delta-encoded contract number, position bucket) pairs. A contract of ~700 words has
 * ~800 distinct terms (Chinese pairs included), so 100,000 contracts make ~80 million postings: as
 * JavaScript arrays (FlexSearch's layout) that is several GB and a snapshot that takes seconds to parse;
 * here it is ~2 bytes a posting and a snapshot that loads as one buffer (decision 0011).
 *
 * Contract numbers only grow (a re-indexed contract gets a new one), so every list is sorted by
 * construction and a delta fits in one or two bytes. The bucket (0 = the term first appears at the
 * start of the text, 7 = at its end) is what relevance is ranked by.
 */
/** Buckets a posting can carry (0..7): three bits of its varint. */
export const BUCKET_LIMIT = 8;

export class CompactPostings {
  /** Lists added or changed since the snapshot was loaded (or all of them, in an index built here). */
  private readonly lists = new Map<string, PostingList>();
  /**
   * The lists as loaded from a snapshot, left in the snapshot's buffer: sorted terms and where each
   * list starts. Loading 100,000 contracts' postings is then one buffer, not half a million objects.
   */
  private base: { terms: string[]; starts: Uint32Array; buffer: Uint8Array } = { terms: [], starts: new Uint32Array(0), buffer: new Uint8Array(0) };

  /** Records that contract `docNo` has these terms, each with the bucket of its first position; `docNo` must exceed every number added before. */
  add(docNo: number, buckets: ReadonlyMap<string, number>): void {
    for (const [term, bucket] of buckets) {
      let list = this.lists.get(term);
      if (!list) {
        // A list still in the loaded buffer is copied out the first time it grows.
        list = this.baseList(term)?.copy() ?? new PostingList();
        this.lists.set(term, list);
      }
      list.append(docNo, bucket);
    }
  }

  /** The contracts with `term` and its bucket in each, in ascending contract order. */
  read(term: string): { docNos: Uint32Array; buckets: Uint8Array } {
    return (this.lists.get(term) ?? this.baseList(term))?.decode() ?? { docNos: new Uint32Array(0), buckets: new Uint8Array(0) };
  }

  /**
   * Decodes the list of `term` into the caller's arrays (grown when too short) and returns how many
   * postings it has: a query reads many long lists, and fresh arrays for each would keep the GC busy.
   */
  readInto(term: string, into: { docNos: Uint32Array; buckets: Uint8Array }): number {
    const list = this.lists.get(term) ?? this.baseList(term);
    if (!list) return 0;
    if (into.docNos.length < list.count) {
      into.docNos = new Uint32Array(list.count * 2);
      into.buckets = new Uint8Array(list.count * 2);
    }
    return list.decodeInto(into.docNos, into.buckets);
  }

  /** How many contracts have `term` (without decoding its list). */
  countOf(term: string): number {
    const list = this.lists.get(term);
    if (list) return list.count;
    const at = indexOfSorted(this.base.terms, term);
    if (at < 0) return 0;
    return new DataView(this.base.buffer.buffer, this.base.buffer.byteOffset + (this.base.starts[at] as number) + 4, 4).getUint32(0, true);
  }

  private baseList(term: string): PostingList | undefined {
    const at = indexOfSorted(this.base.terms, term);
    if (at < 0) return undefined;
    const start = this.base.starts[at] as number;
    const view = new DataView(this.base.buffer.buffer, this.base.buffer.byteOffset + start, 12);
    const used = view.getUint32(0, true);
    return new PostingList(this.base.buffer.subarray(start + 12, start + 12 + used), used, view.getUint32(4, true), view.getUint32(8, true));
  }

  /** Every term, ascending. */
  private allTerms(): string[] {
    return mergeSorted(this.base.terms, [...this.lists.keys()].sort());
  }

  /** Drops the postings of removed contracts; terms left with none are forgotten. */
  compact(isDead: (docNo: number) => boolean): void {
    for (const term of this.allTerms()) {
      const { docNos, buckets } = this.read(term);
      const kept = new PostingList();
      for (let i = 0; i < docNos.length; i++) if (!isDead(docNos[i] as number)) kept.append(docNos[i] as number, buckets[i] as number);
      if (kept.count === 0) this.lists.delete(term);
      else this.lists.set(term, kept);
    }
    this.base = { terms: [], starts: new Uint32Array(0), buffer: new Uint8Array(0) };
  }

  /** Serialises every list: the terms (sorted) and one buffer of [u32 byte length][u32 count][u32 last][bytes] per term. */
  serialise(): { terms: string[]; lists: Uint8Array } {
    const terms = this.allTerms();
    const lists = terms.map((term) => (this.lists.get(term) ?? this.baseList(term)) as PostingList);
    let total = 0;
    for (const list of lists) total += 12 + list.used;
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    let offset = 0;
    for (const list of lists) {
      view.setUint32(offset, list.used, true);
      view.setUint32(offset + 4, list.count, true);
      view.setUint32(offset + 8, list.last, true);
      out.set(list.bytes.subarray(0, list.used), offset + 12);
      offset += 12 + list.used;
    }
    return { terms, lists: out };
  }

  /** Takes over `serialise`'s output (its terms already parsed) as the loaded base: only where each list starts is computed. */
  static deserialise(terms: string[], lists: Uint8Array): CompactPostings {
    const postings = new CompactPostings();
    if (!isStrictlyAscending(terms)) throw new Error('posting list terms out of order');
    const starts = new Uint32Array(terms.length);
    const view = new DataView(lists.buffer, lists.byteOffset, lists.byteLength);
    let offset = 0;
    for (let i = 0; i < terms.length; i++) {
      if (offset + 12 > lists.length) throw new Error('truncated posting lists');
      starts[i] = offset;
      offset += 12 + view.getUint32(offset, true);
    }
    if (offset !== lists.length) throw new Error('posting lists do not fill their buffer');
    postings.base = { terms, starts, buffer: lists };
    return postings;
  }
}

/**
 * One term's postings: per contract one varint of (docNo - previous docNo) << 3 | bucket. Most lists
 * are of common terms whose contracts are a few numbers apart, so most postings take one byte.
 */
class PostingList {
  constructor(
    public bytes: Uint8Array = new Uint8Array(8),
    public used = 0,
    public count = 0,
    /** Last contract number appended (0 before the first, whose delta is then its number + 1). */
    public last = 0,
  ) {}

  append(docNo: number, bucket: number): void {
    // +1 so that contract 0 still has a delta of at least 1 and deltas are never 0.
    const delta = this.count === 0 ? docNo + 1 : docNo - this.last;
    if (delta <= 0) throw new Error('postings must be appended in ascending contract order');
    if (bucket < 0 || bucket >= BUCKET_LIMIT) throw new Error('bucket out of range');
    this.reserve(8);
    // Plain arithmetic, not bit shifts: a delta times 8 can pass 2^31.
    let value = delta * BUCKET_LIMIT + bucket;
    while (value >= 0x80) {
      this.bytes[this.used++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.bytes[this.used++] = value;
    this.last = docNo;
    this.count++;
  }

  copy(): PostingList {
    return new PostingList(this.bytes.slice(0, this.used), this.used, this.count, this.last);
  }

  decode(): { docNos: Uint32Array; buckets: Uint8Array } {
    const docNos = new Uint32Array(this.count);
    const buckets = new Uint8Array(this.count);
    this.decodeInto(docNos, buckets);
    return { docNos, buckets };
  }

  /** Decodes into arrays of at least `count` entries; returns `count`. */
  decodeInto(docNos: Uint32Array, buckets: Uint8Array): number {
    const bytes = this.bytes;
    let at = 0;
    let previous = -1;
    for (let i = 0; i < this.count; i++) {
      let byte = bytes[at++] as number;
      let value = byte & 0x7f;
      let scale = 0x80;
      while (byte & 0x80) {
        byte = bytes[at++] as number;
        value += (byte & 0x7f) * scale;
        scale *= 0x80;
      }
      buckets[i] = value % BUCKET_LIMIT;
      previous += Math.floor(value / BUCKET_LIMIT);
      docNos[i] = previous;
    }
    return this.count;
  }

  private reserve(extra: number): void {
    if (this.used + extra <= this.bytes.length) return;
    // A list loaded from a snapshot is a view into the shared buffer: it is copied out the first time it grows.
    const grown = new Uint8Array(Math.max(16, (this.used + extra) * 2));
    grown.set(this.bytes.subarray(0, this.used));
    this.bytes = grown;
  }
}
