import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './accessibility.ts';
import { invokeFromPage as invokeInPage, openFreshVault } from './vaultSetup.ts';
import { readBridgeInfo, type BridgeInfo } from './bridgeInfo.ts';
import { writeJourneyPdfs } from './journeyFiles.ts';

/**
 * Issue 5's library views, self-contained: its own vault, a customer with a Chinese name, three real
 * PDFs dropped onto it through a real drop event, then folders and tags. One page through all steps,
 * in order. `UPDATE_SCREENSHOTS=1` also writes the screens in both languages to docs/screenshots/.
 */
test.describe.configure({ mode: 'serial' });

const customerName = '杭州青禾文化传媒有限公司';
const updateScreenshots = process.env['UPDATE_SCREENSHOTS'] === '1';

let info: BridgeInfo;
let page: Page;
const browserProblems: string[] = [];

async function screenshot(name: string): Promise<void> {
  if (!updateScreenshots) return;
  await page.mouse.move(1279, 799);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join('docs', 'screenshots', `${name}.png`) });
}

/** Waits for reloads to end and antd's colour transitions (a loading button fades back in) to finish before axe looks. */
async function settled(): Promise<void> {
  await expect(page.locator('.ant-btn-loading, .ant-spin-spinning')).toHaveCount(0);
  // A button left under the pointer by the previous click shows antd's lighter hover colour.
  await page.mouse.move(1279, 799);
  await page.waitForTimeout(350);
}

/** The bridge, called from inside the page (tests/e2e/vaultSetup.ts). */
const invokeFromPage = (name: string, input: unknown) => invokeInPage(page, name, input);

/**
 * Drops real files onto an element: a DataTransfer built in the page with File objects holding the files'
 * bytes, then the dragenter / dragover / drop events a person's drag produces, on that element.
 */
async function dropFiles(target: Locator, paths: string[]): Promise<void> {
  const files = await Promise.all(paths.map(async (path) => ({ name: path.split('/').at(-1) ?? 'file', base64: (await readFile(path)).toString('base64') })));
  const transfer = await page.evaluateHandle((list) => {
    // Runs in the browser; the test's tsconfig has Node's types, not the DOM's.
    const g = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
      atob(data: string): string;
    };
    const dt = new g.DataTransfer();
    for (const file of list) {
      const binary = g.atob(file.base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
      dt.items.add(new g.File([bytes], file.name, { type: 'application/pdf' }));
    }
    return dt;
  }, files);
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

test.beforeAll(async ({ browser }) => {
  info = await readBridgeInfo();
  if (updateScreenshots) await mkdir(join('docs', 'screenshots'), { recursive: true });
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy|Refused to/u.test(message.text())) browserProblems.push(message.text());
  });
  page.on('pageerror', (error) => browserProblems.push(error.message));
});

test.afterAll(async () => {
  await page.context().close();
});

test('opens its own fresh vault', async () => {
  await openFreshVault(page, info.appUrl, join(info.workDir, 'library-vault'), 'Library views passphrase 42');
});

test('adds a customer with a Chinese name through the dialog', async () => {
  await page.getByRole('menuitem', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'Add customer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add customer' });
  await dialog.getByLabel('Name').fill(customerName);
  await dialog.getByLabel('E-mail').fill('legal@qinghe.example.cn');
  await settled();
  await expectNoSeriousA11yViolations(page, 'add customer');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: customerName })).toBeVisible();
  await expect(page.getByText('legal@qinghe.example.cn')).toBeVisible();
  await page.getByRole('button', { name: 'All customers' }).click();
});

test('three PDFs dropped onto the customer are imported for it, with a queue showing each file', async () => {
  const row = page.getByRole('row').filter({ hasText: customerName });
  await expect(row).toBeVisible();
  const pdfDir = join(info.workDir, 'library-pdfs');
  await mkdir(pdfDir, { recursive: true });
  await dropFiles(row, await writeJourneyPdfs(pdfDir));
  const panel = page.getByRole('region', { name: 'Import' });
  await expect(panel.getByText('3 of 3 files finished')).toBeVisible({ timeout: 30_000 });
  await expect(panel.locator('[data-import-state="done"]')).toHaveCount(3);
  // The list reloads once the queue has run dry (a loading button is dimmed on purpose: wait for it).
  await expect(row.getByRole('cell', { name: '3', exact: true })).toBeVisible();
  await settled();
  await expectNoSeriousA11yViolations(page, 'import queue');
  await screenshot('en-library-import-queue');
  await panel.getByRole('button', { name: 'Clear' }).click();
  await expect(panel).toHaveCount(0);
  await settled();
  await expectNoSeriousA11yViolations(page, 'customers');
  await screenshot('en-library-customers');
});

