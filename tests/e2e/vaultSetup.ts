import { expect, type Page } from '@playwright/test';

/** What the bridge answers for one operation (the envelope of the NDJSON answer's last line). */
export interface BridgeResult {
  ok: boolean;
  value?: unknown;
  error?: { code: string };
}

/** Calls the bridge from inside the page with the page's own token, as the app's transport does. */
export async function invokeFromPage(page: Page, name: string, input: unknown): Promise<BridgeResult> {
  return page.evaluate(async ({ name, input }) => {
    // Runs in the browser; the test's tsconfig has Node's types, not the DOM's.
    const hash = (globalThis as unknown as { location: { hash: string } }).location.hash;
    const token = /token=([0-9a-f]{64})/u.exec(hash)?.[1] ?? '';
    const response = await fetch('/api/invoke', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, input }),
    });
    const lines = (await response.text()).trim().split('\n');
    return (JSON.parse(lines[lines.length - 1] ?? '{}') as { result: BridgeResult }).result;
  }, { name, input });
}

/**
 * Creates a vault through the gate as a person does (English UI): the "Create a new vault" tab, the folder
 * (typed, unless `vaultDir` is omitted because the test already chose it, e.g. with the picker), the
 * passphrase twice, Create, then the recovery-key screen, ticked and continued. `onRecoveryKey` runs
 * while that screen shows (checks of its own). Returns the recovery key shown.
 */
export async function createVaultInUi(page: Page, options: { passphrase: string; vaultDir?: string; onRecoveryKey?: () => Promise<void> }): Promise<string> {
  const tab = page.getByRole('tab', { name: 'Create a new vault' });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  const form = page.locator('.ant-tabs-tabpane-active');
  if (options.vaultDir !== undefined) await form.getByLabel('Vault folder').fill(options.vaultDir);
  await form.getByLabel('Passphrase', { exact: true }).fill(options.passphrase);
  await form.getByLabel('Passphrase again').fill(options.passphrase);
  await form.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible({ timeout: 30_000 });
  const recoveryKey = (await page.getByTestId('recovery-key').locator('code').textContent()) ?? '';
  expect(recoveryKey).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){10}$/u);
  await options.onRecoveryKey?.();
  await page.getByLabel('I have written it down or printed it').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  return recoveryKey;
}

/**
 * A fresh vault for a spec about something else: created through the bridge (INTERACTIVE Argon2id, fast),
 * then the page reloaded so the app opens on it.
 */
export async function openFreshVault(page: Page, appUrl: string, vaultDir: string, passphrase: string): Promise<void> {
  await page.goto(appUrl);
  const created = await invokeFromPage(page, 'vault.create', { vaultDir, passphrase, kdf: 'interactive' });
  expect(created.ok, JSON.stringify(created.error)).toBe(true);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
}
