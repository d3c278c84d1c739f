import type { OperationRequest } from '../../../src-shared/api/operations.ts';
import type { ContractStatus, ContractType } from '../../../src-shared/model/contract.ts';
import type { SearchQuery, SearchResult } from '../../../src-shared/model/search.ts';

/** The side panel's filters; empty lists and nulls mean "any". */
export interface SearchFilters {
  types: ContractType[];
  statuses: ContractStatus[];
  signedFrom: string | null;
  signedTo: string | null;
}

/** Results asked for by a finished search (Enter, a saved or recent one) and by each "Show more". */
export const RESULTS_PER_PAGE = 50;

/**
 * Results asked for per keystroke: fewer to find, send, parse and render while the person is still typing
 * (the first screen shows ~8); Enter or "Show more" asks for full pages.
 */
export const TYPING_RESULTS = 20;

/** No filter chosen. */
export const noFilters: SearchFilters = { types: [], statuses: [], signedFrom: null, signedTo: null };

/** True when any filter is chosen. */
export function hasFilters(filters: SearchFilters): boolean {
  return filters.types.length > 0 || filters.statuses.length > 0 || filters.signedFrom !== null || filters.signedTo !== null;
}

/** The `search.query` input for the current text and filters; absent parts are left out, not sent empty. */
export function buildSearchQuery(text: string, filters: SearchFilters, offset = 0, limit = RESULTS_PER_PAGE): OperationRequest<'search.query'> {
  return {
    ...(text.trim() === '' ? {} : { text: text.trim() }),
    ...(filters.types.length > 0 ? { types: filters.types } : {}),
    ...(filters.statuses.length > 0 ? { statuses: filters.statuses } : {}),
    ...(filters.signedFrom !== null ? { signedFrom: filters.signedFrom } : {}),
    ...(filters.signedTo !== null ? { signedTo: filters.signedTo } : {}),
    limit,
    ...(offset > 0 ? { offset } : {}),
    // Searches run as the user types are not kept as recent searches (each keystroke would be one).
    record: false,
  };
}

/** A saved or recent query as the box's text and the panel's filters (the inverse of buildSearchQuery for what the panel shows). */
export function searchStateOfQuery(query: SearchQuery): { text: string; filters: SearchFilters } {
  return {
    text: query.text ?? '',
    filters: { types: query.types ?? [], statuses: query.statuses ?? [], signedFrom: query.signedFrom ?? null, signedTo: query.signedTo ?? null },
  };
}

/** The next page appended to the shown one; a contract already shown (the index changed between pages) is not shown twice. */
export function appendPage(shown: SearchResult, next: SearchResult): SearchResult {
  const seen = new Set(shown.hits.map((hit) => hit.contractId));
  return { total: next.total, terms: shown.terms, hits: [...shown.hits, ...next.hits.filter((hit) => !seen.has(hit.contractId))] };
}

/**
 * Hits a new search paints first; the rest of the page follows in a deferred render. As many as a
 * keystroke asks for, so typing commits once per answer; a full page (Enter) paints these first.
 */
export const FIRST_PAINT_HITS = TYPING_RESULTS;

/**
 * Which hits to render while the deferred copy of the result catches up: all once it has; for a page
 * appended to the same search ("Show more"), the ones already shown; for a new search, its first few.
 */
export function hitsToRender(result: SearchResult, rendered: SearchResult | null): SearchResult['hits'] {
  if (rendered === result) return result.hits;
  const sameSearch = rendered !== null && rendered.hits.length > 0 && rendered.hits[0] === result.hits[0];
  return result.hits.slice(0, sameSearch ? Math.max(rendered.hits.length, FIRST_PAINT_HITS) : FIRST_PAINT_HITS);
}
