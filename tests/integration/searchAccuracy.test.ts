import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit, SearchResult } from '../../src-shared/model/search.ts';
import { makePdf } from '../fixtures/makePdf.ts';
import {
  deliberateTraps, foldForOracle, labelledDocuments, labelledQueries, oracleRelevantKeys, oracleTerms, searchCustomers,
  type LabelledDocument, type LabelledQuery, type SearchLanguage,
} from '../fixtures/search/labelledSearchSet.ts';
import { createTestVault } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

/** Floors from issue 4: recall and precision of ordinary queries, recall of one-typo queries. */
const FLOOR = 0.99;
const TYPO_RECALL_FLOOR = 0.9;

interface QueryOutcome {
  query: LabelledQuery;
  returned: string[];
  truePositives: number;
  missed: string[];
  falseHits: string[];
  result: SearchResult;
  ms: number;
}

interface Score { queries: number; relevant: number; returned: number; truePositives: number; recall: number; precision: number }

/** Micro-averaged over (query, document) pairs: every relevant document counts once. */
function score(outcomes: readonly QueryOutcome[]): Score {
  const relevant = outcomes.reduce((n, o) => n + o.query.relevant.length, 0);
  const returned = outcomes.reduce((n, o) => n + o.returned.length, 0);
  const truePositives = outcomes.reduce((n, o) => n + o.truePositives, 0);
  return {
    queries: outcomes.length, relevant, returned, truePositives,
    recall: relevant === 0 ? 1 : truePositives / relevant,
    precision: returned === 0 ? 1 : truePositives / returned,
  };
}

/** Folds a snippet's text character by character so offsets still line up (ＰＤＦ -> pdf), where that is possible. */
function foldKeepingOffsets(text: string): string {
  const folded = Array.from(text).map((ch) => {
    const f = foldForOracle(ch);
    return f.length === ch.length ? f : ch;
  });
  return folded.join('');
}

