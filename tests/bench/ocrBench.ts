/**
 * OCR throughput and accuracy on generated A4 pages at 300 DPI (about 30 lines of 11 pt text), English
 * and Simplified Chinese: tesseract.js with each language-data variant (4.0.0_best_int, 4.0.0) on 1 and
 * 2 workers, one scanned-PDF run (render + OCR), and as the baseline in the same run the Debian
 * `tesseract` CLI on the same images, one process per page as a user's script would run it.
 * Run: node --import tsx tests/bench/ocrBench.ts [pagesPerLanguage=4]   (prints figures, asserts nothing)
 * Baseline: apt-get install -y tesseract-ocr tesseract-ocr-chi-sim
 */
import { execFile } from 'node:child_process';
import { childrenCpuSeconds } from './childrenCpuSeconds.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { distance } from 'fastest-levenshtein';
import { createOcrEngine } from '../../src-main/core/ingest/ocr/ocrEngine.ts';
import type { OcrEngine } from '../../src-main/core/ingest/ocr/ocrEngine.ts';
import type { OcrDataVariant } from '../../src-main/core/ingest/ocr/ocrLanguageData.ts';
import { cleanOcrText } from '../../src-main/core/ingest/ocr/ocrTextCleanup.ts';
import { ocrScannedPages } from '../../src-main/core/ingest/ocr/scannedPdfOcr.ts';
import { makeScannedPdf } from '../fixtures/ocr/makeScannedPdf.ts';
import { makeTextImage } from '../fixtures/ocr/makeTextImage.ts';

const run = promisify(execFile);
const pagesPerLanguage = Number(process.argv[2] ?? 4);
const A4_300DPI = { width: 2480, height: 3508 };
const LINES_PER_PAGE = 30;

// A small deterministic generator, so every run OCRs the same pages.
let seed = 20240301;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const englishWords = 'agreement party supplier customer shall pay invoice within days term renewal notice written termination breach confidential information services goods delivery price amount currency payment schedule liability indemnify warranty governing law dispute arbitration effective date signed behalf company limited authorised representative obligations clause annex schedule amendment'.split(' ');
const chineseWords = '合同 甲方 乙方 双方 约定 付款 期限 为 三十日 服务 费用 人民币 万元 违约 责任 保密 信息 交付 验收 质量 保证 争议 仲裁 生效 签订 日期 有限公司 授权 代表 附件 条款 变更 终止 通知 书面 履行 义务 北京 上海 深圳'.split(' ');

function englishLine(): string {
  const words: string[] = [];
  while (words.join(' ').length < 62) words.push(pick(englishWords));
  const line = words.join(' ');
  return `${line.charAt(0).toUpperCase()}${line.slice(1)} ${Math.floor(random() * 900 + 100)}.`;
}

function chineseLine(): string {
  let line = '';
  while (line.length < 30) line += pick(chineseWords);
  return `${line}，金额${Math.floor(random() * 90 + 10)}万元。`;
}

interface Page {
  language: 'English' | 'Chinese';
  truth: string;
  png: Uint8Array;
}

function makePage(language: Page['language']): Page {
  const lines = Array.from({ length: LINES_PER_PAGE }, language === 'English' ? englishLine : chineseLine);
  // 46 px at 300 DPI is 11 pt text.
  const png = makeTextImage(lines, { ...A4_300DPI, fontSize: 46, margin: 200 });
  return { language, truth: lines.join('\n'), png };
}

const noSpace = (text: string): string => text.replace(/\s+/g, '');

/** Character error rate: edit distance over the length of the truth, whitespace ignored (Chinese has none). */
function characterErrorRate(pages: readonly Page[], texts: readonly string[]): number {
  let errors = 0;
  let length = 0;
  pages.forEach((page, i) => {
    errors += distance(noSpace(page.truth), noSpace(texts[i] ?? ''));
    length += noSpace(page.truth).length;
  });
  return errors / length;
}

/** CPU seconds used by this process, all threads (the OCR workers are threads of it). */
function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

// The machine may be shared (other test runs): CPU seconds per page are reported beside wall-clock
// pages/s, since they hardly move with contention and so compare configurations fairly.
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

const pages = { English: Array.from({ length: pagesPerLanguage }, () => makePage('English')), Chinese: Array.from({ length: pagesPerLanguage }, () => makePage('Chinese')) };
const rate = (count: number, ms: number): string => (count / (ms / 1000)).toFixed(3);
const percent = (value: number): string => `${(value * 100).toFixed(2)}%`;

console.log(`OCR bench: ${pagesPerLanguage} English + ${pagesPerLanguage} Chinese generated A4 pages at 300 DPI (${A4_300DPI.width}x${A4_300DPI.height}, ${LINES_PER_PAGE} lines of 11 pt text), languages eng+chi_sim`);

async function warmUp(engine: OcrEngine): Promise<number> {
  const started = performance.now();
  // One small job per worker starts them all, so start-up is reported apart from throughput.
  await Promise.all(Array.from({ length: engine.workers }, () => engine.recognize(makeTextImage(['Warm up 预热合同']))));
  return performance.now() - started;
}

