import type { VaultDatabase } from './connection.ts';

interface PendingWork {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: write transactions requested during one turn of the event loop commit together, as one
 * SQLite transaction with one savepoint each. With synchronous=FULL every COMMIT waits for an fsync of the
 * WAL (~1-3 ms here), and during an import that wait blocked the main thread once per file while the
 * extraction workers' answers queued up; those queued files now share the next commit. Each caller's work
 * still succeeds or fails alone (its savepoint is rolled back, the others commit), and no caller hears
 * "done" before the COMMIT that holds its rows is durable.
 */
class GroupCommit {
  #pending: PendingWork[] = [];
  #scheduled = false;

  constructor(private readonly db: VaultDatabase) {}

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            // Inside a transaction better-sqlite3 runs a nested transaction as a SAVEPOINT.
            outcomes.push({ ok: true, value: this.db.transaction(item.work)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      // The COMMIT itself failed (disk full, database closed): nothing of the batch is stored.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.error);
    });
  }
}

const committers = new WeakMap<VaultDatabase, GroupCommit>();

/**
 * Runs `work` (synchronous statements only) in a write transaction that may be shared with other callers of
 * the same turn; resolves once it is committed, rejects with its own error (its changes rolled back) or
 * with the COMMIT's.
 */
export function commitGrouped<T>(db: VaultDatabase, work: () => T): Promise<T> {
  let committer = committers.get(db);
  if (!committer) {
    committer = new GroupCommit(db);
    committers.set(db, committer);
  }
  return committer.run(work);
}
