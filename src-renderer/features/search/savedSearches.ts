import type { RecentSearch, SearchQuery } from '../../../src-shared/model/search.ts';
import { buildSearchQuery, type SearchFilters } from './searchQuery.ts';

/** What a saved search keeps: the text and filters only, not the page asked for or whether it was recorded. */
export function savedQueryOf(text: string, filters: SearchFilters): SearchQuery {
  const { limit: _limit, offset: _offset, record: _record, ...query } = buildSearchQuery(text, filters);
  return query as SearchQuery;
}

/** True when a query asks for nothing (no text, no filter): there is nothing to save. */
export function isEmptyQuery(query: SearchQuery): boolean {
  return Object.keys(query).length === 0;
}

/** Recent searches, newest first, each query once (the same search run twice shows once). */
export function distinctRecent(recent: RecentSearch[], max = 8): RecentSearch[] {
  const seen = new Set<string>();
  const out: RecentSearch[] = [];
  for (const entry of recent) {
    const { limit: _limit, offset: _offset, record: _record, ...query } = entry.query;
    const key = JSON.stringify(query, Object.keys(query).sort());
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
    if (out.length === max) break;
  }
  return out;
}

/** How many filters a query carries beside its text (shown as "+2 filters"). */
export function filterCount(query: SearchQuery): number {
  return (query.types?.length ? 1 : 0) + (query.statuses?.length ? 1 : 0) + (query.signedFrom !== undefined || query.signedTo !== undefined ? 1 : 0)
    + (query.customerIds?.length ? 1 : 0) + (query.tags?.length ? 1 : 0) + (query.formats?.length ? 1 : 0)
    + (query.minAmountMinor !== undefined || query.maxAmountMinor !== undefined ? 1 : 0) + (query.endsFrom !== undefined || query.endsTo !== undefined ? 1 : 0);
}
