import { describe, expect, it } from 'vitest';
import type { Money } from '../../../../src-shared/model/contract.ts';
import { extractContractMetadata } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import { extractedValue } from './extractOne.ts';

const cny = (minor: number): Money => ({ minor, currency: 'CNY' });

const cases: readonly [string, string, Money | undefined][] = [
  ['大写 and 小写 together', '合同总价为人民币壹拾贰万元整（¥120,000.00）。', cny(12000000)],
  ['¥ with thousands separators and 元', '合同总金额：¥1,200,000.00元', cny(120000000)],
  ['万元', '合同金额：120万元', cny(120000000)],
  ['fractional 万元', '合同总价：12.5万元（含税）', cny(12500000)],
  ['RMB prefix', '含税总价：RMB 1,200,000', cny(120000000)],
  ['大写 with 角 and 分', '合同价款：人民币壹佰贰拾万零叁佰肆拾伍元陆角柒分（¥1,200,345.67）', cny(120034567)],
  ['full-width figure', '合同总价：人民币１２０，０００．００元', cny(12000000)],
  ['unit in the label', '合同总价（元）：120,000.00', cny(12000000)],
  ['USD code', 'Total Contract Price: USD 50,000', { minor: 5000000, currency: 'USD' }],
  ['US$', 'The total amount payable is US$50,000.00.', { minor: 5000000, currency: 'USD' }],
  ['€ with European separators', 'Total Price: €12.000,00', { minor: 1200000, currency: 'EUR' }],
  ['EUR with European separators, millions', 'The total price for the Products is EUR 1.250.000,00.', { minor: 125000000, currency: 'EUR' }],
  ['bare $ with a space', 'The Contract Price shall be $ 3,500.50.', { minor: 350050, currency: 'USD' }],
  ['"US Dollars" after the figure', 'The total price is 1,200,000 US Dollars.', { minor: 120000000, currency: 'USD' }],
  ['¥ in a yen contract', 'Total Amount: ¥1,200,000 (JPY)', { minor: 1200000, currency: 'JPY' }],
  ['total rather than penalty', '合同总价为¥100,000元。如乙方违约，应支付违约金¥20,000元。', cny(10000000)],
  ['tax-inclusive total rather than the net amount', '合同总价（含税）：¥113,000.00；不含税金额：¥100,000.00', cny(11300000)],
  ['the only amount, unlabelled', '乙方向甲方支付人民币50,000元。', cny(5000000)],
  ['French space groups are one figure', 'Le prix total est de 21 500,00 euros.', { minor: 2150000, currency: 'EUR' }],
  ['negative: several different prices and no total', 'The hardcover has a list price of $18.98; the paperback a price of $9.99.', undefined],
  ['negative: a price among many sums in a non-contract text', 'It cost $25,000 then; today $595. They claimed $150,000 and settled for $12,000. The DVD has a list price of $18.98.', undefined],
  ['negative: a template with blanks', '工程总价款：¥_______元，大写（人民币）：________________。', undefined],
  ['negative: penalty only', '违约金为人民币5,000元。', undefined],
  ['negative: an advance derived from a percentage', '甲方应支付合同总价的30%，即人民币36,000元作为预付款。', undefined],
  ['negative: monthly rent', '月租金：¥5,000/月', undefined],
  ['negative: liquidated damages per day', 'Liquidated damages: USD 500 per day of delay.', undefined],
  ['negative: a liability cap', "Supplier's total liability shall not exceed USD 1,000,000.", undefined],
  ['negative: 大写 and 小写 disagree', '合同总价：人民币壹拾贰万元整（¥130,000.00）', undefined],
  ['negative: two different unlabelled amounts', '甲方支付人民币50,000元后，乙方交付价值人民币3,000元的样品。', undefined],
  ['negative: phone numbers and a clause number', '第三条 联系方式\n电话：021-12345678  传真：021-12345679', undefined],
  ['negative: a percentage', '合同总价的5%作为质保金。', undefined],
];

describe('contract amount', () => {
  it.each(cases)('%s', (_name, text, expected) => {
    expect(extractedValue('amount', text)).toEqual(expected);
  });

  it('agreeing 大写 and 小写 raise confidence and the evidence covers both and the label', () => {
    const text = '第二条 合同总价为人民币壹拾贰万元整（¥120,000.00），含税。';
    const both = extractContractMetadata([text]).amount;
    const figureOnly = extractContractMetadata(['第二条 合同总价为¥120,000.00，含税。']).amount;
    expect(both?.confidence).toBeGreaterThan(figureOnly?.confidence ?? 1);
    expect(text.slice(both?.start, both?.end)).toBe('合同总价为人民币壹拾贰万元整（¥120,000.00');
  });

  it('a labelled total beats an unlabelled amount, and a bare $ is less certain than USD', () => {
    expect(extractedValue('amount', '甲方先行支付人民币8,000元。合同总金额为人民币80,000元。')).toEqual(cny(8000000));
    const bare = extractContractMetadata(['Total Price: $5,000']).amount;
    const coded = extractContractMetadata(['Total Price: USD 5,000']).amount;
    expect(bare?.confidence).toBeLessThan(coded?.confidence ?? 0);
  });
});
