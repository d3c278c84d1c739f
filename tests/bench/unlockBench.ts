/**
 * Unlock-time benchmark (run: `npm run bench:unlock`, or `node --import tsx tests/bench/unlockBench.ts
 * [--contracts N] [--batch 500] [--runs 5]`).
 *
 * Target: the unlock of a vault holding N (default 10,000) contracts, excluding the Argon2id step.
 *
 * The vault is built fresh on every run (nothing cached between runs) through the real import path:
 * N distinct generated contract texts (~700 words each, .txt) imported with `contracts.import` in
 * batches. Then the vault is locked, the vault key is unwrapped once with `unlockWithPassphrase` (the
 * Argon2id step, timed and printed but excluded), and `VaultSession.open` (lock file, subkeys, SQLCipher
 * open, quick_check, migrate, orphan sweep) plus `close()` is timed `--runs` times. The baseline, in the
 * same run, is the same open on an empty vault; the breakdown times each step of the open separately
 * on the N-contract vault. Numbers are with a warm OS page cache (the vault was just written).
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3-multiple-ciphers';
import { Backend } from '../../src-main/core/backend.ts';
import { openVaultDatabase } from '../../src-main/core/db/connection.ts';
import { migrate } from '../../src-main/core/db/migrate.ts';
import { listReferencedBlobIds } from '../../src-main/core/db/repositories/fileVersionRepository.ts';
import { BlobStore } from '../../src-main/core/files/blobStore.ts';
import { VaultSession } from '../../src-main/core/session/vaultSession.ts';
import { deriveSubkeys } from '../../src-main/core/vault/subkeys.ts';
import { acquireVaultLock } from '../../src-main/core/vault/vaultLock.ts';
import { unlockWithPassphrase } from '../../src-main/core/vault/vaultKeys.ts';

const PASSPHRASE = 'bench passphrase for unlock';
const WORDS_PER_CONTRACT = 700;

interface Options { contracts: number; batch: number; runs: number }

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { contracts: 10_000, batch: 500, runs: 5 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = Number(argv[i + 1]);
    const positive = Number.isSafeInteger(value) && value >= 1;
    if (arg === '--contracts' && Number.isSafeInteger(value) && value >= 0) options.contracts = value;
    else if (arg === '--batch' && positive) options.batch = Math.min(value, 10_000);
    else if (arg === '--runs' && positive) options.runs = value;
    else throw new Error(`bad argument ${arg ?? ''} ${argv[i + 1] ?? ''} (use --contracts N, --batch N, --runs N)`);
    i++;
  }
  return options;
}

/** Small deterministic PRNG (mulberry32): the same N contracts on every run, each one different. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firms = ['Acme', 'Northwind', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Soylent', 'Stark', 'Wayne', 'Cyberdyne', 'Tyrell'];
const forms = ['Ltd', 'GmbH', 'S.A.', 'LLC', 'Co., Ltd.', 'B.V.'];
const subjects = ['software maintenance', 'office lease', 'consulting services', 'equipment supply', 'cleaning services', 'logistics', 'website hosting', 'marketing support'];
const clauses = [
  'The Supplier shall perform the Services with reasonable skill and care and in accordance with good industry practice.',
  'The Customer shall pay each undisputed invoice within thirty (30) days of the date of receipt.',
  'Either party may terminate this Agreement by giving not less than ninety (90) days written notice to the other party.',
  'Each party shall keep confidential all information disclosed by the other party and use it only for the purposes of this Agreement.',
  'Neither party shall be liable for any indirect or consequential loss, loss of profit or loss of goodwill.',
  'This Agreement shall be governed by and construed in accordance with the laws of the jurisdiction stated above.',
  'Any dispute arising out of this Agreement shall first be referred to the senior management of both parties.',
  'The Supplier shall maintain adequate insurance cover with a reputable insurer for the duration of this Agreement.',
  'No variation of this Agreement shall be effective unless it is in writing and signed by both parties.',
  'The fees are exclusive of value added tax, which shall be payable in addition at the applicable rate.',
  'Force majeure events shall suspend the affected obligations for as long as the event continues.',
  'The Customer grants the Supplier a non-exclusive licence to use its materials solely to provide the Services.',
];

/** One distinct contract of about WORDS_PER_CONTRACT words. */
function contractText(index: number): string {
  const random = prng(index + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const party = (): string => `${pick(firms)} ${pick(firms)} ${pick(forms)}`;
  const year = 2015 + Math.floor(random() * 11);
  const amount = (1000 + Math.floor(random() * 500_000)).toLocaleString('en-US');
  const lines = [
    `CONTRACT No. CV-${year}-${String(index).padStart(6, '0')}`,
    `${pick(subjects).toUpperCase()} AGREEMENT between ${party()} ("the Customer") and ${party()} ("the Supplier"),`,
    `signed on ${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}, total value EUR ${amount}.`,
  ];
  let words = lines.join(' ').split(/\s+/).length;
  let section = 1;
  while (words < WORDS_PER_CONTRACT) {
    const clause = `${section}. ${pick(clauses)} Reference ${index}-${section}-${Math.floor(random() * 1e6)}.`;
    lines.push(clause);
    words += clause.split(/\s+/).length;
    section++;
  }
  return `${lines.join('\n')}\n`;
}

const ms = (value: number): string => value.toFixed(1);
const mb = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

function stats(values: readonly number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { min: sorted[0] ?? 0, median, max: sorted.at(-1) ?? 0 };
}

function describe(values: readonly number[]): string {
  const s = stats(values);
  return `min ${ms(s.min)} / median ${ms(s.median)} / max ${ms(s.max)} ms`;
}

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

async function diskUsage(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = await diskUsage(full);
      bytes += inner.bytes;
      files += inner.files;
    } else if (entry.isFile()) {
      bytes += (await stat(full)).size;
      files++;
    }
  }
  return { bytes, files };
}

