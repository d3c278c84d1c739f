import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../src-main/cli/electronAvailability.ts';
import { buildElectron } from '../../src-main/cli/electronBuild.ts';

/**
 * The desktop shell itself (issue 6), where Electron's binary is present (`npm run electron:fetch`):
 * the window is sandboxed with only the typed bridge, the page comes from app:// with the CSP header,
 * and a vault can be created and locked through IPC and the backend utility process. Here the binary
 * cannot be downloaded, so the suite is skipped with the reason printed; the same journeys run in
 * browser mode (vaultJourney.spec.ts). Run `npm run build:renderer` first.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const binary = findElectronBinary();
if (binary.path === null) process.stdout.write(`electronApp.spec.ts skipped: the Electron binary is not downloaded (${binary.missing}); run \`npm run electron:fetch\` where the network allows it.\n`);

test.describe.configure({ mode: 'serial' });
test.skip(binary.path === null, `the Electron binary is not downloaded (${binary.missing ?? ''})`);

let app: ElectronApplication;
let page: Page;
let scratch: string;

test.beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cvault-electron-e2e-'));
  await buildElectron();
  app = await electron.launch({ executablePath: binary.path!, args: [repoRoot, `--user-data-dir=${join(scratch, 'user-data')}`], env: { ...process.env, LANG: 'en_US.UTF-8' } });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  await rm(scratch, { recursive: true, force: true });
});

test('the window loads the app from app:// with the bridge and nothing of Node', async () => {
  expect(page.url()).toBe('app://app/index.html');
  const globals = await page.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>;
    return { bridge: Object.keys((g['contractVault'] ?? {}) as object).sort(), require: typeof g['require'], process: typeof g['process'], module: typeof g['module'] };
  });
  expect(globals).toEqual({ bridge: ['cancel', 'invoke', 'onEvent', 'pathForFile'], require: 'undefined', process: 'undefined', module: 'undefined' });
  const csp = await page.evaluate(async () => (await fetch('app://app/index.html')).headers.get('content-security-policy'));
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  // The main process shows nothing but the app: one window, on the app's own page.
  const urls = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()));
  expect(urls).toEqual(['app://app/index.html']);
});

test('creates and locks a vault through IPC and the backend process; navigation away is denied', async () => {
  const vaultDir = join(scratch, 'vault');
  type Answer = { ok: boolean; value?: { unlocked?: boolean }; error?: { code: string } };
  const call = (name: string, input: unknown) => page.evaluate(async ({ name, input }) => {
    const bridge = (globalThis as unknown as { contractVault: { invoke(n: string, i: unknown, c: string): Promise<unknown> } }).contractVault;
    return bridge.invoke(name, input, `e2e-${Math.random().toString(36).slice(2)}`);
  }, { name, input }) as Promise<Answer>;
  expect(await call('vault.create', { vaultDir, passphrase: 'Correct horse battery staple 42', kdf: 'interactive' })).toMatchObject({ ok: true });
  expect(await call('vault.status', {})).toMatchObject({ ok: true, value: { unlocked: true } });
  expect(await call('vault.lock', {})).toMatchObject({ ok: true });
  expect(await call('no.such.operation', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  await page.evaluate(() => { (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'; });
  await page.waitForTimeout(500);
  expect(page.url()).toBe('app://app/index.html');
});
