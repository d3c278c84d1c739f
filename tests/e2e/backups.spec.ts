import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './accessibility.ts';
import { createVaultInUi, invokeFromPage as invokeInPage } from './vaultSetup.ts';
import { readBridgeInfo, type BridgeInfo } from './bridgeInfo.ts';
import { journeyCustomer, writeJourneyPdfs } from './journeyFiles.ts';

/**
 * Issue 7's Backups page and issue 5's folder picker, self-contained: a vault created through the UI in
 * a folder made with the picker, a fixture imported, then export, verify (intact and damaged), restore
 * into a new folder, a scheduled backup, and the warning once the threshold (0 days) is exceeded; the
 * page again in Chinese. One page through all steps, in order.
 */
test.describe.configure({ mode: 'serial' });

const passphrase = 'Backups page passphrase 备份 2026';
const backupPassphrase = 'backup passphrase 备份文件 42';

let info: BridgeInfo;
let page: Page;
let work: string;
let exported: string;

async function settled(): Promise<void> {
  await expect(page.locator('.ant-btn-loading, .ant-spin-spinning')).toHaveCount(0);
  await page.mouse.move(1279, 799);
  await page.waitForTimeout(350);
}

/** The bridge, called from inside the page (tests/e2e/vaultSetup.ts). */
const invokeFromPage = (name: string, input: unknown) => invokeInPage(page, name, input);

