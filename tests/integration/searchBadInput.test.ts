import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/api/envelope.ts';
import type { SearchQuery, SearchResult } from '../../src-shared/model/search.ts';
import { Backend } from '../../src-main/core/backend.ts';
import { labelledDocuments } from '../fixtures/search/labelledSearchSet.ts';
import { createTestVault, expectError, expectOk, testPassphrase } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

/** Every answer, good or bad, must come back this fast on a small vault: no hang, no runaway expansion. */
const ANSWER_MS = 1000;

/** Every file under the index folder, by relative path. */
async function readIndexFiles(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path));
  }
  return files;
}

const docText = (key: string): string => {
  const found = labelledDocuments.find((d) => d.key === key);
  if (!found) throw new Error(`no fixture ${key}`);
  return found.text;
};

describe('search: bad input, saved and recent searches, incremental and persisted index (issue 4)', () => {
  let vault: Vault;
  const ids: Record<string, string> = {};
  let acme = '';
  let fxiaoke = '';

  /** Calls search.query with raw (possibly invalid) input and times it. */
  const search = async (input: unknown): Promise<Envelope<SearchResult>> => {
    const started = performance.now();
    const envelope = await vault.backend.invoke('search.query', input);
    const ms = performance.now() - started;
    expect(ms, `search.query ${JSON.stringify(input).slice(0, 80)} took ${ms.toFixed(0)} ms`).toBeLessThan(ANSWER_MS);
    if (!envelope.ok) expect(envelope.error.code, envelope.error.message).not.toBe('INTERNAL');
    return envelope;
  };
  const found = async (query: SearchQuery): Promise<string[]> =>
    expectOk(await search({ limit: 100, ...query })).hits.map((h) => h.contractId).sort();

  beforeAll(async () => {
    vault = await createTestVault();
    acme = (await vault.call('customers.add', { name: 'Acme Robotics Ltd.' })).id;
    fxiaoke = (await vault.call('customers.add', { name: '北京纷享销客科技有限公司' })).id;
    const importFor = async (customer: string, keys: string[]) => {
      const paths = await Promise.all(keys.map((k) => vault.writeInput(`${k}.txt`, docText(k))));
      for (const outcome of await vault.call('contracts.import', { paths, customer })) {
        if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
        ids[basename(outcome.file, '.txt')] = outcome.contractId;
      }
    };
    await importFor(acme, ['doc-e01', 'doc-e16']);
    await importFor(fxiaoke, ['doc-z01', 'doc-m01']);
    // Known facets for the filters, whatever metadata extraction found.
    await vault.call('contracts.update', { id: ids['doc-e01'] as string, signingDate: '2024-03-12', amount: { value: '120000', currency: 'EUR' } });
    await vault.call('contracts.update', { id: ids['doc-e16'] as string, signingDate: '2024-01-22', amount: { value: '415000', currency: 'EUR' } });
    await vault.call('contracts.update', { id: ids['doc-z01'] as string, signingDate: '2024-03-15', amount: { value: '128000', currency: 'CNY' } });
    await vault.call('contracts.update', { id: ids['doc-m01'] as string, signingDate: '2024-04-18', amount: { value: '27000', currency: 'CNY' } });
  });

  afterAll(async () => { await vault?.cleanup(); });

  it('an empty query, or none, returns the contracts the filters let through', async () => {
    const all = Object.values(ids).sort();
    expect(await found({ text: '' })).toEqual(all);
    expect(await found({})).toEqual(all);
    expect(await found({ text: '   ' })).toEqual(all);
    const acmes = [ids['doc-e01'], ids['doc-e16']].sort();
    expect(await found({ text: '', customerIds: [acme] })).toEqual(acmes);
    expect(await found({ customerIds: [acme] })).toEqual(acmes);
    expect(await found({ signedFrom: '2024-03-01', signedTo: '2024-03-31' })).toEqual([ids['doc-e01'], ids['doc-z01']].sort());
    expect(await found({ minAmountMinor: 100_000_00, currency: 'EUR' })).toEqual(acmes);
    // Text and filters together.
    expect(await found({ text: 'arbitration', customerIds: [acme] })).toEqual([ids['doc-e16']]);
    expect(await found({ text: 'arbitration', customerIds: [fxiaoke] })).toEqual([]);
  });

  it('a query of only punctuation finds nothing', async () => {
    for (const text of ['!!!...???', '，。！？、', '---', '"\'`~']) {
      const result = expectOk(await search({ text }));
      expect(result, text).toMatchObject({ total: 0, hits: [] });
    }
  });

  it('a 10,000-character query is refused as INVALID_INPUT, translated in en and zh-CN', async () => {
    const long = '合同'.repeat(5000);
    const en = expectError(await search({ text: long }), 'INVALID_INPUT');
    expect(en.message).toMatch(/^Invalid input: text/u);
    // Validation is at the door, before any vault is needed: a second, Chinese-speaking door answers the same.
    const zhBackend = new Backend({ actor: 'tester', locale: 'zh-CN' });
    const zh = expectError(await zhBackend.invoke('search.query', { text: 'x'.repeat(10_000) }), 'INVALID_INPUT');
    expect(zh.message).toMatch(/^输入无效：text/u);
    await zhBackend.dispose();
  });

  it('the longest accepted queries (1,000 characters) are answered quickly, in Chinese and in English', async () => {
    // Repeated with spaces: glued together, the repetition itself (…系统纷享…) is a phrase no contract holds.
    const phrase = '纷享销客合同管理系统 '.repeat(90);
    expect(phrase.length).toBe(990);
    const chinese = expectOk(await search({ text: phrase }));
    expect(chinese.hits.map((h) => h.contractId)).toEqual([ids['doc-z01']]);
    // 1,000 characters of words the vault does not know: each one tries prefixes and one-edit typos.
    const words = Array.from({ length: 125 }, (_, i) => `qx${String(i * 7919).padStart(5, '0').slice(-5)}`).join(' ').padEnd(1000, 'w');
    expect(words.length).toBe(1000);
    expect(expectOk(await search({ text: words }))).toMatchObject({ total: 0, hits: [] });
    // 合同合同…: its only pairs are 合同 and 同合, so it finds the contracts holding both (pairs are ANDed,
    // not checked for adjacency: docs/search.md); what matters here is a quick answer, not an exception.
    const repeated = expectOk(await search({ text: '合同'.repeat(500) }));
    expect(new Set(repeated.terms)).toEqual(new Set(['合同', '同合']));
  });

  it('regex metacharacters are plain characters: no exception, no false hits', async () => {
    for (const text of ['.*+?^${}()|[]\\', '.*', '(?=)', '[^]', 'a{1000000}', '\\d+', '$&']) {
      const result = expectOk(await search({ text }));
      if (text === 'a{1000000}' || text === '\\d+') {
        // The letters and digits in them are ordinary words the vault does not hold.
        expect(result.total, text).toBe(0);
      } else {
        expect(result, text).toMatchObject({ total: 0, hits: [] });
      }
    }
    // Metacharacters around a real word change nothing.
    expect(await found({ text: '(arbitration).*' })).toEqual(await found({ text: 'arbitration' }));
    expect(await found({ text: '[付款]+' })).toEqual(await found({ text: '付款' }));
  });

  it('unpaired surrogates get an answer, not an exception', async () => {
    for (const text of ['\uD800abc', 'abc\uDC00', '\uD800', '\uDFFF\uD800', '付款\uD800', 'termin\uDBFFation']) {
      expectOk(await search({ text }));
    }
    // A lone surrogate is not a character of any word: the rest of the query still counts.
    expect(await found({ text: '付款\uD800' })).toEqual(await found({ text: '付款' }));
    // And recording it among the recent searches did not break them.
    expectOk(await vault.backend.invoke('search.recent', { limit: 5 }));
  });

  it('inverted ranges are refused with INVALID_INPUT', async () => {
    expectError(await search({ signedFrom: '2024-12-31', signedTo: '2024-01-01' }), 'INVALID_INPUT');
    expectError(await search({ endsFrom: '2025-06-01', endsTo: '2025-01-01' }), 'INVALID_INPUT');
    expectError(await search({ text: '付款', minAmountMinor: 500, maxAmountMinor: 100 }), 'INVALID_INPUT');
    expectError(await search({ signedFrom: '2024-02-30' }), 'INVALID_INPUT');
    expectError(await search({ minAmountMinor: -1 }), 'INVALID_INPUT');
    expectError(await search({ text: 123 }), 'INVALID_INPUT');
    expectError(await search({ text: 'a', unknownField: true }), 'INVALID_INPUT');
    // Equal bounds are a valid one-day / one-amount range.
    expect(await found({ signedFrom: '2024-03-12', signedTo: '2024-03-12' })).toEqual([ids['doc-e01']]);
  });

  it('saved searches round-trip: add, list, remove', async () => {
    const query: SearchQuery = { text: '合同管理', customerIds: [fxiaoke], sort: 'signingDate' };
    const saved = await vault.call('search.saved.add', { name: '纷享 合同管理', query });
    expect(saved).toMatchObject({ name: '纷享 合同管理', query });
    expect(await vault.call('search.saved.list', {})).toEqual([saved]);
    const rerun = await found(saved.query);
    expect(rerun).toEqual([ids['doc-z01']]);
    expect(await vault.call('search.saved.remove', { id: saved.id })).toEqual({ removed: true });
    expect(await vault.call('search.saved.list', {})).toEqual([]);
    expectError(await vault.backend.invoke('search.saved.remove', { id: saved.id }), 'SAVED_SEARCH_NOT_FOUND');
    expectError(await vault.backend.invoke('search.saved.add', { name: '  ', query: {} }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('search.saved.add', { name: 'bad range', query: { signedFrom: '2025-01-01', signedTo: '2024-01-01' } }), 'INVALID_INPUT');
  });

  it('recent searches list the searches run, newest first', async () => {
    await found({ text: 'force majeure' });
    await found({ text: '售后服务', customerIds: [fxiaoke] });
    const recent = await vault.call('search.recent', { limit: 2 });
    expect(recent).toHaveLength(2);
    expect(recent[0]?.query).toMatchObject({ text: '售后服务', customerIds: [fxiaoke] });
    expect(recent[1]?.query).toMatchObject({ text: 'force majeure' });
    expect(Date.parse(recent[0]?.ranAt ?? '')).toBeGreaterThanOrEqual(Date.parse(recent[1]?.ranAt ?? ''));
  });

  it('an edited title is found by its new words and no longer by its old ones, also after lock and unlock', async () => {
    const id = ids['doc-e16'] as string;
    await vault.call('contracts.update', { id, title: 'Aurora 年度框架协议' });
    expect(await found({ text: 'Aurora' })).toEqual([id]);
    expect(await found({ text: '年度框架' })).toEqual([id]);
    await vault.call('contracts.update', { id, title: 'Borealis 机器人采购' });
    expect(await found({ text: 'Borealis' })).toEqual([id]);
    expect(await found({ text: '机器人采购' })).toEqual([id]);
    expect(await found({ text: 'Aurora' })).toEqual([]);
    expect(await found({ text: '年度框架' })).toEqual([]);

    const probes: SearchQuery[] = [
      { text: 'Borealis' }, { text: 'Aurora' }, { text: '付款' }, { text: 'termin' }, { text: 'arbitation' }, { text: 'NDA 保密' },
      { text: '', customerIds: [acme] }, { text: 'force majeure', sort: 'amount' },
    ];
    const before = [];
    for (const probe of probes) before.push(await found(probe));
    await vault.call('vault.lock', {});
    const indexDir = join(vault.vaultDir, 'index');
    const snapshot = await readIndexFiles(indexDir);
    expect(snapshot.size).toBeGreaterThan(0);
    await vault.call('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase });
    const after = [];
    for (const probe of probes) after.push(await found(probe));
    expect(after).toEqual(before);
    expect(await found({ text: 'Borealis' })).toEqual([id]);
    // The answers came from the saved snapshot: a rebuild at unlock would have rewritten it.
    expect(await readIndexFiles(indexDir)).toEqual(snapshot);

    // Nothing in the persisted index is readable.
    for (const [file, bytes] of snapshot) {
      for (const secret of ['Borealis', 'borealis', '纷享销客', 'arbitration', '机器人']) {
        expect(bytes.includes(Buffer.from(secret)), `${file} contains ${secret}`).toBe(false);
      }
    }
  });
});
