import { describe, expect, it } from 'vitest';
import type { SearchHit, SearchResult } from '../../../src-shared/model/search.ts';
import { distinctRecent, filterCount, isEmptyQuery, savedQueryOf } from '../../../src-renderer/features/search/savedSearches.ts';
import { appendPage, buildSearchQuery, FIRST_PAINT_HITS, hitsToRender, noFilters, RESULTS_PER_PAGE, searchStateOfQuery, TYPING_RESULTS } from '../../../src-renderer/features/search/searchQuery.ts';

function hit(contractId: string): SearchHit {
  return {
    contractId, score: 1, fieldMatches: [], snippets: [], displayName: contractId, title: contractId, number: null, customerId: null, customerName: null,
    type: 'other', status: 'active', signingDate: null, endDate: null, amount: null,
  } as unknown as SearchHit;
}

describe('search paging', () => {
  it('asks for the next page from the hits shown, and the first page without an offset', () => {
    expect(buildSearchQuery(' 采购 ', noFilters)).toEqual({ text: '采购', limit: RESULTS_PER_PAGE, record: false });
    expect(buildSearchQuery('采购', noFilters, 50)).toEqual({ text: '采购', limit: RESULTS_PER_PAGE, offset: 50, record: false });
  });

  it('asks for a short page while typing and a full one when asked to', () => {
    expect(buildSearchQuery('采', noFilters, 0, TYPING_RESULTS)).toEqual({ text: '采', limit: TYPING_RESULTS, record: false });
    expect(TYPING_RESULTS).toBeLessThan(RESULTS_PER_PAGE);
  });

  it('appends the next page, keeps the first page’s terms, takes the newest total, and never shows a contract twice', () => {
    const first: SearchResult = { total: 3, terms: ['采购'], hits: [hit('a'), hit('b')] };
    const next: SearchResult = { total: 4, terms: ['other'], hits: [hit('b'), hit('c')] };
    const merged = appendPage(first, next);
    expect(merged.hits.map((h) => h.contractId)).toEqual(['a', 'b', 'c']);
    expect(merged.total).toBe(4);
    expect(merged.terms).toEqual(['采购']);
  });
});

describe('first paint of a new search', () => {
  it('renders a new search’s first hits at once, keeps an appended page’s shown hits, and everything once caught up', () => {
    const hits = Array.from({ length: 50 }, (_v, i) => hit(`h${i}`));
    const first: SearchResult = { total: 60, terms: [], hits };
    expect(hitsToRender(first, null)).toHaveLength(FIRST_PAINT_HITS);
    expect(hitsToRender(first, { total: 3, terms: [], hits: [hit('other')] })).toHaveLength(FIRST_PAINT_HITS);
    expect(hitsToRender(first, first)).toHaveLength(50);
    const more = appendPage(first, { total: 60, terms: [], hits: Array.from({ length: 10 }, (_v, i) => hit(`m${i}`)) });
    expect(hitsToRender(more, first)).toHaveLength(50);
    expect(hitsToRender(more, more)).toHaveLength(60);
  });

  it('renders a keystroke’s whole short page in one commit (no second, deferred pass)', () => {
    const typed: SearchResult = { total: 60, terms: [], hits: Array.from({ length: TYPING_RESULTS }, (_v, i) => hit(`t${i}`)) };
    expect(hitsToRender(typed, { total: 3, terms: [], hits: [hit('other')] })).toHaveLength(TYPING_RESULTS);
  });
});

describe('saved and recent searches', () => {
  const filters = { types: ['purchase' as const], statuses: [], signedFrom: '2024-01-01', signedTo: null };

  it('saves text and filters only, and reads them back into the box and the panel', () => {
    const query = savedQueryOf(' supply ', filters);
    expect(query).toEqual({ text: 'supply', types: ['purchase'], signedFrom: '2024-01-01' });
    expect(searchStateOfQuery(query)).toEqual({ text: 'supply', filters });
    expect(searchStateOfQuery({})).toEqual({ text: '', filters: noFilters });
    expect(isEmptyQuery(savedQueryOf('  ', noFilters))).toBe(true);
    expect(isEmptyQuery(query)).toBe(false);
    expect(filterCount(query)).toBe(2);
    expect(filterCount({ text: 'x' })).toBe(0);
  });

  it('lists each recent query once, newest first, up to a maximum', () => {
    const at = (n: number) => `2026-11-27T10:0${n}:00Z`;
    const recent = [
      { query: { text: '合同', limit: 50, record: true }, ranAt: at(5) },
      { query: { text: 'supply' }, ranAt: at(4) },
      { query: { text: '合同' }, ranAt: at(3) },
      { query: { types: ['purchase' as const], text: 'x' }, ranAt: at(2) },
      { query: { text: 'x', types: ['purchase' as const] }, ranAt: at(1) },
    ];
    expect(distinctRecent(recent).map((r) => r.ranAt)).toEqual([at(5), at(4), at(2)]);
    expect(distinctRecent(recent, 2)).toHaveLength(2);
  });
});
