import { extractContractMetadata } from '../../../../src-shared/rules/metadata/contractMetadata.ts';
import type { ContractMetadata, MetadataField } from '../../../../src-shared/rules/metadata/contractMetadata.ts';

/** The value extracted for one field from a one-page text, through the public entry point (so the confidence floor applies). */
export function extractedValue<F extends MetadataField>(field: F, text: string, today?: string): NonNullable<ContractMetadata[F]>['value'] | undefined {
  const metadata = extractContractMetadata([text], today === undefined ? {} : { today });
  return metadata[field]?.value;
}
