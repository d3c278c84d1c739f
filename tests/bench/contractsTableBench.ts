/**
 * Contracts table benchmark (run: `npm run build:renderer && npm run bench:contracts-table [-- --count 100000]`).
 * Measured in Debian's Chromium (headless, --disable-gpu: software rendering) through the real loopback
 * bridge and a real vault:
 *
 * 1. A vault with `count` contracts, written straight through the repositories (tests/helpers/bulkContracts.ts;
 *    generation is not timed), unlocked through the Backend.
 * 2. Baseline, same run: the previous table's data path, `contracts.list` (every contract in one answer),
 *    fetched and parsed in the page: its wall time and size.
 * 3. `contracts.page` (the first window of 200 rows, newest first, and sorted by signing date), fetched
 *    and parsed in the page.
 * 4. First screen: from a click on "Contracts" in the navigation (the store is emptied first by a lock
 *    and unlock, so the click really loads) to the first data row in the DOM, read in the page
 *    (performance.now around the click and a MutationObserver), 5 times; the target is 300 ms.
 * 5. A 5-second scripted scroll of the virtual table at a steady 4,000 px/s (about 75 rows a second),
 *    one requestAnimationFrame step at a time: frame-time p50 / p95 / p99 / max, frames over 16.7 ms and
 *    over 33.4 ms, and the share of sampled frames that showed a row whose window had not arrived yet.
 */
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { Backend } from '../../src-main/core/backend.ts';
import { startWebBridge } from '../../src-main/web/webBridge.ts';
import { generateContracts } from '../helpers/bulkContracts.ts';
import { openRawVaultDb } from '../helpers/rawVaultDb.ts';
import { makeTempDir } from '../helpers/tempDir.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const countArg = process.argv.indexOf('--count');
const COUNT = countArg > 0 ? Number(process.argv[countArg + 1]) : 100_000;
const PASSPHRASE = 'contracts table bench passphrase';
const TARGET_FIRST_SCREEN_MS = 300;

/** Scrolls the virtual table's holder at 4 px/ms for 5 s, one step per animation frame, recording frame times. */
const SCROLL_SCRIPT = `new Promise((resolve) => {
  const holder = document.querySelector('.ant-table-tbody-virtual-holder');
  const frames = [];
  let sampled = 0;
  let withPlaceholders = 0;
  if (!holder) { resolve({ frames, sampled, withPlaceholders, scrolledPx: 0, lastRow: '' }); return; }
  const startTop = holder.scrollTop;
  let begin = -1;
  let last = -1;
  function step(now) {
    if (begin < 0) begin = now;
    if (last >= 0) frames.push(now - last);
    last = now;
    holder.scrollTop = startTop + (now - begin) * 4;
    if (frames.length % 5 === 0) {
      sampled += 1;
      if (document.querySelectorAll('.ant-table-tbody .ant-table-row[data-row-key^="~"]').length > 0) withPlaceholders += 1;
    }
    if (now - begin < 5000) requestAnimationFrame(step);
    else {
      const first = document.querySelector('.ant-table-tbody .ant-table-row');
      resolve({ frames, sampled, withPlaceholders, scrolledPx: holder.scrollTop - startTop, lastRow: first ? first.getAttribute('data-row-key') : '' });
    }
  }
  requestAnimationFrame(step);
})`;

