import type { AddressObject, EmailAddress, HeaderLines } from 'mailparser';
import { normaliseAddress, uniqueAddresses } from './emailAddress.ts';
import type { Address } from './parsedEmail.ts';

/** The unfolded value of the first header line with this key, its bytes read as Latin-1 (mailsplit keeps header lines that way). */
export function rawHeaderValue(lines: HeaderLines, key: string): string | undefined {
  const line = lines.find((entry) => entry.key === key)?.line;
  if (line === undefined) return undefined;
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]/g, ' ').trim();
}

/** The Date header as ISO 8601, or undefined: mailparser substitutes the current time for a date it cannot read. */
export function headerDate(lines: HeaderLines): string | undefined {
  const value = rawHeaderValue(lines, 'date');
  if (value === undefined || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The mailboxes of a parsed address header, groups flattened, normalised and without repeats. */
export function headerAddresses(field: AddressObject | AddressObject[] | undefined): Address[] {
  const found: Array<Address | undefined> = [];
  const visit = (entries: EmailAddress[]): void => {
    for (const entry of entries) {
      // Groups ("Team: a@x, b@y;") are flattened; an empty group ("undisclosed-recipients:;") adds nothing.
      if (entry.group !== undefined) visit(entry.group);
      else found.push(normaliseAddress(entry.address, entry.name));
    }
  };
  for (const object of field === undefined ? [] : Array.isArray(field) ? field : [field]) visit(object.value);
  return uniqueAddresses(found);
}