async function createVault(vaultDir: string): Promise<Backend> {
  const backend = new Backend({ actor: 'bench', locale: 'en' });
  const created = await backend.invoke('vault.create', { vaultDir, passphrase: PASSPHRASE, kdf: 'interactive' });
  if (!created.ok) throw new Error(`vault.create failed: ${created.error.code}: ${created.error.message}`);
  return backend;
}

async function lockVault(backend: Backend): Promise<void> {
  const locked = await backend.invoke('vault.lock', {});
  if (!locked.ok) throw new Error(`vault.lock failed: ${locked.error.code}`);
}

/** Times `runs` full VaultSession.open + close cycles with an already unwrapped key. */
async function timeOpens(dir: string, vaultId: string, vaultKey: Uint8Array, runs: number): Promise<{ open: number[]; close: number[] }> {
  const open: number[] = [];
  const close: number[] = [];
  for (let run = 0; run < runs; run++) {
    const [session, openMs] = await timed(() => VaultSession.open(dir, vaultId, vaultKey));
    const [, closeMs] = await timed(() => session.close());
    open.push(openMs);
    close.push(closeMs);
  }
  return { open, close };
}

/** Each step of VaultSession.open done by hand, timed on its own, `runs` times (the vault lock held throughout). */
async function openBreakdown(dir: string, vaultKey: Uint8Array, runs: number) {
  const steps: Record<string, number[]> = {
    'vault lock acquire': [], 'subkeys (crypto_kdf)': [], 'SQLCipher open incl. quick_check': [],
    'raw open, no quick_check': [], 'PRAGMA quick_check alone': [], 'quick_check again (same connection)': [], 'migrate (no-op)': [], 'referenced blob ids (SQL)': [], 'blob listing (listBlobIds)': [], 'sweep (listing + compare)': [],
    'db close': [], 'vault lock release': [],
  };
  const add = (name: string, value: number): void => {
    steps[name]?.push(value);
  };
  let referenced = 0;
  let listed = 0;
  let pages = { pageCount: 0, pageSize: 0, cacheSize: 0 };
  for (let run = 0; run < runs; run++) {
    const [lock, lockMs] = await timed(() => acquireVaultLock(dir));
    add('vault lock acquire', lockMs);
    try {
      const [keys, keysMs] = await timed(() => deriveSubkeys(vaultKey));
      add('subkeys (crypto_kdf)', keysMs);
      // quick_check alone, on a fresh connection: the same key and pragmas as connection.ts, without its quick_check.
      // (On an already open connection it may find pages SQLite has already decrypted and cached, if they fit its cache.)
      const [raw, rawMs] = await timed(() => {
        const handle = new Database(path.join(dir, 'vault.db'));
        handle.pragma(`cipher='sqlcipher'`);
        handle.pragma('legacy=4');
        handle.pragma(`key="x'${Buffer.from(keys.database).toString('hex')}'"`);
        handle.prepare('SELECT count(*) FROM sqlite_master').get();
        for (const pragma of ['journal_mode=WAL', 'synchronous=FULL', 'foreign_keys=ON', 'secure_delete=ON', 'busy_timeout=5000']) handle.pragma(pragma);
        return handle;
      });
      try {
        add('raw open, no quick_check', rawMs);
        pages = {
          pageCount: Number(raw.pragma('page_count', { simple: true })),
          pageSize: Number(raw.pragma('page_size', { simple: true })),
          cacheSize: Number(raw.pragma('cache_size', { simple: true })),
        };
        const [check, checkMs] = await timed(() => raw.pragma('quick_check', { simple: true }));
        if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
        add('PRAGMA quick_check alone', checkMs);
        add('quick_check again (same connection)', (await timed(() => raw.pragma('quick_check', { simple: true })))[1]);
      } finally {
        raw.close();
      }
      const [db, openMs] = await timed(() => openVaultDatabase(path.join(dir, 'vault.db'), keys.database));
      add('SQLCipher open incl. quick_check', openMs);
      try {
        add('migrate (no-op)', (await timed(() => migrate(db)))[1]);
        const [ids, idsMs] = await timed(() => listReferencedBlobIds(db));
        add('referenced blob ids (SQL)', idsMs);
        referenced = ids.size;
        const blobs = new BlobStore(dir);
        const [onDisk, listMs] = await timed(() => blobs.listBlobIds());
        add('blob listing (listBlobIds)', listMs);
        listed = onDisk.length;
        const [swept, sweepMs] = await timed(() => blobs.sweep(ids));
        if (swept.removedBlobs !== 0) throw new Error(`sweep removed ${swept.removedBlobs} blobs from a consistent vault`);
        add('sweep (listing + compare)', sweepMs);
      } finally {
        add('db close', (await timed(() => db.close()))[1]);
      }
    } finally {
      add('vault lock release', (await timed(() => lock.release()))[1]);
    }
  }
  return { steps, referenced, listed, pages };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const root = await mkdtemp(path.join(os.tmpdir(), 'cvault-bench-unlock-'));
  const backends: Backend[] = [];
  try {
    console.log(`Unlock benchmark: vault with ${options.contracts} contracts, ${options.runs} runs`);
    console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}, ${os.platform()} ${os.release()}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

    // --- Build the N-contract vault through the real import path ---
    const vaultDir = path.join(root, 'vault');
    const inputDir = path.join(root, 'input');
    const backend = await createVault(vaultDir);
    backends.push(backend);
    let importMs = 0;
    let inputBytes = 0;
    const batchRates: number[] = [];
    const buildStart = performance.now();
    for (let start = 0; start < options.contracts; start += options.batch) {
      const end = Math.min(start + options.batch, options.contracts);
      await mkdir(inputDir, { recursive: true });
      const paths: string[] = [];
      for (let index = start; index < end; index++) {
        const file = path.join(inputDir, `contract-${String(index).padStart(6, '0')}.txt`);
        const text = contractText(index);
        await writeFile(file, text);
        inputBytes += Buffer.byteLength(text);
        paths.push(file);
      }
      const [result, batchMs] = await timed(() => backend.invoke('contracts.import', { paths }));
      if (!result.ok) throw new Error(`contracts.import failed: ${result.error.code}: ${result.error.message}`);
      const notImported = result.value.filter((outcome) => outcome.status !== 'imported');
      if (notImported.length > 0) throw new Error(`${notImported.length} files not imported, first: ${JSON.stringify(notImported[0])}`);
      importMs += batchMs;
      batchRates.push(paths.length / (batchMs / 1000));
      await rm(inputDir, { recursive: true, force: true });
      const done = end;
      if (batchRates.length === 1 || done === options.contracts || Math.floor(done / (options.contracts / 10)) !== Math.floor(start / (options.contracts / 10))) {
        console.log(`  built ${done}/${options.contracts}: this batch ${(batchRates.at(-1) ?? 0).toFixed(1)} files/s`);
      }
    }
    const buildMs = performance.now() - buildStart;
    await lockVault(backend);
    const buildRate = options.contracts / (importMs / 1000);
    console.log(`build: ${options.contracts} contracts (${mb(inputBytes)} MB of text, ~${WORDS_PER_CONTRACT} words each) in ${(buildMs / 1000).toFixed(1)} s ` +
      `(import ${(importMs / 1000).toFixed(1)} s, ${buildRate.toFixed(1)} files/s; first batch ${(batchRates[0] ?? 0).toFixed(1)} files/s, last ${(batchRates.at(-1) ?? 0).toFixed(1)} files/s)`);
    const usage = await diskUsage(vaultDir);
    const dbUsage = (await Promise.all(['vault.db', 'vault.db-wal'].map((name) => stat(path.join(vaultDir, name)).then((s) => s.size, () => 0))))
      .reduce((a, b) => a + b, 0);
    const blobFiles = (await new BlobStore(vaultDir).listBlobIds()).length;
    console.log(`vault on disk: ${mb(usage.bytes)} MB in ${usage.files} files; vault.db ${mb(dbUsage)} MB; ${blobFiles} blob files`);
    console.log('');

    // --- Argon2id (excluded), then the timed opens ---
    const [unlocked, argonMs] = await timed(() => unlockWithPassphrase(vaultDir, PASSPHRASE));
    const { vaultKey, header } = unlocked;
    console.log(`Argon2id (excluded): unlockWithPassphrase ${ms(argonMs)} ms (interactive preset; header read + slot unwrap)`);
    const full = await timeOpens(vaultDir, header.vaultId, vaultKey, options.runs);
    console.log(`unlock excl. Argon2id, ${options.contracts} contracts: VaultSession.open ${describe(full.open)}`);
    console.log(`  close(): ${describe(full.close)}`);

    // --- Baseline: the same open on an empty vault ---
    const emptyDir = path.join(root, 'empty-vault');
    const emptyBackend = await createVault(emptyDir);
    backends.push(emptyBackend);
    await lockVault(emptyBackend);
    const emptyUnlocked = await unlockWithPassphrase(emptyDir, PASSPHRASE);
    const empty = await timeOpens(emptyDir, emptyUnlocked.header.vaultId, emptyUnlocked.vaultKey, options.runs);
    emptyUnlocked.vaultKey.fill(0);
    console.log(`baseline, empty vault (0 contracts): VaultSession.open ${describe(empty.open)}`);

    // --- Breakdown of the N-contract open ---
    const breakdown = await openBreakdown(vaultDir, vaultKey, options.runs);
    console.log(`breakdown of the ${options.contracts}-contract open (each step timed alone, ${options.runs} runs; ` +
      `${breakdown.referenced} referenced blob ids, ${breakdown.listed} blobs listed):`);
    const { pageCount, pageSize, cacheSize } = breakdown.pages;
    // A negative cache_size is in KiB; SQLite keeps at most that much decrypted database in memory per connection.
    const cacheBytes = cacheSize < 0 ? -cacheSize * 1024 : cacheSize * pageSize;
    console.log(`  vault.db: ${pageCount} pages of ${pageSize} B (${mb(pageCount * pageSize)} MB); connection page cache ${mb(cacheBytes)} MB ` +
      `(${pageCount * pageSize > cacheBytes ? 'smaller than the database: quick_check re-reads and re-decrypts pages' : 'holds the whole database'})`);
    for (const [name, values] of Object.entries(breakdown.steps)) console.log(`  ${name.padEnd(36)} ${describe(values)}`);
    // What VaultSession.open does that the steps above do not itemise (e.g. reading the default-rules setting).
    const openSteps = ['vault lock acquire', 'subkeys (crypto_kdf)', 'SQLCipher open incl. quick_check', 'migrate (no-op)', 'referenced blob ids (SQL)', 'sweep (listing + compare)'];
    const itemisedMs = openSteps.reduce((sum, name) => sum + stats(breakdown.steps[name] ?? []).median, 0);
    console.log(`  ${'sum of the steps open performs'.padEnd(36)} ${ms(itemisedMs)} ms (median each); open median ${ms(stats(full.open).median)} ms, ` +
      `not itemised ${ms(stats(full.open).median - itemisedMs)} ms`);

    // --- End to end through the API, for context (includes Argon2id) ---
    const [endToEnd, endToEndMs] = await timed(() => backend.invoke('vault.unlock', { vaultDir, passphrase: PASSPHRASE }));
    if (!endToEnd.ok) throw new Error(`vault.unlock failed: ${endToEnd.error.code}`);
    await lockVault(backend);
    console.log(`for context, vault.unlock through Backend incl. Argon2id: ${ms(endToEndMs)} ms`);
    vaultKey.fill(0);

    const fullStats = stats(full.open);
    const emptyStats = stats(empty.open);
    const median = (name: string): number => round(stats(breakdown.steps[name] ?? []).median);
    console.log('');
    console.log(`summary: unlock excl. Argon2id with ${options.contracts} contracts median ${ms(fullStats.median)} ms ` +
      `vs ${ms(emptyStats.median)} ms empty (+${ms(fullStats.median - emptyStats.median)} ms); ` +
      `quick_check (fresh connection) ${ms(median('PRAGMA quick_check alone'))} ms, blob listing ${ms(median('blob listing (listBlobIds)'))} ms; Argon2id (excluded) ${ms(argonMs)} ms`);
    // The issue states no number; one second is what a user perceives as "instant" after typing the passphrase.
    console.log(`target met: ${fullStats.median <= 1000 ? 'yes' : 'no'} (no stated limit; judged against 1 s excl. Argon2id: median ${ms(fullStats.median)} ms)`);

    const json = {
      bench: 'unlock',
      contracts: options.contracts,
      runs: options.runs,
      cores: os.cpus().length,
      loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)),
      build: { seconds: round(buildMs / 1000, 1), importSeconds: round(importMs / 1000, 1), filesPerSec: round(buildRate, 1), firstBatchFilesPerSec: round(batchRates[0] ?? 0, 1), lastBatchFilesPerSec: round(batchRates.at(-1) ?? 0, 1) },
      vault: { sizeMB: round(usage.bytes / 1048576, 1), files: usage.files, dbMB: round(dbUsage / 1048576, 1), blobFiles },
      argon2idExcludedMs: round(argonMs, 1),
      openMs: { min: round(fullStats.min), median: round(fullStats.median), max: round(fullStats.max), runs: full.open.map((v) => round(v)) },
      closeMs: { median: round(stats(full.close).median) },
      baselineEmptyOpenMs: { min: round(emptyStats.min), median: round(emptyStats.median), max: round(emptyStats.max) },
      dbPages: breakdown.pages,
      breakdownMedianMs: Object.fromEntries(Object.keys(breakdown.steps).map((name) => [name, median(name)])),
      endToEndUnlockMs: round(endToEndMs, 1),
    };
    console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes on this machine skew wall-clock figures)`);
    console.log(`BENCH_JSON ${JSON.stringify(json)}`);
  } finally {
    for (const backend of backends) await backend.dispose().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  }
}

await main();
