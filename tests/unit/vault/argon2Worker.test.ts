import { describe, expect, it } from 'vitest';
import { getSodium } from '../../../src-main/core/crypto/sodium.ts';
import { deriveKek, KDF_WORKER_ABOVE_MEMLIMIT, kdfPresets } from '../../../src-main/core/vault/kdfParams.ts';

const MIB = 1024 * 1024;

describe('Argon2id above the INTERACTIVE cost runs in a short-lived worker', () => {
  it('derives the same key as libsodium in-process, for a passphrase in any script', async () => {
    const sodium = await getSodium();
    const salt = sodium.randombytes_buf(16);
    // Just above the threshold: the worker path, at a cost a unit test can afford twice.
    const params = { algorithm: 'argon2id13', opsLimit: 2, memLimit: KDF_WORKER_ABOVE_MEMLIMIT + 8 * MIB } as const;
    const passphrase = 'correct horse 合同 Ünïcode';
    const inWorker = await deriveKek(passphrase, salt, params);
    const direct = sodium.crypto_pwhash(32, new TextEncoder().encode(passphrase.normalize('NFC')), salt, params.opsLimit, params.memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
    expect(sodium.to_hex(inWorker)).toBe(sodium.to_hex(direct));
    // A different salt gives a different key (the worker really used the inputs it was given).
    expect(sodium.to_hex(await deriveKek(passphrase, sodium.randombytes_buf(16), params))).not.toBe(sodium.to_hex(direct));
  });

  it('leaves the process RSS flat after a MODERATE (256 MiB) derivation', async () => {
    await getSodium();
    const before = process.memoryUsage().rss;
    await deriveKek('a passphrase', new Uint8Array(16).fill(7), kdfPresets.moderate);
    const grown = (process.memoryUsage().rss - before) / MIB;
    console.log(`RSS after a MODERATE Argon2id in the worker: ${grown.toFixed(0)} MiB more than before (in-process it stays >= 256 MiB more)`);
    expect(grown).toBeLessThan(96);
  }, 30_000);
});
