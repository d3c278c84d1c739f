import type { Money } from '../../model/contract.ts';
import { extractContractAmount } from './contractAmount.ts';
import { extractContractDates } from './contractDates.ts';
import { detectContractLanguage } from './contractLanguage.ts';
import type { ContractLanguage } from './contractLanguage.ts';
import { extractContractNumber } from './contractNumber.ts';
import { endDateFromTerm, extractContractTerm } from './contractTerm.ts';
import type { ContractTerm } from './contractTerm.ts';
import { minimumConfidence } from './extractedField.ts';
import type { ExtractedField } from './extractedField.ts';
import { toMatchablePages } from './matchablePage.ts';
import { extractParties } from './parties.ts';
import type { ContractParties } from './parties.ts';
import { extractNoticePeriod, extractRenewal } from './renewalAndNotice.ts';
import type { NoticePeriod, RenewalTerms } from './renewalAndNotice.ts';

/** Metadata read from a contract's text; every field is a suggestion with its evidence, for the user to confirm or correct. */
export interface ContractMetadata {
  number?: ExtractedField<string>;
  parties?: ExtractedField<ContractParties>;
  /** YYYY-MM-DD */
  signingDate?: ExtractedField<string>;
  /** YYYY-MM-DD */
  startDate?: ExtractedField<string>;
  /** YYYY-MM-DD; derived from start + term (with lower confidence) when the contract does not state it. */
  endDate?: ExtractedField<string>;
  term?: ExtractedField<ContractTerm>;
  /** Minor units and ISO 4217 currency. */
  amount?: ExtractedField<Money>;
  renewal?: ExtractedField<RenewalTerms>;
  noticePeriod?: ExtractedField<NoticePeriod>;
  language: ContractLanguage;
}

/** The extracted fields (everything but `language`). */
export type MetadataField = Exclude<keyof ContractMetadata, 'language'>;
/** The metadata fields in a fixed order, for reports and tables. */
export const metadataFields: readonly MetadataField[] = ['number', 'parties', 'signingDate', 'startDate', 'endDate', 'term', 'amount', 'renewal', 'noticePeriod'];
/** Just the values of extracted metadata, e.g. to compare with what a user confirmed. */
export type ContractMetadataValues = { [K in MetadataField]?: NonNullable<ContractMetadata[K]>['value'] } & { language?: ContractLanguage };

/** Options for extractContractMetadata. */
export interface ExtractMetadataOptions {
  /** Today's date (YYYY-MM-DD): a signing date after it is less believable. No clock is read without it. */
  today?: string;
}

/** Lower confidence for an end date computed from start + term: a stated end date can differ by a day or two. */
const derivedEndDatePenalty = 0.15;

/**
 * Reads contract metadata from extracted page texts (Chinese, English or both). Precision first:
 * a field is absent rather than guessed (confidence below `minimumConfidence` is dropped).
 */
export function extractContractMetadata(pages: readonly string[], options: ExtractMetadataOptions = {}): ContractMetadata {
  const matchable = toMatchablePages(pages);
  const dates = extractContractDates(matchable, options.today);
  const term = extractContractTerm(matchable);
  const metadata: ContractMetadata = {
    number: extractContractNumber(matchable),
    parties: extractParties(matchable),
    signingDate: dates.signingDate,
    startDate: dates.startDate,
    endDate: dates.endDate,
    term,
    amount: extractContractAmount(matchable),
    renewal: extractRenewal(matchable, term?.value.months),
    noticePeriod: extractNoticePeriod(matchable),
    language: detectContractLanguage(pages),
  };
  if (metadata.endDate === undefined && metadata.startDate !== undefined && term !== undefined) {
    const end = endDateFromTerm(metadata.startDate.value, term.value.months);
    if (end !== null) {
      const confidence = Math.min(metadata.startDate.confidence, term.confidence) - derivedEndDatePenalty;
      // The evidence for a derived end date is the term clause; the start date has its own field.
      metadata.endDate = { ...term, value: end, confidence: Math.round(confidence * 100) / 100 };
    }
  }
  for (const field of metadataFields) {
    const extracted = metadata[field];
    if (extracted === undefined || extracted.confidence < minimumConfidence) delete metadata[field];
  }
  return metadata;
}

/** The values of extracted metadata without their evidence. */
export function metadataValues(metadata: ContractMetadata): ContractMetadataValues {
  const values: ContractMetadataValues = { language: metadata.language };
  for (const field of metadataFields) {
    const extracted = metadata[field];
    // Each key carries its own value type; the loop cannot express that pairing to the checker.
    if (extracted !== undefined) (values as Record<string, unknown>)[field] = extracted.value;
  }
  return values;
}
