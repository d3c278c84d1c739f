import { create } from 'zustand';
import { MAX_BYTES_PER_IMPORT_CALL } from '../../../src-shared/api/bytesImport.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import { useContractsStore } from '../contracts/contractsStore.ts';
import { useCustomerPageStore } from '../customers/customerPageStore.ts';
import { useCustomersStore } from '../customers/customersStore.ts';
import { emptyQueue, fileTooLarge, nextToStart, reduceQueue, type QueueEvent, type QueueState } from './importQueue.ts';
import { nameOfPath } from './desktopDrop.ts';
import { readAsBase64 } from './readAsBase64.ts';

/** Files sent at once: the backend parses in worker threads; two calls keep them busy without holding many files in memory. */
const CONCURRENCY = 2;

interface ImportQueueStore {
  queue: QueueState;
  /** Queues dropped files, linked to the customer they were dropped on. */
  enqueue: (files: File[], customerId: string | null) => void;
  /** Queues files or folders by their paths on this computer (Electron drops, the menu's Import): the backend reads them. */
  enqueuePaths: (paths: string[], customerId: string | null) => void;
  /** Drops what has not started and stops what runs before it commits. */
  cancel: () => void;
  /** Forgets finished files. */
  clear: () => void;
  /** Forgets everything (the vault was locked). */
  reset: () => void;
}

// The dropped files' bytes stay here, in memory only, until their call is sent; never in the store's state.
const pending = new Map<number, File>();
// Paths (Electron): the backend reads the file itself, so nothing is held here but the path.
const pendingPaths = new Map<number, string>();
const running = new Map<number, AbortController>();
let vaultLimit: number | null = null;

function dispatch(event: QueueEvent): void {
  useImportQueueStore.setState((state) => ({ queue: reduceQueue(state.queue, event) }));
}

/** The vault's own import limit, asked once per queue run (a file over it is refused before it is sent). */
async function importLimit(): Promise<number> {
  if (vaultLimit === null) {
    const settings = await callApi(appApi, 'settings.get', {});
    vaultLimit = settings.ok ? settings.value.importMaxFileBytes : MAX_BYTES_PER_IMPORT_CALL;
  }
  return Math.min(vaultLimit, MAX_BYTES_PER_IMPORT_CALL);
}

async function runOne(id: number, file: File | string, customerId: string | null): Promise<void> {
  const abort = new AbortController();
  running.set(id, abort);
  dispatch({ type: 'start', id });
  try {
    if (typeof file === 'string') {
      const outcome = await callApi(appApi, 'contracts.import', { paths: [file], ...(customerId === null ? {} : { customer: customerId }) }, {
        signal: abort.signal,
        onProgress: (event) => {
          if (event.phase) dispatch({ type: 'phase', id, phase: event.phase });
        },
      });
      return dispatch(outcome.ok ? { type: 'finish', id, outcomes: outcome.value } : { type: 'fail', id, problem: outcome.problem });
    }
    const limit = await importLimit();
    if (file.size > limit) return dispatch({ type: 'fail', id, problem: fileTooLarge(file.name, file.size, limit) });
    const base64 = await readAsBase64(file);
    if (abort.signal.aborted) return dispatch({ type: 'fail', id, problem: { kind: 'transport', failure: 'cancelled' } });
    const outcome = await callApi(appApi, 'contracts.importBytes', {
      files: [{ name: file.name, base64 }],
      ...(customerId === null ? {} : { customer: customerId }),
    }, {
      signal: abort.signal,
      onProgress: (event) => {
        if (event.phase) dispatch({ type: 'phase', id, phase: event.phase });
      },
    });
    dispatch(outcome.ok ? { type: 'finish', id, outcomes: outcome.value } : { type: 'fail', id, problem: outcome.problem });
  } catch {
    dispatch({ type: 'fail', id, problem: { kind: 'operation', code: 'FILE_UNREADABLE', params: { file: typeof file === 'string' ? file : file.name, detail: '' } } });
  } finally {
    running.delete(id);
    pending.delete(id);
    pendingPaths.delete(id);
  }
}

/** Starts queued files while there is room; when the queue runs dry, the lists that show contracts are reloaded. */
function pump(): void {
  const { queue } = useImportQueueStore.getState();
  for (const item of nextToStart(queue, CONCURRENCY)) {
    const file = pending.get(item.id) ?? pendingPaths.get(item.id);
    if (file === undefined) continue;
    void runOne(item.id, file, item.customerId).then(() => {
      if (running.size === 0 && !useImportQueueStore.getState().queue.items.some((i) => i.state === 'queued')) {
        vaultLimit = null;
        void useContractsStore.getState().load();
        void useCustomersStore.getState().load();
        const shown = useCustomerPageStore.getState().customer;
        if (shown !== null) void useCustomerPageStore.getState().load(shown.id);
      }
      pump();
    });
  }
}

/** The import queue of dropped files: one call per file, so each has its own progress and a cancel never splits a file. */
export const useImportQueueStore = create<ImportQueueStore>()((set, get) => ({
  queue: emptyQueue,
  enqueue: (files, customerId) => {
    if (files.length === 0) return;
    const firstId = get().queue.nextId;
    files.forEach((file, index) => pending.set(firstId + index, file));
    dispatch({ type: 'add', files: files.map((f) => ({ name: f.name, size: f.size })), customerId });
    pump();
  },
  enqueuePaths: (paths, customerId) => {
    if (paths.length === 0) return;
    const firstId = get().queue.nextId;
    paths.forEach((path, index) => pendingPaths.set(firstId + index, path));
    // The size is not known without reading the file; the backend's limits apply as for any import.
    dispatch({ type: 'add', files: paths.map((path) => ({ name: nameOfPath(path), size: 0 })), customerId });
    pump();
  },
  cancel: () => {
    dispatch({ type: 'cancel' });
    for (const id of [...pending.keys()]) if (!running.has(id)) pending.delete(id);
    for (const id of [...pendingPaths.keys()]) if (!running.has(id)) pendingPaths.delete(id);
    for (const abort of running.values()) abort.abort();
  },
  clear: () => dispatch({ type: 'clear' }),
  reset: () => {
    for (const abort of running.values()) abort.abort();
    pending.clear();
    pendingPaths.clear();
    vaultLimit = null;
    set({ queue: emptyQueue });
  },
}));
