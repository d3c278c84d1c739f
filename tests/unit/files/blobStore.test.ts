import { randomBytes } from 'node:crypto';
import { readdir, rm, stat, writeFile, access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { generateDataKey } from '../../../src-main/core/crypto/dataKeys.ts';
import { blobStoredSize } from '../../../src-main/core/files/blobFormat.ts';
import { BlobStore } from '../../../src-main/core/files/blobStore.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';
import { blobPath, expectAppError, randomBlobId, readBlobFile, sameBytes } from './blobTestSupport.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

let vaultDir: string;
let cleanup: () => Promise<void>;
let store: BlobStore;
let key: Uint8Array;

beforeEach(async () => {
  ({ dir: vaultDir, cleanup } = await makeTempDir());
  store = new BlobStore(vaultDir);
  key = await generateDataKey();
});
afterEach(async () => {
  await cleanup();
});

async function* pieces(data: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let offset = 0;
  for (let i = 0; offset < data.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    yield data.subarray(offset, offset + size);
    offset += size;
  }
}

async function tempEntries(): Promise<string[]> {
  return readdir(join(vaultDir, 'blobs', '.tmp')).catch(() => []);
}

describe('BlobStore round trip', () => {
  for (const size of [0, 1, 64 * KiB - 1, 64 * KiB, 64 * KiB + 1, MiB + 17]) {
    it(`stores and reads back ${size} random bytes`, async () => {
      const plain = new Uint8Array(randomBytes(size));
      const stored = await store.write(plain, key, 'rec-1');
      expect(stored.blobId).toMatch(/^[0-9a-f]{32}$/);
      expect(stored.plainSize).toBe(size);
      expect(stored.storedSize).toBe(blobStoredSize(size));
      expect((await stat(blobPath(vaultDir, stored.blobId))).size).toBe(stored.storedSize);
      expect(sameBytes(await store.read(stored.blobId, key, 'rec-1'), plain)).toBe(true);
      expect(await tempEntries()).toEqual([]);
    });
  }

  it('streams a 5 MiB blob in and out chunk by chunk', async () => {
    const plain = new Uint8Array(randomBytes(5 * MiB));
    // Irregular input pieces exercise the re-chunking into 64 KiB plaintext chunks.
    const stored = await store.write(pieces(plain, [1, 1000, 70_000, 65_536, 3, 200_000]), key, 'rec-big');
    expect(stored.plainSize).toBe(5 * MiB);
    expect(stored.storedSize).toBe(blobStoredSize(5 * MiB));

    const received: Uint8Array[] = [];
    for await (const chunk of store.readStream(stored.blobId, key, 'rec-big')) {
      // Never more than one chunk at a time: memory stays flat whatever the file size.
      expect(chunk.length).toBeLessThanOrEqual(64 * KiB);
      received.push(chunk);
    }
    expect(received).toHaveLength(80);
    expect(sameBytes(Buffer.concat(received), plain)).toBe(true);
  });

  it('never writes the plaintext to disk', async () => {
    const text = 'CONFIDENTIAL: supply agreement between ACME Ltd and Globex, 1,250,000 CNY. ';
    const plain = new TextEncoder().encode(text.repeat(3000));
    const stored = await store.write(plain, key, 'rec-1');
    const onDisk = await readBlobFile(vaultDir, stored.blobId);
    expect(onDisk.includes(Buffer.from('CONFIDENTIAL'))).toBe(false);
    expect(onDisk.includes(Buffer.from('ACME'))).toBe(false);
    for (const offset of [0, 100, 65_530, plain.length - 40]) {
      expect(onDisk.includes(Buffer.from(plain.subarray(offset, offset + 32)))).toBe(false);
    }
  });

  it('gives the same content a new random id and different bytes every time', async () => {
    const plain = new Uint8Array(randomBytes(1000));
    const a = await store.write(plain, key, 'rec-1');
    const b = await store.write(plain, key, 'rec-1');
    expect(a.blobId).not.toBe(b.blobId);
    expect((await readBlobFile(vaultDir, a.blobId)).equals(await readBlobFile(vaultDir, b.blobId))).toBe(false);
  });

  it('removes the temp file when the source fails mid-write', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(randomBytes(100 * KiB));
      throw new Error('disk image unreadable');
    }
    await expect(store.write(failing(), key, 'rec-1')).rejects.toThrow('disk image unreadable');
    expect(await tempEntries()).toEqual([]);
    expect(await store.listBlobIds()).toEqual([]);
  });

  it('makes its folders again when they are removed behind its back after it has written into them', async () => {
    const first = await Promise.all(Array.from({ length: 64 }, async (_, i) => store.write(new Uint8Array(randomBytes(50)), key, `rec-${i}`)));
    await rm(join(vaultDir, 'blobs'), { recursive: true });
    // 64 more blobs: with ~57 of 256 shard folders known to the store, some land in a folder it made before
    // (the chance that none does is about 1e-7), and every one needs the temp folder again.
    const firstShards = new Set(first.map((blob) => blob.blobId.slice(0, 2)));
    const plain = Array.from({ length: 64 }, () => new Uint8Array(randomBytes(50)));
    const second = await Promise.all(plain.map(async (bytes, i) => store.write(bytes, key, `again-${i}`)));
    expect(second.some((blob) => firstShards.has(blob.blobId.slice(0, 2)))).toBe(true);
    for (const [i, blob] of second.entries()) expect(sameBytes(await store.read(blob.blobId, key, `again-${i}`), plain[i]!)).toBe(true);
    expect(await tempEntries()).toEqual([]);
  });

  it('removes the temp file when given a malformed key', async () => {
    await expect(store.write(new Uint8Array(10), new Uint8Array(16), 'rec-1')).rejects.toBeInstanceOf(RangeError);
    expect(await tempEntries()).toEqual([]);
  });
});

