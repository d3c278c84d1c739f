import { describe, expect, it } from 'vitest';
import type { ClassificationRule } from '../../../../src-shared/rules/classification/classificationRule.ts';
import { parseClassificationRule } from '../../../../src-shared/rules/classification/classificationRule.ts';
import { classify, createClassifier, customerNameRuleId, titleZoneText } from '../../../../src-shared/rules/classification/classify.ts';
import { defaultClassificationRules } from '../../../../src-shared/rules/classification/defaultRules.ts';
import { classificationFixtures } from '../../../fixtures/classificationTexts.ts';

const defaults = defaultClassificationRules();
const acmeId = 'a'.repeat(32);
const globexId = 'b'.repeat(32);

function rule(overrides: Partial<ClassificationRule> & Pick<ClassificationRule, 'id' | 'target' | 'rule'>): ClassificationRule {
  return parseClassificationRule({ priority: 0, enabled: true, builtin: false, ...overrides });
}

describe('default type rules', () => {
  it('are valid rules: one zh and one en per contract type except other', () => {
    expect(defaults).toHaveLength(16);
    for (const r of defaults) expect(parseClassificationRule(r)).toEqual(r);
    expect(new Set(defaults.map((r) => r.id)).size).toBe(16);
  });

  it(`classify all ${classificationFixtures.length} fixture openings correctly`, () => {
    expect(classificationFixtures.length).toBeGreaterThanOrEqual(16);
    const classifier = createClassifier(defaults);
    const outcome = classificationFixtures.map((f) => ({ name: f.name, type: classifier.classify(f).type?.value }));
    expect(outcome).toEqual(classificationFixtures.map((f) => ({ name: f.name, type: f.expected })));
  });

  it('explains the MSA trap: framework from the title, although the body names an NDA', () => {
    const msa = classificationFixtures.find((f) => f.name.startsWith('en MSA'));
    if (!msa) throw new Error('fixture missing');
    const result = classify(msa, defaults);
    expect(result.type).toEqual({ value: 'framework', ruleId: 'builtin-framework-en', evidence: 'MASTER SERVICES AGREEMENT', zone: 'title' });
    // Without its title zone the same text would be taken for what its boilerplate mentions.
    const bodyOnly = classify({ title: '', pages: ['', ...msa.pages.slice(1)] }, defaults);
    expect(bodyOnly.type).toMatchObject({ value: 'amendment', zone: 'body', evidence: 'AMENDMENT' });
  });

  it('does not read an amendment into a contract whose body only allows amendments', () => {
    const sales = classify(classificationFixtures[0] ?? { title: '', pages: [] }, defaults);
    expect(sales.type).toMatchObject({ value: 'sales', zone: 'title', evidence: '销售合同' });
  });

  it('leaves the type unset when no rule matches', () => {
    expect(classify({ title: 'scan_0001', pages: ['Invoice 2024-17\nTotal due: USD 400'] }, defaults)).toEqual({ tags: [], skippedRuleIds: [] });
  });
});

describe('precedence', () => {
  const leaseUser = rule({ id: 'user-lease', target: { kind: 'type', value: 'lease' }, rule: { algorithm: 'any', pattern: '仓库' } });

  it('zone first: a title match beats a higher-priority body match', () => {
    const doc = { title: '仓储服务合同', pages: ['仓储服务合同\n甲方：某物流公司', '乙方提供仓库一处'] };
    const result = classify(doc, [...defaults, { ...leaseUser, priority: 500 }]);
    expect(result.type).toMatchObject({ value: 'service', zone: 'title' });
  });

  it('then the earlier line of the title zone, then priority, then the earliest position', () => {
    expect(classify({ title: 'x', pages: ['销售合同补充协议'] }, defaults).type?.value).toBe('amendment');
    expect(classify({ title: 'x', pages: ['销售合同\n补充协议见附件'] }, defaults).type?.value).toBe('sales');
    expect(classify({ title: 'x', pages: ['销售合同及采购合同'] }, defaults).type?.value).toBe('sales');
    expect(classify({ title: 'x', pages: ['采购合同；销售合同'] }, defaults).type?.value).toBe('purchase');
  });

  it('a user rule wins a full tie against a builtin one; disabled and none rules never match', () => {
    const doc = { title: '', pages: ['保密协议'] };
    const userNda = rule({ id: 'user-nda', target: { kind: 'type', value: 'employment' }, rule: { algorithm: 'exact', pattern: '保密协议' }, priority: 10 });
    expect(classify(doc, [...defaults, userNda]).type?.ruleId).toBe('user-nda');
    expect(classify(doc, [...defaults, { ...userNda, enabled: false }]).type?.ruleId).toBe('builtin-nda-zh');
    expect(classify(doc, [{ ...userNda, rule: { algorithm: 'none', pattern: '保密协议' } }]).type).toBeUndefined();
  });

  it('a user can raise a rule above the defaults within the same zone', () => {
    const doc = { title: '', pages: ['设备租赁及维护服务合同'] };
    expect(classify(doc, defaults).type?.value).toBe('lease');
    const service = rule({ id: 'user-service', target: { kind: 'type', value: 'service' }, rule: { algorithm: 'exact', pattern: '维护服务' }, priority: 50 });
    expect(classify(doc, [...defaults, service]).type?.value).toBe('service');
  });
});

