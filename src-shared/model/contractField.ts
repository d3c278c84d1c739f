import type { MetadataField } from '../rules/metadata/contractMetadata.ts';

/**
 * One metadata field of a contract as import found it (with the source snippet that shows why) or as the
 * user set it. `confirmed` records that a person checked it; the UI shows unconfirmed values as suggestions.
 */
export interface ContractFieldView {
  field: MetadataField;
  /** The value as JSON-compatible data: a string date/number, Money, parties, term, renewal or notice. */
  value: unknown;
  snippet: string | null;
  page: number | null;
  confidence: number | null;
  source: 'extracted' | 'user';
  confirmed: boolean;
  versionId: string | null;
}
