/**
 * Import throughput benchmark (run: `npm run bench:import`, or `node --import tsx tests/bench/importBench.ts
 * [--files N] [--batch 50] [--no-batches] [--no-split] [--ocr on|off]`). OCR (scanned pages) follows the
 * vault's default unless `--ocr` says otherwise; pdftotext never does OCR, so `--ocr off` is the like-for-like run.
 *
 * Target: importing N (default 1,000) small PDFs from ../shared/corpus/pdfjs runs at no less than 0.5x
 * the rate of `pdftotext` (poppler-utils) over the same files, measured in the same run.
 *
 * "Small" = at most 200 KB and readable by pdftotext (exit 0), chosen untimed, sorted by name, then
 * repeated cyclically to N files; each copy gets `\n%cvbench <index>\n` appended after its bytes (a PDF
 * comment after %%EOF: still a valid PDF, but new bytes, so no copy is a duplicate) and a unique name
 * (so no copy is filed as a new version of another). Inputs live in a temp folder removed at the end.
 *
 * Passes, all over the same N files: pdftotext one process per file (the baseline, run 1);
 * `contracts.import` of all files in one call into a fresh vault (the figure the target is judged on);
 * paired rounds of 50 files, each running pdftotext on the batch, then `contracts.import` of the batch
 * into a second vault, then the per-phase split on the same batch: extraction alone through the same
 * worker pool import uses (`ExtractionPool`, as many files at a time as it has workers), and the
 * encrypted blob writes alone (`BlobStore.write` of the original and of its text, each fsynced as
 * import does, serially); finally pdftotext again (run 2). The machine may be shared, so the faster
 * pdftotext run is the bar, the paired rounds give a load-matched ratio, and CPU times (pdftotext's
 * from /proc, ours for the whole process including its worker threads) give a load-insensitive one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isAppError } from '../../src-shared/api/appError.ts';
import type { ImportOutcome } from '../../src-shared/model/importResult.ts';
import { Backend } from '../../src-main/core/backend.ts';
import { generateDataKey } from '../../src-main/core/crypto/dataKeys.ts';
import { BlobStore } from '../../src-main/core/files/blobStore.ts';
import { ExtractionPool } from '../../src-main/core/ingest/worker/extractionPool.ts';
import { encodeExtractedText, textRecordId } from '../../src-main/core/services/extractedTextBlob.ts';
import { pdfCorpusDir as corpusDir } from '../unit/ingest/corpus.ts';

const SMALL_BYTES = 200 * 1024;
const TARGET_RATIO = 0.5;
const PASSPHRASE = 'bench passphrase for import';
// Selection only: a file pdftotext cannot finish in this long is not "small" in any useful sense.
const SELECT_TIMEOUT_MS = 30_000;

/** `ocr`: null leaves the vault's default (on); true/false sets it on both vaults and on the split's extraction. */
interface Options { files: number; batch: number; batches: boolean; split: boolean; ocr: boolean | null }

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { files: 1000, batch: 50, batches: true, split: true, ocr: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = (): number => {
      const value = Number(argv[++i]);
      if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${arg} needs a positive integer`);
      return value;
    };
    if (arg === '--files') options.files = next();
    else if (arg === '--batch') options.batch = next();
    else if (arg === '--no-batches') options.batches = false;
    else if (arg === '--no-split') options.split = false;
    else if (arg === '--ocr' && (argv[i + 1] === 'on' || argv[i + 1] === 'off')) options.ocr = argv[++i] === 'on';
    else throw new Error(`unknown argument ${arg ?? ''} (use --files N, --batch N, --no-batches, --no-split, --ocr on|off)`);
  }
  return options;
}

/** Peak resident set size over a phase, sampled every 100 ms (plus at start and stop). */
class RssSampler {
  private peak = process.memoryUsage().rss;
  private readonly timer = setInterval(() => this.sample(), 100);

  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

/** Wall time, CPU time of this process and peak RSS of one async phase. */
async function measure<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; peakRss: number }> {
  const sampler = new RssSampler();
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { value, ms, cpuMs: (used.user + used.system) / 1000, peakRss: sampler.stop() };
  } catch (error) {
    sampler.stop();
    throw error;
  }
}

interface Phase { ms: number; cpuMs: number }

const newPhase = (): Phase => ({ ms: 0, cpuMs: 0 });

/** Adds the wall and CPU time of `work` to `phase`. */
async function timePhase(phase: Phase, work: () => Promise<void>): Promise<void> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  phase.ms += performance.now() - start;
  const used = process.cpuUsage(cpu);
  phase.cpuMs += (used.user + used.system) / 1000;
}

/** Runs `pdftotext <file> -` with stdout discarded; resolves with its exit code (null when killed). */
function pdftotext(file: string, timeoutMs?: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('pdftotext', [file, '-'], { stdio: 'ignore' });
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

// The timed baseline runs pdftotext from a small shell loop, one process per file, sequentially: forking
// pdftotext straight from this Node process would charge the baseline for copying our (large, growing)
// address space at every fork, which has nothing to do with pdftotext's speed.
const PDFTOTEXT_LOOP = 'for f in "$@"; do pdftotext "$f" - >/dev/null 2>&1; echo $?; done';

/** Runs `pdftotext <file> -` (stdout discarded) on each file in turn; resolves with the exit codes by value. */
function pdftotextEach(files: readonly string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', PDFTOTEXT_LOOP, 'sh', ...files], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const codes: Record<string, number> = {};
      const lines = out.split('\n').filter((line) => line !== '');
      for (const line of lines) codes[line] = (codes[line] ?? 0) + 1;
      if (code !== 0 || lines.length !== files.length) reject(new Error(`pdftotext loop: exit ${String(code)}, ${lines.length}/${files.length} results`));
      else resolve(codes);
    });
  });
}

const CLOCK_TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time (ms) of this process's finished, waited-for descendants (pdftotext and its shell), from /proc; null off Linux. */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after "(comm)": state is field 3, so cutime (16) and cstime (17) are at offsets 13 and 14.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

const mb = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
const fixed = (value: number, digits = 1): string => value.toFixed(digits);
const rate = (files: number, ms: number): number => (ms > 0 ? files / (ms / 1000) : 0);
const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

/** Counts outcomes by status, failures also by error code. */
function countOutcomes(outcomes: readonly ImportOutcome[]): {
  byStatus: Record<string, number>; failedByCode: Record<string, number>; ocrFiles: number; ocrPages: number;
} {
  const byStatus: Record<string, number> = {};
  const failedByCode: Record<string, number> = {};
  let ocrFiles = 0;
  let ocrPages = 0;
  for (const outcome of outcomes) {
    byStatus[outcome.status] = (byStatus[outcome.status] ?? 0) + 1;
    if (outcome.status === 'failed') failedByCode[outcome.error.code] = (failedByCode[outcome.error.code] ?? 0) + 1;
    if ((outcome.status === 'imported' || outcome.status === 'new-version') && (outcome.ocrPages?.length ?? 0) > 0) {
      ocrFiles++;
      ocrPages += outcome.ocrPages?.length ?? 0;
    }
  }
  return { byStatus, failedByCode, ocrFiles, ocrPages };
}

function describeOutcomes(counts: ReturnType<typeof countOutcomes>): string {
  return `${describeCounts(counts.byStatus)}; failed by code: ${describeCounts(counts.failedByCode)}; OCR ran on ${counts.ocrPages} pages of ${counts.ocrFiles} files`;
}

function describeCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key}=${n}`).join(', ');
}