const ms = (n: number) => `${n.toFixed(1)} ms`;
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const temp = await makeTempDir('cvault-table-bench-');
  const backend = new Backend({ actor: 'bench', locale: 'en' });
  const vaultDir = join(temp.dir, 'vault');
  let bridge: Awaited<ReturnType<typeof startWebBridge>> | undefined;
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const created = await backend.invoke('vault.create', { vaultDir, passphrase: PASSPHRASE, kdf: 'interactive' });
    if (!created.ok) throw new Error(created.error.message);
    await backend.invoke('vault.lock', {});
    const db = await openRawVaultDb(vaultDir, PASSPHRASE);
    const generateStart = performance.now();
    try {
      generateContracts(db, COUNT);
    } finally {
      db.close();
    }
    console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(1)).join(", ")} on ${os.cpus().length} cores (other work on this machine slows every figure)`);
    console.log(`vault: ${COUNT.toLocaleString('en')} contracts generated in ${ms(performance.now() - generateStart)} (not part of any figure)`);
    const unlockStart = performance.now();
    const unlocked = await backend.invoke('vault.unlock', { vaultDir, passphrase: PASSPHRASE });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    console.log(`unlock (Backend, in process): ${ms(performance.now() - unlockStart)}`);
    bridge = await startWebBridge({ backend, staticDir: join(repoRoot, 'dist', 'renderer') });

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.appUrl);
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor({ timeout: 120_000 });
    await page.locator('.ant-table-tbody .ant-table-row[data-contract-id]').first().waitFor({ timeout: 120_000 });

    // In-page fetch of one operation: wall time from the request to the parsed result, and the answer's size.
    const timedCall = (name: string, input: unknown) => page.evaluate(async ({ name, input }) => {
      const g = globalThis as unknown as { location: { hash: string }; performance: { now(): number } };
      const token = /token=([0-9a-f]{64})/u.exec(g.location.hash)?.[1] ?? '';
      const start = g.performance.now();
      const response = await fetch('/api/invoke', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name, input }) });
      const text = await response.text();
      const parsed = JSON.parse(text.trim().split('\n').at(-1) ?? '{}') as { result: { ok: boolean } };
      return { ms: g.performance.now() - start, bytes: text.length, ok: parsed.result.ok };
    }, { name, input });

    const listRuns = [];
    for (let i = 0; i < 3; i += 1) listRuns.push(await timedCall('contracts.list', {}));
    const pageRuns = [];
    for (let i = 0; i < 5; i += 1) pageRuns.push(await timedCall('contracts.page', { offset: 0, limit: 200 }));
    const sortedRuns = [];
    for (let i = 0; i < 5; i += 1) sortedRuns.push(await timedCall('contracts.page', { offset: i * 20_000, limit: 200, sort: 'signingDate', ascending: i % 2 === 0 }));
    const best = (runs: { ms: number }[]) => Math.min(...runs.map((r) => r.ms));
    console.log('\n== data path (in the page: request → parsed answer) ==');
    console.log(`baseline contracts.list (all rows):          best ${ms(best(listRuns))}, runs ${listRuns.map((r) => ms(r.ms)).join(', ')}, ${(listRuns[0]!.bytes / 1e6).toFixed(1)} MB`);
    console.log(`contracts.page 200 rows, newest first:       best ${ms(best(pageRuns))}, runs ${pageRuns.map((r) => ms(r.ms)).join(', ')}, ${(pageRuns[0]!.bytes / 1e3).toFixed(0)} kB`);
    console.log(`contracts.page 200 rows, new sort each time: runs ${sortedRuns.map((r) => ms(r.ms)).join(', ')} (each a fresh ordering of ${COUNT.toLocaleString('en')} rows)`);

    // First screen: lock + unlock empties the stores, so the click below loads the first window for real.
    const firstScreens: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await page.getByRole('navigation').getByText('Customers').click();
      await timedCall('vault.lock', {});
      await timedCall('vault.unlock', { vaultDir, passphrase: PASSPHRASE });
      await page.reload();
      await page.getByRole('navigation', { name: 'Main navigation' }).waitFor({ timeout: 60_000 });
      await page.getByRole('navigation').getByText('Customers').click();
      await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
      const elapsed = await page.evaluate(() => new Promise<number>((resolve) => {
        const g = globalThis as unknown as { document: { querySelector(s: string): { click(): void } | null; body: unknown }; performance: { now(): number }; MutationObserver: new (cb: () => void) => { observe(target: unknown, options: unknown): void; disconnect(): void } };
        const item = [...(g.document as unknown as { querySelectorAll(s: string): Iterable<{ textContent: string | null; click(): void }> }).querySelectorAll('nav [role="menuitem"]')].find((el) => el.textContent === 'Contracts');
        const start = g.performance.now();
        const observer = new g.MutationObserver(() => {
          if (g.document.querySelector('.ant-table-tbody .ant-table-row[data-contract-id]')) {
            observer.disconnect();
            resolve(g.performance.now() - start);
          }
        });
        observer.observe(g.document.body, { childList: true, subtree: true });
        item?.click();
      }));
      firstScreens.push(elapsed);
    }
    const sortedFirst = [...firstScreens].sort((a, b) => a - b);
    console.log('\n== first screen (click on "Contracts" → first data row in the DOM) ==');
    console.log(`runs ${firstScreens.map(ms).join(', ')}; median ${ms(quantile(sortedFirst, 0.5))}; target ≤ ${TARGET_FIRST_SCREEN_MS} ms: ${quantile(sortedFirst, 0.5) <= TARGET_FIRST_SCREEN_MS ? 'met' : 'NOT met'}`);

    // Scripted scroll.
    await page.locator('.ant-table-tbody .ant-table-row[data-contract-id]').first().waitFor();
    // A plain script string: tsx would wrap named arrow functions in a helper the page does not have.
    const scroll = await page.evaluate(SCROLL_SCRIPT) as { frames: number[]; sampled: number; withPlaceholders: number; scrolledPx: number; lastRow: string };
    const frames = [...scroll.frames].sort((a, b) => a - b);
    console.log('\n== 5-second scripted scroll (4,000 px/s) ==');
    console.log(`frames ${frames.length}; frame time p50 ${ms(quantile(frames, 0.5))}, p95 ${ms(quantile(frames, 0.95))}, p99 ${ms(quantile(frames, 0.99))}, max ${ms(frames.at(-1) ?? Number.NaN)}`);
    console.log(`frames over 16.7 ms: ${frames.filter((f) => f > 16.7).length}; over 33.4 ms: ${frames.filter((f) => f > 33.4).length}`);
    console.log(`scrolled ${Math.round(scroll.scrolledPx).toLocaleString('en')} px; sampled frames showing a not-yet-loaded row: ${scroll.withPlaceholders} of ${scroll.sampled}; first row at the end: ${scroll.lastRow}`);
    await page.close();
  } finally {
    await browser.close();
    await bridge?.close();
    await backend.dispose();
    await temp.cleanup();
  }
}

await main();
