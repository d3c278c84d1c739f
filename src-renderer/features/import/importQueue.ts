import type { ErrorCode } from '../../../src-shared/api/errorCodes.ts';
import type { ImportOutcome } from '../../../src-shared/model/importResult.ts';
import type { Problem } from '../../api/problem.ts';

/** Where one queued file stands. `cancelled` files were dropped before they started (or stopped before commit). */
export type QueueItemState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** What a running file is going through: sent to the backend, then the backend's own phases. */
export type QueuePhase = 'uploading' | 'reading' | 'extracting' | 'storing';

/** One dropped file in the import queue (its bytes are held by the store, not here). */
export interface QueueItem {
  id: number;
  name: string;
  size: number;
  /** The customer the file was dropped on, if any. */
  customerId: string | null;
  state: QueueItemState;
  phase: QueuePhase | null;
  /** What the backend said about the file (several for an e-mail with attachments). */
  outcomes: ImportOutcome[];
  /** Why the file failed, as data (translated when shown). */
  problem: Problem | null;
}

/** The whole queue: items in drop order. */
export interface QueueState {
  items: QueueItem[];
  nextId: number;
}

/** Everything that changes the queue. */
export type QueueEvent =
  | { type: 'add'; files: { name: string; size: number }[]; customerId: string | null }
  | { type: 'start'; id: number }
  | { type: 'phase'; id: number; phase: QueuePhase }
  | { type: 'finish'; id: number; outcomes: ImportOutcome[] }
  | { type: 'fail'; id: number; problem: Problem }
  | { type: 'cancel' }
  | { type: 'clear' };

/** An empty queue. */
export const emptyQueue: QueueState = { items: [], nextId: 1 };

const finished = (state: QueueItemState): boolean => state === 'done' || state === 'failed' || state === 'cancelled';

/** A problem that only says the work was cancelled: the file is `cancelled`, not `failed`. */
function isCancellation(problem: Problem): boolean {
  return (problem.kind === 'transport' && problem.failure === 'cancelled') || (problem.kind === 'operation' && problem.code === 'IMPORT_CANCELLED');
}

/** The first failure among a file's outcomes (the file itself, or an attachment of a mail). */
function failureOf(outcomes: readonly ImportOutcome[]): Problem | null {
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') return { kind: 'operation', code: outcome.error.code, params: outcome.error.params };
  }
  return null;
}

function update(state: QueueState, id: number, change: (item: QueueItem) => QueueItem): QueueState {
  return { ...state, items: state.items.map((item) => (item.id === id ? change(item) : item)) };
}

/**
 * The queue's transitions. Only a queued item starts; only a running one gets phases and results;
 * cancel drops every queued item at once (running ones finish or report their own cancellation, so
 * nothing is left half-imported); clear forgets finished items.
 */
export function reduceQueue(state: QueueState, event: QueueEvent): QueueState {
  switch (event.type) {
    case 'add': {
      const added = event.files.map((file, index): QueueItem => ({
        id: state.nextId + index, name: file.name, size: file.size, customerId: event.customerId, state: 'queued', phase: null, outcomes: [], problem: null,
      }));
      return { items: [...state.items, ...added], nextId: state.nextId + added.length };
    }
    case 'start':
      return update(state, event.id, (item) => (item.state === 'queued' ? { ...item, state: 'running', phase: 'uploading' } : item));
    case 'phase':
      return update(state, event.id, (item) => (item.state === 'running' ? { ...item, phase: event.phase } : item));
    case 'finish':
      return update(state, event.id, (item) => {
        if (item.state !== 'running') return item;
        const problem = failureOf(event.outcomes.slice(0, 1));
        if (problem && isCancellation(problem)) return { ...item, state: 'cancelled', phase: null, outcomes: event.outcomes };
        return { ...item, state: problem ? 'failed' : 'done', phase: null, outcomes: event.outcomes, problem: problem ?? failureOf(event.outcomes) };
      });
    case 'fail':
      return update(state, event.id, (item) => (item.state === 'running' ? { ...item, state: isCancellation(event.problem) ? 'cancelled' : 'failed', phase: null, problem: event.problem } : item));
    case 'cancel':
      return { ...state, items: state.items.map((item) => (item.state === 'queued' ? { ...item, state: 'cancelled' } : item)) };
    case 'clear':
      return { ...state, items: state.items.filter((item) => !finished(item.state)) };
  }
}

/** The queued items that may start now so that at most `concurrency` run at once, in drop order. */
export function nextToStart(state: QueueState, concurrency: number): QueueItem[] {
  const running = state.items.filter((item) => item.state === 'running').length;
  const room = Math.max(0, concurrency - running);
  return state.items.filter((item) => item.state === 'queued').slice(0, room);
}

/** How far along one file's phases are (0 to 1); a finished file is complete whatever its result. */
const phaseShare: Record<QueuePhase, number> = { uploading: 0.1, reading: 0.25, extracting: 0.5, storing: 0.85 };

/** One file's progress, 0 to 1. */
export function itemProgress(item: QueueItem): number {
  if (finished(item.state)) return 1;
  return item.phase === null ? 0 : phaseShare[item.phase];
}

/** The queue as a whole: files finished, files in it, and a 0..1 fraction weighted by size so one big file is not 1/n. */
export function overallProgress(state: QueueState): { finished: number; total: number; fraction: number } {
  const total = state.items.length;
  const finishedCount = state.items.filter((item) => finished(item.state)).length;
  // An empty file still counts for something, so a queue of empty files moves.
  const weight = (item: QueueItem) => item.size + 1;
  const all = state.items.reduce((sum, item) => sum + weight(item), 0);
  const done = state.items.reduce((sum, item) => sum + weight(item) * itemProgress(item), 0);
  return { finished: finishedCount, total, fraction: all === 0 ? 0 : done / all };
}

/** Whether anything is still queued or running (the Cancel control is offered then). */
export function isActive(state: QueueState): boolean {
  return state.items.some((item) => item.state === 'queued' || item.state === 'running');
}

/** The failed files with their reasons, in drop order. */
export function failures(state: QueueState): { id: number; name: string; problem: Problem }[] {
  return state.items.flatMap((item) => (item.state === 'failed' && item.problem ? [{ id: item.id, name: item.name, problem: item.problem }] : []));
}

/** A problem for a file refused before it was sent (too large for one call). */
export function fileTooLarge(name: string, size: number, limit: number): Problem {
  const code: ErrorCode = 'FILE_TOO_LARGE';
  return { kind: 'operation', code, params: { file: name, size, limit } };
}
