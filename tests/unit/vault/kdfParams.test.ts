import { describe, expect, it } from 'vitest';
import { getSodium } from '../../../src-main/core/crypto/sodium.ts';
import {
  checkKdfParams,
  DEFAULT_KDF_PARAMS,
  deriveKek,
  kdfPresets,
  normalisePassphrase,
} from '../../../src-main/core/vault/kdfParams.ts';
import { AppError } from '../../../src-shared/api/appError.ts';

describe('kdfParams', () => {
  it('presets equal libsodium constants, and the default is MODERATE', async () => {
    const sodium = await getSodium();
    expect(kdfPresets.interactive).toEqual({
      algorithm: 'argon2id13',
      opsLimit: sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE,
      memLimit: sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE,
    });
    expect(kdfPresets.moderate).toEqual({
      algorithm: 'argon2id13',
      opsLimit: sodium.crypto_pwhash_OPSLIMIT_MODERATE,
      memLimit: sodium.crypto_pwhash_MEMLIMIT_MODERATE,
    });
    expect(kdfPresets.sensitive).toEqual({
      algorithm: 'argon2id13',
      opsLimit: sodium.crypto_pwhash_OPSLIMIT_SENSITIVE,
      memLimit: sodium.crypto_pwhash_MEMLIMIT_SENSITIVE,
    });
    expect(DEFAULT_KDF_PARAMS).toEqual(kdfPresets.moderate);
  });

  it('accepts the presets and refuses parameters below INTERACTIVE or absurdly high', () => {
    const { interactive } = kdfPresets;
    expect(checkKdfParams(interactive)).toBeUndefined();
    expect(checkKdfParams(kdfPresets.moderate)).toBeUndefined();
    expect(checkKdfParams(kdfPresets.sensitive)).toBeUndefined();
    expect(checkKdfParams({ ...interactive, opsLimit: 1 })).toBe('below-minimum');
    expect(checkKdfParams({ ...interactive, memLimit: 8 * 1024 * 1024 })).toBe('below-minimum');
    expect(checkKdfParams({ ...interactive, opsLimit: 2 ** 31 })).toBe('above-maximum');
    expect(checkKdfParams({ ...interactive, memLimit: 4 * 1024 ** 3 })).toBe('above-maximum');
    expect(checkKdfParams({ ...interactive, opsLimit: 2.5 })).toBe('not-an-integer');
  });

  it('derives the same KEK for composed (NFC) and decomposed (NFD) forms, a different one for another salt', async () => {
    const sodium = await getSodium();
    const composed = 'Café密码 horse'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(normalisePassphrase(decomposed)).toBe(composed);

    const salt = sodium.randombytes_buf(16);
    const a = await deriveKek(composed, salt, kdfPresets.interactive);
    const b = await deriveKek(decomposed, salt, kdfPresets.interactive);
    expect(a).toHaveLength(32);
    expect(sodium.to_hex(b)).toBe(sodium.to_hex(a));

    const otherSalt = await deriveKek(composed, sodium.randombytes_buf(16), kdfPresets.interactive);
    expect(sodium.to_hex(otherSalt)).not.toBe(sodium.to_hex(a));
  });

  it('refuses to derive with weakened parameters or a wrong-size salt', async () => {
    const weak = { ...kdfPresets.interactive, opsLimit: 1 };
    await expect(deriveKek('long enough passphrase', new Uint8Array(16), weak)).rejects.toBeInstanceOf(AppError);
    await expect(deriveKek('long enough passphrase', new Uint8Array(8), kdfPresets.interactive)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