describe('tags and customers', () => {
  const tagRules = [
    rule({ id: 'tag-urgent', target: { kind: 'tag', value: '加急' }, rule: { algorithm: 'any', pattern: '加急 urgent' } }),
    rule({ id: 'tag-usd', target: { kind: 'tag', value: 'USD' }, rule: { algorithm: 'regex', pattern: '(?:USD|US\\$)\\s?\\d' } }),
    rule({ id: 'tag-usd-2', target: { kind: 'tag', value: 'USD' }, rule: { algorithm: 'exact', pattern: 'US dollars' } }),
    rule({ id: 'tag-gov', target: { kind: 'tag', value: 'government' }, rule: { algorithm: 'all', pattern: '政府 采购' } }),
  ];

  it('applies every matching tag once, with its best evidence', () => {
    const result = classify({ title: 'PO', pages: ['URGENT purchase order', 'Total USD 4,000 (four thousand US dollars)'] }, [...defaults, ...tagRules]);
    expect(result.tags).toEqual([
      { value: '加急', ruleId: 'tag-urgent', evidence: 'URGENT', zone: 'title' },
      { value: 'USD', ruleId: 'tag-usd', evidence: 'USD 4', zone: 'body' },
    ]);
    expect(result.type?.value).toBe('purchase');
  });

  it('links a customer by rule, or by its name when no rule says otherwise', () => {
    const customers = [
      { id: acmeId, name: 'Acme Corporation' },
      { id: globexId, name: '上海环球电子有限公司' },
    ];
    const byRule = rule({ id: 'cust-acme', target: { kind: 'customer', value: acmeId }, rule: { algorithm: 'any', pattern: 'acme ACME-CORP' } });
    const page = '甲方：上海环球电子有限公司\n乙方：某某\n付款方 ACME-CORP 代付';
    expect(classify({ title: '', pages: [page] }, [byRule], customers).customer).toEqual({ value: acmeId, ruleId: 'cust-acme', evidence: 'ACME', zone: 'title' });
    expect(classify({ title: '', pages: [page] }, [], customers).customer).toEqual({
      value: globexId,
      ruleId: customerNameRuleId(globexId),
      evidence: '上海环球电子有限公司',
      zone: 'title',
    });
    // A rule for a customer that no longer exists is ignored; very short names never link by name.
    expect(classify({ title: '', pages: [page] }, [byRule], [{ id: globexId, name: 'AB' }]).customer).toBeUndefined();
  });
});

describe('robustness', () => {
  it('skips a stored rule that no longer compiles instead of failing the import', () => {
    const broken = { ...defaults[0], id: 'legacy-bad', rule: { algorithm: 'regex', pattern: '(a+)+' } } as ClassificationRule;
    const result = classify({ title: '', pages: ['补充协议'] }, [...defaults, broken]);
    expect(result.skippedRuleIds).toEqual(['legacy-bad']);
    expect(result.type?.value).toBe('amendment');
  });

  it('builds the title zone from the first lines of page 1, then the title', () => {
    expect(titleZoneText({ title: 'file  name', pages: ['\n  合同编号：1 \n\n房屋租赁合同\n甲方：A\n乙方：B\n第一条'] })).toBe('合同编号：1\n房屋租赁合同\n甲方：A\n乙方：B\nfile name');
  });

  it('classifies a 300-page document with the defaults quickly', () => {
    const page = classificationFixtures[0]?.pages[1] ?? '';
    const doc = { title: 'long', pages: Array.from({ length: 300 }, () => page) };
    const classifier = createClassifier(defaults);
    classifier.classify(doc);
    const started = performance.now();
    const result = classifier.classify(doc);
    const ms = performance.now() - started;
    expect(result.type?.value).toBe('amendment');
    expect(result.type?.zone).toBe('title'); // boilerplate on page 1 had no heading above it
    expect(ms).toBeLessThan(500);
  });
});
