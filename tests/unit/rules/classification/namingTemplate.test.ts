import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/api/appError.ts';
import { DEFAULT_NAMING_TEMPLATE, renderName, validateTemplate } from '../../../../src-shared/rules/classification/namingTemplate.ts';
import type { NamingLocale } from '../../../../src-shared/rules/classification/namingTemplate.ts';
import { toSafeFileName } from '../../../../src-shared/rules/classification/safeFileName.ts';
import { reasonText } from '../../../helpers/reasonText.ts';

const zh: NamingLocale = { typeLabels: { sales: '销售合同', nda: '保密协议', lease: '租赁合同' }, fallbackName: '合同' };
const en: NamingLocale = { typeLabels: { sales: 'Sales', nda: 'NDA' }, fallbackName: 'contract' };

function detail(template: string): string {
  try {
    validateTemplate(template);
  } catch (error) {
    if (error instanceof AppError && error.code === 'RULE_INVALID') return reasonText(error);
    throw error;
  }
  throw new Error(`expected ${template} to be refused`);
}

describe('renderName', () => {
  const full = { customer: '上海启明电子科技有限公司', type: 'sales' as const, signingDate: '2024-03-12', number: 'XS-2024-0158', title: '产品销售合同' };

  it('renders the default template with Chinese and English labels', () => {
    expect(renderName(DEFAULT_NAMING_TEMPLATE, full, zh)).toBe('上海启明电子科技有限公司-销售合同-2024-03-12-XS-2024-0158');
    expect(renderName(DEFAULT_NAMING_TEMPLATE, { ...full, customer: 'Acme Corp.' }, en)).toBe('Acme Corp.-Sales-2024-03-12-XS-2024-0158');
    expect(renderName('{type}', { type: 'purchase' }, en)).toBe('purchase');
  });

  it('formats dates with date-fns tokens, and derives {year}', () => {
    expect(renderName('{signingDate:yyyyMMdd}_{customer}', full, zh)).toBe('20240312_上海启明电子科技有限公司');
    expect(renderName('{signingDate:yyyy年M月d日}{title}', full, zh)).toBe('2024年3月12日产品销售合同');
    expect(renderName('{year}/{number}'.replace('/', '-'), full, zh)).toBe('2024-XS-2024-0158');
    expect(renderName('{year} {number}', { number: 'N1', year: 2023 }, zh)).toBe('2023 N1');
    expect(renderName('{endDate:yy.MM} {startDate}', { startDate: '2024-01-31', endDate: '2026-12-31' }, en)).toBe('26.12 2024-01-31');
  });

  it('collapses a missing value with one adjacent separator, never leaving -- or a dangling separator', () => {
    expect(renderName(DEFAULT_NAMING_TEMPLATE, { ...full, type: null }, zh)).toBe('上海启明电子科技有限公司-2024-03-12-XS-2024-0158');
    expect(renderName(DEFAULT_NAMING_TEMPLATE, { ...full, customer: undefined }, zh)).toBe('销售合同-2024-03-12-XS-2024-0158');
    expect(renderName(DEFAULT_NAMING_TEMPLATE, { ...full, number: '' }, zh)).toBe('上海启明电子科技有限公司-销售合同-2024-03-12');
    expect(renderName(DEFAULT_NAMING_TEMPLATE, { customer: '甲公司', number: 'N1' }, zh)).toBe('甲公司-N1');
    expect(renderName('{customer} - {type} - {number}', { customer: 'Acme', number: '7' }, en)).toBe('Acme - 7');
    expect(renderName('{customer}（{type}）{number}', { customer: '甲公司', number: 'N1' }, zh)).toBe('甲公司N1');
    expect(renderName('{customer} ({type}) {number}', { customer: 'Acme', number: 'N1' }, en)).toBe('Acme N1');
    expect(renderName('合同_{customer}_{number}', { number: '9' }, zh)).toBe('合同_9');
    expect(renderName('{customer}_{signingDate:yyyyMMdd}', { customer: 'Acme', signingDate: '2024-02-30' }, en)).toBe('Acme');
  });

  it('falls back to the locale’s name when nothing is left', () => {
    expect(renderName(DEFAULT_NAMING_TEMPLATE, {}, zh)).toBe('合同');
    expect(renderName('{title}', { title: ' ... ' }, en)).toBe('contract');
  });

  it('makes values safe: path separators, reserved characters, control and bidi characters', () => {
    expect(renderName('{number} {customer}', { number: 'SC/24/001', customer: 'A:B <Holdings> "HK" *Ltd?' }, en)).toBe('SC-24-001 A-B Holdings HK Ltd');
    expect(renderName('{title}', { title: 'invoice\u202Efdp.exe\nsecond line\u0007' }, en)).toBe('invoicefdp.exe second line');
    expect(renderName('{title}', { title: '../../etc/passwd' }, en)).toBe('etc-passwd');
  });

  it('avoids Windows device names and caps the length in characters and UTF-8 bytes', () => {
    expect(renderName('{customer}', { customer: 'CON' }, en)).toBe('CON_');
    expect(renderName('{customer}.{number}', { customer: 'aux', number: '1' }, en)).toBe('aux_.1');
    expect(renderName('{title}', { title: 'x'.repeat(500) }, en)).toHaveLength(180);
    const chinese = renderName('{title}', { title: '合同'.repeat(200) }, zh);
    expect(new TextEncoder().encode(chinese).length).toBeLessThanOrEqual(240);
    expect(chinese).toBe('合同'.repeat(40));
  });
});

describe('validateTemplate', () => {
  it('refuses unknown placeholders, stray braces, bad formats and unsafe characters', () => {
    expect(detail('{customer}-{kunde}')).toMatch(/unknown placeholder \{kunde\}/);
    expect(detail('{customer')).toMatch(/never closed/);
    expect(detail('customer}')).toMatch(/closes nothing/);
    expect(detail('{number:yyyy}')).toMatch(/takes no format/);
    expect(detail('{signingDate:YYYY-MM-DD}')).toMatch(/"YYYY" .* is not a date token/);
    expect(detail('{signingDate:HH}')).toMatch(/not a date token/);
    expect(detail('{customer}/{type}')).toMatch(/"\/" is not allowed/);
    expect(detail('plain text')).toMatch(/no placeholder/);
  });

  it('accepts what renderName documents', () => {
    expect(() => validateTemplate('{customer}-{type}-{signingDate:yyyyMMdd}-{number} {title} {year} {startDate} {endDate:yyyy年M月}')).not.toThrow();
  });
});

describe('toSafeFileName', () => {
  it('trims dots and separators at the ends and keeps inner ones', () => {
    expect(toSafeFileName(' .hidden name. ', 'x')).toBe('hidden name');
    expect(toSafeFileName('-rf', 'x')).toBe('rf');
    expect(toSafeFileName('', '')).toBe('_');
    expect(toSafeFileName('😀'.repeat(100), 'x')).toBe('😀'.repeat(60));
  });
});
