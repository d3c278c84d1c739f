import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { runInStages } from '../../../src-main/core/services/import/importStages.ts';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('runInStages', () => {
  it('lets the next files parse while earlier ones wait on storing, and bounds both stages', async () => {
    const parsing = pLimit(2);
    const storing = pLimit(2);
    let parsed = 0;
    let inStoring = 0;
    let maxStoring = 0;
    let openDisk: () => void = () => undefined;
    const disk = new Promise<void>((resolve) => { openDisk = resolve; });
    const runs = Array.from({ length: 6 }, (_, index) => runInStages(parsing, storing, async (gate) => {
      parsed += 1;
      await gate.enterStoring();
      await gate.enterStoring(); // a second call takes no second slot
      inStoring += 1;
      maxStoring = Math.max(maxStoring, inStoring);
      await disk;
      inStoring -= 1;
      return index;
    }));
    for (let i = 0; i < 5; i++) await tick();
    // Two files hold the storing slots, two more parsed and wait for one, two wait to be parsed.
    expect(parsed).toBe(4);
    expect(inStoring).toBe(2);
    expect(parsing.activeCount).toBe(2);
    openDisk();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(maxStoring).toBe(2);
    await tick(); // slots are given back just after a file's result
    expect(parsing.activeCount + storing.activeCount).toBe(0);
  });

  it('frees the slots of a file that fails in either stage', async () => {
    const parsing = pLimit(1);
    const storing = pLimit(1);
    await expect(runInStages(parsing, storing, async () => { throw new Error('parse failed'); })).rejects.toThrow('parse failed');
    await expect(runInStages(parsing, storing, async (gate) => {
      await gate.enterStoring();
      throw new Error('commit failed');
    })).rejects.toThrow('commit failed');
    expect(await runInStages(parsing, storing, async (gate) => { await gate.enterStoring(); return 'stored'; })).toBe('stored');
    await tick();
    expect(parsing.activeCount + storing.activeCount).toBe(0);
  });
});
