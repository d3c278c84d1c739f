import { describe, expect, it } from 'vitest';
import { MIN_PASSPHRASE_LENGTH, passphraseScore } from '../../../src-renderer/features/vault/passphraseStrength.ts';
import { MIN_PASSPHRASE_LENGTH as BACKEND_MIN } from '../../../src-main/core/vault/vaultKeys.ts';

describe('passphraseScore', () => {
  it('uses the same minimum length as the backend', () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(BACKEND_MIN);
  });

  it('grows with length and variety, and never rates a short or repetitive one as usable', () => {
    expect(passphraseScore('')).toBe(0);
    expect(passphraseScore('Ab1!xyz')).toBe(0);
    expect(passphraseScore('aaaaaaaaaaaaaaaaaaaaaaaaa')).toBe(1);
    expect(passphraseScore('password')).toBe(1);
    expect(passphraseScore('Password1')).toBe(2);
    expect(passphraseScore('correct horse battery')).toBe(3);
    expect(passphraseScore('Correct horse battery staple 42')).toBe(4);
    expect(passphraseScore('合同保险库的密码')).toBe(2);
    expect(passphraseScore('我们的合同保险库密码很长')).toBe(3);
  });
});
