import { describe, expect, it } from 'vitest';
import { extractContractMetadata } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import { findDates } from '../../../../src-shared/rules/metadata/dateMentions.ts';

interface DatesCase {
  signingDate?: string;
  startDate?: string;
  endDate?: string;
}

function datesOf(text: string, today?: string): DatesCase {
  const m = extractContractMetadata([text], today === undefined ? {} : { today });
  const out: DatesCase = {};
  if (m.signingDate) out.signingDate = m.signingDate.value;
  if (m.startDate) out.startDate = m.startDate.value;
  if (m.endDate) out.endDate = m.endDate.value;
  return out;
}

const cases: readonly [string, string, DatesCase][] = [
  // Signing dates.
  ['签订日期 with 年月日', '签订日期：2025年3月1日', { signingDate: '2025-03-01' }],
  ['签署日期 in Chinese numerals', '签署日期：二〇二五年三月一日', { signingDate: '2025-03-01' }],
  ['签约日期 with slashes', '签约日期：2025/3/1', { signingDate: '2025-03-01' }],
  ['"本合同于…在…签订"', '本合同于2025.03.01在上海市浦东新区签订。', { signingDate: '2025-03-01' }],
  ['full-width digits', '签订日期：２０２５年３月１日', { signingDate: '2025-03-01' }],
  ['"is dated 1 March 2025"', 'This Agreement is dated 1 March 2025.', { signingDate: '2025-03-01' }],
  ['"made this 1st day of March, 2025"', 'THIS AGREEMENT is made this 1st day of March, 2025, by and between Acme Inc. and Globex Ltd.', { signingDate: '2025-03-01' }],
  ['"Signing Date:" with a day-first date that is unambiguous', 'Signing Date: 15/04/2025', { signingDate: '2025-04-15' }],
  ['signature block: the later of two dates', '甲方（盖章）：上海示例贸易有限公司\n日期：2025年2月24日\n乙方（盖章）：北京某某科技有限公司\n日期：2025年2月26日', { signingDate: '2025-02-26' }],
  ['English signature block', 'By: __________\nName: John Smith\nTitle: CEO\nDate: March 3, 2025', { signingDate: '2025-03-03' }],
  ['"as of … (the Effective Date)" is both signing and start', 'This Agreement is made and entered into as of March 1, 2025 (the "Effective Date") by and between A and B.', { signingDate: '2025-03-01', startDate: '2025-03-01' }],
  // Start and end dates.
  ['生效日期 / 终止日期 labels', '生效日期：2025-03-01\n终止日期：2026-02-28', { startDate: '2025-03-01', endDate: '2026-02-28' }],
  ['有效期自…至…', '本合同有效期自2025年3月1日至2026年2月28日。', { startDate: '2025-03-01', endDate: '2026-02-28' }],
  ['合同期限：…起至…止', '合同期限：2025年3月1日起至2026年2月28日止', { startDate: '2025-03-01', endDate: '2026-02-28' }],
  ['自…起生效', '本合同自2025年3月1日起生效。', { startDate: '2025-03-01' }],
  ['有效期至', '本合同有效期至2026年12月31日。', { endDate: '2026-12-31' }],
  ['a range joined by an em dash', '有效期限：1年（2026年1月28日—2027.01.27）', { startDate: '2026-01-28', endDate: '2027-01-27' }],
  ['"effective as of"', 'This Agreement is effective as of March 1, 2025.', { startDate: '2025-03-01' }],
  ['"commence on … expire on …"', 'This Agreement shall commence on 1 March 2025 and expire on 28 February 2026.', { startDate: '2025-03-01', endDate: '2026-02-28' }],
  ['"remain in effect until"', 'This Agreement shall remain in effect until December 31, 2026.', { endDate: '2026-12-31' }],
  ['"from … to …" about the Agreement', 'This Agreement is effective from Mar. 1, 2025 to Feb. 28, 2026.', { startDate: '2025-03-01', endDate: '2026-02-28' }],
  ['"commencing …, and ending …" without "on"', 'The Services are to be provided for a period of twelve months, commencing July 1, 2021, and ending June 30, 2022.', { startDate: '2021-07-01', endDate: '2022-06-30' }],
  // Negatives.
  ['negative: a template with blank dates', '工程开工日期：______年______月______日\n本合同有效期限：从双方签章之日起到________年________月________日止。', {}],
  ['negative: letterhead date above the title', '2025年1月5日\n采购合同\n甲方：上海示例贸易有限公司', {}],
  ['negative: English letterhead "Date:"', 'Date: January 5, 2025\nSERVICES AGREEMENT\nThis Agreement sets out the services.', {}],
  ['negative: a form with a name and dates but no signature', 'Name: ALVAREZ, MARIA Date of Birth: 11/17/1963 Date: 8/13/2020', {}],
  ['negative: a print date', 'Printed on 2025-01-05 by the archive system.', {}],
  ['negative: a delivery window', 'The Supplier shall deliver the goods from March 1, 2025 to March 10, 2025.', {}],
  ['negative: 交货期 range', '交货期：自2025年3月10日至2025年3月20日', {}],
  ['negative: probation period range', '试用期自2025年3月1日起至2025年5月31日止。', {}],
  ['negative: the original contract\'s signing date in an amendment', '本补充协议对原合同（签订日期：2024年1月1日）进行修改。', {}],
  ['negative: ambiguous month/day order', 'Signing Date: 03/04/2025', {}],
  ['negative: a date that does not exist', '签订日期：2025年2月30日', {}],
  ['negative: a contract number that contains a date', '合同编号：HT-2025-03-01', {}],
  ['negative: an end date before the start date is dropped', '生效日期：2026-03-01\n终止日期：2025-02-28', { startDate: '2026-03-01' }],
];

describe('contract dates', () => {
  it.each(cases)('%s', (_name, text, expected) => {
    expect(datesOf(text)).toEqual(expected);
  });

  it('a signing date after today is less believable; a signature-block one is then dropped', () => {
    const labelled = extractContractMetadata(['签订日期：2026-03-01'], { today: '2025-01-01' }).signingDate;
    expect(labelled?.value).toBe('2026-03-01');
    expect(labelled?.confidence).toBeLessThan(0.7);
    expect(datesOf('授权代表（签字）：\n日期：2026-03-01', '2025-01-01')).toEqual({});
    expect(datesOf('授权代表（签字）：\n日期：2026-03-01')).toEqual({ signingDate: '2026-03-01' });
  });

  it('finds every written form of a date, with offsets', () => {
    const text = '2025年3月1日 二〇二五年三月一日 2025-03-01 2025/3/1 2025.03.01 March 1, 2025 1 March 2025 1st day of March, 2025 Mar. 1st 2025';
    const found = findDates(text);
    expect(found.map((d) => d.iso)).toEqual(Array(9).fill('2025-03-01'));
    expect(found.map((d) => text.slice(d.start, d.end))).toEqual([
      '2025年3月1日', '二〇二五年三月一日', '2025-03-01', '2025/3/1', '2025.03.01', 'March 1, 2025', '1 March 2025', '1st day of March, 2025', 'Mar. 1st 2025',
    ]);
  });

  it('reads nothing that is not a real date', () => {
    expect(findDates('2025年13月1日 1899-01-01 021-1234-5678 V1.2.3 12/13/14/2025')).toEqual([]);
  });
});
