import { describe, expect, it } from 'vitest';
import { extractContractMetadata } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import { snippetAround } from '../../../../src-shared/rules/metadata/extractedField.ts';
import { normalizeForMatching } from '../../../../src-shared/rules/metadata/matchablePage.ts';

describe('evidence for the UI', () => {
  it('normalises full-width forms without changing offsets', () => {
    const original = '合同编号：ＨＴ－２０２５（１）　金额：￥１２０，０００．００\r\n“甲方”';
    const normalised = normalizeForMatching(original);
    expect(normalised).toBe('合同编号:HT-2025(1) 金额:¥120,000.00 \n"甲方"');
    expect(normalised.length).toBe(original.length);
  });

  it('reports page, offsets and snippet from the original text of the right page', () => {
    const pages = ['第一页：无关内容', '前文\n合同总金额：￥１２０，０００．００元\n后文'];
    const amount = extractContractMetadata(pages).amount;
    expect(amount?.page).toBe(2);
    expect(pages[1]?.slice(amount?.start, amount?.end)).toBe('合同总金额：￥１２０，０００．００元');
    expect(amount?.snippet).toBe('合同总金额：￥１２０，０００．００元');
  });

  it('keeps a snippet near 120 characters and within the lines of the match', () => {
    const line = `${'前'.repeat(200)}合同编号：HT-2025-0012${'后'.repeat(200)}`;
    const text = `上一行\n${line}\n下一行`;
    const start = text.indexOf('合同编号');
    const snippet = snippetAround(text, start, start + '合同编号：HT-2025-0012'.length);
    expect(snippet.length).toBeLessThanOrEqual(120);
    expect(snippet).toContain('合同编号：HT-2025-0012');
    expect(snippet).not.toContain('上一行');
    expect(snippetAround('短\n合同编号：X1\n短', 2, 9)).toBe('合同编号：X1');
  });

  it('drops every field below confidence 0.5 and keeps the rest at or above it', () => {
    const m = extractContractMetadata(['Date: 2025-03-01\nThe fee is USD 5,000 and a deposit of USD 1,000 applies.']);
    for (const field of ['number', 'parties', 'signingDate', 'startDate', 'endDate', 'term', 'amount', 'renewal', 'noticePeriod'] as const) {
      const value = m[field];
      if (value !== undefined) expect(value.confidence).toBeGreaterThanOrEqual(0.5);
    }
    expect(m.signingDate).toBeUndefined();
  });
});
