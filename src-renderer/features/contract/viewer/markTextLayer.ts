import { findTermRanges } from './termRanges.ts';

/**
 * Marks the terms in a rendered pdf.js text layer: the leaf spans' texts are read as one string (a term may
 * run across spans), and each span's matching parts are wrapped in <mark> built as DOM nodes, never as HTML.
 * Returns the first mark, to scroll to.
 */
export function markTextLayer(layer: HTMLElement, terms: readonly string[]): HTMLElement | null {
  if (terms.length === 0) return null;
  const spans = Array.from(layer.querySelectorAll('span')).filter((span) => span.childElementCount === 0);
  const starts: number[] = [];
  let text = '';
  for (const span of spans) {
    starts.push(text.length);
    text += span.textContent ?? '';
  }
  const ranges = findTermRanges(text, terms);
  if (ranges.length === 0) return null;
  let first: HTMLElement | null = null;
  spans.forEach((span, index) => {
    const start = starts[index] ?? 0;
    const content = span.textContent ?? '';
    const end = start + content.length;
    const inside = ranges.filter(([a, b]) => a < end && b > start);
    if (inside.length === 0) return;
    const doc = span.ownerDocument;
    const parts: Node[] = [];
    let at = 0;
    for (const [a, b] of inside) {
      const from = Math.max(a - start, at);
      const to = Math.min(b - start, content.length);
      if (from > at) parts.push(doc.createTextNode(content.slice(at, from)));
      const mark = doc.createElement('mark');
      mark.className = 'highlight';
      mark.textContent = content.slice(from, to);
      first ??= mark;
      parts.push(mark);
      at = to;
    }
    if (at < content.length) parts.push(doc.createTextNode(content.slice(at)));
    span.replaceChildren(...parts);
  });
  return first;
}
