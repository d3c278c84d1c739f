/**
 * Contracts table benchmark (run: `npm run build:renderer && npm run bench:contracts-table [-- --count 100000]`).
 * Measured in Debian's Chromium (headless, --disable-gpu: software rendering) through the real loopback
 * bridge and a real vault:
 *
 * 1. A vault with `count` contracts, written straight through the repositories (tests/helpers/bulkContracts.ts;
 *    generation is not timed), unlocked through the Backend.
 * 2. Baseline, same run: the previous table's data path, `contracts.list` (every contract in one answer),
 *    fetched and parsed in a page of its own: its wall time and size.
 * 3. `contracts.page` (the first window of 200 rows, newest first, and sorted by signing date), fetched
 *    and parsed in the page.
 * 4. First screen: from a click on "Contracts" in the navigation (the store is emptied first by a lock
 *    and unlock, so the click really loads) to the first data row in the DOM, read in the page
 *    (performance.now around the click and a MutationObserver), 5 times; the target is 300 ms.
 * 5. A 5-second scripted scroll of the virtual table at a steady 4,000 px/s (about 100 rows a second),
 *    one requestAnimationFrame step at a time: frame-time p50 / p95 / p99 / max, frames over 16.7 ms,
 *    over 25 ms (a missed vsync: a dropped frame) and over 33.4 ms, and the share of sampled frames that
 *    showed a row whose window had not arrived yet. Twice per table, alternating, in pages freshly loaded for
 *    the scroll (the app opened, "Contracts" clicked), so no earlier step's garbage is collected during it.
 *
 * Baseline, same run: steps 4 and 5 also run against the renderer of `--baseline-commit` (default 46673b5,
 * the last one with antd's virtual Table), built from `git archive` of that commit into a temp folder
 * (`--no-baseline` skips it). Both renderers talk to the same backend and vault. Before each round, five
 * seconds of frames with nothing scrolling show what the machine's own load drops.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { Backend } from '../../src-main/core/backend.ts';
import { startWebBridge } from '../../src-main/web/webBridge.ts';
import { generateContracts } from '../helpers/bulkContracts.ts';
import { openRawVaultDb } from '../helpers/rawVaultDb.ts';
import { makeTempDir } from '../helpers/tempDir.ts';
import { summariseTrace, TRACE_CATEGORIES } from './chromeTraceSummary.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const countArg = process.argv.indexOf('--count');
const COUNT = countArg > 0 ? Number(process.argv[countArg + 1]) : 100_000;
const PASSPHRASE = 'contracts table bench passphrase';
const TARGET_FIRST_SCREEN_MS = 300;
const baselineArg = process.argv.indexOf('--baseline-commit');
const BASELINE_COMMIT = process.argv.includes('--no-baseline') ? null : baselineArg > 0 ? String(process.argv[baselineArg + 1]) : '46673b5';

/** How the benchmark finds each table's scroll element and rows. */
interface TableShape { name: string; holder: string; row: string; placeholder: string; link: string }
const GRID: TableShape = { name: 'grid (@tanstack/react-virtual)', holder: '.grid-scroll', row: '.grid-row[data-contract-id]', placeholder: '.grid-row[data-placeholder]', link: '.grid-link' };
const ANTD: TableShape = { name: 'baseline: antd virtual Table', holder: '.ant-table-tbody-virtual-holder', row: '.ant-table-tbody .ant-table-row[data-contract-id]', placeholder: '.ant-table-tbody .ant-table-row[data-row-key^="~"]', link: 'a, button' };

/** Builds the renderer of an earlier commit (git archive → temp folder → vite build); returns its dist folder. */
function buildBaseline(commit: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: repoRoot, stdio: 'inherit' });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error'], { cwd: dir, stdio: 'inherit' });
  return join(dir, 'dist', 'renderer');
}

/** Scrolls the virtual table's holder at 4 px/ms for 5 s, one step per animation frame, recording frame times. */
const scrollScript = (shape: TableShape) => `new Promise((resolve) => {
  const holder = document.querySelector('${shape.holder}');
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
      if (document.querySelectorAll('${shape.placeholder}').length > 0) withPlaceholders += 1;
    }
    if (now - begin < 5000) requestAnimationFrame(step);
    else {
      const first = document.querySelector('${shape.row}');
      resolve({ frames, sampled, withPlaceholders, scrolledPx: holder.scrollTop - startTop, lastRow: first ? first.getAttribute('data-contract-id') : '' });
    }
  }
  requestAnimationFrame(step);
})`;

