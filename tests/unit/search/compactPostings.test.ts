import { describe, expect, it } from 'vitest';
import { CompactPostings } from '../../../src-main/core/search/compactPostings.ts';

const read = (postings: CompactPostings, term: string) => {
  const { docNos, buckets } = postings.read(term);
  return { docNos: [...docNos], buckets: [...buckets] };
};

describe('compact posting lists', () => {
  it('stores ascending contract numbers with their buckets, including large gaps', () => {
    const postings = new CompactPostings();
    postings.add(0, new Map([['合同', 0], ['term', 3]]));
    postings.add(5, new Map([['合同', 7]]));
    postings.add(300_000, new Map([['合同', 1], ['term', 0]]));
    expect(read(postings, '合同')).toEqual({ docNos: [0, 5, 300_000], buckets: [0, 7, 1] });
    postings.add(2 ** 31, new Map([['合同', 5]]));
    expect(read(postings, '合同').docNos.at(-1)).toBe(2 ** 31);
    expect(read(postings, 'term')).toEqual({ docNos: [0, 300_000], buckets: [3, 0] });
    expect(read(postings, 'absent')).toEqual({ docNos: [], buckets: [] });
    expect(() => postings.add(4, new Map([['合同', 0]]))).toThrow(/ascending/);
  });

  it('round-trips through its serialised form, and keeps growing after a load without touching the loaded buffer', () => {
    const postings = new CompactPostings();
    for (let docNo = 0; docNo < 500; docNo++) postings.add(docNo, new Map([[`w${docNo % 7}`, docNo % 8], ['common', 0]]));
    const { terms, lists } = postings.serialise();
    const frozen = lists.slice();
    const loaded = CompactPostings.deserialise(terms, lists);
    expect(read(loaded, 'common').docNos).toHaveLength(500);
    expect(read(loaded, 'w3')).toEqual(read(postings, 'w3'));
    loaded.add(500, new Map([['common', 2], ['fresh', 1]]));
    expect(read(loaded, 'common').docNos.at(-1)).toBe(500);
    expect(read(loaded, 'fresh')).toEqual({ docNos: [500], buckets: [1] });
    expect(lists).toEqual(frozen);
    const again = CompactPostings.deserialise(loaded.serialise().terms, loaded.serialise().lists);
    expect(read(again, 'common').docNos).toHaveLength(501);
  });

  it('compacts away removed contracts and forgets terms left empty', () => {
    const postings = new CompactPostings();
    postings.add(1, new Map([['a', 0], ['only1', 0]]));
    postings.add(2, new Map([['a', 1]]));
    const loaded = CompactPostings.deserialise(postings.serialise().terms, postings.serialise().lists);
    loaded.compact((docNo) => docNo === 1);
    expect(read(loaded, 'a')).toEqual({ docNos: [2], buckets: [1] });
    expect(loaded.serialise().terms).toEqual(['a']);
  });

  it('refuses a serialised form whose terms are out of order or whose buffer does not match them', () => {
    const postings = new CompactPostings();
    postings.add(0, new Map([['a', 0], ['b', 0]]));
    const { lists } = postings.serialise();
    expect(() => CompactPostings.deserialise(['b', 'a'], lists)).toThrow(/order/);
    expect(() => CompactPostings.deserialise(['a'], lists)).toThrow();
    expect(() => CompactPostings.deserialise(['a', 'b', 'c'], lists)).toThrow(/truncated/);
  });
});
