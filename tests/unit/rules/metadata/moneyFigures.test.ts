import { describe, expect, it } from 'vitest';
import { localizedDecimal, parseLocalizedMoney, shiftDecimal } from '../../../../src-shared/rules/money.ts';
import { parseChineseAmount } from '../../../../src-shared/rules/metadata/chineseAmount.ts';

describe('figures in any thousands convention', () => {
  it.each([
    ['1,200,000.50', false, '1200000.50'],
    ['1.200.000,50', false, '1200000.50'],
    ['1.200.000', false, '1200000'],
    ["1'200'000.00", false, '1200000.00'],
    ['12,50', false, '12.50'],
    ['12,500', false, '12500'],
    ['12.000', false, '12.000'],
    ['12.000', true, '12000'],
    ['3500.5', false, '3500.5'],
    ['1,20,000', false, null],
    ['1.200,000.5', false, null],
  ] as const)('%s (dot groups thousands: %s) → %s', (figure, dots, expected) => {
    expect(localizedDecimal(figure, dots)).toBe(expected);
  });

  it('converts to exact minor units per currency', () => {
    expect(parseLocalizedMoney('€12.000,00'.slice(1), 'EUR', true)).toEqual({ minor: 1200000, currency: 'EUR' });
    expect(parseLocalizedMoney('12.000', 'USD')).toBeNull(); // three decimals for a two-decimal currency
    expect(parseLocalizedMoney('1,200,000', 'JPY')).toEqual({ minor: 1200000, currency: 'JPY' });
    expect(parseLocalizedMoney('0.1', 'CNY')).toEqual({ minor: 10, currency: 'CNY' });
  });

  it('scales by 万 and 亿 without floating point', () => {
    expect(shiftDecimal('12.5', 4)).toBe('125000');
    expect(shiftDecimal('12.3456', 4)).toBe('123456');
    expect(shiftDecimal('0.00015', 4)).toBe('1.5');
    expect(shiftDecimal('3', 8)).toBe('300000000');
    expect(shiftDecimal('1,000', 4)).toBeNull();
  });
});

describe('amounts in Chinese numerals (大写)', () => {
  it.each([
    ['壹拾贰万元整', 12000000],
    ['壹佰贰拾万零叁佰肆拾伍元陆角柒分', 120034567],
    ['壹拾万零伍佰元整', 10050000],
    ['叁仟伍佰元伍角', 350050],
    ['壹佰零壹万零壹佰零壹元零壹分', 101010101],
    ['贰佰万圆整', 200000000],
    ['一百二十万元', 120000000],
    ['壹拾贰萬元正', 12000000],
  ] as const)('%s → %d 分', (text, minor) => {
    expect(parseChineseAmount(text)).toBe(minor);
  });

  it('refuses garbled numerals', () => {
    expect(parseChineseAmount('壹拾拾万元整')).toBeNull();
    expect(parseChineseAmount('壹拾贰万')).toBeNull(); // no 元: not an amount
    expect(parseChineseAmount('壹拾贰万元整伍角')).toBeNull();
  });
});
