import { randomBytes } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIndexSnapshot, writeIndexSnapshot } from '../../../src-main/core/search/indexSnapshot.ts';
import { SearchIndex } from '../../../src-main/core/search/searchIndex.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';

async function withTempDir(work: (dir: string) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await makeTempDir();
  try {
    await work(dir);
  } finally {
    await cleanup();
  }
}

function sampleIndex(): SearchIndex {
  const index = new SearchIndex();
  index.upsert({
    contractId: 'a', title: '北京纷享科技有限公司 服务合同', number: 'HT-2024-0153', customerName: '北京纷享科技有限公司', tags: [], notes: '',
    texts: ['secret clause about confidentiality'], facets: { customerId: null, type: 'service', status: 'active', tags: [], signingDate: null, endDate: null, amount: null, formats: ['pdf'] },
  });
  return index;
}

describe('encrypted index snapshot', () => {
  it('round-trips, and nothing of the text is readable in the file', async () => {
    await withTempDir(async (dir) => {
      const key = randomBytes(32);
      await writeIndexSnapshot(dir, key, 'vault-1', 42, sampleIndex());
      expect(await readdir(dir)).toEqual(['search.cvidx']);
      const raw = await readFile(join(dir, 'search.cvidx'));
      for (const secret of ['confidentiality', 'secret', 'HT-2024', 'ht-2024', '纷享', '合同']) {
        expect(raw.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      }
      const loaded = await readIndexSnapshot(dir, key, 'vault-1');
      expect(loaded?.generation).toBe(42);
      expect(loaded?.index.search({ text: 'confidentiality' }).matches.map((m) => m.contractId)).toEqual(['a']);
    });
  });

  it('is absent (null) before the first save', async () => {
    await withTempDir(async (dir) => {
      expect(await readIndexSnapshot(dir, randomBytes(32), 'vault-1')).toBeNull();
    });
  });

  it('refuses a flipped byte, a truncated file, another key and another vault as damaged', async () => {
    await withTempDir(async (dir) => {
      const key = randomBytes(32);
      await writeIndexSnapshot(dir, key, 'vault-1', 1, sampleIndex());
      const path = join(dir, 'search.cvidx');
      const good = await readFile(path);
      const damaged = { code: 'SEARCH_INDEX_DAMAGED' };
      await expect(readIndexSnapshot(dir, randomBytes(32), 'vault-1')).rejects.toMatchObject(damaged);
      await expect(readIndexSnapshot(dir, key, 'vault-2')).rejects.toMatchObject(damaged);
      for (const offset of [0, 10, 40, Math.floor(good.length / 2), good.length - 1]) {
        const flipped = Buffer.from(good);
        flipped[offset] = (flipped[offset] ?? 0) ^ 0x01;
        await writeFile(path, flipped);
        await expect(readIndexSnapshot(dir, key, 'vault-1')).rejects.toMatchObject(damaged);
      }
      await writeFile(path, good.subarray(0, good.length - 20));
      await expect(readIndexSnapshot(dir, key, 'vault-1')).rejects.toMatchObject(damaged);
      await writeFile(path, good);
      expect((await readIndexSnapshot(dir, key, 'vault-1'))?.generation).toBe(1);
    });
  });
});
