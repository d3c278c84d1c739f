import { randomBytes } from 'node:crypto';

/** A new random record id (128 bits, 32 hex chars): random so ids reveal neither order nor content. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}
