import { describe, expect, it } from 'vitest';
import {
  deliberateTraps, labelledDocuments, labelledQueries, oracleRelevantKeys, oracleTerms, searchCustomers, searchableFields,
  editDistance, type LabelledDocument, type QueryMode, type SearchTrap,
} from '../../fixtures/search/labelledSearchSet.ts';

const hanRuns = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
const wordRuns = /[\p{Script=Latin}\p{N}]+/gu;
const latinWords = /\p{Script=Latin}[\p{Script=Latin}\p{N}]*/gu;

const doc = (key: string, text: string, customer = 'Nobody Ltd.'): LabelledDocument => ({ key, language: 'zh', customer, text });
const byKey = (key: string): LabelledDocument => {
  const found = labelledDocuments.find((d) => d.key === key);
  if (!found) throw new Error(`no document ${key}`);
  return found;
};
const labelsOf = (text: string) => {
  const found = labelledQueries.find((q) => q.text === text);
  if (!found) throw new Error(`no query ${text}`);
  return found.relevant;
};

/** Han characters plus Latin/digit words: the "length" of a text in either language. */
function units(text: string): number {
  return Array.from(text.match(hanRuns)?.join('') ?? '').length + (text.match(wordRuns)?.length ?? 0);
}

/** Every word (Latin/digit run) in the searchable fields of the set: what an index's vocabulary holds. */
const vocabulary = new Set(labelledDocuments.flatMap((d) => searchableFields(d).flatMap((f) => f.match(wordRuns) ?? [])));

/**
 * A naive engine: Han query runs need all their character pairs (within unbroken runs of the text),
 * Latin query words need each of their parts as whole words. Where it disagrees with the labels is a trap.
 */
function bagOfTokensKeys(text: string, mode: QueryMode): string[] {
  const terms = oracleTerms(text);
  return labelledDocuments
    .filter((d) => {
      const pairs = new Set<string>();
      const chars = new Set<string>();
      const words = new Set<string>();
      for (const field of searchableFields(d)) {
        for (const run of field.match(hanRuns) ?? []) {
          const cs = Array.from(run);
          cs.forEach((ch, i) => {
            chars.add(ch);
            const next = cs[i + 1];
            if (next !== undefined) pairs.add(ch + next);
          });
        }
        for (const word of field.match(wordRuns) ?? []) words.add(word);
      }
      return terms.every((term) => {
        const hanOk = (term.match(hanRuns) ?? []).every((run) => {
          const cs = Array.from(run);
          return cs.length === 1 ? chars.has(cs[0] ?? '') : cs.slice(1).every((ch, i) => pairs.has(`${cs[i] ?? ''}${ch}`));
        });
        const wordsOk = (term.match(wordRuns) ?? []).every((w) => (mode === 'prefix' ? [...words].some((x) => x.startsWith(w)) : words.has(w)));
        return hanOk && wordsOk;
      });
    })
    .map((d) => d.key);
}

/** Recomputes every place a shortcut disagrees with the labels (see SearchTrap). */
function trapCensus(): SearchTrap[] {
  const traps: SearchTrap[] = [];
  for (const query of labelledQueries) {
    const relevant = new Set(oracleRelevantKeys(query));
    const strict = new Set(oracleRelevantKeys(query, labelledDocuments, { joinHan: false }));
    const add = (kind: SearchTrap['kind'], keys: string[]) => { if (keys.length > 0) traps.push({ query: query.text, kind, keys }); };
    add('hanWhitespace', [...relevant].filter((k) => !strict.has(k)));
    if (query.mode === 'typo') continue;
    add('tokenBag', bagOfTokensKeys(query.text, query.mode).filter((k) => !relevant.has(k)));
    if (query.mode === 'exact') {
      add('prefixExtension', oracleRelevantKeys({ text: query.text, mode: 'prefix' }).filter((k) => !relevant.has(k)));
      add('typoNeighbour', oracleRelevantKeys({ text: query.text, mode: 'typo' }).filter((k) => !relevant.has(k)));
    }
  }
  return traps;
}

const sortTraps = (traps: readonly SearchTrap[]) =>
  [...traps].map((t) => ({ ...t, keys: [...t.keys].sort() })).sort((a, b) => `${a.kind}|${a.query}`.localeCompare(`${b.kind}|${b.query}`));

