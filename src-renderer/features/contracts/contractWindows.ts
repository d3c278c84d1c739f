/**
 * Which windows of a long list are loaded or loading, by window number (`index / size`). The table asks
 * for the window of every row it renders; only windows neither loaded nor in flight are fetched.
 */
export class ContractWindows<Row> {
  private readonly loaded = new Map<number, Row[]>();
  private readonly inFlight = new Set<number>();

  constructor(readonly size: number) {}

  /** The window numbers to fetch so that rows `from`..`to` (inclusive) are, or will be, there. */
  missing(from: number, to: number, total: number): number[] {
    if (total <= 0 || to < from) return [];
    const first = Math.max(0, Math.floor(from / this.size));
    const last = Math.min(Math.floor((total - 1) / this.size), Math.floor(to / this.size));
    const out: number[] = [];
    for (let w = first; w <= last; w += 1) if (!this.loaded.has(w) && !this.inFlight.has(w)) out.push(w);
    return out;
  }

  /** Marks a window as being fetched. */
  start(window: number): void {
    this.inFlight.add(window);
  }

  /** Stores a fetched window. */
  finish(window: number, rows: Row[]): void {
    this.inFlight.delete(window);
    this.loaded.set(window, rows);
  }

  /** Forgets a window whose fetch failed, so it is asked for again. */
  fail(window: number): void {
    this.inFlight.delete(window);
  }

  /** The row at an index, if its window is loaded. */
  row(index: number): Row | undefined {
    return this.loaded.get(Math.floor(index / this.size))?.[index % this.size];
  }

  /** Every loaded row with its index. */
  *entries(): Generator<[number, Row]> {
    for (const [w, rows] of this.loaded) for (let i = 0; i < rows.length; i += 1) yield [w * this.size + i, rows[i] as Row];
  }
}
