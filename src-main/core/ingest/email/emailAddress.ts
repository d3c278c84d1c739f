import type { Address } from './parsedEmail.ts';
import { cleanHeaderText } from './headerText.ts';

const MAX_NAME_CHARS = 200;
// One "@", something on both sides, no whitespace: enough to tell an SMTP address from an
// Exchange distinguished name ("/O=EXCHANGELABS/OU=...") or a group label, which cannot be matched.
const smtpShape = /^[^\s@<>]+@[^\s@<>]+$/;

/** An address in the form customer contacts are matched against (trimmed, lower-cased), or undefined when it is not an SMTP address. */
export function normaliseAddress(address: string | undefined, name?: string): Address | undefined {
  const value = (address ?? '').trim().replace(/^mailto:/i, '').toLowerCase();
  if (value.length > 320 || !smtpShape.test(value)) return undefined;
  const display = cleanHeaderText(name, MAX_NAME_CHARS);
  // A display name that only repeats the address adds nothing.
  return display === '' || display.toLowerCase() === value ? { address: value } : { name: display, address: value };
}

/** The list without repeated addresses (the first occurrence, with its name, wins). */
export function uniqueAddresses(addresses: Iterable<Address | undefined>): Address[] {
  const seen = new Set<string>();
  const result: Address[] = [];
  for (const entry of addresses) {
    if (entry === undefined || seen.has(entry.address)) continue;
    seen.add(entry.address);
    result.push(entry);
  }
  return result;
}