test('the customer page shows the three in its timeline, totals by year, and keeps edited notes', async () => {
  await page.getByRole('button', { name: customerName }).click();
  await expect(page.getByRole('heading', { level: 1, name: customerName })).toBeVisible();
  const history = page.locator('.customer-history');
  await expect(history.getByRole('heading', { name: 'Contract history (3)' })).toBeVisible();
  await expect(history.locator('.timeline-entry')).toHaveCount(3);
  await expect(history.getByText('signed 2024-05-20')).toBeVisible();
  await expect(page.getByRole('figure', { name: /Signed value by year/u }).first()).toBeVisible();
  await page.getByLabel('Notes').fill('每季度回访一次');
  await page.getByRole('button', { name: 'Save notes' }).click();
  await expect(page.getByRole('button', { name: 'Save notes' })).toBeDisabled();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByLabel('Notes')).toHaveValue('每季度回访一次');
  await settled();
  await expectNoSeriousA11yViolations(page, 'customer page');
  await screenshot('en-library-customer');
});

test('creates a folder, moves a contract into it by drag-and-drop, tags two in bulk, and filters by folder and by tag', async () => {
  await page.getByRole('navigation').getByText('Contracts').click();
  const rows = page.locator('.grid-row[data-contract-id]');
  await expect(rows).toHaveCount(3);
  await page.getByRole('button', { name: 'New folder' }).click();
  const dialog = page.getByRole('dialog', { name: 'New folder' });
  await dialog.getByLabel('Folder name').fill('2024 合同');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const folderNode = page.locator('[data-drop-folder]', { hasText: '2024 合同' });
  await expect(folderNode).toHaveText('2024 合同 (0)');

  const nda = rows.filter({ hasText: 'Contoso' }).or(rows.filter({ hasText: '2023-11-15' })).first();
  await nda.dragTo(folderNode);
  await expect(folderNode).toHaveText('2024 合同 (1)');

  const purchase = rows.filter({ hasText: '2024-05-20' });
  const service = rows.filter({ hasText: '2024-03-01' });
  await purchase.getByRole('checkbox').check();
  await service.getByRole('checkbox').check();
  await expect(page.getByText('2 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Tag…' }).click();
  const tagDialog = page.getByRole('dialog', { name: 'Tags of 2 contracts' });
  await tagDialog.getByLabel('Add these tags').fill('续签');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await tagDialog.getByRole('button', { name: 'Save' }).click();
  await expect(tagDialog).toHaveCount(0);
  const tagToggle = page.getByRole('button', { name: '续签 (2)' });
  await expect(tagToggle).toBeVisible();

  await folderNode.click();
  await expect(page.getByText('1 contracts')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('2023-11-15');
  await page.getByText('All contracts', { exact: true }).click();
  await expect(rows).toHaveCount(3);
  await tagToggle.click();
  await expect(tagToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: '2023-11-15' })).toHaveCount(0);
  await settled();
  await expectNoSeriousA11yViolations(page, 'contracts library');
  await screenshot('en-library-contracts');
});

test('the same views in Chinese', async () => {
  await page.getByRole('navigation').getByText('Settings').click();
  await page.getByText('中文', { exact: true }).click();
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByText('合同', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: '文件夹' })).toBeVisible();
  await expect(page.getByText('全部合同', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '续签（2）' })).toHaveAttribute('aria-pressed', 'true');
  await settled();
  await expectNoSeriousA11yViolations(page, 'contracts library (zh-CN)');
  await screenshot('zh-library-contracts');
  await nav.getByText('客户', { exact: true }).click();
  await expect(page.getByRole('columnheader', { name: '合同总额' })).toBeVisible();
  await page.getByRole('button', { name: customerName }).click();
  await expect(page.getByRole('heading', { name: '合同历史（3）' })).toBeVisible();
  await settled();
  await expectNoSeriousA11yViolations(page, 'customer page (zh-CN)');
  await screenshot('zh-library-customer');
  await page.getByRole('navigation').getByText('设置', { exact: true }).click();
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
});