describe('BlobStore ids and paths', () => {
  it('reports a missing blob as BLOB_MISSING', async () => {
    const missing = randomBlobId();
    const error = await expectAppError(store.read(missing, key, 'rec-1'), 'BLOB_MISSING');
    expect(error.params).toEqual({ blob: missing });
  });

  it('refuses ids that are not 32 lowercase hex characters before touching the file system', async () => {
    const victim = join(vaultDir, 'victim.txt');
    await writeFile(victim, 'keep me');
    await mkdir(join(vaultDir, 'blobs'), { recursive: true });
    for (const bad of ['../victim.txt', '../../victim.txt', '/etc/passwd', '', 'ab', randomBlobId().toUpperCase(), `${randomBlobId()}x`, `..${'a'.repeat(30)}`]) {
      await expectAppError(store.read(bad, key, 'rec-1'), 'BLOB_MISSING', bad);
      await expectAppError(store.remove(bad), 'BLOB_MISSING', bad);
    }
    await access(victim);
  });

  it('removes blobs idempotently', async () => {
    const { blobId } = await store.write(new Uint8Array([1, 2, 3]), key, 'rec-1');
    await store.remove(blobId);
    await store.remove(blobId);
    await expectAppError(store.read(blobId, key, 'rec-1'), 'BLOB_MISSING');
  });

  it('lists blob ids, ignoring temp files and names it does not recognise', async () => {
    expect(await store.listBlobIds()).toEqual([]);
    const a = await store.write(new Uint8Array([1]), key, 'rec-1');
    const b = await store.write(new Uint8Array([2]), key, 'rec-2');
    await writeFile(join(vaultDir, 'blobs', '.tmp', randomBlobId()), 'x');
    await writeFile(join(vaultDir, 'blobs', a.blobId.slice(0, 2), 'notes.txt'), 'x');
    // A well-formed id filed under the wrong shard is not a blob of this store.
    const misfiled = `${a.blobId.slice(0, 2) === 'ff' ? 'ee' : 'ff'}${randomBlobId().slice(2)}`;
    await writeFile(join(vaultDir, 'blobs', a.blobId.slice(0, 2), misfiled), 'x');
    expect(await store.listBlobIds()).toEqual([a.blobId, b.blobId].sort());
  });
});

describe('BlobStore sweep', () => {
  it('removes unreferenced blobs and leftover temp files, keeps referenced blobs', async () => {
    const kept = await store.write(new Uint8Array(randomBytes(70 * KiB)), key, 'rec-kept');
    const orphan1 = await store.write(new Uint8Array([1]), key, 'rec-gone-1');
    const orphan2 = await store.write(new Uint8Array([2]), key, 'rec-gone-2');
    await writeFile(join(vaultDir, 'blobs', '.tmp', randomBlobId()), 'half-written ciphertext');
    await writeFile(join(vaultDir, 'blobs', '.tmp', randomBlobId()), '');
    const stray = join(vaultDir, 'blobs', kept.blobId.slice(0, 2), 'not-a-blob');
    await writeFile(stray, 'unknown');

    const result = await store.sweep(new Set([kept.blobId, randomBlobId()]));
    expect(result).toEqual({ removedBlobs: 2, removedTemps: 2 });
    expect(await store.listBlobIds()).toEqual([kept.blobId]);
    expect(await tempEntries()).toEqual([]);
    await expectAppError(store.read(orphan1.blobId, key, 'rec-gone-1'), 'BLOB_MISSING');
    await expectAppError(store.read(orphan2.blobId, key, 'rec-gone-2'), 'BLOB_MISSING');
    expect((await store.read(kept.blobId, key, 'rec-kept')).length).toBe(70 * KiB);
    // Files the store does not recognise are left for a human to look at, never deleted.
    await access(stray);
  });

  it('is a no-op on an empty or absent blobs folder', async () => {
    expect(await store.sweep(new Set())).toEqual({ removedBlobs: 0, removedTemps: 0 });
  });
});
