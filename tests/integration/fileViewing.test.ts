import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx } from '../fixtures/office/makeDocx.ts';
import { makeXlsx } from '../fixtures/office/makeXlsx.ts';
import { makePdf } from '../fixtures/makePdf.ts';
import { createTestVault, expectError } from '../helpers/testVault.ts';
import { PREVIEW_MAX_ROWS } from '../../src-main/core/services/viewing/officePreview.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

/** The contract page's reads (issue 5): original bytes, per-page text, DOCX/XLSX previews; each one audited. */
describe('viewing a version on a real vault', () => {
  let vault: Vault;
  let pdf: Uint8Array;
  let pdfContract = '';
  let pdfV1 = '';
  let pdfV2 = '';
  let docxContract = '';
  let docxVersion = '';
  let xlsxContract = '';
  let xlsxVersion = '';

  beforeAll(async () => {
    vault = await createTestVault();
    pdf = await makePdf([['Lease agreement', 'Rent is 1000 per month.'], ['Page two: maintenance and support']]);
    const pdfPath = await vault.writeInput('lease.pdf', pdf);
    const [first] = await vault.call('contracts.import', { paths: [pdfPath] });
    if (first?.status !== 'imported') throw new Error('pdf import failed');
    pdfContract = first.contractId;
    pdfV1 = first.versionId;
    await writeFile(pdfPath, await makePdf([['Lease agreement', 'Rent is 1200 per month.'], ['Page two: maintenance and support']]));
    const [second] = await vault.call('contracts.import', { paths: [pdfPath] });
    if (second?.status !== 'new-version') throw new Error('second version not recognised');
    pdfV2 = second.versionId;

    const docx = await makeDocx(['Service agreement', [['Item', 'Price'], ['Support', '500']]]);
    const [d] = await vault.call('contracts.import', { paths: [await vault.writeInput('service.docx', docx)] });
    if (d?.status !== 'imported') throw new Error('docx import failed');
    docxContract = d.contractId;
    docxVersion = d.versionId;

    const rows = [['Item', 'Amount'], ...Array.from({ length: PREVIEW_MAX_ROWS + 20 }, (_, i) => [`row ${i + 1}`, i])];
    const xlsx = await makeXlsx([{ name: '价格表', rows }, { name: 'Notes', rows: [['merged', null], ['x', 'y']], merges: ['A1:B1'] }]);
    const [x] = await vault.call('contracts.import', { paths: [await vault.writeInput('prices.xlsx', xlsx)] });
    if (x?.status !== 'imported') throw new Error('xlsx import failed');
    xlsxContract = x.contractId;
    xlsxVersion = x.versionId;
  }, 60_000);
  afterAll(async () => { await vault.cleanup(); });

  it('returns the original bytes of each version, byte-exact, and audits the view', async () => {
    const content = await vault.call('files.content', { contractId: pdfContract, versionId: pdfV1 });
    expect(content).toMatchObject({ versionId: pdfV1, name: 'lease.pdf', format: 'pdf', mime: 'application/pdf', size: pdf.length });
    expect(Buffer.compare(Buffer.from(content.base64, 'base64'), Buffer.from(pdf))).toBe(0);
    const second = await vault.call('files.content', { contractId: pdfContract, versionId: pdfV2 });
    expect(Buffer.from(second.base64, 'base64').equals(Buffer.from(pdf))).toBe(false);
    const audit = await vault.call('audit.list', { recordId: pdfContract, limit: 5 });
    expect(audit.slice(0, 2).map((e) => [e.action, e.details['versionId']])).toEqual([['file.view', pdfV2], ['file.view', pdfV1]]);
  });

  it('returns the extracted text page by page, for each version', async () => {
    const v1 = await vault.call('files.text', { contractId: pdfContract, versionId: pdfV1 });
    const v2 = await vault.call('files.text', { contractId: pdfContract, versionId: pdfV2 });
    expect(v1.pages).toHaveLength(2);
    expect(v1.pages[0]).toContain('1000');
    expect(v2.pages[0]).toContain('1200');
    expect(v2.pages[1]).toContain('maintenance');
    expect(v2.versionNo).toBe(2);
    expect((await vault.call('audit.list', { recordId: pdfContract, limit: 1 }))[0]?.action).toBe('file.viewText');
  });

  it('refuses a version of another contract, as if it did not exist', async () => {
    expectError(await vault.backend.invoke('files.content', { contractId: docxContract, versionId: pdfV1 }), 'FILE_RECORD_NOT_FOUND');
    expectError(await vault.backend.invoke('files.text', { contractId: xlsxContract, versionId: pdfV1 }), 'FILE_RECORD_NOT_FOUND');
  });

  it('previews a DOCX as HTML with its paragraphs and table', async () => {
    const preview = await vault.call('files.preview', { contractId: docxContract, versionId: docxVersion });
    if (preview.kind !== 'html') throw new Error('expected html');
    expect(preview.html).toContain('<p>Service agreement</p>');
    expect(preview.html).toMatch(/<table>.*<td><p>Support<\/p><\/td><td><p>500<\/p><\/td>/su);
    expect((await vault.call('audit.list', { recordId: docxContract, limit: 1 }))[0]?.action).toBe('file.preview');
  });

  it('previews an XLSX as capped tables of cell texts, saying where it was cut', async () => {
    const preview = await vault.call('files.preview', { contractId: xlsxContract, versionId: xlsxVersion });
    if (preview.kind !== 'sheets') throw new Error('expected sheets');
    const [prices, notes] = preview.sheets;
    expect(prices?.name).toBe('价格表');
    expect(prices?.rows).toHaveLength(PREVIEW_MAX_ROWS);
    expect(prices?.rows[1]).toEqual(['row 1', '0']);
    expect(prices?.totalRows).toBe(PREVIEW_MAX_ROWS + 21);
    expect(prices?.truncated).toBe(true);
    expect(notes?.rows).toEqual([['merged', ''], ['x', 'y']]);
    expect(notes?.truncated).toBe(false);
  });

  it('has no preview for a PDF (the browser shows it from its bytes)', async () => {
    expectError(await vault.backend.invoke('files.preview', { contractId: pdfContract, versionId: pdfV1 }), 'PREVIEW_UNAVAILABLE');
  });

  it('refuses to view anything while the vault is locked', async () => {
    await vault.call('vault.lock', {});
    expectError(await vault.backend.invoke('files.content', { contractId: pdfContract, versionId: pdfV1 }), 'VAULT_LOCKED');
  });
});