for (const variant of ['4.0.0_best_int', '4.0.0'] as OcrDataVariant[]) {
  for (const workers of [1, 2]) {
    const engine = createOcrEngine({ workers, variant, pageTimeoutMs: 600_000 });
    peakRss = process.memoryUsage().rss;
    const startMs = await warmUp(engine);
    const figures: string[] = [];
    for (const language of ['English', 'Chinese'] as const) {
      const set = pages[language];
      const cpuBefore = ownCpuSeconds();
      const started = performance.now();
      const results = await Promise.all(set.map((page) => engine.recognize(page.png)));
      const ms = performance.now() - started;
      const cpu = (ownCpuSeconds() - cpuBefore) / set.length;
      const confidence = results.reduce((sum, r) => sum + r.confidence, 0) / results.length;
      figures.push(`${language} ${rate(set.length, ms)} pages/s (${(ms / set.length / 1000).toFixed(1)} s/page wall, ${cpu.toFixed(1)} CPU s/page), CER ${percent(characterErrorRate(set, results.map((r) => r.text)))}, confidence ${confidence.toFixed(0)}`);
    }
    await engine.terminate();
    console.log(`tesseract.js ${variant}, ${workers} worker(s): start ${(startMs / 1000).toFixed(1)} s, peak RSS ${(peakRss / 1e6).toFixed(0)} MB`);
    for (const line of figures) console.log(`  ${line}`);
  }
}

// The scanned-PDF path end to end (render at 300 DPI with pdf.js + OCR), default data, 2 workers.
{
  const engine = createOcrEngine({ workers: 2, pageTimeoutMs: 600_000 });
  await warmUp(engine);
  const set = pages.English;
  const pdf = await makeScannedPdf(set.map((page) => page.png), { dpi: 300 });
  const cpuBefore = ownCpuSeconds();
  const started = performance.now();
  const result = await ocrScannedPages(pdf, 'bench.pdf', set.map(() => ''), { engine });
  const ms = performance.now() - started;
  const cpu = (ownCpuSeconds() - cpuBefore) / set.length;
  await engine.terminate();
  console.log(`scanned PDF (English, render 300 DPI + OCR, best_int, 2 workers): ${rate(result.ocrPages.length, ms)} pages/s (${cpu.toFixed(1)} CPU s/page), CER ${percent(characterErrorRate(set, result.pages))}`);
}
clearInterval(sampler);

// Baseline: the native tesseract CLI from Debian, one process per page.
try {
  const { stdout: version } = await run('tesseract', ['--version']);
  const { stdout: languages } = await run('tesseract', ['--list-langs']);
  if (!/^chi_sim$/m.test(languages) || !/^eng$/m.test(languages)) throw new Error(`tesseract lacks eng or chi_sim (has: ${languages.split('\n').slice(1).join(' ')})`);
  const dir = await mkdtemp(path.join(tmpdir(), 'cvault-ocr-bench-'));
  try {
    console.log(`baseline: ${version.split('\n')[0] ?? 'tesseract'} CLI (Debian tessdata), one process per page, -l eng+chi_sim`);
    const files = new Map<Page, string>();
    for (const language of ['English', 'Chinese'] as const) {
      for (const [i, page] of pages[language].entries()) {
        const file = path.join(dir, `${language}-${i}.png`);
        await writeFile(file, page.png);
        files.set(page, file);
      }
    }
    const modes = [
      { label: 'one process at a time, OpenMP default threads', parallel: 1, env: process.env },
      { label: 'one process at a time, OMP_THREAD_LIMIT=1', parallel: 1, env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
      { label: 'two processes at a time, OMP_THREAD_LIMIT=1 (like 2 workers)', parallel: 2, env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
    ];
    for (const mode of modes) {
      const figures: string[] = [];
      for (const language of ['English', 'Chinese'] as const) {
        const set = pages[language];
        const texts: string[] = [];
        let next = 0;
        const cpuBefore = childrenCpuSeconds();
        const started = performance.now();
        await Promise.all(Array.from({ length: mode.parallel }, async () => {
          while (next < set.length) {
            const index = next++;
            const { stdout } = await run('tesseract', [files.get(set[index] as Page) ?? '', '-', '-l', 'eng+chi_sim'], { env: mode.env, maxBuffer: 64 * 1024 * 1024 });
            texts[index] = cleanOcrText(stdout);
          }
        }));
        const ms = performance.now() - started;
        const cpu = (childrenCpuSeconds() - cpuBefore) / set.length;
        figures.push(`${language} ${rate(set.length, ms)} pages/s (${(ms / set.length / 1000).toFixed(1)} s/page wall, ${cpu.toFixed(1)} CPU s/page), CER ${percent(characterErrorRate(set, texts))}`);
      }
      console.log(`  ${mode.label}`);
      for (const line of figures) console.log(`    ${line}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.log(`baseline: tesseract CLI not available (${reason.split('\n')[0]}); install it with: apt-get install -y tesseract-ocr tesseract-ocr-chi-sim`);
}
