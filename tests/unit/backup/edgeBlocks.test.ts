import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EdgeBlocks } from '../../../src-main/core/backup/edgeBlocks.ts';
import { openDirectForWriting } from '../../../src-main/core/backup/itemSealPool.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';

const BLOCK = 4096;
let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => { temp = await makeTempDir('cvault-edge-blocks-'); });
afterEach(async () => { await temp.cleanup(); });

/**
 * The blocks neighbouring backup items share arrive in pieces, out of order, from several workers: each
 * byte must land at its offset whether its block filled up (one direct write) or not (written at finish).
 */
describe('EdgeBlocks', () => {
  for (const direct of [true, false]) {
    it(`puts every piece at its offset, full blocks and partial ones, in any order (${direct ? 'O_DIRECT where available' : 'page cache'})`, async () => {
      const file = join(temp.dir, 'out.bin');
      const handle = await open(file, 'wx+', 0o600);
      const directHandle = direct ? await openDirectForWriting(file) : undefined;
      try {
        // 5 blocks + 300 bytes, cut at uneven points, skipping the first 1,000 bytes (as a header written elsewhere).
        const expected = randomBytes(5 * BLOCK + 300);
        const cuts = [1000, 1001, 2222, 4095, 4096, 4200, 9000, 12287, 12289, 16000, 5 * BLOCK, expected.length];
        const pieces = cuts.slice(0, -1).map((at, n) => ({ offset: at, bytes: Uint8Array.from(expected.subarray(at, cuts[n + 1])) }));
        // A fixed shuffle: every other piece first, then the rest backwards.
        const order = [...pieces.filter((_, n) => n % 2 === 0), ...pieces.filter((_, n) => n % 2 === 1).reverse()];
        const edges = new EdgeBlocks({ fd: handle.fd, directFd: directHandle?.fd ?? null }, BLOCK, 2);
        for (const piece of order) edges.add(piece.offset, piece.bytes);
        await edges.finish();
        const written = await readFile(file);
        expect(written.length).toBe(expected.length);
        expect(written.subarray(0, 1000).every((byte) => byte === 0)).toBe(true);
        expect(Buffer.compare(written.subarray(1000), expected.subarray(1000))).toBe(0);
      } finally {
        await directHandle?.close();
        await handle.close();
      }
    });
  }
});
