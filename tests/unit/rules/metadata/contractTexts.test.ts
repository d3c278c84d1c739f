import { describe, expect, it } from 'vitest';
import { extractContractMetadata, metadataFields, metadataValues } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import { enServicesAgreement } from '../../../fixtures/contractTexts/enServicesAgreement.ts';
import { enSupplyAgreement } from '../../../fixtures/contractTexts/enSupplyAgreement.ts';
import { zhLeaseContract } from '../../../fixtures/contractTexts/zhLeaseContract.ts';
import { zhPurchaseContract } from '../../../fixtures/contractTexts/zhPurchaseContract.ts';

const fixtures = [zhPurchaseContract, zhLeaseContract, enServicesAgreement, enSupplyAgreement];

describe('whole contracts', () => {
  it.each(fixtures.map((f) => [f.id, f] as const))('%s: every field as a careful reader would record it', (_id, fixture) => {
    const metadata = extractContractMetadata(fixture.pages);
    expect(metadataValues(metadata)).toEqual(fixture.expected);
    for (const field of metadataFields) {
      const extracted = metadata[field];
      if (extracted === undefined) continue;
      // The evidence is real source text at the offsets it claims, on the page it claims.
      const page = fixture.pages[extracted.page - 1] ?? '';
      expect(extracted.snippet.length).toBeGreaterThan(0);
      expect(page).toContain(extracted.snippet);
      expect(extracted.snippet).toContain(page.slice(extracted.start, extracted.end).split('\n')[0] ?? '');
      expect(extracted.confidence).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('derives the English supply agreement\'s end date from start + term, less surely', () => {
    const m = extractContractMetadata(enSupplyAgreement.pages);
    expect(m.endDate?.confidence).toBeLessThan(m.startDate?.confidence ?? 0);
  });
});
