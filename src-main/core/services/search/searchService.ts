import { AppError } from '../../../../src-shared/api/appError.ts';
import type { OperationInput } from '../../../../src-shared/api/operations.ts';
import type { RecentSearch, SavedSearch, SearchHit, SearchQuery, SearchResult } from '../../../../src-shared/model/search.ts';
import { isCjkTerm, textPieces } from '../../../../src-shared/rules/search/searchTokens.ts';
import { findContractById } from '../../db/repositories/contractRepository.ts';
import { deleteSavedSearch, insertSavedSearch, listRecentSearches, listSavedSearches, recordRecentSearch } from '../../db/repositories/searchRepository.ts';
import { newId } from '../../ids.ts';
import { appendAudit } from '../auditLog.ts';
import { displayNamer } from '../contractNaming.ts';
import type { ServiceContext } from '../serviceContext.ts';
import { contractTextsForSnippets, currentSearchIndex, rebuildSearchIndex } from './liveSearchIndex.ts';
import { buildSnippets, excerpt, findTerms } from './searchSnippets.ts';

/** Drops absent and empty parts, so equal searches are stored (and recognised as recent) alike. */
function canonicalQuery(query: SearchQuery): SearchQuery {
  const entries = Object.entries(query).filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0));
  return Object.fromEntries(entries) as SearchQuery;
}

/**
 * What to highlight for a query: each Chinese run of the query whole (so `合同管理` marks that phrase, not
 * every lone 合同 its pairs would match), and the words the index searched for (with their prefix and typo
 * expansions).
 */
function highlightTerms(text: string | undefined, searched: readonly string[]): string[] {
  const runs = textPieces(text ?? '', 'query').filter((piece) => piece.kind === 'cjk').map((piece) => piece.text);
  return [...new Set([...runs, ...searched.filter((term) => !isCjkTerm(term))])];
}

/**
 * Runs a search: the contracts matching the text and filters, in the order asked, each with where the
 * terms were found (its fields, and snippets with page numbers from its files, latest versions first).
 */
export async function searchContracts(ctx: ServiceContext, query: OperationInput<'search.query'>): Promise<SearchResult> {
  const session = ctx.session;
  const index = await currentSearchIndex(session);
  const found = index.search(query);
  const named = displayNamer(session.db, ctx.locale);
  const marked = highlightTerms(query.text, found.terms);
  const hits: SearchHit[] = [];
  for (const match of found.matches) {
    const record = findContractById(session.db, match.contractId);
    if (!record) continue;
    const contract = named(record);
    const fields = [
      ['title', contract.title], ['number', contract.number ?? ''], ['customer', contract.customerName ?? ''],
      ['tags', contract.tags.join(', ')], ['notes', contract.notes ?? ''],
    ] as const;
    const fieldMatches = fields.flatMap(([field, text]) => {
      const highlights = findTerms(text, marked);
      return highlights.length === 0 ? [] : [{ field, ...excerpt(text, highlights) }];
    });
    const snippets = marked.length === 0 ? [] : buildSnippets(await contractTextsForSnippets(session, contract.id), marked);
    hits.push({
      contractId: contract.id, displayName: contract.displayName, title: contract.title, number: contract.number,
      customerId: contract.customerId, customerName: contract.customerName, type: contract.type, status: contract.status,
      signingDate: contract.signingDate, endDate: contract.endDate, amount: contract.amount, score: match.score, fieldMatches, snippets,
    });
  }
  const canonical = canonicalQuery({ ...query, limit: undefined, offset: undefined, record: undefined });
  if (query.record !== false && Object.keys(canonical).length > 0) recordRecentSearch(session.db, canonical, new Date().toISOString());
  return { total: found.total, hits, terms: found.terms };
}

/** Rebuilds the index from the database and the stored texts, reporting progress per contract. */
export async function reindex(ctx: ServiceContext, onProgress?: (done: number, total: number) => void): Promise<{ contracts: number; seconds: number }> {
  const started = performance.now();
  const index = await rebuildSearchIndex(ctx.session, onProgress);
  appendAudit(ctx.session, { actor: ctx.actor, action: 'search.reindex', recordType: 'vault', recordId: null, details: { contracts: index.size } });
  return { contracts: index.size, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

/** Saved searches, by name. */
export function savedSearches(ctx: ServiceContext): SavedSearch[] {
  return listSavedSearches(ctx.session.db);
}

/** Keeps a search under a name. */
export function saveSearch(ctx: ServiceContext, name: string, query: SearchQuery): SavedSearch {
  const saved: SavedSearch = { id: newId(), name, query: canonicalQuery(query), createdAt: new Date().toISOString() };
  ctx.session.db.transaction(() => {
    insertSavedSearch(ctx.session.db, saved);
    appendAudit(ctx.session, { actor: ctx.actor, action: 'search.save', recordType: 'search', recordId: saved.id });
  })();
  return saved;
}

/** Deletes a saved search. */
export function removeSavedSearch(ctx: ServiceContext, id: string): void {
  ctx.session.db.transaction(() => {
    if (!deleteSavedSearch(ctx.session.db, id)) throw new AppError('SAVED_SEARCH_NOT_FOUND', { id });
    appendAudit(ctx.session, { actor: ctx.actor, action: 'search.remove', recordType: 'search', recordId: id });
  })();
}

/** The searches run most recently, newest first. */
export function recentSearches(ctx: ServiceContext, limit: number): RecentSearch[] {
  return listRecentSearches(ctx.session.db, limit);
}
