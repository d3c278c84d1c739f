import { prepareCached } from '../statementCache.ts';
import type { RecentSearch, SavedSearch, SearchQuery } from '../../../../src-shared/model/search.ts';
import type { VaultDatabase } from '../connection.ts';

/** Recent searches kept; older ones are dropped as new ones are recorded. */
const RECENT_SEARCHES_KEPT = 50;

/** The highest change number ever issued (also after the log was pruned), 0 for none. */
export function lastSearchChange(db: VaultDatabase): number {
  const row = prepareCached(db, "SELECT seq FROM sqlite_sequence WHERE name = 'search_changes'").get() as { seq: number } | undefined;
  return row?.seq ?? 0;
}

/** Contracts changed after change `since`, each once, with the last change number seen. */
export function searchChangesSince(db: VaultDatabase, since: number): { contractIds: string[]; upTo: number } {
  const rows = prepareCached(db, 'SELECT contract_id, max(seq) AS seq FROM search_changes WHERE seq > ? GROUP BY contract_id ORDER BY seq').all(since) as { contract_id: string; seq: number }[];
  return { contractIds: rows.map((r) => r.contract_id), upTo: rows.reduce((max, r) => Math.max(max, r.seq), since) };
}

/** Forgets changes a saved snapshot already includes. */
export function pruneSearchChanges(db: VaultDatabase, upTo: number): void {
  prepareCached(db, 'DELETE FROM search_changes WHERE seq <= ?').run(upTo);
}

/** Every contract id, for a full rebuild. */
export function listAllContractIds(db: VaultDatabase): string[] {
  return (prepareCached(db, 'SELECT id FROM contracts ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
}

interface SavedRow { id: string; name: string; query: string; created_at: string }

/** Saved searches, by name. */
export function listSavedSearches(db: VaultDatabase): SavedSearch[] {
  return (prepareCached(db, 'SELECT * FROM saved_searches ORDER BY name COLLATE NOCASE, created_at').all() as SavedRow[])
    .map((r) => ({ id: r.id, name: r.name, query: JSON.parse(r.query) as SearchQuery, createdAt: r.created_at }));
}

/** Stores a saved search. */
export function insertSavedSearch(db: VaultDatabase, saved: SavedSearch): void {
  prepareCached(db, 'INSERT INTO saved_searches (id, name, query, created_at) VALUES (?, ?, ?, ?)').run(saved.id, saved.name, JSON.stringify(saved.query), saved.createdAt);
}

/** Deletes a saved search; false when there was none with that id. */
export function deleteSavedSearch(db: VaultDatabase, id: string): boolean {
  return prepareCached(db, 'DELETE FROM saved_searches WHERE id = ?').run(id).changes > 0;
}

/** Records a search the user ran; the same query again moves to the top instead of repeating. */
export function recordRecentSearch(db: VaultDatabase, query: SearchQuery, ranAt: string): void {
  const text = JSON.stringify(query);
  db.transaction(() => {
    prepareCached(db, 'DELETE FROM recent_searches WHERE query = ?').run(text);
    prepareCached(db, 'INSERT INTO recent_searches (query, ran_at) VALUES (?, ?)').run(text, ranAt);
    prepareCached(db, 'DELETE FROM recent_searches WHERE seq NOT IN (SELECT seq FROM recent_searches ORDER BY seq DESC LIMIT ?)').run(RECENT_SEARCHES_KEPT);
  })();
}

/** The most recent searches first. */
export function listRecentSearches(db: VaultDatabase, limit: number): RecentSearch[] {
  return (prepareCached(db, 'SELECT query, ran_at FROM recent_searches ORDER BY seq DESC LIMIT ?').all(limit) as { query: string; ran_at: string }[])
    .map((r) => ({ query: JSON.parse(r.query) as SearchQuery, ranAt: r.ran_at }));
}
