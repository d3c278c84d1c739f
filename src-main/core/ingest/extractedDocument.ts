import type { ExtractedText } from './extractor.ts';
import type { Address, EmailAttachment } from './email/parsedEmail.ts';

/** The envelope of an imported e-mail: who and when (for customer linking) and the files it carried. */
export interface EmailEnvelope {
  subject: string;
  from: Address[];
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  date?: string;
  messageId?: string;
  /** Attachments offered as files (inline pictures dropped), original bytes. */
  attachments: EmailAttachment[];
}

/** Everything the import pipeline learns from one file's bytes in the extraction worker. */
export interface ExtractedDocument {
  text: ExtractedText;
  /** MinHash of the text (src-shared/rules/similarity), null when there is too little text. */
  signature: Uint32Array | null;
  /** Present when the file was an e-mail (.eml / .msg). */
  email?: EmailEnvelope;
}
