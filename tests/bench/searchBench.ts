/**
 * Search benchmark (run: `node --import tsx tests/bench/searchBench.ts [--sizes 10000,100000] [--repeats 10]
 * [--seed N]`). For each size, over the same synthetic bilingual contracts (tests/fixtures/search/
 * syntheticContracts.ts, ~700 words each, Chinese and English mixed):
 *
 * - ours: build the `SearchIndex` (src-main/core/search) (upsert of every contract; generation is not timed),
 *   write its encrypted snapshot (`writeIndexSnapshot`, random 32-byte key) and report its size; then,
 *   in a FRESH child process (so the build's garbage does not inflate the figures): `readIndexSnapshot`
 *   plus the first query answered = "index load" (what unlock costs after Argon2id; libsodium is
 *   initialised beforehand, as unlock has done), RSS after load,
 *   latency p50/p99 over a fixed, seeded query mix, and incremental add (`upsert`) of one new contract.
 * - baseline, same run, same documents and text fields: SQLite FTS5 with `tokenize='trigram'` in a temp
 *   database file (better-sqlite3-multiple-ciphers, plain: it holds only synthetic data), ranked with
 *   `ORDER BY bm25(t) LIMIT 20`, filters as WHERE clauses on a companion table; its build time, size,
 *   time to first answered query after opening the file in a fresh process, and p50/p99 over the same mix.
 *   Trigrams need 3 characters, so a query term of 1-2 characters (2-character Chinese words) is matched
 *   with LIKE '%..%' over the text columns instead, as FTS5 users do; such queries scan the table and
 *   cannot be ranked by bm25 (they take the first 20 found).
 *
 * Query mix (fixed by the seed): 1-word English, 2-word English, Chinese 2 characters, Chinese 3-4
 * characters, English prefixes (`termin`), mixed Chinese + English, and filtered queries (customer, type,
 * status, signing-date range, amount range, alone and combined with text); every query runs once to warm
 * up, then `repeats` times in a seeded shuffled order. Latency is wall time of one synchronous call
 * (`SearchIndex.search`, or a prepared statement's `.all()`), GC pauses included.
 *
 * Targets (at 100,000 contracts): p99 <= 10 ms and <= 0.2x FTS5's p99; index load <= 1.5 s; RSS <= 1 GB.
 *
 * Each build runs in a process of its own too (with a raised heap limit, since a build is not what the
 * targets measure), so this orchestrating process stays small: it always lives to print what it has
 * and to remove the temp folders, even when a child dies (out of memory, say); a failed phase prints as
 * n/a and makes the exit code 1. The search code is fingerprinted at the start and after each size:
 * a run during which someone edited it says so (its figures may mix two versions).
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { SearchQuery } from '../../src-shared/model/search.ts';
import type { IndexedContract, SearchIndex } from '../../src-main/core/search/searchIndex.ts';
import {
  DEFAULT_SYNTHETIC_SEED, generateSyntheticContracts, seededRandom, syntheticCustomers,
} from '../fixtures/search/syntheticContracts.ts';
import { chineseRanked, englishFunctionWordCount, englishRanked } from '../fixtures/search/syntheticVocabulary.ts';

const TARGET_SIZE = 100_000;
const TARGET_P99_MS = 10;
const TARGET_P99_RATIO = 0.2;
const TARGET_LOAD_MS = 1500;
const TARGET_RSS_BYTES = 1024 * 1024 * 1024;
const LIMIT = 20;
const VAULT_ID = 'search-bench-vault';
/** Contracts added one at a time after the load, for the incremental-add figure. */
const ADD_COUNT = 50;
// The added contracts come from another seed so their ids and texts are new to the index.
const ADD_SEED_OFFSET = 7919;

