import { memo } from 'react';
import type { DiffPiece } from '../../../../src-shared/rules/compare/textComparison.ts';

/**
 * One side of a comparison as text nodes: removed runs in <del>, added runs in <ins> (so the change is not
 * told by colour alone), each tagged with its difference number for next/previous navigation.
 */
export const DiffText = memo(function DiffText({ pieces, current }: { pieces: readonly DiffPiece[]; current: number | null }) {
  return (
    <>
      {pieces.map((piece, index) => {
        if (piece.kind === 'same') return <span key={index}>{piece.text}</span>;
        const className = `diff-${piece.kind}${piece.hunk === current ? ' diff-current' : ''}`;
        return piece.kind === 'removed'
          ? <del key={index} className={className} data-hunk={piece.hunk ?? undefined}>{piece.text}</del>
          : <ins key={index} className={className} data-hunk={piece.hunk ?? undefined}>{piece.text}</ins>;
      })}
    </>
  );
});
