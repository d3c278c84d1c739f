import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Document, ExternalHyperlink, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { makeCjkPdf } from '../fixtures/makeCjkPdf.ts';
import { makeXlsx } from '../fixtures/office/makeXlsx.ts';
import { makePdf } from '../fixtures/makePdf.ts';
import { expectNoSeriousA11yViolations } from './accessibility.ts';
import { invokeFromPage as invokeInPage, openFreshVault } from './vaultSetup.ts';
import { readBridgeInfo, type BridgeInfo } from './bridgeInfo.ts';

/**
 * Issue 5's contract page, as a person uses it: open a contract from the table, edit and confirm a field,
 * open a search hit in the PDF viewer at its page with the words marked, import a changed file as a new
 * version and compare the two (English words, Chinese characters), in English and in Chinese. Self-contained:
 * its own vault in the shared backend, locked again at the end. `UPDATE_SCREENSHOTS=1` writes the contract
 * page and compare view in both languages to docs/screenshots/.
 */
test.describe.configure({ mode: 'serial' });

const updateScreenshots = process.env['UPDATE_SCREENSHOTS'] === '1';
const customer = '上海云桥信息技术有限公司';

let info: BridgeInfo;
let page: Page;
let filesDir = '';
const browserProblems: string[] = [];

const serviceV1 = [
  ['SERVICE AGREEMENT', 'Contract No. SA-2024-017', 'Made on 2024-03-01 between Acme Trading Ltd and Northwind Software Ltd.', 'Total fee: USD 12,000.00'],
  ['Schedule: maintenance and support terms.'],
];
const serviceV2 = [
  ['SERVICE AGREEMENT', 'Contract No. SA-2024-017', 'Made on 2024-03-01 between Acme Trading Ltd and Northwind Software Ltd.', 'Total fee: USD 15,000.00'],
  ['Schedule: maintenance and hosting terms.'],
];
const purchase = (amount: string) => [[
  '采购合同', '合同编号：HT-2024-0031', `甲方：${customer}`, '签订日期：2024年6月18日', '双方同意按照本合同约定进行合同管理与货物交付。', `合同金额：人民币${amount}`,
]];

async function screenshot(name: string): Promise<void> {
  if (!updateScreenshots) return;
  await page.mouse.move(1279, 799);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join('docs', 'screenshots', `${name}.png`) });
}

/** The bridge, called from inside the page (tests/e2e/vaultSetup.ts). */
const invokeFromPage = (name: string, input: unknown) => invokeInPage(page, name, input);

/** Imports files through the bridge (drag-and-drop import is another branch's work) and returns the outcomes' statuses. */
async function importFiles(paths: string[]): Promise<string[]> {
  const imported = await invokeFromPage('contracts.import', { paths, customer });
  expect(imported.ok, JSON.stringify(imported.error)).toBe(true);
  return (imported.value as Array<{ status: string }>).map((outcome) => outcome.status);
}

async function openFromTable(number: string): Promise<void> {
  await page.getByRole('navigation').locator('.ant-menu-item').first().click();
  await page.locator('.page-title').getByRole('button').first().click();
  const row = page.locator('.grid-row[data-contract-id]', { hasText: number });
  await row.locator('.grid-link').click();
}

test.beforeAll(async ({ browser }) => {
  info = await readBridgeInfo();
  filesDir = join(info.workDir, 'contract-page-files');
  await mkdir(filesDir, { recursive: true });
  if (updateScreenshots) await mkdir(join('docs', 'screenshots'), { recursive: true });
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy|Refused to/u.test(message.text())) browserProblems.push(message.text());
  });
  page.on('pageerror', (error) => browserProblems.push(error.message));
  await openFreshVault(page, info.appUrl, join(info.workDir, 'contract-page-vault'), 'Contract page passphrase 42');
  expect((await invokeFromPage('customers.add', { name: customer })).ok).toBe(true);
  await writeFile(join(filesDir, 'service-agreement.pdf'), await makePdf(serviceV1));
  await writeFile(join(filesDir, '采购合同.pdf'), await makeCjkPdf(purchase('壹拾万元整（¥100,000.00）')));
  expect(await importFiles([join(filesDir, 'service-agreement.pdf'), join(filesDir, '采购合同.pdf')])).toEqual(['imported', 'imported']);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
});

test.afterAll(async () => {
  // The next spec starts from a locked backend, as a fresh app does.
  await invokeFromPage('vault.lock', {});
  await page.context().close();
});

