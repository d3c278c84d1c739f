import { randomBytes, randomInt } from 'node:crypto';
import { copyFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { generateDataKey } from '../../../src-main/core/crypto/dataKeys.ts';
import { getSodium } from '../../../src-main/core/crypto/sodium.ts';
import { BLOB_CHUNK_OVERHEAD, BLOB_CHUNK_SIZE, BLOB_HEADER_BYTES } from '../../../src-main/core/files/blobFormat.ts';
import { BlobStore } from '../../../src-main/core/files/blobStore.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';
import { blobPath, expectAppError, plantBlob, randomBlobId, readBlobFile, sameBytes } from './blobTestSupport.ts';

const FRAME = BLOB_CHUNK_SIZE + BLOB_CHUNK_OVERHEAD;
// Three full chunks and a short final one.
const PLAIN_SIZE = 3 * BLOB_CHUNK_SIZE + 8315;
const RECORD = 'rec-A';

let vaultDir: string;
let cleanup: () => Promise<void>;
let store: BlobStore;
let key: Uint8Array;
let plain: Uint8Array;
let blobId: string;
let original: Buffer;

beforeEach(async () => {
  ({ dir: vaultDir, cleanup } = await makeTempDir());
  store = new BlobStore(vaultDir);
  key = await generateDataKey();
  plain = new Uint8Array(randomBytes(PLAIN_SIZE));
  ({ blobId } = await store.write(plain, key, RECORD));
  original = await readBlobFile(vaultDir, blobId);
});
afterEach(async () => {
  await cleanup();
});

function chunkStart(index: number): number {
  return BLOB_HEADER_BYTES + index * FRAME;
}

function chunkOf(bytes: Uint8Array, index: number): Uint8Array {
  return bytes.subarray(chunkStart(index), Math.min(chunkStart(index + 1), bytes.length));
}

async function readPlanted(bytes: Uint8Array, dataKey = key, recordId = RECORD): Promise<Uint8Array> {
  return store.read(await plantBlob(vaultDir, bytes), dataKey, recordId);
}

/** Builds a blob by hand with chosen chunk tags, to reach states the writer never produces. */
async function craftBlob(dataKey: Uint8Array, recordId: string, chunks: { size: number; tag: 'message' | 'final' | 'push' }[]): Promise<Uint8Array> {
  const sodium = await getSodium();
  const prefix = Uint8Array.from([0x43, 0x56, 0x42, 0x4c, 1, 0, 1, 0, 0]);
  const ad = Buffer.concat([Buffer.from('cv-blob-v1\0'), prefix, Buffer.from(recordId)]);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(dataKey);
  const tags = {
    message: sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
    final: sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
    push: sodium.crypto_secretstream_xchacha20poly1305_TAG_PUSH,
  };
  const parts: Uint8Array[] = [prefix, header];
  for (const chunk of chunks) {
    parts.push(sodium.crypto_secretstream_xchacha20poly1305_push(state, new Uint8Array(randomBytes(chunk.size)), ad, tags[chunk.tag]));
  }
  return Buffer.concat(parts);
}

describe('blob tampering', () => {
  it('reads the untouched blob (the baseline every tampering is measured against)', async () => {
    expect(original.length).toBe(chunkStart(3) + 8315 + BLOB_CHUNK_OVERHEAD);
    expect(sameBytes(await readPlanted(original), plain)).toBe(true);
  });

  it('refuses a file cut at any offset', async () => {
    const cuts = [0, 3, 4, 5, 8, 9, 20, 32, 33, 34, 49, 50, chunkStart(1) - 1, chunkStart(1), chunkStart(1) + 1,
      chunkStart(2), chunkStart(3), chunkStart(3) + 16, chunkStart(3) + 17, original.length - 1];
    for (const cut of cuts) {
      await expectAppError(readPlanted(original.subarray(0, cut)), 'BLOB_CORRUPT', `cut at ${cut}`);
    }
  });

  it('refuses a blob whose final chunk was removed exactly', async () => {
    await expectAppError(readPlanted(original.subarray(0, chunkStart(3))), 'BLOB_CORRUPT');
    // Also when the final chunk is the empty one that follows a whole number of full chunks.
    const even = await store.write(new Uint8Array(randomBytes(2 * BLOB_CHUNK_SIZE)), key, RECORD);
    const evenBytes = await readBlobFile(vaultDir, even.blobId);
    expect(evenBytes.length).toBe(chunkStart(2) + BLOB_CHUNK_OVERHEAD);
    await expectAppError(readPlanted(evenBytes.subarray(0, chunkStart(2))), 'BLOB_CORRUPT');
  });

  it('refuses reordered chunks', async () => {
    for (const [i, j] of [[0, 1], [1, 2], [0, 2]] as const) {
      const swapped = Buffer.from(original);
      Buffer.from(chunkOf(original, j)).copy(swapped, chunkStart(i));
      Buffer.from(chunkOf(original, i)).copy(swapped, chunkStart(j));
      await expectAppError(readPlanted(swapped), 'BLOB_CORRUPT', `swap ${i}<->${j}`);
    }
  });

  it('refuses a chunk spliced in from another blob with the same key, record and index', async () => {
    const other = await store.write(new Uint8Array(randomBytes(PLAIN_SIZE)), key, RECORD);
    const otherBytes = await readBlobFile(vaultDir, other.blobId);
    for (const index of [0, 1, 3]) {
      const spliced = Buffer.from(original);
      Buffer.from(chunkOf(otherBytes, index)).copy(spliced, chunkStart(index));
      await expectAppError(readPlanted(spliced), 'BLOB_CORRUPT', `chunk ${index}`);
    }
    // The other way round: keep the chunks, swap in the other blob's secretstream header.
    const headerSwapped = Buffer.from(original);
    otherBytes.copy(headerSwapped, 9, 9, BLOB_HEADER_BYTES);
    await expectAppError(readPlanted(headerSwapped), 'BLOB_CORRUPT');
  });

  it("refuses a blob file copied over another record's blob", async () => {
    const keyB = await generateDataKey();
    const b = await store.write(new Uint8Array(randomBytes(1000)), keyB, 'rec-B');
    await copyFile(blobPath(vaultDir, blobId), blobPath(vaultDir, b.blobId));
    await expectAppError(store.read(b.blobId, keyB, 'rec-B'), 'BLOB_CORRUPT');
  });

  it('refuses the right key with the wrong record id, and the wrong key with the right record id', async () => {
    await expectAppError(store.read(blobId, key, 'rec-B'), 'BLOB_CORRUPT');
    await expectAppError(store.read(blobId, await generateDataKey(), RECORD), 'BLOB_CORRUPT');
    expect(sameBytes(await store.read(blobId, key, RECORD), plain)).toBe(true);
  });

  it('refuses a single flipped bit anywhere in the file', async () => {
    const offsets = [0, 3, 4, 5, 8, 9, 32, 33, chunkStart(1) + 5, chunkStart(3), original.length - 1];
    for (let i = 0; i < 20; i++) offsets.push(randomInt(original.length));
    for (const offset of offsets) {
      const bit = randomInt(8);
      const flipped = Buffer.from(original);
      flipped[offset] = (flipped[offset] ?? 0) ^ (1 << bit);
      // The version byte is read before anything else can be checked: a higher value means "too new".
      const expected = offset === 4 && (flipped[4] ?? 0) > 1 ? 'BLOB_FORMAT_TOO_NEW' : 'BLOB_CORRUPT';
      await expectAppError(readPlanted(flipped), expected, `offset ${offset} bit ${bit}`);
    }
  });

  it('refuses an edited chunk-size field even on a one-chunk blob (the header is authenticated)', async () => {
    const small = await store.write(new Uint8Array(randomBytes(100)), key, RECORD);
    const bytes = await readBlobFile(vaultDir, small.blobId);
    for (const chunkSize of [1000, 65_537, 1 << 20]) {
      const edited = Buffer.from(bytes);
      edited.writeUInt32BE(chunkSize, 5);
      await expectAppError(readPlanted(edited), 'BLOB_CORRUPT', `chunk size ${chunkSize}`);
    }
    const huge = Buffer.from(bytes);
    huge.writeUInt32BE(0xffffffff, 5);
    await expectAppError(readPlanted(huge), 'BLOB_CORRUPT');
  });

  it('refuses trailing bytes after the final chunk', async () => {
    const extras = [Buffer.from([0]), randomBytes(17), randomBytes(FRAME), Buffer.from(chunkOf(original, 3))];
    for (const extra of extras) {
      await expectAppError(readPlanted(Buffer.concat([original, extra])), 'BLOB_CORRUPT', `+${extra.length} bytes`);
    }
  });

  it('refuses a TAG_FINAL before the end, and a stream that never sends one', async () => {
    const sane = await craftBlob(key, RECORD, [{ size: BLOB_CHUNK_SIZE, tag: 'message' }, { size: 10, tag: 'final' }]);
    expect((await readPlanted(sane)).length).toBe(BLOB_CHUNK_SIZE + 10);
    const cases = {
      'final then more': [{ size: BLOB_CHUNK_SIZE, tag: 'final' }, { size: 10, tag: 'final' }],
      'full-size final': [{ size: BLOB_CHUNK_SIZE, tag: 'final' }],
      'short message at end': [{ size: BLOB_CHUNK_SIZE, tag: 'message' }, { size: 10, tag: 'message' }],
      'push tag': [{ size: BLOB_CHUNK_SIZE, tag: 'push' }, { size: 10, tag: 'final' }],
    } as const;
    for (const [label, chunks] of Object.entries(cases)) {
      await expectAppError(readPlanted(await craftBlob(key, RECORD, [...chunks])), 'BLOB_CORRUPT', label);
    }
  });

  it('refuses a wrong magic, version 0, and reports a newer version as BLOB_FORMAT_TOO_NEW', async () => {
    const magic = Buffer.from(original);
    magic.write('CVBX', 0, 'latin1');
    await expectAppError(readPlanted(magic), 'BLOB_CORRUPT');
    const zero = Buffer.from(original);
    zero[4] = 0;
    await expectAppError(readPlanted(zero), 'BLOB_CORRUPT');
    for (const version of [2, 255]) {
      const newer = Buffer.from(original);
      newer[4] = version;
      const error = await expectAppError(readPlanted(newer), 'BLOB_FORMAT_TOO_NEW');
      expect(error.params.blob).toMatch(/^[0-9a-f]{32}$/);
    }
    // Even a newer file with a header this version cannot parse is "too new", not "corrupt".
    await expectAppError(readPlanted(Buffer.from([0x43, 0x56, 0x42, 0x4c, 2])), 'BLOB_FORMAT_TOO_NEW');
  });

  it('reports a missing file as BLOB_MISSING', async () => {
    await expectAppError(store.read(randomBlobId(), key, RECORD), 'BLOB_MISSING');
  });

  it('stops the stream at a bad chunk without yielding it or anything after it', async () => {
    const damaged = Buffer.from(original);
    damaged[chunkStart(2) + 100] = (damaged[chunkStart(2) + 100] ?? 0) ^ 0x80;
    const id = await plantBlob(vaultDir, damaged);
    const received: Uint8Array[] = [];
    const consume = async (): Promise<void> => {
      for await (const chunk of store.readStream(id, key, RECORD)) received.push(chunk);
    };
    await expectAppError(consume(), 'BLOB_CORRUPT');
    expect(received).toHaveLength(2);
    expect(sameBytes(Buffer.concat(received), plain.subarray(0, 2 * BLOB_CHUNK_SIZE))).toBe(true);
  });

  it('throws at the end of the stream when the final chunk never came', async () => {
    const id = await plantBlob(vaultDir, original.subarray(0, chunkStart(3)));
    const received: Uint8Array[] = [];
    const consume = async (): Promise<void> => {
      for await (const chunk of store.readStream(id, key, RECORD)) received.push(chunk);
    };
    await expectAppError(consume(), 'BLOB_CORRUPT');
    // Every chunk it did yield was authentic; only the ending is missing, which is why callers wait for completion.
    expect(received).toHaveLength(3);
    expect(sameBytes(Buffer.concat(received), plain.subarray(0, 3 * BLOB_CHUNK_SIZE))).toBe(true);
  });
});
