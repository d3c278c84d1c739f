import { describe, expect, it } from 'vitest';
import { extractContractMetadata } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import type { RenewalTerms } from '../../../../src-shared/rules/metadata/renewalAndNotice.ts';
import { extractedValue } from './extractOne.ts';

const renewalCases: readonly [string, string, RenewalTerms | undefined][] = [
  ['自动续期一年', '本合同期满后自动续期一年。', { automatic: true, periodMonths: 12 }],
  ['自动延续12个月', '合同期满，双方均未提出书面异议的，本合同自动延续12个月。', { automatic: true, periodMonths: 12 }],
  ['期满后自动续约一年, with a notice condition after it', '期满后自动续约一年，除非一方提前三十日书面通知对方。', { automatic: true, periodMonths: 12 }],
  ['自动顺延 for the same period as the term', '合同期限为两年。合同期满后自动顺延，顺延期限同原合同期限。', { automatic: true, periodMonths: 24 }],
  ['不自动续期', '本合同期满后不自动续期。', { automatic: false }],
  ['renewal only by a new contract', '合同期满后如需续签，双方应另行签订书面合同。', { automatic: false }],
  ['ends by itself', '本合同期满后自动终止。', { automatic: false }],
  ['"automatically renew for successive one-year terms"', 'This Agreement shall automatically renew for successive one-year terms.', { automatic: true, periodMonths: 12 }],
  ['"renewed automatically for additional periods of twelve (12) months"', 'This Agreement will be renewed automatically for additional periods of twelve (12) months.', { automatic: true, periodMonths: 12 }],
  ['"auto-renews annually"', 'This subscription auto-renews annually.', { automatic: true, periodMonths: 12 }],
  ['"renew" without a stated period', 'This Agreement shall renew automatically unless terminated.', { automatic: true }],
  ['"shall not automatically renew"', 'This Agreement shall not automatically renew.', { automatic: false }],
  ['"by mutual written agreement"', 'This Agreement may be renewed by mutual written agreement of the parties.', { automatic: false }],
  ['negative: renewing something else', 'The Licensee may renew its subscription online at any time.', undefined],
  ['negative: no renewal clause', '本合同一式两份，甲乙双方各执一份。', undefined],
];

const noticeCases: readonly [string, string, number | undefined][] = [
  ['提前三十（30）日书面通知', '任何一方可提前三十（30）日书面通知对方解除本合同。', 30],
  ['提前30天以书面形式通知', '任何一方提前30天以书面形式通知对方，可以终止本合同。', 30],
  ['期满前60日书面通知 (non-renewal)', '如一方不再续约，应于合同期满前60日书面通知对方。', 60],
  ['劳动者提前三十日', '劳动者提前三十日以书面形式通知用人单位，可以解除劳动合同。', 30],
  ['提前两周', '任何一方提前两周通知对方即可解除本合同。', 14],
  ['"thirty (30) days\' prior written notice"', "Either party may terminate this Agreement upon thirty (30) days' prior written notice.", 30],
  ['"at least 60 days written notice"', 'Either party may terminate this Agreement by giving at least 60 days written notice.', 60],
  ['"notice of non-renewal at least ninety (90) days prior"', 'unless either party gives written notice of non-renewal at least ninety (90) days prior to the end of the term.', 90],
  ['"three (3) months\' written notice"', "This Agreement may be terminated by either party on three (3) months' written notice.", 90],
  [
    'the non-renewal notice wins over the termination notice',
    "This Agreement renews automatically unless either party gives notice at least sixty (60) days before expiry. Either party may terminate it upon thirty (30) days' written notice.",
    60,
  ],
  ['notice written after its deadline', 'The term renews for one year periods unless, six (6) months prior to the expiration of the then current term, either party gives notice of non-renewal.', 180],
  ['negative: a delivery notice', '乙方应提前3日通知甲方交货时间。', undefined],
  ['negative: a cure period', 'If the other party fails to cure such breach within thirty (30) days after receipt of written notice, the Agreement may be terminated.', undefined],
  ['negative: working days have no fixed length', "Either party may terminate this Agreement upon ten (10) business days' notice.", undefined],
  ['negative: notice of each delivery', "The Supplier shall give the Customer 5 days' notice of each delivery.", undefined],
  ['negative: deadline to ask for a renewal', '租赁期满，乙方需继续承租的，应于期满前两个月书面提出，经甲方同意后重新签订租赁合同。', undefined],
];

describe('renewal', () => {
  it.each(renewalCases)('%s', (_name, text, expected) => {
    expect(extractedValue('renewal', text)).toEqual(expected);
  });

  it('"不自动续期" is not read as automatic renewal', () => {
    const m = extractContractMetadata(['本合同期满后不自动续期，亦不自动延续。']);
    expect(m.renewal?.value).toEqual({ automatic: false });
    expect(m.renewal?.snippet).toContain('不自动续期');
  });
});

describe('notice period', () => {
  it.each(noticeCases)('%s', (_name, text, days) => {
    expect(extractedValue('noticePeriod', text)).toEqual(days === undefined ? undefined : { days });
  });

  it('a notice given in months is less certain than one in days', () => {
    const months = extractContractMetadata(["Either party may terminate this Agreement on three (3) months' written notice."]).noticePeriod;
    const days = extractContractMetadata(["Either party may terminate this Agreement on ninety (90) days' written notice."]).noticePeriod;
    expect(months?.value).toEqual(days?.value);
    expect(months?.confidence).toBeLessThan(days?.confidence ?? 0);
  });
});
