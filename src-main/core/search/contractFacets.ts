import type { ContractStatus, ContractType, Money } from '../../../src-shared/model/contract.ts';
import type { SearchQuery } from '../../../src-shared/model/search.ts';
import { effectiveStatus } from '../../../src-shared/rules/contractStatus.ts';

/** What search filters and sorts a contract by, kept in memory beside the full-text index. */
export interface ContractFacets {
  customerId: string | null;
  type: ContractType;
  status: ContractStatus;
  tags: readonly string[];
  signingDate: string | null;
  endDate: string | null;
  amount: Money | null;
  /** Formats of its files (pdf, docx, eml, ...). */
  formats: readonly string[];
}

/** Whether any filter is set, i.e. whether `matchesFilters` can reject anything. */
export function hasFilters(query: SearchQuery): boolean {
  return Boolean(query.customerIds?.length || query.types?.length || query.statuses?.length || query.tags?.length || query.formats?.length
    || query.signedFrom || query.signedTo || query.endsFrom || query.endsTo
    || query.minAmountMinor !== undefined || query.maxAmountMinor !== undefined || query.currency);
}

function inRange(value: string | null, from: string | undefined, to: string | undefined): boolean {
  if (from === undefined && to === undefined) return true;
  // A contract without the date cannot be said to fall in the range the user asked for.
  if (value === null) return false;
  return (from === undefined || value >= from) && (to === undefined || value <= to);
}

/**
 * Whether a contract passes every filter of the query (all combined with AND; values within one filter
 * with OR). `today` (YYYY-MM-DD) decides which active contracts have expired by their end date.
 */
export function matchesFilters(facets: ContractFacets, query: SearchQuery, today: string): boolean {
  if (query.customerIds?.length && (facets.customerId === null || !query.customerIds.includes(facets.customerId))) return false;
  if (query.types?.length && !query.types.includes(facets.type)) return false;
  if (query.statuses?.length && !query.statuses.includes(effectiveStatus(facets.status, facets.endDate, today))) return false;
  if (query.tags?.length) {
    const own = new Set(facets.tags.map((tag) => tag.toLowerCase()));
    if (!query.tags.every((tag) => own.has(tag.toLowerCase()))) return false;
  }
  if (query.formats?.length && !facets.formats.some((format) => query.formats?.includes(format))) return false;
  if (!inRange(facets.signingDate, query.signedFrom, query.signedTo)) return false;
  if (!inRange(facets.endDate, query.endsFrom, query.endsTo)) return false;
  if (query.minAmountMinor !== undefined || query.maxAmountMinor !== undefined || query.currency !== undefined) {
    if (facets.amount === null) return false;
    if (query.currency !== undefined && facets.amount.currency !== query.currency) return false;
    if (query.minAmountMinor !== undefined && facets.amount.minor < query.minAmountMinor) return false;
    if (query.maxAmountMinor !== undefined && facets.amount.minor > query.maxAmountMinor) return false;
  }
  return true;
}
