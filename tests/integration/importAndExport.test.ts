import type { ProgressEvent } from '../../src-shared/api/progress.ts';
import { readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePdf } from '../fixtures/makePdf.ts';
import { createTestVault, expectError } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

describe('import, versions, duplicates and export on a real vault', () => {
  let vault: Vault;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => { await vault.cleanup(); });

  it('imports a PDF for a Chinese-named customer, extracts its text, and exports the original byte-exact', async () => {
    const customer = await vault.call('customers.add', { name: '北京纷享科技有限公司', email: 'legal@fxiaoke.example', phone: '+86 10 1234 5678' });
    const pdf = await makePdf([['Master Services Agreement', 'Termination requires ninety days notice.'], ['Page two: payment schedule']]);
    const path = await vault.writeInput('MSA-2025.pdf', pdf);
    const [outcome] = await vault.call('contracts.import', { paths: [path], customer: '北京纷享科技有限公司' });
    expect(outcome?.status).toBe('imported');
    if (outcome?.status !== 'imported') return;
    expect(outcome.pageCount).toBe(2);
    expect(outcome.textChars).toBeGreaterThan(40);

    const contracts = await vault.call('contracts.list', { customer: customer.id });
    expect(contracts.map((c) => c.title)).toEqual(['MSA-2025']);
    expect(contracts[0]?.customerName).toBe('北京纷享科技有限公司');

    const detail = await vault.call('contracts.get', { id: outcome.contractId });
    expect(detail.files).toHaveLength(1);
    expect(detail.files[0]?.role).toBe('main');
    expect(detail.files[0]?.versions.map((v) => v.versionNo)).toEqual([1]);
    expect(detail.files[0]?.versions[0]).not.toHaveProperty('wrappedKey');

    const out = join(vault.root, 'exported.pdf');
    const exported = await vault.call('files.export', { contractId: outcome.contractId, outPath: out });
    expect(exported.bytes).toBe(pdf.length);
    expect(Buffer.compare(await readFile(out), Buffer.from(pdf))).toBe(0);
    // Never overwrites.
    expectError(await vault.backend.invoke('files.export', { contractId: outcome.contractId, outPath: out }), 'OUTPUT_EXISTS');
  });

  it('recognises the same bytes as a duplicate and a changed file of the same name as a new version', async () => {
    await vault.call('customers.add', { name: 'Acme GmbH' });
    const first = await makePdf([['Lease agreement version one']]);
    const path = await vault.writeInput('lease.pdf', first);
    const [a] = await vault.call('contracts.import', { paths: [path], customer: 'acme gmbh' });
    const [again] = await vault.call('contracts.import', { paths: [path], customer: 'Acme GmbH' });
    expect(again?.status).toBe('duplicate');
    if (a?.status !== 'imported' || again?.status !== 'duplicate') throw new Error('unexpected outcomes');
    expect(again.versionId).toBe(a.versionId);

    await writeFile(path, await makePdf([['Lease agreement version two, rent raised']]));
    const [changed] = await vault.call('contracts.import', { paths: [path], customer: 'Acme GmbH' });
    expect(changed?.status).toBe('new-version');
    if (changed?.status !== 'new-version') return;
    expect(changed.contractId).toBe(a.contractId);
    expect(changed.versionNo).toBe(2);

    const detail = await vault.call('contracts.get', { id: a.contractId });
    expect(detail.files[0]?.versions.map((v) => v.versionNo)).toEqual([2, 1]);
    // The older version still exports byte-exact.
    const out = join(vault.root, 'v1.pdf');
    await vault.call('files.export', { contractId: a.contractId, outPath: out, versionId: a.versionId });
    expect(Buffer.compare(await readFile(out), Buffer.from(first))).toBe(0);
  });

  it('offers a near-identical file under another name as a new version, and merges it on request', async () => {
    const lines = ['Master Services Agreement between Acme GmbH and Fxiaoke Technology', 'The Provider shall deliver the Services described in Schedule A.',
      'Fees are payable within thirty days of invoice. This Agreement runs for thirty six months.', 'Either party may terminate for material breach with sixty days notice.'];
    const [first] = await vault.call('contracts.import', { paths: [await vault.writeInput('MSA-final.pdf', await makePdf([lines]))] });
    const edited = [...lines.slice(0, 2), 'Fees are payable within forty-five days of invoice. This Agreement runs for thirty six months.', lines[3] ?? ''];
    const [second] = await vault.call('contracts.import', { paths: [await vault.writeInput('MSA-final (signed).pdf', await makePdf([edited]))] });
    const [unrelated] = await vault.call('contracts.import', { paths: [await vault.writeInput('lease.pdf', await makePdf([['Lease of the warehouse at Pudong, rent payable monthly in advance.']]))] });
    if (first?.status !== 'imported' || second?.status !== 'imported' || unrelated?.status !== 'imported') throw new Error('imports failed');
    expect(first.similarTo).toBeUndefined();
    expect(unrelated.similarTo).toBeUndefined();
    expect(second.similarTo).toMatchObject({ contractId: first.contractId, fileId: first.fileId });
    expect(second.similarTo?.similarity).toBeGreaterThanOrEqual(0.8);

    const merged = await vault.call('contracts.mergeAsVersion', { contractId: second.contractId, intoFileId: first.fileId });
    expect(merged.id).toBe(first.contractId);
    expect(merged.files[0]?.versions.map((v) => v.versionNo)).toEqual([2, 1]);
    expectError(await vault.backend.invoke('contracts.get', { id: second.contractId }), 'CONTRACT_NOT_FOUND');
    expect((await vault.call('vault.verify', {})).ok).toBe(true);
  });

  it('adds annexes and signed copies to an existing contract', async () => {
    const main = await vault.writeInput('contract.pdf', await makePdf([['Main contract']]));
    const [m] = await vault.call('contracts.import', { paths: [main] });
    if (m?.status !== 'imported') throw new Error('import failed');
    const annex = await vault.writeInput('annex-a.pdf', await makePdf([['Annex A price list']]));
    const [x] = await vault.call('contracts.import', { paths: [annex], contractId: m.contractId });
    const signed = await vault.writeInput('signed.pdf', await makePdf([['Signed copy']]));
    await vault.call('contracts.import', { paths: [signed], contractId: m.contractId, role: 'signed' });
    expect(x?.status).toBe('imported');
    const detail = await vault.call('contracts.get', { id: m.contractId });
    expect(detail.files.map((f) => `${f.role}:${f.name}`)).toEqual(['main:contract.pdf', 'signed:signed.pdf', 'annex:annex-a.pdf']);
  });

  it('reports each bad file with a clear error and still imports the good ones', async () => {
    const good = await vault.writeInput('good.pdf', await makePdf([['A good contract']]));
    const empty = await vault.writeInput('empty.pdf', new Uint8Array());
    const fake = await vault.writeInput('fake.pdf', 'this is not a pdf at all');
    const word = await vault.writeInput('old.doc', 'binary word');
    const exe = await vault.writeInput('tool.exe', 'MZ binary');
    const unreadable = await vault.writeInput('locked.pdf', await makePdf([['x']]));
    await chmod(unreadable, 0o000);
    const missing = join(vault.root, 'missing.pdf');
    const outcomes = await vault.call('contracts.import', { paths: [good, empty, fake, word, exe, missing, unreadable] });
    const byName = Object.fromEntries(outcomes.map((o) => [o.file.split('/').at(-1), o]));
    expect(byName['good.pdf']?.status).toBe('imported');
    const codeOf = (name: string) => { const o = byName[name]; return o?.status === 'failed' ? o.error.code : o?.status; };
    expect(codeOf('empty.pdf')).toBe('FILE_EMPTY');
    expect(codeOf('fake.pdf')).toBe('PDF_UNREADABLE');
    expect(codeOf('old.doc')).toBe('LEGACY_OFFICE_FORMAT');
    expect(codeOf('tool.exe')).toBe('UNSUPPORTED_FORMAT');
    expect(codeOf('missing.pdf')).toBe('FILE_NOT_FOUND');
    // Root can read a 000 file; only assert the refusal where permissions are enforced.
    if (process.getuid?.() !== 0) expect(codeOf('locked.pdf')).toBe('FILE_UNREADABLE');
    const failed = outcomes.find((o) => o.status === 'failed');
    expect(failed?.status === 'failed' && failed.error.message).toMatch(/\w/);
    expect((await vault.call('contracts.list', {})).length).toBe(process.getuid?.() === 0 ? 2 : 1);
  });

  it('reports progress per file on the same call, ending at total', async () => {
    const paths = await Promise.all(['p1.pdf', 'p2.pdf', 'p3.pdf'].map(async (n) => vault.writeInput(n, await makePdf([[`Contract ${n}`]]))));
    const events: ProgressEvent[] = [];
    const result = await vault.backend.invoke('contracts.import', { paths }, { onProgress: (e) => events.push(e) });
    expect(result.ok).toBe(true);
    const perFile = events.filter((e) => e.phase === undefined);
    expect(perFile.map((e) => [e.done, e.total])).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]]);
    expect(events.every((e) => e.operation === 'contracts.import')).toBe(true);
    expect(perFile.slice(1).map((e) => e.item).sort()).toEqual([...paths].sort());
    expect(perFile.slice(1).every((e) => e.outcomes?.[0]?.status === 'imported')).toBe(true);
    // Each file goes through reading, extracting and storing, in that order.
    for (const path of paths) {
      expect(events.filter((e) => e.item === path && e.phase).map((e) => e.phase)).toEqual(['reading', 'extracting', 'storing']);
    }
  });

  it('cancels a running import: committed files stay whole, the rest are reported cancelled', async () => {
    // More files than the import has parsing and storing slots (4 + 4 per worker), so some are still waiting.
    const paths = await Promise.all(Array.from({ length: 24 }, async (_, i) => vault.writeInput(`k${i}.pdf`, await makePdf([[`Cancellable contract ${i}`]]))));
    const controller = new AbortController();
    const result = await vault.backend.invoke('contracts.import', { paths }, {
      signal: controller.signal,
      onProgress: (e) => { if (e.phase === undefined && e.done >= 2) controller.abort(); },
    });
    if (!result.ok) throw new Error(result.error.message);
    const imported = result.value.filter((o) => o.status === 'imported');
    const cancelled = result.value.filter((o) => o.status === 'failed' && o.error.code === 'IMPORT_CANCELLED');
    expect(imported.length).toBeGreaterThanOrEqual(2);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(imported.length + cancelled.length).toBe(24);
    expect((await vault.call('contracts.list', {})).length).toBe(imported.length);
    const report = await vault.call('vault.verify', {});
    expect(report.ok).toBe(true);
    expect(report.checkedVersions).toBe(imported.length);
  });

  it('refuses a file over the configured size limit', async () => {
    await vault.call('settings.update', { importMaxFileBytes: 1000 });
    const big = await vault.writeInput('big.pdf', await makePdf([['x'.repeat(80)], ['y'.repeat(80)], ['z'.repeat(80)]]));
    const [outcome] = await vault.call('contracts.import', { paths: [big] });
    expect(outcome?.status === 'failed' && outcome.error.code).toBe('FILE_TOO_LARGE');
    expect(await vault.call('contracts.list', {})).toEqual([]);
  });

  it('refuses an unknown customer before importing anything', async () => {
    const path = await vault.writeInput('a.pdf', await makePdf([['text']]));
    const error = expectError(await vault.backend.invoke('contracts.import', { paths: [path], customer: 'Nobody Ltd' }), 'CUSTOMER_NOT_FOUND');
    expect(error.message).toContain('Nobody Ltd');
    expect(await vault.call('contracts.list', {})).toEqual([]);
  });

  it('refuses an ambiguous customer name rather than guessing', async () => {
    await vault.call('customers.add', { name: 'Twin Co' });
    await vault.call('customers.add', { name: 'twin co' });
    const path = await vault.writeInput('a.pdf', await makePdf([['text']]));
    expectError(await vault.backend.invoke('contracts.import', { paths: [path], customer: 'Twin Co' }), 'CUSTOMER_AMBIGUOUS');
  });

  it('edits contract metadata with validated dates and exact money', async () => {
    await vault.call('customers.add', { name: '上海示例有限公司' });
    const path = await vault.writeInput('sale.pdf', await makePdf([['Sales contract']]));
    const [o] = await vault.call('contracts.import', { paths: [path] });
    if (o?.status !== 'imported') throw new Error('import failed');
    const updated = await vault.call('contracts.update', {
      id: o.contractId, number: 'HT-2025-0001', customer: '上海示例有限公司', type: 'sales', signingDate: '2025-03-01',
      startDate: '2025-03-01', endDate: '2028-02-29', amount: { value: '1,200,000.50', currency: 'cny' }, tags: ['重要', 'renewal'],
    });
    expect(updated.amount).toEqual({ minor: 120000050, currency: 'CNY' });
    expect(updated.customerName).toBe('上海示例有限公司');
    expect([...updated.tags].sort()).toEqual(['renewal', '重要']);
    expectError(await vault.backend.invoke('contracts.update', { id: o.contractId, endDate: '2025-02-30' }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('contracts.update', { id: o.contractId, amount: { value: '12.345', currency: 'CNY' } }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('contracts.update', { id: 'f'.repeat(32) }), 'CONTRACT_NOT_FOUND');
  });
});
