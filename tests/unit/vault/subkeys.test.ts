import { describe, expect, it } from 'vitest';
import { getSodium } from '../../../src-main/core/crypto/sodium.ts';
import { deriveSubkeys, SUBKEY_CONTEXT, SUBKEY_IDS } from '../../../src-main/core/vault/subkeys.ts';

describe('subkeys', () => {
  it('derives five distinct 32-byte subkeys, deterministically', async () => {
    const sodium = await getSodium();
    const vaultKey = sodium.randombytes_buf(32);
    const first = await deriveSubkeys(vaultKey);
    const second = await deriveSubkeys(vaultKey);
    const names = ['database', 'blobs', 'contentMac', 'audit', 'index'] as const;
    expect(Object.keys(first).sort()).toEqual([...names].sort());
    const hexes = names.map((name) => sodium.to_hex(first[name]));
    for (const name of names) {
      expect(first[name]).toHaveLength(32);
      expect(sodium.to_hex(second[name])).toBe(sodium.to_hex(first[name]));
    }
    expect(new Set(hexes).size).toBe(names.length);
    expect(hexes).not.toContain(sodium.to_hex(vaultKey));

    const other = await deriveSubkeys(sodium.randombytes_buf(32));
    expect(sodium.to_hex(other.database)).not.toBe(sodium.to_hex(first.database));
  });

  it('keeps the context and ids of the format, with known answers (cross-checked with Python hashlib.blake2b)', async () => {
    expect(SUBKEY_CONTEXT).toBe('cvault__');
    expect(SUBKEY_IDS).toEqual({ database: 1, blobs: 2, contentMac: 3, audit: 4, index: 5 });
    const sodium = await getSodium();
    const keys = await deriveSubkeys(Uint8Array.from({ length: 32 }, (_, i) => i));
    expect(sodium.to_hex(keys.database)).toBe('2f5940799f7b7561c2ddaa7716b422524ed71e6a8d6fe2311e576c25befec4ee');
    expect(sodium.to_hex(keys.blobs)).toBe('d4b4c5b521b1faf480c670438d52a05560a645dd810464ada53d31b4f8e0852f');
    expect(sodium.to_hex(keys.contentMac)).toBe('ca75668ad0274a6d9f5f8507ba290bade4e7d77c42576ff7c14d89058456fca5');
    expect(sodium.to_hex(keys.audit)).toBe('5e982ce251b7db8c10a5c70bee97a7126351994c6463fd9aafbaba503313b7f9');
    expect(sodium.to_hex(keys.index)).toBe('defa6035f8ec6a603e212c0c40225675a9ac99b3c259275fff7bbea56431ffae');
  });

  it('refuses a vault key of the wrong size', async () => {
    await expect(deriveSubkeys(new Uint8Array(16))).rejects.toThrow();
  });
});
