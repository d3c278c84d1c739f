import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/api/appError.ts';
import { allowedEdits } from '../../../../src-shared/rules/classification/fuzzyMatch.ts';
import { matches, validateMatchRule } from '../../../../src-shared/rules/classification/matchRule.ts';
import type { MatchRule } from '../../../../src-shared/rules/classification/matchRule.ts';
import { splitRuleWords } from '../../../../src-shared/rules/classification/termSearch.ts';
import { MAX_RULE_TEXT_CHARS, normalizeForMatching } from '../../../../src-shared/rules/classification/textNormalization.ts';
import { reasonText } from '../../../helpers/reasonText.ts';

function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const any = (pattern: string, caseSensitive?: boolean): MatchRule => ({ algorithm: 'any', pattern, caseSensitive });
const all = (pattern: string): MatchRule => ({ algorithm: 'all', pattern });

describe('splitRuleWords', () => {
  it('splits on spaces and Chinese enumeration marks, keeping quoted phrases whole', () => {
    expect(splitRuleWords('销售 买卖、购销，供货  "sales agreement" “框架 协议” NDA')).toEqual([
      '销售', '买卖', '购销', '供货', 'sales agreement', '框架 协议', 'NDA',
    ]);
  });
});

describe('any', () => {
  it('finds Chinese words as substrings of unspaced Han text', () => {
    expect(matches(any('销售 买卖 购销'), '本合同为甲乙双方签订的购销合同。')).toEqual({ matched: true, evidence: '购销', index: 11 });
    expect(matches(any('采购 租赁'), '本合同为甲乙双方签订的购销合同。').matched).toBe(false);
  });

  it('finds Latin words only as whole words, case-insensitively by default', () => {
    expect(matches(any('nda lease'), 'This is a Standard form; please sign.').matched).toBe(false);
    expect(matches(any('nda lease'), 'Signed NDA attached.')).toMatchObject({ matched: true, evidence: 'NDA' });
    expect(matches(any('nda'), 'Acme_NDA_v2 signed')).toMatchObject({ matched: true, evidence: 'NDA' });
    expect(matches(any('nda'), '签署NDA之后')).toMatchObject({ matched: true, evidence: 'NDA' });
  });

  it('honours caseSensitive', () => {
    expect(matches(any('NDA', true), 'an nda').matched).toBe(false);
    expect(matches(any('NDA', true), 'an NDA').matched).toBe(true);
  });

  it('reports the earliest of the words as evidence, in the original spelling (whitespace flattened for display)', () => {
    expect(matches(any('"lease agreement" tenancy'), 'A Tenancy under the LEASE\n  AGREEMENT')).toEqual({ matched: true, evidence: 'Tenancy', index: 2 });
    expect(matches(any('"lease agreement"'), 'the LEASE\n  AGREEMENT of 2024')).toEqual({ matched: true, evidence: 'LEASE AGREEMENT', index: 4 });
  });

  it('reads OCR spacing, line-wrapped Chinese, full-width letters and ligatures', () => {
    expect(matches(any('保密协议'), '保 密 协 议\n甲 方 ：')).toMatchObject({ matched: true, evidence: '保 密 协 议' });
    expect(matches(any('技术服务合同'), '甲乙双方签订技术服\n务合同如下')).toMatchObject({ matched: true, evidence: '技术服 务合同' });
    expect(matches(any('nda'), '签署ＮＤＡ后')).toMatchObject({ matched: true, evidence: 'ＮＤＡ' });
    expect(matches(any('"confidentiality agreement"'), 'this Conﬁdentiality Agreement')).toMatchObject({ matched: true, evidence: 'Conﬁdentiality Agreement' });
    expect(matches(any('销售'), '销\u00ad售 and soft hyphen').matched).toBe(true);
  });
});

describe('all', () => {
  it('needs every word, in Chinese and English, and shows each', () => {
    expect(matches(all('租赁 押金 房屋'), '房屋租赁合同……押金为两个月租金')).toEqual({ matched: true, evidence: '房屋 … 租赁 … 押金', index: 8 });
    expect(matches(all('租赁 押金 车位'), '房屋租赁合同……押金为两个月租金').matched).toBe(false);
    expect(matches(all('landlord tenant'), 'The Landlord and the Tenant agree').matched).toBe(true);
    expect(matches(all('landlord tenant'), 'The Landlord and the Tenants agree').matched).toBe(false);
  });
});