test.beforeAll(async ({ browser }) => {
  info = await readBridgeInfo();
  work = join(info.workDir, 'backups-e2e');
  await mkdir(join(work, 'exports'), { recursive: true });
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

test.afterAll(async () => {
  await page.context().close();
});

test('creates a vault in a folder made and chosen with the folder picker (the typed path only says where the picker starts)', async () => {
  await page.goto(info.appUrl);
  await page.getByRole('tab', { name: 'Create a new vault' }).click();
  const form = page.locator('.ant-tabs-tabpane-active');
  // The picker opens where the field points (else at home): start it in the test's scratch folder.
  await form.getByLabel('Vault folder').fill(work);
  await form.getByRole('button', { name: 'Browse…' }).click();
  const picker = page.getByRole('dialog', { name: 'Choose the vault folder' });
  await expect(picker.getByRole('button', { name: 'exports' })).toBeVisible();
  await picker.getByLabel('Name of a new folder').fill('保险库 vault');
  await picker.getByRole('button', { name: 'New folder' }).click();
  const vaultDir = join(work, '保险库 vault');
  await expect(picker.getByText(`Folder: ${vaultDir}`)).toBeVisible();
  await expect(picker.getByText('No folders here')).toBeVisible();
  await expect(picker.getByRole('navigation', { name: 'Location' }).getByRole('button', { name: '保险库 vault' })).toBeVisible();
  await settled();
  await expectNoSeriousA11yViolations(page, 'folder picker');
  // Up and back in, by the breadcrumbs and the list.
  await picker.getByRole('button', { name: 'Up', exact: true }).click();
  await expect(picker.getByText(`Folder: ${work}`)).toBeVisible();
  await picker.getByRole('button', { name: '保险库 vault' }).click();
  await picker.getByRole('button', { name: 'Choose this folder' }).click();
  await expect(picker).toHaveCount(0);
  await expect(form.getByLabel('Vault folder')).toHaveValue(vaultDir);

  await createVaultInUi(page, { passphrase });
  expect(existsSync(join(vaultDir, 'vault.json'))).toBe(true);
});

test('a fresh vault warns that it was never backed up, in the shell and on the Backups page', async () => {
  const pdfDir = join(work, 'pdfs');
  await mkdir(pdfDir, { recursive: true });
  expect((await invokeFromPage('customers.add', { name: journeyCustomer })).ok).toBe(true);
  expect((await invokeFromPage('contracts.import', { paths: await writeJourneyPdfs(pdfDir), customer: journeyCustomer })).ok).toBe(true);
  await expect(page.getByText('This vault has never been backed up.')).toBeVisible();
  await page.getByRole('button', { name: 'Open Backups' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
  await expect(page.getByText('This vault has never been backed up.')).toBeVisible();
  await expect(page.locator('.backup-schedule').getByText('Scheduled backups off')).toBeVisible();
  await settled();
  await expectNoSeriousA11yViolations(page, 'backups');
});

test('exports a backup file with a progress bar, and verifies it intact', async () => {
  const card = page.locator('.backup-export');
  await card.getByLabel('Folder to write the backup file into').fill(join(work, 'exports'));
  await card.getByLabel('File name').fill('firm.cvbackup');
  await card.getByLabel('Backup passphrase', { exact: true }).fill(backupPassphrase);
  await card.getByRole('button', { name: 'Export now' }).click();
  exported = join(work, 'exports', 'firm.cvbackup');
  await expect(card.getByText(`Backup written to ${exported}`)).toBeVisible({ timeout: 45_000 });
  await expect(card.getByRole('progressbar', { name: 'Export progress' })).toHaveAttribute('aria-valuenow', '100');
  // Export now reads the file back and checks it; a checked export is the last good backup (decision 0025).
  await expect(card.getByText('Checked: the backup file is intact. It counts as the last good backup.')).toBeVisible({ timeout: 45_000 });
  await expect(page.locator('.backup-warning')).toHaveCount(0);

  const verify = page.locator('.backup-verify');
  await verify.getByLabel('Backup file or backup folder').fill(exported);
  await verify.getByLabel('Backup passphrase', { exact: true }).fill(backupPassphrase);
  await verify.getByRole('button', { name: 'Verify' }).click();
  await expect(verify.getByText(/^Backup intact: \d+ items/u)).toBeVisible({ timeout: 45_000 });
  await settled();
  await expectNoSeriousA11yViolations(page, 'backups after export and verify');
});

test('verify names each damaged part of a backup with a flipped byte', async () => {
  const damaged = join(work, 'exports', 'damaged.cvbackup');
  await copyFile(exported, damaged);
  const bytes = await readFile(damaged);
  // Well past the header: inside the items (the database or a blob).
  const at = Math.floor(bytes.length * 0.6);
  bytes[at] = (bytes[at] ?? 0) ^ 0x40;
  await writeFile(damaged, bytes);
  const verify = page.locator('.backup-verify');
  await verify.getByLabel('Backup file or backup folder').fill(damaged);
  await verify.getByRole('button', { name: 'Verify' }).click();
  await expect(verify.getByText(/^Backup DAMAGED: \d+ problem/u)).toBeVisible({ timeout: 45_000 });
  const problems = verify.locator('.backup-problems .ant-table-row');
  expect(await problems.count()).toBeGreaterThan(0);
  // The part and the reason in the reader's language (a chunk that no longer authenticates), not internal names.
  await expect(problems.first().locator('td').first()).toHaveText(/^(Database|File content|Manifest|Trailer|Vault header \(vault\.json\)|Unknown part|Whole file)$/u);
  await expect(problems.first().locator('td').last()).toHaveText(/^chunk \d+ fails authentication \(damaged, reordered or from elsewhere\)$/u);
});

test('restores the backup into a new folder, chosen with the picker', async () => {
  const card = page.locator('.backup-restore');
  await card.getByLabel('Backup file or backup folder to restore').fill(exported);
  const target = card.getByLabel('New folder for the restored vault');
  await target.fill(work);
  await card.getByRole('button', { name: 'Browse…' }).click();
  const picker = page.getByRole('dialog', { name: 'New folder for the restored vault' });
  await picker.getByLabel('Name of a new folder').fill('restored');
  await picker.getByRole('button', { name: 'New folder' }).click();
  await expect(picker.getByText(`Folder: ${join(work, 'restored')}`)).toBeVisible();
  await picker.getByRole('button', { name: 'Choose this folder' }).click();
  await card.getByLabel('Backup passphrase', { exact: true }).fill(backupPassphrase);
  await card.getByRole('button', { name: 'Verify and restore' }).click();
  await expect(card.getByText(`Restored into ${join(work, 'restored')}`)).toBeVisible({ timeout: 60_000 });
  await expect(card.getByRole('progressbar', { name: 'Restore progress' })).toHaveAttribute('aria-valuenow', '100');
  expect(existsSync(join(work, 'restored', 'vault.json'))).toBe(true);
});

test('a scheduled backup to a folder lists the last good backup and ends the warning; a 0-day threshold brings it back', async () => {
  await mkdir(join(work, 'nas'), { recursive: true });
  const card = page.locator('.backup-schedule');
  await card.getByRole('button', { name: 'Choose a backup folder' }).click();
  await card.getByLabel('Backup folder').fill(join(work, 'nas'));
  await card.getByLabel('Backup passphrase', { exact: true }).fill(backupPassphrase);
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('Scheduled backups on')).toBeVisible({ timeout: 30_000 });
  await card.getByRole('button', { name: 'Back up now' }).click();
  await expect(card.locator('.backup-snapshots .ant-table-row')).toHaveCount(1, { timeout: 45_000 });
  await expect(card.locator('.backup-snapshots').getByText('Last good backup')).toBeVisible();
  await expect(page.locator('.backup-warning')).toHaveCount(0);

  const days = page.getByLabel('Warn when the last good backup is older than');
  await expect(days).toHaveValue('7');
  await days.fill('0');
  await days.press('Enter');
  await expect(page.locator('.backup-warning')).toContainText('is older than 0 days');
  await page.getByRole('navigation').getByText('Contracts').click();
  await expect(page.locator('.backup-warning')).toContainText('is older than 0 days');
  // The contracts were imported through the API, not the UI: the table learns of them on Refresh.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.locator('.grid-row[data-contract-id]')).toHaveCount(3);
  await settled();
  await expectNoSeriousA11yViolations(page, 'contracts with the backup warning');
  await page.getByRole('button', { name: 'Open Backups' }).click();
  await settled();
  await expectNoSeriousA11yViolations(page, 'backups with a schedule');
});

test('the Backups page in Chinese: the warning, verify of the backup folder, and axe', async () => {
  await page.getByRole('navigation').getByText('Settings').click();
  await page.getByText('中文', { exact: true }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByText('备份', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '备份' })).toBeVisible();
  await expect(page.locator('.backup-warning')).toContainText('已超过 0 天');
  await expect(page.getByText('定时备份已开启')).toBeVisible();
  const verify = page.locator('.backup-verify');
  await verify.getByRole('button', { name: '使用备份文件夹' }).click();
  await expect(verify.getByLabel('备份文件或备份文件夹')).toHaveValue(join(work, 'nas'));
  await verify.getByLabel('备份密码', { exact: true }).fill(backupPassphrase);
  await verify.getByRole('button', { name: '验证' }).click();
  await expect(verify.getByText(/^备份完好/u)).toBeVisible({ timeout: 45_000 });
  await settled();
  await expectNoSeriousA11yViolations(page, 'backups (zh-CN)');
  await page.getByRole('navigation').getByText('设置').click();
  await page.getByText('English', { exact: true }).click();
});

test('locks the vault at the end, so the next spec starts at the gate', async () => {
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('navigation')).toHaveCount(0);
});
