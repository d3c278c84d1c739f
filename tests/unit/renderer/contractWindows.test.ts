import { describe, expect, it } from 'vitest';
import { ContractWindows } from '../../../src-renderer/features/contracts/contractWindows.ts';

describe('contract windows', () => {
  it('asks only for windows neither loaded nor in flight, within the total', () => {
    const w = new ContractWindows<string>(100);
    expect(w.missing(0, 49, 1000)).toEqual([0]);
    expect(w.missing(150, 420, 1000)).toEqual([1, 2, 3, 4]);
    expect(w.missing(950, 1200, 1000)).toEqual([9]);
    expect(w.missing(0, 10, 0)).toEqual([]);
    w.start(1);
    w.finish(2, Array.from({ length: 100 }, (_, i) => `r${200 + i}`));
    expect(w.missing(150, 420, 1000)).toEqual([3, 4]);
    expect(w.row(250)).toBe('r250');
    expect(w.row(150)).toBeUndefined();
    w.fail(1);
    expect(w.missing(150, 160, 1000)).toEqual([1]);
    expect([...w.entries()].length).toBe(100);
  });
});
