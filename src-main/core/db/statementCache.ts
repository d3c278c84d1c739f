import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { VaultDatabase } from './connection.ts';

/**
 * Prepared statements kept per open database, keyed by their SQL. Compiling a statement costs more than
 * running the small queries repositories make (an import ran ~10 of them per file and spent ~0.8 ms of
 * main-thread CPU per file compiling them again and again). SQLite re-prepares a cached statement itself
 * after a schema change, and the cache goes with the database object when it is closed and dropped.
 *
 * Callers must not change a cached statement's mode (pluck/raw/expand/safeIntegers): the next user of the
 * same SQL would inherit it. None does; anything needing a mode should prepare its own statement.
 */
const caches = new WeakMap<VaultDatabase, Map<string, Statement>>();

/** SQL built with a variable number of placeholders could grow the cache without end; past this it restarts. */
const MAX_STATEMENTS_PER_DATABASE = 256;

export function prepareCached(db: VaultDatabase, sql: string): Statement {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    if (cache.size >= MAX_STATEMENTS_PER_DATABASE) cache.clear();
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
