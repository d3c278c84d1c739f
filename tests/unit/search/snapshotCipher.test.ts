import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SnapshotDecryptionError, decryptSnapshot, encryptSnapshot } from '../../../src-main/core/search/snapshotCipher.ts';

const HEADER = 42;
const TAG = 16;
const CHUNK = 64;

function seal(plain: Uint8Array, key: Uint8Array, record = 'search-index:v1', pieces = 3): Uint8Array {
  // The plaintext arrives in uneven pieces, as the snapshot's parts do.
  const cuts = Array.from({ length: pieces }, (_, i) => Math.floor((plain.length * (i + 1) * (i + 1)) / (pieces * pieces)));
  const parts = cuts.map((end, i) => plain.subarray(i === 0 ? 0 : (cuts[i - 1] as number), end));
  return Buffer.concat([...encryptSnapshot(parts, key, record, CHUNK)]);
}

const refused = (file: Uint8Array, key: Uint8Array, record = 'search-index:v1'): void => {
  expect(() => decryptSnapshot(file, key, record)).toThrow(SnapshotDecryptionError);
};

describe('search snapshot cipher (STREAM over AES-256-GCM)', () => {
  it('round-trips empty, partial, exactly full and many-chunk plaintexts', () => {
    const key = randomBytes(32);
    for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 10 * CHUNK + 17]) {
      const plain = randomBytes(size);
      const file = seal(plain, key);
      expect(file.length).toBe(HEADER + size + Math.max(1, Math.ceil(size / CHUNK)) * TAG);
      expect(Buffer.from(decryptSnapshot(file, key, 'search-index:v1')).equals(plain)).toBe(true);
    }
  });

  it('uses a fresh key per file: the same plaintext never gives the same bytes', () => {
    const key = randomBytes(32);
    const plain = Buffer.alloc(200, 7);
    expect(Buffer.from(seal(plain, key)).equals(Buffer.from(seal(plain, key)))).toBe(false);
  });

  it('refuses every flipped byte, header included', () => {
    const key = randomBytes(32);
    const file = seal(randomBytes(2 * CHUNK + 5), key);
    for (let offset = 0; offset < file.length; offset++) {
      const bad = Buffer.from(file);
      bad[offset] = (bad[offset] as number) ^ 0x40;
      refused(bad, key);
    }
  });

  it('refuses a file cut at a chunk boundary or inside one, bytes appended, chunks reordered or dropped', () => {
    const key = randomBytes(32);
    const file = Buffer.from(seal(randomBytes(3 * CHUNK + 9), key));
    const sealed = CHUNK + TAG;
    const chunk = (i: number): Buffer => file.subarray(HEADER + i * sealed, HEADER + (i + 1) * sealed);
    const header = file.subarray(0, HEADER);
    refused(file.subarray(0, HEADER + 2 * sealed), key); // cut after a full chunk: it was not the last
    refused(file.subarray(0, file.length - 1), key);
    refused(file.subarray(0, HEADER + 5), key);
    refused(Buffer.concat([file, Buffer.from([0])]), key);
    refused(Buffer.concat([header, chunk(1), chunk(0), chunk(2), file.subarray(HEADER + 3 * sealed)]), key);
    refused(Buffer.concat([header, chunk(0), chunk(2), file.subarray(HEADER + 3 * sealed)]), key);
  });

  it('refuses a chunk spliced from another snapshot, another key, another record, a newer format', () => {
    const key = randomBytes(32);
    const a = Buffer.from(seal(randomBytes(2 * CHUNK + 3), key));
    const b = Buffer.from(seal(randomBytes(2 * CHUNK + 3), key));
    const spliced = Buffer.concat([a.subarray(0, HEADER + CHUNK + TAG), b.subarray(HEADER + CHUNK + TAG)]);
    refused(spliced, key);
    refused(a, randomBytes(32));
    refused(a, key, 'search-index:v2');
    const newer = Buffer.from(a);
    newer[5] = 5;
    expect(() => decryptSnapshot(newer, key, 'search-index:v1')).toThrow(/format 5/);
    const hugeChunk = Buffer.from(a);
    hugeChunk.writeUInt32BE(0xffffffff, 6);
    expect(() => decryptSnapshot(hugeChunk, key, 'search-index:v1')).toThrow(/chunk size/);
  });
});
