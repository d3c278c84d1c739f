import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeCjkPdf } from '../fixtures/makeCjkPdf.ts';
import { makePdf } from '../fixtures/makePdf.ts';

/** The customer the journey files its contracts under (a Chinese name, as issue 5's suite asks). */
export const journeyCustomer = '北京纷享科技有限公司';

/**
 * Three real PDFs for the journey: an English service agreement whose second page holds "maintenance"
 * (a hit on page 2), an English NDA, and a Chinese purchase contract with "合同管理" in its text.
 * Returns their paths in `dir`.
 */
export async function writeJourneyPdfs(dir: string): Promise<string[]> {
  const files: Record<string, Uint8Array> = {
    'service-agreement.pdf': await makePdf([
      ['SERVICE AGREEMENT', 'Contract No. SA-2024-017', 'Made on 2024-03-01 between Acme Trading Ltd', 'and Northwind Software Ltd.', 'The confidentiality obligations survive termination.', 'Total fee: USD 12,000.00'],
      ['Schedule: maintenance and support terms.'],
    ]),
    'nda.pdf': await makePdf([['NON-DISCLOSURE AGREEMENT', 'Signed on 2023-11-15 by Acme Trading Ltd and Contoso Ltd.', 'Each party keeps confidential information secret.']]),
    '采购合同.pdf': await makeCjkPdf([[
      '采购合同', '合同编号：HT-2024-0008', `甲方：${journeyCustomer}`, '乙方：上海云桥信息技术有限公司', '签订日期：2024年5月20日',
      '双方同意按照本合同约定进行合同管理与货物交付。', '合同金额：人民币壹拾万元整（¥100,000.00）',
    ]]),
  };
  const paths: string[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(dir, name);
    await writeFile(path, bytes);
    paths.push(path);
  }
  return paths;
}