describe('the relevance oracle', () => {
  const docs = [
    doc('a', '纷享销客合同管理系统'),
    doc('b', '乙方应在三十日内付款，付款的期限届满'),
    doc('c', '甲方应支付全部货款'),
    doc('d', '本合同\n管理办法'),
    doc('e', 'Either party may terminate; termination is final.'),
    doc('f', 'The Term is two years. Reports in ＰＤＦ format.'),
    doc('g', 'Contract HT-2023-0153 signed in 2024, 48 hours, EUR 120,000.'),
    doc('h', '报告以 PDF 格式提交'),
  ];
  const keys = (text: string, mode: QueryMode = 'exact', options?: { joinHan?: boolean }) => oracleRelevantKeys({ text, mode }, docs, options);

  it('finds Chinese without spaces, and not characters that only occur apart', () => {
    expect(keys('合同管理')).toEqual(['a', 'd']);
    expect(keys('合同管理', 'exact', { joinHan: false })).toEqual(['a']);
    expect(keys('付款')).toEqual(['b']);
    expect(keys('期限')).toEqual(['b']);
    expect(keys('付款期限')).toEqual([]);
  });

  it('matches English whole words, prefixes only when asked, case and width folded', () => {
    expect(keys('term')).toEqual(['f']);
    expect(keys('termin', 'prefix')).toEqual(['e']);
    expect(keys('TERMINATION')).toEqual(['e']);
    expect(keys('pdf')).toEqual(['f', 'h']);
    expect(keys('ＰＤＦ格式')).toEqual(['h']);
  });

  it('reads codes and amounts as written, typos as one edit, punctuation as nothing', () => {
    expect(keys('HT-2024-0153')).toEqual([]);
    expect(keys('HT-2023-0153')).toEqual(['g']);
    expect(keys('48,000')).toEqual([]);
    expect(keys('120,000')).toEqual(['g']);
    expect(keys('terminaton', 'typo')).toEqual(['e']);
    expect(keys('terminaton')).toEqual([]);
    expect(keys('!!!...???')).toEqual([]);
    expect(keys('  ')).toEqual([]);
    expect(editDistance('warrenty', 'warranty')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
  });

  it('searches the customer name and title as well as the text', () => {
    expect(oracleRelevantKeys({ text: 'Northwind', mode: 'exact' }, [doc('x', 'no name here', 'Northwind Traders Inc.')])).toEqual(['x']);
    expect(oracleRelevantKeys({ text: 'zz-title', mode: 'exact' }, [doc('zz-title', 'text')])).toEqual(['zz-title']);
  });
});

describe('the labelled search set', () => {
  it('has 64 distinct documents: half Chinese, a quarter English, a quarter mixed, 150-600 characters/words each', () => {
    expect(labelledDocuments.length).toBeGreaterThanOrEqual(60);
    expect(new Set(labelledDocuments.map((d) => d.key)).size).toBe(labelledDocuments.length);
    expect(new Set(labelledDocuments.map((d) => d.text)).size).toBe(labelledDocuments.length);
    const count = (language: string) => labelledDocuments.filter((d) => d.language === language).length;
    expect([count('zh'), count('en'), count('mixed')]).toEqual([32, 16, 16]);
    const customers = new Set<string>(Object.values(searchCustomers));
    for (const d of labelledDocuments) {
      expect(units(d.text), d.key).toBeGreaterThanOrEqual(150);
      expect(units(d.text), d.key).toBeLessThanOrEqual(600);
      expect(customers.has(d.customer), d.key).toBe(true);
      const han = d.text.match(hanRuns) !== null;
      const latin = d.text.normalize('NFKC').match(latinWords) ?? [];
      if (d.language === 'en') expect(han, d.key).toBe(false);
      // Chinese texts may carry a code such as SZHS-2024-017, nothing more.
      if (d.language === 'zh') expect(latin.length, d.key).toBeLessThanOrEqual(1);
      if (d.language === 'mixed') expect(han && latin.length >= 2, d.key).toBe(true);
    }
  });

  it('has at least 50 queries plus 5 typo queries, each in the group its script says', () => {
    const regular = labelledQueries.filter((q) => q.mode !== 'typo');
    const typos = labelledQueries.filter((q) => q.mode === 'typo');
    expect(regular.length).toBeGreaterThanOrEqual(50);
    expect(typos.length).toBeGreaterThanOrEqual(5);
    expect(new Set(labelledQueries.map((q) => q.text)).size).toBe(labelledQueries.length);
    for (const q of labelledQueries) {
      const han = q.text.match(hanRuns) !== null;
      const latin = q.text.normalize('NFKC').match(latinWords) !== null;
      expect(q.group, q.text).toBe(han && latin ? 'mixed' : han ? 'zh' : 'en');
      expect(q.covers.length, q.text).toBeGreaterThan(5);
    }
    for (const group of ['zh', 'en', 'mixed'] as const) expect(regular.filter((q) => q.group === group).length).toBeGreaterThanOrEqual(10);
  });

  it.each(labelledQueries.map((q) => [q.text, q] as const))('labels of %s equal the oracle', (_text, query) => {
    expect([...query.relevant].sort()).toEqual(oracleRelevantKeys(query).sort());
  });

  it('covers the cases issue 4 names', () => {
    const withText = (fragment: string) => labelledDocuments.filter((d) => d.text.includes(fragment)).map((d) => d.key);
    expect(labelsOf('合同管理')).toEqual(expect.arrayContaining(withText('纷享销客合同管理系统')));
    const paymentTerm = withText('付款的期限');
    expect(paymentTerm).toHaveLength(1);
    expect(labelsOf('付款')).toEqual(expect.arrayContaining(paymentTerm));
    expect(labelsOf('期限')).toEqual(expect.arrayContaining(paymentTerm));
    // 付 and 款 apart: not a hit.
    expect(byKey('doc-z07').text).toMatch(/付.*款/u);
    expect(labelsOf('付款')).not.toContain('doc-z07');
    expect(labelsOf('termin')).toEqual(expect.arrayContaining([...withText('termination'), ...withText('terminate')]));
    expect(labelsOf('term')).not.toContain('doc-e15');
    expect(labelsOf('Termination')).toEqual(labelsOf('termination'));
    expect(labelsOf('ＰＤＦ')).toEqual(labelsOf('PDF'));
    expect(labelsOf('PDF')).toContain('doc-m10'); // written ＰＤＦ in the text
    expect(labelsOf('NDA 保密').length).toBeGreaterThan(0);
    expect(labelsOf('HT-2024-0153')).not.toContain('doc-m05');
    expect(labelsOf('Northwind')).toContain('doc-e04'); // only its customer field names Northwind
    expect(byKey('doc-e04').text).not.toMatch(/northwind/iu);
  });

  it('uses partial words for prefix queries, whole words otherwise, and one-edit typos of long words', () => {
    const latin = (text: string) => text.normalize('NFKC').toLowerCase().match(wordRuns) ?? [];
    for (const q of labelledQueries) {
      for (const word of latin(q.text)) {
        // A search engine can only tell "termin" (typing) from "term" (a word) by the vault's vocabulary.
        if (q.mode === 'exact') expect(vocabulary.has(word), `${q.text}: ${word}`).toBe(true);
        if (q.mode === 'prefix') {
          expect(vocabulary.has(word), `${q.text}: ${word}`).toBe(false);
          expect([...vocabulary].some((v) => v.startsWith(word)), `${q.text}: ${word}`).toBe(true);
        }
        if (q.mode === 'typo') {
          expect(word.length, q.text).toBeGreaterThanOrEqual(5);
          expect([...vocabulary].some((v) => v.startsWith(word)), `${q.text}: ${word} is a word or a prefix`).toBe(false);
          expect([...vocabulary].some((v) => editDistance(v, word, 1) === 1), `${q.text}: ${word}`).toBe(true);
        }
      }
      if (q.mode !== 'exact') expect(q.relevant.length, q.text).toBeGreaterThan(0);
    }
  });

  it('contains exactly the deliberate traps and no accidental ones', () => {
    expect(sortTraps(trapCensus())).toEqual(sortTraps(deliberateTraps));
  });
});
