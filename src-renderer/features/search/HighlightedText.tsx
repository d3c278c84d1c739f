import type { HighlightRange } from '../../../src-shared/model/search.ts';
import { highlightSegments } from './highlightSegments.ts';

/**
 * A text with its found terms in <mark>. Built from React text nodes only, never as HTML, so a
 * contract's text can never inject markup into the app.
 */
export function HighlightedText({ text, highlights }: { text: string; highlights: readonly HighlightRange[] }) {
  return (
    <>
      {highlightSegments(text, highlights).map((segment, index) =>
        segment.marked ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
      )}
    </>
  );
}
