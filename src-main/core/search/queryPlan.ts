import { cjkPairs, textPieces } from '../../../src-shared/rules/search/searchTokens.ts';
import type { TermVocabulary } from './termVocabulary.ts';

/**
 * A query as the index answers it: every group must match (AND), any term of a group will do (OR).
 * `unanswerable` is set when some part of the query cannot match anything in the vault, so the
 * answer is empty without asking the index.
 */
export interface QueryPlan {
  groups: string[][];
  /** The terms searched for, for the UI to explain ("termin" -> termination, terminate). */
  terms: string[];
  unanswerable: boolean;
  /** The query had searchable characters at all (not only punctuation or spaces). */
  hasText: boolean;
}

/**
 * Reads the query's words against the vault's vocabulary. A Chinese run needs all its pairs (so
 * `合同管理` needs 合同, 同管 and 管理); a single Chinese character matches the pairs containing it.
 * A word matches itself when the vault has it, else the words it begins (prefix search while typing),
 * else, from five letters on, the words one typo away.
 */
export function planQuery(text: string, vocabulary: TermVocabulary): QueryPlan {
  const groups: string[][] = [];
  let unanswerable = false;
  const pieces = textPieces(text, 'query');
  for (const piece of pieces) {
    if (piece.kind === 'cjk') {
      const pairs = cjkPairs(piece.text);
      if (pairs.length === 1 && Array.from(piece.text).length === 1) {
        const char = piece.text;
        const alternatives = [...(vocabulary.has(char) ? [char] : []), ...vocabulary.containingCjk(char)];
        groups.push(alternatives);
      } else {
        for (const pair of new Set(pairs)) groups.push(vocabulary.has(pair) ? [pair] : []);
      }
    } else {
      const word = piece.text;
      let alternatives = vocabulary.has(word) ? [word] : vocabulary.withPrefix(word);
      if (alternatives.length === 0) alternatives = vocabulary.oneEditAway(word);
      groups.push(alternatives);
    }
  }
  for (const group of groups) if (group.length === 0) unanswerable = true;
  // A word or pair typed twice asks for nothing more than once.
  const distinct = [...new Map(groups.map((group) => [group.join(' '), group])).values()];
  return { groups: distinct, terms: [...new Set(groups.flat())], unanswerable, hasText: pieces.length > 0 };
}
