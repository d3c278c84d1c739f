import type { HighlightRange } from '../../../src-shared/model/search.ts';

/** A run of text, marked when it is a found term. */
export interface TextSegment {
  text: string;
  marked: boolean;
}

/**
 * Cuts a text into plain and marked runs from [start, end) UTF-16 ranges. The ranges come from the
 * backend sorted and merged, but they are clamped, sorted and merged again here, so a bad range can
 * only mark less, never throw or repeat text.
 */
export function highlightSegments(text: string, ranges: readonly HighlightRange[]): TextSegment[] {
  const clamped = ranges
    .map(([start, end]) => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const segments: TextSegment[] = [];
  let at = 0;
  for (const [start, end] of clamped) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) segments.push({ text: text.slice(at, from), marked: false });
    segments.push({ text: text.slice(from, end), marked: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), marked: false });
  // Adjacent marked runs (touching ranges) read as one highlight.
  return segments.reduce<TextSegment[]>((out, segment) => {
    const last = out[out.length - 1];
    if (last !== undefined && last.marked === segment.marked) last.text += segment.text;
    else out.push({ ...segment });
    return out;
  }, []);
}
