import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeScannedPdf } from '../fixtures/ocr/makeScannedPdf.ts';
import { makeTextImage } from '../fixtures/ocr/makeTextImage.ts';
import { createTestVault } from '../helpers/testVault.ts';

describe('scans and photos become searchable contracts through offline OCR', () => {
  let vault: Awaited<ReturnType<typeof createTestVault>>;
  beforeAll(async () => { vault = await createTestVault(); });
  afterAll(async () => { await vault.cleanup(); });

  it('reads a scanned two-page PDF and a photographed page, and keeps the originals byte-exact', async () => {
    const page1 = makeTextImage(['SERVICE AGREEMENT', 'Contract No. SA-2025-0042', 'Signed on March 1, 2025'], { width: 1240, height: 700 });
    const page2 = makeTextImage(['合同编号：HT-2025-0007', '甲方：北京纷享科技有限公司'], { width: 1240, height: 500 });
    const scan = await makeScannedPdf([page1, page2]);
    const photo = makeTextImage(['LEASE AGREEMENT', 'The Tenant shall pay rent monthly.'], { width: 1240, height: 500 });
    const outcomes = await vault.call('contracts.import', {
      paths: [await vault.writeInput('scan.pdf', scan), await vault.writeInput('photo.png', photo)],
    });
    const [scanned, photographed] = outcomes;
    if (scanned?.status !== 'imported' || photographed?.status !== 'imported') throw new Error(JSON.stringify(outcomes));
    expect(scanned.ocrPages).toEqual([1, 2]);
    expect(scanned.metadata?.number).toBe('SA-2025-0042');
    expect(photographed.ocrPages).toEqual([1]);
    expect(photographed.classifiedType).toBe('lease');
    expect((await vault.call('vault.verify', {})).ok).toBe(true);
  }, 300_000);

  it('stores images without text when the user turned OCR off', async () => {
    await vault.call('settings.update', { ocrEnabled: false });
    const [outcome] = await vault.call('contracts.import', { paths: [await vault.writeInput('other.png', makeTextImage(['NDA'], { width: 400, height: 200 }))] });
    expect(outcome?.status === 'imported' && outcome.textChars).toBe(0);
    await vault.call('settings.update', { ocrEnabled: true });
  });
});
