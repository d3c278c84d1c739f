import { prepareCached } from '../statementCache.ts';
import type { ContractFieldView } from '../../../../src-shared/model/contractField.ts';
import type { MetadataField } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import type { VaultDatabase } from '../connection.ts';

interface FieldRow {
  field: MetadataField; value: string; snippet: string | null; page: number | null; confidence: number | null;
  source: 'extracted' | 'user'; confirmed: number; version_id: string | null;
}

/** Stores (or replaces) one field of a contract (call inside the caller's transaction). */
export function upsertContractField(db: VaultDatabase, contractId: string, field: Omit<ContractFieldView, 'confirmed'> & { confirmed: boolean }, now: string): void {
  prepareCached(db, `INSERT INTO contract_fields (contract_id, field, value, snippet, page, confidence, source, confirmed, version_id, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (contract_id, field) DO UPDATE SET value = excluded.value, snippet = excluded.snippet, page = excluded.page,
        confidence = excluded.confidence, source = excluded.source, confirmed = excluded.confirmed, version_id = excluded.version_id,
        updated_at = excluded.updated_at`).run(
    contractId, field.field, JSON.stringify(field.value), field.snippet, field.page, field.confidence, field.source,
    field.confirmed ? 1 : 0, field.versionId, now,
  );
}

/** The fields of a contract, in the fixed order of MetadataField. */
export function listContractFields(db: VaultDatabase, contractId: string): ContractFieldView[] {
  const rows = prepareCached(db, 'SELECT * FROM contract_fields WHERE contract_id = ?').all(contractId) as FieldRow[];
  return rows.map((r) => ({
    field: r.field, value: JSON.parse(r.value) as unknown, snippet: r.snippet, page: r.page, confidence: r.confidence,
    source: r.source, confirmed: r.confirmed === 1, versionId: r.version_id,
  }));
}

/** Marks a field as checked by a person; returns whether the contract has that field. */
export function confirmContractField(db: VaultDatabase, contractId: string, field: MetadataField, now: string): boolean {
  return prepareCached(db, 'UPDATE contract_fields SET confirmed = 1, updated_at = ? WHERE contract_id = ? AND field = ?').run(now, contractId, field).changes > 0;
}
