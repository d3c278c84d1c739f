/** One mailbox named in a From/To/Cc/Reply-To field. */
export interface Address {
  /** Display name as the sender wrote it, when there was one. */
  name?: string;
  /** The address itself, lower-cased so it can be matched against customer contacts. */
  address: string;
}

/** One file carried by an e-mail, decoded to its original bytes. */
export interface EmailAttachment {
  /** A safe base name: no directories, no control characters, at most 200 characters, never empty. */
  fileName: string;
  /** MIME type as the mail declared it (lower-case), or derived from the name when it declared none. */
  contentType: string;
  /** The decoded content, byte-identical to what the sender attached. */
  bytes: Uint8Array;
  /** Shown inside the body (a logo, a pasted picture) rather than offered as a separate file. */
  inline: boolean;
}

/** What the import pipeline needs from one e-mail (.eml or Outlook .msg), whatever its format. */
export interface ParsedEmail {
  /** Which container the mail came in. */
  format: 'eml' | 'msg';
  /** Subject with encoded words decoded; '' when the mail has none. */
  subject: string;
  from: Address[];
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  /** When the mail was sent, ISO 8601 in UTC; absent when the mail carries no valid date. */
  date?: string;
  /** The Message-ID, angle brackets included, for recognising the same mail imported twice. */
  messageId?: string;
  /** Plain-text body (HTML-only mails converted to text); '' when there is no body. */
  bodyText: string;
  /** Every attachment in the order the mail lists them; embedded mails appear as .eml / .msg files. */
  attachments: EmailAttachment[];
}
