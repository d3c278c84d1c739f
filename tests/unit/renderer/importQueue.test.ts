import { describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../../src-shared/model/importResult.ts';
import {
  emptyQueue, failures, fileTooLarge, isActive, itemProgress, nextToStart, overallProgress, reduceQueue, type QueueEvent, type QueueState,
} from '../../../src-renderer/features/import/importQueue.ts';

const run = (events: QueueEvent[], from: QueueState = emptyQueue): QueueState => events.reduce(reduceQueue, from);
const states = (state: QueueState) => state.items.map((item) => `${item.name}:${item.state}`);
const imported = (file: string): ImportOutcome => ({ file, status: 'imported', contractId: 'c', fileId: 'f', versionId: 'v', versionNo: 1, pageCount: 1, textChars: 10 });
const failed = (file: string, code: 'PDF_ENCRYPTED' | 'IMPORT_CANCELLED'): ImportOutcome => ({ file, status: 'failed', error: { code, message: 'm', params: { file } } });

const three: QueueEvent = { type: 'add', files: [{ name: 'a.pdf', size: 100 }, { name: 'b.pdf', size: 300 }, { name: 'c.pdf', size: 600 }], customerId: 'cust' };

describe('import queue', () => {
  it('adds files in drop order with fresh ids, linked to the customer they were dropped on', () => {
    const state = run([three, { type: 'add', files: [{ name: 'd.pdf', size: 1 }], customerId: null }]);
    expect(state.items.map((i) => [i.id, i.name, i.customerId, i.state])).toEqual([
      [1, 'a.pdf', 'cust', 'queued'], [2, 'b.pdf', 'cust', 'queued'], [3, 'c.pdf', 'cust', 'queued'], [4, 'd.pdf', null, 'queued'],
    ]);
    expect(state.nextId).toBe(5);
  });

  it('starts at most `concurrency` files, in order, as running ones finish', () => {
    let state = run([three]);
    expect(nextToStart(state, 2).map((i) => i.name)).toEqual(['a.pdf', 'b.pdf']);
    state = run([{ type: 'start', id: 1 }, { type: 'start', id: 2 }], state);
    expect(nextToStart(state, 2)).toEqual([]);
    state = run([{ type: 'finish', id: 1, outcomes: [imported('a.pdf')] }], state);
    expect(nextToStart(state, 2).map((i) => i.name)).toEqual(['c.pdf']);
  });

  it('moves a file through its phases and reports per-file and size-weighted overall progress', () => {
    let state = run([three, { type: 'start', id: 1 }]);
    expect(itemProgress(state.items[0]!)).toBeCloseTo(0.1);
    state = run([{ type: 'phase', id: 1, phase: 'extracting' }], state);
    expect(itemProgress(state.items[0]!)).toBeCloseTo(0.5);
    // A phase for a file that is not running (queued, or already finished) changes nothing.
    expect(run([{ type: 'phase', id: 2, phase: 'storing' }], state)).toEqual(state);
    state = run([{ type: 'finish', id: 1, outcomes: [imported('a.pdf')] }], state);
    const overall = overallProgress(state);
    expect(overall.finished).toBe(1);
    expect(overall.total).toBe(3);
    expect(overall.fraction).toBeCloseTo(101 / 1003);
    expect(overallProgress(emptyQueue)).toEqual({ finished: 0, total: 0, fraction: 0 });
  });

  it('cancel drops every queued file at once and lets the running ones end on their own', () => {
    let state = run([three, { type: 'start', id: 1 }, { type: 'cancel' }]);
    expect(states(state)).toEqual(['a.pdf:running', 'b.pdf:cancelled', 'c.pdf:cancelled']);
    expect(nextToStart(state, 4)).toEqual([]);
    expect(isActive(state)).toBe(true);
    // The running file's call was aborted: the backend stopped it before commit.
    state = run([{ type: 'finish', id: 1, outcomes: [failed('a.pdf', 'IMPORT_CANCELLED')] }], state);
    expect(states(state)).toEqual(['a.pdf:cancelled', 'b.pdf:cancelled', 'c.pdf:cancelled']);
    expect(isActive(state)).toBe(false);
    expect(failures(state)).toEqual([]);
    // A transport-level cancellation is a cancellation too, not a failure.
    const aborted = run([three, { type: 'start', id: 1 }, { type: 'fail', id: 1, problem: { kind: 'transport', failure: 'cancelled' } }]);
    expect(states(aborted)[0]).toBe('a.pdf:cancelled');
  });

  it('lists failures with their reason as data, from an outcome, a refused call, or a file refused before sending', () => {
    const state = run([
      three,
      { type: 'start', id: 1 }, { type: 'start', id: 2 }, { type: 'start', id: 3 },
      { type: 'finish', id: 1, outcomes: [failed('a.pdf', 'PDF_ENCRYPTED')] },
      { type: 'fail', id: 2, problem: { kind: 'transport', failure: 'unreachable' } },
      { type: 'fail', id: 3, problem: fileTooLarge('c.pdf', 600, 500) },
    ]);
    expect(failures(state)).toEqual([
      { id: 1, name: 'a.pdf', problem: { kind: 'operation', code: 'PDF_ENCRYPTED', params: { file: 'a.pdf' } } },
      { id: 2, name: 'b.pdf', problem: { kind: 'transport', failure: 'unreachable' } },
      { id: 3, name: 'c.pdf', problem: { kind: 'operation', code: 'FILE_TOO_LARGE', params: { file: 'c.pdf', size: 600, limit: 500 } } },
    ]);
    expect(overallProgress(state).fraction).toBe(1);
  });

  it('a duplicate is done, not failed; a late result for a file no longer running is ignored; clear forgets finished files', () => {
    const duplicate: ImportOutcome = { file: 'a.pdf', status: 'duplicate', contractId: 'c', fileId: 'f', versionId: 'v' };
    let state = run([three, { type: 'start', id: 1 }, { type: 'finish', id: 1, outcomes: [duplicate] }, { type: 'start', id: 2 }]);
    expect(states(state)).toEqual(['a.pdf:done', 'b.pdf:running', 'c.pdf:queued']);
    expect(run([{ type: 'finish', id: 1, outcomes: [failed('a.pdf', 'PDF_ENCRYPTED')] }], state)).toEqual(state);
    state = run([{ type: 'clear' }], state);
    expect(states(state)).toEqual(['b.pdf:running', 'c.pdf:queued']);
  });
});
