import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getSodium } from '../../../src-main/core/crypto/sodium.ts';
import {
  computeKeyCheck,
  keyCheckMatches,
  unwrapVaultKey,
  wrapVaultKey,
  type SlotBinding,
} from '../../../src-main/core/vault/keySlots.ts';
import { encodeBase64, type KeySlot, type VaultHeader } from '../../../src-main/core/vault/vaultHeader.ts';

async function makeSlot(vaultKey: Uint8Array, kek: Uint8Array, binding: SlotBinding): Promise<KeySlot> {
  const sodium = await getSodium();
  const { nonce, wrappedKey } = await wrapVaultKey(vaultKey, kek, binding);
  const common = {
    id: binding.slotId,
    salt: encodeBase64(sodium.randombytes_buf(16)),
    nonce: encodeBase64(nonce),
    wrappedKey: encodeBase64(wrappedKey),
    createdAt: new Date().toISOString(),
  };
  return binding.kind === 'recovery'
    ? { ...common, kind: 'recovery', kdf: { algorithm: 'blake2b-keyed' } }
    : { ...common, kind: 'passphrase', kdf: { algorithm: 'argon2id13', opsLimit: 2, memLimit: 64 * 1024 * 1024 } };
}

describe('keySlots', () => {
  it('unwraps with the right KEK and binding only', async () => {
    const sodium = await getSodium();
    const vaultKey = sodium.randombytes_buf(32);
    const kek = sodium.randombytes_buf(32);
    const vaultId = randomUUID();
    const slot = await makeSlot(vaultKey, kek, { vaultId, slotId: randomUUID(), kind: 'passphrase' });

    expect(await unwrapVaultKey(slot, vaultId, kek)).toEqual(vaultKey);
    expect(await unwrapVaultKey(slot, vaultId, sodium.randombytes_buf(32))).toBeUndefined();
    // Copied into another vault.
    expect(await unwrapVaultKey(slot, randomUUID(), kek)).toBeUndefined();
    // Renamed within the vault.
    expect(await unwrapVaultKey({ ...slot, id: randomUUID() }, vaultId, kek)).toBeUndefined();
    // Relabelled as the other kind.
    const relabelled: KeySlot = { ...slot, kind: 'recovery', kdf: { algorithm: 'blake2b-keyed' } };
    expect(await unwrapVaultKey(relabelled, vaultId, kek)).toBeUndefined();
    // One bit of ciphertext flipped.
    const bytes = Buffer.from(slot.wrappedKey, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(await unwrapVaultKey({ ...slot, wrappedKey: bytes.toString('base64') }, vaultId, kek)).toBeUndefined();
  });

  it('uses a fresh nonce for every wrap', async () => {
    const sodium = await getSodium();
    const vaultKey = sodium.randombytes_buf(32);
    const kek = sodium.randombytes_buf(32);
    const binding: SlotBinding = { vaultId: randomUUID(), slotId: randomUUID(), kind: 'passphrase' };
    const a = await wrapVaultKey(vaultKey, kek, binding);
    const b = await wrapVaultKey(vaultKey, kek, binding);
    expect(sodium.to_hex(a.nonce)).not.toBe(sodium.to_hex(b.nonce));
    expect(sodium.to_hex(a.wrappedKey)).not.toBe(sodium.to_hex(b.wrappedKey));
  });

  it('key check accepts the vault key and rejects any other key or vault id', async () => {
    const sodium = await getSodium();
    const vaultKey = sodium.randombytes_buf(32);
    const vaultId = randomUUID();
    const header = {
      vaultId,
      keyCheck: encodeBase64(await computeKeyCheck(vaultKey, vaultId)),
    } as VaultHeader;
    expect(await keyCheckMatches(vaultKey, header)).toBe(true);
    expect(await keyCheckMatches(sodium.randombytes_buf(32), header)).toBe(false);
    expect(await keyCheckMatches(vaultKey.slice(0, 16), header)).toBe(false);
    expect(await keyCheckMatches(vaultKey, { ...header, vaultId: randomUUID() })).toBe(false);
  });
});
