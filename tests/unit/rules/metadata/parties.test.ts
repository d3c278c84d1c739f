import { describe, expect, it } from 'vitest';
import { extractContractMetadata } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import type { ContractParties } from '../../../../src-shared/rules/metadata/parties.ts';
import { extractedValue } from './extractOne.ts';

const cases: readonly [string, string, ContractParties | undefined][] = [
  ['甲方/乙方', '甲方：上海示例贸易有限公司\n乙方：北京某某科技有限公司', { partyA: '上海示例贸易有限公司', partyB: '北京某某科技有限公司' }],
  ['甲方 with a role in brackets', '甲方（买方）：上海示例贸易有限公司\n地址：上海市\n乙方（卖方）：北京某某科技有限公司', { partyA: '上海示例贸易有限公司', partyB: '北京某某科技有限公司' }],
  ['role first, 以下简称 in brackets', '买方（以下简称“甲方”）：上海示例贸易有限公司\n卖方（以下简称“乙方”）：北京某某科技有限公司', { partyA: '上海示例贸易有限公司', partyB: '北京某某科技有限公司' }],
  ['role labels only: document order', '出租方：杭州云帆置业有限公司\n承租方：李晓雯\n身份证号码：330106199012120021', { partyA: '杭州云帆置业有限公司', partyB: '李晓雯' }],
  [
    'name stops at an address and keeps its full-width brackets',
    '甲方：上海示例贸易有限公司，地址：上海市浦东新区世纪大道1号\n乙方：示例科技（上海）有限公司（以下简称“乙方”）',
    { partyA: '上海示例贸易有限公司', partyB: '示例科技（上海）有限公司' },
  ],
  ['two labels on one line (signature block)', '甲方（盖章）：上海示例贸易有限公司    乙方（盖章）：北京某某科技有限公司', { partyA: '上海示例贸易有限公司', partyB: '北京某某科技有限公司' }],
  ['bilingual labels, an English name with "Co., Ltd."', '甲方(Party A)：上海示例贸易有限公司\n乙方(Party B)：Globex Trading Co., Ltd.', { partyA: '上海示例贸易有限公司', partyB: 'Globex Trading Co., Ltd.' }],
  [
    '"by and between" with descriptions and defined terms',
    'This Agreement is made by and between Acme Widgets, Inc., a Delaware corporation ("Seller"), and Globex Trading Co., Ltd., a company organized under the laws of the PRC ("Buyer").',
    { partyA: 'Acme Widgets, Inc.', partyB: 'Globex Trading Co., Ltd.' },
  ],
  ['plain "between A and B."', 'This Agreement is entered into between Northwind LLC and Contoso Ltd.', { partyA: 'Northwind LLC', partyB: 'Contoso Ltd.' }],
  ['Party A / Party B lines', 'Party A: Shanghai Example Trading Co., Ltd.\nAddress: 1 Century Avenue\nParty B: Beijing Sample Tech Co., Ltd.', { partyA: 'Shanghai Example Trading Co., Ltd.', partyB: 'Beijing Sample Tech Co., Ltd.' }],
  [
    'UK style PARTIES heading',
    'This agreement is dated 3 February 2025\nPARTIES\n(1) ALPINE SKI GMBH incorporated and registered in Germany (Supplier).\n(2) WOODGROVE SPORTS LIMITED incorporated and registered in England (Customer).',
    { partyA: 'ALPINE SKI GMBH', partyB: 'WOODGROVE SPORTS LIMITED' },
  ],
  ['designation after the name: the buyer is 乙方 although listed first', '买方：张晓明（以下简称乙方）\n卖方：王建华（以下简称甲方）', { partyA: '王建华', partyB: '张晓明' }],
  ['negative: a template with blanks', '定作方：_______________（简称甲方）\n承揽方：_______________（简称乙方）', undefined],
  ['bilingual labels with a slash', '甲方/Party A：上海示例贸易有限公司\n乙方/Party B：Acme Widgets, Inc.', { partyA: '上海示例贸易有限公司', partyB: 'Acme Widgets, Inc.' }],
  ['negative: signature captions without names', '甲方代表：张三\n甲方（盖章）：\n乙方（盖章）：\n乙方地址：北京市', undefined],
  ['negative: "between" in a dispute clause', 'Any dispute between the Parties and their affiliates shall be settled by arbitration in Shanghai.', undefined],
  ['negative: "between Party A and Party B"', 'This Agreement is made between Party A and Party B as follows:', undefined],
  ['negative: blank signature lines', 'Seller: ____________________\nBuyer: ____________________', undefined],
  ['negative: a date range with "between"', 'This Agreement was negotiated between 1 March and 5 March.', undefined],
];

describe('parties', () => {
  it.each(cases)('%s', (_name, text, expected) => {
    const value = extractedValue('parties', text);
    expect(value === undefined ? undefined : { partyA: value.partyA, partyB: value.partyB }).toEqual(expected);
  });

  it('collects a third party (丙方) under others', () => {
    expect(extractedValue('parties', '甲方：上海示例贸易有限公司\n乙方：北京某某科技有限公司\n丙方：深圳担保有限公司')).toEqual({
      partyA: '上海示例贸易有限公司',
      partyB: '北京某某科技有限公司',
      others: ['深圳担保有限公司'],
    });
  });

  it('"by and among" names three parties', () => {
    const text = 'THIS SERVICES AGREEMENT, dated as of December 7, 2022, by and among NORTHWIND HOLDINGS CORP., a New York corporation ("Northwind"), CONTOSO PACKAGING CORP., a New York corporation ("Contoso"), and LITWARE SYSTEMS, INC., a New York corporation ("Litware").';
    expect(extractedValue('parties', text)).toEqual({ partyA: 'NORTHWIND HOLDINGS CORP.', partyB: 'CONTOSO PACKAGING CORP.', others: ['LITWARE SYSTEMS, INC.'] });
  });

  it('a lone party is returned with lower confidence than a pair', () => {
    const lone = extractContractMetadata(['甲方：上海示例贸易有限公司\n其他条款见附件。']).parties;
    const pair = extractContractMetadata(['甲方：上海示例贸易有限公司\n乙方：北京某某科技有限公司']).parties;
    expect(lone?.value).toEqual({ partyA: '上海示例贸易有限公司' });
    expect(lone?.confidence).toBeLessThan(pair?.confidence ?? 0);
  });
});
