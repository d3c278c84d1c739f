import { describe, expect, it } from 'vitest';
import type { ContractFacets } from '../../../src-main/core/search/contractFacets.ts';
import type { IndexedContract } from '../../../src-main/core/search/searchIndex.ts';
import { SearchIndex } from '../../../src-main/core/search/searchIndex.ts';

function facets(over: Partial<ContractFacets> = {}): ContractFacets {
  return { customerId: null, type: 'other', status: 'active', tags: [], signingDate: null, endDate: null, amount: null, formats: ['pdf'], ...over };
}

function contract(contractId: string, text: string, over: Partial<IndexedContract> = {}, facetOver: Partial<ContractFacets> = {}): IndexedContract {
  return { contractId, title: '', number: null, customerName: null, tags: [], notes: '', texts: [text], facets: facets(facetOver), ...over };
}

const ids = (index: SearchIndex, query: Parameters<SearchIndex['search']>[0]) => index.search({ limit: 500, ...query }).matches.map((m) => m.contractId);

describe('search index', () => {
  it('finds Chinese phrases without spaces, English by word, prefix and one typo', () => {
    const index = new SearchIndex();
    index.upsert(contract('a', '纷享销客合同管理系统，付款的期限为三十日'));
    index.upsert(contract('b', 'Either party may terminate for convenience; termination fees apply.'));
    index.upsert(contract('c', '付，款分开写'));
    expect(ids(index, { text: '合同管理' })).toEqual(['a']);
    expect(ids(index, { text: '付款' })).toEqual(['a']);
    expect(ids(index, { text: '期限' })).toEqual(['a']);
    expect(ids(index, { text: 'termin' })).toEqual(['b']);
    expect(ids(index, { text: 'terminaton' })).toEqual(['b']);
    expect(ids(index, { text: 'convenience 付款' })).toEqual([]);
    expect(ids(index, { text: 'zzzz' })).toEqual([]);
    expect(ids(index, { text: '...!!!' })).toEqual([]);
  });

  it('ranks a title match above a match deep in the text, and the latest version above older ones', () => {
    const index = new SearchIndex();
    const filler = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    index.upsert(contract('deep', `${filler} warranty`));
    index.upsert(contract('title', filler, { title: 'Warranty agreement' }));
    index.upsert(contract('old', 'x', { texts: [filler, `${filler} indemnity`] }));
    index.upsert(contract('new', 'x', { texts: [`indemnity ${filler}`, filler] }));
    expect(ids(index, { text: 'warranty' })).toEqual(['title', 'deep']);
    expect(ids(index, { text: 'indemnity' })).toEqual(['new', 'old']);
  });

  it('combines text with filters, and answers filters alone, sorted as asked', () => {
    const index = new SearchIndex();
    index.upsert(contract('a', 'supply of goods', {}, { customerId: 'c1', type: 'sales', signingDate: '2024-03-01', endDate: '2030-01-01', amount: { minor: 500_00, currency: 'CNY' }, tags: ['VIP'] }));
    index.upsert(contract('b', 'supply of services', {}, { customerId: 'c2', type: 'service', signingDate: '2023-01-01', endDate: '2020-01-01', amount: { minor: 900_00, currency: 'USD' } }));
    index.upsert(contract('c', 'supply of parts', {}, { customerId: 'c1', type: 'purchase', signingDate: null, amount: null, formats: ['docx'] }));
    expect(ids(index, { text: 'supply', customerIds: ['c1'] }).sort()).toEqual(['a', 'c']);
    expect(ids(index, { text: 'supply', types: ['service', 'sales'] }).sort()).toEqual(['a', 'b']);
    expect(ids(index, { signedFrom: '2024-01-01' })).toEqual(['a']);
    expect(ids(index, { minAmountMinor: 600_00 })).toEqual(['b']);
    expect(ids(index, { minAmountMinor: 1, currency: 'CNY' })).toEqual(['a']);
    expect(ids(index, { tags: ['vip'] })).toEqual(['a']);
    expect(ids(index, { formats: ['docx'] })).toEqual(['c']);
    // b's end date has passed: it counts as expired whatever was stored.
    expect(ids(index, { statuses: ['expired'] })).toEqual(['b']);
    expect(ids(index, { sort: 'signingDate' })).toEqual(['a', 'b', 'c']);
    expect(ids(index, { sort: 'signingDate', ascending: true })).toEqual(['b', 'a', 'c']);
    expect(ids(index, { sort: 'amount' })).toEqual(['b', 'a', 'c']);
    expect(index.search({ limit: 1, offset: 1, sort: 'amount' })).toMatchObject({ total: 3, matches: [{ contractId: 'a' }] });
  });

  it('replaces a re-indexed contract and forgets a removed one, also after compaction', () => {
    const index = new SearchIndex();
    index.upsert(contract('a', 'original wording'));
    index.upsert(contract('a', 'revised wording'));
    expect(ids(index, { text: 'original' })).toEqual([]);
    expect(ids(index, { text: 'revised' })).toEqual(['a']);
    for (let i = 0; i < 1200; i++) index.upsert(contract(`n${i}`, `filler ${i}`));
    for (let i = 0; i < 1200; i++) index.remove(`n${i}`);
    expect(index.size).toBe(1);
    expect(ids(index, { text: 'filler' })).toEqual([]);
    index.compact();
    expect(ids(index, { text: 'wording' })).toEqual(['a']);
    index.remove('unknown');
  });

  it('exports and imports to the same answers', async () => {
    const index = new SearchIndex();
    index.upsert(contract('a', '保密协议 confidentiality', { title: 'NDA' }, { customerId: 'c1' }));
    index.upsert(contract('b', 'lease of office space'));
    index.remove('b');
    const parts: Array<[string, Uint8Array]> = [];
    await index.exportParts(async (key, data) => {
      parts.push([key, typeof data === 'string' ? new TextEncoder().encode(data) : data]);
    });
    const copy = SearchIndex.fromParts(parts);
    expect(copy.size).toBe(1);
    expect(ids(copy, { text: '保密' })).toEqual(['a']);
    expect(ids(copy, { text: 'confid' })).toEqual(['a']);
    expect(ids(copy, { text: 'lease' })).toEqual([]);
    copy.upsert(contract('c', 'new after import'));
    expect(ids(copy, { text: 'import' })).toEqual(['c']);
  });

  it('answers every filter and sort the same after a snapshot round trip, and after a second one', async () => {
    const index = new SearchIndex();
    const types = ['sales', 'service', 'nda', 'lease'] as const;
    const statuses = ['draft', 'active', 'expired', 'terminated'] as const;
    for (let i = 0; i < 60; i++) {
      index.upsert(contract(`k${i}`, `clause ${i % 3 === 0 ? '付款' : 'payment'}`, {}, {
        customerId: `c${i % 5}`, type: types[i % 4] as (typeof types)[number], status: statuses[i % 4] as (typeof statuses)[number],
        tags: i % 6 === 0 ? ['Urgent', '重点'] : [], signingDate: i % 7 === 0 ? null : `20${10 + (i % 12)}-0${1 + (i % 9)}-1${i % 10}`,
        endDate: `2030-01-${String(1 + (i % 28)).padStart(2, '0')}`, amount: i % 4 === 0 ? null : { minor: i * 1000, currency: i % 2 ? 'CNY' : 'USD' },
        formats: i % 5 === 0 ? ['pdf', 'docx'] : ['pdf'],
      }));
    }
    index.remove('k7');
    index.upsert(contract('k8', 'clause replaced', {}, { customerId: 'c9', tags: ['urgent'] }));
    const queries: Array<Parameters<SearchIndex['search']>[0]> = [
      {}, { text: 'clause' }, { customerIds: ['c1', 'c9'] }, { types: ['nda', 'lease'] }, { statuses: ['expired'] },
      { tags: ['urgent'] }, { tags: ['重点', 'URGENT'] }, { formats: ['docx'] }, { signedFrom: '2014-01-01', signedTo: '2018-12-31' },
      { endsFrom: '2030-01-10' }, { minAmountMinor: 10_000, currency: 'CNY' }, { maxAmountMinor: 20_000 },
      { sort: 'amount' }, { sort: 'signingDate', ascending: true }, { sort: 'endDate' }, { text: '付款', types: ['sales'], sort: 'amount' },
    ];
    const roundTrip = async (from: SearchIndex): Promise<SearchIndex> => {
      const parts: Array<[string, Uint8Array]> = [];
      await from.exportParts(async (key, data) => {
        parts.push([key, typeof data === 'string' ? new TextEncoder().encode(data) : data]);
      });
      return SearchIndex.fromParts(parts);
    };
    const once = await roundTrip(index);
    const twice = await roundTrip(once);
    for (const query of queries) {
      const expected = index.search({ limit: 500, ...query });
      expect(expected.total).toBeGreaterThan(0);
      expect(once.search({ limit: 500, ...query })).toEqual(expected);
      expect(twice.search({ limit: 500, ...query })).toEqual(expected);
    }
  });
});