test('moves a folder by dragging it in the tree, selects every matching contract (loaded or not) for a bulk tag, and renames a tag', async () => {
  await page.getByRole('navigation').getByText('Contracts').click();
  const rows = page.locator('.grid-row[data-contract-id]');
  await page.getByText('All contracts', { exact: true }).click();
  await page.getByRole('button', { name: 'New folder' }).click();
  const dialog = page.getByRole('dialog', { name: 'New folder' });
  await dialog.getByLabel('Folder name').fill('归档');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const archive = page.locator('.ant-tree-treenode', { hasText: '归档' }).locator('.ant-tree-title');
  await expect(archive).toHaveCount(1);
  const y2024 = page.locator('.ant-tree-treenode', { hasText: '2024 合同' }).locator('.ant-tree-title');
  // antd's tree drops inside a node when the pointer ends in its lower half, more than ~1.5 indents to the
  // right of where the drag started; in its upper half or further left, it drops beside it.
  const box = await y2024.boundingBox();
  await archive.dragTo(y2024, { sourcePosition: { x: 4, y: 6 }, targetPosition: { x: Math.min(80, (box?.width ?? 90) - 4), y: (box?.height ?? 20) * 0.75 } });
  await expect.poll(async () => {
    const folders = (await invokeFromPage('folders.list', {})).value as { name: string; parentId: string | null; id: string }[];
    const parent = folders.find((f) => f.name === '2024 合同');
    return folders.find((f) => f.name === '归档')?.parentId === parent?.id;
  }).toBe(true);

  // The tag filter "续签" matches two; "select all" takes both though the renderer lists no ids, then one is un-ticked.
  const tagToggle = page.getByRole('button', { name: '续签 (2)' });
  await expect(tagToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(rows).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Select every matching contract' }).check();
  await expect(page.getByText('All 2 matching contracts selected')).toBeVisible();
  await rows.filter({ hasText: '2024-03-01' }).getByRole('checkbox').uncheck();
  await expect(page.getByText('1 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Tag…' }).click();
  const tagDialog = page.getByRole('dialog', { name: 'Tags of 1 contracts' });
  await tagDialog.getByLabel('Add these tags').fill('重点');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await tagDialog.getByRole('button', { name: 'Save' }).click();
  await expect(tagDialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: '重点 (1)' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear selection' }).click();

  // Rename "续签": every contract carrying it follows, and so does the tag filter.
  await page.getByRole('button', { name: 'Rename a tag' }).click();
  const renameDialog = page.getByRole('dialog', { name: 'Rename a tag' });
  await renameDialog.getByLabel(/New name/u).fill('年度续签');
  await renameDialog.getByRole('button', { name: 'Save' }).click();
  const renamed = page.getByRole('button', { name: '年度续签 (2)' });
  await expect(renamed).toHaveAttribute('aria-pressed', 'true');
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('button', { name: /^续签/u })).toHaveCount(0);
  await settled();
  await expectNoSeriousA11yViolations(page, 'contracts library after the changes');
  // Back to the earlier name, so the screens of other runs stay the same.
  await page.getByRole('button', { name: 'Rename a tag' }).click();
  await renameDialog.getByLabel(/New name/u).fill('续签');
  await renameDialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: '续签 (2)' })).toBeVisible();
});

test('a default button under the resting pointer keeps its contrast, in the light and the dark theme (axe)', async () => {
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const theme of ['Light', 'Dark'] as const) {
    await nav.getByText('Settings', { exact: true }).click();
    await page.getByText(theme, { exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
    await nav.getByText('Contracts', { exact: true }).click();
    await settled();
    // The pointer rests on a default button: antd shows its hover colours, which axe then checks.
    const refresh = page.getByRole('button', { name: 'Refresh' });
    await refresh.hover();
    await page.waitForTimeout(350);
    await expect(refresh).toHaveCSS('cursor', 'pointer');
    await expectNoSeriousA11yViolations(page, `contracts with the pointer on a default button (${theme.toLowerCase()})`);
    const columns = page.getByRole('button', { name: 'Columns' });
    await columns.hover();
    await page.waitForTimeout(350);
    await expectNoSeriousA11yViolations(page, `contracts with the pointer on an icon button (${theme.toLowerCase()})`);
  }
  await nav.getByText('Settings', { exact: true }).click();
  await page.getByText('Light', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('locks the vault at the end, so the next spec starts at the gate', async () => {
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('navigation')).toHaveCount(0);
});

test('no browser error or CSP refusal happened along the way', async () => {
  expect(browserProblems).toEqual([]);
});
