import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './accessibility.ts';
import { invokeFromPage as invokeInPage, openFreshVault } from './vaultSetup.ts';
import { readBridgeInfo, type BridgeInfo } from './bridgeInfo.ts';

/**
 * Issue 5's saved and recent searches and result paging, self-contained: its own vault with 60 small
 * contracts that all match one word, so the first page (20 as typed, 50 after Enter) needs "Show more".
 */
test.describe.configure({ mode: 'serial' });

let info: BridgeInfo;
let page: Page;

/** The bridge, called from inside the page (tests/e2e/vaultSetup.ts). */
const invokeFromPage = (name: string, input: unknown) => invokeInPage(page, name, input);

test.beforeAll(async ({ browser }) => {
  info = await readBridgeInfo();
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

test.afterAll(async () => {
  await page.context().close();
});

test('pages through 60 results with Show more', async () => {
  await openFreshVault(page, info.appUrl, join(info.workDir, 'saved-search-vault'), 'Saved searches passphrase 42');
  const dir = join(info.workDir, 'saved-search-files');
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < 60; i += 1) {
    const path = join(dir, `maintenance-${String(i).padStart(2, '0')}.txt`);
    await writeFile(path, `Maintenance agreement number ${i}. 设备维护合同 ${i}。`);
    paths.push(path);
  }
  expect((await invokeFromPage('contracts.import', { paths })).ok).toBe(true);
  await page.reload();

  const box = page.getByRole('searchbox', { name: /Search contracts/u });
  await box.fill('maintenance');
  // As you type, a short first page; Enter (the search is finished) asks for a full page of 50.
  await expect(page.getByText('60 contracts found, showing 20.')).toBeVisible();
  await box.press('Enter');
  await expect(page.getByText('60 contracts found, showing 50.')).toBeVisible();
  await page.getByRole('button', { name: 'Show 10 more' }).click();
  await expect(page.getByText('60 contracts found, showing 60.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Show \d+ more/u })).toHaveCount(0);
});

test('Enter records a recent search; a search saved under a name runs again from the sidebar and can be deleted', async () => {
  const box = page.getByRole('searchbox', { name: /Search contracts/u });
  await box.fill('维护合同');
  await box.press('Enter');
  const sidebar = page.locator('.saved-searches');
  await expect(sidebar.locator('.recent-search-list').getByRole('button', { name: '维护合同' })).toBeVisible();

  await page.getByLabel('Type').click();
  await page.locator('.ant-select-item-option').first().click();
  await page.keyboard.press('Escape');
  await sidebar.getByLabel('Name for this search').fill('维护 (filtered)');
  await sidebar.getByRole('button', { name: 'Save' }).click();
  const saved = sidebar.locator('.saved-search-list').getByRole('button', { name: '维护 (filtered)', exact: true });
  await expect(saved).toBeVisible();
  await page.mouse.move(1279, 799);
  await page.waitForTimeout(350);
  await expectNoSeriousA11yViolations(page, 'search with saved searches');

  await box.fill('');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await saved.click();
  await expect(box).toHaveValue('维护合同');
  await expect(page.locator('.search-filters .ant-select-selection-item')).toHaveCount(1);

  await sidebar.getByRole('button', { name: 'Delete the saved search 维护 (filtered)' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(saved).toHaveCount(0);
  await expect(sidebar.getByText('No saved searches yet')).toBeVisible();
});

test('locks the vault at the end, so the next spec starts at the gate', async () => {
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('navigation')).toHaveCount(0);
});