/** Five seconds of animation frames with nothing scrolling: what this machine's load alone drops. */
const IDLE_SCRIPT = `new Promise((resolve) => {
  const frames = [];
  let begin = -1;
  let last = -1;
  function step(now) {
    if (begin < 0) begin = now;
    if (last >= 0) frames.push(now - last);
    last = now;
    if (now - begin < 5000) requestAnimationFrame(step); else resolve(frames);
  }
  requestAnimationFrame(step);
})`;

const ms = (n: number) => `${n.toFixed(1)} ms`;
const ROUNDS = process.argv.includes('--rounds') ? Number(process.argv[process.argv.indexOf('--rounds') + 1]) : 2;
const TRACE = process.argv.includes('--trace');
// --trace-extra a,b: more trace categories (e.g. disabled-by-default-cc.debug for raster and tiles).
const TRACE_EXTRA = process.argv.includes('--trace-extra') ? String(process.argv[process.argv.indexOf('--trace-extra') + 1]).split(',') : [];
// --baseline-dist DIR: the baseline's renderer already built there (saves the build when repeating A/B runs).
const BASELINE_DIST = process.argv.includes('--baseline-dist') ? String(process.argv[process.argv.indexOf('--baseline-dist') + 1]) : null;
// --trace-out DIR: also writes each raw trace (JSON, for chrome://tracing or Perfetto) into DIR.
// --trace-first: traces the first round's scroll of our table too (the first scroll after a load, with its
// window fetches and the page's first major GC), and prints its long tasks.
const TRACE_FIRST = process.argv.includes('--trace-first');
const TRACE_OUT = process.argv.includes('--trace-out') ? String(process.argv[process.argv.indexOf('--trace-out') + 1]) : null;
// --scroll-reloaded: scrolls the pages the first-screen runs reloaded five times (how stop 13 measured), instead
// of freshly loaded ones: their dead documents are still on the heap, to be collected during some later frame.
const SCROLL_RELOADED = process.argv.includes('--scroll-reloaded');
// --browse-first N: before the rounds, each scroll page goes through every page of the navigation N times
// (and opens a contract from the list), as a person works before scrolling: that work's garbage is on the heap.
const BROWSE_FIRST = process.argv.includes('--browse-first') ? Number(process.argv[process.argv.indexOf('--browse-first') + 1]) : 0;
// --browse-pdf FILE: imports FILE (a PDF) into the vault; each browse round also opens it in the viewer and
// turns 10 pages (pdf.js rendering is the heaviest work the renderer does before someone scrolls the list).
const BROWSE_PDF = process.argv.includes('--browse-pdf') ? String(process.argv[process.argv.indexOf('--browse-pdf') + 1]) : null;
const BROWSE_PAGES = 10;
// Options: --count N, --rounds N, --no-baseline, --baseline-commit C, --baseline-shape grid|antd, --baseline-dist DIR, --scroll-only,
// --trace, --trace-extra CATEGORIES, --trace-out DIR, --trace-first, --scroll-reloaded, --browse-first N, --browse-pdf FILE.

/** Writes a raw trace into --trace-out DIR (when given), for chrome://tracing or Perfetto. */
function keepTrace(fileName: string, raw: Buffer): void {
  if (TRACE_OUT === null) return;
  mkdirSync(TRACE_OUT, { recursive: true });
  writeFileSync(join(TRACE_OUT, fileName), raw);
}

/** Frame-time distribution of one run: how many frames fell in each band (vsync is 16.7 ms). */
function distribution(sorted: number[]): string {
  const bands: [string, (f: number) => boolean][] = [
    ['≤16.7', (f) => f <= 16.7], ['16.7–25', (f) => f > 16.7 && f <= 25], ['25–33.4', (f) => f > 25 && f <= 33.4],
    ['33.4–50', (f) => f > 33.4 && f <= 50], ['>50', (f) => f > 50],
  ];
  const counts = bands.map(([label, test]) => `${label}: ${sorted.filter(test).length}`).join(', ');
  const over = sorted.filter((f) => f > 25).map((f) => f.toFixed(1));
  return `distribution (ms) ${counts}; frames over 25 ms: [${over.join(', ')}]`;
}

