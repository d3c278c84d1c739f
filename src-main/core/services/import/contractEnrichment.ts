import type { ContractRecord } from '../../../../src-shared/model/contract.ts';
import type { ClassificationResult } from '../../../../src-shared/rules/classification/classify.ts';
import { metadataFields, type ContractMetadata } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import type { VaultDatabase } from '../../db/connection.ts';
import { updateContract } from '../../db/repositories/contractRepository.ts';
import { upsertContractField } from '../../db/repositories/contractFieldRepository.ts';
import { assignContractNumber, contractNumberPattern } from '../contractNumbering.ts';

/** What import learned about a document, applied to the contract it creates. */
export interface Enrichment {
  classification: ClassificationResult | null;
  metadata: ContractMetadata | null;
  versionId: string;
}

/**
 * Fills a contract's empty fields from what import learned about its main document (a new contract, or
 * the contract of an e-mail whose attachment turned out to be the contract): number, dates and amount from the text (each
 * stored with the snippet it came from, unconfirmed, so the user can see why and confirm or correct),
 * type and tags from the classification rules, and a number from the vault's pattern when the document
 * carried none. Runs inside the commit transaction: contract, fields and number sequence land together.
 */
export function enrichContract(db: VaultDatabase, contract: ContractRecord, enrichment: Enrichment): void {
  const next: ContractRecord = { ...contract };
  const { classification, metadata } = enrichment;
  if (classification?.type && next.type === 'other') next.type = classification.type.value;
  if (classification && classification.tags.length > 0) next.tags = [...new Set([...next.tags, ...classification.tags.map((t) => t.value)])];
  if (metadata) {
    next.number ??= metadata.number?.value ?? null;
    next.signingDate ??= metadata.signingDate?.value ?? null;
    next.startDate ??= metadata.startDate?.value ?? null;
    next.endDate ??= metadata.endDate?.value ?? null;
    next.amount ??= metadata.amount?.value ?? null;
    const now = new Date().toISOString();
    for (const field of metadataFields) {
      const found = metadata[field];
      if (!found) continue;
      upsertContractField(db, contract.id, {
        field, value: found.value, snippet: found.snippet, page: found.page, confidence: found.confidence,
        source: 'extracted', confirmed: false, versionId: enrichment.versionId,
      }, now);
    }
  }
  const pattern = contractNumberPattern(db);
  if (next.number === null && pattern !== null) next.number = assignContractNumber(db, pattern, (next.signingDate ?? next.createdAt).slice(0, 10));
  updateContract(db, next);
  Object.assign(contract, next);
}
