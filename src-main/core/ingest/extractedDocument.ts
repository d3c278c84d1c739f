import type { ExtractedText } from './extractor.ts';
import type { ParsedEmail } from './email/parsedEmail.ts';
import type { ContractMetadata } from '../../../src-shared/rules/metadata/contractMetadata.ts';

/**
 * The envelope of an imported e-mail: who and when (for customer linking) and the files it carried
 * (attachments offered as files; inline pictures dropped). The body is in the extracted text.
 */
export type EmailEnvelope = Omit<ParsedEmail, 'format' | 'bodyText'>;

/** Everything the import pipeline learns from one file's bytes in the extraction worker. */
export interface ExtractedDocument {
  text: ExtractedText;
  /** MinHash of the text (src-shared/rules/similarity), null when there is too little text. */
  signature: Uint32Array | null;
  /** The contract metadata found in the text, when the caller asked for it (never for an e-mail). */
  contractMetadata?: ContractMetadata;
  /** Present when the file was an e-mail (.eml / .msg). */
  email?: EmailEnvelope;
}