/** `uptime`'s line, so each run says how busy the machine was. */
function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`;
  }
}
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const temp = await makeTempDir('cvault-table-bench-');
  const backend = new Backend({ actor: 'bench', locale: 'en' });
  const vaultDir = join(temp.dir, 'vault');
  let bridge: Awaited<ReturnType<typeof startWebBridge>> | undefined;
  let baselineBridge: Awaited<ReturnType<typeof startWebBridge>> | undefined;
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
    console.log(uptime());
    console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(1)).join(", ")} on ${os.cpus().length} cores (other work on this machine slows every figure)`);
    console.log(`vault: ${COUNT.toLocaleString('en')} contracts generated in ${ms(performance.now() - generateStart)} (not part of any figure)`);
    const unlockStart = performance.now();
    const unlocked = await backend.invoke('vault.unlock', { vaultDir, passphrase: PASSPHRASE });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    console.log(`unlock (Backend, in process): ${ms(performance.now() - unlockStart)}`);
    let browsePdfContract: string | null = null;
    if (BROWSE_PDF !== null) {
      const imported = await backend.invoke('contracts.import', { paths: [BROWSE_PDF] });
      const outcome = imported.ok ? imported.value[0] : undefined;
      if (outcome?.status !== 'imported') throw new Error(`--browse-pdf: ${BROWSE_PDF} was not imported: ${JSON.stringify(imported.ok ? outcome : imported.error)}`);
      browsePdfContract = outcome.contractId;
      console.log(`--browse-pdf: ${BROWSE_PDF} imported (${outcome.pageCount} pages), the newest contract, so the list's first row`);
    }
    const baselineDist = BASELINE_COMMIT === null ? null : BASELINE_DIST !== null ? BASELINE_DIST : (() => {
      const buildStart = performance.now();
      const dist = buildBaseline(BASELINE_COMMIT, join(temp.dir, 'baseline'));
      console.log(`baseline renderer (${BASELINE_COMMIT}) built in ${ms(performance.now() - buildStart)} (not part of any figure)`);
      return dist;
    })();
    bridge = await startWebBridge({ backend, staticDir: join(repoRoot, 'dist', 'renderer') });
    const bridges: { shape: TableShape; url: string }[] = [{ shape: GRID, url: bridge.appUrl }];
    if (baselineDist !== null) {
      baselineBridge = await startWebBridge({ backend, staticDir: baselineDist });
      // --baseline-shape grid: the baseline is an earlier build of this grid (A/B of a grid change in one run).
      const baselineShape = process.argv.includes('--baseline-shape') && process.argv[process.argv.indexOf('--baseline-shape') + 1] === 'grid'
        ? { ...GRID, name: `baseline: grid at ${BASELINE_COMMIT}` } : ANTD;
      bridges.push({ shape: baselineShape, url: baselineBridge.appUrl });
    }
    // Each page is a new browser context, so its own renderer process and JavaScript heap.
    const openTable = async (shape: TableShape, url: string) => {
      const target = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await target.goto(url);
      await target.getByRole('navigation', { name: 'Main navigation' }).waitFor({ timeout: 120_000 });
      await target.getByRole('navigation').getByText('Contracts').click();
      await target.locator(shape.row).first().waitFor({ timeout: 120_000 });
      return { shape, page: target };
    };
    let pages = [];
    for (const { shape, url } of bridges) pages.push(await openTable(shape, url));
    // The data path runs in a page of its own: parsing `contracts.list` (every contract, ~47 MB, three times)
    // leaves ~125 MB of garbage that V8's memory reducer collects seconds later, in one ~90 ms pause.
    const page = (await openTable(GRID, bridge.appUrl)).page;

    // In-page fetch of one operation: wall time from the request to the parsed result, and the answer's size.
    const timedCallIn = (target: typeof page, name: string, input: unknown) => target.evaluate(async ({ name, input }) => {
      const g = globalThis as unknown as { location: { hash: string }; performance: { now(): number } };
      const token = /token=([0-9a-f]{64})/u.exec(g.location.hash)?.[1] ?? '';
      const start = g.performance.now();
      const response = await fetch('/api/invoke', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name, input }) });
      const text = await response.text();
      const parsed = JSON.parse(text.trim().split('\n').at(-1) ?? '{}') as { result: { ok: boolean } };
      return { ms: g.performance.now() - start, bytes: text.length, ok: parsed.result.ok };
    }, { name, input });
    const timedCall = (name: string, input: unknown) => timedCallIn(page, name, input);

    // --scroll-only (profiling): skips the data path and first-screen figures.
    if (!process.argv.includes('--scroll-only')) {
    const listRuns = [];
    for (let i = 0; i < 3; i += 1) listRuns.push(await timedCall('contracts.list', {}));
    const pageRuns = [];
    for (let i = 0; i < 5; i += 1) pageRuns.push(await timedCall('contracts.page', { offset: 0, limit: 100 }));
    const sortedRuns = [];
    for (let i = 0; i < 5; i += 1) sortedRuns.push(await timedCall('contracts.page', { offset: i * 20_000, limit: 100, sort: 'signingDate', ascending: i % 2 === 0 }));
    const best = (runs: { ms: number }[]) => Math.min(...runs.map((r) => r.ms));
    console.log('\n== data path (in the page: request → parsed answer) ==');
    console.log(`baseline contracts.list (all rows):          best ${ms(best(listRuns))}, runs ${listRuns.map((r) => ms(r.ms)).join(', ')}, ${(listRuns[0]!.bytes / 1e6).toFixed(1)} MB`);
    console.log(`contracts.page 100 rows (a window), newest:  best ${ms(best(pageRuns))}, runs ${pageRuns.map((r) => ms(r.ms)).join(', ')}, ${(pageRuns[0]!.bytes / 1e3).toFixed(0)} kB`);
    console.log(`contracts.page 100 rows, new sort each time: runs ${sortedRuns.map((r) => ms(r.ms)).join(', ')} (each a fresh ordering of ${COUNT.toLocaleString('en')} rows)`);

    // First screen: lock + unlock empties the stores, so the click below loads the first window for real.
    // The two tables take turns, so both see the same machine load.
    const firstScreens = new Map<TableShape, number[]>(pages.map(({ shape }) => [shape, []]));
    for (let i = 0; i < 5; i += 1) {
      for (const { shape, page: target } of pages) {
        await target.getByRole('navigation').getByText('Customers').click();
        await timedCallIn(target, 'vault.lock', {});
        await timedCallIn(target, 'vault.unlock', { vaultDir, passphrase: PASSPHRASE });
        await target.reload();
        await target.getByRole('navigation', { name: 'Main navigation' }).waitFor({ timeout: 60_000 });
        await target.getByRole('navigation').getByText('Customers').click();
        await target.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
        const elapsed = await target.evaluate((rowSelector) => new Promise<number>((resolve) => {
          const g = globalThis as unknown as { document: { querySelector(s: string): { click(): void } | null; body: unknown }; performance: { now(): number }; MutationObserver: new (cb: () => void) => { observe(target: unknown, options: unknown): void; disconnect(): void } };
          const item = [...(g.document as unknown as { querySelectorAll(s: string): Iterable<{ textContent: string | null; click(): void }> }).querySelectorAll('nav [role="menuitem"]')].find((el) => el.textContent === 'Contracts');
          const start = g.performance.now();
          const observer = new g.MutationObserver(() => {
            if (g.document.querySelector(rowSelector)) {
              observer.disconnect();
              resolve(g.performance.now() - start);
            }
          });
          observer.observe(g.document.body, { childList: true, subtree: true });
          item?.click();
        }), shape.row);
        firstScreens.get(shape)?.push(elapsed);
      }
    }
    console.log('\n== first screen (click on "Contracts" → first data row in the DOM) ==');
    for (const [shape, runs] of firstScreens) {
      const sorted = [...runs].sort((a, b) => a - b);
      console.log(`${shape.name}: runs ${runs.map(ms).join(', ')}; median ${ms(quantile(sorted, 0.5))}; target ≤ ${TARGET_FIRST_SCREEN_MS} ms: ${quantile(sorted, 0.5) <= TARGET_FIRST_SCREEN_MS ? 'met' : 'NOT met'}`);
    }

    }
    await page.close();

    // The scroll runs in freshly loaded pages, as a person opens the app and scrolls the list: the first-screen
    // runs above reloaded their pages five times, and the dead documents' heaps are collected later by V8's
    // memory reducer, which is not the table's work. The JS heap in use before the first round is printed.
    if (!process.argv.includes('--scroll-only') && !SCROLL_RELOADED) {
      for (const { page: target } of pages) await target.close();
      const fresh = [];
      for (const { shape, url } of bridges) fresh.push(await openTable(shape, url));
      pages = fresh;
    }
    // --browse-first: a person's work before the scroll (every page, a contract, the viewer's pages).
    const browse = async (shape: TableShape, target: typeof page, round: number) => {
      for (const label of ['Customers', 'Search', 'Backups', 'Settings', 'Contracts']) {
        await target.getByRole('navigation').getByText(label).click();
        await target.waitForTimeout(300);
      }
      await target.locator(shape.row).nth(round % 5).locator(shape.link).first().click();
      await target.waitForTimeout(300);
      if (browsePdfContract !== null) {
        await target.getByRole('navigation').getByText('Contracts').click();
        await target.locator(`${shape.row}[data-contract-id="${browsePdfContract}"]`).locator(shape.link).first().click();
        await target.getByRole('tab', { name: 'Viewer' }).click();
        await target.getByTestId('pdf-page').waitFor({ timeout: 60_000 });
        for (let pageNumber = 2; pageNumber <= BROWSE_PAGES + 1; pageNumber += 1) {
          await target.getByRole('button', { name: 'Next page' }).click();
          await target.locator(`[data-testid="pdf-page"][data-page="${pageNumber}"] .textLayer span`).first().waitFor({ timeout: 60_000 });
          await target.waitForTimeout(150);
        }
      }
      await target.getByRole('navigation').getByText('Contracts').click();
      await target.locator(shape.row).first().waitFor();
    };
    // What the page carries into the scroll: its JS heap in use and DOM nodes (Chromium's Performance metrics).
    const logHeap = async (shape: TableShape, target: typeof page) => {
      const session = await target.context().newCDPSession(target);
      await session.send('Performance.enable');
      const { metrics } = await session.send('Performance.getMetrics');
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
      const nodes = metrics.find((m) => m.name === 'Nodes')?.value ?? Number.NaN;
      console.log(`${shape.name}: ${BROWSE_FIRST > 0 ? `page loaded, then every page visited ${BROWSE_FIRST} times` : 'page freshly loaded for the scroll'}; JS heap in use ${(used / 1e6).toFixed(1)} MB, DOM nodes ${nodes}`);
      await session.detach();
    };
    for (const { shape, page: target } of pages) {
      for (let round = 0; round < BROWSE_FIRST; round += 1) await browse(shape, target, round);
      await logHeap(shape, target);
    }
    const scrollPage = pages[0]!.page;

    // Scripted scroll, ROUNDS times per table (default 2), alternating, each round after an idle floor.
    console.log(`\n== 5-second scripted scroll (4,000 px/s) ==\n${uptime()}`);
    const scrollOnce = async (shape: TableShape, target: typeof page) => {
      await target.locator(shape.row).first().waitFor();
      await target.evaluate(`document.querySelector('${shape.holder}').scrollTop = 0`);
      await target.waitForTimeout(300);
      // A plain script string: tsx would wrap named arrow functions in a helper the page does not have.
      return await target.evaluate(scrollScript(shape)) as { frames: number[]; sampled: number; withPlaceholders: number; scrolledPx: number; lastRow: string };
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      const idle = [...await scrollPage.evaluate(IDLE_SCRIPT) as number[]].sort((a, b) => a - b);
      console.log(`machine floor, run ${round + 1} (5 s of frames, nothing scrolling): frames ${idle.length}; p95 ${ms(quantile(idle, 0.95))}; max ${ms(idle.at(-1) ?? Number.NaN)}; over 25 ms: ${idle.filter((f) => f > 25).length}; over 33.4 ms: ${idle.filter((f) => f > 33.4).length}`);
      console.log(`  ${distribution(idle)}`);
      for (const { shape, page: target } of pages) {
        const traceFirst = TRACE_FIRST && round === 0 && shape === GRID;
        if (traceFirst) await browser.startTracing(target, { categories: [...TRACE_CATEGORIES, ...TRACE_EXTRA] });
        const scroll = await scrollOnce(shape, target);
        if (traceFirst) {
          const raw = await browser.stopTracing();
          keepTrace('trace-first-grid.json', raw);
          const summary = summariseTrace(JSON.parse(raw.toString('utf8')) as Parameters<typeof summariseTrace>[0], 12);
          console.log(`first scroll traced: tasks ≥ 12 ms: ${summary.longTasks.length}`);
          for (const task of summary.longTasks) console.log(`  long task at ${ms(task.atMs)}: ${ms(task.durMs)} — ${task.self.slice(0, 8).map(([n, v]) => `${n} ${v.toFixed(1)}`).join('; ')}`);
        }
        const frames = [...scroll.frames].sort((a, b) => a - b);
        console.log(`${shape.name}, run ${round + 1}: frames ${frames.length}; frame time p50 ${ms(quantile(frames, 0.5))}, p95 ${ms(quantile(frames, 0.95))}, p99 ${ms(quantile(frames, 0.99))}, max ${ms(frames.at(-1) ?? Number.NaN)}`);
        console.log(`  frames over 16.7 ms: ${frames.filter((f) => f > 16.7).length}; over 25 ms (dropped): ${frames.filter((f) => f > 25).length}; over 33.4 ms: ${frames.filter((f) => f > 33.4).length}`);
        console.log(`  ${distribution(frames)}`);
        let at = 0;
        const late: string[] = [];
        for (const f of scroll.frames) {
          at += f;
          if (f > 25) late.push(`${f.toFixed(0)}@${at.toFixed(0)}`);
        }
        console.log(`  frames over 25 ms as duration@ms into the scroll: ${late.join(' ')}`);
        console.log(`  scrolled ${Math.round(scroll.scrolledPx).toLocaleString('en')} px; sampled frames showing a not-yet-loaded row: ${scroll.withPlaceholders} of ${scroll.sampled}; first row at the end: ${scroll.lastRow}`);
      }
    }
    console.log(uptime());

    // --trace: one more scroll of each table under Chromium tracing: what their main threads spent time on.
    // CPU (thread) time does not grow when the thread waits for a core, so it compares tables on a busy machine.
    if (TRACE) {
      for (const { shape, page: target } of pages) {
        await browser.startTracing(target, { categories: [...TRACE_CATEGORIES, ...TRACE_EXTRA] });
        const scroll = await scrollOnce(shape, target);
        const raw = await browser.stopTracing();
        keepTrace(`trace-${shape === GRID ? 'grid' : 'baseline'}.json`, raw);
        const trace = JSON.parse(raw.toString('utf8')) as Parameters<typeof summariseTrace>[0];
        const frames = [...scroll.frames].sort((a, b) => a - b);
        const summary = summariseTrace(trace, 12);
        console.log(`\n== traced scroll of ${shape.name} (tracing itself costs time) ==\nframes ${frames.length}; over 25 ms: ${frames.filter((f) => f > 25).length}; ${distribution(frames)}`);
        console.log(`main thread: ${summary.mainThreadTasks} tasks, wall ${ms(summary.wallMs)}, CPU ${ms(summary.cpuMs)} (of ~5,000 ms scrolled); GC ${ms(summary.gcMs)}; tasks ≥ 12 ms: ${summary.longTasks.length}`);
        const frameCpu = [...summary.frameTaskCpuMs].sort((a, b) => a - b);
        console.log(`main-frame tasks: ${frameCpu.length}; CPU per frame p50 ${ms(quantile(frameCpu, 0.5))}, p95 ${ms(quantile(frameCpu, 0.95))}, max ${ms(frameCpu.at(-1) ?? Number.NaN)}; over 8 ms: ${frameCpu.filter((f) => f > 8).length}; sum ${ms(frameCpu.reduce((a, b) => a + b, 0))}`);
        console.log(`CPU by thread: ${summary.cpuByThread.filter(([, v]) => v >= 5).map(([n, v]) => `${n} ${v.toFixed(0)}`).join('; ')}`);
        console.log(`CPU self time by event: ${summary.cpuByName.slice(0, 14).map(([n, v]) => `${n} ${v.toFixed(1)}`).join('; ')}`);
        for (const task of summary.longTasks.slice(0, 12)) console.log(`  long task at ${ms(task.atMs)}: ${ms(task.durMs)} — ${task.self.slice(0, 5).map(([n, v]) => `${n} ${v.toFixed(1)}`).join('; ')}`);
      }
    }
    for (const { page: target } of pages) await target.close();
  } finally {
    await browser.close();
    await bridge?.close();
    await baselineBridge?.close();
    await backend.dispose();
    await temp.cleanup();
  }
}

await main();
