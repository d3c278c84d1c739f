import { join } from 'node:path';
import { isAppError } from '../../../../src-shared/api/appError.ts';
import { findContractById } from '../../db/repositories/contractRepository.ts';
import { getSetting, setSetting } from '../../db/repositories/settingsRepository.ts';
import { lastSearchChange, listAllContractIds, pruneSearchChanges, searchChangesSince } from '../../db/repositories/searchRepository.ts';
import { readIndexSnapshot, removeIndexSnapshot, writeIndexSnapshot } from '../../search/indexSnapshot.ts';
import { SearchIndex } from '../../search/searchIndex.ts';
import type { VaultSession } from '../../session/vaultSession.ts';
import { loadContractTexts, toIndexedContract } from './contractTexts.ts';
import type { VersionText } from './contractTexts.ts';

const SERVICE_KEY = 'search.index';
/** Settings key holding the generation of the last snapshot saved, so a snapshot from another time is recognised. */
const SAVED_GENERATION_SETTING = 'search.snapshotGeneration';
/** Changes applied since the last save after which the snapshot is rewritten at once rather than at lock. */
const SAVE_AFTER_CHANGES = 500;

/** The search index of an unlocked vault, and how far into the database's change log it is. */
interface LiveIndex {
  index: SearchIndex;
  /** Last change (search_changes.seq) the in-memory index includes. */
  applied: number;
  /** Last change the snapshot on disk includes. */
  saved: number;
}

function indexDir(session: VaultSession): string {
  return join(session.dir, 'index');
}

const TEXT_CACHE_KEY = 'search.texts';
/** Contracts whose decrypted texts are kept for snippets: typing a query re-asks for the same hits many times. */
const TEXT_CACHE_ENTRIES = 200;

function textCache(session: VaultSession): Map<string, VersionText[]> {
  let cache = session.services.get(TEXT_CACHE_KEY) as Map<string, VersionText[]> | undefined;
  if (!cache) {
    cache = new Map();
    session.services.set(TEXT_CACHE_KEY, cache);
  }
  return cache;
}

/**
 * A contract's decrypted texts for snippets, from a small in-memory cache (least recently used out;
 * emptied when the session closes, never written anywhere).
 */
export async function contractTextsForSnippets(session: VaultSession, contractId: string): Promise<VersionText[]> {
  const cache = textCache(session);
  let texts = cache.get(contractId);
  if (texts) {
    cache.delete(contractId);
  } else {
    texts = await loadContractTexts(session, contractId);
    if (cache.size >= TEXT_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  cache.set(contractId, texts);
  return texts;
}

/** Re-reads one contract into the index, or drops it when it no longer exists. */
async function refreshContract(session: VaultSession, index: SearchIndex, contractId: string): Promise<void> {
  textCache(session).delete(contractId);
  const contract = findContractById(session.db, contractId);
  if (!contract) {
    index.remove(contractId);
    return;
  }
  index.upsert(toIndexedContract(contract, await loadContractTexts(session, contractId)));
}

async function save(session: VaultSession, live: LiveIndex): Promise<void> {
  if (live.saved === live.applied) return;
  await writeIndexSnapshot(indexDir(session), session.keys.index, session.vaultId, live.applied, live.index);
  live.saved = live.applied;
  // Only after the snapshot is durable: a crash before this commit leaves a snapshot the database does
  // not vouch for, which is rebuilt at next unlock; the changes it holds are never lost.
  session.db.transaction(() => {
    pruneSearchChanges(session.db, live.applied);
    setSetting(session.db, SAVED_GENERATION_SETTING, live.applied);
  })();
}

/**
 * Builds the index from the database and the stored texts (first search of a vault, a damaged or
 * foreign snapshot, or `cvault reindex`), then saves it.
 */
export async function rebuildSearchIndex(session: VaultSession, onProgress?: (done: number, total: number) => void): Promise<SearchIndex> {
  // Read the change counter first: a change made while building is replayed afterwards, never lost.
  const upTo = lastSearchChange(session.db);
  const ids = listAllContractIds(session.db);
  const index = new SearchIndex();
  onProgress?.(0, ids.length);
  for (const [position, id] of ids.entries()) {
    await refreshContract(session, index, id);
    onProgress?.(position + 1, ids.length);
  }
  const live = adopt(session, { index, applied: upTo, saved: -1 });
  await save(session, live);
  return index;
}

/** Makes `live` the session's index, saved when the session closes. */
function adopt(session: VaultSession, live: LiveIndex): LiveIndex {
  if (!session.services.has(SERVICE_KEY)) {
    session.onClose(async () => {
      const current = session.services.get(SERVICE_KEY) as LiveIndex | undefined;
      if (current) await save(session, current);
    });
  }
  session.services.set(SERVICE_KEY, live);
  return live;
}

async function load(session: VaultSession): Promise<LiveIndex> {
  let snapshot: Awaited<ReturnType<typeof readIndexSnapshot>> = null;
  try {
    snapshot = await readIndexSnapshot(indexDir(session), session.keys.index, session.vaultId);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'SEARCH_INDEX_DAMAGED') throw error;
    // A damaged snapshot holds nothing the database does not: drop it and rebuild.
    await removeIndexSnapshot(indexDir(session));
  }
  // Only the snapshot the database recorded as saved can be caught up from the change log: an older
  // one (copied back from a backup) misses pruned changes, a newer one belongs to a later database.
  if (!snapshot || snapshot.generation !== getSetting(session.db, SAVED_GENERATION_SETTING) || snapshot.generation > lastSearchChange(session.db)) {
    await rebuildSearchIndex(session);
    return session.services.get(SERVICE_KEY) as LiveIndex;
  }
  return adopt(session, { index: snapshot.index, applied: snapshot.generation, saved: snapshot.generation });
}

/**
 * The vault's search index, current with the database: loaded from its encrypted snapshot on first
 * use in a session (or rebuilt), then brought up to date by replaying the contracts changed since.
 * The snapshot is saved when the session closes, or sooner after many changes.
 */
export async function currentSearchIndex(session: VaultSession): Promise<SearchIndex> {
  const live = (session.services.get(SERVICE_KEY) as LiveIndex | undefined) ?? await load(session);
  const { contractIds, upTo } = searchChangesSince(session.db, live.applied);
  for (const id of contractIds) await refreshContract(session, live.index, id);
  live.applied = upTo;
  if (live.applied - live.saved >= SAVE_AFTER_CHANGES) await save(session, live);
  return live.index;
}
