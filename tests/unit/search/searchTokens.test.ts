import { describe, expect, it } from 'vitest';
import { cjkPairs, indexTokens, textPieces } from '../../../src-shared/rules/search/searchTokens.ts';

describe('search terms', () => {
  it('cuts Chinese runs into overlapping pairs and keeps Latin words whole', () => {
    expect(indexTokens('纷享销客合同管理系统 Termination clause')).toEqual([
      '纷享', '享销', '销客', '客合', '合同', '同管', '管理', '理系', '系统', 'termination', 'clause',
    ]);
  });

  it('splits where Chinese meets Latin letters or digits, without spaces', () => {
    expect(indexTokens('NDA保密协议2024年')).toEqual(['nda', '保密', '密协', '协议', '2024', '年']);
  });

  it('keeps a lone Chinese character as its own term', () => {
    expect(cjkPairs('付')).toEqual(['付']);
    expect(indexTokens('付，款')).toEqual(['付', '款']);
  });

  it('reads a Chinese phrase across spaces and line breaks as one run (letter-spaced titles, wrapped PDF lines)', () => {
    expect(indexTokens('保 密 协 议')).toEqual(['保密', '密协', '协议']);
    expect(indexTokens('电子签\n章')).toEqual(['电子', '子签', '签章']);
    // In a query a space separates words.
    expect(textPieces('付款 期限', 'query').map((p) => p.text)).toEqual(['付款', '期限']);
  });

  it('folds case, full width and accents', () => {
    expect(indexTokens('ＴＥＲＭＩＮＡＴＩＯＮ Résumé PDF')).toEqual(['termination', 'resume', 'pdf']);
  });

  it('indexes codes whole and in parts', () => {
    expect(indexTokens('合同编号 HT-2024-0153')).toEqual(['合同', '同编', '编号', 'ht-2024-0153', 'ht', '2024', '0153']);
    expect(indexTokens('¥1,200,000.00')).toEqual(['1,200,000.00', '1', '200', '000', '00']);
  });

  it('ignores punctuation, symbols and overlong runs', () => {
    expect(indexTokens('!!! ...??? ¥ — 《》')).toEqual([]);
    expect(indexTokens('a'.repeat(41))).toEqual([]);
    expect(textPieces('x'.repeat(41) + '-ok').map((p) => p.text)).toEqual(['ok']);
  });

  it('survives unpaired surrogates and regex metacharacters', () => {
    expect(indexTokens('\uD800abc .*+?^${}()|[]\\')).toEqual(['abc']);
  });

  it('keeps Japanese kana in pairs and Korean words whole', () => {
    expect(indexTokens('けいやく 계약서')).toEqual(['けい', 'いや', 'やく', '계약서']);
  });
});
