import { describe, expect, it } from 'vitest';
import { extractContractMetadata } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import { extractedValue } from './extractOne.ts';

const cases: readonly [string, string, string | undefined][] = [
  ['labelled Chinese', '采购合同\n合同编号：HT-2025-0012\n签订地点：上海', 'HT-2025-0012'],
  ['full-width digits and dashes', '合同编号：ＨＴ－２０２５－００１２', 'HT-2025-0012'],
  ['label spaced out by a PDF text layer', '合 同 编 号 : CG2025031501', 'CG2025031501'],
  ['bracketed year and 第…号', '协议编号：（2025）沪采字第012号', '(2025)沪采字第012号'],
  ['squeezed line, Chinese text right after', '合同编号：HT-2025-001签订日期：2025年3月1日', 'HT-2025-001'],
  ['English "Contract No.:"', 'SERVICES AGREEMENT\nContract No.: SA/2025/017', 'SA/2025/017'],
  ['English "Agreement Number", sentence full stop dropped', 'This is Agreement Number MSA-2024-88.', 'MSA-2024-88'],
  ['upper case "CONTRACT NO."', 'CONTRACT NO. C-7781-B', 'C-7781-B'],
  ['bare "编号:" heading a document', '编号：NDA-24-88\n保密协议', 'NDA-24-88'],
  ['a phone number before the number', 'Tel: +86 21 5555 0101    Contract No.: 2025-SH-0042', '2025-SH-0042'],
  ['the own number wins over the quoted original', '补充协议编号：BC-2025-03\n本补充协议系对双方签订的原合同（合同编号：HT-2024-001）的补充。', 'BC-2025-03'],
  ['negative: phone and fax numbers only', '电话：021-12345678\n传真：021-12345679\nTel: +1 (206) 555-0187', undefined],
  ['negative: clause number and a number "see annex"', '第三条 合同编号见附件一。', undefined],
  ['negative: an amendment quoting its original', '本补充协议系对原合同（合同编号：HT-2024-001）的补充。', undefined],
  ['negative: English amendment quoting the master agreement', 'This Amendment amends the Master Agreement No. MA-2020-5.', undefined],
  ['negative: an ID-card number labelled 编号 mid-line', '乙方身份证编号：310101199001011234', undefined],
  ['negative: a placeholder', 'Contract No.: [●]', undefined],
  ['negative: "no" in prose', 'The contract no longer applies after 2025.', undefined],
];

describe('contract number', () => {
  it.each(cases)('%s', (_name, text, expected) => {
    expect(extractedValue('number', text)).toBe(expected);
  });

  it('quotes the source text as written and points at it', () => {
    const text = '采购合同\n合同编号：ＨＴ－２０２５－００１２\n';
    const field = extractContractMetadata([text]).number;
    expect(field?.snippet).toBe('合同编号：ＨＴ－２０２５－００１２');
    expect(text.slice(field?.start, field?.end)).toBe('合同编号：ＨＴ－２０２５－００１２');
    expect(field?.page).toBe(1);
  });

  it('a bare 编号 label is less certain than 合同编号', () => {
    const bare = extractContractMetadata(['编号：NDA-24-88']).number;
    const labelled = extractContractMetadata(['合同编号：NDA-24-88']).number;
    expect(bare?.confidence).toBeLessThan(labelled?.confidence ?? 0);
  });
});
