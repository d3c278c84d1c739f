import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/api/appError.ts';
import { compileLinearRegex } from '../../../../src-shared/rules/classification/linearRegex.ts';
import { matches, validateMatchRule } from '../../../../src-shared/rules/classification/matchRule.ts';
import { reasonText } from '../../../helpers/reasonText.ts';

function detailOf(pattern: string): string {
  try {
    validateMatchRule({ algorithm: 'regex', pattern });
  } catch (error) {
    if (error instanceof AppError && error.code === 'RULE_INVALID') return reasonText(error);
    throw error;
  }
  throw new Error(`expected ${pattern} to be refused`);
}

/** Deterministic PRNG (mulberry32), so the differential test is reproducible. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fastest of `runs` calls after warm-up calls (JIT). On a shared 2-core machine other processes
 * only ever add time, so the minimum is the measure of the work itself.
 */
function fastestMs(work: () => void, runs = 7, warmUps = 2): number {
  for (let k = 0; k < warmUps; k += 1) work();
  let best = Infinity;
  for (let k = 0; k < runs; k += 1) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const contractPage = `第一条 合同标的 甲方向乙方采购设备一批，具体规格见附件。第二条 价款 合同总价为人民币壹拾贰万元整（¥120,000.00）。
Article 3. Payment shall be made within thirty (30) days after receipt of a valid invoice. 第四条 交付 乙方应于收到预付款后十五日内交货。\n`;

describe('regex rules: validation at creation', () => {
  it('refuses syntax errors with the engine’s reason', () => {
    expect(detailOf('(unclosed')).toMatch(/^regular expression: Invalid regular expression: .*Unterminated group/);
    expect(detailOf('[z-a]')).toMatch(/Range out of order|out of order/i);
  });

  it('refuses the classic catastrophic shapes: nested quantifiers', () => {
    for (const hostile of ['(a+)+$', '(a*)*b', '(\\w+\\s?)*$', '(?:a|aa)+(?:b+)*', '((ab)*c)+', '(x{1,5}){1,5}']) {
      expect(detailOf(hostile)).toMatch(/nested quantifier/);
    }
  });

  it('refuses backreferences and lookaround, which no linear-time engine can run', () => {
    expect(detailOf('(a)\\1')).toMatch(/backreference/);
    expect(detailOf('(?<x>a)\\k<x>')).toMatch(/backreference/);
    expect(detailOf('合同(?=编号)')).toMatch(/lookaround/);
    expect(detailOf('(?<!补充)协议')).toMatch(/lookaround/);
  });

  it('refuses patterns that would match every document, and oversized ones', () => {
    expect(detailOf('a*')).toMatch(/empty text/);
    expect(detailOf('^|x')).toMatch(/empty text/);
    expect(detailOf('a{1001}')).toMatch(/above 1000/);
    expect(detailOf('x'.repeat(1001))).toMatch(/longer than 1000/);
    expect(detailOf('(?:abcdefghij){0,1}'.repeat(10) + 'k{999}'.repeat(6))).toMatch(/too complex/);
  });

  it('accepts the patterns a rule typically needs', () => {
    for (const pattern of ['合同编号[:：]\\s*HT-\\d{4}-\\d+', '^甲方[（(]出租方[)）]', '\\bNDA\\b', '(?:保密|不披露)协议', '租赁期限.{0,20}年', '[\\p{Script=Han}]{2,10}有限公司']) {
      expect(() => validateMatchRule({ algorithm: 'regex', pattern })).not.toThrow();
    }
  });
});

describe('regex rules: evaluation', () => {
  it('finds matches with line anchors, case folding and the original text as evidence', () => {
    expect(matches({ algorithm: 'regex', pattern: '^乙方[:：]\\s*(\\S+)' }, '甲方：某某\n乙方：上海蓝鲸网络科技有限公司\n')).toMatchObject({
      matched: true,
      evidence: '乙方：上海蓝鲸网络科技有限公司',
    });
    expect(matches({ algorithm: 'regex', pattern: 'contract no\\.\\s*[a-z]{2}-\\d+' }, 'CONTRACT NO.  HT-2024')).toMatchObject({ matched: true, evidence: 'CONTRACT NO. HT-2024' });
    expect(matches({ algorithm: 'regex', pattern: 'contract no', caseSensitive: true }, 'CONTRACT NO').matched).toBe(false);
    // OCR spacing between Han characters is removed before a regex sees the text.
    expect(matches({ algorithm: 'regex', pattern: '保密协议' }, '保 密 协 议').matched).toBe(true);
  });

  it('agrees with V8 on where a match starts and ends (1,500 random patterns × 5 texts)', () => {
    const next = random(20240601);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const atoms = ['a', 'b', '.', '[ab]', '\\d', '\\s', '[^a]', '合', '同', 'A', '\\w', '\\p{Script=Han}'];
    const quantifiers = ['', '', '*', '+', '?', '{1,3}', '*?', '+?', '{2}', '??'];
    const generate = (depth: number): string => {
      let out = '';
      const length = 1 + Math.floor(next() * 4);
      for (let k = 0; k < length; k += 1) {
        const r = next();
        if (r < 0.08) out += '^';
        else if (r < 0.13) out += '$';
        else if (r < 0.18) out += '\\b';
        else if (r < 0.33 && depth < 2) out += `(${generate(depth + 1)}|${generate(depth + 1)})`;
        else out += pick(atoms) + pick(quantifiers);
      }
      return out;
    };
    const alphabet = ['a', 'b', 'c', ' ', '\n', '1', '合', '同', 'A', '_', '😀'];
    let compared = 0;
    for (let n = 0; n < 1500; n += 1) {
      const source = generate(0);
      const ignoreCase = next() < 0.3;
      let regex;
      try {
        regex = compileLinearRegex(source, { ignoreCase });
      } catch {
        continue; // nullable or nested: refused by design
      }
      for (let k = 0; k < 5; k += 1) {
        let text = '';
        const length = Math.floor(next() * 14);
        for (let c = 0; c < length; c += 1) text += pick(alphabet);
        const ours = regex.exec(text).match;
        const v8 = new RegExp(source, ignoreCase ? 'ium' : 'um').exec(text);
        expect({ source, text, at: ours ? [ours.start, ours.end] : null }).toEqual({ source, text, at: v8 ? [v8.index, v8.index + v8[0].length] : null });
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it('evaluates a rule over a 1 MB contract within 50 ms (only the first 200,000 characters are read)', () => {
    const text = contractPage.repeat(Math.ceil(1_000_000 / contractPage.length));
    expect(text.length).toBeGreaterThan(1_000_000);
    const rule = { algorithm: 'regex' as const, pattern: '合同编号[:：]\\s*HT-\\d{4}-\\d+' };
    let outcome = matches(rule, text);
    const ms = fastestMs(() => {
      outcome = matches(rule, text);
    });
    expect(outcome).toEqual({ matched: false });
    expect(ms).toBeLessThan(50);
  });

  it('stays linear on patterns that make a backtracking engine take minutes', () => {
    // V8 needs ~0.3 s for [\s\S]*x on 20,000 characters and ~30 s on 200,000; a*a*x is cubic.
    const text = 'a'.repeat(200_000);
    for (const pattern of ['[\\s\\S]*x', '.*x', 'a*a*x', '(?:a|b)*x', '\\w+\\s*\\w+x']) {
      const regex = compileLinearRegex(pattern, { ignoreCase: true });
      const ms = fastestMs(() => {
        expect(regex.exec(text)).toEqual({ match: null, exhausted: false });
      }, 2, 0);
      expect(ms).toBeLessThan(1000);
    }
  });

  it('stops a pattern that keeps hundreds of threads alive at its step budget, and says so', () => {
    const text = 'a'.repeat(200_000);
    const regex = compileLinearRegex('a{0,200}a{0,200}x', { ignoreCase: false });
    const started = performance.now();
    expect(regex.exec(text)).toEqual({ match: null, exhausted: true });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(matches({ algorithm: 'regex', pattern: 'a{0,200}a{0,200}x' }, text)).toEqual({ matched: false, incomplete: true });
    // The same pattern still decides quickly on a short text.
    expect(regex.exec('aaax').match).toEqual({ start: 0, end: 4 });
  });
});
