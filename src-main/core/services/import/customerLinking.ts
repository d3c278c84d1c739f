import { findCustomerIdsByEmails } from '../../db/repositories/customerRepository.ts';
import type { VaultDatabase } from '../../db/connection.ts';
import type { EmailEnvelope } from '../../ingest/extractedDocument.ts';

/**
 * The customer an e-mail belongs to, from the addresses of its contacts. The sender (and Reply-To)
 * speak loudest; recipients decide only when the sender matches nobody. Two candidates at the same
 * level mean no link: a contract is never filed under a guessed customer.
 */
export function customerFromEmail(db: VaultDatabase, email: EmailEnvelope): string | null {
  const levels = [
    [...email.from, ...email.replyTo].map((a) => a.address),
    [...email.to, ...email.cc].map((a) => a.address),
  ];
  for (const addresses of levels) {
    const ids = findCustomerIdsByEmails(db, [...new Set(addresses)]);
    if (ids.length === 1) return ids[0] ?? null;
    if (ids.length > 1) return null;
  }
  return null;
}
