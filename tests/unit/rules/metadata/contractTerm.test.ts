import { describe, expect, it } from 'vitest';
import { extractContractMetadata } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import { endDateFromTerm } from '../../../../src-shared/rules/metadata/contractTerm.ts';
import { extractedValue } from './extractOne.ts';

const cases: readonly [string, string, number | undefined][] = [
  ['期限为三年', '本合同期限为三年。', 36],
  ['有效期：1年', '合同有效期：1年', 12],
  ['三十六个月', '租赁期限为三十六个月。', 36],
  ['两年', '服务期限为两年，自双方签字之日起计算。', 24],
  ['为期 and 有效期限', '本合同有效期限为期18个月。', 18],
  ['三（3）年 with full-width brackets', '劳动合同期限为三（3）年。', 36],
  ['"for a term of 36 months"', 'This Agreement shall continue for a term of 36 months.', 36],
  ['"two (2) years"', 'The term of this Agreement shall be two (2) years.', 24],
  ['"an initial three-year term"', 'This Agreement has an initial three-year term.', 36],
  ['"Term: 24 months"', 'Term: 24 months', 24],
  ['"has a term of one (1) year"', 'This Agreement has a term of one (1) year.', 12],
  ['negative: probation', '试用期为三个月。', undefined],
  ['negative: 质保期', '质保期为12个月，自验收合格之日起计算。', undefined],
  ['negative: confidentiality period in Chinese', '保密期限为五年。', undefined],
  ['negative: surviving confidentiality', 'The confidentiality obligations shall survive for a period of five (5) years.', undefined],
  ['negative: warranty', 'Supplier warrants the goods for a period of 12 months.', undefined],
  ['negative: renewal terms are not the initial term', 'This Agreement shall automatically renew for successive terms of one (1) year.', undefined],
  ['negative: dates are not a duration', '合同期限：2025年3月1日至2026年2月28日', undefined],
  ['negative: the words and the digits disagree', 'The term of this Agreement is two (3) years.', undefined],
  ['negative: a clause number', '第三条 合同期限', undefined],
];

describe('contract term', () => {
  it.each(cases)('%s', (_name, text, months) => {
    expect(extractedValue('term', text)).toEqual(months === undefined ? undefined : { months });
  });

  it('derives the end date from start + term, less surely than either', () => {
    const m = extractContractMetadata(['本合同自2025年3月1日起生效，有效期为一年。']);
    expect(m.startDate?.value).toBe('2025-03-01');
    expect(m.term?.value).toEqual({ months: 12 });
    expect(m.endDate?.value).toBe('2026-02-28');
    expect(m.endDate?.confidence).toBeLessThan(Math.min(m.startDate?.confidence ?? 0, m.term?.confidence ?? 0));
    expect(m.endDate?.snippet).toContain('有效期为一年');
  });

  it('keeps a stated end date over a derived one', () => {
    const m = extractContractMetadata(['本合同有效期为一年，自2025年3月1日起至2026年3月15日止。']);
    expect(m.endDate?.value).toBe('2026-03-15');
  });

  it('counts a term inclusively, ending on the last day of a month without the start day', () => {
    expect(endDateFromTerm('2025-03-01', 12)).toBe('2026-02-28');
    expect(endDateFromTerm('2024-03-01', 12)).toBe('2025-02-28');
    expect(endDateFromTerm('2025-01-15', 36)).toBe('2028-01-14');
    expect(endDateFromTerm('2024-01-31', 1)).toBe('2024-02-29');
    expect(endDateFromTerm('2024-02-29', 12)).toBe('2025-02-28');
    expect(endDateFromTerm('2025-02-30', 12)).toBeNull();
  });
});
