import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/api/appError.ts';
import { classificationRuleSchema, parseClassificationRule } from '../../../../src-shared/rules/classification/classificationRule.ts';
import { reasonText } from '../../../helpers/reasonText.ts';

function refusal(input: unknown): AppError {
  try {
    parseClassificationRule(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected RULE_INVALID');
}

const valid = {
  id: '0123456789abcdef0123456789abcdef',
  target: { kind: 'tag', value: '加急' },
  rule: { algorithm: 'any', pattern: '加急 urgent' },
  priority: 5,
  enabled: true,
  builtin: false,
};

describe('classification rule schema', () => {
  it('accepts each kind of target', () => {
    expect(parseClassificationRule(valid)).toEqual(valid);
    expect(parseClassificationRule({ ...valid, id: 'builtin-nda-zh', target: { kind: 'type', value: 'nda' } }).target).toEqual({ kind: 'type', value: 'nda' });
    const customer = { kind: 'customer', value: 'f'.repeat(32) };
    expect(parseClassificationRule({ ...valid, target: customer, rule: { algorithm: 'regex', pattern: '甲方[:：]\\s*某某', caseSensitive: true } }).target).toEqual(customer);
  });

  it('refuses bad shapes with RULE_INVALID naming the field', () => {
    expect(reasonText(refusal({ ...valid, target: { kind: 'type', value: 'loan' } }))).toMatch(/^target\.value: /);
    expect(reasonText(refusal({ ...valid, target: { kind: 'customer', value: 'Acme' } }))).toMatch(/^target\.value: customer id/);
    expect(reasonText(refusal({ ...valid, rule: { algorithm: 'auto', pattern: 'x' } }))).toMatch(/^rule\.algorithm: /);
    expect(reasonText(refusal({ ...valid, priority: 1.5 }))).toMatch(/^priority: /);
    expect(reasonText(refusal({ ...valid, id: 'Has Spaces' }))).toMatch(/^id: rule id/);
    expect(refusal({ ...valid, extra: 1 }).code).toBe('RULE_INVALID');
  });

  it('refuses a hostile or broken pattern at creation, with the reason', () => {
    expect(reasonText(refusal({ ...valid, rule: { algorithm: 'regex', pattern: '(a+)+$' } }))).toMatch(/^regular expression: nested quantifier/);
    expect(reasonText(refusal({ ...valid, rule: { algorithm: 'regex', pattern: '[' } }))).toMatch(/^regular expression: Invalid regular expression/);
    expect(reasonText(refusal({ ...valid, rule: { algorithm: 'all', pattern: '   ' } }))).toBe('the rule lists no words');
    expect(reasonText(refusal({ ...valid, rule: { algorithm: 'regex', pattern: '(a+)+$' } }), 'zh-CN')).toMatch(/^正则表达式：位置 \d+ 有嵌套的量词/);
  });

  it('is a zod schema the API map can reuse', () => {
    expect(classificationRuleSchema.safeParse(valid).success).toBe(true);
    expect(classificationRuleSchema.safeParse({ ...valid, rule: { algorithm: 'regex', pattern: '(?=x)' } }).success).toBe(false);
  });
});
