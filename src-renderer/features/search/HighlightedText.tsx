import { memo, useMemo } from 'react';
import type { HighlightRange } from '../../../src-shared/model/search.ts';
import { highlightSegments } from './highlightSegments.ts';

/**
 * A text with its found terms in <mark>. Built from React text nodes only, never as HTML, so a
 * contract's text can never inject markup into the app. Unmarked runs are bare text nodes (no span
 * each): a page of hits is then a few hundred fewer elements to create and lay out per keystroke.
 */
export const HighlightedText = memo(function HighlightedText({ text, highlights }: { text: string; highlights: readonly HighlightRange[] }) {
  const segments = useMemo(() => highlightSegments(text, highlights), [text, highlights]);
  return <>{segments.map((segment, index) => (segment.marked ? <mark key={index}>{segment.text}</mark> : segment.text))}</>;
});