test('opens a contract from the table, edits its notes and confirms an extracted field', async () => {
  await openFromTable('SA-2024-017');
  await expect(page.getByRole('tab', { name: 'Details', selected: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Contract number' })).toHaveValue('SA-2024-017');
  const number = page.getByTestId('field-number');
  await expect(number).toContainText('SA-2024-017');
  await expect(number.locator('blockquote')).toContainText('Contract No. SA-2024-017');
  await expect(number).toContainText('suggested by import');
  await number.getByRole('button', { name: 'Confirm Number' }).click();
  await expect(number).toContainText('Confirmed');

  await page.getByLabel('Notes').fill('Renewal to be discussed in Q4.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByLabel('Notes')).toHaveValue('Renewal to be discussed in Q4.');
  await expectNoSeriousA11yViolations(page, 'contract details');
  await screenshot('en-contract');

  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.locator('.audit-trail .ant-table-tbody');
  await expect(history).toContainText('Details changed');
  await expect(history).toContainText('Value confirmed');
  await expectNoSeriousA11yViolations(page, 'contract history');
});

test('opens a search hit in the PDF viewer at its page with the words marked, text selectable', async () => {
  await page.keyboard.press('Control+k');
  await page.keyboard.type('maint');
  const hit = page.getByTestId('search-hit').first();
  await expect(hit.locator('figcaption')).toHaveText('service-agreement.pdf, version 1, page 2');
  await hit.locator('figcaption').getByRole('button').click();
  await expect(page.getByRole('tab', { name: 'Viewer', selected: true })).toBeVisible();
  const pdfPage = page.getByTestId('pdf-page');
  await expect(pdfPage).toHaveAttribute('data-page', '2');
  await expect(pdfPage.locator('.textLayer mark')).toHaveText(['maintenance']);
  await expect(page.getByTestId('pdf-mark-count')).toHaveText('1 matches on this page');
  // The text layer carries the page's text, so it can be selected and copied.
  await expect(pdfPage.locator('.textLayer')).toContainText('Schedule: maintenance and support terms.');
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(pdfPage).toHaveAttribute('data-page', '1');
  await expect(pdfPage.locator('.textLayer')).toContainText('Total fee: USD 12,000.00');
  await expectNoSeriousA11yViolations(page, 'PDF viewer');
});

test('imports a changed file as a new version and compares the two, word by word, with next/previous', async () => {
  await writeFile(join(filesDir, 'service-agreement.pdf'), await makePdf(serviceV2));
  expect(await importFiles([join(filesDir, 'service-agreement.pdf')])).toEqual(['new-version']);
  await openFromTable('SA-2024-017');
  await page.getByRole('tab', { name: 'Files and versions' }).click();
  await expect(page.getByTestId('contract-file').locator('.ant-table-tbody .ant-table-row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Compare versions' }).click();
  await expect(page.getByRole('tab', { name: 'Compare versions', selected: true })).toBeVisible();
  const status = page.getByTestId('compare-status');
  await expect(status).toHaveText('2 differences');
  // The comparison ran in its Web Worker (loaded from the app's origin under the CSP), not on the page.
  expect(await page.evaluate(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('compareWorker')))).toBe(true);
  await expect(page.getByTestId('compare-left').locator('del')).toHaveText(['12,000.00', 'support']);
  await expect(page.getByTestId('compare-right').locator('ins')).toHaveText(['15,000.00', 'hosting']);
  await page.locator('body').press('n');
  await expect(status).toHaveText('Difference 1 of 2');
  await expect(page.getByTestId('compare-right').locator('.diff-current')).toHaveText(['15,000.00']);
  await page.getByRole('button', { name: 'Next difference' }).click();
  await expect(status).toHaveText('Difference 2 of 2');
  await page.locator('body').press('p');
  await expect(status).toHaveText('Difference 1 of 2');
  await expectNoSeriousA11yViolations(page, 'compare');
  await screenshot('en-compare');
});

/** An annex with a table, a link to the web (which the viewer must not keep) and text that looks like markup. */
async function annexDocx(): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  return Packer.toBuffer(new Document({
    sections: [{
      children: [
        new Paragraph('Annex A: price list'),
        new Paragraph({ children: [new ExternalHyperlink({ link: 'https://example.com/track', children: [new TextRun('supplier website')] })] }),
        new Paragraph('<img src=x onerror=alert(1)> stays text'),
        new Table({ rows: [new TableRow({ children: [cell('Item'), cell('Price')] }), new TableRow({ children: [cell('Hosting'), cell('300')] })] }),
      ],
    }],
  }));
}

test('shows an annex DOCX as a sanitised document and an XLSX as a table, saying when a sheet is cut', async () => {
  const contractId = ((await invokeFromPage('contracts.list', {})).value as Array<{ id: string; number: string | null }>).find((c) => c.number === 'SA-2024-017')?.id;
  expect(contractId).toBeDefined();
  await writeFile(join(filesDir, 'annex-a.docx'), await annexDocx());
  const rows = [['Item', 'Amount'], ...Array.from({ length: 520 }, (_, i) => [`line ${i + 1}`, i * 10])];
  await writeFile(join(filesDir, 'prices.xlsx'), await makeXlsx([{ name: 'Prices', rows }]));
  const imported = await invokeFromPage('contracts.import', { paths: [join(filesDir, 'annex-a.docx'), join(filesDir, 'prices.xlsx')], contractId, role: 'annex' });
  expect(imported.ok, JSON.stringify(imported.error)).toBe(true);

  await openFromTable('SA-2024-017');
  await page.getByRole('tab', { name: 'Files and versions' }).click();
  const annex = page.getByTestId('contract-file').filter({ hasText: 'annex-a.docx' });
  await expect(annex).toContainText('Annex');
  await annex.getByRole('button', { name: /^View version 1 of annex-a\.docx$/u }).click();
  const docx = page.locator('.docx-preview');
  await expect(docx).toContainText('Annex A: price list');
  await expect(docx.locator('td')).toHaveText(['Item', 'Price', 'Hosting', '300']);
  await expect(docx).toContainText('<img src=x onerror=alert(1)> stays text');
  await expect(docx.locator('img')).toHaveCount(0);
  // The link keeps its text and loses its target: nothing in a document can send the user (or a request) elsewhere.
  await expect(docx.getByText('supplier website')).toBeVisible();
  await expect(docx.locator('a[href]')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'DOCX viewer');

  await page.getByRole('tab', { name: 'Files and versions' }).click();
  await page.getByTestId('contract-file').filter({ hasText: 'prices.xlsx' }).getByRole('button', { name: /^View version 1/u }).click();
  await expect(page.getByText('This sheet has 521 rows and 2 columns; the preview shows at most 500 rows and 50 columns.', { exact: false })).toBeVisible();
  await expect(page.locator('.sheets-preview .ant-table-tbody')).toContainText('line 1');
  await expectNoSeriousA11yViolations(page, 'XLSX viewer');
});

test('in Chinese: the contract page, a Chinese search hit in the viewer, and a character-level compare', async () => {
  await page.getByRole('navigation').getByText('Settings').click();
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();

  await writeFile(join(filesDir, '采购合同.pdf'), await makeCjkPdf(purchase('贰拾万元整（¥200,000.00）')));
  expect(await importFiles([join(filesDir, '采购合同.pdf')])).toEqual(['new-version']);

  await page.keyboard.press('Control+k');
  await page.keyboard.type('合同管理');
  // The latest version's snippet comes first; the older version's is there too.
  const snippet = page.getByTestId('search-hit').locator('figcaption', { hasText: '采购合同.pdf，第 2 版，第 1 页' });
  await expect(snippet).toHaveCount(1);
  await snippet.getByRole('button').click();
  await expect(page.getByRole('tab', { name: '查看', selected: true })).toBeVisible();
  await expect(page.getByTestId('pdf-page').locator('.textLayer mark').first()).toBeVisible();
  await expect(page.getByTestId('pdf-mark-count')).toHaveText(/^本页 [1-9]\d* 处匹配$/u);
  await expectNoSeriousA11yViolations(page, 'PDF viewer (zh-CN)');

  await page.getByRole('tab', { name: '详情' }).click();
  await expect(page.getByRole('textbox', { name: '合同编号' })).toHaveValue('HT-2024-0031');
  await expect(page.getByText('导入时识别的信息')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'contract details (zh-CN)');
  await screenshot('zh-contract');

  await page.getByRole('tab', { name: '版本比较' }).click();
  const status = page.getByTestId('compare-status');
  await expect(status).toHaveText('共 2 处差异');
  // Chinese differs character by character: 壹拾 became 贰拾, and the figure changed.
  await expect(page.getByTestId('compare-left').locator('del')).toHaveText(['壹', '100,000.00']);
  await expect(page.getByTestId('compare-right').locator('ins')).toHaveText(['贰', '200,000.00']);
  await page.locator('body').press('n');
  await expect(status).toHaveText('第 1 处差异，共 2 处');
  await expectNoSeriousA11yViolations(page, 'compare (zh-CN)');
  await screenshot('zh-compare');

  await page.getByRole('navigation').getByText('设置', { exact: true }).click();
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  expect(browserProblems).toEqual([]);
});