describe('exact', () => {
  it('matches the whole phrase, across line breaks, as whole words', () => {
    const rule: MatchRule = { algorithm: 'exact', pattern: 'Master Services Agreement' };
    expect(matches(rule, 'This MASTER SERVICES\nAGREEMENT is')).toMatchObject({ matched: true, evidence: 'MASTER SERVICES AGREEMENT' });
    expect(matches(rule, 'Master Services Agreements').matched).toBe(false);
    expect(matches({ algorithm: 'exact', pattern: '补充协议' }, '本补充协议自签字之日起生效').matched).toBe(true);
  });
});

describe('fuzzy', () => {
  it('documents its threshold: one edit per 6 weight units, Han characters weigh 2', () => {
    expect(allowedEdits('nda')).toBe(0);
    expect(allowedEdits('lease')).toBe(0);
    expect(allowedEdits('agreement')).toBe(1);
    expect(allowedEdits('保密协议')).toBe(1);
    expect(allowedEdits('non-disclosure agreement')).toBe(4);
  });

  it('finds typos and OCR misreadings within the threshold', () => {
    const nda: MatchRule = { algorithm: 'fuzzy', pattern: 'non-disclosure agreement' };
    expect(matches(nda, 'This Non-Disclosure Agrement is made')).toMatchObject({ matched: true, evidence: 'Non-Disclosure Agrement' });
    expect(matches(nda, 'This Nondisclosure Agreemnt is made')).toMatchObject({ matched: true });
    expect(matches({ algorithm: 'fuzzy', pattern: '保密协议' }, '双方签订本保密协意如下')).toMatchObject({ matched: true, evidence: '保密协意' });
    expect(matches({ algorithm: 'fuzzy', pattern: 'agreement' }, 'the agrement')).toMatchObject({ matched: true, evidence: 'agrement' });
  });

  it('does not stretch beyond the threshold or into other words', () => {
    expect(matches({ algorithm: 'fuzzy', pattern: '保密协议' }, '双方签订采购协议').matched).toBe(false);
    expect(matches({ algorithm: 'fuzzy', pattern: 'agreement' }, 'the agremnt')).toMatchObject({ matched: false });
    expect(matches({ algorithm: 'fuzzy', pattern: 'lease' }, 'please sign').matched).toBe(false);
    expect(matches({ algorithm: 'fuzzy', pattern: 'agreement' }, 'disagreement noted').matched).toBe(false);
  });

  it('stays fast on a long text full of near-misses', () => {
    const text = 'agree agreed agrees disagree '.repeat(8000);
    const started = performance.now();
    expect(matches({ algorithm: 'fuzzy', pattern: 'non-disclosure agreement' }, text).matched).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('none and invalid rules', () => {
  it('none never matches', () => {
    expect(matches({ algorithm: 'none', pattern: '合同' }, '合同').matched).toBe(false);
  });

  it('refuses empty word lists and over-long patterns with RULE_INVALID', () => {
    expect(refusal(() => validateMatchRule(any('  "" '))).code).toBe('RULE_INVALID');
    expect(reasonText(refusal(() => validateMatchRule({ algorithm: 'exact', pattern: '   ' })))).toBe('the pattern is empty');
    expect(reasonText(refusal(() => validateMatchRule(any('x'.repeat(2001)))))).toMatch(/longer than 2000/);
  });
});

describe('text normalisation', () => {
  it('maps every normalised character back to the original', () => {
    const original = '  保 密\t协 议 ＮＤＡ  Ａｃｍｅ\n\nLtd ';
    const normalized = normalizeForMatching(original, { compatibility: true, foldCase: true, keepLineBreaks: false });
    expect(normalized.text).toBe('保密协议 nda acme ltd');
    const forRegex = normalizeForMatching(original, { compatibility: false, foldCase: false, keepLineBreaks: true });
    expect(forRegex.text).toBe('保密协议 ＮＤＡ Ａｃｍｅ\nLtd');
    expect(normalizeForMatching('技术服\n务 合同', { compatibility: false, foldCase: false, keepLineBreaks: true }).text).toBe('技术服\n务合同');
    for (let i = 0; i < normalized.text.length; i += 1) {
      const char = normalized.text[i] ?? '';
      const source = original[normalized.origin[i] ?? -1] ?? '';
      if (char === ' ' || char === '\n') expect(source).toMatch(/\s/u);
      else expect(source.normalize('NFKC').toLowerCase()).toBe(char);
    }
    expect(normalized.origin[normalized.text.length]).toBe(original.length);
  });

  it('looks only at the first 200,000 characters', () => {
    const text = `${'x '.repeat(MAX_RULE_TEXT_CHARS / 2)}销售合同`;
    expect(matches(any('销售合同'), text).matched).toBe(false);
    expect(matches(any('销售合同'), `销售合同${text}`).matched).toBe(true);
  });
});
