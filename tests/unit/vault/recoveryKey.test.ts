import { describe, expect, it } from 'vitest';
import { getSodium } from '../../../src-main/core/crypto/sodium.ts';
import {
  deriveRecoveryKek,
  formatRecoveryKey,
  generateRecoveryKey,
  parseRecoveryKey,
} from '../../../src-main/core/vault/recoveryKey.ts';

const SHAPE = /^([0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}$/;
// Fixed bytes, so the "one character changed" cases are deterministic.
const FIXED = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);

describe('recoveryKey', () => {
  it('formats 32 bytes as 11 groups of 5 Crockford base32 characters and parses them back', async () => {
    const bytes = await generateRecoveryKey();
    expect(bytes).toHaveLength(32);
    const text = await formatRecoveryKey(bytes);
    expect(text).toMatch(SHAPE);
    expect(await parseRecoveryKey(text)).toEqual(bytes);
  });

  it('is a fixed encoding: known answers (cross-checked with an independent Python implementation)', async () => {
    // Printed keys must stay readable forever: a change here breaks every recovery sheet ever printed.
    expect(await formatRecoveryKey(new Uint8Array(32))).toBe('00000-00000-00000-00000-00000-00000-00000-00000-00000-00000-08KTR');
    expect(await formatRecoveryKey(FIXED)).toBe('1CR5A-YMZRK-MGWCT-RFPHC-FV0H6-SDR19-EAXWA-3JQM3-N36Z4-5SWC6-3DNER');
    expect(await parseRecoveryKey('1CR5A-YMZRK-MGWCT-RFPHC-FV0H6-SDR19-EAXWA-3JQM3-N36Z4-5SWC6-3DNER')).toEqual(FIXED);
  });

  it('accepts lower case, spaces instead of dashes, no separators, full-width input and odd dashes', async () => {
    const text = await formatRecoveryKey(FIXED);
    const variants = [
      text.toLowerCase(),
      text.toLowerCase().replace(/-/g, ' '),
      `  ${text.replace(/-/g, '')}  `,
      text.replace(/-/g, '\u2010'), // Unicode hyphen, as pasted from a PDF
      // Full-width letters and digits with ideographic spaces, as typed through a CJK input method.
      [...text].map((c) => (c === '-' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join(''),
    ];
    for (const variant of variants) expect(await parseRecoveryKey(variant)).toEqual(FIXED);
  });

  it("accepts Crockford's O for 0 and I / L for 1", async () => {
    let bytes = await generateRecoveryKey();
    let text = await formatRecoveryKey(bytes);
    while (!(text.includes('0') && text.includes('1'))) {
      bytes = await generateRecoveryKey();
      text = await formatRecoveryKey(bytes);
    }
    const typed = text.replace(/0/g, 'o').replace(/1/, 'I').replace(/1/g, 'l');
    expect(typed).not.toBe(text);
    expect(await parseRecoveryKey(typed)).toEqual(bytes);
  });

  it('refuses a changed character (checksum), a character outside the alphabet, and a wrong length', async () => {
    const text = await formatRecoveryKey(FIXED);
    const swapped = (text[0] === '7' ? '8' : '7') + text.slice(1);
    await expect(parseRecoveryKey(swapped)).rejects.toMatchObject({ code: 'RECOVERY_KEY_MALFORMED', params: { reason: 'checksum' } });
    // The last character carries 2 data bits and 3 zero padding bits; a typo there is caught too.
    const last = text.at(-1) === 'Z' ? 'Y' : 'Z';
    await expect(parseRecoveryKey(text.slice(0, -1) + last)).rejects.toMatchObject({ code: 'RECOVERY_KEY_MALFORMED' });
    await expect(parseRecoveryKey('U' + text.slice(1))).rejects.toMatchObject({ params: { reason: 'character' } });
    await expect(parseRecoveryKey(text.replace(/.$/, '!'))).rejects.toMatchObject({ params: { reason: 'character' } });
    await expect(parseRecoveryKey(text.slice(6))).rejects.toMatchObject({ params: { reason: 'length' } });
    await expect(parseRecoveryKey('')).rejects.toMatchObject({ code: 'RECOVERY_KEY_MALFORMED' });
  });

  it('never echoes the typed key in the error', async () => {
    const text = await formatRecoveryKey(FIXED);
    const typo = (text[0] === '7' ? '8' : '7') + text.slice(1);
    const error: unknown = await parseRecoveryKey(typo).catch((e: unknown) => e);
    expect(String((error as Error).message)).not.toContain(typo.slice(0, 11));
  });

  it('derives the recovery KEK deterministically, dependent on key and salt', async () => {
    const sodium = await getSodium();
    const salt = sodium.randombytes_buf(16);
    const a = await deriveRecoveryKek(FIXED, salt);
    expect(a).toHaveLength(32);
    expect(await deriveRecoveryKek(FIXED, salt)).toEqual(a);
    expect(await deriveRecoveryKek(FIXED, sodium.randombytes_buf(16))).not.toEqual(a);
    expect(await deriveRecoveryKek(await generateRecoveryKey(), salt)).not.toEqual(a);
  });
});