describe('first items in order', () => {
  it('equals a full sort for every page size, ties included', async () => {
    const { firstInOrder } = await import('../../../src-main/core/search/searchIndex.ts');
    let seed = 7;
    const items = Array.from({ length: 1000 }, () => (seed = (seed * 48271) % 2147483647) % 50);
    const compare = (a: number, b: number) => a - b;
    for (const count of [0, 1, 5, 20, 249, 250, 251, 999, 1000, 2000]) {
      expect(firstInOrder(items, count, compare)).toEqual([...items].sort(compare).slice(0, count));
    }
  });
});

describe('relevance paging', () => {
  it('pages by score, newest first among equals, the same at every page size, ascending or not', () => {
    const index = new SearchIndex();
    const filler = Array.from({ length: 80 }, (_, i) => `w${i}`).join(' ');
    // 400 contracts: "clause" near the start, the middle or the end, or in the title; a few without it.
    const where = ['start', 'middle', 'end', 'title', 'none'] as const;
    for (let i = 0; i < 400; i++) {
      const at = where[(i * 7) % where.length] as (typeof where)[number];
      const text = at === 'start' ? `clause ${filler}` : at === 'middle' ? `${filler} clause ${filler}` : at === 'end' ? `${filler} clause` : filler;
      index.upsert(contract(`k${i}`, text, at === 'title' ? { title: 'Clause' } : {}));
    }
    for (const ascending of [false, true]) {
      const all = index.search({ text: 'clause', limit: 500, ascending });
      expect(all.total).toBe(320);
      // The reference order: by score, then the contract added later first.
      const added = (id: string): number => Number(id.slice(1));
      const expected = [...all.matches].sort((a, b) => (ascending ? a.score - b.score : b.score - a.score) || added(b.contractId) - added(a.contractId));
      expect(all.matches).toEqual(expected);
      expect(new Set(all.matches.map((m) => m.score)).size).toBe(4);
      for (const limit of [1, 7, 20, 64, 100]) {
        const paged: string[] = [];
        for (let offset = 0; offset < all.total; offset += limit) {
          paged.push(...index.search({ text: 'clause', limit, offset, ascending }).matches.map((m) => m.contractId));
        }
        expect(paged).toEqual(all.matches.map((m) => m.contractId));
      }
    }
  });
});
