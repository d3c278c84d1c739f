/** Index of the first element of `sorted` that is not less than `key` (its length when none is). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as string) < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Position of `key` in `sorted`, or -1. */
export function indexOfSorted(sorted: readonly string[], key: string): number {
  const at = lowerBound(sorted, key);
  return at < sorted.length && sorted[at] === key ? at : -1;
}

/** Whether `terms` is in strictly ascending order (a snapshot written by us always is). */
export function isStrictlyAscending(terms: readonly string[]): boolean {
  for (let i = 1; i < terms.length; i++) if ((terms[i - 1] as string) >= (terms[i] as string)) return false;
  return true;
}

/** The union of two ascending, duplicate-free term lists, ascending and duplicate-free. */
export function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) {
      out.push(x as string);
      i++;
    } else if (x === undefined || y < x) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
      j++;
    }
  }
  return out;
}
