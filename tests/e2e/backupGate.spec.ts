import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './accessibility.ts';
import { readBridgeInfo, type BridgeInfo } from './bridgeInfo.ts';
import { createVaultInUi, invokeFromPage } from './vaultSetup.ts';

/**
 * Issue 5's Backups page gaps, self-contained: a checked "Export now" ends the "never backed up" warning;
 * the `.cvbackup` file picker (browser mode) lists folders and backup files only; a restore from the
 * unlock screen with no vault open, then the restored vault opened there; the same in Chinese. Backups
 * use the UI's default Argon2id (SENSITIVE: seconds each), hence the long timeouts.
 */
test.describe.configure({ mode: 'serial' });

const passphrase = 'Gate restore passphrase 恢复 2026';
const backupPassphrase = 'gate backup passphrase 备份 7';
const customer = '星河贸易有限公司';
const slow = { timeout: 90_000 };

let info: BridgeInfo;
let page: Page;
let work = '';
let exportsDir = '';
let exported = '';

async function settled(): Promise<void> {
  await expect(page.locator('.ant-btn-loading, .ant-spin-spinning')).toHaveCount(0);
  await page.mouse.move(1279, 799);
  await page.waitForTimeout(350);
}

/** Picks `exported` with the file picker, which opens at the folder typed into `field` first. */
async function pickExportedFile(scope: Locator, field: Locator, browse: string, dialogName: string): Promise<void> {
  await field.fill(exportsDir);
  await scope.getByRole('button', { name: browse }).click();
  const picker = page.getByRole('dialog', { name: dialogName });
  await expect(picker.getByRole('button', { name: /^gate\.cvbackup/u })).toBeVisible();
  await expect(picker.getByRole('button', { name: 'archive' })).toBeVisible();
  // Other files in the folder are never named: the backend lists `.cvbackup` files only.
  await expect(picker.getByText('客户名单')).toHaveCount(0);
  await expect(picker.getByText('notes.txt')).toHaveCount(0);
  await settled();
  await expectNoSeriousA11yViolations(page, `backup file picker (${dialogName})`);
  await picker.getByRole('button', { name: /^gate\.cvbackup/u }).click();
  await expect(picker).toHaveCount(0);
  await expect(field).toHaveValue(exported);
}

test.beforeAll(async ({ browser }) => {
  info = await readBridgeInfo();
  work = join(info.workDir, 'backup-gate-e2e');
  exportsDir = join(work, 'exports');
  exported = join(exportsDir, 'gate.cvbackup');
  await mkdir(join(exportsDir, 'archive'), { recursive: true });
  await writeFile(join(exportsDir, '客户名单 confidential.pdf'), 'not a backup');
  await writeFile(join(exportsDir, 'notes.txt'), 'not a backup either');
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

test.afterAll(async () => {
  await page.context().close();
});

test('a checked "Export now" ends the never-backed-up warning', async () => {
  test.setTimeout(180_000);
  await page.goto(info.appUrl);
  await createVaultInUi(page, { vaultDir: join(work, 'source'), passphrase });
  expect((await invokeFromPage(page, 'customers.add', { name: customer })).ok).toBe(true);
  await expect(page.getByText('This vault has never been backed up.')).toBeVisible();
  await page.getByRole('button', { name: 'Open Backups' }).click();
  const card = page.locator('.backup-export');
  await card.getByLabel('Folder to write the backup file into').fill(exportsDir);
  await card.getByLabel('File name').fill('gate.cvbackup');
  await card.getByLabel('Backup passphrase', { exact: true }).fill(backupPassphrase);
  await card.getByRole('button', { name: 'Export now' }).click();
  await expect(card.getByText(`Backup written to ${exported}`)).toBeVisible(slow);
  await expect(card.getByText('Checked: the backup file is intact. It counts as the last good backup.')).toBeVisible(slow);
  await expect(card.getByRole('progressbar', { name: 'Check progress' })).toHaveAttribute('aria-valuenow', '100');
  await expect(page.locator('.backup-warning')).toHaveCount(0);
  await settled();
  await expectNoSeriousA11yViolations(page, 'backups after a checked export');
});

test('the .cvbackup picker lists folders and backup files only, and fills the verify field', async () => {
  const verify = page.locator('.backup-verify');
  await pickExportedFile(verify, verify.getByLabel('Backup file or backup folder'), 'Choose file…', 'Choose a backup file');
});

test('restores from the unlock screen with no vault open, then opens the restored vault', async () => {
  test.setTimeout(180_000);
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('tab', { name: 'Restore from backup' }).click();
  const form = page.locator('.ant-tabs-tabpane-active');
  await expect(form.getByText('No vault needs to be open.', { exact: false })).toBeVisible();
  await settled();
  await expectNoSeriousA11yViolations(page, 'restore from backup (gate)');
  await pickExportedFile(form, form.getByLabel('Backup file or backup folder to restore'), 'Choose file…', 'Choose a backup file');
  const target = join(work, 'restored-en');
  await form.getByLabel('New folder for the restored vault').first().fill(target);
  await form.getByLabel('Backup passphrase', { exact: true }).fill(backupPassphrase);
  await form.getByRole('button', { name: 'Verify and restore' }).click();
  await expect(form.getByText(`Restored into ${target}`)).toBeVisible(slow);
  await expect(form.getByRole('progressbar', { name: 'Restore progress' })).toHaveAttribute('aria-valuenow', '100');
  expect(existsSync(join(target, 'vault.json'))).toBe(true);

  const open = form.locator('.gate-restore');
  await expect(open.getByRole('heading', { name: 'Open the restored vault' })).toBeVisible();
  await expect(open.getByLabel('Vault folder')).toHaveValue(target);
  await settled();
  await expectNoSeriousA11yViolations(page, 'restored, open it (gate)');
  await open.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(passphrase);
  await open.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible(slow);
  await page.getByRole('navigation').getByText('Customers').click();
  await expect(page.getByText(customer)).toBeVisible();
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('navigation')).toHaveCount(0);
});

test('the same restore in Chinese, with the picker, and axe', async () => {
  test.setTimeout(180_000);
  await page.getByText('中文', { exact: true }).click();
  await page.getByRole('tab', { name: '从备份恢复' }).click();
  const form = page.locator('.ant-tabs-tabpane-active');
  await expect(form.getByText('无需打开任何保险库', { exact: false })).toBeVisible();
  await settled();
  await expectNoSeriousA11yViolations(page, 'restore from backup (gate, zh-CN)');
  await pickExportedFile(form, form.getByLabel('要恢复的备份文件或备份文件夹'), '选择文件…', '选择备份文件');
  const target = join(work, '恢复 zh');
  await form.getByLabel('恢复出的保险库所在的新文件夹').first().fill(target);
  await form.getByLabel('备份密码', { exact: true }).fill(backupPassphrase);
  await form.getByRole('button', { name: '验证并恢复' }).click();
  await expect(form.getByText(`已恢复到 ${target}`)).toBeVisible(slow);
  const open = form.locator('.gate-restore');
  await expect(open.getByRole('heading', { name: '打开恢复的保险库' })).toBeVisible();
  await settled();
  await expectNoSeriousA11yViolations(page, 'restored, open it (gate, zh-CN)');
  await open.getByRole('textbox', { name: '密码', exact: true }).fill(passphrase);
  await open.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible(slow);
  await page.getByRole('navigation').getByText('设置', { exact: true }).click();
  await page.getByText('English', { exact: true }).click();
  // Ends locked, so the next spec starts at the gate.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('navigation')).toHaveCount(0);
});