/** Whether some occurrence of `term` in the text lies wholly inside the union of the highlights. */
function highlighted(text: string, highlights: ReadonlyArray<readonly [number, number]>, term: string): boolean {
  const folded = foldKeepingOffsets(text);
  // Han terms may be split by the whitespace a snippet keeps; compare with it removed between Han characters.
  const pattern = new RegExp(Array.from(term).map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'), 'gu');
  for (const match of folded.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    let covered = true;
    for (let at = start; at < end && covered; at++) {
      if (/\s/u.test(folded.charAt(at))) continue;
      covered = highlights.some(([from, to]) => from <= at && at < to);
    }
    if (covered) return true;
  }
  return false;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

describe('search accuracy on the labelled bilingual set (issue 4)', () => {
  let vault: Vault;
  const keyById = new Map<string, string>();
  const documentByKey = new Map<string, LabelledDocument>(labelledDocuments.map((d) => [d.key, d]));
  const outcomes: QueryOutcome[] = [];
  const timings: string[] = [];

  beforeAll(async () => {
    let started = performance.now();
    vault = await createTestVault();
    timings.push(`vault created ${Math.round(performance.now() - started)} ms`);

    started = performance.now();
    const customerIds = new Map<string, string>();
    for (const name of Object.values(searchCustomers)) customerIds.set(name, (await vault.call('customers.add', { name })).id);
    // contracts.import files a whole batch under one customer: one batch per customer.
    for (const [name, id] of customerIds) {
      const documents = labelledDocuments.filter((d) => d.customer === name);
      const paths = await Promise.all(documents.map((d) => vault.writeInput(`${d.key}.txt`, d.text)));
      const imported = await vault.call('contracts.import', { paths, customer: id });
      for (const outcome of imported) {
        if (outcome.status !== 'imported') throw new Error(`import of ${outcome.file}: ${JSON.stringify(outcome)}`);
        keyById.set(outcome.contractId, basename(outcome.file, '.txt'));
      }
    }
    expect(keyById.size).toBe(labelledDocuments.length);
    timings.push(`${labelledDocuments.length} documents imported ${Math.round(performance.now() - started)} ms`);

    started = performance.now();
    for (const query of labelledQueries) {
      const t0 = performance.now();
      const result = await vault.call('search.query', { text: query.text, limit: 500 });
      const ms = performance.now() - t0;
      const returned = result.hits.map((h) => keyById.get(h.contractId) ?? `unknown:${h.contractId}`);
      const relevant = new Set(query.relevant);
      outcomes.push({
        query, returned, result, ms,
        truePositives: returned.filter((k) => relevant.has(k)).length,
        missed: query.relevant.filter((k) => !returned.includes(k)),
        falseHits: returned.filter((k) => !relevant.has(k)),
      });
    }
    timings.push(`${labelledQueries.length} queries ${Math.round(performance.now() - started)} ms (slowest ${Math.max(...outcomes.map((o) => o.ms)).toFixed(1)} ms, with snippets)`);
  });

  afterAll(async () => { await vault?.cleanup(); });

  const groups: ReadonlyArray<{ name: string; pick: (o: QueryOutcome) => boolean }> = [
    ...(['zh', 'en', 'mixed'] as SearchLanguage[]).map((g) => ({ name: g, pick: (o: QueryOutcome) => o.query.mode !== 'typo' && o.query.group === g })),
    { name: 'overall', pick: (o: QueryOutcome) => o.query.mode !== 'typo' },
    { name: 'typos', pick: (o: QueryOutcome) => o.query.mode === 'typo' },
  ];

  it('prints the recall/precision table and every miss and false hit', () => {
    const rows = groups.map(({ name, pick }) => {
      const s = score(outcomes.filter(pick));
      return `${name.padEnd(8)} ${String(s.queries).padStart(7)} ${String(s.relevant).padStart(8)} ${String(s.returned).padStart(8)} ${String(s.truePositives).padStart(4)} ${pct(s.recall).padStart(7)} ${pct(s.precision).padStart(9)}`;
    });
    const trapOf = (query: string, key: string) => deliberateTraps.find((t) => t.query === query && t.keys.includes(key))?.kind;
    const problems = outcomes.flatMap((o) => [
      ...o.missed.map((k) => `  MISS  ${JSON.stringify(o.query.text)} (${o.query.mode}) did not return ${k}${trapOf(o.query.text, k) ? ` [trap: ${trapOf(o.query.text, k)}]` : ''}; terms ${JSON.stringify(o.result.terms)}`),
      ...o.falseHits.map((k) => `  FALSE ${JSON.stringify(o.query.text)} (${o.query.mode}) returned ${k}${trapOf(o.query.text, k) ? ` [trap: ${trapOf(o.query.text, k)}]` : ''}; terms ${JSON.stringify(o.result.terms)}`),
    ]);
    console.log([
      'Search accuracy, labelled set (micro-averaged over query/document pairs)',
      ...timings.map((t) => `  ${t}`),
      'group    queries relevant returned   TP  recall precision',
      ...rows,
      problems.length === 0 ? 'no misses, no false hits' : `misses and false hits:\n${problems.join('\n')}`,
    ].join('\n'));
    // Paging must not hide hits: every query fits in one page of 500.
    for (const o of outcomes) expect(o.result.total, o.query.text).toBe(o.result.hits.length);
  });

  for (const group of ['zh', 'en', 'mixed', 'overall'] as const) {
    it(`${group}: recall >= ${FLOOR} and precision >= ${FLOOR}`, () => {
      const s = score(outcomes.filter(groups.find((g) => g.name === group)?.pick ?? (() => false)));
      expect(s.queries).toBeGreaterThan(0);
      expect(s.recall).toBeGreaterThanOrEqual(FLOOR);
      expect(s.precision).toBeGreaterThanOrEqual(FLOOR);
    });
  }

  it(`one-typo queries: recall >= ${TYPO_RECALL_FLOOR}`, () => {
    const s = score(outcomes.filter((o) => o.query.mode === 'typo'));
    expect(s.queries).toBeGreaterThanOrEqual(5);
    expect(s.recall).toBeGreaterThanOrEqual(TYPO_RECALL_FLOOR);
  });

  it('a hit carries a snippet whose highlights cover the query terms found in its text, or a field match for its customer', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const o of outcomes) {
      if (o.query.mode !== 'exact') continue;
      for (const hit of o.result.hits) {
        const key = keyById.get(hit.contractId);
        const document = key === undefined ? undefined : documentByKey.get(key);
        if (!document || !o.query.relevant.includes(document.key)) continue;
        for (const term of oracleTerms(o.query.text)) {
          checked++;
          const inText = oracleRelevantKeys({ text: term, mode: 'exact' }, [{ ...document, key: '', customer: '' }]).length > 0;
          const ok = inText
            ? hit.snippets.some((s) => highlighted(s.text, s.highlights, term))
            : hit.fieldMatches.some((f) => highlighted(f.text, f.highlights, term));
          if (!ok) failures.push(`${JSON.stringify(o.query.text)} in ${document.key}: "${term}" not highlighted in ${inText ? 'snippets' : 'field matches'} ${JSON.stringify(inText ? hit.snippets.map((s) => s.text) : hit.fieldMatches)}`);
        }
      }
    }
    if (failures.length > 0) console.log(`highlight failures (${failures.length} of ${checked} checks):\n  ${failures.join('\n  ')}`);
    expect(checked).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  });

  it('a snippet from page 3 of a PDF says page 3', async () => {
    const pdf = await makePdf([
      ['Escrow Services Agreement - cover page', 'Prepared for the parties named in the schedule.'],
      ['Table of contents', '1. Definitions  2. Deposit  3. Release'],
      ['3. Release. The escrow agent releases the deposited source code to the licensee', 'when the licensor stops supporting the software.'],
    ]);
    const path = await vault.writeInput('Escrow-2025.pdf', pdf);
    const [outcome] = await vault.call('contracts.import', { paths: [path] });
    if (outcome?.status !== 'imported') throw new Error(JSON.stringify(outcome));
    expect(outcome.pageCount).toBe(3);
    const result = await vault.call('search.query', { text: 'escrow agent', limit: 10 });
    const hit: SearchHit | undefined = result.hits.find((h) => h.contractId === outcome.contractId);
    expect(hit).toBeDefined();
    const snippet = hit?.snippets[0];
    expect(snippet).toMatchObject({ page: 3, fileName: 'Escrow-2025.pdf', versionNumber: 1 });
    expect(highlighted(snippet?.text ?? '', snippet?.highlights ?? [], 'escrow')).toBe(true);
    expect(highlighted(snippet?.text ?? '', snippet?.highlights ?? [], 'agent')).toBe(true);
    // Page 1 also says "Escrow"; only page 3 has both words, so it comes first.
    expect(hit?.snippets.map((s) => s.page)).toContain(3);
  });
});
