import { describe, expect, it } from 'vitest';
import { TermVocabulary } from '../../../src-main/core/search/termVocabulary.ts';

const words = ['arbitration', 'confidential', 'termination', 'terminate', 'warranty', 'payment', 'xtermination', 'erminations', '合同', '同管', 'mination'];

/** Loaded as from a snapshot (sorted base arrays), or added one contract at a time: both must answer alike. */
function vocabularies(): Array<[string, TermVocabulary]> {
  const sorted = [...words].sort();
  const loaded = TermVocabulary.fromEntries({ terms: sorted, counts: sorted.map(() => 1) });
  const added = new TermVocabulary();
  added.addAll(words);
  return [['loaded', loaded], ['added', added]];
}

describe('typo expansion (one edit)', () => {
  for (const [how, vocabulary] of vocabularies()) {
    it(`finds a word one edit away wherever the edit is, the first letter included (${how})`, () => {
      expect(vocabulary.oneEditAway('terminaton')).toEqual(['termination']); // deletion inside
      expect(vocabulary.oneEditAway('terminattion')).toEqual(['termination']); // insertion inside
      expect(vocabulary.oneEditAway('warrenty')).toEqual(['warranty']); // substitution
      expect(vocabulary.oneEditAway('paymnet')).toEqual(['payment']); // swap of neighbours
      expect(vocabulary.oneEditAway('rbitration')).toEqual(['arbitration']); // first letter dropped
      expect(vocabulary.oneEditAway('carbitration')).toEqual(['arbitration']); // a letter typed before it
      expect(vocabulary.oneEditAway('onfidential')).toEqual(['confidential']);
      expect(vocabulary.oneEditAway('xonfidential')).toEqual(['confidential']); // first letter replaced
      expect(vocabulary.oneEditAway('ocnfidential')).toEqual(['confidential']); // first two swapped
      expect(vocabulary.oneEditAway('termination')).toEqual(['xtermination']); // not itself, not 'erminations' (two edits)
      expect(vocabulary.oneEditAway('zzzzzzz')).toEqual([]);
      expect(vocabulary.oneEditAway('paymt')).toEqual([]); // two edits
      expect(vocabulary.oneEditAway('term')).toEqual([]); // too short to correct
    });
  }
});

describe('one Chinese character', () => {
  it('matches the pairs it starts and the pairs it ends, loaded or added, never Latin terms', () => {
    const terms = ['付款', '款项', '货款', '合同', '同意', 'kuan', '款'].sort();
    const loaded = TermVocabulary.fromEntries({ terms, counts: terms.map(() => 1) });
    const added = new TermVocabulary();
    added.addAll(terms);
    for (const vocabulary of [loaded, added]) {
      expect(vocabulary.containingCjk('款').sort()).toEqual(['付款', '款项', '货款'].sort());
      expect(vocabulary.containingCjk('同').sort()).toEqual(['合同', '同意']);
      expect(vocabulary.containingCjk('无')).toEqual([]);
    }
    // A term added after loading is found too.
    loaded.addAll(['尾款']);
    expect(loaded.containingCjk('款')).toContain('尾款');
  });
});
