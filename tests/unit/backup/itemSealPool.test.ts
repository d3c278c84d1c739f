import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemAd, readItem, type ItemContext } from '../../../src-main/core/backup/backupItems.ts';
import { ITEM_SALT_BYTES, itemCipherFor } from '../../../src-main/core/backup/itemCipher.ts';
import { format2ItemLength, ItemSealPool, openDirectForWriting, SealError } from '../../../src-main/core/backup/itemSealPool.ts';
import { deriveStreamKey } from '../../../src-main/core/crypto/aesGcmStream.ts';
import { preallocate } from '../../../src-main/core/files/preallocate.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';

/**
 * The export's worker pool writes each item at an offset computed from sizes alone, several at once,
 * whole 4 KiB blocks with O_DIRECT, and the partial blocks neighbouring items share are assembled and
 * written by the main thread (edgeBlocks.ts; through the page cache without O_DIRECT). These tests
 * read every item back with the reader verify and restore use (backupItems.ts), for sizes around
 * every boundary that matters: empty, inside one block, a block, a chunk (frame) and a stage.
 */

const CHUNK = 64 * 1024;
// Around the 4 KiB block, the 64 KiB chunk, several chunks, and past the workers' 2 MiB stage.
const SIZES = [0, 1, 100, 4095, 4096, 4097, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17, 2 * 1024 * 1024 + 4099, 7, 8191];

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => { temp = await makeTempDir('cvault-seal-pool-'); });
afterEach(async () => { await temp.cleanup(); });

async function sealAll(direct: boolean, sources: Array<{ path: string; size: number; declared?: number }>, start: number, preallocated = false) {
  const cipher = await itemCipherFor(2);
  if (cipher === undefined) throw new Error('no format-2 cipher');
  const context: ItemContext = { cipher, key: randomBytes(32), headerChecksum: randomBytes(32), chunkSize: CHUNK };
  const file = join(temp.dir, 'out.bin');
  const handle = await open(file, 'wx+', 0o600);
  const directHandle = direct ? await openDirectForWriting(file) : undefined;
  if (preallocated) {
    // As export does for a large backup: the blocks are allocated (and the size set) before anything is written.
    const end = sources.reduce((at, source, index) => at + 8
      + format2ItemLength(new TextEncoder().encode(JSON.stringify({ kind: 'blob', name: `item-${index}` })).length, source.declared ?? source.size, CHUNK, ITEM_SALT_BYTES), start);
    expect(await preallocate(file, end)).toBe(process.platform === 'linux');
  }
  const pool = new ItemSealPool({ fd: handle.fd, directFd: directHandle?.fd ?? null }, CHUNK, 2);
  const placed: Array<{ offset: number; length: number; descriptor: { kind: 'blob'; name: string } }> = [];
  const results: Array<Promise<{ sha256: string; size: number }>> = [];
  let position = start;
  try {
    for (const [index, source] of sources.entries()) {
      const descriptor = { kind: 'blob' as const, name: `item-${index}` };
      const descriptorBytes = new TextEncoder().encode(JSON.stringify(descriptor));
      const declared = source.declared ?? source.size;
      const length = format2ItemLength(descriptorBytes.length, declared, CHUNK, ITEM_SALT_BYTES);
      const ad = itemAd(cipher, context.headerChecksum, index);
      const salt = randomBytes(ITEM_SALT_BYTES);
      const { result } = await pool.submit({ path: source.path, expectedSize: declared, offset: position, length, key: deriveStreamKey(context.key, salt, ad), ad, salt, descriptor: descriptorBytes });
      results.push(result);
      placed.push({ offset: position, length, descriptor });
      position += 8 + length;
    }
    const settled = await Promise.allSettled(results);
    // As export does: the last stage writes and the blocks items share are written once every item is sealed.
    if (settled.every((outcome) => outcome.status === 'fulfilled')) await pool.finish();
    return { handle, context, placed, settled, end: position, file, usedDirect: directHandle !== undefined, directBytes: pool.directBytes };
  } finally {
    await pool.close();
    await directHandle?.close();
  }
}

describe('ItemSealPool', () => {
  for (const [direct, preallocated] of [[true, false], [false, false], [true, true]] as const) {
    it(`writes items that read back, authenticate and hash to their sources at every size boundary (${direct ? 'O_DIRECT where the file system allows it' : 'page cache only'}${preallocated ? ', into a preallocated file' : ''})`, async () => {
      const sources = await Promise.all(SIZES.map(async (size, n) => {
        const path = join(temp.dir, `source-${n}`);
        await writeFile(path, randomBytes(size));
        return { path, size };
      }));
      // An unaligned start, as after a real header.
      const { handle, context, placed, settled, end, file, usedDirect, directBytes } = await sealAll(direct, sources, 1234, preallocated);
      try {
        if (direct && !usedDirect) console.log('O_DIRECT is not available on this temp file system: the direct case ran through the page cache');
        // Whole blocks inside the items went around the page cache (none when it was not asked for or not available).
        if (usedDirect) expect(directBytes).toBeGreaterThan(2 * 1024 * 1024);
        else expect(directBytes).toBe(0);
        expect((await stat(file)).size).toBe(end);
        for (const [index, source] of sources.entries()) {
          const outcome = settled[index];
          expect(outcome?.status).toBe('fulfilled');
          const sealed = outcome?.status === 'fulfilled' ? outcome.value : undefined;
          const plain = await readFile(source.path);
          const sha256 = createHash('sha256').update(plain).digest('hex');
          expect(sealed).toEqual({ sha256, size: source.size });
          const where = placed[index];
          if (where === undefined) throw new Error('missing layout');
          const chunks: Uint8Array[] = [];
          const read = await readItem(handle, context, index, where.offset, end, (chunk) => { chunks.push(Uint8Array.from(chunk)); });
          expect(read).toEqual({ ok: true, descriptor: where.descriptor, length: where.length, size: source.size, sha256 });
          expect(Buffer.compare(Buffer.concat(chunks), plain)).toBe(0);
        }
      } finally {
        await handle.close();
      }
    });
  }

  it('fails an item whose source changed size after its layout was computed, and only that one', async () => {
    const sources = await Promise.all([5000, 9000, 5000].map(async (size, n) => {
      const path = join(temp.dir, `source-${n}`);
      await writeFile(path, randomBytes(size));
      return { path, size, declared: n === 1 ? 8000 : size };
    }));
    const { handle, settled } = await sealAll(true, sources, 0);
    await handle.close();
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const failure = settled[1]?.status === 'rejected' ? settled[1].reason as unknown : undefined;
    expect(failure).toBeInstanceOf(SealError);
    expect((failure as SealError).phase).toBe('read');
  });
});
