/**
 * Splits a stream of text chunks into complete lines (NDJSON): a line may arrive cut across chunks,
 * so the unfinished tail is kept until its newline comes. Blank lines are dropped. Only each new
 * chunk is searched for newlines and a long line's pieces are joined once, when it ends: a result
 * of tens of megabytes (100,000 contracts) arrives in hundreds of chunks and must stay linear.
 */
export class NdjsonLineSplitter {
  private pending: string[] = [];

  /** The complete lines finished by this chunk. */
  push(chunk: string): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', start)) {
      this.pending.push(chunk.slice(start, end));
      lines.push(this.pending.join(''));
      this.pending = [];
      start = end + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.slice(start));
    return lines.filter((line) => line.trim() !== '');
  }

  /** What is left when the stream ends (a last line without its newline), if anything. */
  finish(): string[] {
    const rest = this.pending.join('');
    this.pending = [];
    return rest.trim() === '' ? [] : [rest];
  }
}