async function createVault(root: string, name: string, ocr: boolean | null): Promise<{ backend: Backend; vaultDir: string }> {
  const vaultDir = path.join(root, name);
  const backend = new Backend({ actor: 'bench', locale: 'en' });
  const created = await backend.invoke('vault.create', { vaultDir, passphrase: PASSPHRASE, kdf: 'interactive' });
  if (!created.ok) throw new Error(`vault.create failed: ${created.error.code}: ${created.error.message}`);
  if (ocr !== null) {
    const updated = await backend.invoke('settings.update', { ocrEnabled: ocr });
    if (!updated.ok) throw new Error(`settings.update failed: ${updated.error.code}: ${updated.error.message}`);
  }
  return { backend, vaultDir };
}

async function importPaths(backend: Backend, paths: string[]): Promise<ImportOutcome[]> {
  const result = await backend.invoke('contracts.import', { paths });
  if (!result.ok) throw new Error(`contracts.import failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const workRoot = await mkdtemp(path.join(os.tmpdir(), 'cvault-bench-import-'));
  const backends: Backend[] = [];
  try {
    console.log(`Import benchmark: ${options.files} small PDFs from ${corpusDir}; OCR ${options.ocr === null ? 'as the vault default' : options.ocr ? 'on' : 'off'}`);
    console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}, ${os.platform()} ${os.release()}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

    // --- Selection (untimed) ---
    const candidates = (await readdir(corpusDir)).filter((name) => name.toLowerCase().endsWith('.pdf')).sort();
    const sized = (await Promise.all(candidates.map(async (name) => ({ name, size: (await stat(path.join(corpusDir, name))).size }))))
      .filter((file) => file.size > 0 && file.size <= SMALL_BYTES);
    const exits = await mapLimit(sized, os.cpus().length, (file) => pdftotext(path.join(corpusDir, file.name), SELECT_TIMEOUT_MS));
    const selected = sized.filter((_file, index) => exits[index] === 0);
    if (selected.length === 0) throw new Error('no corpus PDF of at most 200 KB that pdftotext reads (is poppler-utils installed?)');
    const selectedBytes = selected.reduce((sum, file) => sum + file.size, 0);
    console.log(`selection: ${candidates.length} PDFs in corpus, ${sized.length} <= 200 KB, ${selected.length} that pdftotext exits 0 on ` +
      `(mean ${fixed(selectedBytes / selected.length / 1024)} KB); repeated to ${options.files} files`);

    // --- Inputs: N unique copies ---
    const inputDir = path.join(workRoot, 'input');
    await mkdir(inputDir);
    const width = String(options.files - 1).length;
    const inputs: { path: string; original: string }[] = [];
    let inputBytes = 0;
    for (let index = 0; index < options.files; index++) {
      const original = selected[index % selected.length]?.name ?? '';
      const bytes = Buffer.concat([await readFile(path.join(corpusDir, original)), Buffer.from(`\n%cvbench ${index}\n`, 'latin1')]);
      const file = path.join(inputDir, `${String(index).padStart(width, '0')}-${original}`);
      await writeFile(file, bytes);
      inputs.push({ path: file, original });
      inputBytes += bytes.length;
    }
    const paths = inputs.map((input) => input.path);
    // Flush the inputs now, untimed, so their writeback does not land on the fsyncs of the timed passes.
    spawnSync('sync');
    console.log(`inputs: ${inputs.length} files, ${mb(inputBytes)} MB in ${inputDir}; RSS before the timed passes ${mb(process.memoryUsage().rss)} MB`);
    console.log('');

    // --- Baseline: pdftotext, one process per file, sequential ---
    const runBaseline = async (label: string) => {
      const cpuBefore = childrenCpuMs();
      const run = await measure(() => pdftotextEach(paths));
      const cpuAfter = childrenCpuMs();
      const childCpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      console.log(`baseline pdftotext ${label} (1 process/file, sequential): ${fixed(run.ms / 1000, 2)} s, ${fixed(rate(paths.length, run.ms))} files/s, ` +
        `${fixed(run.ms / paths.length, 2)} ms/file, CPU ${childCpuMs === null ? 'n/a' : `${fixed(childCpuMs / 1000, 2)} s`}, exit codes: ${describeCounts(run.value)}`);
      return { ...run, childCpuMs };
    };
    const baselineBefore = await runBaseline('run 1');
    let baseline = baselineBefore;
    let baselineRate = rate(paths.length, baseline.ms);

    // --- Ours: one contracts.import call with every file ---
    const single = await createVault(workRoot, 'vault-single', options.ocr);
    backends.push(single.backend);
    const ours = await measure(() => importPaths(single.backend, paths));
    const oursRate = rate(paths.length, ours.ms);
    const oursCounts = countOutcomes(ours.value);
    console.log(`ours contracts.import (1 call, ${paths.length} paths): ${fixed(ours.ms / 1000, 2)} s, ${fixed(oursRate)} files/s, ` +
      `${fixed(ours.ms / paths.length, 2)} ms/file, CPU ${fixed(ours.cpuMs / 1000, 2)} s (${fixed((100 * ours.cpuMs) / ours.ms, 0)}% of wall), ` +
      `peak RSS ${mb(ours.peakRss)} MB`);
    console.log(`  outcomes: ${describeOutcomes(oursCounts)}`);
    await single.backend.dispose();

    // --- Paired rounds: per batch, pdftotext then contracts.import (then the split passes) on the same files ---
    // Pairing each batch with its own pdftotext run keeps the two under the same machine load, which a
    // shared 2-core box changes from minute to minute; the split passes sit in the same rounds for the same reason.
    let rounds: {
      pdftotext: Phase; importing: Phase; extract: Phase; store: Phase; peakRss: number; ratio: number;
      counts: ReturnType<typeof countOutcomes>; extractOk: number; extractFailedByCode: Record<string, number>; slowest: { file: string; ms: number }[];
    } | null = null;
    if (options.batches) {
      const vault = await createVault(workRoot, 'vault-batched', options.ocr);
      backends.push(vault.backend);
      const store = new BlobStore(path.join(workRoot, 'blob-scratch'));
      const pool = new ExtractionPool();
      const phases = { pdftotext: newPhase(), importing: newPhase(), extract: newPhase(), store: newPhase() };
      const outcomes: ImportOutcome[] = [];
      const perOriginal = new Map<string, number>();
      const extractFailedByCode: Record<string, number> = {};
      let extractOk = 0;
      let pdftotextChildCpuMs = 0;
      const sampler = new RssSampler();
      for (let start = 0; start < inputs.length; start += options.batch) {
        const batch = inputs.slice(start, start + options.batch);
        const childCpuBefore = childrenCpuMs();
        await timePhase(phases.pdftotext, async () => {
          await pdftotextEach(batch.map((input) => input.path));
        });
        const childCpuAfter = childrenCpuMs();
        pdftotextChildCpuMs += childCpuBefore === null || childCpuAfter === null ? Number.NaN : childCpuAfter - childCpuBefore;
        await timePhase(phases.importing, async () => {
          outcomes.push(...(await importPaths(vault.backend, batch.map((input) => input.path))));
        });
        if (!options.split) continue;
        // Extraction alone, the way import runs it now: in the extraction worker pool, as many files at a time as it has workers.
        const texts: (string[] | null)[] = batch.map(() => null);
        await timePhase(phases.extract, async () => {
          await mapLimit([...batch.entries()], pool.concurrency, async ([offset, input]) => {
            const started = performance.now();
            try {
              const bytes = await readFile(input.path);
              texts[offset] = (await pool.extract(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path.basename(input.path), { ocr: options.ocr ?? true })).text.pages;
              extractOk++;
            } catch (error) {
              const code = isAppError(error) ? error.code : 'THROWN';
              extractFailedByCode[code] = (extractFailedByCode[code] ?? 0) + 1;
            }
            perOriginal.set(input.original, (perOriginal.get(input.original) ?? 0) + performance.now() - started);
          });
        });
        // The same two blob writes per file that import makes (original, then its text), each fsynced, into a scratch store.
        await timePhase(phases.store, async () => {
          for (const [offset, input] of batch.entries()) {
            const pages = texts[offset];
            if (!pages) continue; // import writes nothing for a file it cannot read
            const bytes = await readFile(input.path);
            const dataKey = await generateDataKey();
            const versionId = `bench-${start + offset}`;
            await store.write(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), dataKey, versionId);
            await store.write(encodeExtractedText(pages), dataKey, textRecordId(versionId));
          }
        });
      }
      const peakRss = sampler.stop();
      await pool.close();
      // This process only waits while pdftotext runs; the CPU that matters is the children's.
      phases.pdftotext.cpuMs = pdftotextChildCpuMs;
      await vault.backend.dispose();
      const slowest = [...perOriginal.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([file, ms]) => ({ file, ms: round(ms, 1) }));
      rounds = {
        ...phases, peakRss, ratio: phases.importing.ms > 0 ? phases.pdftotext.ms / phases.importing.ms : 0,
        counts: countOutcomes(outcomes), extractOk, extractFailedByCode, slowest,
      };
      const n = inputs.length;
      console.log(`paired rounds of ${options.batch} files (per round: pdftotext on the batch, contracts.import of the batch into a second vault` +
        (options.split ? ', then extraction alone and blob storage alone on the same batch' : '') + '):');
      console.log(`  pdftotext (paired): ${fixed(phases.pdftotext.ms / 1000, 2)} s, ${fixed(rate(n, phases.pdftotext.ms))} files/s, ` +
        `CPU ${Number.isNaN(phases.pdftotext.cpuMs) ? 'n/a' : `${fixed(phases.pdftotext.cpuMs / 1000, 2)} s`}`);
      console.log(`  ours contracts.import (${Math.ceil(n / options.batch)} calls of ${options.batch}): ${fixed(phases.importing.ms / 1000, 2)} s, ` +
        `${fixed(rate(n, phases.importing.ms))} files/s, CPU ${fixed(phases.importing.cpuMs / 1000, 2)} s ` +
        `(${fixed((100 * phases.importing.cpuMs) / phases.importing.ms, 0)}% of wall); ratio vs paired pdftotext ${fixed(rounds.ratio, 3)}x` +
        (Number.isNaN(phases.pdftotext.cpuMs) ? '' : `, CPU-time ratio ${fixed(phases.pdftotext.cpuMs / phases.importing.cpuMs, 3)}x`));
      console.log(`  outcomes: ${describeOutcomes(rounds.counts)}; peak RSS over the rounds ${mb(peakRss)} MB`);
      if (options.split) {
        const importMs = phases.importing.ms;
        const overMs = importMs - phases.extract.ms;
        const share = (ms: number): string => `${fixed((100 * ms) / importMs, 0)}%`;
        const imported = rounds.counts.byStatus['imported'] ?? 0;
        console.log(`  where the import time goes (wall, share of the paired import ${fixed(importMs / 1000, 2)} s; CPU of the whole process in brackets):`);
        console.log(`    extraction alone in the worker pool (${pool.concurrency} workers, as import runs it): ${fixed(phases.extract.ms / 1000, 2)} s ${share(phases.extract.ms)} ` +
          `[CPU ${fixed(phases.extract.cpuMs / 1000, 2)} s], ${fixed(rate(n, phases.extract.ms))} files/s; ok=${extractOk}, refused: ${describeCounts(extractFailedByCode)}`);
        console.log(`    import on top of extraction (storage, SQLite, metadata/classification, main-thread work not hidden behind the workers): ` +
          `${fixed(overMs / 1000, 2)} s ${share(overMs)} [CPU ${fixed((phases.importing.cpuMs - phases.extract.cpuMs) / 1000, 2)} s], ` +
          `${fixed(overMs / Math.max(1, imported), 2)} ms/imported file` + (overMs < 0 ? ' (negative: machine load changed between the passes)' : ''));
        console.log(`    for scale, blob storage alone, serial (2 encrypted blobs/file, fsync file + dir each): ${fixed(phases.store.ms / 1000, 2)} s ` +
          `[CPU ${fixed(phases.store.cpuMs / 1000, 2)} s], ${fixed(phases.store.ms / Math.max(1, extractOk), 2)} ms/file`);
        console.log(`    slowest originals in extraction (total ms over their copies): ${slowest.map((x) => `${x.file} ${fixed(x.ms, 0)}`).join(', ')}`);
      }
    }

    // --- Baseline again: the machine may be shared, so the faster of two runs (the harder bar for us) is the one compared ---
    const baselineAfter = await runBaseline('run 2');
    if (baselineAfter.ms < baseline.ms) baseline = baselineAfter;
    baselineRate = rate(paths.length, baseline.ms);
    const ratio = baselineRate > 0 ? oursRate / baselineRate : 0;
    console.log(`process peak RSS (getrusage maxrss, whole run): ${mb(process.resourceUsage().maxRSS * 1024)} MB`);

    const baselineCpuMs = [baselineBefore.childCpuMs, baselineAfter.childCpuMs].filter((v): v is number => v !== null);
    const cpuRatio = baselineCpuMs.length > 0 && ours.cpuMs > 0 ? Math.min(...baselineCpuMs) / ours.cpuMs : null;
    if (cpuRatio !== null) {
      console.log(`CPU-time view (less sensitive to other load): pdftotext ${fixed(Math.min(...baselineCpuMs) / 1000, 2)} s CPU vs ours (1 call) ` +
        `${fixed(ours.cpuMs / 1000, 2)} s CPU (all threads of this process) for ${paths.length} files: ratio ${fixed(cpuRatio, 3)}x`);
    }
    const met = ratio >= TARGET_RATIO;
    console.log('');
    console.log(`summary: pdftotext ${fixed(baselineRate)} files/s (faster of 2 full runs) | ours, 1 call of ${paths.length}: ${fixed(oursRate)} files/s | ratio ${fixed(ratio, 3)}x` +
      (rounds ? ` | paired rounds of ${options.batch}: pdftotext ${fixed(rate(paths.length, rounds.pdftotext.ms))} vs ours ${fixed(rate(paths.length, rounds.importing.ms))} files/s, ratio ${fixed(rounds.ratio, 3)}x` : ''));
    console.log(`target met: ${met ? 'yes' : 'no'} (one contracts.import call of ${paths.length} files >= ${TARGET_RATIO}x pdftotext rate: ${fixed(ratio, 3)}x)`);
    if (rounds) console.log(`target met (paired rounds of ${options.batch}): ${rounds.ratio >= TARGET_RATIO ? 'yes' : 'no'} (${fixed(rounds.ratio, 3)}x)`);
    console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes on this machine skew wall-clock figures)`);

    const phaseJson = (phase: Phase) => ({ seconds: round(phase.ms / 1000), cpuSeconds: round(phase.cpuMs / 1000) });
    const json = {
      bench: 'import',
      files: paths.length,
      distinctOriginals: selected.length,
      inputMB: round(inputBytes / (1024 * 1024), 2),
      cores: os.cpus().length,
      loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)),
      baseline: {
        tool: 'pdftotext', seconds: round(baseline.ms / 1000), filesPerSec: round(baselineRate, 2), exitCodes: baseline.value,
        runsSeconds: [round(baselineBefore.ms / 1000), round(baselineAfter.ms / 1000)],
        runsCpuSeconds: [baselineBefore.childCpuMs, baselineAfter.childCpuMs].map((v) => (v === null ? null : round(v / 1000))),
      },
      cpuTimeRatio: cpuRatio === null ? null : round(cpuRatio),
      ours: {
        seconds: round(ours.ms / 1000), filesPerSec: round(oursRate, 2), cpuSeconds: round(ours.cpuMs / 1000), peakRssMB: round(ours.peakRss / 1048576, 1),
        outcomes: oursCounts.byStatus, failedByCode: oursCounts.failedByCode, ocrFiles: oursCounts.ocrFiles, ocrPages: oursCounts.ocrPages,
      },
      ocr: options.ocr === null ? 'vault default' : options.ocr ? 'on' : 'off',
      rounds: rounds && {
        batchSize: options.batch, pdftotext: phaseJson(rounds.pdftotext), import: phaseJson(rounds.importing),
        cpuTimeRatio: Number.isNaN(rounds.pdftotext.cpuMs) ? null : round(rounds.pdftotext.cpuMs / rounds.importing.cpuMs),
        filesPerSec: round(rate(paths.length, rounds.importing.ms), 2), ratio: round(rounds.ratio), peakRssMB: round(rounds.peakRss / 1048576, 1),
        outcomes: rounds.counts.byStatus, failedByCode: rounds.counts.failedByCode, ocrFiles: rounds.counts.ocrFiles, ocrPages: rounds.counts.ocrPages,
        split: options.split ? {
          extract: phaseJson(rounds.extract), store: phaseJson(rounds.store),
          importOverExtractionSeconds: round((rounds.importing.ms - rounds.extract.ms) / 1000),
          extractOk: rounds.extractOk, extractRefusedByCode: rounds.extractFailedByCode, slowestOriginals: rounds.slowest,
        } : null,
      },
      processMaxRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
      ratio: round(ratio),
      target: TARGET_RATIO,
      targetMet: met,
    };
    console.log(`BENCH_JSON ${JSON.stringify(json)}`);
  } finally {
    for (const backend of backends) await backend.dispose().catch(() => undefined);
    await rm(workRoot, { recursive: true, force: true });
  }
}

await main();
