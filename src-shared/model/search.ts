import type { Contract, ContractStatus, ContractType } from './contract.ts';

/** How search results are ordered; every order but relevance puts contracts without the value last. */
export const searchSorts = ['relevance', 'signingDate', 'endDate', 'amount'] as const;
export type SearchSort = (typeof searchSorts)[number];

/** One search: free text (Chinese, English or both) and filters, every part optional and combined with AND. */
export interface SearchQuery {
  /** Words to find; empty or absent means "every contract the filters let through". */
  text?: string;
  customerIds?: string[];
  types?: ContractType[];
  statuses?: ContractStatus[];
  /** A contract must carry every one of these tags. */
  tags?: string[];
  signedFrom?: string;
  signedTo?: string;
  endsFrom?: string;
  endsTo?: string;
  /** Amount range in minor units (分 / cents); with `currency`, only amounts in that currency count. */
  minAmountMinor?: number;
  maxAmountMinor?: number;
  currency?: string;
  /** File formats the contract must have at least one of (pdf, docx, xlsx, eml, msg, image, text). */
  formats?: string[];
  sort?: SearchSort;
  /** Ascending instead of the default (relevance and dates: newest first; amount: largest first). */
  ascending?: boolean;
  limit?: number;
  offset?: number;
  /** False for searches run while the user is still typing: only finished searches belong among the recent ones. */
  record?: boolean;
}

/** Where in a character string a query term was found, as [start, end) offsets for highlighting. */
export type HighlightRange = readonly [number, number];

/** A piece of a file's text around the found terms, with the page it is on (PDFs and scans). */
export interface SearchSnippet {
  fileId: string;
  fileName: string;
  versionId: string;
  /** Version number of that file (1 = first); the latest version's snippets come first. */
  versionNumber: number;
  /** 1-based page; null for formats without pages. */
  page: number | null;
  text: string;
  highlights: HighlightRange[];
}

/** One contract found, with enough to show it in a result list without another request. */
export interface SearchHit extends Pick<Contract, 'displayName' | 'title' | 'number' | 'customerId' | 'customerName' | 'type' | 'status' | 'signingDate' | 'endDate' | 'amount'> {
  contractId: string;
  score: number;
  /** Where the terms were found in the title, number, customer, tags or notes (not in a file). */
  fieldMatches: Array<{ field: 'title' | 'number' | 'customer' | 'tags' | 'notes'; text: string; highlights: HighlightRange[] }>;
  snippets: SearchSnippet[];
}

/** A page of results and how many contracts matched in all. */
export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** The terms the text was read as (after splitting Chinese into pairs, prefixes and typo corrections), for the UI to explain. */
  terms: string[];
}

/** A search the user named and kept in the vault. */
export interface SavedSearch {
  id: string;
  name: string;
  query: SearchQuery;
  createdAt: string;
}

/** A search the user ran recently (most recent first). */
export interface RecentSearch {
  query: SearchQuery;
  ranAt: string;
}
