import { describe, expect, it } from 'vitest';
import { extractContractMetadata, metadataValues } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import { generateContracts } from '../../../fixtures/contractTexts/generateContracts.ts';
import { formatScores, scoreMetadata } from '../../../fixtures/contractTexts/metadataScores.ts';

/** Floors per field over generated contracts: precision first (a wrong value costs more than a missing one). */
const precisionFloor = 0.95;
const recallFloor = 0.8;

describe('accuracy on 200 generated contracts', () => {
  it(`precision ≥ ${String(precisionFloor)} and recall ≥ ${String(recallFloor)} for every field`, () => {
    const contracts = generateContracts(200);
    const started = performance.now();
    const results = contracts.map((c) => ({ id: c.id, expected: c.expected, actual: metadataValues(extractContractMetadata(c.pages)) }));
    const elapsed = performance.now() - started;
    const { scores, mismatches } = scoreMetadata(results);
    console.log(`${formatScores(scores)}\n${String(contracts.length)} contracts (${String(contracts.filter((c) => c.language === 'zh').length)} zh) extracted in ${elapsed.toFixed(0)} ms`);
    for (const score of scores) {
      const context = { field: score.field, mismatches: mismatches.filter((m) => m.field === score.field).slice(0, 5) };
      expect({ ...context, ok: score.precision >= precisionFloor }).toEqual({ ...context, ok: true });
      expect({ ...context, ok: score.recall >= recallFloor }).toEqual({ ...context, ok: true });
    }
  });

  it('the generator is reproducible per seed and varies between seeds', () => {
    expect(generateContracts(5, 42)).toEqual(generateContracts(5, 42));
    expect(generateContracts(5, 42)).not.toEqual(generateContracts(5, 43));
    const sample = generateContracts(40);
    expect(new Set(sample.map((c) => c.language))).toEqual(new Set(['zh', 'en']));
    // Every field is present in some contracts and absent in others, so both kinds of error are measured.
    for (const field of ['number', 'signingDate', 'startDate', 'endDate', 'term', 'amount', 'renewal', 'noticePeriod'] as const) {
      const present = sample.filter((c) => c.expected[field] !== undefined).length;
      expect(present).toBeGreaterThan(0);
      expect(present).toBeLessThan(sample.length);
    }
  });
});
