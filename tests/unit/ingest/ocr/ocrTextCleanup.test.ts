import { describe, expect, it } from 'vitest';
import { cleanOcrText } from '../../../../src-main/core/ingest/ocr/ocrTextCleanup.ts';

describe('cleanOcrText', () => {
  it('removes the spaces tesseract puts between Han characters', () => {
    expect(cleanOcrText('付款 期 限 为 三 十 日')).toBe('付款期限为三十日');
    expect(cleanOcrText('北京 纷 享 科技 有 限 公司')).toBe('北京纷享科技有限公司');
  });

  it('joins Chinese punctuation and turns ASCII punctuation after Han into its full-width form', () => {
    expect(cleanOcrText('甲 方 : 北京 纷 享 科技 有 限 公司')).toBe('甲方：北京纷享科技有限公司');
    expect(cleanOcrText('合同 编号 : HT-2024-0012')).toBe('合同编号：HT-2024-0012');
    expect(cleanOcrText('本 合同 一 式 两 份 , 双方 各 执 一 份 。')).toBe('本合同一式两份，双方各执一份。');
    expect(cleanOcrText('金额 （ 大写 ） ： 壹拾贰万元整')).toBe('金额（大写）：壹拾贰万元整');
  });

  it('turns ASCII parentheses around Chinese next to Chinese into full-width ones', () => {
    expect(cleanOcrText('甲方 /PartyA : 德润科技 (广州) 有限公司')).toBe('甲方 /PartyA : 德润科技（广州）有限公司');
    expect(cleanOcrText('华信建设工程 (深圳) 有限公司\n(盖章)')).toBe('华信建设工程（深圳）有限公司\n(盖章)');
    expect(cleanOcrText('甲方(盖章)')).toBe('甲方（盖章）');
    expect(cleanOcrText('德润 科技 ( 广 州 ) 有 限 公司')).toBe('德润科技（广州）有限公司');
    expect(cleanOcrText('合同 ( )')).toBe('合同 ( )');
    // Latin inside, or nothing Chinese beside: left as it is.
    expect(cleanOcrText('Party A (甲方) signs')).toBe('Party A (甲方) signs');
    expect(cleanOcrText('合同 (HT-7) 附件')).toBe('合同 (HT-7) 附件');
  });

  it('keeps the spaces between Latin words, numbers, and between Latin and Chinese', () => {
    expect(cleanOcrText('The quick brown fox')).toBe('The quick brown fox');
    expect(cleanOcrText('Total: USD 12,500.00 due 1 March 2024')).toBe('Total: USD 12,500.00 due 1 March 2024');
    expect(cleanOcrText('Contract No. HT-7 合同 编号')).toBe('Contract No. HT-7 合同编号');
  });

  it('keeps line breaks, drops trailing spaces and collapses runs of blank lines', () => {
    expect(cleanOcrText('甲 方\n\n\n\n乙 方  \nParty B  \n')).toBe('甲方\n\n乙方\nParty B');
  });
});
