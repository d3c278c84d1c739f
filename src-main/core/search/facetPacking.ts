import type { ContractFacets } from './contractFacets.ts';

/**
 * The facets of every contract in a snapshot, with each distinct string (customer id, type, status,
 * tag, date, currency, format) stored once and referred to by number. 100,000 contracts as plain JSON
 * objects were ~21 MB that took a fifth of the index's load time to parse; this is a few MB of numbers.
 */
export interface PackedFacets {
  strings: string[];
  /** Per contract: null (removed), or [customer, type, status, tags, signingDate, endDate, amountMinor, currency, formats]; string fields as indexes into `strings`, -1 for none. */
  rows: Array<null | [number, number, number, number[], number, number, number | null, number, number[]]>;
}

/** Packs the facets, in contract-number order (holes for removed contracts). */
export function packFacets(facets: ReadonlyArray<ContractFacets | undefined>): PackedFacets {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const ref = (value: string | null): number => {
    if (value === null) return -1;
    let at = indexOf.get(value);
    if (at === undefined) {
      at = strings.length;
      strings.push(value);
      indexOf.set(value, at);
    }
    return at;
  };
  const rows = facets.map((f): PackedFacets['rows'][number] => (f === undefined ? null : [
    ref(f.customerId), ref(f.type), ref(f.status), f.tags.map(ref), ref(f.signingDate), ref(f.endDate),
    f.amount?.minor ?? null, ref(f.amount?.currency ?? null), f.formats.map(ref),
  ]));
  return { strings, rows };
}

/** One contract's facets from a packed row; refuses a reference outside the string table. */
export function unpackRow(strings: readonly string[], row: NonNullable<PackedFacets['rows'][number]>): ContractFacets {
  const str = (at: number): string | null => {
    if (at === -1) return null;
    const value = strings[at];
    if (value === undefined) throw new Error('facet refers to no string');
    return value;
  };
  const required = (at: number): string => str(at) ?? (() => { throw new Error('facet value missing'); })();
  const [customer, type, status, tags, signingDate, endDate, amountMinor, currency, formats] = row;
  const currencyCode = str(currency);
  return {
    customerId: str(customer),
    type: required(type) as ContractFacets['type'],
    status: required(status) as ContractFacets['status'],
    tags: tags.map(required),
    signingDate: str(signingDate),
    endDate: str(endDate),
    amount: amountMinor === null || currencyCode === null ? null : { minor: amountMinor, currency: currencyCode },
    formats: formats.map(required),
  };
}

/** Unpacks what `packFacets` wrote; refuses a reference outside the string table. */
export function unpackFacets(packed: PackedFacets): Array<ContractFacets | undefined> {
  return packed.rows.map((row) => (row === null ? undefined : unpackRow(packed.strings, row)));
}