interface Options { sizes: number[]; repeats: number; seed: number }

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { sizes: [10_000, 100_000], repeats: 10, seed: DEFAULT_SYNTHETIC_SEED };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[++i] ?? '';
    const positive = (text: string): number => {
      const n = Number(text.replace(/_/g, ''));
      if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${arg ?? ''} needs positive integers, got ${text}`);
      return n;
    };
    if (arg === '--sizes') options.sizes = value.split(',').map(positive);
    else if (arg === '--repeats') options.repeats = positive(value);
    else if (arg === '--seed') options.seed = positive(value);
    else throw new Error(`unknown argument ${arg ?? ''} (use --sizes 10000,100000, --repeats N, --seed N)`);
  }
  return options;
}

// --- The query mix ---

const categories = ['en-1word', 'en-2word', 'cjk-2char', 'cjk-3-4char', 'prefix', 'mixed', 'filtered'] as const;
type Category = (typeof categories)[number];

interface BenchQuery { category: Category; label: string; query: SearchQuery }

/** The fixed query mix of a seed: hand-picked contract searches plus seeded picks across frequency bands. */
function buildQueryMix(seed: number): BenchQuery[] {
  const random = seededRandom(seed ^ 0x2545f491);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const content = englishRanked.slice(englishFunctionWordCount);
  const englishSet = new Set(englishRanked);
  // Content words of 4+ letters from a band of ranks (0 = most common content word), none repeated.
  const used = new Set<string>();
  const fromBand = (words: readonly string[], low: number, high: number, ok: (w: string) => boolean): string => {
    const band = words.slice(low, high).filter((w) => ok(w) && !used.has(w));
    const word = pick(band);
    used.add(word);
    return word;
  };
  const longEnough = (w: string): boolean => w.length >= 4;
  const customers = syntheticCustomers(seed);
  const chineseCustomer = customers.find((c, rank) => rank >= 5 && c.chinese);
  const englishCustomer = customers.find((c, rank) => rank >= 5 && !c.chinese);
  const text = (category: Category, t: string): BenchQuery => ({ category, label: t, query: { text: t, limit: LIMIT } });
  const mix: BenchQuery[] = [];

  for (const w of ['payment', 'termination', 'confidential', 'arbitration']) mix.push(text('en-1word', w));
  for (const [low, high] of [[0, 100], [0, 100], [100, 500], [100, 500], [500, 1000], [500, 1000], [1000, content.length], [1000, content.length]] as const) {
    mix.push(text('en-1word', fromBand(content, low, high, longEnough)));
  }
  for (const t of ['payment terms', 'force majeure', 'liquidated damages', 'written notice', 'intellectual property', 'wire transfer']) mix.push(text('en-2word', t));
  for (const [low, high] of [[0, 200], [0, 200], [200, 800], [200, 800]] as const) {
    mix.push(text('en-2word', `${fromBand(content, low, high, longEnough)} ${fromBand(content, 0, 300, longEnough)}`));
  }
  const chineseOf = (length: (n: number) => boolean): string[] => chineseRanked.filter((w) => length(Array.from(w).length));
  const twoChar = chineseOf((n) => n === 2);
  const longer = chineseOf((n) => n === 3 || n === 4);
  for (const t of ['付款', '期限', '保密', '仲裁']) mix.push(text('cjk-2char', t));
  for (const [low, high] of [[0, 50], [50, 150], [150, 300], [300, twoChar.length]] as const) mix.push(text('cjk-2char', fromBand(twoChar, low, high, () => true)));
  for (const t of ['违约责任', '合同管理', '保密义务', '违约金']) mix.push(text('cjk-3-4char', t));
  for (const [low, high] of [[0, 60], [60, longer.length]] as const) mix.push(text('cjk-3-4char', fromBand(longer, low, high, () => true)));
  // A customer's name as typed: 字号 + the start of its trade (北京纷享科技有限公司 -> 纷享科技).
  if (chineseCustomer) mix.push(text('cjk-3-4char', chineseCustomer.name.slice(2, 6)));
  mix.push(text('cjk-3-4char', '人民法院'));
  for (const t of ['termin', 'confid', 'indemn', 'arbitr']) mix.push(text('prefix', t));
  for (const [low, high] of [[0, 300], [300, 900], [900, content.length], [0, content.length]] as const) {
    const word = fromBand(content, low, high, (w) => w.length >= 8);
    let prefix = word.slice(0, 5 + Math.floor(random() * 2));
    // A prefix that is itself a word would be a 1-word query; lengthen it until it is not.
    while (englishSet.has(prefix) && prefix.length < word.length - 1) prefix = word.slice(0, prefix.length + 1);
    mix.push(text('prefix', prefix));
  }
  mix.push(text('mixed', '付款 invoice'), text('mixed', 'SLA 服务水平'), text('mixed', '违约金 damages'));
  if (englishCustomer) mix.push(text('mixed', `${englishCustomer.shortName} 采购合同`));

  const byRank = (rank: number): string => (customers[rank] as { id: string }).id;
  const filtered = (label: string, query: SearchQuery): void => {
    mix.push({ category: 'filtered', label, query: { ...query, limit: LIMIT } });
  };
  filtered('customer #1 (no text)', { customerIds: [byRank(0)] });
  filtered('customer #300 (no text)', { customerIds: [byRank(300)] });
  filtered('customer #2 + "payment"', { text: 'payment', customerIds: [byRank(1)] });
  filtered('type nda + "保密"', { text: '保密', types: ['nda'] });
  filtered('types sales,purchase + "delivery"', { text: 'delivery', types: ['sales', 'purchase'] });
  filtered('status active + "renewal"', { text: 'renewal', statuses: ['active'] });
  filtered('signed 2020 + "违约金"', { text: '违约金', signedFrom: '2020-01-01', signedTo: '2020-12-31' });
  filtered('signed 2024 Q1 (no text)', { signedFrom: '2024-01-01', signedTo: '2024-03-31' });
  filtered('CNY 100k-1M + "invoice"', { text: 'invoice', minAmountMinor: 100_000_00, maxAmountMinor: 1_000_000_00, currency: 'CNY' });
  filtered('USD >= 1M (no text)', { minAmountMinor: 1_000_000_00, currency: 'USD' });
  filtered('service, 2019-2022, CNY >= 50k + "付款"', { text: '付款', types: ['service'], signedFrom: '2019-01-01', signedTo: '2022-12-31', minAmountMinor: 50_000_00, currency: 'CNY' });
  filtered('customer #3, sales/service + "termin"', { text: 'termin', customerIds: [byRank(2)], types: ['sales', 'service'] });
  return mix;
}

/** Every query `repeats` times, in a seeded shuffled order (so no query always follows the same one). */
function runOrder(queryCount: number, repeats: number, seed: number): number[] {
  const order: number[] = [];
  for (let r = 0; r < repeats; r++) for (let q = 0; q < queryCount; q++) order.push(q);
  const random = seededRandom(seed ^ 0x68e31da4);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

// --- FTS5 translation of a SearchQuery ---

const FTS_TEXT_COLUMNS = ['title', 'number', 'customer', 'tags', 'notes', 'body'] as const;

interface FtsStatement { sql: string; params: Array<string | number>; likeFallback: boolean; ranked: boolean }

/**
 * The SQL an FTS5 user would write for the query: each whitespace-separated term of 3+ characters
 * as a quoted trigram phrase in MATCH (AND), shorter terms as LIKE '%term%' over the text columns,
 * filters as WHERE clauses on the companion table `meta`; bm25 order when there is a MATCH, signing
 * date (newest first, as ours does for a query without text) otherwise.
 */
function ftsStatement(query: SearchQuery): FtsStatement {
  const terms = (query.text ?? '').trim().split(/\s+/).filter((t) => t !== '');
  const matchTerms = terms.filter((t) => Array.from(t).length >= 3);
  const likeTerms = terms.filter((t) => Array.from(t).length < 3);
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (matchTerms.length > 0) {
    where.push('t MATCH ?');
    params.push(matchTerms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' '));
  }
  for (const term of likeTerms) {
    where.push(`(${FTS_TEXT_COLUMNS.map((c) => `t.${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    for (let i = 0; i < FTS_TEXT_COLUMNS.length; i++) params.push(`%${term.replace(/[%_\\]/g, '\\$&')}%`);
  }
  const list = (column: string, values: readonly string[] | undefined): void => {
    if (!values?.length) return;
    where.push(`m.${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  list('customer_id', query.customerIds);
  list('type', query.types);
  list('status', query.statuses);
  const bound = (clause: string, value: string | number | undefined): void => {
    if (value === undefined) return;
    where.push(clause);
    params.push(value);
  };
  bound('m.signing_date >= ?', query.signedFrom);
  bound('m.signing_date <= ?', query.signedTo);
  bound('m.amount_minor >= ?', query.minAmountMinor);
  bound('m.amount_minor <= ?', query.maxAmountMinor);
  bound('m.currency = ?', query.currency);
  const conditions = where.join(' AND ');
  let sql: string;
  if (terms.length === 0) {
    sql = `SELECT m.id FROM meta m${conditions ? ` WHERE ${conditions}` : ''} ORDER BY m.signing_date IS NULL, m.signing_date DESC LIMIT ${LIMIT}`;
  } else {
    // With a MATCH, CROSS JOIN keeps the full-text table as the outer loop: left to itself, the planner may
    // walk a companion-table index and re-run the MATCH for every row (seen: 0.8 s for amount + "invoice"
    // at 10,000 contracts), a trap a careful FTS5 user avoids. LIKE-only queries let the planner choose.
    sql = `SELECT t.rowid AS id FROM t ${matchTerms.length > 0 ? 'CROSS JOIN' : 'JOIN'} meta m ON m.id = t.rowid WHERE ${conditions}` +
      (matchTerms.length > 0 ? ` ORDER BY bm25(t) LIMIT ${LIMIT}` : ` LIMIT ${LIMIT}`);
  }
  return { sql, params, likeFallback: likeTerms.length > 0, ranked: matchTerms.length > 0 };
}

// --- Measurement helpers ---

/** Nearest-rank percentile of already sorted values. */
function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

interface LatencySummary { runs: number; p50: number; p99: number; max: number; mean: number }

function summarize(values: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const sum = values.reduce((a, b) => a + b, 0);
  return { runs: values.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? Number.NaN, mean: values.length ? sum / values.length : Number.NaN };
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await directoryBytes(full) : (await stat(full)).size;
  }
  return total;
}

/** Bytes of a SQLite database with its WAL and shared-memory files. */
async function sqliteBytes(file: string): Promise<number> {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) total += await stat(`${file}${suffix}`).then((s) => s.size, () => 0);
  return total;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The code under test: a change here during a run means the build and the load may have run different versions. */
const SEARCH_CODE_DIRS = ['src-main/core/search', 'src-shared/rules/search'];

/** A hash of every file of the search code, to notice edits made while the benchmark runs. */
async function searchCodeFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of SEARCH_CODE_DIRS) {
    const names = await readdir(path.join(repoRoot, dir)).catch(() => [] as string[]);
    for (const name of names.sort()) {
      hash.update(`${dir}/${name}\0`);
      hash.update(await readFile(path.join(repoRoot, dir, name)).catch(() => Buffer.alloc(0)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);
const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

// --- Child processes: each build, and each engine's load + queries, in a process of its own ---
// The orchestrating process stays small, so it always lives to print what it has and remove the temp
// folder, even when a child runs out of memory; and the load figures come from a process that never saw a build.

/** Heap for the build processes only: a 100,000-contract build plus its snapshot export outgrows the default (~4 GB here). */
const BUILD_HEAP_MB = 12_288;

interface BuildOursTask { role: 'build-ours'; size: number; seed: number; indexDir: string; key: Uint8Array }
interface BuildFtsTask { role: 'build-fts5'; size: number; seed: number; dbPath: string }
interface QueryTask {
  role: 'query-ours' | 'query-fts5';
  /** ours: the index folder; fts5: the database file. */
  location: string;
  key: Uint8Array;
  queries: BenchQuery[];
  order: number[];
  addSeed: number;
}
type ChildTask = BuildOursTask | BuildFtsTask | QueryTask;

interface OursBuild {
  buildMs: number;
  generateMs: number;
  snapshotWriteMs: number;
  snapshotBytes: number;
  terms: number | null;
  heapUsedAfterBuild: number;
  peakHeapUsed: number;
  peakRss: number;
}

interface FtsBuild { insertMs: number; indexMs: number; optimizeMs: number; generateMs: number; dbBytes: number; peakRss: number }

interface PerQuery { total: number; returned: number; runs: number[] }

interface QueryResult {
  moduleLoadMs: number;
  rssBeforeLoad: number;
  /** ours: readIndexSnapshot alone; fts5: opening the file. */
  openMs: number;
  /** Open/read plus the first query answered. */
  loadMs: number;
  firstQuery: string;
  rssAfterLoad: number;
  rssAfterLoadGc: number | null;
  heapUsedAfterGc: number | null;
  rssAfterQueries: number;
  perQuery: PerQuery[];
  addMs: number[];
  maxRss: number;
  contracts: number;
}

function gc(): boolean {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return false;
  collect();
  return true;
}

const heapUsed = (): number => process.memoryUsage().heapUsed;
const maxRss = (): number => process.resourceUsage().maxRSS * 1024;

async function buildOurs(task: BuildOursTask): Promise<OursBuild> {
  const { SearchIndex } = await import('../../src-main/core/search/searchIndex.ts');
  const { writeIndexSnapshot } = await import('../../src-main/core/search/indexSnapshot.ts');
  const index = new SearchIndex();
  let buildMs = 0;
  let peakHeapUsed = 0;
  let n = 0;
  const passStart = performance.now();
  // Only the upsert calls are timed; making the contracts is not.
  for (const contract of generateSyntheticContracts(task.size, task.seed)) {
    const t0 = performance.now();
    index.upsert(contract);
    buildMs += performance.now() - t0;
    if (++n % 1000 === 0) peakHeapUsed = Math.max(peakHeapUsed, heapUsed());
  }
  const generateMs = performance.now() - passStart - buildMs;
  const heapUsedAfterBuild = heapUsed();
  // Vocabulary size, if the index exposes it (not part of its API; for the report only).
  const vocabulary = (index as unknown as { vocabulary?: { size?: unknown } }).vocabulary;
  const terms = typeof vocabulary?.size === 'number' ? vocabulary.size : null;
  const sampler = setInterval(() => {
    peakHeapUsed = Math.max(peakHeapUsed, heapUsed());
  }, 50);
  const t0 = performance.now();
  try {
    await writeIndexSnapshot(task.indexDir, task.key, VAULT_ID, 1, index);
  } finally {
    clearInterval(sampler);
  }
  const snapshotWriteMs = performance.now() - t0;
  return {
    buildMs, generateMs, snapshotWriteMs, snapshotBytes: await directoryBytes(task.indexDir), terms,
    heapUsedAfterBuild, peakHeapUsed: Math.max(peakHeapUsed, heapUsed()), peakRss: maxRss(),
  };
}

async function buildFts5(task: BuildFtsTask): Promise<FtsBuild> {
  const Database = await loadSqlite();
  const db = new Database(task.dbPath);
  try {
    tuneSqlite(db);
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(${FTS_TEXT_COLUMNS.join(', ')}, tokenize='trigram');
      CREATE TABLE meta(id INTEGER PRIMARY KEY, contract_id TEXT NOT NULL, customer_id TEXT, type TEXT NOT NULL, status TEXT NOT NULL,
        signing_date TEXT, end_date TEXT, amount_minor INTEGER, currency TEXT);`);
    const insertFts = db.prepare(INSERT_FTS);
    const insertMeta = db.prepare(INSERT_META);
    let insertMs = 0;
    const passStart = performance.now();
    // One transaction for all rows, as a bulk (re)index would do; only the inserts are timed.
    db.exec('BEGIN');
    let id = 0;
    for (const contract of generateSyntheticContracts(task.size, task.seed)) {
      id++;
      const t0 = performance.now();
      insertFts.run(id, ...ftsRow(contract));
      insertMeta.run(...metaRow(id, contract));
      insertMs += performance.now() - t0;
    }
    const generateMs = performance.now() - passStart - insertMs;
    let t0 = performance.now();
    db.exec('COMMIT');
    db.exec(`CREATE INDEX meta_customer ON meta(customer_id); CREATE INDEX meta_type ON meta(type, signing_date);
      CREATE INDEX meta_signing ON meta(signing_date); CREATE INDEX meta_amount ON meta(currency, amount_minor); ANALYZE;`);
    const indexMs = performance.now() - t0;
    t0 = performance.now();
    // Merge the FTS5 segments into one, as a careful user does after a bulk load (faster queries: the harder bar).
    db.exec("INSERT INTO t(t) VALUES('optimize')");
    db.pragma('wal_checkpoint(TRUNCATE)');
    const optimizeMs = performance.now() - t0;
    db.close();
    return { insertMs, indexMs, optimizeMs, generateMs, dbBytes: await sqliteBytes(task.dbPath), peakRss: maxRss() };
  } finally {
    if (db.open) db.close();
  }
}

function prepareAdds(addSeed: number): IndexedContract[] {
  return [...generateSyntheticContracts(ADD_COUNT, addSeed)];
}

async function queryOurs(task: QueryTask): Promise<QueryResult> {
  const moduleStart = performance.now();
  const { readIndexSnapshot } = await import('../../src-main/core/search/indexSnapshot.ts');
  // Unlock (Argon2id) has initialised libsodium before the index is read, so its start-up is not index load.
  await (await import('../../src-main/core/crypto/sodium.ts')).getSodium();
  const moduleLoadMs = performance.now() - moduleStart;
  const adds = prepareAdds(task.addSeed);
  gc();
  const rssBeforeLoad = process.memoryUsage().rss;
  const first = task.queries[0] as BenchQuery;

  const start = performance.now();
  const loaded = await readIndexSnapshot(task.location, task.key, VAULT_ID);
  const openMs = performance.now() - start;
  if (!loaded) throw new Error('no snapshot found');
  const index: SearchIndex = loaded.index;
  index.search(first.query);
  const loadMs = performance.now() - start;
  const rssAfterLoad = process.memoryUsage().rss;
  const collected = gc();
  const rssAfterLoadGc = collected ? process.memoryUsage().rss : null;
  const heapUsedAfterGc = collected ? heapUsed() : null;

  const perQuery: PerQuery[] = task.queries.map((q) => {
    const answer = index.search(q.query); // warm-up, and the result sizes
    return { total: answer.total, returned: answer.matches.length, runs: [] };
  });
  for (const q of task.order) {
    const query = (task.queries[q] as BenchQuery).query;
    const t0 = performance.now();
    index.search(query);
    (perQuery[q] as PerQuery).runs.push(performance.now() - t0);
  }
  const rssAfterQueries = process.memoryUsage().rss;

  const addMs: number[] = [];
  for (const contract of adds) {
    const t0 = performance.now();
    index.upsert(contract);
    addMs.push(performance.now() - t0);
  }
  return {
    moduleLoadMs, rssBeforeLoad, openMs, loadMs, firstQuery: first.label, rssAfterLoad, rssAfterLoadGc, heapUsedAfterGc, rssAfterQueries,
    perQuery, addMs, maxRss: maxRss(), contracts: index.size,
  };
}

type SqliteConstructor = typeof BetterSqlite3;

async function loadSqlite(): Promise<SqliteConstructor> {
  return (await import('better-sqlite3-multiple-ciphers')).default;
}

/** The pragmas both the build and the query process use: WAL, and the 64 MB page cache the vault's own database gets. */
function tuneSqlite(db: BetterSqlite3.Database): void {
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=NORMAL');
  db.pragma('cache_size=-65536');
}

function ftsRow(contract: IndexedContract): Array<string | number | null> {
  return [contract.title, contract.number ?? '', contract.customerName ?? '', contract.tags.join(' '), contract.notes, contract.texts.join('\n')];
}

function metaRow(id: number, contract: IndexedContract): Array<string | number | null> {
  const f = contract.facets;
  return [id, contract.contractId, f.customerId, f.type, f.status, f.signingDate, f.endDate, f.amount?.minor ?? null, f.amount?.currency ?? null];
}

const INSERT_FTS = `INSERT INTO t(rowid, ${FTS_TEXT_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?)`;
const INSERT_META = 'INSERT INTO meta(id, contract_id, customer_id, type, status, signing_date, end_date, amount_minor, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

async function queryFts5(task: QueryTask): Promise<QueryResult> {
  const moduleStart = performance.now();
  const Database = await loadSqlite();
  const moduleLoadMs = performance.now() - moduleStart;
  const adds = prepareAdds(task.addSeed);
  gc();
  const rssBeforeLoad = process.memoryUsage().rss;
  const first = task.queries[0] as BenchQuery;
  const statements = new Map<string, BetterSqlite3.Statement>();
  const run = (db: BetterSqlite3.Database, query: SearchQuery): unknown[] => {
    const { sql, params } = ftsStatement(query);
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement.all(...params);
  };

  const start = performance.now();
  const db = new Database(task.location);
  tuneSqlite(db);
  const openMs = performance.now() - start;
  try {
    run(db, first.query);
    const loadMs = performance.now() - start;
    const rssAfterLoad = process.memoryUsage().rss;
    const collected = gc();
    const rssAfterLoadGc = collected ? process.memoryUsage().rss : null;
    const heapUsedAfterGc = collected ? heapUsed() : null;

    const perQuery: PerQuery[] = task.queries.map((q) => ({ total: -1, returned: run(db, q.query).length, runs: [] }));
    for (const q of task.order) {
      const query = (task.queries[q] as BenchQuery).query;
      const t0 = performance.now();
      run(db, query);
      (perQuery[q] as PerQuery).runs.push(performance.now() - t0);
    }
    const rssAfterQueries = process.memoryUsage().rss;

    const maxId = (db.prepare('SELECT max(id) AS id FROM meta').get() as { id: number }).id;
    const insertFts = db.prepare(INSERT_FTS);
    const insertMeta = db.prepare(INSERT_META);
    const addOne = db.transaction((id: number, contract: IndexedContract) => {
      insertFts.run(id, ...ftsRow(contract));
      insertMeta.run(...metaRow(id, contract));
    });
    const addMs: number[] = [];
    adds.forEach((contract, i) => {
      const t0 = performance.now();
      addOne(maxId + 1 + i, contract);
      addMs.push(performance.now() - t0);
    });
    const contracts = (db.prepare('SELECT count(*) AS n FROM meta').get() as { n: number }).n;
    return {
      moduleLoadMs, rssBeforeLoad, openMs, loadMs, firstQuery: first.label, rssAfterLoad, rssAfterLoadGc, heapUsedAfterGc, rssAfterQueries,
      perQuery, addMs, maxRss: maxRss(), contracts,
    };
  } finally {
    db.close();
  }
}

type ChildReply = { ok: true; result: unknown } | { ok: false; error: string };

async function runTask(task: ChildTask): Promise<unknown> {
  switch (task.role) {
    case 'build-ours': return buildOurs(task);
    case 'build-fts5': return buildFts5(task);
    case 'query-ours': return queryOurs(task);
    case 'query-fts5': return queryFts5(task);
  }
}

async function childMain(): Promise<void> {
  const task = await new Promise<ChildTask>((resolve) => process.once('message', (message) => resolve(message as ChildTask)));
  let reply: ChildReply;
  try {
    reply = { ok: true, result: await runTask(task) };
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  await new Promise<void>((resolve, reject) => process.send?.(reply, undefined, {}, (error) => (error ? reject(error) : resolve())));
  process.disconnect?.();
}

/** Runs one task in a fresh Node process (same loader flags, GC exposed for the after-GC figures). */
function runChild<T>(task: ChildTask, extraExecArgv: readonly string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child'], {
      execArgv: [...process.execArgv, '--expose-gc', ...extraExecArgv],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reply: ChildReply | undefined;
    child.once('message', (message) => {
      reply = message as ChildReply;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (reply?.ok) resolve(reply.result as T);
      else reject(new Error(`${task.role} process failed (exit ${String(code)}, signal ${String(signal)})${reply ? `: ${reply.error}` : ''}`));
    });
    child.send(task);
  });
}

// --- One size: build both, measure both ---

interface EngineFigures {
  child: QueryResult;
  all: LatencySummary;
  byCategory: Record<string, LatencySummary>;
  add: LatencySummary;
}

function engineFigures(child: QueryResult, queries: readonly BenchQuery[], exclude: (q: BenchQuery) => boolean = () => false): EngineFigures {
  const byCategory: Record<string, LatencySummary> = {};
  for (const category of categories) {
    const runs = child.perQuery.flatMap((p, i) => ((queries[i] as BenchQuery).category === category ? p.runs : []));
    if (runs.length > 0) byCategory[category] = summarize(runs);
  }
  return { child, all: summarize(child.perQuery.flatMap((p, i) => (exclude(queries[i] as BenchQuery) ? [] : p.runs))), byCategory, add: summarize(child.addMs) };
}

/** What one size produced; a phase that failed (a child that crashed, e.g. out of memory) is null, its error in `errors`. */
interface SizeFigures {
  contracts: number;
  seconds: number;
  oursBuild: OursBuild | null;
  ftsBuild: FtsBuild | null;
  ours: EngineFigures | null;
  fts5: EngineFigures | null;
  fts5WithoutLikeFallback: LatencySummary | null;
  errors: string[];
}

const likeFallback = (q: BenchQuery): boolean => ftsStatement(q.query).likeFallback;

async function benchSize(size: number, options: Options, queries: BenchQuery[], workRoot: string): Promise<SizeFigures> {
  const started = performance.now();
  const dir = await mkdtemp(path.join(workRoot, `n${size}-`));
  const order = runOrder(queries.length, options.repeats, options.seed);
  const addSeed = options.seed + ADD_SEED_OFFSET;
  const indexDir = path.join(dir, 'index');
  const dbPath = path.join(dir, 'fts5.db');
  const key = new Uint8Array(randomBytes(32));
  const errors: string[] = [];
  const attempt = async <T>(label: string, work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work();
    } catch (error) {
      const message = `${label}: ${error instanceof Error ? error.message : String(error)}`;
      errors.push(message);
      console.log(`FAILED ${message}`);
      return null;
    }
  };
  console.log(`\n=== ${size.toLocaleString('en-US')} contracts ===`);

  const oursBuild = await attempt('ours build', () => runChild<OursBuild>({ role: 'build-ours', size, seed: options.seed, indexDir, key }, [`--max-old-space-size=${BUILD_HEAP_MB}`]));
  if (oursBuild) {
    console.log(`ours: built in ${(oursBuild.buildMs / 1000).toFixed(2)} s (${Math.round(size / (oursBuild.buildMs / 1000))} docs/s; making the contracts took another ` +
      `${(oursBuild.generateMs / 1000).toFixed(1)} s, untimed); snapshot written in ${(oursBuild.snapshotWriteMs / 1000).toFixed(2)} s, ${mb(oursBuild.snapshotBytes)} MB on disk (encrypted); ` +
      `build process heap ${mb(oursBuild.heapUsedAfterBuild)} MB after the build, peak ${mb(oursBuild.peakHeapUsed)} MB while writing the snapshot, peak RSS ${mb(oursBuild.peakRss)} MB`);
  }
  const ftsBuild = await attempt('fts5 build', () => runChild<FtsBuild>({ role: 'build-fts5', size, seed: options.seed, dbPath }, [`--max-old-space-size=${BUILD_HEAP_MB}`]));
  if (ftsBuild) {
    const total = ftsBuild.insertMs + ftsBuild.indexMs + ftsBuild.optimizeMs;
    console.log(`fts5: built in ${(total / 1000).toFixed(2)} s (inserts ${(ftsBuild.insertMs / 1000).toFixed(2)} s, companion-table indexes + ANALYZE ${(ftsBuild.indexMs / 1000).toFixed(2)} s, ` +
      `optimize ${(ftsBuild.optimizeMs / 1000).toFixed(2)} s; ${Math.round(size / (total / 1000))} docs/s), ${mb(ftsBuild.dbBytes)} MB on disk (plain); build process peak RSS ${mb(ftsBuild.peakRss)} MB`);
  }

  const task = (role: QueryTask['role'], location: string): QueryTask => ({ role, location, key, queries, order, addSeed });
  const oursQuery = oursBuild ? await attempt('ours load + queries', () => runChild<QueryResult>(task('query-ours', indexDir))) : null;
  if (oursQuery) console.log(`ours: fresh process loaded the snapshot and answered "${oursQuery.firstQuery}" in ${ms(oursQuery.loadMs)} ms; ${queries.length} queries x ${options.repeats} runs done`);
  const ftsQuery = ftsBuild ? await attempt('fts5 open + queries', () => runChild<QueryResult>(task('query-fts5', dbPath))) : null;
  if (ftsQuery) console.log(`fts5: fresh process opened the file and answered "${ftsQuery.firstQuery}" in ${ms(ftsQuery.loadMs)} ms; queries done`);
  await rm(dir, { recursive: true, force: true });
  return {
    contracts: size, seconds: (performance.now() - started) / 1000, oursBuild, ftsBuild,
    ours: oursQuery && engineFigures(oursQuery, queries),
    fts5: ftsQuery && engineFigures(ftsQuery, queries),
    fts5WithoutLikeFallback: ftsQuery && engineFigures(ftsQuery, queries, likeFallback).all,
    errors,
  };
}

// --- Report ---

const ftsBuildMs = (b: FtsBuild): number => b.insertMs + b.indexMs + b.optimizeMs;
const p90 = (values: readonly number[]): number => percentile(Float64Array.from(values).sort(), 0.9);

function printSize(figures: SizeFigures, queries: readonly BenchQuery[]): void {
  const { oursBuild: ob, ftsBuild: fb, ours: o, fts5: f } = figures;
  const oc = o?.child;
  const fc = f?.child;
  const na = 'n/a (failed)';
  const pad = (text: string, width: number): string => text.padEnd(width);
  const row = (label: string, ours: string, fts: string): void => console.log(`  ${pad(label, 46)}${pad(ours, 30)}${fts}`);
  const rate = (buildMs: number): string => `${(buildMs / 1000).toFixed(2)} s (${Math.round(figures.contracts / (buildMs / 1000))} docs/s)`;
  const lat = (s: LatencySummary | undefined | null): string => (s ? `${ms(s.p50)} / ${ms(s.p99)} ms` : na);
  console.log(`\n${figures.contracts.toLocaleString('en-US')} contracts (${o?.all.runs ?? f?.all.runs ?? 0} timed queries per engine; this size took ${figures.seconds.toFixed(0)} s)`);
  row('', 'ours (SearchIndex)', 'SQLite FTS5 trigram');
  row('build', ob ? rate(ob.buildMs) : na, fb ? rate(ftsBuildMs(fb)) : na);
  row('persist', ob ? `snapshot write ${(ob.snapshotWriteMs / 1000).toFixed(2)} s` : na, fb ? '(in the build)' : na);
  row('size on disk', ob ? `${mb(ob.snapshotBytes)} MB (encrypted)` : na, fb ? `${mb(fb.dbBytes)} MB (plain)` : na);
  row('build process peak RSS', ob ? `${mb(ob.peakRss)} MB` : na, fb ? `${mb(fb.peakRss)} MB` : na);
  row('load: open + first query', oc ? `${ms(oc.loadMs)} ms (read ${ms(oc.openMs)})` : na, fc ? `${ms(fc.loadMs)} ms (open ${ms(fc.openMs)})` : na);
  const rssRow = (label: string, value: (c: QueryResult) => string): void => row(label, oc ? value(oc) : na, fc ? value(fc) : na);
  rssRow('RSS before load (node + tsx + modules)', (c) => `${mb(c.rssBeforeLoad)} MB`);
  rssRow('RSS after load', (c) => `${mb(c.rssAfterLoad)} MB`);
  rssRow('RSS after load, after a full GC (heap used)', (c) => (c.rssAfterLoadGc === null ? 'n/a' : `${mb(c.rssAfterLoadGc)} MB (${mb(c.heapUsedAfterGc ?? 0)})`));
  rssRow('RSS after the query mix / peak', (c) => `${mb(c.rssAfterQueries)} / ${mb(c.maxRss)} MB`);
  row('query latency p50 / p99 (all)', lat(o?.all), lat(f?.all));
  row("  without FTS5's LIKE-fallback queries", '', lat(figures.fts5WithoutLikeFallback));
  for (const category of categories) {
    const note = category === 'cjk-2char' ? ' (FTS5: LIKE scan, unranked)' : category === 'mixed' ? ' (FTS5: LIKE for 2-char terms)' : '';
    row(`  ${category}${note}`, lat(o?.byCategory[category]), lat(f?.byCategory[category]));
  }
  row('add one contract: first / median / p90 of 50', oc && o ? `${ms(oc.addMs[0] ?? Number.NaN)} / ${ms(o.add.p50)} / ${ms(p90(oc.addMs))} ms (memory)` : na,
    fc && f ? `${ms(fc.addMs[0] ?? Number.NaN)} / ${ms(f.add.p50)} / ${ms(p90(fc.addMs))} ms (committed, WAL)` : na);
  if (!oc && !fc) return;
  console.log('  per query: [category] query -> ours total/returned, p50 ms | fts5 rows, p50 ms');
  queries.forEach((q, i) => {
    const a = oc?.perQuery[i];
    const b = fc?.perQuery[i];
    const p50 = (runs: number[]): string => ms(percentile(Float64Array.from(runs).sort(), 0.5));
    console.log(`    [${q.category}] ${q.label} -> ${a ? `${a.total}/${a.returned}, ${p50(a.runs)}` : 'n/a'} | ${b ? `${b.returned}, ${p50(b.runs)}` : 'n/a'}`);
  });
}

function latencyJson(s: LatencySummary): Record<string, number> {
  return { runs: s.runs, p50Ms: round(s.p50), p99Ms: round(s.p99), maxMs: round(s.max), meanMs: round(s.mean) };
}

const mbJson = (bytes: number | null): number | null => (bytes === null ? null : round(bytes / 1048576, 1));

function engineJson(e: EngineFigures | null): Record<string, unknown> | null {
  if (!e) return null;
  const c = e.child;
  return {
    loadMs: round(c.loadMs, 1), openMs: round(c.openMs, 1), moduleLoadMs: round(c.moduleLoadMs, 1),
    rssBeforeLoadMB: mbJson(c.rssBeforeLoad), rssAfterLoadMB: mbJson(c.rssAfterLoad), rssAfterLoadGcMB: mbJson(c.rssAfterLoadGc),
    heapUsedAfterGcMB: mbJson(c.heapUsedAfterGc), rssAfterQueriesMB: mbJson(c.rssAfterQueries), peakRssMB: mbJson(c.maxRss),
    query: latencyJson(e.all), byCategory: Object.fromEntries(Object.entries(e.byCategory).map(([k, v]) => [k, latencyJson(v)])),
    addOne: { ...latencyJson(e.add), firstMs: round(c.addMs[0] ?? Number.NaN) },
  };
}

function sizeJson(figures: SizeFigures): Record<string, unknown> {
  const { oursBuild: ob, ftsBuild: fb, ours: o, fts5: f } = figures;
  const perSec = (ms_: number): number => Math.round(figures.contracts / (ms_ / 1000));
  return {
    contracts: figures.contracts,
    seconds: round(figures.seconds, 1),
    errors: figures.errors,
    ours: {
      build: ob && {
        seconds: round(ob.buildMs / 1000), docsPerSec: perSec(ob.buildMs), generateSeconds: round(ob.generateMs / 1000),
        snapshotWriteSeconds: round(ob.snapshotWriteMs / 1000), snapshotMB: mbJson(ob.snapshotBytes), terms: ob.terms,
        heapUsedAfterBuildMB: mbJson(ob.heapUsedAfterBuild), peakHeapUsedMB: mbJson(ob.peakHeapUsed), peakRssMB: mbJson(ob.peakRss),
      },
      ...engineJson(o),
    },
    baseline: {
      tool: "SQLite FTS5 tokenize='trigram', bm25, LIKE fallback for terms under 3 characters",
      build: fb && {
        seconds: round(ftsBuildMs(fb) / 1000), docsPerSec: perSec(ftsBuildMs(fb)), insertSeconds: round(fb.insertMs / 1000),
        indexAndAnalyzeSeconds: round(fb.indexMs / 1000), optimizeSeconds: round(fb.optimizeMs / 1000), dbMB: mbJson(fb.dbBytes), peakRssMB: mbJson(fb.peakRss),
      },
      ...engineJson(f),
      queryWithoutLikeFallback: figures.fts5WithoutLikeFallback && latencyJson(figures.fts5WithoutLikeFallback),
    },
    p99Ratio: o && f ? round(o.all.p99 / f.all.p99) : null,
    p99RatioWithoutLikeFallback: o && figures.fts5WithoutLikeFallback ? round(o.all.p99 / figures.fts5WithoutLikeFallback.p99) : null,
  };
}

interface TargetCheck { name: string; value: number | null; limit: number; unit: string; met: boolean }

function targetChecks(figures: SizeFigures): TargetCheck[] {
  const o = figures.ours;
  const f = figures.fts5;
  const rss = o ? Math.max(o.child.rssAfterLoad, o.child.rssAfterQueries) : null;
  const ratio = o && f ? o.all.p99 / f.all.p99 : null;
  const check = (name: string, value: number | null, limit: number, unit: string): TargetCheck =>
    ({ name, value: value === null ? null : round(value, unit === 'x' ? 3 : 1), limit, unit, met: value !== null && value <= limit });
  return [
    check('p99 query latency', o ? o.all.p99 : null, TARGET_P99_MS, 'ms'),
    check("p99 vs FTS5's p99", ratio, TARGET_P99_RATIO, 'x'),
    check('index load (read snapshot + first query)', o ? o.child.loadMs : null, TARGET_LOAD_MS, 'ms'),
    check('RSS with the index loaded (max of after load, after queries)', rss === null ? null : rss / 1048576, TARGET_RSS_BYTES / 1048576, 'MB'),
  ];
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const workRoot = await mkdtemp(path.join(os.tmpdir(), 'cvault-bench-search-'));
  // Ctrl-C: the finally below does not run on a signal, so remove the temp folder here too.
  const onSignal = (): void => {
    rmSync(workRoot, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = performance.now();
  try {
    const queries = buildQueryMix(options.seed);
    console.log(`Search benchmark: sizes ${options.sizes.join(', ')}; ${queries.length} queries x ${options.repeats} runs per engine after 1 warm-up run each; seed ${options.seed}`);
    console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${mb(os.totalmem())} MB RAM, node ${process.version}, ` +
      `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes on a shared machine skew wall-clock figures)`);
    console.log('query mix: ' + categories.map((c) => `${c} ${queries.filter((q) => q.category === c).length}`).join(', '));
    console.log('FTS5 side: terms of 3+ characters go to MATCH (trigram phrase, AND, ranked by bm25); 1-2 character terms (2-character Chinese words) ' +
      "fall back to LIKE '%..%' over the text columns, which scans and cannot be ranked; filters are WHERE clauses on an indexed companion table.");
    console.log(`each build runs in its own process (heap limit ${BUILD_HEAP_MB} MB); each engine is then loaded and queried in a fresh process (default heap limit)`);
    const codeAtStart = await searchCodeFingerprint();
    let codeChanged = false;
    const results: SizeFigures[] = [];
    for (const size of options.sizes) {
      const figures = await benchSize(size, options, queries, workRoot);
      results.push(figures);
      printSize(figures, queries);
      if (!codeChanged && (await searchCodeFingerprint()) !== codeAtStart) {
        codeChanged = true;
        console.log(`WARNING: the search code (${SEARCH_CODE_DIRS.join(', ')}) changed during this run, by the time ${size.toLocaleString('en-US')} was done: ` +
          'its build and load may have run different versions; rerun on a quiet tree for figures to keep.');
      }
    }
    const judged = results.find((r) => r.contracts === TARGET_SIZE) ?? results[results.length - 1];
    const checks = judged ? targetChecks(judged) : [];
    console.log('');
    if (judged && judged.contracts !== TARGET_SIZE) console.log(`note: targets are set at ${TARGET_SIZE.toLocaleString('en-US')} contracts; judged here at ${judged.contracts.toLocaleString('en-US')}`);
    for (const check of checks) {
      console.log(`target ${check.met ? 'met' : 'NOT met'}: ${check.name} ${check.value ?? 'n/a'} ${check.unit} (limit ${check.limit} ${check.unit})`);
    }
    for (const r of results) for (const error of r.errors) console.log(`error at ${r.contracts}: ${error.split('\n')[0] ?? ''}`);
    // A phase that failed is a broken run (a target not met is not: that is a figure).
    if (results.some((r) => r.errors.length > 0)) process.exitCode = 1;
    const totalSeconds = (performance.now() - started) / 1000;
    console.log(`benchmark took ${totalSeconds.toFixed(0)} s; load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const json = {
      bench: 'search',
      seed: options.seed,
      repeats: options.repeats,
      queryMix: queries.map((q) => ({ category: q.category, label: q.label })),
      cores: os.cpus().length,
      node: process.version,
      loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)),
      sizes: results.map(sizeJson),
      targetsAt: judged?.contracts ?? null,
      targets: checks,
      targetsMet: checks.length > 0 && checks.every((c) => c.met),
      seconds: round(totalSeconds, 1),
      searchCode: codeAtStart,
      searchCodeChangedDuringRun: codeChanged,
    };
    console.log(`BENCH_JSON ${JSON.stringify(json)}`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await rm(workRoot, { recursive: true, force: true });
  }
}

if (process.argv.includes('--child')) await childMain();
else await main();
