import { describe, expect, it } from 'vitest';
import { detectContractLanguage } from '../../../../src-shared/rules/metadata/contractLanguage.ts';
import type { ContractLanguage } from '../../../../src-shared/rules/metadata/contractLanguage.ts';
import { extractContractMetadata } from '../../../../src-shared/rules/metadata/contractMetadata.ts';

const cases: readonly [string, string[], ContractLanguage][] = [
  ['a Chinese contract', ['采购合同\n甲方：上海示例贸易有限公司\n乙方：北京某某科技有限公司\n合同总价为人民币壹拾贰万元整。'], 'zh'],
  ['a Chinese contract quoting English labels and codes', ['合同编号 Contract No.：HT-2025-001\n甲方：上海示例贸易有限公司\n乙方：北京某某科技有限公司\n本合同以人民币结算，币种代码为CNY，合同总价为人民币壹拾贰万元整，乙方应按照附件一所列规格交付全部货物。'], 'zh'],
  ['an English contract', ['This Services Agreement is entered into by and between Northwind LLC and Contoso Ltd.'], 'en'],
  ['an English contract naming a Chinese company', ['This Agreement is made between 上海示例贸易有限公司 ("Buyer") and Acme Widgets, Inc. ("Seller"). The Seller shall deliver the goods described in Schedule 1 to the Buyer at the port of Shanghai no later than the delivery date agreed in writing by both parties.'], 'en'],
  ['a bilingual contract, line by line', ['甲方：上海示例贸易有限公司\nParty A: Shanghai Example Trading Co., Ltd.\n本合同自双方签字盖章之日起生效。\nThis Contract takes effect upon signature and seal by both parties.'], 'mixed'],
  ['bilingual across pages', ['本合同自双方签字盖章之日起生效，一式两份，甲乙双方各执一份，具有同等法律效力。', 'This Contract takes effect upon signature and seal by both parties and is made in two copies.'], 'mixed'],
  ['full-width Latin letters still count as English', ['Ｔｈｉｓ Ａｇｒｅｅｍｅｎｔ ｉｓ ｍａｄｅ ｂｅｔｗｅｅｎ ｔｗｏ ｐａｒｔｉｅｓ'], 'en'],
  ['numbers only', ['2025-03-01 120,000.00'], 'en'],
  ['no text at all (a scan without OCR)', [''], 'en'],
  ['traditional Chinese', ['甲方：臺北示例貿易股份有限公司\n乙方：香港某某科技有限公司\n本合約總價為新臺幣壹拾貳萬元整。'], 'zh'],
];

describe('contract language', () => {
  it.each(cases)('%s', (_name, pages, expected) => {
    expect(detectContractLanguage(pages)).toBe(expected);
  });

  it('is reported with the metadata', () => {
    expect(extractContractMetadata(['甲方：上海示例贸易有限公司']).language).toBe('zh');
  });
});
