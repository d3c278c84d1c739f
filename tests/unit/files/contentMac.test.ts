import { randomBytes } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { createContentMac } from '../../../src-main/core/crypto/contentMac.ts';
import { getSodium } from '../../../src-main/core/crypto/sodium.ts';

async function macOf(key: Uint8Array, ...chunks: Uint8Array[]): Promise<string> {
  const mac = await createContentMac(key);
  for (const chunk of chunks) mac.update(chunk);
  return mac.digestHex();
}

describe('contentMac', () => {
  const data = new Uint8Array(randomBytes(300_000));

  it('gives the same 64-hex-char value for the same bytes and key', async () => {
    const key = new Uint8Array(randomBytes(32));
    const a = await macOf(key, data);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await macOf(key, data)).toBe(a);
  });

  it('gives a different value under a different key, and for different bytes', async () => {
    const key = new Uint8Array(randomBytes(32));
    const a = await macOf(key, data);
    expect(await macOf(new Uint8Array(randomBytes(32)), data)).not.toBe(a);
    const other = Uint8Array.from(data);
    other[12_345] = (other[12_345] ?? 0) ^ 1;
    expect(await macOf(key, other)).not.toBe(a);
  });

  it('is the same whether fed in pieces or at once, and equals one-shot keyed BLAKE2b-256', async () => {
    const key = new Uint8Array(randomBytes(32));
    const pieces: Uint8Array[] = [];
    for (let offset = 0, size = 1; offset < data.length; offset += size, size = size * 3 + 7) {
      pieces.push(data.subarray(offset, offset + size));
    }
    pieces.splice(2, 0, new Uint8Array(0));
    const chunked = await macOf(key, ...pieces);
    expect(chunked).toBe(await macOf(key, data));
    const sodium = await getSodium();
    expect(chunked).toBe(sodium.to_hex(sodium.crypto_generichash(32, data, key)));
    // Keyed: not the plain hash anyone could compute from a known document.
    expect(chunked).not.toBe(sodium.to_hex(sodium.crypto_generichash(32, data, null)));
  });

  it('cannot be updated or read after it was digested', async () => {
    const mac = await createContentMac(new Uint8Array(randomBytes(32)));
    mac.update(data);
    mac.digestHex();
    expect(() => mac.update(data)).toThrow();
    expect(() => mac.digestHex()).toThrow();
  });

  it('rejects a key outside BLAKE2b key sizes', async () => {
    await expect(createContentMac(new Uint8Array(8))).rejects.toBeInstanceOf(RangeError);
  });
});
