import { describe, expect, it } from 'vitest';
import { signatureSimilarity, textSignature } from '../../../../src-shared/rules/similarity/textSignature.ts';
import { generateContracts } from '../../../fixtures/contractTexts/generateContracts.ts';

describe('near-duplicate text signatures', () => {
  const [zh, en, other] = generateContracts(3, 7);
  it('sees the same text with other line breaks and spacing as identical', () => {
    const a = textSignature(en!.pages)!;
    const b = textSignature(en!.pages.map((p) => p.replace(/\n/g, ' \n  ')))!;
    expect(signatureSimilarity(a, b)).toBe(1);
  });

  it('sees a lightly edited contract as near-identical and a different contract as different', () => {
    const base = textSignature(zh!.pages)!;
    const edited = textSignature(zh!.pages.map((p, i) => (i === 0 ? p.replace(/\d/g, (d) => String((Number(d) + 1) % 10)).slice(0, p.length - 20) : p)))!;
    const unrelated = textSignature(other!.pages)!;
    expect(signatureSimilarity(base, edited)).toBeGreaterThan(0.5);
    expect(signatureSimilarity(base, unrelated)).toBeLessThan(0.3);
    expect(signatureSimilarity(textSignature(en!.pages)!, unrelated)).toBeLessThan(0.5);
  });

  it('has no signature for a document with almost no text', () => {
    expect(textSignature(['  ', 'abc'])).toBeNull();
  });

  it('is deterministic (it is stored in the vault and compared across versions of the app)', () => {
    // Pinned values: changing the hash family would make every stored signature incomparable.
    const a = textSignature(['Master services agreement between Acme and Fxiaoke, term thirty six months.']);
    expect(Array.from(a!).slice(0, 4)).toEqual([272644708, 57742565, 48519299, 80323113]);
  });

  it('keeps every slot of a Chinese and English text as stored by earlier versions', () => {
    // Computed with the original `%`-based slot hash; the faster remainder must give exactly the same values.
    const signature = textSignature(['甲方：北京纷享科技有限公司 乙方：上海某某贸易有限公司 合同期限为三年，自2024年1月1日起。 Payment within 30 days.'])!;
    expect(Array.from(signature).slice(60)).toEqual([26825641, 46864702, 43280021, 38988905]);
    expect(Array.from(signature).reduce((sum, v) => (sum * 31 + v) % 1000000007, 0)).toBe(62466772);
  });
});
